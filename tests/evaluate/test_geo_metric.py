"""``wirecoder.evaluate.geo``: haversine, the resolution, end-to-end and country metrics, and gold loading.

The geocoder is faked with plain callables (no spaCy, no gazetteer); gold files are written into ``tmp_path``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import pytest

from wirecoder.errors import WirecoderError
from wirecoder.evaluate.geo import (
    UNRESOLVED_KM,
    GoldDoc,
    GoldToponym,
    ToponymResult,
    auc,
    haversine_km,
    load_gold,
    match_spans,
    score,
)
from wirecoder.records import Place

TEXT = "Shelling hit Homs and Aleppo, Syrian media said, while talks went on in Geneva."
HOMS, ALEPPO, SYRIAN, GENEVA = (13, 17), (22, 28), (30, 36), (72, 78)
COORDS = {HOMS: (34.73, 36.71), ALEPPO: (36.20, 37.16), SYRIAN: (35.0, 38.0), GENEVA: (46.20, 6.14)}
COUNTRIES = {HOMS: "SYR", ALEPPO: "SYR", SYRIAN: "SYR", GENEVA: "CHE"}
KM_PER_DEGREE = haversine_km(0, 0, 1, 0)


def _place(lat: float, lon: float, country: str | None = "SYR") -> Place:
    return Place(name="p", text=None, start=None, end=None, geonameid=None, lat=lat, lon=lon, country=country,
                 admin1=None, feature="PPL", precision=1)


def _toponym(span: tuple[int, int], lat: float | None = None, lon: float | None = None) -> GoldToponym:
    glat, glon = COORDS.get(span, (0.0, 0.0))
    return GoldToponym(start=span[0], end=span[1], name=TEXT[span[0]:span[1]],
                       lat=glat if lat is None else lat, lon=glon if lon is None else lon)


def _doc(*toponyms: GoldToponym, text: str = TEXT, id_: str = "d1") -> GoldDoc:
    return GoldDoc(id=id_, text=text, toponyms=tuple(toponyms), line=1)


def _exact(text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """A perfect resolver: each span's gold coordinates and country."""
    return [_place(*COORDS[s], country=COUNTRIES[s]) for s in spans]


def _run(docs: Sequence[GoldDoc], *, resolve=_exact, recognise=lambda text: [],
         country_mention=lambda name: None, nearest_country=lambda lat, lon: None, details=None) -> dict:
    return score(docs, resolve=resolve, recognise=recognise, country_mention=country_mention,
                 nearest_country=nearest_country, details=details)


def _resolving_to(*places: Place | None):
    """A resolver giving these places, in order, for the spans of one document."""
    return lambda text, spans: list(places)


def _recognising(*found: tuple[int, int, Place | None]):
    return lambda text: list(found)


# haversine_km --------------------------------------------------------------------------------------------------

def test_haversine_same_point_is_zero():
    assert haversine_km(34.73, 36.71, 34.73, 36.71) == 0.0


def test_haversine_one_degree_of_latitude_is_about_111_km():
    assert haversine_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.2, abs=0.1)


def test_haversine_one_degree_of_longitude_at_the_equator_is_about_111_km():
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)


def test_haversine_antipodes_are_half_the_circumference():
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=1.0)


def test_haversine_crosses_the_antimeridian_the_short_way():
    assert haversine_km(0.0, 179.5, 0.0, -179.5) == pytest.approx(KM_PER_DEGREE)


# resolution ----------------------------------------------------------------------------------------------------

def test_resolution_perfect_resolver_scores_acc161_one_and_zero_error():
    metrics = _run([_doc(_toponym(HOMS), _toponym(GENEVA))])
    assert metrics["resolution"] == {"acc161": 1.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0, "unresolved": 0}


def test_resolution_acc161_counts_an_error_of_161_km_or_less_as_correct():
    just_in = 160.9 / KM_PER_DEGREE
    metrics = _run([_doc(_toponym(HOMS, 0.0, 0.0))], resolve=_resolving_to(_place(just_in, 0.0)))
    assert metrics["resolution"]["acc161"] == 1.0


def test_resolution_acc161_counts_an_error_over_161_km_as_wrong():
    just_out = 161.1 / KM_PER_DEGREE
    metrics = _run([_doc(_toponym(HOMS, 0.0, 0.0))], resolve=_resolving_to(_place(just_out, 0.0)))
    assert metrics["resolution"]["acc161"] == 0.0


