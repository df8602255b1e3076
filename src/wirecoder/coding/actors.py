"""Find actors in a tokenised sentence: countries, organisations, people and generic role nouns.

The team's own lexicon lives in ``coding/data/`` (``countries.tsv``, ``organisations.tsv``, ``agents.tsv``; each
file's header comments give its conventions). :class:`ActorLexicon` matches it, plus any extra entries (PETRARCH
dictionaries), against spaCy tokens:

- longest match first, left to right, never overlapping;
- case-insensitive, but in mixed-case text a named actor must be written as a name: its first word capitalised
  and, for a phrase of several words, its last one too (so "hanging chad", "roast turkey" and "an Islamic state"
  are not actors). Lower-case particles (al, bin, of, the ...), pieces after a hyphen ("Kim Jong-un") and generic
  heads (party, group, agency ...) are exempt. Text that is all upper or all lower case has no case to go by,
  so there the rule is off;
- acronyms that are also English words (US, IS, WHO, CAR, ICE ...) match only when written with two or more
  capitals in mixed-case text, or with full stops ("U.S.", "u.s."): the pronoun "us" never matches;
- generic role nouns (agents) ignore case and also match on spaCy's lemma of plural-looking words;
- spellings are folded on both sides: lower case, curly apostrophes, diacritics (Côte = Cote), full stops
  (U.S. = US), apostrophes inside words (Hay'at = Hayat); hyphen tokens, possessive 's and lone apostrophes are
  skipped ("al-Qaeda" = "al Qaeda", "Assad's" finds Assad). A hyphenated token is matched piece by piece
  ("U.S.-led" finds the United States), and the match covers the whole token;
- a few place phrases that contain a country's name but are not actors ("South China Sea", "Latin America",
  "New Mexico") are consumed without a match.

The matcher only finds and labels mentions; whether a capital stands for its government, or who "it" is, is the
event coder's business.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from wirecoder.coding.lexicon import ActorEntry, AgentEntry

__all__ = ["ActorLexicon", "ActorMatch", "load_actor_entries", "normalise_phrase", "split_phrase"]


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One actor mention: tokens ``start`` to ``end`` (exclusive) of the sentence, and the entry they matched."""

    start: int
    end: int
    entry: ActorEntry | AgentEntry


# --- normalisation --------------------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
_HYPHENS = frozenset("-‐‑–−")
"""Hyphen, non-breaking hyphen, en dash and minus. An em dash separates clauses, so it is kept."""
_SKIPPED = frozenset({"'", "'s"})
"""Possessive and lone apostrophe tokens, skipped like hyphens."""
_INNER_HYPHEN = re.compile(r"(?<=[\w.])[-‐‑–−](?=\w)")
_SPLIT_CHUNK = re.compile(r"(?<=[\w.])([-‐‑–−/])(?=\w)")
_LEADING = "([{\"“«"
_TRAILING = ")]}\"”»,;:!?"

_PARTICLES = frozenset(
    {
        "a", "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "ud", "ut", "wa", "wal", "bin", "ibn",
        "bint", "ben", "de", "del", "della", "der", "des", "di", "do", "dos", "da", "das", "du", "la", "le", "les",
        "van", "von", "den", "of", "for", "the", "and", "on", "in", "to", "y", "e", "i", "en", "et", "without"
    }
)
"""Lower-case words that may stand inside or before a capitalised name: "al-Qaeda", "bin Laden", "Doctors
without Borders", "Lashkar-e-Taiba"."""

_HEADS = frozenset(
    {
        "party", "ministry", "department", "group", "agency", "movement", "network", "brigade", "brigades", "front",
        "organisation", "organization", "committee", "office", "council", "command", "court", "regiment", "battalion",
        "cartel", "news", "watchdog", "alliance", "gang"
    }
)
"""Generic heads that newsrooms often write in lower case at the end of a name: "the Congress party",
"the Sinaloa cartel", "the UN refugee agency"."""

