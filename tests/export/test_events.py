"""Sample canonical events for the export tests, hand-built (import as ``from tests.export.test_events import ...``).

Each builder returns a fresh dict in the exact shape the store hands to the exporters. The tests here only check
that the samples keep that shape, so a change to the shape shows up here first.
"""

from __future__ import annotations

import re

import pytest

EVENT_KEYS = {
    "id", "date", "date_precision", "source", "target", "associates", "cameo", "cameo_root", "quad_class",
    "goldstein", "plover", "acled", "fatalities", "location", "num_mentions", "num_articles", "num_sources",
    "first_seen", "last_seen", "confidence", "sentence", "article_id", "url", "sources", "added",
}
ACTOR_KEYS = {"code", "name", "country", "sector", "text"}
LOCATION_KEYS = {"name", "text", "start", "end", "geonameid", "lat", "lon", "country", "admin1", "feature",
                 "precision"}


def actor(code: str | None, name: str | None, country: str | None, sector: str | None, text: str) -> dict:
    return {"code": code, "name": name, "country": country, "sector": sector, "text": text}


def battle() -> dict:
    """Syrian troops fight rebels in Qusayr, Hezbollah alongside the troops; 12 killed."""
    return {
        "id": "1926bfc82871ab16",
        "date": "2013-06-05", "date_precision": 1,
        "source": actor("SYRMIL", "Syria", "SYR", "MIL", "Syrian troops"),
        "target": actor("SYRREB", "Syria", "SYR", "REB", "rebels"),
        "associates": [actor("LBNREB", "Hezbollah", "LBN", "REB", "Hezbollah fighters")],
        "cameo": "190", "cameo_root": "19", "quad_class": 4, "goldstein": -10.0,
        "plover": {"type": "ASSAULT", "mode": None},
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
        "fatalities": 12,
        "location": {"name": "Al Qusayr", "text": "Qusair", "start": 40, "end": 46, "geonameid": 170017,
                     "lat": 34.50959, "lon": 36.58037, "country": "SYR", "admin1": "Homs", "feature": "PPL",
                     "precision": 1},
        "num_mentions": 5, "num_articles": 3, "num_sources": 2,
        "first_seen": "2013-06-05", "last_seen": "2013-06-06",
        "confidence": 0.875,
        "sentence": "Syrian troops, backed by Hezbollah fighters, fought rebels in Qusair on Wednesday.",
        "article_id": "a1b2c3d4e5f60718",
        "url": "https://www.example.com/world/2013/06/05/qusair",
        "sources": ["Example Times", "Wire Service"],
        "added": "2013-06-06T08:15:30",
    }


def protest() -> dict:
    """Protesters rally in Baghdad; no target, no deaths reported."""
    return {
        "id": "00ff00ff00ff00ff",
        "date": "2019-10-25", "date_precision": 1,
        "source": actor("IRQCVL", "Iraq", "IRQ", "CVL", "Iraqi protesters"),
        "target": None,
        "associates": [],
        "cameo": "141", "cameo_root": "14", "quad_class": 3, "goldstein": -6.5,
        "plover": {"type": "PROTEST", "mode": "demo"},
        "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        "fatalities": None,
        "location": {"name": "Baghdad", "text": "Baghdad", "start": 30, "end": 37, "geonameid": 98182,
                     "lat": 33.34058, "lon": 44.40088, "country": "IRQ", "admin1": "Baghdad", "feature": "PPLC",
                     "precision": 1},
        "num_mentions": 1, "num_articles": 1, "num_sources": 1,
        "first_seen": "2019-10-25", "last_seen": "2019-10-25",
        "confidence": 0.6,
        "sentence": "Thousands of Iraqi protesters rallied in Baghdad on Friday.",
        "article_id": "0f0f0f0f0f0f0f0f",
        "url": None,
        "sources": ["Example Daily"],
        "added": "2019-10-26T00:00:00",
    }


