"""``wirecoder eval muc --gold FILE``: the command's wiring, output and gold errors.

Most tests replace the pipeline (``wirecoder.pipeline.run_input``) and the gazetteer (``wirecoder.geo.Gazetteer``)
with fakes, so they need neither spaCy nor a gazetteer build. One test runs the real pipeline on a made-up article
about an attack in a real town, with the session's shared gazetteer cache (tests/conftest.py). Gold articles are
the team's own.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest

from wirecoder.errors import WirecoderError
from wirecoder.records import RawInput
from wirecoder.settings import Settings

METRIC_KEYS = ["n_articles", "n_gold_events", "coverage", "country_accuracy", "acc161", "located",
               "precision_counts", "date_accuracy", "date_exact", "dateline_as_location"]

APOPA_TEXT = (
    "   SAN SALVADOR, 12 MAR 90 -- [REPORT] [RADIO NOTICIAS] [TEXT] URBAN GUERRILLAS\n"
    "ATTACKED A NATIONAL POLICE POST IN APOPA YESTERDAY, KILLING TWO POLICEMEN AND\n"
    "WOUNDING A CIVILIAN, THE NATIONAL POLICE REPORTED TODAY.\n\n"
    "   THE POLICE SAID THE ATTACKERS FLED TOWARD THE GUAZAPA VOLCANO."
)
LIMA_TEXT = "   LIMA, 20 MAR 90 -- [TEXT] A BOMB DAMAGED A BANK IN LIMA TODAY, THE POLICE SAID."
TALKS_TEXT = "   BOGOTA, 14 MAR 90 -- [TEXT] THE MINISTER OF JUSTICE MET JUDGES TODAY TO DISCUSS A NEW CODE."


def _article(number: int, text: str, date: str | None, dateline: str | None, events: list[dict]) -> dict:
    return {"id": f"TEAM-{number:04d}", "date": date, "text": text, "dateline_place": dateline, "events": events}


def _template(location: str | None, *dates: str, optional: bool = False) -> dict:
    return {"optional": optional, "incident_type": "ATTACK", "stage": "ACCOMPLISHED", "date_iso": list(dates),
            "location": location}


GOLD = [
    _article(1, APOPA_TEXT, "1990-03-12", "SAN SALVADOR", [
        _template("EL SALVADOR: APOPA (CITY)", "1990-03-11"),
        _template("EL SALVADOR", "1990-03-11", optional=True),
    ]),
    _article(2, TALKS_TEXT, "1990-03-14", "BOGOTA", []),
    _article(3, LIMA_TEXT, None, "LIMA", [
        _template("PERU: LIMA (CITY)", "1990-03-20"),
        _template("PERU: CALLAO (CITY)", "1990-03-18", "1990-03-19"),
    ]),
]


@pytest.fixture
def gold_file(tmp_path: Path):
    def write(articles=GOLD, name: str = "muc.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        return path

    return write


# ---------------------------------------------------------------------------------------------- fakes

PLACES = [  # name, lat, lon, population, iso3, feature
    ("Apopa", 13.81, -89.18, 112_158, "SLV", "PPL"),
    ("San Salvador", 13.69, -89.19, 525_990, "SLV", "PPLC"),
    ("Lima", -12.04, -77.03, 7_737_002, "PER", "PPLC"),
    ("Callao", -12.06, -77.15, 813_264, "PER", "PPL"),
]


class FakeGazetteer:
    for_settings_calls: ClassVar[list[object]] = []

    def __init__(self):
        self.names = [p[0] for p in PLACES]
        self.lat = [p[1] for p in PLACES]
        self.lon = [p[2] for p in PLACES]
        self.population = [p[3] for p in PLACES]
        self.country = [p[4] for p in PLACES]
        self.feature = [p[5] for p in PLACES]

    @classmethod
    def for_settings(cls, settings: object) -> FakeGazetteer:
        cls.for_settings_calls.append(settings)
        return cls()

    def lookup(self, name: str) -> tuple[int, ...]:
        return tuple(i for i, n in enumerate(self.names) if n.upper() == name.upper())

    def fuzzy(self, name: str) -> tuple[int, ...]:
        return ()

    def country_mention(self, name: str) -> str | None:
        return {"EL SALVADOR": "SLV", "PERU": "PER"}.get(name.upper())


def _predicted(name: str | None, lat: float, lon: float, country: str, date: str, *, quad_class: int = 4,
               precision: int = 1) -> SimpleNamespace:
    location = None if name is None else {"name": name, "lat": lat, "lon": lon, "country": country,
                                          "precision": precision}
    event = {"quad_class": quad_class, "modality": "asserted", "cameo": "190", "sentence": f"AN ATTACK IN {name}.",
             "location": location, "date": date, "date_precision": 1}
    return SimpleNamespace(to_dict=lambda: event)


PREDICTED = {
    "TEAM-0001": [_predicted("Apopa", 13.81, -89.18, "SLV", "1990-03-11")],
    "TEAM-0002": [_predicted("Bogotá", 4.61, -74.08, "COL", "1990-03-14", quad_class=1)],
    "TEAM-0003": [_predicted("Lima", -12.04, -77.03, "PER", "1990-03-20", precision=3)],
}


@pytest.fixture
def calls(monkeypatch):
    """Install the fake pipeline and gazetteer; returns the (raw input, settings) pairs ``run_input`` received."""
    seen: list[tuple[RawInput, object]] = []

    def run_input(raw, *, settings, code=True):
        seen.append((raw, settings))
        record = json.loads(raw.content)
        if record["text"].startswith("REJECT"):
            rejection = SimpleNamespace(code="E202", message="the record's 'text' is empty")
            return SimpleNamespace(source=raw.source, rejection=rejection, article=None, events=())
        return SimpleNamespace(source=raw.source, rejection=None, article=SimpleNamespace(dateline=None),
                               events=tuple(PREDICTED.get(record["id"], ())))

    import wirecoder.cli.evaluate
    import wirecoder.geo
    import wirecoder.pipeline

    monkeypatch.setattr(wirecoder.pipeline, "run_input", run_input)
    monkeypatch.setattr(wirecoder.geo, "Gazetteer", FakeGazetteer)
    monkeypatch.setattr(wirecoder.cli.evaluate, "check_coding_setup", lambda settings: None)
    monkeypatch.setattr(FakeGazetteer, "for_settings_calls", [])
    return seen


@pytest.fixture
def evaluate(cli, calls):
    """``evaluate(path, *options)`` -> the metrics object ``eval muc --json`` printed (exit status 0 asserted)."""

    def run(path: Path, *options: str | Path) -> dict:
        result = cli("eval", "muc", "--gold", path, "--json", *options, with_db=False)
        assert result.exit_code == 0, result.stderr
        (line,) = result.stdout.splitlines()
        return json.loads(line)

    return run


# ---------------------------------------------------------------------------------------------- with fakes


def test_eval_muc_json_prints_exactly_one_object_with_the_metric_keys(evaluate, gold_file):
    assert list(evaluate(gold_file())) == METRIC_KEYS


def test_eval_muc_scores_the_fake_pipeline(evaluate, gold_file):
    assert evaluate(gold_file()) == {
        "n_articles": 2, "n_gold_events": 3, "coverage": 1.0, "country_accuracy": 1.0, "acc161": 1.0,
        "located": 1.0, "precision_counts": {"1": 1, "2": 0, "3": 1}, "date_accuracy": 1.0,
        "date_exact": 0.667, "dateline_as_location": 0.5,
    }


def test_eval_muc_gives_the_pipeline_each_article_as_a_json_lines_record(evaluate, calls, gold_file):
    path = gold_file()
    evaluate(path)
    assert [raw.source for raw, _ in calls] == [f"{path}:1", f"{path}:3"]  # line 2 holds no gold event
    assert all(raw.kind == "jsonl" for raw, _ in calls)
    assert json.loads(calls[0][0].content) == {"id": "TEAM-0001", "text": APOPA_TEXT, "date": "1990-03-12"}
    assert json.loads(calls[1][0].content) == {"id": "TEAM-0003", "text": LIMA_TEXT}
    assert all(isinstance(settings, Settings) for _, settings in calls)
    assert [type(s) for s in FakeGazetteer.for_settings_calls] == [Settings]


def test_eval_muc_limit_scores_only_the_first_articles_with_gold_events(evaluate, calls, gold_file):
    metrics = evaluate(gold_file(), "--limit", "1")
    assert (metrics["n_articles"], metrics["n_gold_events"]) == (1, 1)
    assert len(calls) == 1


def test_eval_muc_predictions_writes_one_line_per_gold_event(evaluate, gold_file, tmp_path):
    out = tmp_path / "predictions.jsonl"
    evaluate(gold_file(), "--predictions", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["location"], r["gold"]["name"], r["gold"]["level"]) for r in rows] == [
        ("TEAM-0001", "EL SALVADOR: APOPA (CITY)", "APOPA", "CITY"),
        ("TEAM-0003", "PERU: LIMA (CITY)", "LIMA", "CITY"),
        ("TEAM-0003", "PERU: CALLAO (CITY)", "CALLAO", "CITY"),
    ]
    first, _, callao = rows
    assert (first["gold"]["lat"], first["gold"]["lon"], first["gold"]["country"]) == (13.81, -89.18, "SLV")
    assert first["gold_dates"] == ["1990-03-11", "1990-03-11"]
    assert first["predicted"]["location"]["name"] == "Apopa"
    assert (first["predicted"]["date"], first["predicted"]["cameo"]) == ("1990-03-11", "190")
    assert first["predicted"]["sentence"] == "AN ATTACK IN Apopa."
    assert (callao["gold_dates"], callao["date_error_days"], callao["date_ok"]) == (
        ["1990-03-18", "1990-03-19"], 1, True)
    assert callao["within_161"] is True


def test_eval_muc_without_json_prints_a_table(cli, calls, gold_file):
    result = cli("eval", "muc", "--gold", gold_file(), with_db=False)
    assert result.exit_code == 0, result.stderr
    for words in ("coverage", "acc161", "date_accuracy", "dateline_as_location", "2 articles", "3 gold events",
                  "town 1, near a town 0, region 1"):
        assert words in result.stdout


def test_eval_muc_rejected_article_is_reported_and_scored_without_events(cli, calls, gold_file):
    path = gold_file([_article(1, "REJECT ME", "1990-03-12", "LIMA", [_template("PERU: LIMA (CITY)", "1990-03-12")])])
    result = cli("eval", "muc", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 0, result.stderr
    assert f"rejected {path}:1: E202" in result.stderr
    metrics = json.loads(result.stdout)
    assert (metrics["n_articles"], metrics["coverage"], metrics["acc161"]) == (1, 0.0, None)


def test_eval_muc_invalid_json_is_error_e801_naming_the_line(cli, calls, gold_file):
    path = gold_file()
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = cli("eval", "muc", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: E801 {path}:4: invalid JSON")


def test_eval_muc_setup_error_stops_with_its_message_exit_1(cli, calls, monkeypatch, gold_file):
    def broken(settings):
        raise WirecoderError("E301", "spaCy pipeline 'x' is not installed")

    monkeypatch.setattr(FakeGazetteer, "for_settings", broken)
    result = cli("eval", "muc", "--gold", gold_file(), "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: E301 spaCy pipeline 'x' is not installed")


def test_eval_muc_missing_gold_file_is_a_usage_error_exit_2(cli, calls, tmp_path):
    result = cli("eval", "muc", "--gold", tmp_path / "nothing.jsonl", "--json", with_db=False)
    assert result.exit_code == 2


# ---------------------------------------------------------------------------------------------- real pipeline


def test_eval_muc_runs_the_real_pipeline_on_a_made_up_attack_in_apopa(cli, gold_file, tmp_path):
    out = tmp_path / "predictions.jsonl"
    result = cli("eval", "muc", "--gold", gold_file(GOLD[:2]), "--json", "--predictions", out, with_db=False)
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert (metrics["n_articles"], metrics["n_gold_events"], metrics["coverage"]) == (1, 1, 1.0)
    assert (metrics["country_accuracy"], metrics["acc161"], metrics["date_exact"]) == (1.0, 1.0, 1.0)
    assert metrics["dateline_as_location"] == 0.0
    (row,) = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert (row["gold"]["gazetteer_name"], row["gold"]["country"], row["gold"]["level"]) == ("Apopa", "SLV", "CITY")
    assert (row["predicted"]["location"]["name"], row["predicted"]["date"]) == ("Apopa", "1990-03-11")
    assert row["error_km"] == 0.0
