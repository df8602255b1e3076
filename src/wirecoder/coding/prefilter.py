"""Which sentences can hold an event, judged from their words alone, before any parsing.

The NLP stage parses only the sentences :class:`SentenceFilter` accepts (see :mod:`wirecoder.nlp`); the full
parse is most of wirecoder's time, and most news sentences code no event. The test mirrors what the coder
needs, without tags or a parse, and errs towards keeping a sentence:

- **a trigger**: a word that may be an inflection of a trigger lemma of the verb lexicon (verb or noun), with
  the words one of its entries requires somewhere in the sentence ("held talks": ``hold`` needs ``talk``).
  Lemmas are guessed from the word: every regular English suffix is stripped in every way it could have been
  added (``stormed`` -> storm, storme; ``shelling`` -> shell, shelle), and irregular forms come from the model's
  own lemmatizer tables (``fought`` -> fight), so any lemma spaCy could give is among the guesses;
- **and an actor**: a word that may start an actor-lexicon phrase (under any of those lemmas), a capitalised word
  (a name the entity recogniser may find; at the start of the sentence only when it is not a stop word), or a
  day word ("Sunday's blast": the coder codes acts a day dates without an actor).

A sentence without both cannot give an event in :func:`wirecoder.coding.code_events`, whatever its parse, except
where the parser would find a lemma no guess covers. ``wirecoder evaluate events`` measures the cost on the gold
sets (docs/accuracy.md: it is nil there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .actors import ActorLexicon
from .frames import _DAY_WORDS
from .verbs import VerbLexicon

__all__ = ["SentenceFilter", "lemma_guesses"]

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ying", "ie"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
             ("d", ""), ("ing", ""), ("ing", "e"), ("men", "man"), ("ves", "f"), ("ves", "fe"))

_STOP = frozenset({
    "a", "an", "the", "and", "but", "or", "so", "yet", "for", "nor", "in", "on", "at", "by", "to", "of", "from", "with",
    "as", "after", "before", "since", "until", "while", "when", "where", "if", "though", "although", "because", "it",
    "its", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we", "i", "you", "his", "her",
    "their", "our", "my", "your", "what", "which", "who", "whom", "whose", "why", "how", "some", "many", "most", "more",
    "all", "both", "each", "every", "no", "not", "one", "other", "such", "than", "then", "also", "only", "even",
    "still", "now", "just", "however", "meanwhile", "earlier", "later", "last", "first", "next", "according",
    "during", "despite", "under", "over", "about", "against", "among", "between", "into", "through", "without",
})
"""Function words that are capitalised only because they start the sentence."""


def lemma_guesses(word: str, irregular: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """Every lemma ``word`` (lower case) could have: itself, each regular suffix stripped (with a doubled final
    consonant undone), and its irregular lemmas."""
    guesses = {word}
    if irregular:
        guesses.update(irregular.get(word, ()))
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            guesses.add(stem + replacement)
            if not replacement and len(stem) > 2 and stem[-1] == stem[-2]:
                guesses.add(stem[:-1])  # "stopped" -> stop
    return guesses


class SentenceFilter:
    """``keep(words)``: whether a sentence may hold an event (see the module's docstring). Build one per
    process (it indexes the lexicons) and call it on each sentence's token texts."""

    def __init__(self, verbs: VerbLexicon, actors: ActorLexicon, *,
                 irregular: Mapping[str, Iterable[str]] | None = None):
        self._irregular = {form: tuple(lemmas) for form, lemmas in (irregular or {}).items()}
        self._requires: dict[str, list[frozenset[str]]] = {}
        for entry in verbs.entries():
            self._requires.setdefault(entry.lemma.lower(), []).append(frozenset(r.lower() for r in entry.requires))
        self._actors = actors
        self._words: dict[str, tuple[frozenset[str], bool]] = {}

    def __call__(self, words: Sequence[str]) -> bool:
        looked_up = [self._word(w) for w in words]
        lemmas = [guesses for guesses, _ in looked_up]
        return self._has_actor(words, looked_up) and self._has_trigger(lemmas)

    _CACHED_WORDS = 200_000
    """Words looked up once and remembered (news repeats its words); the memory is cleared when full."""

    def _word(self, word: str) -> tuple[frozenset[str], bool]:
        """The word's lemma guesses, and whether it may be (or start) an actor phrase or is a day word."""
        known = self._words.get(word)
        if known is None:
            if len(self._words) >= self._CACHED_WORDS:
                self._words.clear()
            guesses = frozenset(lemma_guesses(word.lower(), self._irregular))
            actor = word.lower() in _DAY_WORDS or any(self._actors.starts_phrase(lemma) for lemma in guesses)
            known = self._words[word] = (guesses, actor)
        return known

    def _has_trigger(self, lemmas: list[frozenset[str]]) -> bool:
        present: set[str] | None = None
        for guesses in lemmas:
            for lemma in guesses:
                needs = self._requires.get(lemma)
                if needs is None:
                    continue
                if present is None:
                    present = set().union(*lemmas)
                if any(required <= present for required in needs):
                    return True
        return False

    @staticmethod
    def _has_actor(words: Sequence[str], looked_up: list[tuple[frozenset[str], bool]]) -> bool:
        for k, (word, (_, actor)) in enumerate(zip(words, looked_up, strict=True)):
            if actor or (word[:1].isupper() and (k > 0 or word.lower() not in _STOP)):
                return True
        return False
