"""The team's event-trigger lexicon: verbs and eventive nouns mapped to CAMEO event codes, and its lookup.

The table ships as ``coding/data/verbs.tsv`` (its header explains the columns). The coder asks
:meth:`VerbLexicon.lookup` about each candidate trigger with the lemmas of the token's dependents; the entry
with the most ``requires`` that are all present wins, and ties go to the earlier row::

    >>> lexicon = VerbLexicon.default()
    >>> lexicon.lookup("hold", "verb", {"talk", "with", "counterpart"}).code
    '046'
    >>> lexicon.lookup("strike", "noun", {"air"}).code
    '195'
    >>> lexicon.is_territorial(lexicon.lookup("retake", "verb", {"town"}))
    True

Whether an entry means that ground was taken (``territorial``) is kept beside the entries, not in
:class:`~wirecoder.coding.lexicon.VerbEntry`, so PETRARCH dictionaries and the team's table share one type.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache
from importlib import resources

from ..errors import E311, WirecoderError
from .lexicon import VerbEntry, phrase

"""Invalid verb lexicon data; ``problem`` says what is wrong and how to fix it."""

_SOURCE = "verbs.tsv"
_COLUMNS = ("lemma", "pos", "requires", "code", "territorial", "note")
_POS = ("verb", "noun")
_CODE = re.compile(r"\d{2,4}")
_WORD = re.compile(r"[^\W_]")


class VerbLexicon:
    """Trigger entries indexed by (lemma, pos), most specific first. Immutable; build a new one with
    :meth:`extended`."""

    __slots__ = ("_entries", "_index", "_territorial", "_triggers")

    def __init__(self, entries: Iterable[VerbEntry], *, territorial: Collection[VerbEntry] = frozenset()):
        """Args:
            entries: in priority order: of two entries with as many ``requires``, the earlier wins.
            territorial: the entries whose event means the actor takes or holds ground.

        Raises:
            WirecoderError: E311 for an entry with an invalid lemma, pos, code or requires, or a
                territorial entry that is not among ``entries``.
        """
        self._entries = tuple(entries)
        for entry in self._entries:
            problem = _entry_problem(entry.lemma, entry.pos, entry.requires, entry.code)
            if problem:
                raise WirecoderError("E311", E311.format(where=f"verb entry {entry!r}", problem=problem))
        self._territorial = frozenset(territorial)
        stray = self._territorial.difference(self._entries)
        if stray:
            raise WirecoderError("E311", E311.format(
                where=f"verb entry {min(stray, key=repr)!r}",
                problem="marked territorial but not in the lexicon; pass it in entries too",
            ))
        index: dict[tuple[str, str], list[tuple[frozenset[str], VerbEntry]]] = {}
        for entry in self._entries:
            index.setdefault((entry.lemma, entry.pos), []).append((frozenset(entry.requires), entry))
        # sorted() is stable, so entries with as many requirements keep their given order.
        self._index = {key: tuple(sorted(group, key=lambda c: -len(c[0]))) for key, group in index.items()}
        self._triggers = {pos: frozenset(lemma for lemma, p in self._index if p == pos) for pos in _POS}

    @classmethod
    def default(cls) -> VerbLexicon:
        """The packaged ``verbs.tsv``, loaded once per process.

        Raises:
            WirecoderError: E311 if the packaged table is invalid (a defect in wirecoder).
        """
        return _default_lexicon()

    @classmethod
    def from_tsv(cls, text: str, *, source: str = _SOURCE) -> VerbLexicon:
        """Build a lexicon from a table in the ``verbs.tsv`` format.

        Args:
            text: the table: tab-separated rows, ``#`` comments and blank lines.
            source: the file name used in error messages.

        Raises:
            WirecoderError: E311 naming ``source``, the line and the fix, for the first invalid row.
        """
        rows = _parse(text, source=source)
        return cls([entry for entry, _ in rows], territorial={entry for entry, territorial in rows if territorial})

    def extended(self, entries: Iterable[VerbEntry], *,
                 territorial: Collection[VerbEntry] = frozenset()) -> VerbLexicon:
        """A new lexicon with ``entries`` added; they win ties (same number of requires) over this one's.

        A more specific entry of this lexicon still beats a less specific added one.
        """
        return VerbLexicon((*entries, *self._entries), territorial=self._territorial | frozenset(territorial))

    def lookup(self, lemma: str, pos: str, dependents: Collection[str]) -> VerbEntry | None:
        """The entry for a trigger token, or None when the lemma is no trigger or no entry's requires are met.

        Args:
            lemma: the token's spaCy lemma (any case).
            pos: ``verb`` or ``noun`` (any case); other parts of speech have no entries.
            dependents: lemmas of the token's dependents (particle, object, preposition and its object,
                open clausal complement, noun modifiers), any case.
        """
        candidates = self._index.get((lemma.lower(), pos.lower()))
        if not candidates:
            return None
        present = {d.lower() for d in dependents}
        for requires, entry in candidates:
            if requires <= present:
                return entry
        return None

    def is_territorial(self, entry: VerbEntry) -> bool:
        """True if ``entry``'s event means the actor takes or holds ground (``retake``, ``seize`` + ``control``)."""
        return entry in self._territorial

    def entries(self) -> tuple[VerbEntry, ...]:
        """Every entry, in priority order."""
        return self._entries

    def triggers(self, pos: str) -> frozenset[str]:
        """Every trigger lemma of a part of speech (``verb`` or ``noun``), for a cheap sentence pre-filter."""
        return self._triggers.get(pos.lower(), frozenset())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<VerbLexicon: {len(self._entries)} entries>"


