"""Clean stage: :class:`RawInput` -> :class:`Article`.

Entry point: :func:`clean_article`. The cascade, in order:

1. parse the container (a JSON Lines record gives ``text`` or ``html`` plus optional metadata);
2. decode bytes to text (BOMs, UTF-8, declared or guessed charsets; binary is refused);
3. extract: HTML through trafilatura, text pages through the line-shape cleaner (:mod:`.textpage`);
4. metadata: title, publication date, authors, dateline, publisher; fields given by the input win;
5. identify the language and hash the content into the article id.

See ``docs/stages/clean.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from .. import errors
from ..errors import StageError
from ..records import Article, RawInput
from ..settings import Settings
from .decode import decode_text, repair_mojibake, scrub_text
from .html import declared_charset, extract_html
from .language import detect_language
from .metadata import clean_title, find_date, publisher_from_footer, split_dateline
from .textpage import clean_text_page

__all__ = ["article_id", "clean_article"]

_JSON_STRING_FIELDS = ("text", "html", "title", "date", "url", "publisher")


@dataclass(frozen=True, slots=True)
class _Given:
    """Metadata an input states about itself (JSON fields, a WARC URL)."""

    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None


def clean_article(raw: RawInput, *, settings: Settings) -> Article:
    """Turn one raw input into a clean :class:`Article`.

    Raises:
        StageError: with stage ``decode`` (empty, binary), ``parse`` (bad JSON record) or ``clean``
            (no article text). The message says what was wrong.
    """
    given = _Given(url=raw.url, source=raw.url)
    kind = raw.kind
    if kind in ("jsonl", "json"):
        record = _parse_record(raw.content)
        given = _given_from_record(record, raw)
        if isinstance(record.get("html"), str) and record["html"].strip():
            return _from_html(_prepare(record["html"], settings), raw=raw, given=given, settings=settings)
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise StageError("E202", errors.E202.format(detail="the record's 'text' is empty"), stage="clean")
        return _from_text(_prepare(text, settings), raw=raw, given=given, settings=settings)
    text = _prepare(decode_text(raw.content, declared=declared_charset(raw.content) if kind == "html" else None),
                    settings)
    if kind == "html":
        return _from_html(text, raw=raw, given=given, settings=settings)
    return _from_text(text, raw=raw, given=given, settings=settings)


def _prepare(text: str, settings: Settings) -> str:
    text = scrub_text(text)
    return repair_mojibake(text) if settings.repair_mojibake else text


def article_id(title: str | None, body: tuple[str, ...]) -> str:
    """16 hex digits of sha256 over the whitespace-normalised title and body: same text, same id."""
    text = "\n".join([title or "", *body])
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:16]


def _parse_record(content: bytes) -> dict[str, Any]:
    text = decode_text(content)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StageError("E111", errors.E111.format(reason=f"{exc.msg} at column {exc.colno}"), stage="parse") \
            from exc
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        raise StageError("E111", errors.E111.format(reason=f"{type(exc).__name__}: {str(exc)[:120]}"),
                         stage="parse") from exc
    if not isinstance(record, dict):
        raise StageError("E114", errors.E114.format(got=type(record).__name__), stage="parse")
    for name in _JSON_STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise StageError(
                "E113", errors.E113.format(name=name, expected="a string", got=type(value).__name__), stage="parse"
            )
    if not any(isinstance(record.get(name), str) for name in ("text", "html")):
        fields = ", ".join(sorted(record)[:12]) or "none"
        raise StageError("E112", errors.E112.format(fields=fields), stage="parse")
    return record


def _given_from_record(record: dict[str, Any], raw: RawInput) -> _Given:
    published = None
    if record.get("date"):
        value = record["date"].strip()
        try:
            published = dt.date.fromisoformat(value[:10])
        except ValueError:
            found = find_date(value)
            published = found[0] if found else None
    external_id = record.get("id")
    url = record.get("url") or raw.url
    if url:
        source = url
    elif isinstance(external_id, str | int) and str(external_id):
        source = f"{raw.source.rsplit(':', 1)[0]}#{external_id}"
    else:
        source = raw.source
    return _Given(
        title=scrub_text(record.get("title") or "").strip() or None,
        published=published,
        url=scrub_text(url) if url else None,
        publisher=scrub_text(record.get("publisher") or "").strip() or None,
        source=scrub_text(source),
    )


def _from_text(text: str, *, raw: RawInput, given: _Given, settings: Settings) -> Article:
    page = clean_text_page(text, title=given.title)
    if not page.body:
        raise StageError(
            "E202", errors.E202.format(detail=f"{len(page.boilerplate)} lines were all boilerplate"), stage="clean"
        )
    return _article(
        raw=raw, given=given, settings=settings, title=page.title, published=page.published,
        authors=tuple(page.authors), dateline=page.dateline, publisher=page.publisher,
        body=tuple(page.body), boilerplate=tuple(page.boilerplate),
    )


def _from_html(html: str, *, raw: RawInput, given: _Given, settings: Settings) -> Article:
    page = extract_html(html, url=given.url, settings=settings)
    title = given.title or page.title
    body = list(page.paragraphs)
    set_aside: list[str] = []
    if title and body and _norm(body[0]) == _norm(title):
        set_aside.append(body.pop(0))
    dateline = None
    if body:
        found = split_dateline(body[0])
        if found is not None:
            dateline = found[0].place
            set_aside.append(found[0].prefix)
            body[0] = found[1]
    if not body:
        raise StageError("E201", errors.E201.format(detail="only the headline was found"), stage="clean")
    kept = {_norm(p) for p in (*body, *page.paragraphs, title or "")}
    boilerplate: list[str] = []
    for line in (*set_aside, *page.page_lines):
        if _norm(line) not in kept and line not in boilerplate:
            boilerplate.append(line)
    boilerplate = _cap(boilerplate, settings.max_boilerplate_chars)
    publisher = page.publisher or _publisher_from_page(title, page.page_lines)
    return _article(
        raw=raw, given=given, settings=settings, title=title, published=page.published,
        authors=page.authors, dateline=dateline, publisher=publisher, body=tuple(body),
        boilerplate=tuple(boilerplate), source=given.source or page.url,
    )


def _article(
    *, raw: RawInput, given: _Given, settings: Settings, title: str | None, published: dt.date | None,
    authors: tuple[str, ...], dateline: str | None, publisher: str | None, body: tuple[str, ...],
    boilerplate: tuple[str, ...], source: str | None = None,
) -> Article:
    title = given.title or (clean_title(title) if title else None)
    language = detect_language(" ".join(body)) if settings.detect_language else None
    return Article(
        id=article_id(title, body),
        source=given.source or source or raw.source,
        publisher=given.publisher or publisher,
        title=title,
        published=given.published or published,
        authors=authors,
        dateline=dateline,
        body=body,
        boilerplate=boilerplate,
        language=language,
    )


def _publisher_from_page(title: str | None, lines: tuple[str, ...]) -> str | None:
    """The site name from a ``<title>`` like "Headline - Site Name", else from a copyright footer."""
    if title:
        for line in lines[:3]:
            if line.startswith(title) and len(line) > len(title) + 3:
                suffix = line[len(title):].strip(" -|–—:·")
                if 0 < len(suffix.split()) <= 6:
                    return suffix
    for line in reversed(lines[-20:]):
        for part in re.split(r"\s*[|·•]\s*", line):
            name = publisher_from_footer(part)
            if name:
                return name
    return None


def _cap(lines: list[str], limit: int) -> list[str]:
    out, used = [], 0
    for line in lines:
        if used + len(line) > limit:
            break
        out.append(line)
        used += len(line)
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
