"""Clean a scraped text page: title, date/byline line, dateline, body; set boilerplate aside.

A scraped page is a run of blocks (lines or blank-line separated paragraphs)::

    breadcrumb / navigation      -> boilerplate
    headline                     -> title
    date | byline line           -> published, authors (the line itself -> boilerplate)
    CITY -- first paragraph      -> dateline + body
    ... body paragraphs ...
    related headlines, footer    -> boilerplate

Each block is judged by its shape: length, end punctuation, capitalisation, separators and position.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .metadata import (
    MetaLine,
    bare_byline,
    clean_title,
    date_only_line,
    find_date,
    parse_meta_line,
    publisher_from_footer,
    split_dateline,
    trailer_authors,
)

_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", "…", ".»", "»", "。", "！", "？", "」", "』", "）")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
"""Kana, CJK ideographs, Hangul and Thai: scripts written without spaces between words."""
_NAV_MARKS = re.compile(r"\s[>»›|/]\s|^\W*(?:home|menu|you are here|skip to|log ?in|sign in)\b", re.I)
_GLUED_WORDS = re.compile(r"\b[A-Z][a-z]{3,}[A-Z][a-z]{3,}\b")  # "HomeCollections": menu items scraped without spaces
_FOOTER = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|all rights reserved|terms of (?:use|service)|privacy policy|cookie|"
    r"subscribe|sign up|newsletter|follow us|contact us|advertise|click here|share this|read more|"
    r"related (?:articles|stories|content|coverage)|more from|most (?:read|popular|viewed)|advertisement|"
    r"^photos?:|^video:|^(?:tags|topics|filed under)\s*:",
    re.I,
)
_CAPTION = re.compile(
    r"^\(?(?:(?:file\s+)?photos?|image|picture|caption|video|graphic|illustration|credit)\s*:", re.I
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|images?|getty|afp|reuters|ap|epa|pool)\b[^()]*)\)\s*$", re.I
)
"""A caption's closing credit: "(AP Photo/Jane Doe)", "(Reuters)", "(Getty Images)"."""
_KICKER = re.compile(
    r"^(?:related|see also|also read|read also|read more|more|watch|listen|recommended|editor'?s picks?|"
    r"don'?t miss|trending|popular|opinion|explainer)\s*:", re.I
)
"""A cross-link dropped into the body: "RELATED: …", "SEE ALSO: …", "Watch: …"."""
_TRAILER = re.compile(
    r"^\(?(?:(?:additional\s+)?(?:reporting|writing|editing|research)(?:\s+by)?\b|compiled by|"
    r"[\w .'’-]{0,60}\bcontributed(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)|our standards\b)",
    re.I,
)
"""Wire-copy credits at the end: "(Reporting by …; Editing by …)", "AP writer X contributed to this report."."""
_END_MARK = re.compile(r"^(?:_{3,}|-{3,}|\*{3,}|#{1,3}|-30-|- ?30 ?-|ENDS?|\(END\)|xxx)$", re.I)
"""Newswire end-of-story marks; what follows is not the story."""
_COMMENTS = re.compile(
    r"^(?:\d[\d,]*\s+(?:comments?|responses?|replies|thoughts? on)\b|(?:reader\s+)?comments\s*(?:\(\d+\))?$|"
    r"leave a (?:comment|reply)\b|join the (?:discussion|conversation)\b|add your comment|"
    r"(?:show|view|load) (?:\d+ )?comments)",
    re.I,
)
"""The start of a comment section; nothing below it is article text."""
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")
_TRAILING_TAG = re.compile(r"\s*\[[^\]\n]{1,40}\]$")  # "... no one. [PASSAGE OMITTED]"
_LEADING_TAGS = re.compile(r"^(?:\[[^\]\n]{1,60}\]\s*)+")


