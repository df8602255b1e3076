"""Recognise metadata lines by their shape: dates, bylines, datelines, copyright footers.

Nothing here knows any particular site. A line is judged by what it is made of (a month name and a year,
"By" and capitalised names, an upper-case place before a dash), never by matching known strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
_DATE_PATTERNS = [
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4}|\d{2})" + _TIME,
               re.I),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T\s]\d{2}:\d{2}(?::\d{2})?\S*)?"),
    # 15/03/2024 or 15.03.2024: read only when unambiguous (a part above 12 is the day) or dotted (day first)
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b"),
]
_DATE_LABEL = re.compile(
    r"^(?:(?:published|posted|updated|last updated|first published|date|this story is from|dated?)"
    r"\s*:?\s*(?:on\b\s*)?)",
    re.I,
)


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first calendar date written out in ``text`` (``June 05, 2013``, ``5 June 2013``, ``2013-06-05``)."""
    best: tuple[dt.date, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None and (best is None or match.start() < best[1].start()):
                best = (date, match)
                break
    return best


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 or groups["sep"] == ".":
            groups.update(day=str(a), mnum=str(b))
        elif b > 12:
            groups.update(day=str(b), mnum=str(a))
        else:
            return None  # 03/04/2024: April or March? Left unread rather than guessed
    month = _MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else int(groups["mnum"])
    year = int(groups["year"])
    if len(groups["year"]) == 2:
        year += 1900 if year >= 50 else 2000
    try:
        return dt.date(year, month, int(groups["day"]))
    except ValueError:
        return None


def date_only_line(line: str) -> dt.date | None:
    """The date when ``line`` is nothing but a (labelled) date, e.g. ``Updated: June 5, 2013 10:02 a.m.``."""
    found = find_date(line)
    if found is None:
        return None
    date, match = found
    rest = _strip_label(line[: match.start()] + " " + line[match.end():])
    return date if not rest else None


def _strip_label(text: str) -> str:
    """What is left of a metadata fragment once labels ("Updated:") and clock times are taken out."""
    text = _CLOCK.sub(" ", text).strip(" \t|·•,:-–—")
    return _DATE_LABEL.sub("", text).strip(" \t|·•,:-–—")


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,4}\b)?", re.I)


def _is_time_only(part: str) -> bool:
    """``4:15 PM ET``, ``Updated 14.30 BST``, ``2 hours ago``: a time, perhaps labelled, and nothing else."""
    if _RELATIVE.match(part):
        return True
    return bool(_CLOCK.search(part)) and not _strip_label(part)


_RELATIVE = re.compile(r"^(?:updated\s+)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$",
                       re.I)


# ---- bylines -------------------------------------------------------------------------------------

_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "al", "el", "bin", "ibn", "la",
              "le", "dos", "das", "y", "mac", "st."}
_HONORIFICS = {"dr", "prof", "gen", "col", "maj", "capt", "lt", "rev", "sen", "rep", "gov", "mr", "mrs", "ms", "sir",
               "dame"}


def _looks_like_name(text: str) -> bool:
    """2–6 words, each capitalised (any script's capitals: "BRICEÑO", "Ó Ríordáin"), an initial, or a particle."""
    words = text.split()
    if words and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]
    if not 2 <= len(words) <= 6 or all(w.lower() in _PARTICLES for w in words):
        return False
    if words[0].lower() in ("the", "a", "an", "this", "that", "these", "those"):
        return False
    for word in words:
        core = word.strip("’'")
        if word.lower() in _PARTICLES or re.fullmatch(r"(?:[^\W\d_]\.){1,3}", core):
            continue
        if not core[:1].isupper() or not all(ch.isalpha() or ch in "'’-." for ch in core):
            return False
    return True