def load_verb_entries() -> list[VerbEntry]:
    """The packaged ``verbs.tsv`` entries in file order (a fresh list; the parse is cached).

    Raises:
        WirecoderError: E311 if the packaged table is invalid (a defect in wirecoder).
    """
    return [entry for entry, _ in _packaged_rows()]


@cache
def _packaged_rows() -> tuple[tuple[VerbEntry, bool], ...]:
    text = resources.files(__package__).joinpath("data").joinpath(_SOURCE).read_text(encoding="utf-8")
    return tuple(_parse(text, source=_SOURCE))


@cache
def _default_lexicon() -> VerbLexicon:
    rows = _packaged_rows()
    return VerbLexicon([entry for entry, _ in rows], territorial={entry for entry, territorial in rows if territorial})


def _parse(text: str, *, source: str) -> list[tuple[VerbEntry, bool]]:
    """``(entry, territorial)`` per data row, validated; raises E311 at the first bad row."""
    rows: list[tuple[VerbEntry, bool]] = []
    first_line: dict[tuple[str, str, frozenset[str]], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) not in (len(_COLUMNS) - 1, len(_COLUMNS)):
            raise _row_error(source, number, (
                f"expected {len(_COLUMNS)} tab-separated columns ({', '.join(_COLUMNS)}; note may be left out), "
                f"found {len(fields)}; separate the columns with single tabs"
            ))
        lemma, pos, requires_text, code, territorial = fields[:5]
        requires = () if requires_text == "-" else tuple(requires_text.split())
        problem = _entry_problem(lemma, pos, requires, code)
        if problem:
            raise _row_error(source, number, problem)
        if territorial not in ("", "yes"):
            raise _row_error(source, number, f"territorial is {territorial!r}; write 'yes' or leave the column empty")
        key = (lemma, pos, frozenset(requires))
        if key in first_line:
            raise _row_error(source, number, (
                f"same lemma, pos and requires as line {first_line[key]}, so this row could never win; "
                "delete one of the two rows"
            ))
        first_line[key] = number
        entry = VerbEntry(lemma=lemma, pos="verb" if pos == "verb" else "noun", code=code, requires=requires)
        rows.append((entry, territorial == "yes"))
    return rows


def _row_error(source: str, number: int, problem: str) -> WirecoderError:
    return WirecoderError("E311", E311.format(where=f"{source} line {number}", problem=problem))


def _entry_problem(lemma: str, pos: str, requires: tuple[str, ...], code: str) -> str | None:
    """What is wrong with an entry's fields, with the fix, or None."""
    if pos not in _POS:
        return f"pos is {pos!r}; write 'verb' or 'noun'"
    for what, word in (("lemma", lemma), *(("requires word", word) for word in requires)):
        if word != word.lower():
            return f"{what} {word!r} has capitals; write lemmas in lower case ({word.lower()!r})"
        tokens = phrase(word)
        if tokens != (word,) or not _WORD.search(word):
            return (
                f"{what} {word!r} is not one token (spaCy splits it into {' '.join(tokens) or 'nothing'}); "
                "write the head word as the lemma and the other words in requires"
            )
    if len(set(requires)) != len(requires):
        return f"requires {' '.join(requires)!r} repeats a word; list each word once"
    if not _CODE.fullmatch(code):
        return f"code {code!r} is not a CAMEO event code; write 2 to 4 digits, e.g. '190' or '0233'"
    if not 1 <= int(code[:2]) <= 20:
        return f"code {code!r} has root {code[:2]}; CAMEO roots are 01 to 20"
    return None
