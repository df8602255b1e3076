"""Clustering in the store: ``cluster_batch`` turns the stored mentions of a batch of results into canonical
events (the ``events`` table), incrementally and idempotently, and an older store's mention table is renamed.

Articles and mentions are built by hand (no spaCy, no gazetteer) and written with ``Store.write_results``, as the
pipeline writes them, before ``cluster_batch`` runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.helpers import downgrade_to_version3, make_raw
from wirecoder.cluster import cluster_batch
from wirecoder.records import SCHEMA_VERSION, ActorRef, Article, Event, EventDate, Place, Result, Span
from wirecoder.store import Store

SENTENCE = "Syrian troops fought rebels in Qusair on Wednesday, killing 12 people."
WEDNESDAY = EventDate(date=dt.date(2013, 6, 5), precision=1, text="Wednesday", start=SENTENCE.index("Wednesday"),
                      end=SENTENCE.index("Wednesday") + len("Wednesday"))
QUSAIR = Place(name="Al Qusayr", text="Qusair", start=SENTENCE.index("Qusair"), end=SENTENCE.index("Qusair") + 6,
               geonameid=170017, lat=34.50887, lon=36.57997, country="SYR", admin1="Homs", feature="PPL",
               precision=1)
NEAR_QUSAIR = dataclasses.replace(QUSAIR, precision=2)
SYRIA = Place(name="Syria", text=None, start=None, end=None, geonameid=163843, lat=35.0, lon=38.0, country="SYR",
              admin1=None, feature="PCLI", precision=3)
TALKALAKH = Place(name="Tall Kalakh", text="Tal Kalakh", start=None, end=None, geonameid=9990002,
                  lat=34.50887 + 40 / 111.195, lon=36.57997, country="SYR", admin1="Homs", feature="PPL",
                  precision=1)
"""A town 40 km north of Qusair (the team's own coordinates)."""


def _article(id_: str, publisher: str | None = "Example Times", published: dt.date = dt.date(2013, 6, 5)) -> Article:
    return Article(id=id_, source=f"{id_}.txt", publisher=publisher, title="Fighting in Qusair",
                   published=published, authors=(), dateline=None, body=(SENTENCE,), boilerplate=(), language="en")


def _actor(code: str, text: str) -> ActorRef:
    start = SENTENCE.index(text)
    return ActorRef(code=code, name="Syria", country="SYR", sector=code[3:], text=text, start=start,
                    end=start + len(text))


def _event(id_: str, article_id: str, **changes) -> Event:
    """A mention of the Qusair battle; ``changes`` replace any field."""
    start = SENTENCE.index("fought")
    event = Event(
        id=id_, article_id=article_id, sentence_index=0, sentence=SENTENCE,
        source=_actor("SYRMIL", "Syrian troops"), target=_actor("SYRREB", "rebels"), associates=(),
        action=Span(text="fought", start=start, end=start + 6), cameo="190", cameo_root="19", quad_class=4,
        goldstein=-10.0, plover_type="ASSAULT", plover_mode=None, acled_event_type="Battles",
        acled_sub_event_type="Armed clash", fatalities=12, modality="asserted", attribution=None, confidence=0.8,
        location=QUSAIR, when=WEDNESDAY,
    )
    return dataclasses.replace(event, **changes)


def _result(article: Article, *events: Event) -> Result:
    raw = make_raw(article.id)
    return Result(input_hash=raw.input_hash, source=raw.source, article=article, events=events)


def _ingest(store: Store, *results: Result) -> int:
    """Store a batch of results as the pipeline does, then cluster it; returns what cluster_batch returns."""
    store.add_raw_inputs([make_raw(r.article.id) for r in results], keep_raw=False)
    store.write_results(results)
    return cluster_batch(store, results)


def _three_reports() -> list[Result]:
    """One battle reported by three outlets on three days."""
    return [
        _result(_article("a1", "Example Times", dt.date(2013, 6, 5)), _event("m1", "a1")),
        _result(_article("a2", "Wire Service", dt.date(2013, 6, 7)), _event("m2", "a2")),
        _result(_article("a3", "Daily Courier", dt.date(2013, 6, 6)), _event("m3", "a3")),
    ]


def _events(store: Store) -> list[dict]:
    return list(store.iter_events())


def _event_of(store: Store, mention_id: str) -> str | None:
    return store.con.execute("SELECT event_id FROM mentions WHERE id = ?", [mention_id]).fetchone()[0]


def _table(store: Store) -> list[tuple]:
    return store.con.execute("SELECT * FROM events ORDER BY id").fetchall()


# one happening, many reports ---------------------------------------------------------------------------------


def test_three_outlets_reporting_one_battle_make_one_event(fresh_store):
    _ingest(fresh_store, *_three_reports())
    assert fresh_store.counts()["events"] == 1


def test_the_event_counts_its_mentions_articles_and_sources(fresh_store):
    _ingest(fresh_store, *_three_reports())
    (event,) = _events(fresh_store)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 3, 3)