_WORDLIKE = frozenset(
    {
        "us", "is", "who", "car", "let", "raw", "ice", "pa", "sac", "sis", "mend", "mod", "it", "am", "an", "as",
        "at", "be", "by", "do", "go", "he", "if", "in", "me", "my", "no", "of", "on", "or", "so", "to", "up", "we",
        "aid", "all", "any", "arm", "art", "can", "cap", "con", "den", "did", "eff", "for", "get", "gas", "had",
        "has", "her", "him", "his", "how", "its", "man", "may", "men", "net", "new", "nor", "not", "now", "oil",
        "one", "our", "out", "pro", "red", "sad", "see", "she", "sun", "the", "top", "two", "war", "was", "way",
        "why", "win", "won", "yes", "you"
    }
)
"""Single-word phrases that are also English words: "US" (us), "IS" (is), "WHO" (who), "CAR" (car) ..."""

_STOP_PHRASES = (
    "Latin America", "Latin American", "Latin Americans", "South America", "South American", "South Americans",
    "North America", "North American", "North Americans", "Central America", "Central American",
    "Central Americans", "Native American", "Native Americans", "African American", "African Americans",
    "Asian American", "Asian Americans", "Bank of America", "New Mexico", "New Mexican", "New Jersey", "New Guinea",
    "New England", "New South Wales", "Washington state", "George Washington", "Indian Ocean", "South China Sea",
    "East China Sea", "Sea of Japan", "Gulf of Mexico", "Gulf of Oman", "Gulf of Guinea", "Gulf of Aden",
    "Arabian Sea", "Irish Sea", "English Channel", "Lake Chad", "Jordan River", "Jordan Valley", "Niger River",
)
"""Place phrases holding a country's name that are not actors; the default lexicon consumes them unmatched."""


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Lower case, straight apostrophes, no diacritics: ``Côte`` -> ``cote``, ``Qa’ida`` -> ``qa'ida``."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """The form tokens are compared in: folded, and without full stops or apostrophes inside words."""
    folded = _fold(text)
    if any(c.isalnum() for c in folded):
        return folded.replace(".", "").replace("'", "")
    return folded


def split_phrase(text: str) -> tuple[str, ...]:
    """Split a written phrase the way spaCy's English tokenizer splits it, lower-cased.

    Hyphens and slashes between letters become tokens of their own, a possessive ``'s`` or a trailing
    apostrophe is split off, full stops and apostrophes inside a word stay (``u.s.``, ``d'ivoire``).

    >>> split_phrase("Côte d'Ivoire")
    ('côte', "d'ivoire")
    >>> split_phrase("Lord's Resistance Army")
    ('lord', "'s", 'resistance', 'army')
    >>> split_phrase("al-Qaeda")
    ('al', '-', 'qaeda')
    """
    tokens: list[str] = []
    for chunk in text.translate(_APOSTROPHES).lower().split():
        head: list[str] = []
        tail: list[str] = []
        while chunk and chunk[0] in _LEADING:
            head.append(chunk[0])
            chunk = chunk[1:]
        while chunk and chunk[-1] in _TRAILING:
            tail.insert(0, chunk[-1])
            chunk = chunk[:-1]
        if chunk.endswith("'s") and len(chunk) > 2:
            tail.insert(0, "'s")
            chunk = chunk[:-2]
        elif chunk.endswith("'") and len(chunk) > 1:
            tail.insert(0, "'")
            chunk = chunk[:-1]
        tokens.extend(head)
        tokens.extend(part for part in _SPLIT_CHUNK.split(chunk) if part)
        tokens.extend(tail)
    return tuple(tokens)


