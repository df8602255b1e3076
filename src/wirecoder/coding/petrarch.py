"""Read PETRARCH-format dictionaries (``--dictionaries DIR``) into wirecoder's lexicon records.

Analysts keep years of work in the dictionary formats of PETRARCH2 (and TABARI before it). This module reads
those files -- verbs (``CAMEO.2.0.txt``, ``*.verbs.txt``), actors (``*actors*``), agents (``*agents*``) and
discards (``*discards*``) -- and turns them into the records of :mod:`wirecoder.coding.lexicon`, so the coder
never knows where an entry came from. The entry point is :func:`load_dictionaries`.

What survives the conversion and what does not (the coder looks up a trigger's lemma with the lemmas of its
dependents -- objects, particles, prepositions and their objects -- not PETRARCH's phrase-structure patterns):

* A verb pattern becomes one :class:`VerbEntry` per verb of its block, ``requires`` holding the pattern's
  content words (nouns made singular, particles, prepositions) in any order, one entry per synset member.
  Word order, noun-phrase structure (``{...}``), source/target markers (``$`` ``+``), compounds (``%``) and
  skips (``^``) are lost.
* Dropped, with a warning each: patterns that constrain the subject (``- &MILITARY * ...``), null-coded patterns
  (``[---]``, which in PETRARCH stop a phrase from being coded), passive-only codes (``[:173]``: the subject is
  the one acted on), codes that are not CAMEO, verb transformations (``~``), and patterns whose synsets expand
  beyond :data:`MAX_SYNSET_EXPANSION`.
* Date-restricted actor codes are resolved once, at load time, for ``on_date``.
* TABARI-style stems (a name without a trailing ``_`` also matching longer words) are matched as whole words.
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .lexicon import SECTORS, ActorEntry, ActorKind, AgentEntry, VerbEntry, phrase

__all__ = ["COUNTRY_CODES", "Dictionaries", "DictionaryError", "SkippedFile", "load_dictionaries"]

DictionaryKind = Literal["verbs", "actors", "agents", "discards"]

MAX_SYNSET_EXPANSION = 1000
"""A pattern whose synset references make more word combinations than this (``* {&MILITARY &AIRCRAFT}``: 18 x 75)
is skipped with a warning rather than cut to an arbitrary subset: every combination becomes one entry per verb
of the block."""

_DICTIONARY_SUFFIXES = frozenset({".txt", ".verbs", ".actors", ".agents", ".discards", ""})
_NULL_CODES = frozenset({"---", "+++", ""})
_MARKERS = frozenset({"$", "+", "%", "^"})
_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "this", "that", "these", "those", "some", "any", "'s"),
        *("it", "its", "their", "his", "her", "our", "my", "your"),
        *("is", "are", "am", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did"),
        *("will", "would", "shall", "should", "may", "might", "must", "can", "could"),
        *("and", "or", "but", "nor"),
    }
)
"""Words dropped from patterns: the coder's dependents are content words (nouns, particles, prepositions)."""
_INVARIANT_NOUNS = frozenset(
    {
        *("news", "series", "species", "means", "headquarters", "politics", "economics", "physics"),
        *("crossroads", "whereabouts", "towards", "afterwards", "always", "perhaps", "whereas", "overseas"),
        *("sometimes", "besides", "unless"),
    }
)
"""Words ending in -s that are not plurals, or whose lemma keeps the -s."""
_IRREGULAR_NOUNS = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "bases": "base",
    "wives": "wife",
    "lives": "life",
    "thieves": "thief",
    "knives": "knife",
}

# ISO 3166-1 alpha-3, former ISO codes still found in dated entries (ISO 3166-3), and Kosovo (KSV in CAMEO).
_COUNTRY_CODES_TEXT = """
    AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN
    BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD
    COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF
    PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND
    IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL
    NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU
    ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS
    SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE
    GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE
    ANT BUR BYS CSK DDR DHY GEL HVO NTZ PCZ ROM SCG SKM SUN TMP VDR YMD YUG ZAR KSV XKX
"""
COUNTRY_CODES = frozenset(_COUNTRY_CODES_TEXT.split())
"""Three-letter codes that make an actor code's first three letters a country."""


class DictionaryError(ValueError):
    """A dictionary file or folder cannot be read. ``str(error)`` names the file and line and says what to fix
    (the coding stage reports it as ``E303 cannot load PETRARCH dictionaries: ...``)."""

    def __init__(self, message: str, *, path: str, line_no: int | None = None):
        super().__init__(message)
        self.path = path
        self.line_no = line_no


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file in the dictionary folder that was not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dictionaries:
    """Everything read from a folder of PETRARCH dictionaries, as lexicon records."""

    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    verbs: tuple[VerbEntry, ...]
    discards: tuple[tuple[str, ...], ...]
    """Phrases that make the coder skip a sentence."""
    story_discards: tuple[tuple[str, ...], ...]
    """Phrases that make the coder skip the whole story (``+`` lines)."""
    sources: tuple[str, ...]
    """The files read, in the order they were read."""
    skipped: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = ()
    """What was read but could not be converted, one line per kind of problem and file, with counts."""


