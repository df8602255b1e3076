"""``wirecoder bench``: the bare spaCy pipeline and wirecoder end to end on the same articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirecoder.bench import bench
from wirecoder.cli import main
from wirecoder.settings import Settings

ARTICLES = [
    {"id": "b1", "title": "Troops clash with rebels", "date": "2024-02-08",
     "text": "Government troops clashed with rebels near the northern town on Thursday, officials said.\n\n"
             "Two soldiers were wounded in the fighting."},
    {"id": "b2", "title": "Ministers meet", "date": "2024-02-09",
     "text": "The foreign ministers of two neighbouring states met in the capital on Friday to discuss trade."},
    {"id": "b3", "title": "Leere Seite", "date": "2024-02-09",
     "text": "Die Minister trafen sich am Freitag in der Hauptstadt, um über den Handel zu sprechen."},
]
KEYS = {"articles", "words", "baseline_words_per_s", "wirecoder_words_per_s", "ratio", "articles_per_s",
        "peak_rss_mb", "stages"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES) + "\n")
    return path


@pytest.fixture(scope="module")
def report(corpus) -> dict:
    return bench(corpus, settings=Settings.load(), rounds=1)


def test_report_has_the_fields_the_issue_names(report):
    assert set(report) >= KEYS


def test_words_are_those_of_the_english_bodies(report):
    english = ARTICLES[0]["text"] + " " + ARTICLES[1]["text"]
    assert report["words"] == len(english.split())


def test_every_record_counts_as_an_article(report):
    assert report["articles"] == len(ARTICLES)


def test_ratio_is_the_baseline_time_over_wirecoders(report):
    # the seconds are reported rounded to the millisecond: the ratio lies within what that rounding allows
    baseline, wirecoder, half = report["baseline_seconds"], report["wirecoder_seconds"], 0.0005
    low, high = (baseline - half) / (wirecoder + half), (baseline + half) / (wirecoder - half)
    assert low - 0.001 <= report["ratio"] <= high + 0.001


def test_stages_include_each_step_of_the_pipeline(report):
    assert {"clean", "nlp", "geo", "code", "store", "cluster"} <= set(report["stages"])


def test_limit_takes_the_first_records(corpus):
    assert bench(corpus, settings=Settings.load(), limit=1, rounds=1)["articles"] == 1


def test_json_flag_prints_one_object(corpus):
    result = CliRunner().invoke(main, ["bench", "--corpus", str(corpus), "--limit", "1", "--rounds", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) >= KEYS


def test_missing_corpus_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["bench", "--corpus", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


@pytest.fixture(scope="module")
def report_two(corpus) -> dict:
    return bench(corpus, settings=Settings.load(), rounds=1, processes=2)


def test_with_processes_the_one_process_ingest_is_measured_too(report_two):
    assert report_two["processes"] == 2
    assert set(report_two["one_process"]) >= {"wirecoder_seconds", "wirecoder_words_per_s", "ratio", "stages"}


def test_speedup_is_the_one_process_time_over_the_workers(report_two):
    one, many, half = report_two["one_process"]["wirecoder_seconds"], report_two["wirecoder_seconds"], 0.0005
    low, high = (one - half) / (many + half), (one + half) / (many - half)
    assert low - 0.001 <= report_two["speedup"] <= high + 0.001


def test_with_processes_the_workers_peak_memory_is_reported(report_two):
    assert report_two["worker_peak_rss_mb"] > 50


def test_one_process_reports_no_speedup(report):
    assert "speedup" not in report and "one_process" not in report


def test_every_rounds_time_is_reported(corpus):
    report = bench(corpus, settings=Settings.load(), limit=1, rounds=2)
    assert len(report["baseline_round_seconds"]) == len(report["round_seconds"]) == 2
