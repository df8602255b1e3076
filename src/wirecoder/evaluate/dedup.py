"""Scoring cross-article event clustering (``wirecoder eval dedup``) on a corpus of articles labelled with the
real-world happenings they report.

Gold file: JSON Lines, one article per line, ``{"id", "text", "date", "publisher", "url", "happenings": [...]}``
(other fields ignored). Two articles report the same happening when their ``happenings`` intersect.

The articles are ingested into a temporary store exactly as ``wirecoder ingest`` would, so clustering runs
batch by batch as it does for users. Two articles are *predicted* to report the same happening when one stored
event has mentions in both. Precision and recall are over article pairs:
precision = |predicted ∩ gold| / |predicted|, recall = |predicted ∩ gold| / |gold|.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import WirecoderError
from . import goldfile


def load_gold(path: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(article id → the happenings it reports, the names a stored article's ``source`` may have → article id:
    its ``url`` and its ``id``)."""
    gold: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for record, where, _ in goldfile.records(path, what="gold article", fields='"id", "text", "happenings"'):
        goldfile.require(record, where, ("id", "text", "happenings"), "gold articles")
        happenings = record["happenings"]
        if not isinstance(happenings, list) or not all(isinstance(h, str) for h in happenings):
            raise WirecoderError("E801", f"{where}: 'happenings' must be a list of ids, not "
                                         f"{goldfile.kind(happenings)}")
        article_id = str(record["id"])
        gold[article_id] = set(happenings)
        names[article_id] = article_id
        if isinstance(record.get("url"), str):
            names[record["url"]] = article_id
    return goldfile.non_empty(gold, path, "it holds no articles; write one JSON object per line"), names


def gold_id(source: str, names: dict[str, str]) -> str:
    """The gold article a stored article came from: its source is the record's URL, or ``path#id``."""
    return names.get(source) or names.get(source.rsplit("#", 1)[-1], source)


def gold_pairs(gold: dict[str, set[str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in itertools.combinations(sorted(gold), 2) if gold[a] & gold[b]}


def predicted_pairs(article_events: list[tuple[str, str]]) -> set[frozenset[str]]:
    """Article pairs that share an event, from (gold article id, event id) rows."""
    by_event: dict[str, set[str]] = defaultdict(set)
    for article, event in article_events:
        by_event[event].add(article)
    return {frozenset(pair) for articles in by_event.values() for pair in itertools.combinations(sorted(articles), 2)}


def score(gold: dict[str, set[str]], predicted: set[frozenset[str]]) -> dict[str, Any]:
    truth = gold_pairs(gold)
    hits = len(truth & predicted)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"articles": len(gold), "gold_pairs": len(truth), "predicted_pairs": len(predicted),
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
