"""The JSON API of ``wirecoder serve``: shapes, filters, paging, sorting, errors, exports, headers and static files,
asserted against the events the team's web fixtures produce (tests/web/conftest.py)."""

from __future__ import annotations

import io
import math
import re

import pytest

from wirecoder.export import FORMATS
from wirecoder.store.query import ORDERS

EVENT_KEYS = {"id", "date", "date_precision", "source", "target", "associates", "cameo", "cameo_root", "quad_class",
              "goldstein", "plover", "acled", "fatalities", "location", "modality", "num_mentions", "num_articles",
              "num_sources", "first_seen", "last_seen", "confidence", "sentence", "mention_id", "article_id", "url",
              "sources", "added"}
API_PATHS = ["/api/events", "/api/points", "/api/stats", "/api/events/{event_id}", "/api/articles/{article_id}",
             "/api/actors", "/api/places", "/api/export"]


def _get(client, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    return body


def _events(client, **params) -> list[dict]:
    return _get(client, "/api/events", **{"limit": 1000, **params})["events"]


def _ids(client, **params) -> list[str]:
    return [event["id"] for event in _events(client, **params)]


def _assert_error(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def every_event(client) -> list[dict]:
    return _events(client)


@pytest.fixture(scope="module")
def qusair(client, event_ids) -> dict:
    return _get(client, f"/api/events/{event_ids['qusair']}")["event"]


# /api/events: shape -----------------------------------------------------------------------------------------


def test_events_answer_has_ok_total_limit_offset_and_events(client):
    body = _get(client, "/api/events")
    assert set(body) == {"ok", "total", "limit", "offset", "events"}
    assert (body["limit"], body["offset"]) == (100, 0)
    assert body["total"] == len(body["events"]) > 0


def test_events_echo_the_limit_and_offset_asked_for(client):
    body = _get(client, "/api/events", limit=2, offset=1)
    assert (body["limit"], body["offset"], len(body["events"])) == (2, 1, 2)


def test_total_counts_every_match_not_just_the_page(client, every_event):
    assert _get(client, "/api/events", limit=1)["total"] == len(every_event)


def test_each_event_has_the_public_fields(every_event):
    for event in every_event:
        assert set(event) == EVENT_KEYS


def test_the_qusair_battle_is_coded_as_the_fixture_says(qusair):
    assert qusair["date"] == "2013-06-05"
    assert (qusair["cameo_root"], qusair["quad_class"]) == ("19", 4)
    assert qusair["location"]["country"] == "SYR"
    assert qusair["location"]["lat"] == pytest.approx(34.5, abs=0.1)
    assert qusair["location"]["lon"] == pytest.approx(36.6, abs=0.1)
    assert qusair["source"]["code"] == "SYRMIL"


# /api/events: filters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["SYR", "syr"])
def test_country_keeps_events_that_happened_there(client, event_ids, every_event, country):
    events = _events(client, country=country)
    assert event_ids["qusair"] in [e["id"] for e in events]
    assert all(e["location"]["country"] == "SYR" for e in events)
    assert len(events) < len(every_event)


def test_a_country_without_events_matches_nothing(client):
    assert _get(client, "/api/events", country="ZZZ")["total"] == 0


def test_an_actor_code_prefix_keeps_events_with_an_actor_so_coded(client, event_ids, every_event):
    events = _events(client, actor="SYR")
    assert event_ids["qusair"] in [e["id"] for e in events]
    for event in events:
        codes = [(event[side] or {}).get("code") or "" for side in ("source", "target")]
        assert any(code.startswith("SYR") for code in codes)
    assert len(events) < len(every_event)


def test_a_full_actor_code_narrows_further_than_its_country(client, event_ids):
    assert event_ids["qusair"] in _ids(client, actor="SYRMIL")
    assert len(_ids(client, actor="SYRMIL")) < len(_ids(client, actor="SYR"))


def test_actor_words_match_the_actors_text(client, event_ids, every_event):
    events = _events(client, actor="rebels")
    assert event_ids["qusair"] in [e["id"] for e in events]
    for event in events:
        assert any("rebels" in ((event[side] or {}).get("text") or "").lower() for side in ("source", "target"))
    assert len(events) < len(every_event)


def test_a_cameo_root_keeps_that_root(client, event_ids, every_event):
    events = _events(client, cameo="19")
    assert event_ids["qusair"] in [e["id"] for e in events]
    assert all(e["cameo_root"] == "19" for e in events)
    assert len(events) < len(every_event)


def test_a_cameo_code_keeps_that_code_and_those_under_it(client, event_ids):
    events = _events(client, cameo="190")
    assert event_ids["qusair"] in [e["id"] for e in events]
    assert all(e["cameo"].startswith("190") for e in events)


def test_quad_class_keeps_that_class(client, event_ids, every_event):
    events = _events(client, quad_class=4)
    assert event_ids["qusair"] in [e["id"] for e in events]
    assert all(e["quad_class"] == 4 for e in events)
    assert len(events) < len(every_event)
    assert event_ids["qusair"] not in _ids(client, quad_class=1)


def test_since_and_until_keep_the_days_between(client, event_ids):
    events = _events(client, since="2013-06-05", until="2013-06-05")
    assert event_ids["qusair"] in [e["id"] for e in events]
    assert all(e["date"] == "2013-06-05" for e in events)


def test_since_leaves_out_earlier_events(client, event_ids):
    events = _events(client, since="2013-06-06")
    assert event_ids["qusair"] not in [e["id"] for e in events]
    assert all(e["date"] >= "2013-06-06" for e in events)


def test_until_leaves_out_later_events(client, event_ids):
    events = _events(client, until="2013-06-04")
    assert event_ids["qusair"] not in [e["id"] for e in events]
    assert all(e["date"] <= "2013-06-04" for e in events)


def test_min_sources_keeps_events_reported_by_that_many_outlets(client, every_event):
    most = max(e["num_sources"] for e in every_event)
    assert len(_events(client, min_sources=1)) == len(every_event)
    assert all(e["num_sources"] >= most for e in _events(client, min_sources=most))
    assert _events(client, min_sources=most + 1) == []


def test_bbox_keeps_events_inside_the_box(client, event_ids, every_event):
    events = _events(client, bbox="36,34,37,35")
    assert event_ids["qusair"] in [e["id"] for e in events]
    for event in events:
        assert 36 <= event["location"]["lon"] <= 37 and 34 <= event["location"]["lat"] <= 35
    assert len(events) < len(every_event)


def test_a_bbox_elsewhere_leaves_the_event_out(client, event_ids):
    assert event_ids["qusair"] not in _ids(client, bbox="-10,50,2,60")


def test_near_keeps_events_within_km_of_the_point(client, event_ids, every_event):
    events = _events(client, near="34.5,36.6", km=10)
    assert event_ids["qusair"] in [e["id"] for e in events]
    for event in events:
        assert _km(34.5, 36.6, event["location"]["lat"], event["location"]["lon"]) <= 10
    assert len(events) < len(every_event)


def test_near_with_a_small_km_leaves_out_places_further_away(client, event_ids):
    # Homs is ~27 km from Qusair; a point 20 km north of Qusair with km=5 holds nothing of the fixtures.
    assert event_ids["qusair"] not in _ids(client, near="34.7,36.6", km=5)


def test_plover_and_acled_filters_keep_their_types(client, event_ids):
    assert all(e["plover"]["type"] == "ASSAULT" for e in _events(client, plover="ASSAULT"))
    battles = _events(client, acled="battles")
    assert event_ids["qusair"] in [e["id"] for e in battles]
    assert all("Battles" in (e["acled"]["event_type"], e["acled"]["sub_event_type"]) for e in battles)


def test_include_hypothetical_never_lists_fewer_events(client, every_event):
    assert len(_events(client, include_hypothetical="true")) >= len(every_event)


# /api/events: paging and sorting ----------------------------------------------------------------------------


def test_pages_are_disjoint_and_together_the_full_list(client, every_event):
    pages = [_ids(client, limit=3, offset=offset) for offset in range(0, len(every_event) + 3, 3)]
    flat = [event_id for page in pages for event_id in page]
    assert len(flat) == len(set(flat))
    assert flat == [e["id"] for e in every_event]


def test_an_offset_past_the_end_gives_an_empty_page(client, every_event):
    body = _get(client, "/api/events", offset=len(every_event))
    assert body["events"] == [] and body["total"] == len(every_event)


_SORT_KEYS = {"date": "date", "num_sources": "num_sources", "num_mentions": "num_mentions",
              "num_articles": "num_articles", "goldstein": "goldstein", "fatalities": "fatalities"}


@pytest.mark.parametrize("sort", list(ORDERS))
def test_each_sort_order_is_honoured(client, every_event, sort):
    field = _SORT_KEYS[sort.lstrip("-")]
    values = [e[field] for e in _events(client, sort=sort)]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=sort.startswith("-"))
    assert values == known + [None] * (len(values) - len(known))  # missing values last
    assert len(values) == len(every_event)


def test_the_default_order_is_newest_first(client, every_event):
    dates = [e["date"] for e in every_event if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_sort_date_is_oldest_first(client, event_ids):
    events = _events(client, sort="date")
    assert events[0]["id"] == event_ids["qusair"]
    assert events[0]["date"] == "2013-06-05"


# /api/events: bad values ------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"since": "2013-13-01"}, {"until": "yesterday"}, {"sort": "id"}, {"sort": "date; DROP TABLE events"},
    {"near": "34.5"}, {"near": "north,east"}, {"near": "91,0"}, {"near": "34.5,36.6,1"}, {"bbox": "1,2,3"},
    {"bbox": "0,0,200,10"}, {"country": "SY"}, {"country": "SYRIA"}, {"country": "S'R"}, {"country": "1' OR"},
    {"limit": 1001}, {"limit": 0}, {"offset": -1}, {"quad_class": 5}, {"quad_class": 0}, {"min_sources": 0},
    {"cameo": "1a"}, {"km": -1},
], ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()))
def test_a_bad_value_is_a_json_422(client, params):
    _assert_error(client.get("/api/events", params=params), 422)


