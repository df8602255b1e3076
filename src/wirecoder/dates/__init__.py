"""Dates stage: each event's own date, resolved against the article's publication date.

Two entry points:

* :func:`find_dates` lists every date expression of a text as an :class:`~wirecoder.records.EventDate`;
* :func:`event_date` picks the one that dates a given event (its trigger word's offset), skipping expressions
  that date something else, and falls back to the publication date when the sentence states none.

Rules (``p`` is the publication date; a *past* reading unless ``future=True``):

* **Weekdays** ("Wednesday", "on Monday night", "late Sunday", "ON WEDNESDAY"): the latest such day on or before
  ``p`` (``p`` itself when it is that weekday); future reading: the earliest on or after ``p``. "last Monday":
  strictly before ``p`` (a week back when ``p`` is a Monday); "next Monday": strictly after. Day precision.
* **Days**: "today", "tonight", "this morning", "earlier today" are ``p``; "yesterday" and "last night" ``p - 1``;
  "the day before yesterday" ``p - 2``; "tomorrow" ``p + 1``; "two days ago", "three days earlier" ``p - n``.
  Day precision. "a few"/"several"/"a couple of" days ago: week precision, ``p - 3`` (``p - 2``).
* **Weeks** (week precision; the date is a day inside the week meant, on the same weekday as ``p``): "last week"
  and "a week ago" are ``p - 7``, "two weeks ago" ``p - 14``; "this week", "earlier this week", "later in the
  week" are ``p``; "next week" ``p + 7``. A weekend is dated by its Saturday: "the weekend" / "this weekend" is
  the latest Saturday on or before ``p`` (future reading: the Saturday of ``p``'s week), "last weekend" the
  Saturday before ``p``'s week, "next weekend" the Saturday after it.
* **Months** (month precision, the first day of the month): "last month", "this month", "earlier this month",
  "next month", "two months ago"; "in March", "mid-March", "early March", "the end of March": the latest March on
  or before ``p``'s month (future reading: the earliest on or after); "last March"/"next March" exclude ``p``'s
  own month; "March 2013" is March 2013.
* **Absolute days** (day precision): "30 December", "December 30", "Dec. 30th", "30th of December",
  "December 30, 2012", "2012-12-30", and "30/12/2012" only when the day is over 12 (or both numbers are the
  same). Without a year: the latest such day on or before ``p`` (future reading: the earliest on or after). A
  weekday written with a date ("Tuesday, June 4") is read as the date.
* **Too coarse** (no precision for them): "last year", "this year", "in 2012", "two years ago". They are date
  expressions, so an event they date gets no date rather than a wrong one; so does an event dated by a day that
  does not exist ("31 April 2013") or an ambiguous numeric date ("04/06/2012").
* **Intervals**: a trigger in a clause opened by "four days after", "a week after", "the day after" happened
  that long before the date of the sentence's main clause ("on Monday, four days after both sides declared a
  truce": Thursday), or before the fallback date (at week precision) when the sentence states none.
* **No publication date**: relative expressions and dates without a year cannot be resolved; dates with a year
  still are.

See :mod:`.expressions` for what is not a date ("may spread", "the Sunday Times") and :mod:`.choice` for how an
event's date is picked among several.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import DATE_DAY, DATE_WEEK, EventDate
from .choice import choose
from .expressions import scan

__all__ = ["event_date", "find_dates"]


def find_dates(text: str, *, published: dt.date | None, future: bool = False, offset: int = 0) -> list[EventDate]:
    """Every date expression in ``text`` resolved to an EventDate, in text order; start/end are offsets in
    ``text`` + ``offset``.

    Expressions that cannot be resolved (relative ones without a publication date, "last year") are left out;
    expressions that date something other than an event ("since March", "updated 5 June 2013") are kept: it is
    :func:`event_date` that passes over them.
    """
    found = (mention.event_date(offset) for mention in scan(text, published=published, future=future))
    return [date for date in found if date is not None]


def event_date(sentence: str, *, published: dt.date | None, anchor: int | None = None, future: bool = False,
               offset: int = 0, fallback: EventDate | None = None) -> EventDate | None:
    """The date of the event whose trigger word starts at ``anchor`` (an offset on the same scale as start/end,
    i.e. text index + ``offset``).

    Picks the date expression of the sentence that belongs to the event (see :mod:`.choice`): the same clause
    and nearest to the anchor, passing over expressions that clearly date something else ("since 2011", "a 2012
    report", publication stamps) and preferring any other to those that bound the event ("until Monday") or date
    its reporting ("officials said on Tuesday"). Without an anchor, the first such expression.

    When the sentence states no date: ``fallback`` if given, else the publication date with day precision and
    ``text``/``start``/``end`` None (as GDELT does); None when there is neither. When the event's own clause
    dates it in a way that cannot be resolved ("last year", "on Monday" with no publication date, "04/06/2012"):
    None, since any date would be a guess.
    """
    mentions = scan(sentence, published=published, future=future)
    chosen = choose(sentence, mentions, None if anchor is None else anchor - offset)
    before = _interval_before(sentence, anchor - offset) if anchor is not None else None
    if before is not None and chosen is not None and chosen.start >= before[1]:
        before = None  # "four days after the truce was declared on Thursday": the clause has its own date
    if before is not None and chosen is None and fallback is not None and fallback.start is not None and \
            offset <= fallback.start < offset + len(sentence):
        return fallback  # another event of this sentence was dated from the same "N days after" already
    if chosen is not None:
        when = chosen.event_date(offset)
    elif fallback is not None:
        when = fallback
    elif published is None:
        return None
    else:
        when = EventDate(date=published, precision=DATE_DAY, text=None, start=None, end=None)
    if before is None or when is None or when.date is None:
        return when
    days, start, end = before
    # "on Monday, four days after forces declared a truce": the truce is four days before Monday; the text that
    # says so is the phrase, and it is as precise as the date it counts from (a week when that is a guess)
    precision = when.precision if chosen is not None else max(when.precision, DATE_WEEK)
    return EventDate(date=when.date - dt.timedelta(days=days), precision=precision, text=sentence[start:end],
                     start=start + offset, end=end + offset)


_NUMBERS = {"a": 1, "an": 1, "the": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_INTERVAL_AFTER = re.compile(r"\b(" + "|".join(_NUMBERS) + r"|\d{1,2})\s+(day|days|week|weeks)\s+after\b",
                             re.IGNORECASE)
_INTERVAL_REACH = 120
"""Characters after "N days after" within which a trigger belongs to the clause it opens."""


def _interval_before(sentence: str, anchor: int) -> tuple[int, int, int] | None:
    """(days, start, end) of an "N days after" / "a week after" that opens the clause of the trigger at
    ``anchor``: the event happened that long before the date the sentence's main clause has."""
    found = None
    for match in _INTERVAL_AFTER.finditer(sentence, max(0, anchor - _INTERVAL_REACH), anchor):
        found = match
    if found is None or (found.group(1).lower() == "the" and found.group(2).lower() != "day"):
        return None
    if any(mark in sentence[found.end():anchor] for mark in ",;:"):
        return None  # "Three days after the blast, no group has claimed it": the clause has closed
    count = _NUMBERS.get(found.group(1).lower()) or int(found.group(1))
    days = count * (7 if found.group(2).lower().startswith("week") else 1)
    return days, found.start(), found.end()
