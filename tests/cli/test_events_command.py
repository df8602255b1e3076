"""``wirecoder events`` (canonical events, with filters) and ``wirecoder mentions`` (sentence-level codings).

The store is filled by writing hand-built records (``Store.write_results`` then ``cluster_batch``) into the file
the CLI fixtures pass as ``--db``; one test runs the real pipeline (``wirecoder ingest``) on team-written reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.helpers import downgrade_to_version3, fill_store, make_mention
from wirecoder.records import Place
from wirecoder.store import Store
from wirecoder.store.duckdb import CANONICAL_FIELDS

MENTION_KEYS = ["id", "article_id", "sentence_index", "sentence", "source", "target", "associates", "action",
                "cameo", "cameo_root", "quad_class", "goldstein", "plover", "acled", "fatalities", "modality",
                "background", "attribution", "confidence", "date", "date_precision", "location"]
"""The keys of each mention `wirecoder code` prints (Event.to_dict)."""


def _place(name: str, lat: float, lon: float, country: str) -> Place:
    return Place(name=name, text=None, start=None, end=None, geonameid=None, lat=lat, lon=lon, country=country,
                 admin1=None, feature="PPL", precision=1)


QUSAIR = _place("Al Qusayr", 34.50887, 36.57997, "SYR")  # ~2 km from (34.5, 36.6)
HOMS = _place("Homs", 34.72682, 36.72339, "SYR")  # ~27 km from (34.5, 36.6)
IDLIB = _place("Idlib", 35.93062, 36.63393, "SYR")
BAGHDAD = _place("Baghdad", 33.34058, 44.40088, "IRQ")


_mention = make_mention


BATTLE = _mention("qusair", "Syrian troops fought rebels in Qusair.", source=("SYRMIL", "Syrian troops"),
                  target=("SYRREB", "rebels"), verb="fought", cameo="190", plover="ASSAULT", place=QUSAIR,
                  day=dt.date(2013, 6, 5))
MENTIONS = [
    BATTLE,
    dataclasses.replace(BATTLE, id="qusair-2", article_id="art-qusair-2"),
    dataclasses.replace(BATTLE, id="qusair-3", article_id="art-qusair-3"),
    _mention("homs", "Syrian artillery shelled civilians in Homs.", source=("SYRMIL", "Syrian artillery"),
             target=("SYRCVL", "civilians"), verb="shelled", cameo="194", plover="ASSAULT", place=HOMS,
             day=dt.date(2013, 5, 10)),
    _mention("idlib", "Syrian forces will attack rebels in Idlib.", source=("SYRMIL", "Syrian forces"),
             target=("SYRREB", "rebels"), verb="attack", cameo="190", plover="ASSAULT", place=IDLIB,
             day=dt.date(2020, 1, 10), modality="future"),
    _mention("baghdad", "Iraqi protesters rallied in Baghdad.", source=("IRQCVL", "Iraqi protesters"), target=None,
             verb="rallied", cameo="141", plover="PROTEST", place=BAGHDAD, day=dt.date(2019, 10, 25)),
    _mention("not-baghdad", "Iraqi police did not fire on protesters.", source=("IRQCOP", "Iraqi police"),
             target=("IRQCVL", "protesters"), verb="fire", cameo="190", plover="ASSAULT", place=BAGHDAD,
             day=dt.date(2019, 10, 25), modality="negated"),
]
PUBLISHERS = {"qusair": "Example Times", "qusair-2": "Wire Service", "qusair-3": "Daily Courier"}


@pytest.fixture
def filled(db: Path) -> Path:
    """The CLI fixtures' store file, holding the mentions above, clustered."""
    with Store(db) as store:
        fill_store(store, MENTIONS, PUBLISHERS)
    return db


@pytest.fixture
def jsonl(cli, filled):
    """``jsonl("events", *options)`` -> the records the command printed as JSON Lines (exit status 0 asserted)."""

    def run(command: str, *options: str) -> list[dict]:
        result = cli(command, "--format", "jsonl", *options)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    return run


def _ids(rows: list[dict]) -> list[str]:
    return [row["id"] for row in rows]


# wirecoder events -------------------------------------------------------------------------------------------------


def test_events_lists_one_row_per_happening_newest_first(jsonl):
    assert _ids(jsonl("events")) == ["baghdad", "qusair", "homs"]


def test_events_country_prints_only_that_countrys_events(jsonl):
    rows = jsonl("events", "--country", "SYR")
    assert [(r["id"], r["location"]["country"]) for r in rows] == [("qusair", "SYR"), ("homs", "SYR")]


def test_events_near_with_km_prints_only_events_that_close(jsonl):
    assert _ids(jsonl("events", "--near", "34.5,36.6", "--km", "10")) == ["qusair"]


def test_events_near_with_a_wider_km_reaches_further(jsonl):
    assert _ids(jsonl("events", "--near", "34.5,36.6", "--km", "30")) == ["qusair", "homs"]