def load_dictionaries(path: str | os.PathLike[str], *, on_date: datetime.date | None = None) -> Dictionaries:
    """Read PETRARCH dictionaries from a folder (or one file) and convert them to lexicon records.

    Files are recognised by name: ``*verbs*`` and ``CAMEO*.txt`` holding verb blocks are verbs, ``*actors*``
    actors, ``*agents*`` agents and ``*discards*`` discards. Other files (issue coding, README, ``.tsv``...) are
    listed in ``skipped``, and so are, in a folder, files PETRARCH2's configuration does not use: its unit-test
    dictionaries (``PETR.Validate.*``) and PETRARCH-1 ``*verbpatterns*``, unless the folder holds nothing else;
    pass such a file itself to read it.
    Subfolders are not read. When two files give the same phrase (or verb and words), the later file in name
    order wins.

    Args:
        path: a folder of dictionaries, or a single dictionary file.
        on_date: choose, for actors with date-restricted codes (``[USAGOV 20090120-20170120]``), the code valid
            on this date; actors with no code valid then are left out. Without it, an undated code is used,
            else the code whose period ends last.

    Returns:
        The converted records, the files read and skipped, and warnings about entries that were dropped.

    Raises:
        DictionaryError: the path is missing or holds no dictionary, or a line is malformed (the message gives
            ``file:line`` and the fix).
    """
    if isinstance(on_date, datetime.datetime):
        on_date = on_date.date()
    root = Path(path)
    if root.is_dir():
        candidates = sorted(p for p in root.iterdir() if not p.name.startswith("."))
    elif root.is_file():
        candidates = [root]
    else:
        raise DictionaryError(
            f"{root}: no such file or folder; pass a folder of PETRARCH dictionaries", path=str(root)
        )

    skipped: list[SkippedFile] = []
    chosen: list[tuple[Path, DictionaryKind]] = []
    for candidate in candidates:
        kind, reason = _kind_of(candidate, named=root.is_file())
        if kind is None:
            skipped.append(SkippedFile(str(candidate), reason))
        else:
            chosen.append((candidate, kind))
    if not chosen and root.is_dir():
        # A folder of nothing but PETRARCH's unit-test or PETRARCH-1 files: the user means to read those.
        retry = [(c, _kind_of(c, named=True)[0]) for c in candidates]
        chosen = [(c, kind) for c, kind in retry if kind is not None]
        skipped = [s for s in skipped if s.path not in {str(c) for c, _ in chosen}]
    if not chosen:
        if root.is_file():
            fix = "name it like PETRARCH does: *.verbs.txt, *.actors.txt, *.agents.txt or *.discards.txt"
            problem = f"not read as a dictionary ({skipped[0].reason})"
        else:
            fix = "pass the folder that holds the *.verbs.txt, *.actors.txt, *.agents.txt and *.discards.txt files"
            problem = "no PETRARCH dictionary here"
        raise DictionaryError(f"{root}: {problem}; {fix}", path=str(root))

    report = _Report()
    actors: dict[tuple[str, ...], ActorEntry] = {}
    agents: dict[AgentEntry, None] = {}
    verbs: dict[tuple[str, tuple[str, ...]], VerbEntry] = {}
    discards: dict[tuple[str, ...], None] = {}
    story_discards: dict[tuple[str, ...], None] = {}
    for file, kind in chosen:
        lines = _Lines(file, report)
        if kind == "verbs":
            own: set[VerbEntry] = set()
            for entry in _read_verbs(lines, report):
                key = (entry.lemma, tuple(sorted(entry.requires)))
                previous = verbs.get(key)  # the later definition wins, as in PETRARCH
                if previous is not None and previous.code != entry.code and previous not in own:
                    report.count(
                        file, "verb-redefined", 0,
                        "verb entries (lemma and words) replace an earlier file's entry with another code",
                    )
                own.add(entry)
                verbs[key] = entry
        elif kind == "actors":
            for entry in _read_actors(lines, report, on_date):
                previous = actors.get(entry.phrase)
                if previous is not None and previous.code != entry.code:
                    report.count(
                        file, "actor-redefined", 0,
                        "actor phrases were defined again with another code; the later one is used",
                    )
                actors[entry.phrase] = entry
        elif kind == "agents":
            agents.update(dict.fromkeys(_read_agents(lines, report)))
        else:
            for story_level, words in _read_discards(lines):
                (story_discards if story_level else discards)[words] = None

    return Dictionaries(
        actors=tuple(actors.values()),
        agents=tuple(agents),
        verbs=tuple(verbs.values()),
        discards=tuple(discards),
        story_discards=tuple(story_discards),
        sources=tuple(str(file) for file, _ in chosen),
        skipped=tuple(skipped),
        warnings=report.render(),
    )


# ----------------------------------------------------------------------------------------------------------
# Files and lines


