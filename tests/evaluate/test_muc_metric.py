"""``wirecoder.evaluate.muc``: MUC location strings, gold places resolved with a fake gazetteer, and the metrics.

The gazetteer is a small fake holding a few real places (coordinates rounded); predicted events are hand-built
dicts in the ``Event.to_dict()`` shape. Gold files are the team's own, written into ``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wirecoder.clean import clean_article
from wirecoder.errors import WirecoderError
from wirecoder.evaluate.muc import (
    GoldEvent,
    GoldLocation,
    GoldPlace,
    LocationPart,
    ScoredArticle,
    best_match,
    candidates,
    dateline_name,
    load_gold,
    parse_location,
    preferred_features,
    raw_input,
    resolve_country,
    resolve_event,
    resolve_location,
    score,
)
from wirecoder.geo.gazetteer import distance_km
from wirecoder.geo.names import normalise, skeleton
from wirecoder.settings import Settings

METRIC_KEYS = ["n_articles", "n_gold_events", "coverage", "country_accuracy", "acc161", "located",
               "precision_counts", "date_accuracy", "date_exact", "dateline_as_location"]

# ---------------------------------------------------------------------------------------------- parse_location


def _loc(country: str, *parts: tuple[str, tuple[str, ...]]) -> GoldLocation:
    return GoldLocation(country=country, parts=tuple(LocationPart(name=n, kinds=k) for n, k in parts))


def test_parse_location_reads_country_then_parts_from_less_to_more_specific():
    assert parse_location("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)") == (
        _loc("EL SALVADOR", ("SAN MIGUEL", ("DEPARTMENT",)), ("SAN LUIS DE LA REINA", ("TOWN",))),
    )


def test_parse_location_country_alone():
    assert parse_location("COLOMBIA") == (_loc("COLOMBIA"),)


def test_parse_location_one_city():
    (reading,) = parse_location("PERU: LIMA (CITY)")
    assert reading == _loc("PERU", ("LIMA", ("CITY",)))
    assert reading.parts[0].kind == "CITY"


def test_parse_location_slash_gives_alternative_readings():
    assert parse_location("(COLOMBIA: BOGOTA (CITY)) / (COLOMBIA)") == (
        _loc("COLOMBIA", ("BOGOTA", ("CITY",))), _loc("COLOMBIA"))
    assert parse_location("HONDURAS / EL SALVADOR") == (_loc("HONDURAS"), _loc("EL SALVADOR"))


def test_parse_location_dash_gives_a_reading_per_place_with_the_same_parents():
    assert parse_location("PERU: ANCASH (DEPARTMENT): CHAVIN (TOWN) - HUARI (TOWN)") == (
        _loc("PERU", ("ANCASH", ("DEPARTMENT",)), ("CHAVIN", ("TOWN",))),
        _loc("PERU", ("ANCASH", ("DEPARTMENT",)), ("HUARI", ("TOWN",))),
    )


def test_parse_location_hyphen_inside_a_name_is_not_a_range():
    assert parse_location("PERU: CARAHUAICHI-JAURIN (AREA)") == (_loc("PERU", ("CARAHUAICHI-JAURIN", ("AREA",))),)


def test_parse_location_several_kinds_in_one_parenthesis():
    (reading,) = parse_location("EL SALVADOR: USULUTAN (CITY / COUNTY / DEPARTMENT)")
    assert reading.parts == (LocationPart(name="USULUTAN", kinds=("CITY", "COUNTY", "DEPARTMENT")),)
    assert reading.parts[0].kind == "CITY / COUNTY / DEPARTMENT"


def test_parse_location_drops_the_doubt_mark_and_repeated_readings():
    assert parse_location("? HONDURAS") == (_loc("HONDURAS"),)
    assert parse_location("(PERU: LIMA (CITY)) / (PERU: LIMA (CITY))") == (_loc("PERU", ("LIMA", ("CITY",))),)


@pytest.mark.parametrize("text", [None, "", "-", "*", "  -  "])
def test_parse_location_without_a_location(text):
    assert parse_location(text) == ()


def test_preferred_features_by_kind():
    assert preferred_features(("TOWN",)) == ("PPL",)
    assert preferred_features(("DEPARTMENT",)) == ("ADM",)
    assert preferred_features(("CITY", "DEPARTMENT")) == ("PPL", "ADM")
    assert preferred_features(("TOWN IN FEDERAL DISTRICT",)) == ("PPL",)
    assert preferred_features(("UNIVERSITY",)) == ()


# ---------------------------------------------------------------------------------------------- resolution

PLACES = [
    # name, lat, lon, population, iso3, feature
    ("El Salvador", 13.8, -88.9, 6_000_000, "SLV", "PCLI"),
    ("Colombia", 4.0, -72.0, 49_000_000, "COL", "PCLI"),
    ("Guatemala", 15.5, -90.25, 14_000_000, "GTM", "PCLI"),
    ("San Miguel", 13.45, -88.2, 0, "SLV", "ADM1"),           # the department
    ("San Miguel", 13.48, -88.18, 161_880, "SLV", "PPL"),     # its capital
    ("San Miguel", 9.87, -84.06, 28_827, "CRI", "PPL"),       # elsewhere
    ("Apopa", 13.81, -89.18, 112_158, "SLV", "PPL"),
    ("San Salvador", 13.69, -89.19, 525_990, "SLV", "PPLC"),
    ("San Salvador", 13.77, -89.17, 0, "SLV", "ADM1"),
    ("Santa Elena", 13.38, -88.42, 7_000, "SLV", "PPL"),      # near San Miguel
    ("Santa Elena", 14.02, -89.6, 20_000, "SLV", "PPL"),      # invented: larger, far from San Miguel
    ("Lima", -12.04, -77.03, 7_737_002, "PER", "PPLC"),
    ("Peru", -10.0, -76.0, 29_000_000, "PER", "PCLI"),
]


class FakeGazetteer:
    """The parts of :class:`wirecoder.geo.Gazetteer` that gold resolution uses, over :data:`PLACES`."""

    def __init__(self, places=PLACES):
        self.names = [p[0] for p in places]
        self.lat = [p[1] for p in places]
        self.lon = [p[2] for p in places]
        self.population = [p[3] for p in places]
        self.country = [p[4] for p in places]
        self.feature = [p[5] for p in places]

    def lookup(self, name):
        return tuple(i for i, n in enumerate(self.names) if normalise(n) == normalise(name))

    def fuzzy(self, name):
        key = skeleton(normalise(name))
        return tuple(i for i, n in enumerate(self.names) if skeleton(normalise(n)) == key)

    def country_mention(self, name):
        return {"el salvador": "SLV", "colombia": "COL", "peru": "PER", "guatemala": "GTM"}.get(normalise(name))


@pytest.fixture
def gazetteer():
    return FakeGazetteer()


def _resolve(text: str, gazetteer) -> list[GoldPlace]:
    return [resolve_location(r, gazetteer) for r in parse_location(text)]


def test_resolve_most_specific_part_in_the_gold_country(gazetteer):
    (place,) = _resolve("EL SALVADOR: APOPA (CITY)", gazetteer)
    assert place == GoldPlace(name="APOPA", level="CITY", fallback=0, country="SLV", lat=13.81, lon=-89.18,
                              gazetteer_name="Apopa", feature="PPL")
    assert place.has_coordinates


def test_resolve_prefers_the_feature_of_the_kind(gazetteer):
    (department,) = _resolve("EL SALVADOR: SAN MIGUEL (DEPARTMENT)", gazetteer)
    (city,) = _resolve("EL SALVADOR: SAN MIGUEL (CITY)", gazetteer)
    assert (department.feature, department.lat) == ("ADM1", 13.45)
    assert (city.feature, city.lat) == ("PPL", 13.48)


def test_resolve_stays_in_the_gold_country(gazetteer):
    (place,) = _resolve("EL SALVADOR: SAN MIGUEL (TOWN)", gazetteer)
    assert place.country == "SLV"


def test_resolve_falls_back_to_the_next_less_specific_part(gazetteer):
    (place,) = _resolve("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)", gazetteer)
    assert (place.name, place.level, place.fallback, place.feature) == ("SAN MIGUEL", "DEPARTMENT", 1, "ADM1")


def test_resolve_keeps_only_the_country_when_no_part_resolves(gazetteer):
    (place,) = _resolve("EL SALVADOR: NOWHERE AT ALL (TOWN)", gazetteer)
    assert place == GoldPlace(name="EL SALVADOR", level="COUNTRY", fallback=1, country="SLV")
    assert not place.has_coordinates
    (country,) = _resolve("COLOMBIA", gazetteer)
    assert (country.country, country.level, country.lat) == ("COL", "COUNTRY", None)


def test_resolve_never_takes_the_country_itself_for_a_part(gazetteer):
    (place,) = _resolve("EL SALVADOR: EL SALVADOR (REGION)", gazetteer)
    assert (place.level, place.lat) == ("COUNTRY", None)


def test_resolve_prefers_a_place_near_the_part_above_it_over_a_larger_one(gazetteer):
    (near,) = _resolve("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SANTA ELENA (TOWN)", gazetteer)
    (alone,) = _resolve("EL SALVADOR: SANTA ELENA (TOWN)", gazetteer)
    assert near.lat == 13.38
    assert alone.lat == 14.02  # no parent: the largest


def test_resolve_unknown_country_keeps_no_country(gazetteer):
    (place,) = _resolve("ATLANTIS: APOPA (CITY)", gazetteer)
    assert (place.country, place.lat, place.level, place.fallback) == (None, None, "COUNTRY", 1)


def test_resolve_country_tolerates_a_misspelling(gazetteer):
    assert resolve_country("GUATAMALA", gazetteer) == "GTM"
    assert resolve_country("EL SALVADOR", gazetteer) == "SLV"
    assert resolve_country("NARNIA", gazetteer) is None


def test_resolve_part_by_skeleton_only_when_the_names_are_alike(gazetteer):
    (close,) = _resolve("EL SALVADOR: APOPPA (CITY)", gazetteer)
    assert close.gazetteer_name == "Apopa"


def test_resolve_event_keeps_every_reading_and_the_dates(gazetteer, tmp_path):
    template = load_gold_line(tmp_path, {"location": "(EL SALVADOR: APOPA (CITY)) / (EL SALVADOR)",
                               "date_iso": ["1990-01-09", "1990-01-08"]})
    event = resolve_event(template, gazetteer)
    assert [p.level for p in event.places] == ["CITY", "COUNTRY"]
    assert event.countries == {"SLV"}
    assert event.date_range == (dt.date(1990, 1, 8), dt.date(1990, 1, 9))


# ---------------------------------------------------------------------------------------------- gold file


def _gold_file(tmp_path: Path, records: list[object], name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def _record(n: int, events: list[dict], **extra) -> dict:
    return {"id": f"T-{n}", "date": "1990-01-10", "text": f"ARTICLE {n}.", "dateline_place": "SAN SALVADOR",
            "events": events, **extra}


def load_gold_line(folder: Path, event: dict):
    """The one template of a gold line holding ``event`` (not optional unless it says so)."""
    (article,) = load_gold(_gold_file(folder, [_record(1, [{"optional": False, **event}])]))
    (template,) = article.templates
    return template


def test_load_gold_keeps_articles_with_non_optional_events_and_only_those_events(tmp_path):
    path = _gold_file(tmp_path, [
        _record(1, [{"optional": False, "location": "PERU: LIMA (CITY)", "date_iso": ["1990-01-09"],
                     "incident_type": "BOMBING", "stage": "ACCOMPLISHED"},
                    {"optional": True, "location": "PERU", "date_iso": []}]),
        _record(2, []),
        _record(3, [{"optional": True, "location": "COLOMBIA", "date_iso": []}]),
        _record(4, [{"location": "COLOMBIA", "date_iso": []}]),  # no 'optional': not optional
    ])
    articles = load_gold(path)
    assert [(a.id, a.line, len(a.templates)) for a in articles] == [("T-1", 1, 1), ("T-4", 4, 1)]
    first = articles[0]
    assert (first.date, first.dateline, first.text) == ("1990-01-10", "SAN SALVADOR", "ARTICLE 1.")
    assert first.templates[0].readings == (_loc("PERU", ("LIMA", ("CITY",))),)
    assert (first.templates[0].incident_type, first.templates[0].stage) == ("BOMBING", "ACCOMPLISHED")


def test_load_gold_reads_unknown_and_impossible_dates(tmp_path):
    assert load_gold_line(tmp_path, {"location": "PERU", "date_iso": [None]}).dates == ()
    assert load_gold_line(tmp_path, {"location": "PERU", "date_iso": ["1989-11-31"]}).dates == (
        dt.date(1989, 11, 30),)


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "1: invalid JSON"),
    ("[1, 2]", "1: a gold line must be a JSON object"),
    (json.dumps({"id": "a", "text": "X"}), "1: no 'events'"),
    (json.dumps({"id": "a", "text": "X", "events": {}}), "1: 'events' must be a list"),
    (json.dumps({"id": "a", "text": "X", "events": [{"location": 3, "date_iso": []}]}),
     "1: event 1: 'location' must be a string or null"),
    (json.dumps({"id": "a", "text": "X", "events": [{"location": "PERU", "date_iso": ["9 JAN 90"]}]}),
     "1: event 1: 'date_iso' holds str"),
])
def test_load_gold_bad_line_is_e801_naming_the_line(tmp_path, line, message):
    path = _gold_file(tmp_path, [line])
    with pytest.raises(WirecoderError) as caught:
        load_gold(path)
    assert caught.value.code == "E801"
    assert str(caught.value).startswith(f"E801 {path}:{message}")


def test_load_gold_without_any_gold_event_is_e801(tmp_path):
    with pytest.raises(WirecoderError, match="no article with a non-optional event"):
        load_gold(_gold_file(tmp_path, [_record(1, [])]))


def test_raw_input_is_read_by_the_clean_stage_with_text_and_publication_date(tmp_path):
    path = _gold_file(tmp_path, [_record(1, [{"location": "PERU", "date_iso": []}],
                                         text="GUERRILLAS BURNED A BUS IN LIMA YESTERDAY, THE POLICE SAID.")])
    (article,) = load_gold(path)
    raw = raw_input(article, f"{path}:1")
    assert (raw.kind, raw.source, raw.size) == ("jsonl", f"{path}:1", len(raw.content))
    assert json.loads(raw.content) == {"id": "T-1", "text": article.text, "date": "1990-01-10"}
    cleaned = clean_article(raw, settings=Settings.load(None))
    assert cleaned.published == dt.date(1990, 1, 10)
    assert cleaned.body == ("GUERRILLAS BURNED A BUS IN LIMA YESTERDAY, THE POLICE SAID.",)


# ---------------------------------------------------------------------------------------------- scoring

APOPA = GoldPlace(name="APOPA", level="CITY", country="SLV", lat=13.81, lon=-89.18)
SAN_MIGUEL = GoldPlace(name="SAN MIGUEL", level="CITY", country="SLV", lat=13.48, lon=-88.18)
SALVADOR_ONLY = GoldPlace(name="EL SALVADOR", country="SLV")
JAN = dt.date(1990, 1, 1)


def _day(n: int) -> dt.date:
    return JAN + dt.timedelta(days=n - 1)


def _event(name: str | None = "Apopa", lat: float = 13.81, lon: float = -89.18, *, country: str | None = "SLV",
           day: int | None = 9, quad_class: int = 4, modality: str = "asserted", precision: int = 1,
           cameo: str = "190") -> dict:
    location = None if name is None else {"name": name, "lat": lat, "lon": lon, "country": country,
                                          "precision": precision, "feature": "PPL"}
    return {"quad_class": quad_class, "modality": modality, "cameo": cameo, "sentence": f"{name} event.",
            "location": location, "date": _day(day).isoformat() if day else None,
            "date_precision": 1 if day else None}


def _gold(*places: GoldPlace, days: tuple[int, ...] = (9,)) -> GoldEvent:
    return GoldEvent(places=places, dates=tuple(_day(d) for d in days))


def _score(*articles: tuple[list[GoldEvent], list[dict]], dateline: str | None = "SAN SALVADOR"):
    scored = [ScoredArticle(id=f"a{n}", dateline=dateline, gold=tuple(gold), predicted=tuple(predicted))
              for n, (gold, predicted) in enumerate(articles, 1)]
    return score(scored)


def test_candidates_are_asserted_material_conflict_events():
    kept = _event(cameo="190")
    events = [kept, _event(quad_class=3, cameo="112"), _event(modality="negated"), _event(modality="hypothetical")]
    claimed = _event(modality="claimed")
    assert candidates([*events, claimed]) == [kept, claimed]


def test_score_prints_the_metric_keys_in_order():
    metrics, _ = _score(([_gold(APOPA)], [_event()]))
    assert list(metrics) == METRIC_KEYS


def test_score_all_right():
    metrics, matches = _score(([_gold(APOPA)], [_event()]))
    assert metrics == {"n_articles": 1, "n_gold_events": 1, "coverage": 1.0, "country_accuracy": 1.0,
                       "acc161": 1.0, "located": 1.0, "precision_counts": {1: 1, 2: 0, 3: 0},
                       "date_accuracy": 1.0, "date_exact": 1.0, "dateline_as_location": 0.0}
    (match,) = matches
    assert (match.error_km, match.date_error_days, match.place) == (0.0, 0, APOPA)


def test_coverage_counts_gold_events_whose_article_has_a_candidate():
    metrics, _ = _score(([_gold(APOPA), _gold(SAN_MIGUEL)], [_event()]),
                        ([_gold(APOPA)], [_event(quad_class=1), _event(modality="negated")]),
                        ([_gold(APOPA)], []))
    assert (metrics["n_articles"], metrics["n_gold_events"], metrics["coverage"]) == (3, 4, 0.5)


def test_uncovered_gold_events_are_left_out_of_the_accuracies():
    metrics, matches = _score(([_gold(APOPA)], [_event()]), ([_gold(APOPA)], []))
    assert (metrics["country_accuracy"], metrics["acc161"], metrics["date_accuracy"]) == (1.0, 1.0, 1.0)
    assert matches[1].to_dict()["predicted"] is None
    assert (matches[1].covered, matches[1].within_161, matches[1].date_ok) == (False, None, None)


def test_country_accuracy_is_some_candidate_in_the_gold_country():
    metrics, _ = _score(([_gold(SALVADOR_ONLY)], [_event("Lima", -12.04, -77.03, country="PER"), _event()]),
                        ([_gold(SALVADOR_ONLY)], [_event("Lima", -12.04, -77.03, country="PER")]),
                        ([_gold(SALVADOR_ONLY)], [_event(None)]))
    assert metrics["country_accuracy"] == 0.333


def test_country_accuracy_leaves_out_gold_without_a_country():
    metrics, _ = _score(([GoldEvent(places=(), dates=(_day(9),))], [_event()]))
    assert (metrics["country_accuracy"], metrics["acc161"], metrics["date_accuracy"]) == (None, None, 1.0)


def test_acc161_is_some_candidate_within_161_km_of_the_gold_place():
    km = distance_km(APOPA.lat, APOPA.lon, 13.81, -87.5)
    assert km > 161
    metrics, matches = _score(([_gold(APOPA)], [_event("Far", 13.81, -87.5), _event("Near", 13.81, -88.0)]),
                              ([_gold(APOPA)], [_event("Far", 13.81, -87.5)]),
                              ([_gold(APOPA)], [_event(None)]))
    assert metrics["acc161"] == 0.333
    assert matches[0].predicted["location"]["name"] == "Near"
    assert matches[1].error_km == pytest.approx(km)
    assert matches[2].error_km is None


def test_acc161_uses_the_nearest_reading_and_leaves_out_gold_without_coordinates():
    metrics, matches = _score(([_gold(APOPA, SAN_MIGUEL)], [_event("San Miguel", 13.48, -88.18)]),
                              ([_gold(SALVADOR_ONLY)], [_event()]))
    assert metrics["acc161"] == 1.0
    assert matches[0].place == SAN_MIGUEL
    assert matches[1].within_161 is None


def test_date_accuracy_allows_one_day_around_the_gold_range_and_exact_none():
    metrics, matches = _score(([_gold(APOPA, days=(8, 10))], [_event(day=10)]),
                              ([_gold(APOPA, days=(8, 10))], [_event(day=11)]),
                              ([_gold(APOPA, days=(8, 10))], [_event(day=6)]),
                              ([_gold(APOPA, days=(8, 10))], [_event(day=None)]))
    assert (metrics["date_accuracy"], metrics["date_exact"]) == (0.5, 0.25)
    assert [m.date_error_days for m in matches] == [0, 1, 2, None]


def test_date_accuracy_leaves_out_gold_without_a_date():
    metrics, _ = _score(([_gold(APOPA, days=())], [_event()]))
    assert (metrics["date_accuracy"], metrics["date_exact"]) == (None, None)


def test_located_and_precision_counts_are_over_candidates():
    metrics, _ = _score(([_gold(APOPA)], [_event(precision=1), _event(precision=3), _event(None),
                                          _event(precision=2, quad_class=2)]))
    assert metrics["located"] == 0.667
    assert metrics["precision_counts"] == {1: 1, 2: 0, 3: 1}


def test_dateline_as_location_compares_normalised_names_without_the_country():
    events = [_event("San Salvador", 13.69, -89.19), _event("Apopa")]
    metrics, _ = _score(([_gold(APOPA)], events), dateline="SAN SALVADOR")
    assert metrics["dateline_as_location"] == 0.5
    metrics, _ = _score(([_gold(APOPA)], [_event("Managua", 12.13, -86.25, country="NIC")]),
                        dateline="MANAGUA (NICARAGUA)")
    assert metrics["dateline_as_location"] == 1.0
    metrics, _ = _score(([_gold(APOPA)], events), dateline=None)
    assert metrics["dateline_as_location"] == 0.0
    assert dateline_name("GUATEMALA CITY (GUATEMALA)") == "guatemala city"


def test_shares_over_nothing_are_none():
    metrics, matches = _score(([_gold(APOPA)], []))
    assert metrics == {"n_articles": 1, "n_gold_events": 1, "coverage": 0.0, "country_accuracy": None,
                       "acc161": None, "located": None, "precision_counts": {1: 0, 2: 0, 3: 0},
                       "date_accuracy": None, "date_exact": None, "dateline_as_location": None}
    assert matches[0].to_dict()["covered"] is False


def test_best_match_ties_go_to_the_gold_country_then_the_nearest_date():
    gold = _gold(SALVADOR_ONLY, days=(9,))
    far_day, near_day = _event("Lima", -12.04, -77.03, country="PER", day=9), _event(day=12)
    assert best_match(gold, [far_day, near_day]) is near_day
    assert best_match(gold, [_event(day=12), late := _event(day=10)]) is late
    same_place = [_event(day=20), on_day := _event(day=9)]
    assert best_match(_gold(APOPA), same_place) is on_day
    assert best_match(gold, []) is None


def test_prediction_line_holds_gold_place_dates_and_the_matched_event():
    gold = GoldEvent(places=(APOPA,), dates=(_day(9), _day(8)), location="EL SALVADOR: APOPA (CITY)",
                     incident_type="ATTACK", stage="ACCOMPLISHED")
    _, (match,) = _score(([gold], [_event(day=9)]))
    line = match.to_dict()
    assert line["id"] == "a1"
    assert line["gold"] == {"name": "APOPA", "level": "CITY", "fallback": 0, "country": "SLV", "lat": 13.81,
                            "lon": -89.18, "gazetteer_name": None, "feature": None}
    assert line["gold_dates"] == ["1990-01-08", "1990-01-09"]
    assert line["predicted"]["location"]["name"] == "Apopa"
    assert (line["predicted"]["date"], line["predicted"]["cameo"], line["predicted"]["sentence"]) == (
        "1990-01-09", "190", "Apopa event.")
    assert (line["error_km"], line["date_error_days"], line["country_ok"], line["within_161"], line["date_ok"]) == (
        0.0, 0, True, True, True)
    assert (line["location"], line["incident_type"], line["dateline"]) == (
        "EL SALVADOR: APOPA (CITY)", "ATTACK", "SAN SALVADOR")
    json.dumps(line)