def test_resolution_unresolved_toponym_counts_as_20039_km():
    metrics = _run([_doc(_toponym(HOMS, 0.0, 0.0), _toponym(ALEPPO, 0.0, 0.0))],
                   resolve=_resolving_to(_place(0.0, 0.0), None))
    assert (metrics["resolution"]["mean_km"], metrics["resolution"]["unresolved"]) == (UNRESOLVED_KM / 2, 1)


def test_resolution_median_is_over_all_toponyms_with_the_penalty():
    metrics = _run([_doc(_toponym(HOMS, 0.0, 0.0), _toponym(ALEPPO, 0.0, 0.0), _toponym(GENEVA, 0.0, 0.0))],
                   resolve=_resolving_to(_place(0.0, 0.0), None, None))
    assert metrics["resolution"]["median_km"] == UNRESOLVED_KM


def test_resolution_km_are_rounded_to_one_decimal_and_shares_to_three():
    metrics = _run([_doc(_toponym(HOMS, 0.0, 0.0), _toponym(ALEPPO, 0.0, 0.0), _toponym(GENEVA, 0.0, 0.0))],
                   resolve=_resolving_to(_place(0.0, 0.0), _place(0.0, 0.0), _place(1.0, 0.0)))
    assert (metrics["resolution"]["acc161"], metrics["resolution"]["mean_km"]) == (1.0, round(KM_PER_DEGREE / 3, 1))


def test_resolution_of_a_document_without_toponyms_does_not_call_the_resolver():
    def refuse(text, spans):
        raise AssertionError("resolve called with no spans")

    assert _run([_doc()], resolve=refuse)["n_toponyms"] == 0


def test_resolution_no_toponyms_gives_null_shares():
    assert _run([_doc()])["resolution"] == {"acc161": None, "mean_km": None, "median_km": None, "auc": None,
                                            "unresolved": 0}


def test_resolution_resolver_giving_the_wrong_number_of_places_is_an_error():
    with pytest.raises(ValueError, match="resolve gave 1 places for the 2 spans"):
        _run([_doc(_toponym(HOMS), _toponym(ALEPPO))], resolve=_resolving_to(None))


# auc -----------------------------------------------------------------------------------------------------------

def test_auc_is_zero_when_every_error_is_zero():
    assert auc([0.0, 0.0, 0.0]) == 0.0


def test_auc_is_one_when_every_toponym_is_unresolved():
    metrics = _run([_doc(_toponym(HOMS), _toponym(ALEPPO))], resolve=_resolving_to(None, None))
    assert metrics["resolution"]["auc"] == 1.0


def test_auc_integrates_sorted_log_errors_with_the_trapezoid_rule_over_zero_to_one():
    # sorted: 0, e-1, e^2-1 -> ln(1+x): 0, 1, 2 at x = 0, 0.5, 1 -> area (0+1)/2*0.5 + (1+2)/2*0.5 = 1.0
    errors = [math.e ** 2 - 1, 0.0, math.e - 1]
    assert auc(errors) == pytest.approx(1.0 / math.log(1 + UNRESOLVED_KM))


def test_auc_of_a_single_error_is_its_normalised_log():
    assert auc([math.e - 1]) == pytest.approx(1.0 / math.log(1 + UNRESOLVED_KM))


def test_auc_of_no_error_is_none():
    assert auc([]) is None


# match_spans ---------------------------------------------------------------------------------------------------

def test_match_spans_pairs_overlapping_spans():
    assert match_spans([(0, 5), (10, 15)], [(11, 14), (1, 4)]) == [(0, 1), (1, 0)]


def test_match_spans_touching_spans_do_not_overlap():
    assert match_spans([(0, 5)], [(5, 9)]) == []


def test_match_spans_a_predicted_span_overlapping_two_golds_matches_one():
    assert match_spans([(0, 5), (6, 10)], [(0, 10)]) == [(0, 0)]


def test_match_spans_prefers_the_largest_overlap():
    assert match_spans([(0, 5), (6, 10)], [(3, 10)]) == [(1, 0)]


def test_match_spans_equal_overlaps_go_to_the_earliest_gold():
    assert match_spans([(0, 4), (6, 10)], [(2, 8)]) == [(0, 0)]


def test_match_spans_a_gold_span_overlapping_two_predictions_matches_one():
    assert match_spans([(0, 10)], [(0, 4), (5, 10)]) == [(0, 1)]


# end to end ----------------------------------------------------------------------------------------------------

def test_end_to_end_a_predicted_span_overlapping_two_golds_matches_only_one():
    metrics = _run([_doc(_toponym(HOMS), _toponym(ALEPPO))],
                   recognise=_recognising((HOMS[0], ALEPPO[1], _place(*COORDS[HOMS]))))
    assert (metrics["end_to_end"]["precision"], metrics["end_to_end"]["recall"]) == (1.0, 0.5)


