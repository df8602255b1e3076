"""``wirecoder.cluster``'s pure functions: when two codings can be one happening (``agreement``), which event a
mention joins (``assign``, through the in-memory index of events by country and date window) and which mentions
are clustered at all.

Signatures and events are built by hand (no spaCy, no gazetteer, no store). Places are the team's own
coordinates: a town, points a given number of km north of it, a country centroid and a town in another country.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from wirecoder.cluster import Signature, agreement, assign, clusterable
from wirecoder.geo.gazetteer import distance_km
from wirecoder.records import ActorRef, Event, EventDate, Place, Span

DAY = dt.date(2013, 6, 5)
TOWN = {"geonameid": 170017, "lat": 34.50887, "lon": 36.57997, "country": "SYR", "place_precision": 1}
SYRIA = {"geonameid": 163843, "lat": 35.0, "lon": 38.0, "country": "SYR", "place_precision": 3}
IRAQI_TOWN = {"geonameid": 9990001, "lat": 34.38, "lon": 40.99, "country": "IRQ", "place_precision": 1}
KM_PER_DEGREE = 6371.0 * 3.141592653589793 / 180


def _north(km: float, geonameid: int) -> dict:
    """A town ``km`` north of TOWN, in the same country."""
    return {**TOWN, "geonameid": geonameid, "lat": TOWN["lat"] + km / KM_PER_DEGREE}


def _sig(id_: str = "m1", **changes) -> Signature:
    """A battle between Syrian troops and rebels in TOWN on DAY (day precision)."""
    fields = {"root": "19", "quad": 4, "plover": "ASSAULT", "date": DAY, "precision": 1, "source": "SYRMIL",
              "target": "SYRREB", **TOWN}
    fields.update(changes)
    return Signature(id=id_, **fields)


# agreement: action and date --------------------------------------------------------------------------------------


def test_same_root_date_actors_and_place_agree():
    assert agreement(_sig("a"), _sig("b")) is not None


def test_agreement_is_symmetric():
    a, b = _sig("a"), _sig("b", source="SYR", date=DAY + dt.timedelta(days=1), **_north(10, 1))
    assert agreement(a, b) == agreement(b, a)


def test_different_quad_classes_never_agree():
    protest = _sig("a", root="14", quad=3, plover="PROTEST")
    aid = _sig("b", root="07", quad=2, plover="AID")
    assert agreement(protest, aid) is None


def test_different_kinds_of_verbal_act_by_the_same_actor_in_the_same_town_agree():
    meeting = _sig("a", root="04", quad=1, plover="CONSULT", target=None)
    signing = _sig("b", root="05", quad=1, plover="AGREE", target=None)
    assert agreement(meeting, signing) is not None


def test_different_kinds_of_verbal_act_without_a_shared_actor_do_not_agree():
    meeting = _sig("a", root="04", quad=1, plover="CONSULT", source="COLGOV", target=None)
    signing = _sig("b", root="05", quad=1, plover="AGREE", source=None, target=None)
    assert agreement(meeting, signing) is None


def test_different_kinds_of_verbal_act_in_different_towns_do_not_agree():
    meeting = _sig("a", root="04", quad=1, plover="CONSULT", target=None)
    signing = _sig("b", root="05", quad=1, plover="AGREE", target=None, **SYRIA)
    assert agreement(meeting, signing) is None


def test_different_roots_of_one_plover_type_agree():
    assert agreement(_sig("a", root="14", quad=3, plover="PROTEST"),
                     _sig("b", root="13", quad=3, plover="PROTEST")) is not None


def test_different_roots_of_one_plover_type_agree_less_than_the_same_root():
    same_root = agreement(_sig("a", root="14", quad=3, plover="PROTEST"), _sig("b", root="14", quad=3,
                                                                             plover="PROTEST"))
    same_type = agreement(_sig("a", root="14", quad=3, plover="PROTEST"), _sig("b", root="13", quad=3,
                                                                             plover="PROTEST"))
    assert same_type < same_root


def test_two_material_conflict_codings_of_different_roots_and_types_agree():
    stormed = _sig("a", root="19", plover="ASSAULT")
    seized = _sig("b", root="18", plover="COERCE")
    assert agreement(stormed, seized) is not None


def test_material_conflict_of_another_root_and_type_agrees_less_than_the_same_plover_type():
    same_type = agreement(_sig("a", root="19", plover="ASSAULT"), _sig("b", root="18", plover="ASSAULT"))
    only_conflict = agreement(_sig("a", root="19", plover="ASSAULT"), _sig("b", root="18", plover="COERCE"))
    assert only_conflict < same_type


@pytest.mark.parametrize(("precision", "days"), [(1, 1), (2, 7), (3, 31)], ids=["day", "week", "month"])
def test_dates_at_the_edge_of_the_precision_window_agree(precision, days):
    a = _sig("a", precision=precision)
    b = _sig("b", precision=precision, date=DAY + dt.timedelta(days=days))
    assert agreement(a, b) is not None


@pytest.mark.parametrize(("precision", "days"), [(1, 2), (2, 8), (3, 32)], ids=["day", "week", "month"])
def test_dates_beyond_the_precision_window_do_not_agree(precision, days):
    a = _sig("a", precision=precision)
    b = _sig("b", precision=precision, date=DAY - dt.timedelta(days=days))
    assert agreement(a, b) is None


def test_the_wider_window_of_the_two_dates_applies():
    day = _sig("a", precision=1)
    month = _sig("b", precision=3, date=DAY + dt.timedelta(days=20))
    assert agreement(day, month) is not None


def test_a_nearer_date_agrees_better():
    same_day = agreement(_sig("a"), _sig("b"))
    next_day = agreement(_sig("a"), _sig("b", date=DAY + dt.timedelta(days=1)))
    assert same_day > next_day


def test_undated_and_dated_do_not_agree():
    assert agreement(_sig("a", date=None, precision=3), _sig("b")) is None


def test_two_undated_codings_can_agree():
    assert agreement(_sig("a", date=None, precision=3), _sig("b", date=None, precision=3)) is not None


# agreement: actors -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["source", "target"])
def test_an_unknown_actor_is_compatible_with_any(role):
    assert agreement(_sig("a", **{role: None}), _sig("b")) is not None


def test_a_country_code_and_a_more_specific_code_are_compatible():
    assert agreement(_sig("a", source="SYR"), _sig("b", source="SYRMIL")) is not None


def test_a_more_specific_code_agrees_less_than_the_same_code():
    exact = agreement(_sig("a", source="SYRMIL"), _sig("b", source="SYRMIL"))
    looser = agreement(_sig("a", source="SYR"), _sig("b", source="SYRMIL"))
    assert looser < exact


@pytest.mark.parametrize(("a", "b"), [("SYRMIL", "IRQMIL"), ("SYRMIL", "SYRREB")])
def test_different_actor_codes_do_not_agree_unless_in_the_same_town(a, b):
    place = _north(60, 1)  # each side's own place, 60 km apart, both in the country-level place SYRIA
    assert agreement(_sig("x", source=a, **SYRIA), _sig("y", source=b, **place)) is None


@pytest.mark.parametrize("armed", ["SYRREB", "SYRCRM"])
def test_an_unidentified_armed_group_and_a_non_state_armed_one_of_its_country_agree(armed):
    assert agreement(_sig("x", source="SYRUAF", **SYRIA), _sig("y", source=armed, **SYRIA)) is not None


def test_an_unidentified_armed_group_and_state_forces_do_not_agree():
    assert agreement(_sig("x", source="SYRUAF", **SYRIA), _sig("y", source="SYRMIL", **_north(60, 1))) is None


def test_different_actor_codes_with_no_place_known_do_not_agree():
    unknown = {"geonameid": None, "lat": None, "lon": None, "country": None, "place_precision": None}
    assert agreement(_sig("x", source="SYRMIL", **unknown), _sig("y", source="IRQMIL", **unknown)) is None


def test_sources_compare_with_sources_not_targets():
    swapped = _sig("b", source="SYRREB", target="SYRMIL", **SYRIA)
    assert agreement(_sig("a"), swapped) is None


def test_different_actor_codes_in_the_same_town_agree():
    assert agreement(_sig("x", source="SYRMIL"), _sig("y", source="IRQMIL")) is not None


def test_different_actor_codes_in_the_same_town_agree_less_than_compatible_ones():
    compatible = agreement(_sig("x", source="SYR"), _sig("y", source="SYRMIL"))
    different = agreement(_sig("x", source="IRQMIL"), _sig("y", source="SYRMIL"))
    assert different < compatible


def test_different_actor_codes_at_the_same_country_level_place_do_not_agree():
    syria_army = _sig("x", source="SYRMIL", target="SYRREB", **SYRIA)
    turkish_army = _sig("y", source="TURMIL", target="KURREB", **SYRIA)
    assert agreement(syria_army, turkish_army) is None


# agreement: place ------------------------------------------------------------------------------------------------


def test_same_geonameid_agrees():
    assert agreement(_sig("a", **TOWN), _sig("b", **TOWN)) is not None


def test_same_geonameid_agrees_better_than_a_nearby_town():
    same = agreement(_sig("a"), _sig("b"))
    nearby = agreement(_sig("a"), _sig("b", **_north(10, 1)))
    assert same > nearby


@pytest.mark.parametrize("km", [10, 40, 60])
def test_the_north_helper_places_a_town_that_far_away(km):
    other = _north(km, 1)
    assert distance_km(TOWN["lat"], TOWN["lon"], other["lat"], other["lon"]) == pytest.approx(km)


def test_towns_10_km_apart_agree():
    assert agreement(_sig("a"), _sig("b", **_north(10, 1))) is not None


def test_towns_60_km_apart_do_not_agree():
    assert agreement(_sig("a"), _sig("b", **_north(60, 1))) is None


def test_a_country_level_place_and_a_town_in_that_country_agree():
    assert agreement(_sig("a", **SYRIA), _sig("b", **TOWN)) is not None


def test_a_country_level_place_and_a_town_in_another_country_do_not_agree():
    assert agreement(_sig("a", **SYRIA), _sig("b", **IRAQI_TOWN)) is None


def test_an_unknown_place_is_compatible_with_any():
    unknown = {"geonameid": None, "lat": None, "lon": None, "country": None, "place_precision": None}
    assert agreement(_sig("a", **unknown), _sig("b")) is not None


# assign ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", [("b", "a"), ("a", "b")])
def test_of_events_that_agree_equally_the_lowest_id_wins_whatever_the_order(order):
    candidates = {"m": [_sig(order[0]), _sig(order[1])]}  # the store returns candidates in no fixed order
    assert assign([_sig("m")], candidates=candidates) == [("m", "a")]



def test_a_mention_joins_the_best_agreeing_stored_event():
    looser = _sig("looser", source="SYR", **SYRIA)
    exact = _sig("exact")
    assert assign([_sig("m")], [looser, exact]) == [("m", "exact")]


def test_a_mention_no_stored_event_agrees_with_starts_an_event_with_its_own_id():
    stored = [_sig("elsewhere", **_north(60, 1)), _sig("protest", root="14", quad=3, plover="PROTEST")]
    assert assign([_sig("m")], stored) == [("m", "m")]


def test_a_mention_with_nothing_stored_starts_an_event():
    assert assign([_sig("m")], []) == [("m", "m")]


def test_two_mentions_of_one_new_happening_in_a_batch_make_one_event():
    first, second = _sig("first"), _sig("second", source=None, date=DAY + dt.timedelta(days=1))
    assert assign([first, second], []) == [("first", "first"), ("second", "first")]


def test_same_actors_same_day_towns_40_km_apart_are_two_events():
    here, there = _sig("here"), _sig("there", **_north(40, 1))
    assert assign([here, there], []) == [("here", "here"), ("there", "there")]


def test_a_mention_joins_a_stored_event_rather_than_one_started_by_its_batch_when_that_agrees_better():
    stored = _sig("stored", date=DAY - dt.timedelta(days=1))
    vague = _sig("vague", source=None, target=None, date=DAY + dt.timedelta(days=1))  # two days from stored
    exact = _sig("exact")  # a day from each: the stored event shares its actors, vague's new event does not
    assert assign([vague, exact], [stored]) == [("vague", "vague"), ("exact", "stored")]


def test_with_only_a_country_in_common_the_same_act_by_the_same_actor_on_the_same_day_agrees():
    assert agreement(_sig("a", **SYRIA), _sig("b", **_north(60, 1))) is not None


def test_with_only_a_country_in_common_codings_without_a_shared_actor_do_not_agree():
    assert agreement(_sig("a", source=None, target=None, **SYRIA), _sig("b", **_north(60, 1))) is None


def test_with_only_a_country_in_common_codings_two_days_apart_do_not_agree():
    assert agreement(_sig("a", precision=2, **SYRIA), _sig("b", date=DAY + dt.timedelta(days=2), **_north(60, 1))) \
        is None


def test_with_only_a_country_in_common_week_precision_codings_do_not_agree():
    assert agreement(_sig("a", precision=2, **SYRIA), _sig("b", precision=2, **_north(60, 1))) is None


def test_in_one_province_the_same_act_agrees_without_a_shared_actor():
    province = {**SYRIA, "admin1": "11"}
    town = {**_north(60, 1), "admin1": "11"}
    assert agreement(_sig("a", source=None, target=None, **province), _sig("b", **town)) is not None


def test_in_one_province_different_acts_without_a_shared_actor_do_not_agree():
    province = {**SYRIA, "admin1": "11"}
    town = {**_north(60, 1), "admin1": "11"}
    assert agreement(_sig("a", root="18", plover="ASSAULT", source=None, target=None, **province),
                     _sig("b", **town)) is None


# the in-memory index ----------------------------------------------------------------------------------------------


def test_a_mention_is_not_compared_with_an_event_in_another_country():
    stored = [_sig("iraq", **IRAQI_TOWN, source="SYRMIL")]
    assert assign([_sig("m")], stored) == [("m", "m")]


def test_a_month_precision_event_a_month_away_is_still_reached():
    stored = [_sig("ev", date=DAY - dt.timedelta(days=30), precision=3)]
    assert assign([_sig("m")], stored) == [("m", "ev")]


# signatures and what is clustered --------------------------------------------------------------------------------

SENTENCE = "Syrian troops fought rebels in Qusair on Wednesday."


def _event(modality: str = "asserted", *, place: Place | None = None, when: EventDate | None = None) -> Event:
    def actor(code: str, text: str) -> ActorRef:
        start = SENTENCE.index(text)
        return ActorRef(code=code, name="Syria", country="SYR", sector=code[3:], text=text, start=start,
                        end=start + len(text))

    start = SENTENCE.index("fought")
    return Event(
        id=f"e-{modality}", article_id="a1", sentence_index=0, sentence=SENTENCE,
        source=actor("SYRMIL", "Syrian troops"), target=actor("SYRREB", "rebels"), associates=(),
        action=Span(text="fought", start=start, end=start + 6), cameo="190", cameo_root="19", quad_class=4,
        goldstein=-10.0, plover_type="ASSAULT", plover_mode=None, acled_event_type="Battles",
        acled_sub_event_type="Armed clash", fatalities=None, modality=modality,  # type: ignore[arg-type]
        attribution=None, confidence=0.8, location=place, when=when,
    )


def test_signature_of_a_mention_takes_its_root_date_actors_and_place():
    place = Place(name="Al Qusayr", text="Qusair", start=31, end=37, geonameid=170017, lat=34.50887, lon=36.57997,
                  country="SYR", admin1="Homs", feature="PPL", precision=1)
    sig = Signature.of_mention(_event(place=place, when=EventDate(date=DAY, precision=2)))
    assert sig == _sig("e-asserted", precision=2, admin1="Homs")


def test_signature_of_a_stored_event_reads_the_event_block_row():
    row = {"id": "ev", "cameo_root": "19", "quad_class": 4, "plover_type": "ASSAULT", "date": DAY,
           "date_precision": 1, "source": "SYRMIL", "target": "SYRREB", "geonameid": 170017, "lat": 34.50887,
           "lon": 36.57997, "country": "SYR", "precision": 1}
    assert Signature.of_stored(row) == _sig("ev")


def test_signature_of_an_undated_unplaced_mention_has_month_precision_and_no_place():
    sig = Signature.of_mention(_event())
    expected = dataclasses.replace(_sig("e-asserted"), date=None, precision=3, geonameid=None, lat=None, lon=None,
                                   country=None, place_precision=None)
    assert sig == expected


def test_clusterable_leaves_out_negated_and_hypothetical_mentions():
    events = [_event(m) for m in ("asserted", "negated", "hypothetical", "future", "claimed")]
    assert [e.modality for e in clusterable(events)] == ["asserted", "future", "claimed"]


def test_clusterable_leaves_out_mentions_told_as_background():
    events = [_event("asserted"), dataclasses.replace(_event("asserted"), id="e-background", background=True)]
    assert [e.id for e in clusterable(events)] == ["e-asserted"]


def test_the_same_country_level_place_twice_is_no_closer_than_a_town_in_it():
    assert agreement(_sig("a", **SYRIA), _sig("b", **SYRIA)) == agreement(_sig("a", **SYRIA), _sig("b", **TOWN))


def test_a_week_apart_in_one_town_different_kinds_of_material_conflict_do_not_agree():
    raid = _sig("a", root="17", plover="COERCE", precision=2)
    battle = _sig("b", date=DAY + dt.timedelta(days=4), precision=2)
    assert agreement(raid, battle) is None


def test_a_week_apart_in_one_town_the_same_act_by_compatible_actors_agrees():
    assert agreement(_sig("a", precision=2), _sig("b", date=DAY + dt.timedelta(days=4), precision=2)) is not None


def test_a_week_apart_in_one_town_the_same_act_without_a_known_actor_does_not_agree():
    first = _sig("a", source=None, target=None, precision=2)
    second = _sig("b", source=None, target=None, date=DAY + dt.timedelta(days=4), precision=2)
    assert agreement(first, second) is None
