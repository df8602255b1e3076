"""Re-running ``wirecoder ingest`` changes nothing; ``--retry-rejected`` re-processes rejected inputs in place."""

from __future__ import annotations

import json
import os

import pytest


@pytest.fixture
def mixed_folder(tmp_path, samples):
    """Good articles of every kind beside bad inputs of every kind."""
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    for n in range(3):
        (folder / f"story{n}.txt").write_text(samples.article_text(n), encoding="utf-8")
    (folder / "sub" / "page.html").write_text(samples.article_html(7), encoding="utf-8")
    lines = [json.dumps({"title": f"Feed {n}", "text": samples.first_paragraph(10 + n)}) for n in range(3)]
    (folder / "feed.jsonl").write_text("\n".join([*lines, "{broken", "[1, 2]"]) + "\n", encoding="utf-8")
    feed_gz = samples.gzip_bytes(
        "".join(json.dumps({"title": f"Zipped {n}", "text": samples.first_paragraph(20 + n)}) + "\n"
                for n in range(150)).encode()
    )
    (folder / "zipped.jsonl.gz").write_bytes(feed_gz[: len(feed_gz) // 2])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_ingesting_the_same_folder_twice_leaves_every_row_count_unchanged(cli, mixed_folder, store):
    first = cli("ingest", mixed_folder)
    counts = store.counts()
    ids = store.article_ids()
    second = cli("ingest", mixed_folder)
    assert (first.exit_code, second.exit_code) == (1, 1)
    assert store.counts() == counts
    assert store.article_ids() == ids
    assert counts["rejections"] == 7 and counts["articles"] > 6


def test_ingesting_the_same_folder_twice_leaves_no_input_pending(cli, mixed_folder, store):
    cli("ingest", mixed_folder)
    cli("ingest", mixed_folder)
    assert store.query("SELECT count(*) FROM raw_inputs WHERE status = 'pending'") == [(0,)]


def test_same_file_given_twice_in_one_run_is_stored_once(cli, tmp_path, samples, store):
    path = tmp_path / "story.txt"
    path.write_text(samples.article_text(1), encoding="utf-8")
    result = cli("ingest", path, path)
    assert result.exit_code == 0
    assert store.counts() == {"raw_inputs": 1, "articles": 1, "rejections": 0}


def test_same_rejected_file_given_twice_in_one_run_is_reported_once(cli, tmp_path, store):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = cli("ingest", path, path)
    assert store.rejection_lines(result) == [f"rejected {path}: E101 input is empty (0 bytes)"]


@pytest.fixture
def oversized(tmp_path, samples):
    """A good article that a first run with ``--max-bytes 100`` rejected with E103."""
    path = tmp_path / "story.txt"
    path.write_text(samples.article_text(1), encoding="utf-8")
    return path


def _rejected_at(store):
    return store.query("SELECT rejected_at FROM rejections")[0][0]


def test_rerun_without_retry_rejected_leaves_a_rejected_input_rejected(cli, oversized, store):
    assert cli("ingest", oversized, "--max-bytes", "100").exit_code == 1
    result = cli("ingest", oversized)
    assert result.exit_code == 1
    assert store.counts() == {"raw_inputs": 1, "articles": 0, "rejections": 1}
    assert store.query("SELECT status FROM raw_inputs") == [("rejected",)]


def test_retry_rejected_reprocesses_a_still_rejected_input_without_duplicating_its_rejection(cli, oversized, store):
    cli("ingest", oversized, "--max-bytes", "100")
    before = _rejected_at(store)
    result = cli("ingest", oversized, "--max-bytes", "100", "--retry-rejected")
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1][:4] for line in store.rejection_lines(result)] == ["E103"]  # reported anew
    assert store.counts() == {"raw_inputs": 1, "articles": 0, "rejections": 1}
    assert _rejected_at(store) > before


def test_retry_rejected_keeps_one_row_per_unreadable_input(cli, mixed_folder, store):
    cli("ingest", mixed_folder)
    counts = store.counts()
    result = cli("ingest", mixed_folder, "--retry-rejected")
    assert len(store.rejection_lines(result)) == counts["rejections"]
    assert store.counts() == counts


def test_retry_rejected_ingests_an_input_that_now_passes_and_drops_its_rejection(cli, oversized, store):
    cli("ingest", oversized, "--max-bytes", "100")
    result = cli("ingest", oversized, "--retry-rejected")
    assert result.exit_code == 0
    assert store.counts() == {"raw_inputs": 1, "articles": 1, "rejections": 0}
    assert store.query("SELECT status, article_id IS NOT NULL FROM raw_inputs") == [("ingested", True)]