def _kind_of(path: Path, *, named: bool) -> tuple[DictionaryKind | None, str]:
    """What dictionary a file holds, judged by its name, or None and why it is not read.

    ``named`` is True when the user passed this very file: files PETRARCH2's own configuration does not use
    (its unit-test dictionaries, PETRARCH-1 verb patterns) are then read instead of skipped.
    """
    name = path.name.lower()
    if path.is_dir():
        return None, "a folder; only files directly in the dictionary folder are read"
    if path.suffix.lower() not in _DICTIONARY_SUFFIXES:
        return None, f"a {path.suffix} file, not a PETRARCH dictionary"
    if not named and "verbpatterns" in name:
        return None, (
            "PETRARCH-1 verb patterns (flat TABARI word sequences), superseded by CAMEO.2.0.txt in PETRARCH2; "
            "pass the file itself to read it anyway"
        )
    if not named and name.startswith("petr.validate."):
        return None, (
            "PETRARCH's unit-test dictionary (fictional actors, WEIS codes), not for coding news; "
            "pass the file itself to read it anyway"
        )
    if "verbs" in name or "verbpatterns" in name:
        return "verbs", ""
    if name.startswith("cameo") and name.endswith(".txt"):
        if _has_verb_block(path):
            return "verbs", ""
        return None, "named CAMEO*.txt but holds no verb block ('--- NAME [code] ---')"
    if "actors" in name:
        return "actors", ""
    if "agents" in name:
        return "agents", ""
    if "discards" in name:
        return "discards", ""
    return None, "not a dictionary wirecoder reads (*verbs*, CAMEO*.txt, *actors*, *agents*, *discards*)"


_BLOCK_HEADER = re.compile(r"^---\s*([^\[\]]*?)\s*(?:\[([^\[\]]*)\])?((?:[\s-]|\[[^\[\]]*\])*)$")
"""``--- NAME [code] ---``; a second ``[code]`` (seen in real files) is ignored, as PETRARCH does."""


def _has_verb_block(path: Path) -> bool:
    with path.open("rb") as handle:
        return any(_BLOCK_HEADER.match(raw.decode("latin-1").strip()) for raw in handle)


class _Lines:
    """The meaningful lines of a dictionary file, PETRARCH style, with their numbers: ``#`` starts a comment
    anywhere on a line (except inside ``[...]``), ``<!-- ... -->`` comments may span lines, other ``<!`` lines
    are skipped, and blank lines are dropped."""

    def __init__(self, path: Path, report: _Report):
        self.path = path
        data = path.read_bytes()
        try:
            self.text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.text = data.decode("cp1252", errors="replace")
            report.count(
                path, "encoding", data.count(b"\n", 0, exc.start) + 1,
                "the file is not UTF-8; it was read as Windows-1252 (save it as UTF-8 to be sure of accents)",
            )

    def __iter__(self) -> Iterator[tuple[int, str]]:
        in_comment = False
        for line_no, raw in enumerate(self.text.split("\n"), start=1):
            line = raw.rstrip("\r")
            if in_comment:
                end = line.find("-->")
                if end < 0:
                    continue
                line = line[end + 3 :]
                in_comment = False
            while "<!--" in line:
                start = line.index("<!--")
                end = line.find("-->", start + 4)
                if end < 0:
                    line = line[:start]
                    in_comment = True
                    break
                line = line[:start] + " " + line[end + 3 :]
            if line.lstrip().startswith("<!"):
                continue
            line = _without_comment(line).strip()
            if line:
                yield line_no, line

    def error(self, line_no: int, line: str, problem: str, fix: str) -> DictionaryError:
        message = f"{self.path}:{line_no}: {problem}: {line!r}; {fix}"
        return DictionaryError(message, path=str(self.path), line_no=line_no)


def _without_comment(line: str) -> str:
    """Cut at the first ``#`` that is not inside a ``[code]`` (``[###]`` is an old TABARI code)."""
    if "#" not in line:
        return line
    if "[" not in line:
        return line.split("#", 1)[0]
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == "#" and (depth == 0 or "]" not in line[i:]):
            return line[:i]
    return line


@dataclass(slots=True)
class _Count:
    n: int
    first_line: int
    text: str


@dataclass(slots=True)
class _Report:
    """Counts what was dropped, by file and kind of problem, and turns the counts into warning lines."""

    counts: dict[tuple[str, str], _Count] = field(default_factory=dict)

    def count(self, path: Path, kind: str, line_no: int, text: str) -> None:
        self.counts.setdefault((str(path), kind), _Count(0, line_no, text)).n += 1

    def render(self) -> tuple[str, ...]:
        lines = []
        for (path, _), count in self.counts.items():
            at = f" (first at line {count.first_line})" if count.first_line else ""
            lines.append(f"{Path(path).name}: {count.n} {count.text}{at}")
        return tuple(lines)


# ----------------------------------------------------------------------------------------------------------
# Words


def _words(text: str) -> tuple[str, ...]:
    """Spaced or ``_``-joined PETRARCH words to lower-case tokens as the coder compares them."""
    return phrase(" ".join(text.replace("_", " ").split()))


def _content_lemmas(text: str) -> list[str]:
    """Words of a pattern to the lemmas a trigger's dependents will have: punctuation and function words go,
    plural nouns become singular (PETRARCH lists both forms in patterns; the coder compares lemmas)."""
    return [_noun_lemma(t) for t in _words(text) if (t[0].isalnum()) and t not in _FUNCTION_WORDS]


