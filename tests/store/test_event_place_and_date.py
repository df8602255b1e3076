"""The events table's date and place (schema version 3): written with results, read back by ``iter_events``,
and added to a version-2 store when it is opened. Records are built by hand (no spaCy, no gazetteer)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.helpers import make_raw
from wirecoder.records import SCHEMA_VERSION, ActorRef, Article, Event, EventDate, Place, Result, Span
from wirecoder.store import Store

ARTICLE_ID = "a1b2c3d4e5f60718"
SENTENCE = "Government troops shelled rebel positions near Qusair on Tuesday, residents said."

QUSAIR = Place(name="Al Quşayr", text="Qusair", start=SENTENCE.index("Qusair"), end=SENTENCE.index("Qusair") + 6,
               geonameid=170017, lat=34.50887, lon=36.57997, country="SYR", admin1="Homs", feature="PPL",
               precision=2)
MEDITERRANEAN = Place(name="Mediterranean Sea", text=None, start=None, end=None, geonameid=None, lat=35.0,
                      lon=18.0, country=None, admin1=None, feature="SEA", precision=3)
TUESDAY = EventDate(date=dt.date(2013, 6, 4), precision=1, text="Tuesday", start=SENTENCE.index("Tuesday"),
                    end=SENTENCE.index("Tuesday") + len("Tuesday"))
THAT_WEEK = EventDate(date=dt.date(2013, 6, 3), precision=2)


def _article() -> Article:
    return Article(id=ARTICLE_ID, source="b.txt", publisher=None, title="T", published=dt.date(2013, 6, 5),
                   authors=(), dateline=None, body=(SENTENCE,), boilerplate=(), language="en")


def _actor(text: str, code: str | None) -> ActorRef:
    start = SENTENCE.index(text)
    return ActorRef(code=code, name=None, country=code[:3] if code else None, sector=code[3:] if code else None,
                    text=text, start=start, end=start + len(text))


def _event(id_: str = "e1", *, location: Place | None = None, when: EventDate | None = None) -> Event:
    start = SENTENCE.index("shelled")
    return Event(
        id=id_, article_id=ARTICLE_ID, sentence_index=0, sentence=SENTENCE,
        source=_actor("Government troops", "GOVMIL"), target=_actor("rebel positions", None), associates=(),
        action=Span(text="shelled", start=start, end=start + 7),
        cameo="194", cameo_root="19", quad_class=4, goldstein=-10.0, plover_type="ASSAULT", plover_mode=None,
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling/artillery/missile attack",
        fatalities=None, modality="asserted", attribution=None, confidence=0.8, location=location, when=when,
    )


def _write(store: Store, *events: Event, content: str = "page") -> None:
    raw = make_raw(content)
    store.add_raw_inputs([raw], keep_raw=False)
    store.write_results([Result(input_hash=raw.input_hash, source=raw.source, article=_article(), events=events)])


def _read_one(store: Store) -> dict:
    (row,) = store.iter_mentions()
    return row


# round trip ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("location", "when"), [(QUSAIR, TUESDAY), (MEDITERRANEAN, THAT_WEEK)],
                         ids=["town-and-day", "sea-and-week"])
def test_event_with_place_and_date_round_trips_the_public_json_shape(fresh_store, location, when):
    event = _event(location=location, when=when)
    _write(fresh_store, event)
    assert _read_one(fresh_store) == event.to_dict()


def test_stored_date_is_an_iso_string_with_its_precision(fresh_store):
    _write(fresh_store, _event(location=QUSAIR, when=TUESDAY))
    row = _read_one(fresh_store)
    assert (row["date"], row["date_precision"]) == ("2013-06-04", 1)


@pytest.mark.parametrize("place", [QUSAIR, MEDITERRANEAN], ids=["town", "sea"])
def test_stored_location_is_the_place_record(fresh_store, place):
    _write(fresh_store, _event(location=place, when=TUESDAY))
    assert _read_one(fresh_store)["location"] == place.to_dict()


def test_event_without_place_or_date_reads_back_none(fresh_store):
    _write(fresh_store, _event())
    row = _read_one(fresh_store)
    assert (row["date"], row["date_precision"], row["location"]) == (None, None, None)


def test_event_with_date_but_no_place_keeps_its_date(fresh_store):
    _write(fresh_store, _event(when=TUESDAY))
    row = _read_one(fresh_store)
    assert (row["date"], row["location"]) == ("2013-06-04", None)


def test_date_words_are_kept_in_the_date_span_column(fresh_store):
    _write(fresh_store, _event(when=TUESDAY))
    (span,) = fresh_store.con.execute("SELECT date_span FROM mentions").fetchone()
    assert span == {"text": "Tuesday", "start": TUESDAY.start, "end": TUESDAY.end}


def test_date_taken_from_the_publication_has_no_date_span(fresh_store):
    _write(fresh_store, _event(when=dataclasses.replace(TUESDAY, text=None, start=None, end=None)))
    assert fresh_store.con.execute("SELECT date_span FROM mentions").fetchone() == (None,)


def test_location_columns_are_queryable_with_sql(fresh_store):
    _write(fresh_store, _event("e1", location=QUSAIR), _event("e2", location=MEDITERRANEAN), _event("e3"))
    rows = fresh_store.con.execute(
        "SELECT id, location.country, location.precision FROM mentions ORDER BY id").fetchall()
    assert rows == [("e1", "SYR", 2), ("e2", None, 3), ("e3", None, None)]


# upgrading a version-2 store -------------------------------------------------------------------------------------


@pytest.fixture
def version2_store(tmp_path: Path) -> Path:
    """A store file as schema version 2 left it: one event mention in a table called events, no date, place,
    event id or canonical events."""
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        _write(store, _event("old"))
    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE events")
        con.execute("DROP INDEX mentions_event")
        for column in ("location", "date_span", "date_precision", '"date"', "event_id"):
            con.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
        con.execute("ALTER TABLE mentions RENAME TO events")
        con.execute("UPDATE schema_info SET value = '2' WHERE key = 'schema_version'")
    finally:
        con.close()
    return path


def _columns(path: Path, table: str = "mentions") -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
    finally:
        con.close()


def test_version2_fixture_really_lacks_the_columns(version2_store):
    assert not {"date", "date_precision", "date_span", "location"} & _columns(version2_store, "events")


def test_opening_a_version2_store_adds_the_date_and_place_columns(version2_store):
    Store(version2_store).close()
    assert {"date", "date_precision", "date_span", "location"} <= _columns(version2_store)


def test_opening_a_version2_store_records_the_current_schema_version(version2_store):
    with Store(version2_store) as store:
        (version,) = store.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    assert version == str(SCHEMA_VERSION) == "6"


def test_upgraded_store_accepts_events_with_place_and_date(version2_store):
    event = _event("new", location=QUSAIR, when=TUESDAY)
    with Store(version2_store) as store:
        _write(store, event, content="another page")
        stored = {row["id"]: row for row in store.iter_mentions()}
    assert stored["new"] == event.to_dict()


def test_upgraded_store_reads_old_events_with_no_place_or_date(version2_store):
    with Store(version2_store) as store:
        (old,) = store.iter_mentions()
    assert (old["id"], old["date"], old["date_precision"], old["location"]) == ("old", None, None, None)