def test_a_bad_value_names_the_parameter(client):
    assert "since" in client.get("/api/events", params={"since": "2013-13-01"}).json()["error"]


@pytest.mark.parametrize("params", [
    {"actor": "x' OR 1=1 --"}, {"actor": "'; DROP TABLE events; --"}, {"actor": "%"}, {"actor": "_"},
    {"plover": "ASSAULT' OR '1'='1"}, {"acled": "%"}, {"acled": "' OR 1=1 --"},
], ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()))
def test_injection_looking_values_match_nothing(client, every_event, params):
    assert _get(client, "/api/events", **params)["total"] == 0
    assert _get(client, "/api/events")["total"] == len(every_event)


@pytest.mark.parametrize("country", ["' OR '1'='1", "SY'", "S%R"])
def test_injection_looking_countries_are_rejected(client, country):
    _assert_error(client.get("/api/events", params={"country": country}), 422)


# /api/events/{id} -------------------------------------------------------------------------------------------


def test_an_event_comes_with_its_mentions_and_articles(client, event_ids):
    body = _get(client, f"/api/events/{event_ids['qusair']}")
    assert set(body) == {"ok", "event", "mentions", "articles"}
    assert body["event"]["id"] == event_ids["qusair"]
    assert body["mentions"]
    assert all(m["event_id"] == event_ids["qusair"] for m in body["mentions"])
    assert body["event"]["article_id"] in [a["id"] for a in body["articles"]]


