"""The dates stage over an article's events: each event takes the date its own sentence gives."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..records import Article, Event, Sentence
from . import event_date


def date_events(article: Article, sentences: Sequence[Sentence], events: Sequence[Event]) -> tuple[Event, ...]:
    """``events`` with ``when`` set: the date expression of the event's clause resolved against the publication
    date (a future event reads "Monday" forwards); the publication date when the sentence gives none."""
    by_index = {s.index: s for s in sentences}
    out = []
    for event in events:
        sentence = by_index.get(event.sentence_index)
        when = None
        if sentence is not None:
            when = event_date(sentence.text, published=article.published, anchor=event.action.start,
                              future=event.modality == "future", offset=sentence.start)
        elif article.published is not None:
            when = event_date("", published=article.published)
        out.append(dataclasses.replace(event, when=when) if when is not None else event)
    return tuple(out)
