"""Calendar arithmetic for the dates stage: weekdays, months and days counted from a publication date.

A *past* reading looks back from the publication date (on or before it), a *future* reading forward (on or after
it). Weekdays are numbered as :meth:`datetime.date.weekday` numbers them: Monday 0 ... Sunday 6.
"""

from __future__ import annotations

import datetime as dt

_YEARS_TRIED = 8
"""How many years to look back (or forward) for a day that exists: 29 February may be up to eight years away."""


def weekday_on_or_before(ref: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` on or before ``ref`` (``ref`` itself when it is that weekday)."""
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_on_or_after(ref: dt.date, weekday: int) -> dt.date:
    """The earliest ``weekday`` on or after ``ref``."""
    return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)


def weekday_before(ref: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` strictly before ``ref`` (a week back when ``ref`` is that weekday)."""
    return ref - dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)


def weekday_after(ref: dt.date, weekday: int) -> dt.date:
    """The earliest ``weekday`` strictly after ``ref``."""
    return ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def week_monday(ref: dt.date) -> dt.date:
    """The Monday of the calendar week holding ``ref``."""
    return ref - dt.timedelta(days=ref.weekday())


def month_start(ref: dt.date, months: int = 0) -> dt.date:
    """The first day of the month ``months`` months after (negative: before) the month of ``ref``."""
    index = ref.year * 12 + ref.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)``, or None when that day does not exist (31 April, 29 February 2013)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_without_year(ref: dt.date, month: int, day: int, *, future: bool) -> dt.date | None:
    """The day ``month``/``day`` nearest ``ref``: the latest on or before it (past) or earliest on or after it."""
    step = 1 if future else -1
    for k in range(_YEARS_TRIED + 1):
        found = make_date(ref.year + step * k, month, day)
        if found is not None and (found >= ref if future else found <= ref):
            return found
    return None


def day_with_weekday(ref: dt.date, month: int, day: int, weekday: int) -> dt.date | None:
    """The day ``month``/``day`` falling on ``weekday`` in the year before, of or after ``ref``, when exactly one
    of the three fits; None otherwise (then the weekday says nothing about the year)."""
    found = [d for year in (ref.year - 1, ref.year, ref.year + 1)
             if (d := make_date(year, month, day)) is not None and d.weekday() == weekday]
    return found[0] if len(found) == 1 else None


def month_without_year(ref: dt.date, month: int, *, future: bool, strict: bool = False) -> dt.date:
    """The first day of the month ``month`` nearest ``ref``'s month: the latest one on or before it (past) or the
    earliest on or after it (future); ``strict`` excludes ``ref``'s own month ("last March", "next March")."""
    if future:
        ahead = month > ref.month or (month == ref.month and not strict)
        return dt.date(ref.year if ahead else ref.year + 1, month, 1)
    behind = month < ref.month or (month == ref.month and not strict)
    return dt.date(ref.year if behind else ref.year - 1, month, 1)