@dataclass(slots=True)
class TextPage:
    """The parts of a text page; :func:`clean_text_page` fills it, the caller builds the Article."""

    title: str | None = None
    published: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    publisher: str | None = None
    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def clean_text_page(text: str, *, title: str | None = None) -> TextPage:
    """Split a page's text into title, metadata, body and boilerplate.

    Args:
        text: the decoded page text.
        title: a title known from elsewhere (a JSON field); a block repeating it is set aside.
    """
    blocks = _blocks(text)
    page = TextPage(title=title)
    if not blocks:
        return page
    start = _body_start(blocks, page, known_title=title)
    end = _body_end(blocks, start)
    caseless = not any(ch.isupper() for ch in text[:5000])
    for index in range(start, end):
        block = blocks[index]
        if _is_inline_boilerplate(block, page):
            page.boilerplate.append(block)
            continue
        if not page.body:
            block = _take_dateline(block, page, caseless=caseless)
            if title and _is_headline(title) and ". " not in title and _norm(block).startswith(_norm(title)) \
                    and len(block) > len(title) + 20:
                block = block[len(title):].lstrip(" .:-–—")
        if block:
            page.body.append(block)
    for block in blocks[end:]:
        page.publisher = page.publisher or publisher_from_footer(block)
        if not page.authors:
            page.authors.extend(trailer_authors(block))
        page.boilerplate.append(block)
    if page.title:
        page.title = clean_title(page.title)
    return page


