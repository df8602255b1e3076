"""``wirecoder batch --engine ray``: the same articles, mentions and events as a single-process ``ingest``.

One local Ray (2 CPUs, a small object store) serves the whole module; the batch itself runs once, through the
command, and each test checks one thing about its output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

ray = pytest.importorskip("ray")

from click.testing import CliRunner  # noqa: E402

from wirecoder.batch import RayOptions, run_batch  # noqa: E402
from wirecoder.cli import main  # noqa: E402
from wirecoder.errors import WirecoderError  # noqa: E402
from wirecoder.pipeline import ingest  # noqa: E402
from wirecoder.settings import Settings  # noqa: E402
from wirecoder.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

COMPARED = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM {} ORDER BY id",
    "mentions": "SELECT * EXCLUDE (coded_at) FROM {} ORDER BY id",
    "events": "SELECT * EXCLUDE (added, updated) FROM {} ORDER BY id",
    "article_signatures": "SELECT * FROM {} ORDER BY article_id",
    "rejections": "SELECT * EXCLUDE (rejected_at) FROM {} ORDER BY input_hash",
    "raw_inputs": "SELECT input_hash, source, kind, size, url, status, article_id FROM {} ORDER BY input_hash",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The examples, the team's web fixtures and a dozen reports of four happenings (merged events), plus a near
    copy, an exact repeat and three malformed records, in one JSON Lines file."""
    folder = tmp_path_factory.mktemp("inputs")
    lines = (ROOT / "eval" / "dedup" / "articles.jsonl").read_text().splitlines()[:12]
    copy = json.loads(lines[0])
    copy.update(id="copy-001", title="Troops take Ariha", url="https://example.org/other-outlet/ariha",
                publisher="Other Outlet")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join([*lines, json.dumps(copy), lines[3], '{"text": "cut', "not json",
                               '{"title": "no text"}']) + "\n")
    return [ROOT / "examples", ROOT / "tests" / "fixtures" / "web", feed]


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("config") / "wirecoder.toml"
    path.write_text("[ingest]\nbatch_size = 3\n")  # several batches, so that clustering crosses batches
    return path


@pytest.fixture(scope="module")
def single(inputs, config, tmp_path_factory, _cache_home) -> Path:
    """The same inputs through ``pipeline.ingest`` in one process (this also builds the gazetteer cache the
    actors load)."""
    path = tmp_path_factory.mktemp("single") / "store.duckdb"
    with Store(path) as store:
        ingest(inputs, store=store, settings=Settings.load(config))
    return path


@pytest.fixture(scope="module")
def local_ray(_cache_home):
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # a test sends nothing over the network
    ray.init(num_cpus=2, object_store_memory=100 * 1024 * 1024, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def batch(inputs, config, single, local_ray, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    result = CliRunner().invoke(main, ["--config", str(config), "batch", *map(str, inputs), "--out", str(out),
                                       "--actors", "2", "--block-rows", "2"])
    return out, result


def _single(path: Path, table: str) -> list[tuple]:
    with Store(path, read_only=True) as store:
        return store.con.execute(COMPARED[table].format(table)).fetchall()


def _parquet(out: Path, table: str) -> list[tuple]:
    source = f"read_parquet('{out / table}/**/*.parquet', hive_partitioning = false)"
    return duckdb.connect().execute(COMPARED[table].format(source)).fetchall()


def test_batch_writes_the_articles_ingest_stores(batch, single):
    out, _ = batch
    assert _parquet(out, "articles") == _single(single, "articles")
    assert len(_parquet(out, "articles")) >= 15


def test_batch_codes_the_mentions_ingest_codes(batch, single):
    out, _ = batch
    mentions = _parquet(out, "mentions")
    assert mentions == _single(single, "mentions")
    assert len(mentions) > 20


def test_batch_merges_mentions_into_the_events_ingest_finds(batch, single):
    out, _ = batch
    events = _parquet(out, "events")
    assert events == _single(single, "events")
    with Store(single, read_only=True) as store:
        assert store.con.execute("SELECT max(num_articles) FROM events").fetchall()[0][0] > 1  # merged reports


def test_batch_links_the_copies_ingest_links(batch, single):
    out, _ = batch
    signatures = _parquet(out, "article_signatures")
    assert signatures == _single(single, "article_signatures")
    assert any(row[3] is not None for row in signatures)  # copy_of


def test_batch_records_rejections_with_their_reason_and_exits_1(batch, single):
    out, result = batch
    assert result.exit_code == 1, result.output
    rejections = _parquet(out, "rejections")
    assert rejections == _single(single, "rejections")
    assert sorted(row[3] for row in rejections) == ["E111", "E111", "E112"]
    assert _parquet(out, "raw_inputs") == _single(single, "raw_inputs")


def test_batch_writes_partitions_and_a_manifest(batch):
    out, _ = batch
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["schema_version"] == 6
    assert manifest["counts"]["articles"] == len(_parquet(out, "articles"))
    assert manifest["settings"]["batch_size"] == 3
    assert sorted(p.name for p in (out / "mentions").iterdir())[0].startswith("year=")


def test_a_second_batch_run_into_the_same_folder_adds_no_rows(batch, config, inputs):
    out, _ = batch
    before = {table: _parquet(out, table) for table in COMPARED}
    settings = Settings.load(config)
    summary = run_batch([str(p) for p in inputs], out=out, settings=settings)
    assert summary.ingest.ingested == 0
    assert summary.ingest.rejected == 3  # rejected by the first run, skipped now
    assert {table: _parquet(out, table) for table in COMPARED} == before


def test_an_attached_output_answers_the_commands_and_the_python_api(batch, single, tmp_path):
    import polars as pl

    import wirecoder

    out, _ = batch
    db = tmp_path / "attached.duckdb"
    assert CliRunner().invoke(main, ["db", "attach", str(out), "--db", str(db)]).exit_code == 0
    with Store(single, read_only=True) as store:
        expected = store.counts()
        expected_events = pl.from_arrow(store.events_table()).drop(["added", "updated"])
    with Store(db, read_only=True) as store:
        assert store.counts() == expected
    with wirecoder.open(db) as api:
        assert api.events().drop(["added", "updated"]).equals(expected_events)
    listed = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0
    assert len(json.loads(listed.output)) == expected["events"]


def test_an_actor_set_up_error_stops_the_batch_with_its_message(local_ray, tmp_path):
    settings = Settings.load(spacy_model="no_such_spacy_model")
    with pytest.raises(WirecoderError) as caught:
        run_batch([str(ROOT / "examples" / "wire.jsonl")], out=tmp_path / "out", settings=settings,
                  options=RayOptions(actors=1))
    assert caught.value.code == "E301"