def test_an_event_lists_as_many_mentions_as_it_counts(client, event_ids):
    body = _get(client, f"/api/events/{event_ids['qusair']}")
    assert len(body["mentions"]) == body["event"]["num_mentions"]
    assert len(body["articles"]) == body["event"]["num_articles"]


def test_an_event_is_the_same_in_the_list_and_on_its_own(client, event_ids, every_event):
    listed = next(e for e in every_event if e["id"] == event_ids["qusair"])
    assert _get(client, f"/api/events/{event_ids['qusair']}")["event"] == listed


@pytest.mark.parametrize("event_id", ["no-such-event", "' OR 1=1 --"])
def test_an_unknown_event_is_a_json_404(client, event_id):
    _assert_error(client.get(f"/api/events/{event_id}"), 404)


def test_an_unknown_event_is_json_even_when_html_is_accepted(client):
    _assert_error(client.get("/api/events/no-such-event", headers={"Accept": "text/html"}), 404)


# /api/articles/{id} -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def articles(client) -> list[dict]:
    ids = {e["article_id"] for e in _events(client, include_hypothetical="true")}
    return [_get(client, f"/api/articles/{article_id}") for article_id in sorted(ids)]


def test_an_article_has_its_fields(client, qusair):
    body = _get(client, f"/api/articles/{qusair['article_id']}")
    assert set(body) == {"ok", "article", "text", "spans", "mentions"}
    assert {"id", "title", "published", "authors", "dateline", "body", "boilerplate", "publisher", "source", "url",
            "copy_of"} <= set(body["article"])
    assert body["article"]["id"] == qusair["article_id"]
    assert body["article"]["title"] == "Government troops take back border town"
    assert body["article"]["published"] == "2013-06-06"