def test_events_bbox_prints_events_inside_it(jsonl):
    assert _ids(jsonl("events", "--bbox", "35,32,37,35")) == ["qusair", "homs"]


def test_events_since_and_actor_combine(jsonl):
    assert _ids(jsonl("events", "--since", "2013-06-01", "--actor", "SYR")) == ["qusair"]


def test_events_include_hypothetical_lists_events_only_announced(jsonl):
    assert "idlib" in _ids(jsonl("events", "--include-hypothetical"))


def test_events_leave_out_events_only_announced_by_default(jsonl):
    assert "idlib" not in _ids(jsonl("events"))


def test_events_min_sources_prints_events_several_outlets_report(jsonl):
    assert _ids(jsonl("events", "--min-sources", "2")) == ["qusair"]


def test_events_jsonl_records_have_exactly_the_canonical_fields(jsonl):
    assert {tuple(row) for row in jsonl("events")} == {CANONICAL_FIELDS}


def test_events_json_is_an_array_of_the_same_records(cli, filled, jsonl):
    result = cli("events", "--format", "json")
    assert json.loads(result.stdout) == jsonl("events")


@pytest.mark.parametrize("bbox", ["35,32,37", "west,south,east,north", "35;32;37;35"])
def test_events_bad_bbox_is_a_usage_error_naming_bbox(cli, filled, bbox):
    result = cli("events", "--bbox", bbox)
    assert (result.exit_code, "--bbox" in result.stderr) == (2, True)


@pytest.mark.parametrize("near", ["34.5", "34.5,36.6,1", "north,east"])
def test_events_bad_near_is_a_usage_error_naming_near(cli, filled, near):
    result = cli("events", "--near", near)
    assert (result.exit_code, "--near" in result.stderr) == (2, True)


def _table_rows(output: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in output.splitlines() if "│" in line]


def test_events_table_has_mentions_articles_and_sources_columns(cli, filled):
    (header,) = [line for line in cli("events").stdout.splitlines() if "┃ date" in line]
    assert [cell.strip() for cell in header.split("┃")[1:-1]][-3:] == ["mentions", "articles", "sources"]


def test_events_table_shows_how_many_mentions_articles_and_sources_report_an_event(cli, filled):
    (row,) = [r for r in _table_rows(cli("events").stdout) if r[0] == "2013-06-05"]
    assert row[-3:] == ["3", "3", "3"]


# wirecoder mentions -----------------------------------------------------------------------------------------------


def test_mentions_lists_every_sentence_level_coding(jsonl):
    assert sorted(_ids(jsonl("mentions"))) == ["baghdad", "homs", "idlib", "qusair", "qusair-2", "qusair-3"]


def test_mentions_have_the_keys_wirecoder_code_prints(jsonl):
    assert {tuple(row) for row in jsonl("mentions")} == {tuple(MENTION_KEYS)}


def test_a_mention_reads_back_as_it_was_coded(jsonl):
    (row,) = [r for r in jsonl("mentions") if r["id"] == "homs"]
    assert row == MENTIONS[3].to_dict()


def test_mentions_include_unasserted_lists_negated_mentions(jsonl):
    assert "not-baghdad" in _ids(jsonl("mentions", "--include-unasserted"))


# an older store ---------------------------------------------------------------------------------------------------


@pytest.fixture
def version3_db(filled: Path) -> Path:
    """The store file turned back into schema version 3: its mentions in a table called events."""
    return downgrade_to_version3(filled)


def test_events_on_a_version3_store_fails_with_a_message_naming_the_store(cli, version3_db):
    result = cli("events")
    assert (result.exit_code, str(version3_db) in result.stderr) == (1, True)


# the real pipeline ------------------------------------------------------------------------------------------------

REPORTS = [
    {"title": "Rebels attack army checkpoint near Palmyra", "publisher": "Example Times", "date": "2015-05-12",
     "text": "Syrian rebels attacked an army checkpoint near Palmyra on Monday, a monitoring group said."},
    {"title": "Checkpoint near Palmyra attacked", "publisher": "Wire Service", "date": "2015-05-12",
     "text": "Syrian rebels attacked an army checkpoint near Palmyra on Monday, residents said."},
    {"title": "Protest in Baghdad", "publisher": "Example Times", "date": "2019-10-26",
     "text": "Thousands of Iraqi protesters rallied in Baghdad on Friday against corruption."},
]


def test_ingest_clusters_two_outlets_reports_of_one_attack_into_one_event(cli, tmp_path):
    feed = tmp_path / "reports.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    assert cli("ingest", feed).exit_code == 0
    rows = [json.loads(line) for line in cli("events", "--format", "jsonl").stdout.splitlines()]
    assert sorted((r["num_mentions"], r["num_articles"], r["num_sources"]) for r in rows) == [(1, 1, 1), (2, 2, 2)]
