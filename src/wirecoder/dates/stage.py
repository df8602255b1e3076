"""The dates stage over an article's events: each event takes the date its own sentence gives.

When the sentence gives none, the event takes the date an earlier event of the same paragraph was given
("On Wednesday rebels stormed the town. They seized the police station."), with that date's span as provenance;
failing that, the publication date at week precision (the report says it happened, not on which day).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..records import DATE_WEEK, Article, Event, EventDate, Sentence
from . import event_date


def date_events(article: Article, sentences: Sequence[Sentence], events: Sequence[Event],
                paragraphs: Sequence[tuple[int, int]] = ()) -> tuple[Event, ...]:
    """``events`` with ``when`` set (a future event reads "Monday" forwards); ``paragraphs`` are the body's
    paragraph spans in :attr:`Article.text` (one paragraph if not given)."""
    by_index = {s.index: s for s in sentences}
    published = (EventDate(date=article.published, precision=DATE_WEEK)
                 if article.published is not None else None)
    stated: dict[int, EventDate] = {}  # paragraph -> the last date stated for an event in it
    out = []
    for event in events:
        sentence = by_index.get(event.sentence_index)
        when = None
        if sentence is not None:
            paragraph = next((k for k, (a, b) in enumerate(paragraphs) if a <= sentence.start < b), 0)
            when = event_date(sentence.text, published=article.published, anchor=event.action.start,
                              future=event.modality == "future", offset=sentence.start,
                              fallback=stated.get(paragraph, published))
            if when is not None and when.text is not None and when.start is not None and \
                    sentence.start <= when.start < sentence.end:
                stated[paragraph] = when
        else:
            when = published
        out.append(dataclasses.replace(event, when=when) if when is not None else event)
    return tuple(out)