_ROLE_WORDS = {
    "staff", "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "editor", "editors",
    "columnist", "contributor", "contributing", "bureau", "chief", "special", "senior", "foreign", "political",
    "national", "associated", "press", "reuters", "afp", "ap", "wire", "services", "service", "times", "post",
    "news", "journal", "desk", "team", "analyst", "photographer", "producer", "in", "to", "the", "for", "and",
    "from", "of",
}
_OUTLET = re.compile(
    r"^(?:[A-Z]{2,6}|(?:[A-Z][\w&'’.\-]*\s+){0,3}(?:News|Times|Post|Press|Agency|Service|Services|Network|"
    r"Television|TV|Radio|Wire|Newswire|Media|Journal|Herald|Tribune|Reuters))$"
)
"""A news organisation after the names in a byline ("..., CNN", "..., Bloomberg News")."""
_CREDIT = re.compile(
    r"^(?:photos?|photographs?|photography|video|graphics?|illustrations?|edited|editing|additional reporting|"
    r"reporting|translated|translation)\s+by\s+", re.I,
)
_BY = re.compile(r"^(?:written\s+)?by\s*:?\s+", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)\s*")
_WHERE_FROM = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w'’.\- ]{1,40}$")
_META_SPLIT = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s*|\s*[-–—]\s+|(?<=\d)\s+(?=by\s)", re.I)


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What a metadata line ("June 05, 2013|By Jane Doe | Times Staff Writer") holds."""

    date: dt.date | None
    authors: tuple[str, ...]


def parse_meta_line(line: str) -> MetaLine | None:
    """Parse a date and/or byline line; None when the line is anything else (e.g. prose, a headline).

    Parts separated by ``|``, ``·``, ``•``, dashes or a following "by" may each be a date (with label and
    clock time), a byline ("By A, B and C, Outlet", "By A in Place"), a role ("Times Staff Writer"), a
    credit ("Photos by X") or a bare time. A line needs a date, a "By", or a labelled time to count.
    """
    if len(line) > 200 or (line.endswith((".", "?", "!")) and not line.endswith(("a.m.", "p.m."))):
        return None
    if len(line) > 60 and not any(ch.islower() for ch in line) and not find_date(line):
        return None  # a long line of capitals is telex copy, whose every word looks like a name
    parts = [p.strip() for p in _META_SPLIT.split(line) if p and p.strip()]
    date: dt.date | None = None
    authors: list[str] = []
    anchored = False
    for part in parts:
        part_date = date_only_line(part)
        if part_date is not None and date is None:
            date = part_date
            continue
        if _is_time_only(part) or _CREDIT.match(part):
            anchored = anchored or bool(_DATE_LABEL.match(part))
            continue
        names = _byline_names(part)
        if names is not None:
            anchored = anchored or bool(_BY.match(part))
            authors.extend(n for n in names if n not in authors)
            continue
        if _is_role(part) or _OUTLET.match(part):
            continue
        return None
    if date is None and not anchored:
        return None  # a bare name is too weak on its own: it could be a one-line headline
    return MetaLine(date=date, authors=tuple(authors))


def _byline_names(part: str) -> list[str] | None:
    """``"By Jane Doe and John Roe, Reuters"`` -> ``["Jane Doe", "John Roe"]``; None if not a byline.

    After the first outlet or role ("…, BBC News, Kyiv"), the rest is affiliation and place. An outlet written
    straight after a name ("By JANE DOE Associated Press") is split off.
    """
    text = _WHERE_FROM.sub("", _BY.sub("", part))
    names: list[str] = []
    for piece in (n.strip() for n in _SPLIT_NAMES.split(text) if n.strip()):
        if _is_role(piece):
            break
        glued = _name_before_outlet(piece)
        if glued is not None:
            names.append(glued)
            break
        if _OUTLET.match(piece):
            break
        if not _looks_like_name(piece):
            return None
        names.append(piece)
    return names or None


def bare_byline(line: str) -> tuple[str, ...] | None:
    """Names on a line of their own, without "By" ("Jon Henley in Warsaw", "Khaleeq Kiani"): a byline only
    when it stands next to a date line, which the caller checks."""
    if len(line) > 80 or line.endswith((".", "?", "!", ":")):
        return None
    text = _WHERE_FROM.sub("", line.strip())
    names = [n.strip() for n in _SPLIT_NAMES.split(text) if n.strip()]
    if not names or any(_is_role(n) or _OUTLET.match(n) or not _looks_like_name(n) for n in names):
        return None
    return tuple(names)


_TRAILER_NAMES = re.compile(r"\b(?:reporting|writing|reported)\s+by\s+([^;)\n]+)", re.I)


def trailer_authors(line: str) -> tuple[str, ...]:
    """``"(Reporting by A and B; Editing by C)"`` -> ``("A", "B")``: the reporters, not the editors.

    Only a line that opens as a credit counts; "reported by" inside a sentence names a source, not an author.
    """
    if not re.match(r"^\(?\s*(?:additional\s+)?(?:reporting|writing)\s+by\s", line, re.I):
        return ()
    found: list[str] = []
    for match in _TRAILER_NAMES.finditer(line):
        for name in _SPLIT_NAMES.split(_WHERE_FROM.sub("", match.group(1).strip(" .,"))):
            if _looks_like_name(name.strip()) and name.strip() not in found:
                found.append(name.strip())
    return tuple(found)


_VERSION_TAG = re.compile(
    r"^(?:UPDATE|WRAPUP|RPT|CORRECTED|REFILE|EXCLUSIVE|ANALYSIS|INSIGHT|FACTBOX|BREAKINGVIEWS|COLUMN|"
    r"PRESS DIGEST|TIMELINE)(?:\s*\d+)?\s*-\s*(?=\S)"
)


def clean_title(title: str) -> str:
    """Drop a wire service's version tag: ``"UPDATE 2-Copper output falls"`` -> ``"Copper output falls"``."""
    return _VERSION_TAG.sub("", title.strip())


