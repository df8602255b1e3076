"""``EventQuery`` and ``Store.iter_events``: each filter selects the right canonical events, the rows have the
public shape, and filter values reach SQL only as bound parameters.

The store is filled once per module with hand-built mentions (no spaCy, no gazetteer) written with
``Store.write_results`` and clustered with ``cluster_batch``. Places use the team's own coordinates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from tests.helpers import fill_store, make_mention
from wirecoder.records import Event, Place
from wirecoder.store import Store
from wirecoder.store.duckdb import CANONICAL_FIELDS
from wirecoder.store.query import EventQuery


def _place(name: str, lat: float, lon: float, country: str) -> Place:
    return Place(name=name, text=None, start=None, end=None, geonameid=None, lat=lat, lon=lon, country=country,
                 admin1=None, feature="PPL", precision=1)


QUSAIR = _place("Al Qusayr", 34.50887, 36.57997, "SYR")  # ~2 km from (34.5, 36.6)
HOMS = _place("Homs", 34.72682, 36.72339, "SYR")  # ~27 km from (34.5, 36.6)
IDLIB = _place("Idlib", 35.93062, 36.63393, "SYR")
BAGHDAD = _place("Baghdad", 33.34058, 44.40088, "IRQ")
SUVA = _place("Suva", -18.14161, 178.44149, "FJI")  # just west of the antimeridian
APIA = _place("Apia", -13.83333, -171.76666, "WSM")  # just east of it
DUBLIN = _place("Dublin", 53.34399, -6.26719, "IRL")
BATTLES = ("Battles", "Armed clash")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike")
PROTESTS = ("Protests", "Peaceful protest")


_mention = make_mention


BATTLE = _mention("qusair", "Syrian troops fought rebels in Qusair.", source=("SYRMIL", "Syrian troops"),
                  target=("SYRREB", "rebels"), verb="fought", cameo="190", plover="ASSAULT", acled=BATTLES,
                  place=QUSAIR, day=dt.date(2013, 6, 5), confidence=0.9)
MENTIONS = [
    BATTLE,
    dataclasses.replace(BATTLE, id="qusair-2", article_id="art-qusair-2", confidence=0.6),
    dataclasses.replace(BATTLE, id="qusair-3", article_id="art-qusair-3", confidence=0.6),
    _mention("homs", "Syrian artillery shelled civilians in Homs.", source=("SYRMIL", "Syrian artillery"),
             target=("SYRCVL", "civilians"), verb="shelled", cameo="194", plover="ASSAULT", acled=SHELLING,
             place=HOMS, day=dt.date(2013, 5, 10)),
    _mention("undated", "Syrian jets bombed the area.", source=("SYRMIL", "Syrian jets"), target=None,
             verb="bombed", cameo="195", plover="ASSAULT", acled=AIR_STRIKE, place=None, day=None),
    _mention("idlib", "Syrian forces will attack rebels in Idlib.", source=("SYRMIL", "Syrian forces"),
             target=("SYRREB", "rebels"), verb="attack", cameo="190", plover="ASSAULT", acled=BATTLES,
             place=IDLIB, day=dt.date(2020, 1, 10), modality="future"),
    _mention("baghdad", "Iraqi protesters rallied in Baghdad.", source=("IRQCVL", "Iraqi protesters"), target=None,
             verb="rallied", cameo="141", plover="PROTEST", acled=PROTESTS, place=BAGHDAD, day=dt.date(2019, 10, 25)),
    _mention("suva", "Fijian protesters marched against the government.", source=("FJICVL", "Fijian protesters"),
             target=("FJIGOV", "the government"), verb="marched", cameo="141", plover="PROTEST", acled=PROTESTS,
             place=SUVA, day=dt.date(2021, 7, 1)),
    _mention("apia", "Samoan protesters gathered in Apia.", source=("WSMCVL", "Samoan protesters"), target=None,
             verb="gathered", cameo="141", plover="PROTEST", acled=PROTESTS, place=APIA, day=dt.date(2021, 8, 1)),
    _mention("dublin", "O'Brien's supporters demonstrated against the government.",
             source=("IRLCVL", "O'Brien's supporters"), target=("IRLGOV", "the government"), verb="demonstrated",
             cameo="140", plover="PROTEST", acled=PROTESTS, place=DUBLIN, day=dt.date(2022, 3, 1)),
]
PUBLISHERS = {"qusair": "Example Times", "qusair-2": "Wire Service", "qusair-3": "Daily Courier"}
EVERY_EVENT = ["dublin", "apia", "suva", "baghdad", "qusair", "homs", "undated"]
"""Every event but the announced one (modality future), newest first."""


def _fill(store: Store, mentions: list[Event]) -> None:
    fill_store(store, mentions, PUBLISHERS)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(":memory:") as filled:
        _fill(filled, MENTIONS)
        yield filled


def _ids(store: Store, **filters) -> list[str]:
    return [event["id"] for event in store.iter_events(EventQuery(**filters))]


# the catalogue ----------------------------------------------------------------------------------------------


def test_the_catalogue_has_one_event_per_happening(store):
    assert store.counts()["events"] == 8


def test_no_filter_lists_every_event_newest_first_undated_last(store):
    assert _ids(store) == EVERY_EVENT


def test_iter_events_without_a_query_is_the_default_query(store):
    assert [e["id"] for e in store.iter_events()] == EVERY_EVENT


def test_count_events_counts_what_the_query_selects(store):
    assert store.count_events(EventQuery(country="SYR")) == 2


# filters --------------------------------------------------------------------------------------------------------


def test_the_default_leaves_out_events_only_announced(store):
    assert "idlib" not in _ids(store)


def test_include_future_lists_events_only_announced(store):
    assert _ids(store, include_future=True, cameo="190") == ["idlib", "qusair"]


def test_since_keeps_events_on_or_after_the_date(store):
    assert _ids(store, since=dt.date(2019, 10, 25)) == ["dublin", "apia", "suva", "baghdad"]


def test_until_keeps_events_on_or_before_the_date(store):
    assert _ids(store, until=dt.date(2013, 6, 5)) == ["qusair", "homs"]


def test_since_and_until_together_keep_the_dates_between(store):
    assert _ids(store, since=dt.date(2021, 1, 1), until=dt.date(2021, 12, 31)) == ["apia", "suva"]


@pytest.mark.parametrize("country", ["SYR", "syr"])
def test_country_keeps_events_that_happened_in_it(store, country):
    assert _ids(store, country=country) == ["qusair", "homs"]


def test_an_actor_code_prefix_matches_sources(store):
    assert _ids(store, actor="SYR") == ["qusair", "homs", "undated"]


def test_an_actor_code_matches_targets(store):
    assert _ids(store, actor="SYRCVL") == ["homs"]


def test_an_actor_code_is_a_prefix_not_a_substring(store):
    assert _ids(store, actor="CVL") == []


@pytest.mark.parametrize("words", ["protesters", "Protesters"])
def test_actor_words_match_the_actors_text(store, words):
    assert _ids(store, actor=words) == ["apia", "suva", "baghdad"]


def test_actor_words_match_target_text(store):
    assert _ids(store, actor="the government") == ["dublin", "suva"]


def test_a_two_digit_cameo_is_a_root(store):
    assert _ids(store, cameo="19") == ["qusair", "homs", "undated"]


def test_a_longer_cameo_is_a_code_and_those_under_it(store):
    assert _ids(store, cameo="194") == ["homs"]


def test_a_cameo_code_does_not_match_its_siblings(store):
    assert _ids(store, cameo="140") == ["dublin"]


@pytest.mark.parametrize("plover", ["PROTEST", "protest"])
def test_plover_type_matches_case_insensitively(store, plover):
    assert _ids(store, plover=plover) == ["dublin", "apia", "suva", "baghdad"]


@pytest.mark.parametrize(("acled", "expected"), [
    ("Battles", ["qusair"]),
    ("battles", ["qusair"]),
    ("Explosions/Remote violence", ["homs", "undated"]),
    ("armed clash", ["qusair"]),
    ("Air/drone strike", ["undated"]),
], ids=["type", "type-lowercase", "type-two-events", "sub-type-lowercase", "sub-type"])
def test_acled_matches_event_type_or_sub_type(store, acled, expected):
    assert _ids(store, acled=acled) == expected


@pytest.mark.parametrize(("km", "expected"), [(10, ["qusair"]), (30, ["qusair", "homs"]), (None, ["qusair"])],
                         ids=["10km", "30km", "default-25km"])
def test_near_keeps_events_within_km(store, km, expected):
    assert _ids(store, near=(34.5, 36.6), km=km) == expected


def test_bbox_keeps_events_inside_the_box(store):
    assert _ids(store, bbox=(35.0, 32.0, 37.0, 35.0)) == ["qusair", "homs"]


def test_bbox_across_the_antimeridian_keeps_events_either_side(store):
    assert _ids(store, bbox=(170.0, -25.0, -165.0, -10.0)) == ["apia", "suva"]


def test_bbox_up_to_the_antimeridian_keeps_only_its_side(store):
    assert _ids(store, bbox=(170.0, -25.0, 180.0, -10.0)) == ["suva"]


@pytest.mark.parametrize(("min_sources", "expected"), [(2, ["qusair"]), (3, ["qusair"]), (4, [])])
def test_min_sources_keeps_events_reported_by_that_many_outlets(store, min_sources, expected):
    assert _ids(store, min_sources=min_sources) == expected


def test_filters_combine_with_and(store):
    assert _ids(store, country="SYR", cameo="194") == ["homs"]


def test_limit_keeps_the_newest_events(store):
    assert _ids(store, limit=2) == ["dublin", "apia"]


# the public shape -----------------------------------------------------------------------------------------------


def _one(store: Store, event_id: str) -> dict:
    (row,) = [e for e in store.iter_events(EventQuery(include_future=True)) if e["id"] == event_id]
    return row


def test_every_event_has_exactly_the_canonical_fields_in_order(store):
    assert {tuple(e) for e in store.iter_events(EventQuery(include_future=True))} == {CANONICAL_FIELDS}


def test_actors_are_shown_without_their_offsets(store):
    assert _one(store, "qusair")["source"] == {"code": "SYRMIL", "name": None, "country": "SYR", "sector": "MIL",
                                              "text": "Syrian troops"}


def test_dates_are_iso_strings(store):
    row = _one(store, "qusair")
    assert (row["date"], row["first_seen"], row["last_seen"]) == ("2013-06-05", "2013-06-05", "2013-06-05")


def test_plover_and_acled_are_nested_like_a_mentions(store):
    row = _one(store, "homs")
    assert (row["plover"], row["acled"]) == ({"type": "ASSAULT", "mode": None},
                                             {"event_type": SHELLING[0], "sub_event_type": SHELLING[1]})


def test_sources_lists_the_outlets_in_order(store):
    assert _one(store, "qusair")["sources"] == ["Daily Courier", "Example Times", "Wire Service"]


def test_url_and_sentence_are_the_best_evidenced_mentions(store):
    row = _one(store, "qusair")
    assert (row["mention_id"], row["url"], row["sentence"]) == (
        "qusair", "https://news.example/qusair", BATTLE.sentence)


def test_an_undated_unplaced_event_reads_back_none(store):
    row = _one(store, "undated")
    assert (row["date"], row["date_precision"], row["location"]) == (None, None, None)


# values are bound parameters ---------------------------------------------------------------------------------------

HOSTILE = "'; DROP TABLE events; --"


@pytest.fixture
def dublin_store(fresh_store) -> Store:
    _fill(fresh_store, [m for m in MENTIONS if m.id == "dublin"])
    return fresh_store


def test_actor_words_with_a_quote_are_matched_literally(dublin_store):
    assert _ids(dublin_store, actor="O'Brien") == ["dublin"]


@pytest.mark.parametrize("field", ["country", "actor", "cameo", "plover", "acled"])
def test_a_hostile_filter_value_matches_nothing(dublin_store, field):
    assert _ids(dublin_store, **{field: HOSTILE}) == []


@pytest.mark.parametrize("field", ["country", "actor", "cameo", "plover", "acled"])
def test_a_hostile_filter_value_leaves_the_table_intact(dublin_store, field):
    list(dublin_store.iter_events(EventQuery(**{field: HOSTILE})))
    assert dublin_store.count_events() == 1


def test_actor_words_with_sql_wildcards_are_matched_literally(dublin_store):
    assert _ids(dublin_store, actor="O_Brien") == []
