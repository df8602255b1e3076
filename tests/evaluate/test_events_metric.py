"""``wirecoder.evaluate.events``: gold code systems, actor matching and the event metrics.

Events are built with the dataclass (no spaCy); gold files are written into ``tmp_path``.
"""

from __future__ import annotations

import json

import pytest

from wirecoder.errors import WirecoderError
from wirecoder.evaluate.events import GoldSentence, actors_match, detect_system, load_gold, score
from wirecoder.records import ActorRef, Event, Span


def _actor(code: str | None) -> ActorRef | None:
    if code is None:
        return None
    return ActorRef(code=code, name=None, country=code[:3], sector=code[3:6] or None, text=code, start=0,
                    end=len(code))


def _event(cameo: str = "190", *, source: str | None = "SYRMIL", target: str | None = "SYRREB",
           modality: str = "asserted", confidence: float = 0.9, plover: str | None = "ASSAULT",
           acled: str | None = "Armed clash", start: int = 0) -> Event:
    return Event(
        id=f"e{cameo}{start}", article_id="a", sentence_index=0, sentence="s", source=_actor(source),
        target=_actor(target), associates=(), action=Span(text="x", start=start, end=start + 1), cameo=cameo,
        cameo_root=cameo[:2], quad_class=4, goldstein=-10.0, plover_type=plover, plover_mode=None,
        acled_event_type="Battles" if acled else None, acled_sub_event_type=acled, fatalities=None,
        modality=modality, attribution=None, confidence=confidence,  # type: ignore[arg-type]
    )


def _gold(*expected: tuple[str, str, str], id_: str = "g") -> GoldSentence:
    return GoldSentence(id=id_, date=None, text="t", expected=tuple(expected))


# actors_match --------------------------------------------------------------------------------------------------


def test_actors_match_gold_country_matches_predicted_country_and_sector():
    assert actors_match("USA", "USAGOV") is True


def test_actors_match_dashes_match_any_country():
    assert actors_match("---REB", "SYRREB") is True


def test_actors_match_dashes_still_require_the_sector():
    assert actors_match("---REB", "SYRMIL") is False


def test_actors_match_empty_gold_matches_anything():
    assert (actors_match("", "SYRMIL"), actors_match("", None)) == (True, True)


def test_actors_match_gold_code_does_not_match_a_missing_prediction():
    assert actors_match("SYRMIL", None) is False


def test_actors_match_different_countries_do_not_match():
    assert actors_match("SYRMIL", "IRQMIL") is False


def test_actors_match_different_sectors_do_not_match():
    assert actors_match("SYRMIL", "SYRREB") is False


def test_actors_match_predicted_country_without_sector_matches_gold_with_sector():
    assert actors_match("SYRMIL", "SYR") is True


def test_actors_match_ignores_case():
    assert actors_match("syrmil", "SYRMIL") is True


# detect_system -------------------------------------------------------------------------------------------------


def test_detect_system_digits_are_cameo():
    assert detect_system(["190", "0233", "04"]) == "cameo"


def test_detect_system_plover_types_in_any_case_are_plover():
    assert detect_system(["ASSAULT", "consult"]) == "plover"


def test_detect_system_legacy_plover_labels_are_plover():
    assert detect_system(["FIGHT", "DEMAND", "DISAPPROVE"]) == "plover"


def test_detect_system_acled_sub_event_types_are_acled():
    assert detect_system(["Armed clash", "air/drone strike"]) == "acled"


def test_detect_system_penta_classes_are_penta():
    assert detect_system(["class_0", "class_4"]) == "penta"


def test_detect_system_empty_codes_are_ignored():
    assert detect_system(["", "190"]) == "cameo"


def test_detect_system_no_codes_is_error_e802():
    with pytest.raises(WirecoderError) as info:
        detect_system(["", ""])
    assert (info.value.code, info.value.message) == ("E802", "the gold file has no expected codes; nothing to score")


def test_detect_system_unknown_codes_are_error_e802_naming_them():
    with pytest.raises(WirecoderError) as info:
        detect_system(["190", "SKIRMISH"])
    assert info.value.code == "E802"
    assert "unrecognised codes: SKIRMISH" in info.value.message


# load_gold -----------------------------------------------------------------------------------------------------


def _write(tmp_path, records) -> object:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_load_gold_reads_legacy_plover_labels_as_current_types(tmp_path):
    path = _write(tmp_path, [{"id": "1", "text": "Rebels fought troops.", "expected": [{"code": "FIGHT"}]}])
    system, gold = load_gold(path)
    assert (system, gold[0].expected) == ("plover", (("", "", "ASSAULT"),))


