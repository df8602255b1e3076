"""``wirecoder eval geo --gold FILE``: the command's wiring, output and gold errors, with a fake geocoder.

The geocoder (``wirecoder.pipeline.resolve_spans``/``geocode_text`` and ``wirecoder.geo.Gazetteer``) is replaced by
fakes that know a few places by name, so these tests need neither spaCy nor the gazetteer. Gold documents are the
team's own, written into ``tmp_path``.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import types
from pathlib import Path
from typing import ClassVar

import pytest

from wirecoder.errors import WirecoderError
from wirecoder.records import Place
from wirecoder.settings import Settings

SHELLING = "Shelling hit Homs and Aleppo on Monday, Syria's state media said."
TALKS = "Talks on the war resumed in Geneva, and a delegation arrived from Qamishli."
GOLD_COORDS = {"Homs": (34.73, 36.71), "Aleppo": (36.2, 37.16), "Syria": (35.0, 38.0), "Geneva": (46.2, 6.14),
               "Qamishli": (37.05, 41.22)}
KNOWN = {"Homs": (34.73, 36.71, "SYR"), "Aleppo": (36.2, 37.16, "SYR"), "Syria": (35.0, 38.0, "SYR"),
         "Geneva": (46.2, 6.14, "CHE")}
"""What the fake geocoder knows; it leaves Qamishli unresolved."""
METRIC_KEYS = ["n_docs", "n_toponyms", "resolution", "end_to_end", "country_accuracy"]


def _place(name: str, start: int, end: int) -> Place | None:
    if name not in KNOWN:
        return None
    lat, lon, country = KNOWN[name]
    return Place(name=name, text=name, start=start, end=end, geonameid=None, lat=lat, lon=lon, country=country,
                 admin1=None, feature="PPL", precision=1)


class FakeGazetteer:
    for_settings_calls: ClassVar[list[object]] = []

    @classmethod
    def for_settings(cls, settings: object) -> FakeGazetteer:
        cls.for_settings_calls.append(settings)
        return cls()

    def country_mention(self, name: str) -> str | None:
        return {"Syria": "SYR", "Syrian": "SYR"}.get(name)

    def nearest_country(self, lat: float, lon: float) -> str | None:
        return "CHE" if lon < 20 else "SYR"


@pytest.fixture
def calls(monkeypatch):
    """Install the fake geocoder; returns the list of (function, settings) calls it received."""
    seen: list[tuple[str, object]] = []

    def resolve_spans(text, spans, *, settings):
        seen.append(("resolve_spans", settings))
        return [_place(text[s:e], s, e) for s, e in spans]

    def geocode_text(text, *, settings):
        seen.append(("geocode_text", settings))
        return [(m.start(), m.end(), _place(m.group(), m.start(), m.end()))
                for m in re.finditer("|".join(KNOWN), text)]

    import wirecoder.pipeline

    monkeypatch.setattr(wirecoder.pipeline, "resolve_spans", resolve_spans, raising=False)
    monkeypatch.setattr(wirecoder.pipeline, "geocode_text", geocode_text, raising=False)
    try:
        geo = importlib.import_module("wirecoder.geo")
    except ImportError:
        geo = types.ModuleType("wirecoder.geo")
        monkeypatch.setitem(sys.modules, "wirecoder.geo", geo)
    monkeypatch.setattr(geo, "Gazetteer", FakeGazetteer, raising=False)
    monkeypatch.setattr(FakeGazetteer, "for_settings_calls", [])
    return seen


@pytest.fixture
def gold(tmp_path: Path):
    """``gold([(text, [toponym, ...]), ...])`` -> path of a JSON Lines gold file (offsets found in the text)."""

    def write(documents, name: str = "gold.jsonl") -> Path:
        path = tmp_path / name
        lines = []
        for number, (text, names) in enumerate(documents, 1):
            toponyms = [{"start": text.index(n), "end": text.index(n) + len(n), "name": n, "lat": GOLD_COORDS[n][0],
                         "lon": GOLD_COORDS[n][1], "geonameid": "0"} for n in names]
            lines.append(json.dumps({"id": f"doc{number}", "text": text, "toponyms": toponyms}))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def two_docs(gold) -> Path:
    return gold([(SHELLING, ["Homs", "Aleppo", "Syria"]), (TALKS, ["Geneva", "Qamishli"])])


@pytest.fixture
def evaluate(cli, calls):
    """``evaluate(path, *options)`` -> the metrics object ``eval geo --json`` printed (exit status 0 asserted)."""

    def run(path: Path, *options: str | Path) -> dict:
        result = cli("eval", "geo", "--gold", path, "--json", *options, with_db=False)
        assert result.exit_code == 0, result.stderr
        (line,) = result.stdout.splitlines()
        return json.loads(line)

    return run


def test_eval_geo_json_prints_exactly_one_object_with_the_metric_keys(evaluate, two_docs):
    assert list(evaluate(two_docs)) == METRIC_KEYS


def test_eval_geo_scores_the_fake_geocoder(evaluate, two_docs):
    assert evaluate(two_docs) == {
        "n_docs": 2,
        "n_toponyms": 5,
        "resolution": {"acc161": 0.8, "mean_km": 4007.8, "median_km": 0.0, "auc": 0.125, "unresolved": 1},
        "end_to_end": {"precision": 1.0, "recall": 0.8, "f1": 0.889, "acc161": 1.0},
        "country_accuracy": 1.0,
    }


def test_eval_geo_passes_the_settings_to_the_geocoder(evaluate, calls, two_docs):
    evaluate(two_docs)
    assert {name for name, _ in calls} == {"resolve_spans", "geocode_text"}
    assert all(isinstance(settings, Settings) for _, settings in calls)
    assert [type(s) for s in FakeGazetteer.for_settings_calls] == [Settings]


def test_eval_geo_limit_scores_only_the_first_documents(evaluate, two_docs):
    metrics = evaluate(two_docs, "--limit", "1")
    assert (metrics["n_docs"], metrics["n_toponyms"], metrics["resolution"]["unresolved"]) == (1, 3, 0)


def test_eval_geo_predictions_writes_one_line_per_gold_toponym(evaluate, two_docs, tmp_path):
    out = tmp_path / "predictions.jsonl"
    evaluate(two_docs, "--predictions", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["name"], r["error_km"]) for r in rows] == [
        ("doc1", "Homs", 0.0), ("doc1", "Aleppo", 0.0), ("doc1", "Syria", 0.0), ("doc2", "Geneva", 0.0),
        ("doc2", "Qamishli", 20039.0),
    ]


def test_eval_geo_prediction_lines_hold_gold_and_predicted_place(evaluate, two_docs, tmp_path):
    out = tmp_path / "predictions.jsonl"
    evaluate(two_docs, "--predictions", out)
    first, *_, last = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    start = SHELLING.index("Homs")
    assert first == {"id": "doc1", "start": start, "end": start + 4, "name": "Homs", "lat": 34.73, "lon": 36.71,
                     "predicted": _place("Homs", start, start + 4).to_dict(), "error_km": 0.0}
    assert last["predicted"] is None


def test_eval_geo_without_json_prints_tables(cli, calls, two_docs):
    result = cli("eval", "geo", "--gold", two_docs, with_db=False)
    assert result.exit_code == 0, result.stderr
    for words in ("acc161", "median_km", "precision", "country accuracy"):
        assert words in result.stdout


def test_eval_geo_invalid_json_is_error_e801_naming_the_line(cli, calls, tmp_path, gold):
    path = gold([(SHELLING, ["Homs"])])
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = cli("eval", "geo", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: E801 {path}:2: invalid JSON")


def test_eval_geo_missing_toponym_field_is_error_e801_naming_the_line(cli, calls, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TALKS, "toponyms": [{"start": 28, "end": 34, "name": "Geneva",
                                                                        "lat": 46.2}]}) + "\n", encoding="utf-8")
    result = cli("eval", "geo", "--gold", path, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: E801 {path}:1: toponym 1 has no 'lon'")


def test_eval_geo_setup_error_stops_with_its_message_exit_1(cli, calls, monkeypatch, two_docs):
    def broken(settings):
        raise WirecoderError("E301", "spaCy pipeline 'x' is not installed")

    monkeypatch.setattr(FakeGazetteer, "for_settings", broken)
    result = cli("eval", "geo", "--gold", two_docs, "--json", with_db=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: E301 spaCy pipeline 'x' is not installed")


def test_eval_geo_missing_gold_file_is_a_usage_error_exit_2(cli, calls, tmp_path):
    result = cli("eval", "geo", "--gold", tmp_path / "nothing.jsonl", "--json", with_db=False)
    assert result.exit_code == 2