def test_the_event_lists_its_outlets(fresh_store):
    _ingest(fresh_store, *_three_reports())
    (event,) = _events(fresh_store)
    assert event["sources"] == ["Daily Courier", "Example Times", "Wire Service"]


def test_two_articles_of_one_publisher_are_one_source(fresh_store):
    _ingest(fresh_store, _result(_article("a1", "Example Times"), _event("m1", "a1")),
            _result(_article("a2", "Example Times"), _event("m2", "a2")))
    (event,) = _events(fresh_store)
    assert (event["num_articles"], event["num_sources"]) == (2, 1)


def test_first_and_last_seen_are_the_earliest_and_latest_publication_dates(fresh_store):
    _ingest(fresh_store, *_three_reports())
    (event,) = _events(fresh_store)
    assert (event["first_seen"], event["last_seen"]) == ("2013-06-05", "2013-06-07")


def test_the_event_id_is_its_first_mentions_id(fresh_store):
    _ingest(fresh_store, *_three_reports())
    assert [e["id"] for e in _events(fresh_store)] == ["m1"]


def test_every_mention_points_at_its_event(fresh_store):
    _ingest(fresh_store, *_three_reports())
    assert [_event_of(fresh_store, m) for m in ("m1", "m2", "m3")] == ["m1", "m1", "m1"]


def test_cluster_batch_returns_how_many_mentions_it_placed(fresh_store):
    assert _ingest(fresh_store, *_three_reports()) == 3


def test_one_raid_coded_under_two_material_conflict_roots_is_one_event(fresh_store):
    seized = _event("m2", "a2", cameo="181", cameo_root="18", plover_type="COERCE", acled_event_type=None,
                    acled_sub_event_type=None)
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1")), _result(_article("a2", "Wire Service"), seized))
    assert fresh_store.counts()["events"] == 1


def test_same_actors_same_day_in_towns_40_km_apart_are_two_events(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1")),
            _result(_article("a2", "Wire Service"), _event("m2", "a2", location=TALKALAKH)))
    assert sorted(e["id"] for e in _events(fresh_store)) == ["m1", "m2"]


@pytest.mark.parametrize("modality", ["negated", "hypothetical"])
def test_a_mention_of_something_that_did_not_happen_gets_no_event(fresh_store, modality):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", modality=modality)))
    assert (_event_of(fresh_store, "m1"), fresh_store.counts()["events"]) == (None, 0)


def test_an_unasserted_mention_does_not_join_the_event_beside_it(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1"), _event("m2", "a1", modality="negated")))
    (event,) = _events(fresh_store)
    assert event["num_mentions"] == 1


# the canonical fields ----------------------------------------------------------------------------------------


def test_the_event_takes_the_most_precise_place_of_its_mentions(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", location=SYRIA)),
            _result(_article("a2", "Wire Service"), _event("m2", "a2", location=QUSAIR)),
            _result(_article("a3", "Daily Courier"), _event("m3", "a3", location=NEAR_QUSAIR)))
    (event,) = _events(fresh_store)
    assert event["location"] == QUSAIR.to_dict()


def test_the_event_takes_the_most_precise_place_even_from_a_less_confident_mention(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", location=SYRIA, confidence=0.95)),
            _result(_article("a2", "Wire Service"), _event("m2", "a2", location=QUSAIR, confidence=0.4)))
    (event,) = _events(fresh_store)
    assert event["location"]["precision"] == 1


def test_the_event_takes_the_lowest_fatality_figure(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", fatalities=12)),
            _result(_article("a2", "Wire Service"), _event("m2", "a2", fatalities=8)),
            _result(_article("a3", "Daily Courier"), _event("m3", "a3", fatalities=None)))
    (event,) = _events(fresh_store)
    assert event["fatalities"] == 8


def test_the_event_takes_the_most_precise_date(fresh_store):
    that_week = EventDate(date=dt.date(2013, 6, 3), precision=2)
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", when=that_week)),
            _result(_article("a2", "Wire Service"), _event("m2", "a2")))
    (event,) = _events(fresh_store)
    assert (event["date"], event["date_precision"]) == ("2013-06-05", 1)