def test_end_to_end_precision_and_recall_with_an_extra_and_a_missing_span():
    found = _recognising((*HOMS, _place(*COORDS[HOMS])), (*SYRIAN, _place(*COORDS[SYRIAN])),
                         (0, 8, _place(0.0, 0.0)))
    metrics = _run([_doc(_toponym(HOMS), _toponym(ALEPPO), _toponym(SYRIAN))], recognise=found)
    assert metrics["end_to_end"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667, "acc161": 1.0}


def test_end_to_end_partial_overlap_counts_as_a_match():
    metrics = _run([_doc(_toponym(GENEVA))], recognise=_recognising((GENEVA[0] - 3, GENEVA[1], None)))
    assert metrics["end_to_end"]["recall"] == 1.0


def test_end_to_end_acc161_counts_unresolved_matched_spans_as_wrong():
    found = _recognising((*HOMS, _place(*COORDS[HOMS])), (*ALEPPO, None))
    metrics = _run([_doc(_toponym(HOMS), _toponym(ALEPPO))], recognise=found)
    assert metrics["end_to_end"]["acc161"] == 0.5


def test_end_to_end_acc161_compares_with_the_matched_gold_coordinates():
    found = _recognising((*HOMS, _place(*COORDS[GENEVA])))
    metrics = _run([_doc(_toponym(HOMS))], recognise=found)
    assert metrics["end_to_end"]["acc161"] == 0.0


def test_end_to_end_nothing_found_scores_zero_and_null_acc161():
    metrics = _run([_doc(_toponym(HOMS))])
    assert metrics["end_to_end"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "acc161": None}


def test_end_to_end_sums_over_documents():
    docs = [_doc(_toponym(HOMS), id_="d1"), _doc(_toponym(ALEPPO), _toponym(GENEVA), id_="d2")]
    seen = []

    def recognise(text):
        seen.append(text)
        return [(*HOMS, _place(*COORDS[HOMS]))] if len(seen) == 1 else [(*ALEPPO, _place(*COORDS[ALEPPO]))]

    metrics = _run(docs, recognise=recognise)
    assert (metrics["end_to_end"]["precision"], metrics["end_to_end"]["recall"]) == (1.0, 0.667)


# country accuracy ----------------------------------------------------------------------------------------------

def _country_mention(name: str) -> str | None:
    return {"Syrian": "SYR", "Syria": "SYR", "Switzerland": "CHE"}.get(name)


def _nearest_country(lat: float, lon: float) -> str | None:
    return "CHE" if lon < 20 else "SYR"


def test_country_accuracy_ignores_toponyms_that_are_not_country_mentions():
    # Homs and Aleppo are resolved to the wrong country; only "Syrian" is a country mention, and it is right.
    resolve = _resolving_to(_place(0.0, 0.0, "LBN"), _place(0.0, 0.0, "LBN"), _place(0.0, 0.0, "SYR"))
    metrics = _run([_doc(_toponym(HOMS), _toponym(ALEPPO), _toponym(SYRIAN))], resolve=resolve,
                   country_mention=_country_mention, nearest_country=_nearest_country)
    assert metrics["country_accuracy"] == 1.0


def test_country_accuracy_compares_with_the_country_at_the_gold_coordinates():
    # "Syrian" annotated at Geneva's coordinates: the gold country is CHE, so SYR is wrong.
    metrics = _run([_doc(_toponym(SYRIAN, *COORDS[GENEVA]))], resolve=_resolving_to(_place(35.0, 38.0, "SYR")),
                   country_mention=_country_mention, nearest_country=_nearest_country)
    assert metrics["country_accuracy"] == 0.0


def test_country_accuracy_counts_an_unresolved_country_mention_as_wrong():
    metrics = _run([_doc(_toponym(SYRIAN))], resolve=_resolving_to(None), country_mention=_country_mention,
                   nearest_country=_nearest_country)
    assert metrics["country_accuracy"] == 0.0


def test_country_accuracy_is_none_when_no_toponym_is_a_country_mention():
    metrics = _run([_doc(_toponym(HOMS), _toponym(GENEVA))], country_mention=_country_mention,
                   nearest_country=_nearest_country)
    assert metrics["country_accuracy"] is None


def test_country_accuracy_leaves_out_gold_coordinates_in_no_country():
    metrics = _run([_doc(_toponym(SYRIAN))], resolve=_resolving_to(None), country_mention=_country_mention,
                   nearest_country=lambda lat, lon: None)
    assert metrics["country_accuracy"] is None


