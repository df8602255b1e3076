"""Schema version 6: each event keeps its url and its sources (outlets), written when the event is rebuilt and
filled in when an older store is opened for writing."""

from __future__ import annotations

import datetime as dt

import duckdb

from tests.helpers import fill_store, make_mention
from wirecoder.store import Store

DAY = dt.date(2024, 3, 12)


def _mentions():
    first = make_mention("m1", "Rebels attacked the base.", source=("SYRREB", "Rebels"), target=None,
                         verb="attacked", cameo="190", plover="ASSAULT", place=None, day=DAY)
    second = make_mention("m2", "Rebels attacked the base again.", source=("SYRREB", "Rebels"), target=None,
                          verb="attacked", cameo="190", plover="ASSAULT", place=None, day=DAY)
    return [first, second]


def _filled(path):
    with Store(path) as store:
        fill_store(store, _mentions(), publishers={"m1": "Wire B", "m2": "Wire A"})


def test_an_event_keeps_the_outlets_that_report_it_sorted(tmp_path):
    _filled(tmp_path / "s.duckdb")
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        (event,) = store.iter_events()
    assert event["sources"] == ["Wire A", "Wire B"]


def test_an_event_keeps_the_url_of_its_best_article(tmp_path):
    _filled(tmp_path / "s.duckdb")
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        (event,) = store.iter_events()
    assert event["url"] == f"https://news.example/{event['mention_id']}"


def test_a_version_5_store_gets_url_and_sources_when_opened_for_writing(tmp_path):
    path = tmp_path / "s.duckdb"
    _filled(path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE events SET url = NULL, sources = NULL")
        con.execute("UPDATE schema_info SET value = '5' WHERE key = 'schema_version'")
    Store(path).close()
    with Store(path, read_only=True) as store:
        (event,) = store.iter_events()
    assert event["sources"] == ["Wire A", "Wire B"]
    assert event["url"].startswith("https://news.example/")