def test_load_gold_invalid_json_line_is_error_e801(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "1", "text": "x", "expected": [{"code": "190"}]}\n{not json\n', encoding="utf-8")
    with pytest.raises(WirecoderError) as info:
        load_gold(path)
    assert info.value.code == "E801"
    assert info.value.message.startswith(f"{path}:2: invalid JSON")


# score ---------------------------------------------------------------------------------------------------------


def test_score_has_exactly_the_documented_keys():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190")]])
    assert list(metrics) == ["n", "code_system", "detection", "code", "root", "triple", "dyad", "accuracy"]


def test_score_each_metric_gives_precision_recall_f1_and_counts():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190")]])
    assert list(metrics["code"]) == ["precision", "recall", "f1", "tp", "fp", "fn"]


def test_score_correct_code_is_a_true_positive():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190")]])
    assert metrics["code"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}


def test_score_counts_sentences():
    metrics, _ = score("cameo", [_gold(("", "", "190")), _gold()], [[_event("190")], []])
    assert metrics["n"] == 2


@pytest.mark.parametrize("modality", ["negated", "hypothetical"])
def test_score_unasserted_prediction_is_left_out(modality):
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190", modality=modality)]])
    assert (metrics["detection"]["tp"], metrics["detection"]["fn"]) == (0, 1)


@pytest.mark.parametrize("modality", ["future", "claimed"])
def test_score_future_and_claimed_predictions_count(modality):
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190", modality=modality)]])
    assert metrics["detection"]["tp"] == 1


def test_score_prediction_on_a_sentence_without_events_is_a_detection_false_positive():
    metrics, _ = score("cameo", [_gold()], [[_event("190")]])
    assert (metrics["detection"]["fp"], metrics["detection"]["tp"]) == (1, 0)


def test_score_missed_event_is_a_detection_false_negative():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[]])
    assert metrics["detection"]["fn"] == 1


def test_score_same_cameo_root_counts_for_root_not_code():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("193")]])
    assert (metrics["code"]["tp"], metrics["root"]["tp"]) == (0, 1)


def test_score_root_is_none_for_other_code_systems():
    metrics, _ = score("plover", [_gold(("", "", "ASSAULT"))], [[_event("190")]])
    assert metrics["root"] is None


def test_score_plover_compares_the_plover_type():
    metrics, _ = score("plover", [_gold(("", "", "ASSAULT"))], [[_event("190", plover="ASSAULT")]])
    assert metrics["code"]["tp"] == 1


def test_score_acled_compares_the_sub_event_type_in_any_case():
    metrics, _ = score("acled", [_gold(("", "", "armed clash"))], [[_event("190", acled="Armed clash")]])
    assert metrics["code"]["tp"] == 1


def test_score_penta_compares_the_class_of_the_cameo_code():
    metrics, _ = score("penta", [_gold(("", "", "class_4"))], [[_event("190")]])
    assert metrics["code"]["tp"] == 1


def test_score_triple_needs_label_and_both_actors():
    metrics, _ = score("cameo", [_gold(("SYRMIL", "SYRREB", "190"))], [[_event("190")]])
    assert metrics["triple"]["tp"] == 1


def test_score_swapped_actors_miss_the_triple_and_the_dyad():
    metrics, _ = score("cameo", [_gold(("SYRREB", "SYRMIL", "190"))], [[_event("190")]])
    assert (metrics["triple"]["tp"], metrics["dyad"]["tp"]) == (0, 0)


def test_score_dyad_ignores_the_label():
    metrics, _ = score("cameo", [_gold(("SYRMIL", "SYRREB", "190"))], [[_event("173")]])
    assert (metrics["triple"]["tp"], metrics["dyad"]["tp"]) == (0, 1)


def test_score_triple_matches_actors_by_code_chunks():
    metrics, _ = score("cameo", [_gold(("SYR", "---REB", "190"))], [[_event("190")]])
    assert metrics["triple"]["tp"] == 1


def test_score_triple_and_dyad_are_none_when_gold_has_no_actors():
    metrics, _ = score("cameo", [_gold(("", "", "190"))], [[_event("190")]])
    assert (metrics["triple"], metrics["dyad"]) == (None, None)


def test_score_accuracy_uses_the_most_confident_prediction():
    events = [_event("190", plover="ASSAULT", confidence=0.5), _event("040", plover="CONSULT", confidence=0.9)]
    metrics, _ = score("plover", [_gold(("", "", "CONSULT"))], [events])
    assert metrics["accuracy"] == 1.0


def test_score_accuracy_breaks_confidence_ties_by_the_earliest_action():
    events = [_event("040", plover="CONSULT", start=30), _event("190", plover="ASSAULT", start=3)]
    metrics, _ = score("plover", [_gold(("", "", "ASSAULT"))], [events])
    assert metrics["accuracy"] == 1.0


def test_score_accuracy_counts_no_prediction_as_penta_class_0():
    metrics, _ = score("penta", [_gold(("", "", "class_0")), _gold(("", "", "class_4"))], [[], [_event("190")]])
    assert metrics["accuracy"] == 1.0


def test_score_accuracy_is_none_when_a_sentence_has_two_labels():
    metrics, _ = score("plover", [_gold(("", "", "ASSAULT"), ("", "", "CONSULT"))], [[_event("190")]])
    assert metrics["accuracy"] is None