def test_article_text_is_the_body_joined_by_blank_lines(articles):
    for body in articles:
        assert body["text"] == "\n\n".join(body["article"]["body"])


def test_article_mentions_belong_to_the_article(articles):
    for body in articles:
        assert body["mentions"]
        assert all(m["article_id"] == body["article"]["id"] for m in body["mentions"])


def _words(mention: dict, span: dict) -> str:
    kind = span["kind"]
    if kind == "associate":
        return next(a["text"] for a in mention["associates"] if (a["start"], a["end"]) == (span["start"], span["end"]))
    field = {"place": "location", "date": "date_span"}.get(kind, kind)
    return mention[field]["text"]


def test_every_span_covers_the_words_of_its_mention(articles):
    checked = set()
    for body in articles:
        mentions = {m["id"]: m for m in body["mentions"]}
        for span in body["spans"]:
            mention = mentions[span["mention_id"]]
            assert body["text"][span["start"]:span["end"]] == _words(mention, span), span
            assert span["event_id"] == mention["event_id"]
            checked.add(span["kind"])
    assert {"source", "target", "action", "place"} <= checked


def test_mention_offsets_point_at_their_words_in_the_article_text(articles):
    for body in articles:
        text = body["text"]
        for mention in body["mentions"]:
            for side in ("source", "target", "location"):
                if mention[side] and mention[side].get("start") is not None:
                    assert text[mention[side]["start"]:mention[side]["end"]] == mention[side]["text"]
            assert text[mention["action"]["start"]:mention["action"]["end"]] == mention["action"]["text"]


def test_the_qusair_article_spans_name_troops_recaptured_rebels_and_qusair(client, qusair):
    body = _get(client, f"/api/articles/{qusair['article_id']}")
    mine = {s["kind"]: body["text"][s["start"]:s["end"]] for s in body["spans"] if s["event_id"] == qusair["id"]}
    assert mine["source"] == "Syrian government troops"
    assert mine["action"] == "recaptured"
    assert mine["target"] == "rebels"
    assert mine["place"] == "Qusair"