def _noun_lemma(word: str) -> str:
    """``sanctions`` -> ``sanction``, ``rallies`` -> ``rally``, ``crises`` -> ``crisis``, ``news`` unchanged:
    a rough stand-in for spaCy's noun lemmatizer, which needs the sentence to tell a plural."""
    if word in _IRREGULAR_NOUNS:
        return _IRREGULAR_NOUNS[word]
    if len(word) <= 3 or word in _INVARIANT_NOUNS or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _title(name: str) -> str:
    """``AL-QAEDA_`` -> ``Al-Qaeda``; ``U.N.`` stays ``U.N.``; ``23RD`` -> ``23rd``; ``PEOPLE'S`` -> ``People's``."""
    text = " ".join(name.replace("_", " ").split()).title()
    if "'" in text or "’" in text or any(c.isdigit() for c in text):
        text = _TITLE_AFTER.sub(lambda m: m[0].lower(), text)
    return text


_TITLE_AFTER = re.compile(r"(?<=[\d'’])[^\W\d_]+")
"""Letters that ``str.title`` capitalises after a digit or an apostrophe (``23Rd``, ``People'S``)."""


def _plural(word: str) -> str:
    """English plural of one upper- or lower-case word (PETRARCH's own rule makes ``ENVOIES``); a word that
    already looks plural (``-s`` but not ``-ss``, ``-us``, ``-is``) is left as it is."""
    lower = word.lower()
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + ("ES" if word.isupper() else "es")
    return word + ("S" if word.isupper() else "s")


# ----------------------------------------------------------------------------------------------------------
# Verbs


@dataclass(slots=True)
class _Verb:
    lemma: str
    particles: tuple[str, ...]
    code: str | None
    """Its own code, else its block's; None codes nothing on its own."""
    line_no: int


@dataclass(slots=True)
class _Pattern:
    slots: list[tuple[str, ...] | str]
    """Fixed lemmas, or a synset label (``&NAME``) to expand."""
    code: str
    line_no: int
    subject: list[tuple[str, ...] | str] = field(default_factory=list)
    """The slots that stand before the verb outside a (...) phrase: they constrain its subject."""


@dataclass(slots=True)
class _Block:
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[_Pattern] = field(default_factory=list)


def _read_verbs(lines: _Lines, report: _Report) -> Iterator[VerbEntry]:
    blocks: list[_Block] = []
    synsets: dict[str, list[list[tuple[str, ...] | str]]] = {}
    mode: Literal["start", "synset", "block"] = "start"
    synset: list[list[tuple[str, ...] | str]] = []
    for line_no, line in lines:
        if line.startswith("---"):
            match = _BLOCK_HEADER.match(line)
            if match is None:
                raise lines.error(
                    line_no, line, "unreadable verb block header",
                    "write it as '--- NAME [code] ---', e.g. '--- MEET [040] ---'",
                )
            if "[" in match[3]:
                report.count(
                    lines.path, "header-codes", line_no, "verb block headers had a second code; the first is used"
                )
            blocks.append(_Block(_verb_code(match[2] or "---", lines, report, line_no, line)))
            mode = "block"
        elif line.startswith("&"):
            label = _synset_label(line.split()[0])
            synset = synsets.setdefault(label, [])
            mode = "synset"
        elif line.startswith("+") and mode == "synset":
            synset.append(_synset_member(line[1:], lines, line_no, line))
        elif line.startswith("~"):
            report.count(lines.path, "transformation", line_no, "verb transformations ('~' lines) ignored")
        elif mode != "block":
            what = "verb pattern" if line.startswith("-") else "verb"
            raise lines.error(
                line_no, line, f"{what} outside a verb block",
                "start the block with a header line like '--- MEET [040] ---' above it",
            )
        elif line.startswith("-"):
            pattern = _parse_pattern(line, line_no, lines, report)
            if pattern is not None:
                blocks[-1].patterns.append(pattern)
        else:
            blocks[-1].verbs.append(_parse_verb(line, line_no, blocks[-1].code, lines, report))

    # A verb listed in two blocks keeps the first (PETRARCH2 maps each verb to one block's patterns).
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for block in blocks:
        kept = []
        for verb in block.verbs:
            key = (verb.lemma, verb.particles)
            if key in seen:
                report.count(
                    lines.path, "verb-again", verb.line_no,
                    "verbs listed in a second block ignored there (PETRARCH keeps a verb's first block)",
                )
            else:
                seen.add(key)
                kept.append(verb)
        block.verbs = kept

    expansions = _SynsetExpander(synsets, lines, report)
    for block in blocks:
        for verb in block.verbs:
            if verb.code is not None:
                yield VerbEntry(lemma=verb.lemma, pos="verb", code=verb.code, requires=verb.particles)
        codes: dict[tuple[str | tuple[str, ...], ...], str] = {}
        for pattern in block.patterns:
            key = tuple(sorted(pattern.slots, key=repr))
            if codes.setdefault(key, pattern.code) != pattern.code:
                report.count(
                    lines.path, "pattern-again", pattern.line_no,
                    "patterns repeat the words of an earlier pattern of their block with another code; "
                    "the later code is used, as in PETRARCH",
                )
                codes[key] = pattern.code
            for words in expansions.expand(pattern):
                for verb in block.verbs:
                    requires = tuple(dict.fromkeys((*verb.particles, *words))) if verb.particles else words
                    yield VerbEntry(lemma=verb.lemma, pos="verb", code=pattern.code, requires=requires)


