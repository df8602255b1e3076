"""Helpers for tests (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from wirecoder.records import InputKind, RawInput

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"


def make_raw(content: bytes | str, *, kind: InputKind = "text", source: str = "test-input",
             url: str | None = None) -> RawInput:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawInput(
        input_hash=hashlib.sha256(data).hexdigest(), source=source, kind=kind, content=data, size=len(data),
        received_at=dt.datetime(2024, 1, 1), url=url,
    )
