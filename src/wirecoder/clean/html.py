"""Clean an HTML page with trafilatura (body, title, author, site name) and htmldate (publication date)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .. import errors
from ..errors import StageError
from ..settings import Settings

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "dd", "dt", "pre", "title",
}
_SHORT_WORDS = 120
"""Below this many words, a precision-mode extraction is checked against a balanced one."""
_MIN_SENTENCE_WORDS = 8
"""An article has at least one paragraph this long; a page of link labels does not."""
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?([A-Za-z0-9_\-:.]{2,40})""", re.I)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    title: str | None
    published: dt.date | None
    authors: tuple[str, ...]
    publisher: str | None
    url: str | None
    paragraphs: tuple[str, ...]
    page_lines: tuple[str, ...]
    """Every visible text line of the page, in order (for working out what was set aside)."""


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def extract_html(html: str, *, url: str | None, settings: Settings) -> HtmlPage:
    """Run trafilatura on ``html``.

    Raises:
        StageError: E201 when trafilatura finds no article text.
    """
    document = _trafilatura(html, url=url, settings=settings, favor_precision=settings.html_favor_precision)
    text = (document.text if document is not None else None) or ""
    if settings.html_favor_precision and len(text.split()) < _SHORT_WORDS:
        # Precision mode sometimes keeps only a notice box; a balanced pass finding far more text wins.
        balanced = _trafilatura(html, url=url, settings=settings, favor_precision=False)
        balanced_text = (balanced.text if balanced is not None else None) or ""
        if len(balanced_text.split()) >= 2 * max(len(text.split()), 1):
            document, text = balanced, balanced_text
    paragraphs = tuple(line.strip() for line in text.split("\n") if line.strip())
    page_lines = _page_lines(html)
    if not any(_sentence_like(p) for p in paragraphs):  # links and labels only
        title = document.title if document is not None else None
        lines = len(page_lines)
        detail = f"{lines} line{'s' if lines != 1 else ''} of page text" + (f", title '{title[:80]}'" if title else "")
        raise StageError("E201", errors.E201.format(detail=detail), stage="clean")
    assert document is not None
    authors = tuple(a.strip() for a in (document.author or "").split(";") if a.strip())
    return HtmlPage(
        title=document.title or None,
        published=_iso_date(document.date),
        authors=authors,
        publisher=document.sitename or None,
        url=document.url or url,
        paragraphs=paragraphs,
        page_lines=page_lines,
    )


def _sentence_like(paragraph: str) -> bool:
    words = len(paragraph.split())
    # Scripts written without spaces (Japanese, Chinese, Thai) count by characters.
    return words >= _MIN_SENTENCE_WORDS or (len(paragraph) >= 20 and len(paragraph) / max(words, 1) > 15)


def _trafilatura(html: str, *, url: str | None, settings: Settings, favor_precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=settings.html_include_tables,
        favor_precision=favor_precision,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"},
    )


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _page_lines(html: str) -> tuple[str, ...]:
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ()
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (re.sub(r"\s+", " ", line).strip() for line in tree.text_content().split("\n"))
    return tuple(line for line in lines if line)