def _synset_label(token: str) -> str:
    return token.strip("{}()").rstrip("_").upper()


def _synset_member(text: str, lines: _Lines, line_no: int, line: str) -> list[tuple[str, ...] | str]:
    if text.strip().startswith("&"):
        return [_synset_label(text.split()[0])]
    if not any(c.isalnum() for c in text):
        raise lines.error(
            line_no, line, "synset member has no word", "write one word or phrase after '+', e.g. '+TRUCE'"
        )
    return [tuple(_content_lemmas(text))]  # empty for function words (&AUXVERB): they add nothing to requires


_CODE_AT_END = re.compile(r"\[([^\[\]]*)\]\s*$")


def _verb_code(raw: str, lines: _Lines, report: _Report, line_no: int, line: str) -> str | None:
    """A PETRARCH verb code to a CAMEO code, or None when it codes nothing (null, passive-only, not CAMEO)."""
    code = raw.strip()
    if ":" in code:
        active, _, passive = code.partition(":")
        if not active.strip() and passive.strip():
            report.count(
                lines.path, "passive", line_no,
                "passive-only codes like [:173] skipped (the subject is acted on; wirecoder cannot say so)",
            )
            return None
        code = active.strip()
    if code in _NULL_CODES:
        return None
    if not re.fullmatch(r"\d{3,4}", code):
        report.count(lines.path, "odd-code", line_no, f"codes that are not 3-4 CAMEO digits skipped, e.g. [{raw}]")
        return None
    if not 1 <= int(code[:2]) <= 20:
        report.count(
            lines.path, "odd-root", line_no, f"codes outside the CAMEO roots 01-20 skipped (WEIS?), e.g. [{raw}]"
        )
        return None
    return code


def _parse_verb(line: str, line_no: int, block_code: str | None, lines: _Lines, report: _Report) -> _Verb:
    """``SAY {SAID SAYS}``, ``ASK [020]``, ``+CARRY_OUT``, ``RE_+ARREST``: the lemma, its particles, its code."""
    text = line
    code = block_code
    match = _CODE_AT_END.search(text)
    if match:
        code = _verb_code(match[1], lines, report, line_no, line)
        text = text[: match.start()]
    if "[" in text or "]" in text:
        raise lines.error(
            line_no, line, "unbalanced [ ] in a verb line", "end the line with one code like [040], or none"
        )
    head = text.split("{", 1)[0].split()
    parts = [p for p in head[0].split("_") if p] if head else []
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    verb_index = marked[0] if marked else 0
    tokens = [t for t in _words(parts[verb_index].lstrip("+")) if t[0].isalnum()] if parts else []
    if not tokens:
        raise lines.error(
            line_no, line, "verb line has no verb", "start the line with the verb, e.g. 'MEET {MET MEETS}'"
        )
    # A hyphenated verb is split by the tokenizer; its last part is the verb ("co-operate" -> "operate").
    particles = tokens[:-1]
    for i, part in enumerate(parts):
        if i != verb_index:
            particles.extend(t for t in _words(part.lstrip("+")) if t[0].isalnum())
    return _Verb(lemma=tokens[-1], particles=tuple(particles), code=code, line_no=line_no)


def _parse_pattern(line: str, line_no: int, lines: _Lines, report: _Report) -> _Pattern | None:
    """``- &MILITARY * (TO BORDER) [154]``: the words the verb needs, or None if the code codes nothing."""
    match = _CODE_AT_END.search(line)
    if match is None:
        raise lines.error(
            line_no, line, "verb pattern has no code at the end",
            "end it with a CAMEO code in brackets, e.g. '- * (TO BORDER) [154]', or [---] to code nothing",
        )
    body = line[1 : match.start()]
    if "[" in body or "]" in body:
        raise lines.error(line_no, line, "verb pattern has more than one [ ]", "keep only the code, at the end")
    if body.count("(") != body.count(")") or body.count("{") != body.count("}"):
        # Brackets only group words, and the words are kept in any case (requires has no structure).
        report.count(lines.path, "unbalanced", line_no, "patterns with unbalanced ( ) or { } read as plain words")
    tokens = body.replace("_", " ").replace("*", " * ").split()
    if [t.strip("(){}") for t in tokens].count("*") != 1:
        raise lines.error(
            line_no, line, "verb pattern needs exactly one '*' where the verb goes",
            "write it like '- * (TO BORDER) [154]' or '- &MILITARY * EXERCISES [062]'",
        )
    slots: list[tuple[str, ...] | str] = []
    subject: list[tuple[str, ...] | str] = []
    before_verb, depth = True, 0
    for raw in tokens:
        opened = raw.count("(")
        in_prep = depth + opened > 0  # words of a (...) phrase attach to the verb wherever they stand
        depth = max(depth + opened - raw.count(")"), 0)
        token = raw.strip("(){}")
        if token == "*":
            before_verb = False
            continue
        if not token or token in _MARKERS:
            continue
        slot: tuple[str, ...] | str = _synset_label(token) if token.startswith("&") else tuple(_content_lemmas(token))
        if not slot:
            continue
        if before_verb and not in_prep and not (isinstance(slot, tuple) and all(w.endswith("ly") for w in slot)):
            subject.append(slot)  # a noun before the verb is its subject; adverbs ("-ly") are its dependents
        slots.append(slot)
    code = _verb_code(match[1], lines, report, line_no, line)
    if code is None:
        if match[1].strip() in _NULL_CODES:
            report.count(
                lines.path, "null-pattern", line_no,
                "null-coded patterns ([---]) dropped: in PETRARCH they stop the verbs coding those phrases",
            )
        return None
    return _Pattern(slots=slots, code=code, line_no=line_no, subject=subject)