def test_article_spans_carry_their_words_as_the_contract_says(articles):
    # /tmp/api_contract.md: spans are {"kind", "start", "end", "text", "mention_id", "event_id"}
    for body in articles:
        for span in body["spans"]:
            assert span.get("text") == body["text"][span["start"]:span["end"]], span


def test_the_boilerplate_is_set_aside_in_the_article(client, event_ids):
    xss = _get(client, f"/api/events/{event_ids['xss']}")["event"]
    article = _get(client, f"/api/articles/{xss['article_id']}")["article"]
    assert any("gathered outside parliament" in line for line in article["boilerplate"])
    assert not any("gathered outside parliament" in paragraph for paragraph in article["body"])


def test_an_unknown_article_is_a_json_404(client):
    _assert_error(client.get("/api/articles/no-such-article"), 404)


# /api/points ------------------------------------------------------------------------------------------------


def test_points_are_the_located_events(client, every_event):
    body = _get(client, "/api/points")
    located = {e["id"] for e in every_event if e["location"] and e["location"]["lat"] is not None}
    assert {point[0] for point in body["points"]} == located
    assert body["total"] == len(located) < len(every_event)
    assert body["truncated"] is False


def test_a_point_is_id_lat_lon_quad_class_cameo_root_date_sources_label(client, qusair):
    points = {point[0]: point for point in _get(client, "/api/points")["points"]}
    point = points[qusair["id"]]
    assert len(point) == 8
    assert point[1:7] == [qusair["location"]["lat"], qusair["location"]["lon"], 4, "19", "2013-06-05",
                          qusair["num_sources"]]
    assert "SYRMIL" in point[7] and "190" in point[7] and "Al Quşayr" in point[7]


def test_every_point_has_the_shape(client):
    for point in _get(client, "/api/points")["points"]:
        assert len(point) == 8
        _, lat, lon, quad, root, date, sources, label = point
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert quad in (1, 2, 3, 4) and len(root) == 2
        assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
        assert sources >= 1 and isinstance(label, str)


def test_a_limit_truncates_the_points(client):
    everything = _get(client, "/api/points")
    body = _get(client, "/api/points", limit=2)
    assert len(body["points"]) == 2
    assert body["truncated"] is True
    assert body["total"] == everything["total"]


def test_points_follow_the_filters(client, event_ids):
    body = _get(client, "/api/points", country="SYR")
    assert event_ids["qusair"] in [point[0] for point in body["points"]]
    assert body["total"] == _get(client, "/api/events", country="SYR")["total"]


def test_points_limit_above_the_maximum_is_a_json_422(client):
    _assert_error(client.get("/api/points", params={"limit": 100_001}), 422)


# /api/stats -------------------------------------------------------------------------------------------------


def test_stats_have_every_grouping(client):
    body = _get(client, "/api/stats")
    assert set(body) == {"ok", "total", "by_day", "by_quad_class", "by_cameo_root", "by_plover_type", "by_country"}


def test_stats_by_day_is_sorted_and_has_only_dates(client):
    days = [day for day, _ in _get(client, "/api/stats")["by_day"]]
    assert days == sorted(days)
    assert "?" not in days
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in days)


def test_stats_by_day_counts_the_events_of_each_day(client, every_event):
    counts: dict[str, int] = {}
    for event in every_event:
        if event["date"]:
            counts[event["date"]] = counts.get(event["date"], 0) + 1
    assert dict(_get(client, "/api/stats")["by_day"]) == counts


@pytest.mark.parametrize("params", [{}, {"country": "SYR"}, {"quad_class": 4}, {"actor": "rebels"},
                                    {"country": "ZZZ"}])
def test_stats_totals_agree_with_the_events_list(client, params):
    stats = _get(client, "/api/stats", **params)
    total = _get(client, "/api/events", **params)["total"]
    assert stats["total"] == total
    for name in ("by_quad_class", "by_cameo_root", "by_plover_type", "by_country"):
        assert sum(n for _, n in stats[name]) == total, name


