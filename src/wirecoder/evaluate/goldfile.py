"""Reading gold JSON Lines files: one object per line, any bad line an E801 error naming ``path:line``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import WirecoderError


def records(path: Path, *, what: str, fields: str) -> Iterator[tuple[dict[str, Any], str, int]]:
    """``(record, "path:line", line)`` for each non-blank line of ``path``; ``what`` names one record ("gold
    document") and ``fields`` its required fields, for the messages."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise WirecoderError("E801", f"{where}: invalid JSON ({exc}); each line must be one {what} "
                                                 "object") from exc
                if not isinstance(record, dict):
                    raise WirecoderError("E801", f"{where}: a gold line must be a JSON object like {{{fields}}}, "
                                                 f"not {type(record).__name__}")
                yield record, where, number
    except OSError as exc:
        raise WirecoderError("E801", errors.E801.format(path=path, reason=exc)) from exc
    except UnicodeDecodeError as exc:
        raise WirecoderError("E801", errors.E801.format(path=path, reason=f"not UTF-8 text ({exc})")) from exc


def require(record: dict[str, Any], where: str, keys: tuple[str, ...], what: str) -> None:
    """Stop with E801 when a key is missing, or when ``id``/``text`` have the wrong type."""
    for key in keys:
        if key not in record:
            raise WirecoderError("E801", f"{where}: no '{key}'; {what} need {', '.join(keys)}")
    record_id = record.get("id")
    if "id" in keys and (isinstance(record_id, bool) or not isinstance(record_id, str | int)):
        raise WirecoderError("E801", f"{where}: 'id' must be a string or an integer, not {kind(record_id)}")
    if "text" in keys and not isinstance(record["text"], str):
        raise WirecoderError("E801", f"{where}: 'text' must be a string, not {kind(record['text'])}")


def non_empty(items: list, path: Path, reason: str) -> list:
    if not items:
        raise WirecoderError("E801", errors.E801.format(path=path, reason=reason))
    return items


def kind(value: object) -> str:
    """A value's type and the start of its JSON, for messages ("str \"12\"", "null")."""
    return "null" if value is None else f"{type(value).__name__} {json.dumps(value, default=str)[:40]}"


Parser = Callable[[dict[str, Any], str, int], Any]
