"""Which of a sentence's date expressions dates a given event (see :mod:`wirecoder.dates`).

Each expression gets a role from the words around it:

* **ignored**, because it clearly dates something else: after "since", "every"/"each", "on the eve of", "born",
  "dated", a publication stamp ("updated", "published", "posted", "modified", "copyright"); before a document noun
  ("a March 2012 report", "Monday's survey"); before a wire credit ("June 5 (Reuters)");
* **weak**, because it bounds the event rather than dating it, or dates the telling of it: after "until", "till",
  "by", "before", "after", "ahead of", "prior to", "as of", "up to"; a few words after a reporting verb ("officials
  said on Tuesday", "told reporters in Geneva on Tuesday") unless the event's trigger is that verb or comes
  between it and the date;
* **normal** otherwise.

The event takes a normal expression if there is one, else a weak one. Among those it takes the one fewest clause
boundaries away from the trigger (punctuation such as commas, semicolons, dashes and brackets, and words that
open a clause: "after", "when", "while", "which", "that", "and", "but"...), then the nearest; without an anchor,
the first. An expression that cannot be resolved ("last year", "in 2012", "on Monday" with no publication
date) is taken only from the trigger's own clause and only when no resolvable one is there: then the event has
no usable date. In another clause it is passed over.
"""

from __future__ import annotations

import re
from enum import IntEnum

from .expressions import Mention, lower

_IGNORED_AFTER = re.compile(
    r"(?:\b(?:since|every|each|born|dated|updated|published|posted|modified|copyright)|\beve\s+of|©)"
    r"(?:[\s:,-]+(?:on|in|at|the|of)\b)*[\s:,-]*$")
_DOCUMENTS = ("report", "study", "survey", "memo", "letter", "paper", "census", "poll", "bulletin", "edition",
              "issue", "document", "assessment", "review", "book", "documentary", "film", "video", "article")
_IGNORED_BEFORE = re.compile(
    r"(?:['’]s)?\s+(?:" + "|".join(_DOCUMENTS) + r")s?\b"
    r"|\s*\((?:reuters|ap|afp|upi|xinhua|dpa|ians|pti|bloomberg|cnn|bbc)\)")
_WEAK_AFTER = re.compile(r"\b(?:until|till|by|before|after|ahead\s+of|prior\s+to|as\s+of|up\s+to)\s+$")
_REPORTED_AFTER = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|announced|announces|stated|added|confirmed|claimed|declared|wrote)"
    r"\b(?:\s+[\w'’-]+){0,3}?\s+(?:on\s+)?$")
_BOUNDARY = re.compile(
    r"[,;:()\[\]—–]|\s-\s|\b(?:after|before|while|when|whereas|although|though|because|since|until|which|who|"
    r"whom|whose|where|that|and|but|as)\b")
_LOOK_BACK = 60


class Role(IntEnum):
    """How far an expression can be trusted to date an event in its sentence (higher is better)."""

    IGNORED = 0
    WEAK = 1
    NORMAL = 2


def role(low: str, mention: Mention, anchor: int | None = None) -> Role:
    """The role of ``mention`` for the event whose trigger starts at ``anchor``; ``low`` is the text in lower case
    and ``anchor`` an index in it."""
    window = max(0, mention.start - _LOOK_BACK)
    if _IGNORED_AFTER.search(low, window, mention.start) or _IGNORED_BEFORE.match(low, mention.end):
        return Role.IGNORED
    if _WEAK_AFTER.search(low, window, mention.start):
        return Role.WEAK
    reported = _REPORTED_AFTER.search(low, window, mention.start)
    if reported and not (anchor is not None and reported.start() <= anchor < mention.start):
        return Role.WEAK
    return Role.NORMAL


def _distance(low: str, mention: Mention, anchor: int) -> tuple[int, int]:
    """(clause boundaries, characters) between the trigger at ``anchor`` and ``mention``."""
    if anchor < mention.start:
        lo, hi = anchor, mention.start
    elif anchor >= mention.end:
        lo, hi = mention.end, anchor
    else:
        return 0, 0
    return len(_BOUNDARY.findall(low, lo, hi)), hi - lo


def choose(text: str, mentions: list[Mention], anchor: int | None) -> Mention | None:
    """The mention that dates the event whose trigger starts at ``anchor`` (index in ``text``); None if none does."""
    low = lower(text)
    best: tuple[int, int, bool, int] | None = None
    chosen: Mention | None = None
    for mention in mentions:
        rank = role(low, mention, anchor)
        if rank is Role.IGNORED:
            continue
        boundaries, gap = (0, mention.start) if anchor is None else _distance(low, mention, anchor)
        if mention.date is None and boundaries:
            continue  # "which they lost in 2012": a date we cannot use, and in another clause
        key = (-rank, boundaries, mention.date is None, gap)
        if best is None or key < best:
            best, chosen = key, mention
    return chosen