class _SynsetExpander:
    def __init__(self, synsets: dict[str, list[list[tuple[str, ...] | str]]], lines: _Lines, report: _Report):
        self.synsets = synsets
        self.lines = lines
        self.report = report
        self.members: dict[str, list[tuple[str, ...]] | None] = {}

    def resolve(self, label: str, seen: tuple[str, ...] = ()) -> list[tuple[str, ...]] | None:
        """The word tuples a synset stands for (nested synsets flattened), or None if it is not defined."""
        if label in self.members:
            return self.members[label]
        if label not in self.synsets or label in seen:
            return None
        out: dict[tuple[str, ...], None] = {}
        for member in self.synsets[label]:
            first = member[0]
            if isinstance(first, str):
                nested = self.resolve(first, (*seen, label))
                out.update(dict.fromkeys(nested or []))
            else:
                out[first] = None
        self.members[label] = list(out)
        return self.members[label]

    def expand(self, pattern: _Pattern) -> Iterator[tuple[str, ...]]:
        if any(isinstance(slot, tuple) or any(self.resolve(slot) or [()]) for slot in pattern.subject):
            self.report.count(
                self.lines.path, "subject", pattern.line_no,
                "patterns skipped: they constrain the verb's subject ('- &MILITARY * ...'), which wirecoder's "
                "requires cannot express (it matches objects, particles and prepositions)",
            )
            return
        choices: list[list[tuple[str, ...]]] = []
        for slot in pattern.slots:
            if isinstance(slot, tuple):
                choices.append([slot])
                continue
            members = self.resolve(slot)
            if members is None:
                self.report.count(
                    self.lines.path, "undefined-synset", pattern.line_no,
                    f"patterns skipped: they use a synset that is not defined (e.g. {slot})",
                )
                return
            if not members:
                return
            choices.append(members)
        total = 1
        for options in choices:
            total *= len(options)
        if total > MAX_SYNSET_EXPANSION:
            self.report.count(
                self.lines.path, "expansion-cap", pattern.line_no,
                f"patterns skipped: their synsets make more than {MAX_SYNSET_EXPANSION} word combinations "
                "(MAX_SYNSET_EXPANSION)",
            )
            return
        for combination in itertools.product(*choices):
            yield tuple(dict.fromkeys(word for part in combination for word in part))


# ----------------------------------------------------------------------------------------------------------
# Actors


@dataclass(frozen=True, slots=True)
class _DatedCode:
    code: str
    start: datetime.date | None
    end: datetime.date | None
    end_exclusive: bool
    position: int

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: datetime.date) -> bool:
        if self.start is not None and day < self.start:
            return False
        if self.end is None:
            return True
        return day < self.end if self.end_exclusive else day <= self.end


@dataclass(slots=True)
class _ActorBlock:
    names: list[tuple[int, str]] = field(default_factory=list)
    codes: list[_DatedCode] = field(default_factory=list)


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _read_actors(lines: _Lines, report: _Report, on_date: datetime.date | None) -> Iterator[ActorEntry]:
    block: _ActorBlock | None = None
    for line_no, line in lines:
        if line.startswith("["):
            if block is None:
                raise lines.error(
                    line_no, line, "actor code before any actor name", "put the actor's name on the line above the code"
                )
            block.codes.extend(_parse_codes(line, line_no, lines, report, len(block.codes)))
        elif line.startswith("+"):
            if block is None:
                raise lines.error(
                    line_no, line, "synonym ('+') before any actor name",
                    "put it under the actor it is another name for",
                )
            name = _actor_name(line[1:], line_no, lines, report)
            if name:
                block.names.append((line_no, name))
        else:
            if block is not None:
                yield from _actor_entries(block, lines, report, on_date)
            block = _ActorBlock()
            name = _actor_name(line, line_no, lines, report)
            block.names.append((line_no, name))
            if "[" in line:
                block.codes.extend(_parse_codes(line[line.index("[") :], line_no, lines, report, 0))
    if block is not None:
        yield from _actor_entries(block, lines, report, on_date)


