"""The store's browsing methods behind ``wirecoder serve``: per-thread readers, sort orders and paging, one event
with its mentions and articles, map points, actors, places and grouped counts.

The store is filled once per module with hand-built mentions (no spaCy, no gazetteer), as in test_event_query.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from tests.helpers import fill_store, make_mention
from wirecoder.records import Place
from wirecoder.store import Store
from wirecoder.store.query import ORDERS, EventQuery


def _place(name: str, geonameid: int | None, lat: float, lon: float, country: str) -> Place:
    return Place(name=name, text=None, start=None, end=None, geonameid=geonameid, lat=lat, lon=lon, country=country,
                 admin1=None, feature="PPL", precision=1)


QUSAIR = _place("Al Qusayr", 173322, 34.50887, 36.57997, "SYR")
HOMS = _place("Homs", 169577, 34.72682, 36.72339, "SYR")
BAGHDAD = _place("Baghdad", 98182, 33.34058, 44.40088, "IRQ")
SEA = _place("Red Sea", None, 20.0, 38.0, None)  # the team's own region: no gazetteer id

_battle = make_mention("qusair", "Syrian troops fought rebels in Qusair.", source=("SYRMIL", "Syrian troops"),
                       target=("SYRREB", "rebels"), verb="fought", cameo="190", plover="ASSAULT", place=QUSAIR,
                       day=dt.date(2013, 6, 5))
_houthis = make_mention("sea", "Houthi fighters attacked a ship.", source=("YEMREB", "Houthi fighters"), target=None,
                        verb="attacked", cameo="190", plover="ASSAULT", place=SEA, day=dt.date(2024, 1, 12))
MENTIONS = [
    _battle,
    dataclasses.replace(_battle, id="qusair-2", article_id="art-qusair-2"),
    make_mention("homs", "Syrian artillery shelled civilians in Homs.", source=("SYRMIL", "Syrian artillery"),
                 target=("SYRCVL", "civilians"), verb="shelled", cameo="194", plover="ASSAULT", place=HOMS,
                 day=dt.date(2013, 5, 10)),
    make_mention("homs-talks", "Syrian rebels demanded talks in Homs.", source=("SYRREB", "Syrian rebels"),
                 target=None, verb="demanded", cameo="100", plover="REQUEST", place=HOMS, day=dt.date(2014, 2, 1)),
    make_mention("baghdad", "Iraqi protesters rallied in Baghdad.", source=("IRQCVL", "Iraqi protesters"),
                 target=None, verb="rallied", cameo="141", plover="PROTEST", place=BAGHDAD,
                 day=dt.date(2019, 10, 25)),
    make_mention("undated", "Syrian jets bombed the area.", source=("SYRMIL", "Syrian jets"), target=None,
                 verb="bombed", cameo="195", plover="ASSAULT", place=None, day=None),
    dataclasses.replace(_houthis, source=dataclasses.replace(_houthis.source, name="Houthis")),
]
PUBLISHERS = {"qusair": "Example Times", "qusair-2": "Wire Service"}
NEWEST_FIRST = ["sea", "baghdad", "homs-talks", "qusair", "homs", "undated"]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(":memory:") as filled:
        fill_store(filled, MENTIONS, PUBLISHERS)
        yield filled


def _ids(store: Store, **query) -> list[str]:
    return [event["id"] for event in store.iter_events(EventQuery(**query))]


def test_the_fill_gives_the_expected_events(store):
    assert _ids(store) == NEWEST_FIRST


# reader ---------------------------------------------------------------------------------------------------------


def test_a_reader_sees_the_same_events(store):
    reader = store.reader()
    try:
        assert [e["id"] for e in reader.iter_events()] == NEWEST_FIRST
    finally:
        reader.close()


def test_a_reader_is_usable_from_another_thread(store):
    reader = store.reader()
    found: list = []

    def work() -> None:
        try:
            found.append(reader.count_events())
        except Exception as exc:  # handed back to the test thread
            found.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    reader.close()
    assert found == [len(NEWEST_FIRST)]


def test_readers_in_threads_at_once_each_get_every_event(store):
    results: list = []
    lock = threading.Lock()

    def work() -> None:
        reader = store.reader()
        try:
            ids = [e["id"] for e in reader.iter_events(EventQuery(order="date"))]
        except Exception as exc:  # handed back to the test thread
            ids = exc
        finally:
            reader.close()
        with lock:
            results.append(ids)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [_ids(store, order="date")] * 4


def test_a_reader_is_its_own_cursor(store):
    reader = store.reader()
    try:
        assert reader.con is not store.con
        assert reader.path == store.path
    finally:
        reader.close()


def test_closing_a_reader_leaves_the_store_open(store):
    store.reader().close()
    assert store.count_events() == len(NEWEST_FIRST)


def test_a_reader_of_a_read_only_file_store(tmp_path):
    path = tmp_path / "browse.duckdb"
    with Store(path) as writable:
        fill_store(writable, MENTIONS[:3], PUBLISHERS)
    with Store(path, read_only=True) as read_only:
        reader = read_only.reader()
        try:
            assert reader.count_events() == 2
        finally:
            reader.close()


# orders and paging ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["id", "date;", "DATE", "-", "", "-id", "date DESC"])
def test_an_unknown_order_is_a_value_error(order):
    with pytest.raises(ValueError, match="order"):
        EventQuery(order=order)


@pytest.mark.parametrize("order", list(ORDERS))
def test_every_known_order_lists_every_event(store, order):
    assert sorted(_ids(store, order=order)) == sorted(NEWEST_FIRST)


def test_order_date_is_oldest_first_undated_last(store):
    assert _ids(store, order="date") == ["homs", "qusair", "homs-talks", "baghdad", "sea", "undated"]


def test_order_minus_num_sources_puts_the_best_reported_first(store):
    assert _ids(store, order="-num_sources")[0] == "qusair"
    assert _ids(store, order="num_sources")[-1] == "qusair"


def test_limit_and_offset_page_through_the_events(store):
    pages = [_ids(store, limit=2, offset=offset) for offset in (0, 2, 4, 6)]
    assert pages == [NEWEST_FIRST[0:2], NEWEST_FIRST[2:4], NEWEST_FIRST[4:6], []]


def test_an_offset_without_a_limit_skips_the_first_events(store):
    assert _ids(store, offset=2) == NEWEST_FIRST[2:]


def test_paging_follows_the_order(store):
    assert _ids(store, order="date", limit=2, offset=1) == ["qusair", "homs-talks"]


@pytest.fixture
def own_store() -> Iterator[Store]:
    with Store(":memory:") as filled:
        fill_store(filled, MENTIONS, PUBLISHERS)
        yield filled


def test_events_table_pages_too(own_store):
    table = own_store.events_table(EventQuery(limit=2, offset=1))
    assert table.column("id").to_pylist() == NEWEST_FIRST[1:3]


def test_events_table_after_count_events(own_store):
    assert own_store.count_events() == len(NEWEST_FIRST)
    assert own_store.events_table().num_rows == len(NEWEST_FIRST)


# one event, its mentions and articles ------------------------------------------------------------------------------


def test_event_gives_the_canonical_event(store):
    event = store.event("qusair")
    assert event is not None
    assert event == next(e for e in store.iter_events() if e["id"] == "qusair")
    assert event["num_mentions"] == 2


def test_event_of_an_unknown_id_is_none(store):
    assert store.event("no-such-event") is None


def test_mentions_of_an_event_carry_its_id(store):
    mentions = store.mentions_of(event_id="qusair")
    assert sorted(m["id"] for m in mentions) == ["qusair", "qusair-2"]
    assert all(m["event_id"] == "qusair" for m in mentions)


def test_mentions_of_an_article(store):
    assert [m["id"] for m in store.mentions_of(article_id="art-homs")] == ["homs"]


def test_article_record_has_url_and_body(store):
    article = store.article_record("art-qusair")
    assert article["body"] == [_battle.sentence]
    assert article["url"] == "https://news.example/qusair"
    assert article["copy_of"] is None


def test_article_record_of_an_unknown_id_is_none(store):
    assert store.article_record("no-such-article") is None


def test_article_summaries_of_an_event(store):
    summaries = store.article_summaries(event_id="qusair")
    assert sorted(a["id"] for a in summaries) == ["art-qusair", "art-qusair-2"]
    assert {a["publisher"] for a in summaries} == {"Example Times", "Wire Service"}


def test_article_summaries_of_a_query(store):
    summaries = store.article_summaries(EventQuery(country="IRQ"))
    assert [a["id"] for a in summaries] == ["art-baghdad"]


# points ---------------------------------------------------------------------------------------------------------


def test_points_are_the_located_events(store):
    total, points = store.points()
    assert total == 5
    assert {p[0] for p in points} == {"sea", "baghdad", "homs-talks", "qusair", "homs"}


def test_points_are_truncated_by_the_limit_but_counted_in_full(store):
    total, points = store.points(EventQuery(limit=2))
    assert total == 5 and len(points) == 2
    assert points[0][0] == "qusair"  # best reported first


def test_a_point_is_compact(store):
    _, points = store.points(EventQuery(country="IRQ"))
    assert points == [["baghdad", 33.34058, 44.40088, 3, "14", "2019-10-25", 1, "IRQCVL · 141 · Baghdad"]]


# actors ---------------------------------------------------------------------------------------------------------


def test_actors_most_frequent_first(store):
    total, actors = store.actors()
    assert total == 5
    assert [a["code"] for a in actors][:2] == ["SYRMIL", "SYRREB"]
    assert actors[0] == {"code": "SYRMIL", "name": None, "country": "SYR", "events": 3, "first": "2013-05-10",
                         "last": "2013-06-05"}


@pytest.mark.parametrize("text", ["SYR", "syr"])
def test_actors_text_matches_a_code_prefix(store, text):
    total, actors = store.actors(text=text)
    assert total == 3
    assert [a["code"] for a in actors] == ["SYRMIL", "SYRREB", "SYRCVL"]


def test_actors_text_matches_words_of_the_name(store):
    assert [a["code"] for a in store.actors(text="houthi")[1]] == ["YEMREB"]


def test_actors_count_only_asserted_events(own_store):
    threat = make_mention("threat", "Turkish troops will attack Kurdish fighters.", source=("TURMIL", "Turkish troops"),
                          target=("KURREB", "Kurdish fighters"), verb="attack", cameo="190", plover="ASSAULT",
                          place=None, day=dt.date(2020, 1, 10), modality="future")
    fill_store(own_store, [threat])
    assert own_store.count_events(EventQuery(actor="TURMIL")) == 0
    assert [a["code"] for a in own_store.actors(text="TUR")[1]] == []


@pytest.mark.parametrize("text", ["%", "_", "x' OR 1=1 --"])
def test_actors_text_is_literal(store, text):
    assert store.actors(text=text) == (0, [])


def test_actors_page_with_limit_and_offset(store):
    _, everyone = store.actors()
    total, page = store.actors(limit=2, offset=1)
    assert total == len(everyone)
    assert page == everyone[1:3]


# places ---------------------------------------------------------------------------------------------------------


def test_places_are_gazetteer_places_most_events_first(store):
    total, places = store.places()
    assert total == 3
    assert [p["name"] for p in places] == ["Homs", "Al Qusayr", "Baghdad"]
    assert [p["events"] for p in places] == [2, 1, 1]


def test_places_count_events_not_mentions(store):
    places = {p["geonameid"]: p for p in store.places()[1]}
    assert places[173322]["events"] == 1
    assert places[169577]["events"] == 2
    assert (places[169577]["first"], places[169577]["last"]) == ("2013-05-10", "2014-02-01")


@pytest.mark.parametrize("country", ["SYR", "syr"])
def test_places_country_keeps_the_places_in_it(store, country):
    total, places = store.places(country=country)
    assert total == 2
    assert {p["name"] for p in places} == {"Al Qusayr", "Homs"}


def test_places_text_matches_words_of_the_name(store):
    assert [p["name"] for p in store.places(text="qusay")[1]] == ["Al Qusayr"]


def test_places_text_and_country_together(store):
    assert store.places(text="homs", country="IRQ") == (0, [])


def test_places_page_with_limit_and_offset(store):
    _, everything = store.places()
    assert store.places(limit=1, offset=1)[1] == everything[1:2]


# stats ----------------------------------------------------------------------------------------------------------


def test_stats_by_day_and_quad_class(store):
    stats = store.stats(by=("day", "quad_class"))
    assert set(stats) == {"day", "quad_class"}
    assert stats["day"] == [("2013-05-10", 1), ("2013-06-05", 1), ("2014-02-01", 1), ("2019-10-25", 1),
                            ("2024-01-12", 1), ("?", 1)]
    assert stats["quad_class"] == [("3", 2), ("4", 4)]


def test_stats_follow_the_query(store):
    stats = store.stats(EventQuery(country="SYR"), by=("day", "country"))
    assert stats["country"] == [("SYR", 3)]
    assert [day for day, _ in stats["day"]] == ["2013-05-10", "2013-06-05", "2014-02-01"]


def test_stats_default_groups_are_month_cameo_root_and_country(store):
    assert set(store.stats()) == {"month", "cameo_root", "country"}


def test_stats_counts_add_up_to_the_events(store):
    stats = store.stats(by=("day", "quad_class", "cameo_root", "plover_type", "country"))
    for name, rows in stats.items():
        assert sum(n for _, n in rows) == store.count_events(), name
