"""``wirecoder eval events --gold FILE``: score event coding on a gold file the test writes into ``tmp_path``.

Gold sentences are the team's own; their expected codes are written in each code system wirecoder reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

METRIC_KEYS = ["n", "code_system", "detection", "code", "root", "triple", "dyad", "accuracy"]

ATTACK = "Syrian troops attacked rebels near Homs on Monday."
MEETING = "Syrian President Bashar al-Assad met Russian President Vladimir Putin in Moscow on Friday."
WEATHER = "Heavy rain is expected across the coast later this week."


@pytest.fixture
def gold(tmp_path: Path):
    """``gold([(text, [code or (source, target, code), ...]), ...])`` -> path of a JSON Lines gold file."""

    def write(sentences, name: str = "gold.jsonl") -> Path:
        path = tmp_path / name
        lines = []
        for number, (text, codes) in enumerate(sentences, 1):
            expected = [{"source": c[0], "target": c[1], "code": c[2]} if isinstance(c, tuple) else {"code": c}
                        for c in codes]
            lines.append(json.dumps({"id": f"s{number}", "date": "20240311", "text": text, "expected": expected}))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def evaluate(cli):
    """``evaluate(path)`` -> the metrics object ``eval events --json`` printed (exit status 0 asserted)."""

    def run(path: Path, *options: str) -> dict:
        result = cli("eval", "events", "--gold", path, "--json", *options, with_db=False)
        assert result.exit_code == 0, result.stderr
        (line,) = result.stdout.splitlines()
        return json.loads(line)

    return run


def test_eval_events_json_prints_exactly_one_object_with_the_metric_keys(evaluate, gold):
    metrics = evaluate(gold([(ATTACK, ["190"]), (WEATHER, [])]))
    assert list(metrics) == METRIC_KEYS


def test_eval_events_counts_the_gold_sentences(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["190"]), (WEATHER, [])]))["n"] == 2


def test_eval_events_detects_cameo_gold(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["190"]), (MEETING, ["040"])]))["code_system"] == "cameo"


def test_eval_events_detects_plover_gold(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["ASSAULT"]), (MEETING, ["CONSULT"])]))["code_system"] == "plover"


def test_eval_events_detects_acled_gold(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["Armed clash"])]))["code_system"] == "acled"


def test_eval_events_detects_penta_gold(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["class_4"]), (WEATHER, ["class_0"])]))["code_system"] == "penta"


def test_eval_events_codes_the_gold_sentences(evaluate, gold):
    metrics = evaluate(gold([(ATTACK, ["190"]), (MEETING, ["040"]), (WEATHER, [])]))
    assert (metrics["detection"]["tp"], metrics["detection"]["fp"]) == (2, 0)


def test_eval_events_cameo_gold_scores_the_root(evaluate, gold):
    assert evaluate(gold([(ATTACK, ["193"])]))["root"]["tp"] == 1


def test_eval_events_gold_with_actors_scores_triples_and_dyads(evaluate, gold):
    metrics = evaluate(gold([(ATTACK, [("SYRMIL", "SYRREB", "190")])]))
    assert (metrics["triple"]["tp"], metrics["dyad"]["tp"]) == (1, 1)


def test_eval_events_gold_without_actors_has_null_triple_and_dyad(evaluate, gold):
    metrics = evaluate(gold([(ATTACK, ["190"])]))
    assert (metrics["triple"], metrics["dyad"]) == (None, None)


def test_eval_events_unknown_codes_are_error_e802_exit_1(cli, gold):
    path = gold([(ATTACK, ["SKIRMISH"])])
    result = cli("eval", "events", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: E802 cannot tell the gold code system (unrecognised codes: SKIRMISH)")


def test_eval_events_invalid_json_is_error_e801_exit_1(cli, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    result = cli("eval", "events", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: E801 {path}:1: invalid JSON")


def test_eval_events_missing_gold_file_is_a_usage_error_exit_2(cli, tmp_path):
    result = cli("eval", "events", "--gold", tmp_path / "nothing.jsonl", "--json", with_db=False)
    assert result.exit_code == 2