def _name_before_outlet(piece: str) -> str | None:
    words = piece.split()
    for cut in range(2, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if _looks_like_name(head) and (_OUTLET.match(tail) or _is_role(tail)):
            return head
    return None


def _is_role(part: str) -> bool:
    words = re.findall(r"[A-Za-z]+", part)
    return bool(words) and all(w.lower() in _ROLE_WORDS for w in words) and any(w[0].isupper() for w in words)


# ---- datelines -----------------------------------------------------------------------------------

_PLACE_UPPER = r"[A-Z][A-Z'’.\-]+(?:(?:\s+|/)[A-Z][A-Z'’.\-]+){0,3}"
_REGION = r"(?:,\s*(?:[A-Z][A-Za-z'’.\-]+)(?:\s+[A-Z][A-Za-z'’.\-]+){0,2})?"
_DL_DATE = (
    r"(?:,\s*(?P<date>(?:NO DATE)|(?:\d{1,2}\s+[A-Za-z]{3,9}\.?(?:\s+\d{2,4})?)"
    r"|(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)))?"
)
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z0-9 .&'’\-]{0,40})\)|\s*/(?P<wire>[A-Za-z][\w .\-]{1,30})/)?"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_UPPER}(?:\s*\([A-Z][A-Za-z .'’\-]{{1,30}}\)(?=,))?{_REGION}){_DL_DATE}{_AGENCY}"
    rf"(?:\s*(?P<sep>--|—|–|-|:)\s*(?=\S)|(?<=\))(?=[A-Z]))"
)
_DATELINE_AGENCY = re.compile(
    rf"^(?P<place>[A-Z][a-z'’.\-]+(?:[ \-][A-Z][a-z'’.\-]+){{0,2}}){_REGION}{_DL_DATE}"
    r"\s*\((?P<agency>[A-Za-z][A-Za-z .&'’\-]{0,40})\)\s*(?:(?P<sep>--|—|–|-|:)\s*)?(?=\S)"
)
"""Title-case places are datelines only with an agency: "Khartoum (AFP) – …", "Lucknow, Jan 5 (PTI): …"."""
_DATELINE_CASELESS = re.compile(r"^(?P<place>[a-z][a-z'.\-]+(?:\s+[a-z][a-z'.\-]+){0,2})\s*:\s+(?=\S)")
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "ANALYSIS", "OPINION", "EDITORIAL",
    "NOTE", "EDITOR'S NOTE", "CORRECTION", "LIVE", "LISTEN", "READ", "MORE", "FILE", "PHOTO", "UPDATE 1",
    "NEW", "THE", "A", "AN", "IT", "WE", "I", "HE", "SHE", "THEY", "US", "UN",
}


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    """The place as written, e.g. ``CAIRO`` or ``BEIRUT, Lebanon``."""
    agency: str | None
    prefix: str
    date: str | None = None
    """A date written in the dateline ("3 JAN 90", "June 20, 2023"), as written."""
    """The text removed from the paragraph, e.g. ``CAIRO --``."""