def _actor_name(line: str, line_no: int, lines: _Lines, report: _Report) -> str:
    name = line.split("[", 1)[0].strip()
    if "]" in name:
        report.count(lines.path, "stray-bracket", line_no, "actor names had a stray ']'; it was dropped")
        name = name.replace("]", "")
    return name


def _parse_codes(text: str, line_no: int, lines: _Lines, report: _Report, position: int) -> list[_DatedCode]:
    """``[AFGGOV 20011222-20140929] [AFGELI]`` -> one :class:`_DatedCode` per bracket."""
    if text.count("[") != text.count("]") or _BRACKETS.sub("", text).count("[") or _BRACKETS.sub("", text).count("]"):
        raise lines.error(
            line_no, text, "unbalanced [ ] in an actor's codes",
            "put each code in its own brackets, e.g. [USAGOV 20090120-20170120]",
        )
    if _BRACKETS.sub(" ", text).strip():
        report.count(lines.path, "code-trailer", line_no, "actor lines had text after their codes; it was ignored")
    codes = []
    for i, inside in enumerate(_BRACKETS.findall(text)):
        parts = inside.split()
        if not parts:
            raise lines.error(line_no, text, "empty [ ] in an actor line", "write a code inside, e.g. [USA]")
        start, end, exclusive = _parse_date_spec("".join(parts[1:]), line_no, text, lines, report)
        codes.append(_DatedCode(parts[0].upper(), start, end, exclusive, position + i))
    return codes


def _parse_date_spec(
    spec: str, line_no: int, line: str, lines: _Lines, report: _Report
) -> tuple[datetime.date | None, datetime.date | None, bool]:
    """``""``, ``<D`` (before D), ``>D`` (from D on), ``D1-D2`` (both included), or a bare ``D`` (from D on)."""
    if not spec:
        return None, None, False
    if spec.startswith("<"):
        return None, _parse_date(spec[1:], line_no, line, lines, report), True
    if spec.startswith(">"):
        return _parse_date(spec[1:], line_no, line, lines, report), None, False
    if "-" in spec:
        first, _, last = spec.partition("-")
        return (
            _parse_date(first, line_no, line, lines, report),
            _parse_date(last, line_no, line, lines, report),
            False,
        )
    report.count(
        lines.path, "bare-date", line_no, "codes with a date but no '<', '>' or '-' read as valid from that date"
    )
    return _parse_date(spec, line_no, line, lines, report), None, False


def _parse_date(text: str, line_no: int, line: str, lines: _Lines, report: _Report) -> datetime.date:
    """YYYYMMDD, or YYMMDD with 00-30 read as 20YY, as PETRARCH reads them."""
    fix = "write dates as YYYYMMDD (or YYMMDD), e.g. [USAGOV 20090120-20170120], [SUN <19911226], [RUS >19911226]"
    if not text.isdigit() or len(text) < 6:
        raise lines.error(line_no, line, f"unreadable date {text!r} in an actor code", fix)
    if len(text) not in (6, 8):
        report.count(
            lines.path, "date-length", line_no,
            "dates with neither 6 nor 8 digits read as PETRARCH does (the first 6 if shorter than 8, else the first 8)",
        )
    if len(text) >= 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        year, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
        year += 2000 if year <= 30 else 1900
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise lines.error(line_no, line, f"impossible date {text!r} ({exc})", fix) from exc


def _choose_code(codes: list[_DatedCode], on_date: datetime.date | None) -> _DatedCode | None:
    if on_date is not None:
        for code in codes:
            if code.dated and code.valid_on(on_date):
                return code
        undated = [c for c in codes if not c.dated]
        return undated[-1] if undated else None
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[-1]
    if not codes:
        return None
    return max(codes, key=lambda c: (c.end is None, c.end or datetime.date.min, c.position))


def _actor_entries(
    block: _ActorBlock, lines: _Lines, report: _Report, on_date: datetime.date | None
) -> Iterator[ActorEntry]:
    first_line, primary = block.names[0]
    if not block.codes:
        report.count(lines.path, "no-code", first_line, "actors without a code skipped")
        return
    chosen = _choose_code(block.codes, on_date)
    if chosen is None:
        report.count(lines.path, "not-on-date", first_line, "actors with no code valid on the requested date left out")
        return
    code = chosen.code
    if code in _NULL_CODES:
        report.count(lines.path, "null-actor", first_line, "null-coded actors ([---]) skipped")
        return
    if not code.isalnum():
        report.count(
            lines.path, "odd-actor-code", first_line,
            f"actors with a code that is not letters and digits skipped, e.g. [{code}]",
        )
        return
    country = code[:3] if code[:3] in COUNTRY_CODES else None
    if country is not None:
        sector = code[3:6] if code[3:6] in SECTORS else None
    else:
        sector = code[:3] if code[:3] in SECTORS else None
    kind: ActorKind
    if country is not None and len(code) == 3:
        kind = "country"
    elif not _ORGANISATION_WORDS.intersection(_words(primary)) and any(
        c.dated or c.code[3:6] == "ELI" or c.code == "ELI" for c in block.codes
    ):
        kind = "person"  # leaders' roles are dated (CountryInfo), and elites (ELI) are people
    else:
        kind = "organisation"
    name = _title(primary)
    for _, written in block.names:
        words = _words(written)
        if words:
            yield ActorEntry(phrase=words, code=code, name=name, country=country, sector=sector, kind=kind)