def test_stats_follow_the_filters(client):
    stats = _get(client, "/api/stats", country="SYR")
    assert [key for key, _ in stats["by_country"]] == ["SYR"]
    assert ["2013-06-05", 1] in stats["by_day"]


def test_a_bad_filter_to_stats_is_a_json_422(client):
    _assert_error(client.get("/api/stats", params={"quad_class": 5}), 422)


# /api/actors and /api/places --------------------------------------------------------------------------------


def test_actors_have_the_shape_most_events_first(client):
    body = _get(client, "/api/actors")
    assert body["total"] == len(body["actors"]) > 0
    for actor in body["actors"]:
        assert set(actor) == {"code", "name", "country", "events", "first", "last"}
        assert actor["code"]
    counts = [actor["events"] for actor in body["actors"]]
    assert counts == sorted(counts, reverse=True)


def test_actors_q_matches_a_code_prefix(client):
    codes = [a["code"] for a in _get(client, "/api/actors", q="SYR")["actors"]]
    assert "SYRMIL" in codes and "SYRREB" in codes
    assert all(code.startswith("SYR") for code in codes)


def test_actors_q_matches_words_of_the_name(client):
    actors = _get(client, "/api/actors", q="houthi")["actors"]
    assert [a["code"] for a in actors] == ["YEMREB"]


def test_actors_q_that_matches_nothing_gives_no_actors(client):
    assert _get(client, "/api/actors", q="x' OR 1=1 --") == {"ok": True, "total": 0, "limit": 100, "offset": 0,
                                                              "actors": []}


def test_actors_page_with_limit_and_offset(client):
    everyone = _get(client, "/api/actors")["actors"]
    assert _get(client, "/api/actors", limit=2, offset=1)["actors"] == everyone[1:3]


def test_places_have_the_shape_most_events_first(client):
    body = _get(client, "/api/places")
    assert body["total"] == len(body["places"]) > 0
    for place in body["places"]:
        assert {"geonameid", "name", "country", "admin1", "lat", "lon", "events", "first", "last"} <= set(place)
        assert isinstance(place["geonameid"], int)
    counts = [place["events"] for place in body["places"]]
    assert counts == sorted(counts, reverse=True)


def test_places_list_al_qusayr_with_its_events(client, qusair, every_event):
    places = {p["geonameid"]: p for p in _get(client, "/api/places")["places"]}
    place = places[qusair["location"]["geonameid"]]
    assert place["name"] == qusair["location"]["name"] == "Al Quşayr"
    assert place["country"] == "SYR"
    assert place["events"] == sum(1 for e in every_event
                                  if e["location"] and e["location"]["geonameid"] == place["geonameid"])
    assert place["first"] == "2013-06-05"


def test_places_q_matches_words_of_the_name(client):
    assert [p["name"] for p in _get(client, "/api/places", q="nairobi")["places"]] == ["Nairobi"]


@pytest.mark.parametrize("country", ["YEM", "yem"])
def test_places_country_keeps_the_places_in_it(client, country):
    places = _get(client, "/api/places", country=country)["places"]
    assert places
    assert all(p["country"] == "YEM" for p in places)


def test_places_country_not_three_letters_is_a_json_422(client):
    _assert_error(client.get("/api/places", params={"country": "YE'"}), 422)


# /api/export ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_downloads_a_file_in_each_format(client, fmt):
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment")
    assert f"wirecoder-events{FORMATS[fmt].suffix}" in disposition
    assert response.content


@pytest.mark.parametrize("fmt", ["gdelt", "csv"])
def test_export_has_a_row_per_event(client, every_event, fmt):
    lines = client.get("/api/export", params={"format": fmt}).text.splitlines()
    header = 1 if fmt == "csv" else 0
    assert len(lines) == len(every_event) + header


