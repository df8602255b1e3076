import gzip
import json

import pytest

from wirecoder.evaluate.extract import load_gold, score_page, summarise


def test_score_page_identical_text_is_perfect():
    score = score_page("k", "one two three four five", "one two three four five")
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_score_page_extra_text_lowers_precision_only():
    score = score_page("k", "a b c d e", "a b c d e f g h i")
    assert score.recall == 1.0
    assert score.precision == pytest.approx(2 / 6)


def test_score_page_missing_text_lowers_recall_only():
    score = score_page("k", "a b c d e f g h", "a b c d e")
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 5)


def test_score_page_is_case_sensitive():
    assert score_page("k", "A b c d", "a b c d").recall == 0.0


def test_summarise_uses_macro_means_and_f1_of_means():
    scores = [score_page("a", "a b c d e", "a b c d e"), score_page("b", "a b c d e f g h", "a b c d e")]
    summary = summarise(scores)
    assert summary["precision"] == 1.0
    assert summary["recall"] == pytest.approx((1 + 0.4) / 2, abs=1e-4)
    assert summary["f1"] == pytest.approx(2 * 1.0 * 0.7 / 1.7, abs=1e-4)


def test_summarise_skips_empty_extractions_in_precision():
    summary = summarise([score_page("a", "a b c d e", ""), score_page("b", "a b c d", "a b c d")])
    assert summary["precision"] == 1.0
    assert summary["recall"] == 0.5


def test_load_gold_reads_ground_truth_and_pages(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": "x", "url": "http://e.org/1"}}))
    assert [(k, u, b) for k, u, b, _ in load_gold(tmp_path)] == [("p1", "http://e.org/1", "x")]