def normalise_phrase(phrase: Sequence[str]) -> tuple[str, ...]:
    """The key a phrase is matched by: folded tokens without hyphens, possessives or lone apostrophes.

    Accepts phrases split by :func:`split_phrase` or by :func:`wirecoder.coding.lexicon.phrase` (which splits
    apostrophes off: ``("d", "'", "ivoire")`` is glued back to ``divoire``, ``("workers", "'", "party")`` is not).

    >>> normalise_phrase(("al", "-", "qaeda"))
    ('al', 'qaeda')
    >>> normalise_phrase(("côte", "d", "'", "ivoire"))
    ('cote', 'divoire')
    >>> normalise_phrase(("u.s.",)) == normalise_phrase(("us",))
    True
    """
    tokens = [t for part in phrase for t in split_phrase(part)]
    keys: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "'":
            right = tokens[i + 1] if i + 1 < len(tokens) else ""
            if right == "s":  # lexicon.phrase("Lord's") -> ("lord", "'", "s"): a possessive
                i += 2
                continue
            left = keys[-1] if keys else ""
            if left and right[:1].isalnum() and not (left.endswith("s") and len(left) > 2):
                keys[-1] = left + _key(right)  # ("hay", "'", "at") -> hayat
                i += 2
                continue
            i += 1
            continue
        if token not in _SKIPPED and token not in _HYPHENS:
            keys.append(_key(token))
        i += 1
    return tuple(keys)


# --- loading the team's lexicon --------------------------------------------------------------------------------


def _rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    text = resources.files("wirecoder.coding").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    header = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:  # the column names
            header = False
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != columns:
            raise ValueError(f"coding/data/{name} line {number}: {len(cells)} columns, expected {columns}")
        rows.append((number, cells))
    return rows


def _alternatives(cell: str) -> list[str]:
    return [text.strip() for text in cell.split("|") if text.strip()]


@functools.cache
def _load() -> tuple[tuple[ActorEntry, ...], tuple[AgentEntry, ...]]:
    actors: list[ActorEntry] = []
    for _, (iso3, name, aliases, demonyms, capitals) in _rows("countries.tsv", 5):
        for text in [name, *_alternatives(aliases)]:
            actors.append(ActorEntry(split_phrase(text), iso3, name, iso3, None, "country"))
        for text in _alternatives(demonyms):
            actors.append(ActorEntry(split_phrase(text), iso3, name, iso3, None, "demonym"))
        for text in _alternatives(capitals):
            actors.append(ActorEntry(split_phrase(text), iso3 + "GOV", text, iso3, "GOV", "capital"))
    for number, (code, name, country, sector, aliases, kind) in _rows("organisations.tsv", 6):
        if kind not in ("organisation", "person"):
            raise ValueError(f"coding/data/organisations.tsv line {number}: kind {kind!r}, not organisation/person")
        for text in [name, *_alternatives(aliases)]:
            actors.append(ActorEntry(split_phrase(text), code, name, country or None, sector, kind))
    agents = [AgentEntry(split_phrase(text), sector) for _, (text, sector) in _rows("agents.tsv", 2)]
    return tuple(actors), tuple(agents)


def load_actor_entries() -> tuple[list[ActorEntry], list[AgentEntry]]:
    """Read wirecoder's own actor lexicon from ``coding/data/`` (parsed once, then cached).

    Returns:
        ``(actors, agents)``: countries (kinds country, demonym and capital), organisations and people as
        :class:`ActorEntry`; generic role nouns as :class:`AgentEntry`. The lists are fresh copies.

    Raises:
        ValueError: a data file has a malformed row (a packaging defect; the tests check every row).
    """
    actors, agents = _load()
    return list(actors), list(agents)


# --- matching ---------------------------------------------------------------------------------------------------