def _blocks(text: str) -> list[str]:
    """Paragraphs: blank-line separated, or marked by indentation; hard-wrapped lines are joined, one-line-per-item
    lists and stacked header lines (headline, byline, date) are not."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        for paragraph in _indented_paragraphs([line for line in chunk.split("\n") if line.strip()]):
            lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in paragraph]
            if len(lines) > 1 and _hard_wrapped(lines):
                out.append(" ".join(lines))
            else:
                out.extend(lines)
    return out


def _indented_paragraphs(lines: list[str]) -> list[list[str]]:
    """Split a chunk where an indented line follows flush lines (telex copy marks paragraphs by indenting)."""
    if not lines:
        return []
    indented = [bool(_INDENTED.match(line)) for line in lines]
    if all(indented) or not any(indented[1:]):
        return [lines]
    paragraphs: list[list[str]] = [[lines[0]]]
    for line, starts in zip(lines[1:], indented[1:], strict=True):
        if starts:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    widest = max(len(line) for line in lines)
    if widest > 110 or widest < 40:
        return False
    if any(parse_meta_line(line) is not None for line in lines[:3]):
        return False  # a headline stacked on its byline and date
    inner = lines[:-1]
    return sum(len(line) >= 0.6 * widest for line in inner) >= 0.6 * len(inner)


def _words(block: str) -> int:
    """Word count; in scripts written without spaces, two characters count as a word."""
    return max(len(block.split()), len(_UNSPACED.findall(block)) // 2)


def _is_prose(block: str) -> bool:
    """A paragraph of running text: a sentence end, or too long to be a headline."""
    stripped = _TRAILING_TAG.sub("", block).rstrip()
    return _words(stripped) >= 25 or (_words(stripped) >= 3 and stripped.endswith(_TERMINAL)
                                       and not stripped.endswith("?"))


def _introduces(block: str) -> bool:
    """A sentence that introduces what follows ("The minister said:"): body, though it has no full stop."""
    return _words(block) >= 6 and block.endswith(":") and not _NAV_MARKS.search(block)


def _is_headline(block: str) -> bool:
    words = _words(block)
    if not 2 <= words <= 30 or len(block) > 250 or _NAV_MARKS.search(block) or _GLUED_WORDS.search(block):
        return False
    if block.endswith((".", "。")) and not block.endswith(("...", "…")):
        return False
    return sum(ch.isalpha() for ch in block) >= 0.6 * len(block.replace(" ", ""))


def _body_start(blocks: list[str], page: TextPage, *, known_title: str | None) -> int:
    """Index of the first body block; sets title/published/authors from the head and files the rest away.

    The head ends at the first full paragraph (30 words or more), a paragraph opening with a dateline, or any
    prose after a date/byline line; prose above the byline is a standfirst, not body. Without any metadata
    line, the body starts at the first prose block.
    """
    limit = min(len(blocks), 12)
    first_meta = last_meta = None
    stop = None
    for index in range(limit):
        block = blocks[index]
        meta = parse_meta_line(block) or _bare_byline_beside_date(blocks, index)
        if meta is not None:
            first_meta = index if first_meta is None else first_meta
            last_meta = index
            page.published = page.published or meta.date
            page.authors.extend(a for a in meta.authors if a not in page.authors)
            continue
        if index > 0 and _is_prose(block) and (
            _words(block) >= 30 or last_meta is not None or split_dateline(block) is not None
        ):
            stop = index
            break
    first_prose = next((i for i in range(len(blocks)) if _is_prose(blocks[i]) or _introduces(blocks[i])), 0)
    if last_meta is None:
        start = first_prose
    else:
        start = stop if stop is not None and stop > last_meta else last_meta + 1
    title_index = None
    if known_title is None:
        title_index = _title_index(blocks, start)
        if title_index is None and start == 0 and len(blocks) > 1 and _is_headline(blocks[0]) \
                and _is_prose(blocks[1]):
            title_index, start = 0, 1
        if title_index is not None:
            page.title = blocks[title_index]
    for index in range(start):
        block = blocks[index]
        if index != title_index:
            page.boilerplate.append(block)
            if page.published is None:
                page.published = date_only_line(block)
    return start


def _bare_byline_beside_date(blocks: list[str], index: int) -> MetaLine | None:
    """A line of bare names directly above or below a date line is the byline ("Khaleeq Kiani" / "Published …")."""
    names = bare_byline(blocks[index])
    if names is None:
        return None
    for other in (index - 1, index + 1):
        if 0 <= other < len(blocks):
            meta = parse_meta_line(blocks[other])
            if meta is not None and meta.date is not None:
                return MetaLine(date=None, authors=names)
    return None


def _title_index(blocks: list[str], start: int) -> int | None:
    """The headline among the head blocks: the first headline-shaped one of four words or more (section
    labels such as "World News" are shorter; a standfirst comes after the headline), else the last one."""
    candidates = [i for i in range(start) if parse_meta_line(blocks[i]) is None and _is_headline(blocks[i])]
    substantial = [i for i in candidates if _words(blocks[i]) >= 4]
    if substantial:
        return substantial[0]
    return candidates[-1] if candidates else None


def _body_end(blocks: list[str], start: int) -> int:
    """Index after the last body block.

    The story stops at an end mark ("___", "#", "-30-") or the start of a comment section; then trailing related
    headlines, footers and wire credits ("(Reporting by …)") are trimmed.
    """
    end = len(blocks)
    for index in range(start + 1, len(blocks)):
        if _END_MARK.match(blocks[index]) or _COMMENTS.match(blocks[index]):
            end = index
            break
    while end > start + 1 and (
        not _is_prose(blocks[end - 1]) or _is_footer(blocks[end - 1]) or _is_trailer(blocks[end - 1])
    ):
        end -= 1
    return end


def _is_trailer(block: str) -> bool:
    return _words(block) <= 40 and bool(_TRAILER.match(block))


def _is_footer(block: str) -> bool:
    return _words(block) <= 25 and bool(_FOOTER.search(block))


def _is_inline_boilerplate(block: str, page: TextPage) -> bool:
    """A block inside the body that is page furniture: "Advertisement", "Read more: ...", a nav bar, a caption."""
    if (_is_footer(block) and not _is_prose(block)) or (_CAPTION.match(block) and _words(block) <= 30):
        return True
    if _words(block) <= 30 and (_KICKER.match(block) or _PHOTO_CREDIT.search(block)):
        return True
    if _words(block) <= 3 and not block.endswith(_TERMINAL):
        return True
    if block.count("|") >= 2 and not _is_prose(block):
        return True
    meta = parse_meta_line(block) if not page.body else None
    if meta is not None:
        page.published = page.published or meta.date
        page.authors.extend(a for a in meta.authors if a not in page.authors)
        return True
    return False


def _take_dateline(block: str, page: TextPage, *, caseless: bool) -> str:
    found = split_dateline(block, caseless=caseless)
    if found is None:
        return block
    dateline, rest = found
    page.dateline = dateline.place
    page.boilerplate.append(dateline.prefix)
    if page.published is None and dateline.date:
        written = find_date(dateline.date)
        page.published = written[0] if written else None
    tags = _LEADING_TAGS.match(rest)
    if tags:
        page.boilerplate.append(tags.group(0).strip())
        rest = rest[tags.end():]
    return rest.strip()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