# which stored events a mention is compared with (Store.event_candidates) ----------------------------------------


def _candidates(store: Store, day: dt.date | None, *, window: int = 1, quad: int = 4, country: str | None = "SYR",
                town: Place | None = None, admin1: str | None = None) -> list[str]:
    """The stored events a mention of a 19x act by day (``window`` 1), week (7) or month (31) may join."""
    mention = {"id": "new", "quad": quad, "root": "19", "date": day, "precision": {1: 1, 7: 2}.get(window, 3),
               "window": window, "country": country, "admin1": admin1,
               "lat": town.lat if town else None, "lon": town.lon if town else None}
    return sorted(row["id"] for _, row in store.event_candidates([mention]))


def test_a_town_level_event_40_km_from_a_town_level_mention_is_not_a_candidate(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), town=TALKALAKH) == []


def test_a_town_level_event_in_the_same_town_is_a_candidate(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), town=QUSAIR) == ["m1"]


def test_a_town_level_event_in_the_province_of_a_province_level_mention_is_a_candidate(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 6), window=7, admin1="Homs") == ["m1"]


def test_a_town_level_event_is_not_a_candidate_for_a_country_level_mention_dated_to_the_week(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), window=7) == []


def test_a_country_level_event_is_a_candidate_for_a_town_in_that_country(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", location=SYRIA)))
    assert _candidates(fresh_store, dt.date(2013, 6, 5), town=TALKALAKH) == ["m1"]


def test_a_day_precision_event_is_a_candidate_a_day_away(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 6)) == ["m1"]


def test_a_day_precision_event_is_not_a_candidate_two_days_away_from_a_day_precision_mention(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 7)) == []


def test_a_week_precision_mention_reaches_a_day_precision_event_a_week_away(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 12), window=7, town=QUSAIR) == ["m1"]


def test_a_month_precision_event_is_a_candidate_a_month_away(fresh_store):
    month = EventDate(date=dt.date(2013, 6, 1), precision=3, text="June", start=None, end=None)
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", when=month)))
    assert _candidates(fresh_store, dt.date(2013, 6, 30), town=QUSAIR) == ["m1"]


def test_an_event_of_another_quad_class_is_not_a_candidate(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), quad=3) == []


def test_an_event_placed_in_another_country_is_not_a_candidate(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), country="IRQ") == []


def test_an_unplaced_mention_meets_events_in_any_country(fresh_store):
    _ingest(fresh_store, _three_reports()[0])
    assert _candidates(fresh_store, dt.date(2013, 6, 5), country=None) == ["m1"]


def test_an_undated_mention_meets_only_undated_events(fresh_store):
    _ingest(fresh_store, _three_reports()[0], _result(_article("a2"), _event("m2", "a2", when=None)))
    assert _candidates(fresh_store, None) == ["m2"]


# incremental and idempotent --------------------------------------------------------------------------------------


def test_a_later_batch_joins_the_stored_event(fresh_store):
    first, second, third = _three_reports()
    _ingest(fresh_store, first)
    _ingest(fresh_store, second, third)
    (event,) = _events(fresh_store)
    assert (event["id"], event["num_mentions"]) == ("m1", 3)


