"""Lexicon entry types shared by the team-written lexicon and the PETRARCH dictionary loader.

Every lexicon wirecoder uses -- its own files in ``coding/data/`` and PETRARCH-format dictionaries passed
with ``--dictionaries DIR`` -- is turned into these records, so the coder never knows where an entry came from.

Phrases are tuples of lower-cased tokens as spaCy splits them (``("al", "-", "qaeda")`` is written
``al-qaeda`` in the data files and split by :func:`phrase`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ActorKind = Literal["country", "demonym", "capital", "organisation", "person", "agent"]

SECTORS = frozenset(
    [
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "SPY", "CVL", "MED", "JRN", "REL", "BUS", "EDU",
        "LAB", "REF", "IGO", "NGO", "UAF",
        "HRI", "ELI", "MOD", "RAD", "IMG", "SEP", "CRM", "AGR", "ENV", "HLH", "INS", "PPL", "UNK",
    ]
)
"""Sector (role) codes. The first row are the ones wirecoder's own lexicon uses; the rest occur in PETRARCH files."""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor: a country (or its demonym or capital), an organisation or a person."""

    phrase: tuple[str, ...]
    """Lower-cased tokens, e.g. ``("islamic", "state")``."""
    code: str
    """CAMEO-style code: country alpha-3 followed by sector codes (``SYR``, ``SYRMIL``, ``LBNREB``); IGOs as
    ``IGO`` + organisation (``IGOUNO``)."""
    name: str
    """Canonical display name, e.g. ``Syria``, ``Hezbollah``."""
    country: str | None
    """ISO 3166-1 alpha-3 of the home country; None for international bodies and transnational groups."""
    sector: str | None
    """Primary sector code (one of :data:`SECTORS`); None for a country as a whole."""
    kind: ActorKind


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic role noun that gives a sector but no country: ``troops`` -> MIL, ``rebels`` -> REB."""

    phrase: tuple[str, ...]
    sector: str


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """An event trigger: a verb or eventive noun lemma, with words that must accompany it, and its CAMEO code.

    ``requires`` are lemmas that must occur among the trigger's dependents (object, particle, preposition,
    or the object of a preposition), in any order: ``hold`` + ``("talk",)`` is "held talks", ``blow`` +
    ``("up",)`` is "blew up". An entry with more requirements is more specific and wins.
    """

    lemma: str
    pos: Literal["verb", "noun"]
    code: str
    """CAMEO event code, 3 or 4 digits (``190``, ``0233``)."""
    requires: tuple[str, ...] = ()


_TOKEN = re.compile(r"\w+(?:\.\w+)*\.?|[^\w\s]", re.UNICODE)


def phrase(text: str) -> tuple[str, ...]:
    """Split a written phrase the way the coder compares tokens: lower case, hyphens and apostrophes apart.

    >>> phrase("al-Qaeda")
    ('al', '-', 'qaeda')
    >>> phrase("U.S.")
    ('u.s.',)
    """
    return tuple(_TOKEN.findall(text.lower().replace("’", "'")))