@pytest.mark.parametrize("fmt", ["gdelt", "csv"])
def test_export_follows_the_filters(client, fmt):
    lines = client.get("/api/export", params={"format": fmt, "country": "SYR"}).text.splitlines()
    header = 1 if fmt == "csv" else 0
    assert len(lines) == _get(client, "/api/events", country="SYR")["total"] + header


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_of_no_events_is_an_empty_file(client, fmt):
    response = client.get("/api/export", params={"format": fmt, "country": "ZZZ"})
    assert response.status_code == 200
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(response.content)).num_rows == 0
    else:
        assert len(response.text.splitlines()) <= 1  # at most a header


def test_export_parquet_reads_back_with_every_event(client, every_event):
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/api/export", params={"format": "parquet"}).content))
    assert table.num_rows == len(every_event)


@pytest.mark.parametrize("params", [{"format": "xlsx"}, {}, {"format": "csv", "quad_class": 5}])
def test_export_with_a_bad_format_or_filter_is_a_json_422(client, params):
    _assert_error(client.get("/api/export", params=params), 422)


# routing, errors and the OpenAPI description ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/nope", "/api/events/x/y", "/api/articles"])
def test_an_unknown_api_path_is_a_json_404(client, path):
    _assert_error(client.get(path, headers={"Accept": "text/html"}), 404)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_writing_to_the_api_is_a_json_405(client, method):
    _assert_error(client.request(method.upper(), "/api/events"), 405)


def test_openapi_lists_the_api_paths(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in API_PATHS:
        assert path in paths, path
    assert all(path.startswith("/api/") for path in paths)


# security headers -------------------------------------------------------------------------------------------


def _script_src(csp: str) -> str:
    return next(d.strip() for d in csp.split(";") if d.strip().startswith("script-src"))


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/nope", "/api/events/no-such-event", "/api/stats",
                                  "/static/pages.css", "/static/app.js", "/static/nope.js", "/actors", "/places",
                                  "/openapi.json", "/api/export?format=csv"])
def test_every_answer_has_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert _script_src(csp).split() == ["script-src", "'self'"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_html_pages_and_errors_have_the_security_headers(client, event_ids):
    for path in (f"/events/{event_ids['xss']}", "/events/no-such-event"):
        response = client.get(path, headers={"Accept": "text/html"})
        assert "'unsafe-inline'" not in _script_src(response.headers["content-security-policy"])
        assert response.headers["x-content-type-options"] == "nosniff"


def test_docs_has_a_script_policy_and_nosniff(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert _script_src(response.headers["content-security-policy"]).startswith("script-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_docs_lists_the_api_paths(client):
    text = client.get("/docs").text
    for path in ("/api/events", "/api/points", "/api/stats", "/api/actors", "/api/places", "/api/export"):
        assert path in text, path


# the dashboard and static files -----------------------------------------------------------------------------


def test_the_root_is_the_dashboard(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.lstrip().lower().startswith("<!doctype html")


def test_the_dashboard_has_no_inline_script(client):
    text = client.get("/").text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.IGNORECASE | re.DOTALL)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", text, flags=re.IGNORECASE)  # no inline event handlers


def test_the_dashboard_loads_nothing_from_elsewhere(client):
    text = client.get("/").text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text, flags=re.IGNORECASE)


def test_a_stylesheet_is_served_as_css(client):
    response = client.get("/static/pages.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.content


def test_a_vendored_file_in_a_subfolder_is_served(client):
    response = client.get("/static/vendor/leaflet/leaflet.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]


def test_an_unknown_static_file_is_a_404(client):
    assert client.get("/static/nope.css").status_code == 404


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/vendor/../../web/app.py", "/static/%2e%2e/%2e%2e/web/app.py",
                                  "/static/..%2f..%2fweb%2fapp.py", "/static/..\\app.py", "/static/app.py",
                                  "/static//etc/passwd"])
def test_path_traversal_never_reaches_the_source(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "import " not in response.text
    assert "root:" not in response.text