def test_a_later_batch_keeps_the_events_added_time_and_changes_its_updated_time(fresh_store, monkeypatch):
    import wirecoder.store.duckdb as store_module

    first, second, _ = _three_reports()
    monday, tuesday = dt.datetime(2024, 1, 1, 9, 0), dt.datetime(2024, 1, 2, 9, 0)
    monkeypatch.setattr(store_module, "_now", lambda: monday)
    _ingest(fresh_store, first)
    monkeypatch.setattr(store_module, "_now", lambda: tuesday)
    _ingest(fresh_store, second)
    assert fresh_store.con.execute("SELECT added, updated FROM events").fetchall() == [(monday, tuesday)]


def test_a_later_batch_leaves_events_it_does_not_join_alone(fresh_store):
    _ingest(fresh_store, _result(_article("a1"), _event("m1", "a1", location=TALKALAKH)))
    before = _table(fresh_store)
    _ingest(fresh_store, _result(_article("a2"), _event("m2", "a2")))
    assert [row for row in _table(fresh_store) if row[0] == "m1"] == before


def test_after_clustering_no_mention_of_the_batch_is_unclustered(fresh_store):
    _ingest(fresh_store, *_three_reports())
    assert fresh_store.unclustered(["m1", "m2", "m3"]) == set()


def test_clustering_the_same_results_again_places_nothing(fresh_store):
    results = _three_reports()
    _ingest(fresh_store, *results)
    assert cluster_batch(fresh_store, results) == 0


def test_clustering_the_same_results_again_changes_no_event(fresh_store):
    results = _three_reports()
    _ingest(fresh_store, *results)
    before = _table(fresh_store)
    cluster_batch(fresh_store, results)
    assert _table(fresh_store) == before


def test_ingesting_an_already_stored_article_again_changes_no_event(fresh_store):
    results = _three_reports()
    _ingest(fresh_store, *results)
    before = _table(fresh_store)
    again = Result(input_hash=make_raw("another copy").input_hash, source="copy.txt", article=results[0].article,
                   events=results[0].events)
    fresh_store.add_raw_inputs([make_raw("another copy")], keep_raw=False)
    fresh_store.write_results([again])
    cluster_batch(fresh_store, [again])
    assert _table(fresh_store) == before


# a version-3 store: its events table held mentions ---------------------------------------------------------------


@pytest.fixture
def version3_store(tmp_path: Path) -> Path:
    """A store file as schema version 3 left it: one dated, placed mention in a table called events, no event id
    and no canonical events."""
    path = tmp_path / "v3.duckdb"
    with Store(path) as store:
        _ingest_without_clustering(store, _result(_article("a1"), _event("old", "a1")))
    return downgrade_to_version3(path)


def _ingest_without_clustering(store: Store, *results: Result) -> None:
    store.add_raw_inputs([make_raw(r.article.id) for r in results], keep_raw=False)
    store.write_results(results)


def _tables(path: Path) -> dict[str, set[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_name IN ('events', 'mentions')").fetchall()
    finally:
        con.close()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(table, set()).add(column)
    return tables


def test_version3_fixture_really_holds_mentions_in_its_events_table(version3_store):
    tables = _tables(version3_store)
    assert list(tables) == ["events"]
    assert {"sentence", "action"} <= tables["events"]
    assert "num_mentions" not in tables["events"]


def test_opening_a_version3_store_renames_its_events_table_to_mentions(version3_store):
    with Store(version3_store) as store:
        mentions = list(store.iter_mentions())
    assert mentions == [_event("old", "a1").to_dict()]


def test_opening_a_version3_store_creates_the_canonical_events_table_empty(version3_store):
    with Store(version3_store) as store:
        counts = store.counts()
    assert ("num_mentions" in _tables(version3_store)["events"], counts["events"]) == (True, 0)


def test_opening_a_version3_store_records_the_current_schema_version(version3_store):
    with Store(version3_store) as store:
        (version,) = store.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    assert version == str(SCHEMA_VERSION)


def test_an_upgraded_version3_store_clusters_new_batches(version3_store):
    with Store(version3_store) as store:
        _ingest(store, _result(_article("a2", "Wire Service"), _event("new", "a2")))
        events = list(store.iter_events())
    assert [(e["id"], e["num_mentions"]) for e in events] == [("new", 1)]
