"""Fatalities a sentence reports: "killing six", "at least 75 people were killed", "dozens dead".

Numbers may be digits ("1,200"), words ("six", "twenty-one") or vague amounts, which follow ACLED's coding
conventions: "several", "many", "a number of" and a bare plural ("civilians were killed") count as 10,
"dozens" as 12, "scores" as 20, "hundreds" as 100, "thousands" as 1000; "a", "one", "a man" count as 1.
When a sentence gives several counts the largest is kept (ACLED codes the most conservative *report*, not the
smallest number in a sentence, which is usually a subset: "killing 12, including three children").
"""

from __future__ import annotations

import re

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_VAGUE = {
    "several": 10, "many": 10, "numerous": 10, "some": 10, "a number of": 10, "dozens": 12, "dozens of": 12,
    "scores": 20, "scores of": 20, "hundreds": 100, "hundreds of": 100, "thousands": 1000, "thousands of": 1000,
    "a dozen": 12, "a few": 3, "few": 3, "two dozen": 24,
}
_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|two dozen|dozens(?: of)?|scores(?: of)?|"
    r"hundreds(?: of)?|thousands(?: of)?|several|many|numerous|a number of|a few)"
)
_QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|up to|some|roughly|as many as)\s+)?"
_WHO = r"(?:\s+(?:[\w-]+\s+){0,3}?(?:people|persons|civilians|soldiers|troops|militants|rebels|fighters|" \
    r"police(?:men)?|officers|children|women|men|members|insurgents|protesters|demonstrators|workers|" \
    r"villagers|residents|" \
    r"policemen|guards|personnel|others|of them|gunmen|attackers|militiamen|jihadists|students|passengers|" \
    r"worshippers|pilgrims|refugees|migrants|journalists|farmers|miners|servicemen|recruits|cadets|bystanders))?"
_DEATH_VERB = r"(?:killed|dead|died|slain|massacred|executed|shot dead|beheaded|lost their lives|perished|murdered)"
_PATTERNS = [
    # "killing six", "killed at least 75 people"
    re.compile(rf"\b(?:kill(?:ing|ed|s)?|left|leaving|massacred|executed|claim(?:ing|ed)? the lives of)\s+{_QUAL}"
               rf"{_NUMBER}{_WHO}", re.I),
    # "six people were killed", "at least 12 dead", "dozens dead"
    re.compile(rf"\b{_QUAL}{_NUMBER}{_WHO}\s+(?:(?:were|have been|had been|was|are|being)\s+)?"
               rf"(?:(?:reported|reportedly|confirmed|feared)\s+)?{_DEATH_VERB}", re.I),
    # "death toll rose to 40", "a death toll of 40"
    re.compile(rf"\bdeath toll\s+(?:[\w'’]+\s+){{0,5}}?(?:to|of|at|reached|stands at|stood at)\s+{_QUAL}{_NUMBER}",
               re.I),
]


def _value(text: str) -> int | None:
    text = text.lower().strip()
    if text in _VAGUE:
        return _VAGUE[text]
    if text[0].isdigit():
        return int(text.replace(",", ""))
    if "-" in text:
        tens, units = text.split("-", 1)
        return _UNITS.get(tens, 0) + _UNITS.get(units, 0)
    return _UNITS.get(text)


def fatalities(sentence: str) -> int | None:
    """The number of people the sentence says were killed, or None when it gives none."""
    best: int | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            value = _value(m.group("num"))
            if value is not None and (best is None or value > best):
                best = value
    return best