# score: shape and details ---------------------------------------------------------------------------------------

def test_score_object_has_the_documented_keys_in_order():
    metrics = _run([_doc(_toponym(HOMS))])
    assert (list(metrics), list(metrics["resolution"]), list(metrics["end_to_end"])) == (
        ["n_docs", "n_toponyms", "resolution", "end_to_end", "country_accuracy"],
        ["acc161", "mean_km", "median_km", "auc", "unresolved"],
        ["precision", "recall", "f1", "acc161"],
    )


def test_score_counts_documents_and_toponyms():
    metrics = _run([_doc(_toponym(HOMS), id_="a"), _doc(_toponym(ALEPPO), _toponym(GENEVA), id_="b"), _doc()])
    assert (metrics["n_docs"], metrics["n_toponyms"]) == (3, 3)


def test_score_details_get_one_result_per_gold_toponym():
    details: list[ToponymResult] = []
    _run([_doc(_toponym(HOMS, 0.0, 0.0), _toponym(ALEPPO))], resolve=_resolving_to(_place(1.0, 0.0), None),
         details=details)
    assert [d.to_dict() for d in details] == [
        {"id": "d1", "start": 13, "end": 17, "name": "Homs", "lat": 0.0, "lon": 0.0,
         "predicted": _place(1.0, 0.0).to_dict(), "error_km": round(KM_PER_DEGREE, 1)},
        {"id": "d1", "start": 22, "end": 28, "name": "Aleppo", "lat": 36.2, "lon": 37.16, "predicted": None,
         "error_km": UNRESOLVED_KM},
    ]


# load_gold -----------------------------------------------------------------------------------------------------

def _write(tmp_path: Path, *lines: str | dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def _record(**toponym: object) -> dict:
    base = {"start": 13, "end": 17, "name": "Homs", "lat": 34.73, "lon": 36.71}
    return {"id": "d1", "text": TEXT, "toponyms": [{**base, **toponym}]}


def test_load_gold_reads_typed_documents(tmp_path):
    (doc,) = load_gold(_write(tmp_path, _record()))
    assert doc == GoldDoc(id="d1", text=TEXT, toponyms=(GoldToponym(start=13, end=17, name="Homs", lat=34.73,
                                                                    lon=36.71),), line=1)


def test_load_gold_ignores_extra_keys(tmp_path):
    record = {**_record(geonameid="170063", type="Literal"), "source": "team"}
    (doc,) = load_gold(_write(tmp_path, record))
    assert doc.toponyms[0].name == "Homs"


def test_load_gold_skips_blank_lines_and_keeps_file_line_numbers(tmp_path):
    docs = load_gold(_write(tmp_path, _record(), "", {**_record(), "id": 7}))
    assert [(d.id, d.line) for d in docs] == [("d1", 1), ("7", 3)]


def test_load_gold_invalid_json_names_file_and_line(tmp_path):
    path = _write(tmp_path, _record(), "{not json")
    with pytest.raises(WirecoderError, match=r"^E801 .*gold\.jsonl:2: invalid JSON"):
        load_gold(path)


def test_load_gold_missing_document_field_names_file_and_line(tmp_path):
    path = _write(tmp_path, {"id": "d1", "text": TEXT})
    with pytest.raises(WirecoderError, match=r"gold\.jsonl:1: no 'toponyms'"):
        load_gold(path)


def test_load_gold_missing_toponym_field_names_file_line_and_toponym(tmp_path):
    record = _record()
    del record["toponyms"][0]["lat"]
    with pytest.raises(WirecoderError, match=r"gold\.jsonl:1: toponym 1 has no 'lat'"):
        load_gold(_write(tmp_path, record))


def test_load_gold_non_numeric_coordinate_is_an_error(tmp_path):
    with pytest.raises(WirecoderError, match=r"gold\.jsonl:1: toponym 1: 'lon' must be a number, not str"):
        load_gold(_write(tmp_path, _record(lon="36.71")))


def test_load_gold_span_outside_the_text_is_an_error(tmp_path):
    with pytest.raises(WirecoderError, match=r"gold\.jsonl:1: toponym 1: span 13-999 is not within the text"):
        load_gold(_write(tmp_path, _record(end=999)))


def test_load_gold_non_object_line_is_an_error(tmp_path):
    with pytest.raises(WirecoderError, match=r"gold\.jsonl:1: a gold line must be a JSON object"):
        load_gold(_write(tmp_path, "[1, 2]"))


def test_load_gold_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(WirecoderError, match="holds no documents"):
        load_gold(path)