_NAMED, _AGENT, _STOP = 2, 1, 0
"""Candidate classes; on equal length and layer a named entry beats an agent, and both beat a stop phrase."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: tuple[str, ...]
    entry: ActorEntry | AgentEntry | None
    cls: int
    rank: tuple[int, int, int]
    """(length, layer, class): the larger wins."""


@dataclass(frozen=True, slots=True)
class _Piece:
    word: str
    lemma: str
    token: int
    text: str
    after_hyphen: bool


def _capitalised(text: str) -> bool:
    """``Syria``, ``M23``, ``18th``, ``d'Ivoire`` and ``uMkhonto`` are written as names; ``chad`` is not."""
    return text[:1].isdigit() or any(c.isupper() for c in text[:3])


def _plural_like(key: str) -> bool:
    """Only plural-looking words are matched through their lemma, so that "judged" is not "judge"."""
    return key.endswith(("s", "men", "ren"))


class ActorLexicon:
    """Actor and agent phrases indexed for matching spaCy tokens.

    Args:
        actors: named entries (countries, organisations, people).
        agents: generic role nouns.
        stop_phrases: written phrases that are consumed without a match; :meth:`default` passes
            "South China Sea", "Latin America" and a few others.

    When two entries of the same class have the same phrase key, the first one wins; use :meth:`extended` to
    let later entries win.
    """

    def __init__(
        self,
        actors: Iterable[ActorEntry],
        agents: Iterable[AgentEntry],
        *,
        stop_phrases: Iterable[str] = (),
    ) -> None:
        self._candidates: list[_Candidate] = []
        self._layers = 0
        self._index: dict[str, list[_Candidate]] = {}
        self._add_layer(actors, agents, [split_phrase(text) for text in stop_phrases])

    @classmethod
    def default(cls) -> ActorLexicon:
        """wirecoder's own lexicon (built once, then shared; an ActorLexicon is never changed in place)."""
        return _default_lexicon()

    def extended(self, actors: Iterable[ActorEntry], agents: Iterable[AgentEntry]) -> ActorLexicon:
        """A new lexicon with extra entries that win over this one's on phrases of equal length.

        Used for PETRARCH dictionaries passed with ``--dictionaries``. This lexicon is left as it was.
        """
        new = ActorLexicon.__new__(ActorLexicon)
        new._candidates = list(self._candidates)
        new._layers = self._layers
        new._index = {}
        new._add_layer(actors, agents, ())
        return new

    def _add_layer(
        self,
        actors: Iterable[ActorEntry],
        agents: Iterable[AgentEntry],
        stops: Iterable[tuple[str, ...]],
    ) -> None:
        layer = self._layers
        self._layers += 1
        seen: set[tuple[tuple[str, ...], int]] = set()
        sources: list[tuple[Iterable, int]] = [(actors, _NAMED), (agents, _AGENT)]
        for entries, cls in sources:
            for entry in entries:
                self._add(normalise_phrase(entry.phrase), entry, cls, layer, seen)
        for phrase in stops:
            self._add(normalise_phrase(phrase), None, _STOP, layer, seen)
        index: dict[str, list[_Candidate]] = {}
        for candidate in self._candidates:
            index.setdefault(candidate.key[0], []).append(candidate)
        for candidates in index.values():
            candidates.sort(key=lambda c: c.rank, reverse=True)
        self._index = index

    def _add(
        self,
        key: tuple[str, ...],
        entry: ActorEntry | AgentEntry | None,
        cls: int,
        layer: int,
        seen: set[tuple[tuple[str, ...], int]],
    ) -> None:
        if not key or (key, cls) in seen:
            return
        seen.add((key, cls))
        self._candidates.append(_Candidate(key, entry, cls, (len(key), layer, cls)))

    def starts_phrase(self, word: str) -> bool:
        """Whether ``word`` (any case) is the first word of a phrase: a sentence with no such word (nor such a
        lemma) has no match, which the sentence pre-filter (:mod:`.prefilter`) relies on."""
        return _key(word) in self._index

    def match(self, words: Sequence[str], lemmas: Sequence[str] | None = None) -> list[ActorMatch]:
        """Find actor mentions in one sentence.

        Args:
            words: the sentence's tokens as spaCy split them (``token.text``).
            lemmas: their lemmas (``token.lemma_``), same length; agents then also match plural-looking
                words through their lemma ("militiamen" -> "militiaman").

        Returns:
            Matches in sentence order, longest first at each position, never overlapping.
        """
        if lemmas is not None and len(lemmas) != len(words):
            raise ValueError(f"{len(words)} words but {len(lemmas)} lemmas; pass one lemma per word")
        pieces = _pieces(words, lemmas)
        mixed = any(w != w.lower() for w in words) and any(w != w.upper() for w in words)
        matches: list[ActorMatch] = []
        k = 0
        while k < len(pieces):
            best = self._best(pieces, k, mixed)
            if best is None:
                k += 1
                continue
            last = pieces[k + len(best.key) - 1].token
            if best.entry is not None:
                matches.append(ActorMatch(pieces[k].token, last + 1, best.entry))
            k += len(best.key)
            while k < len(pieces) and pieces[k].token == last:  # the rest of a hyphenated token
                k += 1
        return matches

    def _best(self, pieces: list[_Piece], k: int, mixed: bool) -> _Candidate | None:
        piece = pieces[k]
        best: _Candidate | None = None
        for first, by_lemma in ((piece.word, False), (piece.lemma, True)):
            if by_lemma and first == piece.word:
                break
            for candidate in self._index.get(first, ()):
                if best is not None and candidate.rank <= best.rank:
                    break
                if by_lemma and candidate.cls != _AGENT:
                    continue
                if _fits(candidate, pieces, k, mixed):
                    best = candidate
                    break
        return best