def split_dateline(paragraph: str, *, caseless: bool = False) -> tuple[Dateline, str] | None:
    """``"CAIRO -- Syrian forces..."`` -> (Dateline("CAIRO"), ``"Syrian forces..."``); None if no dateline.

    ``caseless`` allows a lower-case ``"lucknow: ..."`` opening for text that has no capitals at all.
    """
    match = _DATELINE.match(paragraph) or _DATELINE_AGENCY.match(paragraph)
    if match is None and caseless:
        match = _DATELINE_CASELESS.match(paragraph)
    if match is None:
        return None
    place = re.sub(r",\s*NO DATE$", "", match.group("place").strip())
    sep = match.group("sep") if "sep" in match.groupdict() else ":"
    agency = match.groupdict().get("agency") or match.groupdict().get("wire")
    if sep is None and not agency:
        return None
    letters = re.sub(r"[^A-Za-z]", "", place.split(",")[0])
    if len(letters) < 3 or place.split(",")[0].strip().upper() in _NOT_PLACES:
        return None
    if sep == ":" and not caseless and " " not in place and len(letters) < 5:
        return None  # "NATO: Allies agree", "FBI: Suspect held" are headline labels, not datelines
    if sep == "-" and not re.search(r"\s-\s", match.group(0)) and not agency:
        return None  # "U.S.-backed forces" is not a dateline
    rest = paragraph[match.end():]
    if not rest or (sep == ":" and not caseless and not agency and len(place.split()) > 3):
        return None
    date = match.groupdict().get("date")
    return Dateline(place=place, agency=agency, prefix=match.group(0).strip(),
                    date=date if date and date != "NO DATE" else None), rest


# ---- publishers ----------------------------------------------------------------------------------

_PUBLISHER_WORDS = (
    "Times|Post|News|Journal|Tribune|Herald|Gazette|Guardian|Telegraph|Chronicle|Observer|Star|Sun|Daily|Press|"
    "Review|Globe|Mail|Express|Independent|Monitor|Record|Courier|Dispatch|Inquirer|Examiner|Reuters|"
    "Associated Press|Agence France-Presse|Bulletin|Standard|Nation|Today|Week|Weekly|Magazine|Times of [A-Z][a-z]+"
)
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?,?\s*"
    r"(?P<name>[A-Z][\w&'’.\-]*(?:\s+[A-Z&][\w&'’.\-]*){0,5}?)[.,]?"
    r"(?:\s*all rights reserved\.?)?\s*$",
    re.I,
)
_MASTHEAD = re.compile(
    rf"^(?P<name>(?:The\s+)?(?:[A-Z][\w&'’.\-]*\s+){{0,4}}(?:{_PUBLISHER_WORDS}))"
    rf"(?:\s+(?:Articles|Archives?|Online|Digital|Media))?\s*$"
)


def publisher_from_footer(line: str) -> str | None:
    """``"Copyright 2013 Los Angeles Times"`` or ``"Los Angeles Times Articles"`` -> ``"Los Angeles Times"``."""
    line = line.strip()
    if len(line) > 120:
        return None
    match = _COPYRIGHT.match(line) or _MASTHEAD.match(line)
    if match is None:
        return None
    name = match.group("name").strip(" .,")
    return name if name[:1].isupper() else None