_ORGANISATION_WORDS = frozenset(
    {
        *("ministry", "ministries", "department", "government", "administration", "cabinet", "office", "authority"),
        *("party", "army", "forces", "force", "navy", "guard", "militia", "brigade", "brigades", "battalion"),
        *("council", "committee", "commission", "agency", "bureau", "board", "service", "services", "court"),
        *("parliament", "assembly", "senate", "congress", "tribunal", "police", "embassy", "republic", "state"),
        *("province", "region", "union", "organization", "organisation", "association", "federation", "league"),
        *("front", "movement", "group", "network", "coalition", "alliance", "bank", "fund", "foundation"),
        *("corporation", "company", "inc", "ltd", "university", "institute", "center", "centre", "church"),
        *("radio", "television", "newspaper", "news", "press", "agency", "internet"),
    }
)
"""Words that make a dated entry an organisation rather than a person (``REPUBLIC_OF_SERBIAN_KRAJINA``)."""


# ----------------------------------------------------------------------------------------------------------
# Agents


_MARKER = re.compile(r"!([^!\s]+)!")


def _read_agents(lines: _Lines, report: _Report) -> Iterator[AgentEntry]:
    substitutions: dict[str, list[str]] = {}
    for line_no, line in lines:
        if "=" in line and line.startswith("!"):
            match = re.fullmatch(r"!([^!\s]+)!\s*=\s*(.*)", line)
            if match is None or not match[2].strip():
                raise lines.error(
                    line_no, line, "unreadable substitution set", "write it as '!PERSON! = MAN, MEN, WOMAN, WOMEN'"
                )
            substitutions[match[1].upper()] = [item.strip() for item in match[2].split(",") if item.strip()]
            continue
        if "[" not in line:
            report.count(lines.path, "agent-no-code", line_no, "agents without a [~CODE] skipped")
            continue
        head, _, rest = line.partition("[")
        code, closed, tail = rest.partition("]")
        if not closed or tail.strip():
            # PETRARCH reads up to ']' or the end of the line; real files have '[~ENV}'.
            report.count(lines.path, "agent-bracket", line_no, "agent codes not closed by ']' or followed by text")
            code = code.strip().rstrip("})")
        sector = _agent_sector(code)
        if sector is None:
            report.count(
                lines.path, "agent-sector", line_no,
                f"agents whose code has no wirecoder sector skipped, e.g. [{code.strip()}]",
            )
            continue
        plural: str | None = None
        if "{" in head or "}" in head:
            match = re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", head)
            if match is None:
                raise lines.error(
                    line_no, line, "unbalanced { } in an agent line",
                    "give the plural in braces after the noun, e.g. 'THIEF {THIEVES} [~CRM]', or {} for none",
                )
            head, plural = match[1], match[2].strip()
        forms = _substitute(head.strip(), substitutions, lines, line_no, line)
        if not _MARKER.search(head):
            if plural is None:
                words = head.split()
                plural = " ".join([*words[:-1], _plural_joined(words[-1])]) if words else ""
            if plural and plural != head.strip():
                forms.append(plural)
        for form in forms:
            words = _words(form)
            if words:
                yield AgentEntry(phrase=words, sector=sector)


def _plural_joined(word: str) -> str:
    """Plural of the last word of an ``_``-joined phrase: ``FOREIGN_MINISTER`` -> ``FOREIGN_MINISTERS``."""
    stem, sep, last = word.rpartition("_")
    return stem + sep + _plural(last) if last else word


def _agent_sector(code: str) -> str | None:
    letters = code.replace("~", "").strip().upper()
    for i in range(0, len(letters) - 2, 3):
        if letters[i : i + 3] in SECTORS:
            return letters[i : i + 3]
    return None


def _substitute(text: str, substitutions: dict[str, list[str]], lines: _Lines, line_no: int, line: str) -> list[str]:
    match = _MARKER.search(text)
    if match is None:
        return [text]
    name = match[1].upper()
    if name not in substitutions:
        raise lines.error(
            line_no, line, f"substitution marker !{match[1]}! is not defined",
            f"define it above, e.g. '!{match[1]}! = MINISTER, MINISTERS', or fix its spelling",
        )
    out = []
    for item in substitutions[name]:
        out.extend(_substitute(text[: match.start()] + item + text[match.end() :], substitutions, lines, line_no, line))
    return out


# ----------------------------------------------------------------------------------------------------------
# Discards


def _read_discards(lines: _Lines) -> Iterator[tuple[bool, tuple[str, ...]]]:
    for line_no, line in lines:
        story_level = line.startswith("+")
        words = _words(line[1:] if story_level else line)
        if not words:
            raise lines.error(
                line_no, line, "discard line has no words", "write the phrase after '+', e.g. '+WORLD CUP'"
            )
        yield story_level, words