def _pieces(words: Sequence[str], lemmas: Sequence[str] | None) -> list[_Piece]:
    pieces: list[_Piece] = []
    after_hyphen = False
    for i, word in enumerate(words):
        folded = _fold(word)
        if folded in _HYPHENS:
            after_hyphen = True
            continue
        if folded in _SKIPPED:
            continue
        parts = _INNER_HYPHEN.split(word) if _INNER_HYPHEN.search(word) else [word]
        for j, part in enumerate(parts):
            key = _key(part)
            lemma = key
            if lemmas is not None and len(parts) == 1 and _plural_like(key):
                lemma = _key(lemmas[i])
            pieces.append(_Piece(key, lemma, i, part, after_hyphen or j > 0))
        after_hyphen = False
    return pieces


def _fits(candidate: _Candidate, pieces: list[_Piece], k: int, mixed: bool) -> bool:
    key = candidate.key
    if k + len(key) > len(pieces):
        return False
    agent = candidate.cls == _AGENT
    for j, token in enumerate(key):
        piece = pieces[k + j]
        if token != piece.word and not (agent and token == piece.lemma):
            return False
    if candidate.cls != _NAMED:
        return True
    entry = candidate.entry
    if mixed and isinstance(entry, ActorEntry) and entry.kind in ("capital", "country") \
            and not _capitalised(pieces[k].text):
        return False  # "Mesa por la Paz" (for peace) is not La Paz; a place's name starts with a capital
    return _written_as_name(pieces[k : k + len(key)], mixed)


def _written_as_name(pieces: list[_Piece], mixed: bool) -> bool:
    if len(pieces) == 1 and pieces[0].word in _WORDLIKE:
        text = pieces[0].text
        return "." in text or (mixed and sum(c.isupper() for c in text) >= 2)
    if not mixed:
        return True
    content = [p for p in pieces if p.word not in _PARTICLES and any(c.isalpha() for c in p.text)]
    if not content:
        return True
    if not _capitalised(content[0].text):
        return False
    last = content[-1]
    return len(content) == 1 or last.after_hyphen or last.word in _HEADS or _capitalised(last.text)


@functools.cache
def _default_lexicon() -> ActorLexicon:
    actors, agents = _load()
    return ActorLexicon(actors, agents, stop_phrases=_STOP_PHRASES)