def undated() -> dict:
    """Syrian forces kill civilians, no date and no place known: the event's country comes from the source."""
    return {
        "id": "abcdef0123456789",
        "date": None, "date_precision": None,
        "source": actor("SYRMIL", "Syria", "SYR", "MIL", "government forces"),
        "target": actor("SYRCVL", "Syria", "SYR", "CVL", "civilians"),
        "associates": [],
        "cameo": "1823", "cameo_root": "18", "quad_class": 4, "goldstein": -10.0,
        "plover": {"type": "ASSAULT", "mode": "firearms"},
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        "fatalities": 4,
        "location": None,
        "num_mentions": 2, "num_articles": 2, "num_sources": 2,
        "first_seen": None, "last_seen": None,
        "confidence": 0.4,
        "sentence": "Government forces killed four civilians, activists said.",
        "article_id": "1111222233334444",
        "url": "/data/in/article.txt",
        "sources": ["Example Times", "Example Daily"],
        "added": "2014-01-02T03:04:05",
    }


def gunmen() -> dict:
    """Unknown gunmen (no code) attack journalists in Mosul; deaths not reported."""
    return {
        "id": "0000000000000001",
        "date": "2015-03-01", "date_precision": 2,
        "source": actor(None, None, None, None, "gunmen"),
        "target": actor("IRQJRN", "Iraq", "IRQ", "JRN", "two journalists"),
        "associates": [],
        "cameo": "180", "cameo_root": "18", "quad_class": 4, "goldstein": -9.0,
        "plover": {"type": "ASSAULT", "mode": None},
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        "fatalities": None,
        "location": {"name": "Mosul", "text": "Mosul", "start": 50, "end": 55, "geonameid": 99072,
                     "lat": 36.335, "lon": 43.11889, "country": "IRQ", "admin1": "Nineveh", "feature": "PPLA",
                     "precision": 2},
        "num_mentions": 1, "num_articles": 1, "num_sources": 1,
        "first_seen": "2015-03-05", "last_seen": "2015-03-05",
        "confidence": 0.5,
        "sentence": "Gunmen attacked two journalists near Mosul last week.",
        "article_id": "5555666677778888",
        "url": "https://news.example.org/mosul",
        "sources": ["Example Wire"],
        "added": "2015-03-05T12:00:00",
    }


def accusation() -> dict:
    """The UN accuses the Syrian government in New York: verbal conflict, outside ACLED's scope."""
    return {
        "id": "fedcba9876543210",
        "date": "2013-06-04", "date_precision": 1,
        "source": actor("IGOUNO", "United Nations", None, "IGO", "the United Nations"),
        "target": actor("SYRGOV", "Syria", "SYR", "GOV", "the Syrian government"),
        "associates": [],
        "cameo": "112", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0,
        "plover": {"type": "ACCUSE", "mode": "allege"},
        "acled": None,
        "fatalities": None,
        "location": {"name": "New York City", "text": "New York", "start": 0, "end": 8, "geonameid": 5128581,
                     "lat": 40.71427, "lon": -74.00597, "country": "USA", "admin1": "New York", "feature": "PPL",
                     "precision": 1},
        "num_mentions": 3, "num_articles": 3, "num_sources": 3,
        "first_seen": "2013-06-04", "last_seen": "2013-06-05",
        "confidence": 0.9,
        "sentence": "In New York, the United Nations accused the Syrian government of war crimes.",
        "article_id": "9999aaaabbbbcccc",
        "url": "https://www.example.com/un",
        "sources": ["Example Times", "Example Daily", "Wire Service"],
        "added": "2013-06-05T23:59:59",
    }


def statement() -> dict:
    """A public statement (01x): no PLOVER type and no ACLED type."""
    event = accusation()
    event.update(id="0123456789abcdef", cameo="010", cameo_root="01", quad_class=1, goldstein=0.0,
                 plover={"type": None, "mode": None})
    return event


def all_events() -> list[dict]:
    return [battle(), protest(), undated(), gunmen(), accusation(), statement()]


@pytest.mark.parametrize("event", all_events(), ids=lambda e: e["id"])
def test_sample_has_the_canonical_event_shape(event):
    assert set(event) == EVENT_KEYS
    assert re.fullmatch(r"[0-9a-f]{16}", event["id"])
    for a in [event["source"], event["target"], *event["associates"]]:
        assert a is None or set(a) == ACTOR_KEYS
    assert event["location"] is None or set(event["location"]) == LOCATION_KEYS
