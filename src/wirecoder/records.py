"""Typed records passed between stages: the only vocabulary the stages share.

Data flows one way::

    ingest  -> RawInput | Rejection
    clean   -> Article            (or raises StageError -> Rejection)
    store   <- Result             (one per raw input)

Records are frozen; stages build new ones instead of mutating.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

InputKind = Literal["text", "html", "jsonl", "json", "warc"]
"""How a raw input's bytes are to be read. ``jsonl`` is one JSON object (one line of a JSON Lines file)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawInput:
    """One unit of input exactly as received: a file, a JSON Lines record or a WARC record."""

    input_hash: str
    """sha256 (hex) of ``content``: the identity used to skip inputs already ingested."""
    source: str
    """Where it came from: a path, ``path:LINE`` for JSON Lines, ``path@OFFSET`` for WARC, ``<stdin>``."""
    kind: InputKind
    content: bytes
    size: int
    received_at: dt.datetime
    url: str | None = None
    """The page's URL when the container says it (WARC target URI)."""
    schema_version: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """An input that could not be turned into an article, with the reason."""

    input_hash: str
    source: str
    stage: str
    """``read`` (the bytes could not be had), ``decode``, ``parse`` or ``clean``."""
    code: str
    """Stable error code, e.g. ``E101``; see :mod:`wirecoder.errors`."""
    message: str
    size: int | None = None
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "input_hash": self.input_hash,
            "source": self.source,
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned news article. ``to_dict`` gives the public JSON shape (exactly these field names)."""

    id: str
    """Stable content hash (16 hex digits) of the normalised title and body."""
    source: str
    publisher: str | None
    title: str | None
    published: dt.date | None
    authors: tuple[str, ...]
    dateline: str | None
    """Where the reporter filed from, e.g. ``CAIRO``; not where the event happened."""
    body: tuple[str, ...]
    """Paragraphs of article text."""
    boilerplate: tuple[str, ...]
    """Lines set aside (navigation, byline line, related headlines, footer), kept for audit."""
    language: str | None
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "publisher": self.publisher,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "authors": list(self.authors),
            "dateline": self.dateline,
            "body": list(self.body),
            "boilerplate": list(self.boilerplate),
            "language": self.language,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """What the pipeline made of one raw input: an article, or a rejection."""

    input_hash: str
    source: str
    article: Article | None = None
    events: tuple[Any, ...] = field(default=())
    rejection: Rejection | None = None

    @property
    def ok(self) -> bool:
        return self.rejection is None
