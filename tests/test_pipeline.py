"""``wirecoder.pipeline``: ``run_input`` and ``ingest`` (summary counts, skipping, resuming, retrying)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest

from wirecoder import pipeline
from wirecoder.pipeline import ingest, run_input
from wirecoder.records import RawInput
from wirecoder.settings import Settings
from wirecoder.store import Store


def _text(n: int) -> bytes:
    return (
        f"Bridge plan number {n} is reviewed\n\n"
        f"Officials said on Tuesday that bridge plan number {n} would be reviewed again after residents raised "
        f"concerns about its cost.\n"
    ).encode()


def _raw(content: bytes, source: str = "mem.txt") -> RawInput:
    return RawInput(
        input_hash=hashlib.sha256(content).hexdigest(), source=source, kind="text", content=content,
        size=len(content), received_at=dt.datetime(2024, 1, 1),
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.duckdb") as opened:
        yield opened


@pytest.fixture
def folder(tmp_path):
    """Three good text pages and one empty file."""
    path = tmp_path / "in"
    path.mkdir()
    for n in range(3):
        (path / f"s{n}.txt").write_bytes(_text(n))
    (path / "zz-empty.txt").write_bytes(b"")
    return path


@pytest.fixture
def count_runs(monkeypatch):
    """The sources of the inputs ``ingest`` processes (hands to ``run_inputs``)."""
    calls: list[str] = []
    run_inputs = pipeline.run_inputs

    def counting(raws, *, settings, **options):
        calls.extend(raw.source for raw in raws)
        return run_inputs(raws, settings=settings, **options)

    monkeypatch.setattr(pipeline, "run_inputs", counting)
    return calls


def test_run_input_turns_a_stage_error_into_a_rejection():
    result = run_input(_raw(b"   \n\t "), settings=Settings.load())
    assert not result.ok and result.article is None
    rejection = result.rejection
    assert (rejection.source, rejection.stage, rejection.code, rejection.message, rejection.size) == (
        "mem.txt", "decode", "E109", "input holds only whitespace", 6,
    )


def test_run_input_gives_an_article_and_no_events():
    result = run_input(_raw(_text(1)), settings=Settings.load())
    assert result.ok and result.events == ()
    assert result.article.title == "Bridge plan number 1 is reviewed"


_FIGHTING = ("Clashes in the north\n\nRebels attacked an army post in the north on Monday, and troops "
             "shelled rebel positions {n} times.\n").format


def test_run_inputs_gives_each_input_what_run_input_gives_it():
    settings = Settings.load()
    raws = [_raw(_FIGHTING(n=n).encode(), f"r{n}.txt") for n in range(3)] + [_raw(b" ", "blank.txt")]
    assert pipeline.run_inputs(raws, settings=settings) == [run_input(raw, settings=settings) for raw in raws]


def test_a_parser_failure_in_the_stream_rejects_only_the_article_it_fails_on(monkeypatch):
    settings = Settings.load()
    raws = [_raw(_FIGHTING(n=n).encode(), f"r{n}.txt") for n in range(3)]
    parse_article = pipeline.parse_article

    def failing_stream(articles, **options):
        yield parse_article(articles[0], **options)
        raise ValueError("parser broke")

    def failing_on_r1(article, **options):
        if article.source == "r1.txt":
            raise ValueError("parser broke on r1")
        return parse_article(article, **options)

    monkeypatch.setattr(pipeline, "parse_articles", failing_stream)
    monkeypatch.setattr(pipeline, "parse_article", failing_on_r1)
    results = pipeline.run_inputs(raws, settings=settings)
    assert [r.ok for r in results] == [True, False, True]
    assert (results[1].rejection.stage, results[1].rejection.code) == ("nlp", "E999")
    assert "parser broke on r1" in results[1].rejection.message
    assert results[2].events


def test_ingest_summary_counts_ingested_and_rejected_inputs(folder, store):
    summary = ingest([folder], store=store, settings=Settings.load())
    assert (summary.seen, summary.ingested, summary.rejected, summary.skipped, summary.new_articles) == (4, 3, 1, 0, 3)
    assert [r.code for r in summary.rejections] == ["E101"]
    assert summary.exit_code == 1


def test_ingest_without_rejections_has_exit_code_0(tmp_path, store):
    (tmp_path / "a.txt").write_bytes(_text(1))
    summary = ingest([tmp_path / "a.txt"], store=store, settings=Settings.load())
    assert (summary.ingested, summary.exit_code) == (1, 0)


def test_ingest_rerun_skips_everything_stored_and_still_counts_earlier_rejections(folder, store):
    ingest([folder], store=store, settings=Settings.load())
    summary = ingest([folder], store=store, settings=Settings.load())
    assert (summary.seen, summary.ingested, summary.rejected, summary.skipped, summary.new_articles) == (4, 0, 1, 4, 0)
    assert summary.rejections == []
    assert summary.exit_code == 1


def test_ingest_rerun_does_not_clean_stored_inputs_again(folder, store, count_runs):
    ingest([folder], store=store, settings=Settings.load())
    count_runs.clear()
    ingest([folder], store=store, settings=Settings.load())
    assert count_runs == []


def test_same_input_twice_in_different_batches_is_processed_once(tmp_path, store, count_runs):
    path = tmp_path / "a.txt"
    path.write_bytes(_text(1))
    summary = ingest([path, path], store=store, settings=Settings.load(batch_size=1))
    assert count_runs == [str(path)]
    assert (summary.ingested, summary.skipped) == (1, 1)


def test_same_input_twice_in_one_batch_is_processed_once(tmp_path, store, count_runs):
    path = tmp_path / "a.txt"
    path.write_bytes(_text(1))
    summary = ingest([path, path], store=store, settings=Settings.load())
    assert count_runs == [str(path)]
    assert (summary.ingested, summary.skipped) == (1, 1)


def test_input_left_pending_by_an_interrupted_run_is_processed(tmp_path, store):
    path = tmp_path / "a.txt"
    path.write_bytes(_text(1))
    pending = _raw(_text(1), source=str(path))
    store.add_raw_inputs([pending], keep_raw=True)  # what a run killed before write_results leaves behind
    summary = ingest([path], store=store, settings=Settings.load())
    assert (summary.ingested, summary.skipped) == (1, 0)
    assert store.counts() == {"articles": 1, "rejections": 0, "raw_inputs": 1, "pending": 0, "mentions": 0,
                              "events": 0, "copies": 0}


def test_retry_rejected_replaces_the_rejection_of_an_input_that_now_passes(tmp_path, store):
    path = tmp_path / "a.txt"
    path.write_bytes(_text(1))
    ingest([path], store=store, settings=Settings.load(max_input_bytes=10))
    summary = ingest([path], store=store, settings=Settings.load(), retry_rejected=True)
    assert (summary.ingested, summary.rejected) == (1, 0)
    assert store.counts() == {"articles": 1, "rejections": 0, "raw_inputs": 1, "pending": 0, "mentions": 0,
                              "events": 0, "copies": 0}


def test_ingest_reads_stdin_for_dash(store):
    summary = ingest(["-"], store=store, settings=Settings.load(), stdin=io.BytesIO(_text(1)))
    assert summary.ingested == 1
    assert [a.source for a in store.articles()] == ["<stdin>"]


def test_ingest_calls_on_batch_once_per_batch(folder, store):
    seen: list[int] = []
    ingest([folder], store=store, settings=Settings.load(batch_size=3), on_batch=lambda s: seen.append(s.seen))
    assert seen == [3, 4]


def test_identical_text_in_two_files_is_one_article_from_two_inputs(tmp_path, store):
    (tmp_path / "a.txt").write_bytes(_text(1))
    (tmp_path / "b.txt").write_bytes(_text(1) + b"\n")  # different bytes, same article text
    summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store=store, settings=Settings.load())
    assert (summary.ingested, summary.new_articles) == (2, 1)
    assert store.counts()["raw_inputs"] == 2


def test_cli_rerun_says_inputs_had_been_rejected_before(tmp_path):
    from click.testing import CliRunner

    from wirecoder.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "s.duckdb")
    CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db])
    again = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db])
    assert again.exit_code == 1
    assert again.stderr.strip() == ("1 input(s) had been rejected before and were skipped; see wirecoder "
                                    "rejections, or pass --retry-rejected to process them again")


def test_ingest_times_each_step(folder, store):
    summary = ingest([folder], store=store, settings=Settings.load())
    assert {"read", "clean", "nlp", "geo", "code", "store", "copies", "cluster"} <= set(summary.seconds)


def test_articles_an_interrupted_run_left_unsigned_are_signed_by_the_next(tmp_path, store):
    path = tmp_path / "a.txt"
    path.write_bytes(_text(1))
    ingest([path], store=store, settings=Settings.load())
    store.con.execute("DELETE FROM article_signatures")  # as if killed after write_results
    ingest([path], store=store, settings=Settings.load())
    assert store.con.execute("SELECT count(*) FROM article_signatures").fetchone()[0] == 1


def test_mentions_an_interrupted_run_left_unclustered_are_clustered_by_the_next(store):
    from tests.helpers import FIXTURES

    path = FIXTURES / "articles" / "offensive.txt"
    ingest([path], store=store, settings=Settings.load())
    events = store.counts()["events"]
    assert events > 0
    store.con.execute("UPDATE mentions SET event_id = NULL")  # as if killed before the cluster step
    store.con.execute("DELETE FROM events")
    summary = ingest([path], store=store, settings=Settings.load())
    assert summary.clustered > 0
    assert store.counts()["events"] == events
