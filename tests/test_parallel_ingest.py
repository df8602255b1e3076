"""``wirecoder ingest --processes N``: the same store as one process, written by this process alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.pipeline import ingest
from wirecoder.settings import Settings
from wirecoder.store import Store

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "examples", ROOT / "tests" / "fixtures" / "web"]


def _contents(path: Path) -> dict[str, list]:
    with Store(path, read_only=True) as store:
        con = store.con
        return {
            "articles": con.execute("SELECT id, title, body FROM articles ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT id, cameo, source.code, target.code, location.geonameid, \"date\", "
                                    "event_id FROM mentions ORDER BY id").fetchall(),
            "events": con.execute("SELECT id, cameo, num_mentions, num_sources FROM events ORDER BY id").fetchall(),
            "statuses": con.execute("SELECT input_hash, status FROM raw_inputs ORDER BY input_hash").fetchall(),
        }


@pytest.fixture(scope="module")
def stores(tmp_path_factory, _cache_home) -> dict[int, Path]:
    # small batches, so that several batches are in flight at once
    settings = Settings.load(batch_size=3)
    out = {}
    for processes in (1, 2):
        path = tmp_path_factory.mktemp(f"p{processes}") / "store.duckdb"
        with Store(path) as store:
            summary = ingest(INPUTS, store=store, settings=settings, processes=processes)
        assert summary.rejected == 0
        out[processes] = path
    return out


def test_two_processes_store_the_same_articles(stores):
    assert _contents(stores[2])["articles"] == _contents(stores[1])["articles"]


def test_two_processes_code_the_same_mentions_and_events(stores):
    one, two = _contents(stores[1]), _contents(stores[2])
    assert two["mentions"] == one["mentions"]
    assert two["events"] == one["events"]


def test_two_processes_finish_every_input(stores):
    assert {status for _, status in _contents(stores[2])["statuses"]} == {"ingested"}


def test_a_second_parallel_run_adds_nothing(stores):
    before = _contents(stores[2])
    with Store(stores[2]) as store:
        summary = ingest(INPUTS, store=store, settings=Settings.load(batch_size=3), processes=2)
    assert summary.ingested == 0
    assert summary.skipped == summary.seen
    assert _contents(stores[2]) == before


def test_parallel_ingest_counts_each_stage(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([ROOT / "examples"], store=store, settings=Settings.load(), processes=2)
    assert {"clean", "nlp", "code", "geo", "store", "cluster"} <= set(summary.seconds)


def test_a_worker_set_up_error_stops_the_run_with_its_message(tmp_path):
    from wirecoder.errors import WirecoderError

    settings = Settings.load(spacy_model="no_such_spacy_model")
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(WirecoderError) as caught:
        ingest([ROOT / "examples"], store=store, settings=settings, processes=2)
    assert caught.value.code == "E301"


def test_parallel_ingest_reports_the_largest_workers_peak_memory(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([ROOT / "examples"], store=store, settings=Settings.load(), processes=2)
    assert 50 < summary.worker_peak_rss_mb < 4096


def test_a_worker_that_dies_rejects_only_the_input_it_dies_on():
    from tests.helpers import make_raw
    from tests.worker_doubles import run_or_die, start
    from wirecoder.pipeline import Workers

    chunk = [make_raw("one", source="one"), make_raw("poison", source="poison"), make_raw("two", source="two")]
    workers = Workers(Settings.load(), 1, run=run_or_die, start=start)
    try:
        results = [r for found, _ in workers.outcome(chunk, workers.submit(chunk)) for r in found]
        again = [r for found, _ in workers.outcome([chunk[2]], workers.submit([chunk[2]])) for r in found]
    finally:
        workers.close()
    assert [(r.source, r.rejection.code) for r in results] == [("one", "T000"), ("poison", "E998"), ("two", "T000")]
    message = results[1].rejection.message
    assert message.startswith("the worker process died while processing this input (")
    assert message.endswith("); it was retried alone and died again, so it is rejected (the input is kept in "
                            "raw_inputs; a smaller input or more memory may let it through)")
    assert [r.rejection.code for r in again] == ["T000"]  # the pool works again afterwards


def test_ingest_runs_on_a_given_pool_and_leaves_it_open(tmp_path):
    from tests.worker_doubles import run_or_die, start
    from wirecoder.pipeline import Workers

    codes = []
    with Workers(Settings.load(), 2, run=run_or_die, start=start) as workers:
        for number in (1, 2):  # the second ingest finds the pool still open
            with Store(tmp_path / f"s{number}.duckdb") as store:
                summary = ingest([ROOT / "examples"], store=store, settings=Settings.load(), workers=workers)
            codes.append({r.code for r in summary.rejections})
    assert codes == [{"T000"}, {"T000"}]  # each input went through the given pool's stand-in worker
