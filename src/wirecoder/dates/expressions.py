"""Date expressions in a text, each resolved against the publication date (see :mod:`wirecoder.dates`).

Patterns are matched on the text in lower case, so upper-case wire copy reads like ordinary text; the few rules
that need the case look at the text as written. A pattern runs only when the text holds one of the words it needs
(most sentences are dismissed by a few substring tests). Overlapping matches are settled by position: the one that
starts first wins, and of two starting together the longer one ("Tuesday, June 4" over "Tuesday", "30 December
2012" over "December 2012"). A match can be:

* not a date at all and dropped: "may"/"march" written in lower case, "May" or "March" alone without a day, a
  year or a preposition ("may spread", "the March on Washington"), a weekday that names something ("Sunday Times",
  "Good Friday", "Bloody Sunday"), "Today" inside a name ("USA Today"), "the last week" (a duration);
* a date that cannot be resolved (:attr:`Mention.date` None): anything relative when the publication date is
  unknown, a month or day without a year then too, expressions coarser than a month ("last year", "in 2012",
  "two years ago") since only day, week and month precision exist, a day that does not exist ("31 April 2013")
  and an ambiguous numeric date ("04/06/2012": April or June?);
* a resolved date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..records import DATE_DAY, DATE_MONTH, DATE_WEEK, EventDate
from . import calendar as cal

# Vocabulary ----------------------------------------------------------------------------------------------------

_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                        "oct": 10, "nov": 11, "dec": 12}
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)} | _MONTH_ABBREVIATIONS
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})
"""Month names that are also common words: never read in lower case, and alone only after a few prepositions."""
_MONTH_PREPOSITIONS = frozenset({"in", "during", "since", "until", "till", "from", "through", "throughout", "by",
                                 "of", "before", "after", "between", "and", "to", "for"})
_AMBIGUOUS_MONTH_PREPOSITIONS = frozenset({"in", "during", "since", "until", "till", "from", "throughout"})
_YEAR_PREPOSITIONS = frozenset({"in", "during", "throughout", "since", "until", "by"})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3, "several": 3}
_VAGUE_NUMBERS = frozenset({"a couple of", "a few", "several"})
_NAMED_AFTER_WEEKDAY = ("Times", "Telegraph", "Herald", "Express", "Mirror", "Post", "Mail", "Independent",
                        "Tribune", "Star", "World", "Observer", "Guardian", "Nation", "Standard", "Business",
                        "Agreement", "Accord", "Mosque")
"""Capitalised nouns that make a weekday part of a name: "the Sunday Times", "the Good Friday Agreement"."""
_NAMED_BEFORE_WEEKDAY = frozenset({"good", "black", "bloody", "holy", "maundy", "palm", "easter", "ash", "super",
                                   "cyber"})
"""Words that make a weekday a holiday or a historical name: "Good Friday", "Bloody Sunday", "Super Tuesday"."""
_NAMED_BEFORE_TODAY = frozenset({"usa", "russia"})

# Patterns ------------------------------------------------------------------------------------------------------

_WD = "|".join(_WEEKDAYS)
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_RANGE = rf"(?:\s*[-–—]\s*{_DAY_NUMBER})?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?![\w])(?![.,]\d)"

_DAY_MONTH = re.compile(  # "30 December", "Tuesday, 4 June 2013", "the 30th of December", "3-4 June"
    rf"(?<![\w.,:/-])(?:(?P<wd>{_WD}),?\s+(?:the\s+)?)?{_DAY}{_RANGE}(?:\s+of)?\s+{_MON}(?:\.(?=\s*\d))?"
    rf"(?:,?\s+{_YEAR})?")
_MONTH_DAY = re.compile(  # "December 30", "Dec. 30th", "Tuesday, June 4, 2013"
    rf"\b(?:(?P<wd>{_WD}),?\s+)?{_MON}(?:\.\s*|\s+)(?:the\s+)?{_DAY}(?![.,:]\d){_RANGE}(?:,?\s+{_YEAR})?")
_ISO = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>0?[1-9]|1[0-2])-(?P<d>3[01]|[12]\d|0?[1-9])(?![\d-])")
_NUMERIC = re.compile(  # "30/12/2012", "30.12.2012", "12-30-2012": read only when unambiguous
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d/-])(?!\.\d)")
_MONTH_ONLY = re.compile(  # "in March", "mid-March", "March 2013", "last March", "the end of March"
    rf"\b(?:(?P<mod>early|mid|late|last|next|this|(?:end|beginning|start|middle)\s+of)[\s-]+)?{_MON}"
    rf"(?:\.(?=\s*\d))?(?:,?\s+{_YEAR})?")
_YEAR_ONLY = re.compile(rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?{_YEAR}")  # "in 2012": too coarse
_WEEKDAY = re.compile(  # "Wednesday", "last Monday", "late Sunday", "Tuesday morning"
    rf"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming)\s+)?(?:(?:late|early)\s+(?:on\s+)?)?"
    rf"(?P<wd>{_WD})\b(?:\s+(?:morning|afternoon|evening|night)\b)?")
_RELATIVE_DAY = re.compile(  # "yesterday", "last night", "earlier today", "the day before yesterday"
    r"\b(?:(?:early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+"
    r"tomorrow|yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b")
_COUNTED = re.compile(  # "two days ago", "three days earlier", "a week ago"
    r"\b(?P<n>a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\d{1,2})\s+(?P<unit>day|week|fortnight|month|year)s?\s+(?:ago|earlier)\b")
_PERIOD = re.compile(  # "last week", "earlier this month", "over the weekend", "later in the week"
    r"\b(?:(?P<part>early|late|earlier|later)\s+(?:in\s+)?)?(?:(?P<rel>last|this|next)|(?P<the>the))\s+"
    r"(?P<unit>weekend|week|month|year)\b")
_NAME_AFTER_WEEKDAY = re.compile(
    r"\s+(?:" + "|".join(_NAMED_AFTER_WEEKDAY + tuple(n.upper() for n in _NAMED_AFTER_WEEKDAY)) + r")\b")
_WORD = re.compile(r"[a-z]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression: its span in the text (no offset) and its date, None when it cannot be resolved."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int

    def event_date(self, offset: int = 0) -> EventDate | None:
        """The :class:`EventDate` this mention gives (offsets shifted by ``offset``), or None if unresolved."""
        if self.date is None:
            return None
        return EventDate(date=self.date, precision=self.precision, text=self.text, start=self.start + offset,
                         end=self.end + offset)


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    published: dt.date | None
    future: bool

    def previous_word(self, start: int) -> str:
        """The word just before ``start`` (as written), or "" when a punctuation mark or nothing comes first."""
        before = self.text[max(0, start - 24):start]
        if not before[-1:].isspace():
            return ""
        words = before.split()
        return words[-1] if words and words[-1].isalpha() else ""

    def word(self, m: re.Match[str], group: str) -> str:
        """What a group of a match on the lowered text says in the text as written."""
        return self.text[m.start(group):m.end(group)]


_Reader = Callable[[re.Match[str], _Context], Mention | None]


def _mention(ctx: _Context, m: re.Match[str], date: dt.date | None, precision: int) -> Mention:
    """A mention over the whole match, with its words as written."""
    start, end = m.span()
    return Mention(start, end, ctx.text[start:end], date, precision)


def _month_number(word: str) -> int | None:
    """The month a month word names; None for "may"/"march" written in lower case (the verb, the noun)."""
    if word.lower() in _AMBIGUOUS_MONTHS and word.islower():
        return None
    return _MONTHS[word.lower()]


def _absolute_day(m: re.Match[str], ctx: _Context, month: int | None, day: int) -> Mention | None:
    """A day and month, with or without a year; a weekday written with it ("Friday, June 7") picks the year when
    the year before, of or after publication is the only one where that day is that weekday."""
    if month is None:
        return None
    if m.group("y"):
        date = cal.make_date(int(m.group("y")), month, day)
        return _mention(ctx, m, date, DATE_DAY)
    if ctx.published is None:
        return _mention(ctx, m, None, DATE_DAY)
    weekday = m.group("wd")
    date = cal.day_with_weekday(ctx.published, month, day, _WEEKDAYS[weekday]) if weekday else None
    if date is None:
        date = cal.day_without_year(ctx.published, month, day, future=ctx.future)
    return _mention(ctx, m, date, DATE_DAY)


# Readers: one per pattern. None means "not a date expression"; a Mention with date None, "a date we cannot use".


def _read_day_and_month(m: re.Match[str], ctx: _Context) -> Mention | None:
    return _absolute_day(m, ctx, _month_number(ctx.word(m, "mon")), int(m.group("d")))


def _read_iso(m: re.Match[str], ctx: _Context) -> Mention | None:
    date = cal.make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _mention(ctx, m, date, DATE_DAY)


def _read_numeric(m: re.Match[str], ctx: _Context) -> Mention | None:
    a, b = int(m.group("a")), int(m.group("b"))
    if a == b or b > 12 >= a:
        month, day = a, b  # 12/30/2012 (or 5/5/2012, which reads the same either way)
    elif a > 12 >= b:
        month, day = b, a  # 30/12/2012
    else:
        return _mention(ctx, m, None, DATE_DAY)  # 04/06/2012: April or June?
    date = cal.make_date(int(m.group("y")), month, day)
    return _mention(ctx, m, date, DATE_DAY)


def _read_month_only(m: re.Match[str], ctx: _Context) -> Mention | None:
    word, mod, year = ctx.word(m, "mon"), " ".join((m.group("mod") or "").split()), m.group("y")
    month = _month_number(word)
    if month is None or (word.lower() in _MONTH_ABBREVIATIONS and not year):
        return None
    if not (year or mod):
        prepositions = _AMBIGUOUS_MONTH_PREPOSITIONS if word.lower() in _AMBIGUOUS_MONTHS else _MONTH_PREPOSITIONS
        if ctx.previous_word(m.start()).lower() not in prepositions or m.string.startswith(("'s", "’s"), m.end()):
            return None
    if year:
        return _mention(ctx, m, dt.date(int(year), month, 1), DATE_MONTH)
    if ctx.published is None:
        return _mention(ctx, m, None, DATE_MONTH)
    if mod == "this":
        return _mention(ctx, m, dt.date(ctx.published.year, month, 1), DATE_MONTH)
    future = ctx.future if mod not in ("last", "next") else mod == "next"
    date = cal.month_without_year(ctx.published, month, future=future, strict=mod in ("last", "next"))
    return _mention(ctx, m, date, DATE_MONTH)


def _read_year_only(m: re.Match[str], ctx: _Context) -> Mention | None:
    if m.group("mod") or ctx.previous_word(m.start()).lower() in _YEAR_PREPOSITIONS:
        return _mention(ctx, m, None, DATE_MONTH)
    return None


def _read_weekday(m: re.Match[str], ctx: _Context) -> Mention | None:
    named = _NAME_AFTER_WEEKDAY.match(ctx.text, m.end("wd"))
    if named or ctx.previous_word(m.start()).lower() in _NAMED_BEFORE_WEEKDAY:
        return None  # "Good Friday", "the Sunday Times"
    p, weekday = ctx.published, _WEEKDAYS[m.group("wd")]
    rel = " ".join((m.group("rel") or "").split())
    if p is None:
        date = None
    elif rel in ("last", "this past"):
        date = cal.weekday_before(p, weekday)
    elif rel in ("next", "coming", "this coming"):
        date = cal.weekday_after(p, weekday)
    elif ctx.future:
        date = cal.weekday_on_or_after(p, weekday)
    else:
        date = cal.weekday_on_or_before(p, weekday)
    return _mention(ctx, m, date, DATE_DAY)


_DAYS_FROM_PUBLICATION = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
                          "this morning": 0, "this afternoon": 0, "this evening": 0, "the day before yesterday": -2,
                          "the day after tomorrow": 2}


def _read_relative_day(m: re.Match[str], ctx: _Context) -> Mention | None:
    word = m.group("w")
    if word == "today":
        previous = ctx.previous_word(m.start())
        if previous.lower() in _NAMED_BEFORE_TODAY or (ctx.word(m, "w") == "Today" and previous[:1].isupper()):
            return None  # "USA Today", "Russia Today", "the Today programme"
    days = _DAYS_FROM_PUBLICATION[" ".join(word.split())]
    date = ctx.published + dt.timedelta(days=days) if ctx.published else None
    return _mention(ctx, m, date, DATE_DAY)


def _read_counted(m: re.Match[str], ctx: _Context) -> Mention | None:
    number, unit, p = " ".join(m.group("n").split()), m.group("unit"), ctx.published
    n = int(number) if number.isdigit() else _NUMBERS[number]
    if p is None or unit == "year" or (number in _VAGUE_NUMBERS and unit != "day"):
        return _mention(ctx, m, None, DATE_DAY)
    if unit == "day":
        return _mention(ctx, m, p - dt.timedelta(days=n), DATE_WEEK if number in _VAGUE_NUMBERS else DATE_DAY)
    if unit in ("week", "fortnight"):
        return _mention(ctx, m, p - dt.timedelta(days=n * (7 if unit == "week" else 14)), DATE_WEEK)
    return _mention(ctx, m, cal.month_start(p, -n), DATE_MONTH)


def _read_period(m: re.Match[str], ctx: _Context) -> Mention | None:
    unit, rel = m.group("unit"), m.group("rel") or ""
    if m.group("the") and not (unit == "weekend" or (m.group("part") and unit != "year")):
        return None  # "the week" alone is no date
    if rel and not m.group("part") and ctx.previous_word(m.start()).lower() in ("the", "past"):
        return None  # "the last week", "the next month": durations
    p = ctx.published
    if p is None or unit == "year":
        return _mention(ctx, m, None, DATE_WEEK)
    if unit == "week":
        return _mention(ctx, m, p + dt.timedelta(days={"last": -7, "next": 7}.get(rel, 0)), DATE_WEEK)
    if unit == "month":
        return _mention(ctx, m, cal.month_start(p, {"last": -1, "next": 1}.get(rel, 0)), DATE_MONTH)
    monday = cal.week_monday(p)  # weekend: its Saturday
    if rel == "last":
        date = monday - dt.timedelta(days=2)
    elif rel == "next":
        date = monday + dt.timedelta(days=12)
    elif ctx.future:
        date = monday + dt.timedelta(days=5)
    else:
        date = cal.weekday_on_or_before(p, 5)
    return _mention(ctx, m, date, DATE_WEEK)


_READERS: tuple[tuple[str, re.Pattern[str], _Reader], ...] = (
    # (the words the pattern needs, pattern, reader): a pattern runs only when the text has one of its words
    ("month", _DAY_MONTH, _read_day_and_month),
    ("month", _MONTH_DAY, _read_day_and_month),
    ("year", _ISO, _read_iso),
    ("year", _NUMERIC, _read_numeric),
    ("month", _MONTH_ONLY, _read_month_only),
    ("year", _YEAR_ONLY, _read_year_only),
    ("weekday", _WEEKDAY, _read_weekday),
    ("day", _RELATIVE_DAY, _read_relative_day),
    ("counted", _COUNTED, _read_counted),
    ("period", _PERIOD, _read_period),
)
_NEEDED_WORDS = {
    "month": frozenset(_MONTHS),
    "weekday": frozenset(_WEEKDAYS),
    "day": frozenset({"yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening"}),
    "counted": frozenset({"ago", "earlier"}),
    "period": frozenset({"week", "weekend", "month", "year"}),
}
_CLUES = ("day", "night", "morning", "afternoon", "evening", "tomorrow", "ago", "earlier", "week", "month", "year",
          *sorted({name[:3] for name in _MONTHS}))
"""Substrings one of which every word in :data:`_NEEDED_WORDS` holds: the first, cheapest look."""
_DIGITS = "0123456789"
_CAPITALISED_AMBIGUOUS_MONTHS = ("May", "MAY", "Mar", "MAR")


def lower(text: str) -> str:
    """``text`` in lower case, character for character (so offsets stay the same)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _wanted(low: str, text: str) -> set[str]:
    """Which patterns are worth running on ``text``: a cheap look at its words and its digits.

    Plain substring tests come first (most sentences stop there); the words are only split out when one passes.
    """
    wanted: set[str] = set()
    if any(clue in low for clue in _CLUES):
        words = set(_WORD.findall(low))
        wanted = {name for name, needed in _NEEDED_WORDS.items() if not needed.isdisjoint(words)}
        if "month" in wanted and (words & _NEEDED_WORDS["month"]) <= _AMBIGUOUS_MONTHS and not any(
                name in text for name in _CAPITALISED_AMBIGUOUS_MONTHS):
            wanted.discard("month")  # "may" and "march" in lower case are never months
    if any(digit in text for digit in _DIGITS) and _FOUR_DIGITS.search(text):
        wanted.add("year")
    return wanted


def scan(text: str, *, published: dt.date | None, future: bool = False) -> list[Mention]:
    """Every date expression in ``text``, in text order, without overlaps; unresolvable ones have date None."""
    low = lower(text)
    wanted = _wanted(low, text)
    if not wanted:
        return []
    ctx = _Context(text, published, future)
    found = [mention for name, pattern, read in _READERS if name in wanted for m in pattern.finditer(low)
             if (mention := read(m, ctx)) is not None]
    found.sort(key=lambda x: (x.start, x.start - x.end))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
