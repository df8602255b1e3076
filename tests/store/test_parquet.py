"""A store written as Parquet (``store/parquet.py``) and attached again (``wirecoder db attach``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from wirecoder.cli import main
from wirecoder.errors import StoreError
from wirecoder.pipeline import ingest
from wirecoder.store import Store
from wirecoder.store.parquet import attach, write_parquet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def written(tmp_path_factory, _cache_home) -> tuple[Path, Path]:
    """The examples ingested into a store, and that store written as Parquet."""
    from wirecoder.settings import Settings

    folder = tmp_path_factory.mktemp("parquet")
    db = folder / "store.duckdb"
    with Store(db) as store:
        ingest([ROOT / "examples"], store=store, settings=Settings.load())
        write_parquet(store, folder / "out", manifest={"engine": "test"})
    return db, folder / "out"


def test_an_attached_folder_reads_like_the_store_it_was_written_from(written, tmp_path):
    db, out = written
    attached = attach(out, tmp_path / "a.duckdb")
    with Store(db, read_only=True) as original, Store(attached, read_only=True) as copy:
        assert copy.counts() == original.counts()
        assert pl.from_arrow(copy.events_table()).equals(pl.from_arrow(original.events_table()))
        assert list(copy.iter_mentions()) == list(original.iter_mentions())
        assert copy.articles() == original.articles()


def test_an_attached_store_has_the_stores_column_types(written, tmp_path):
    db, out = written
    attached = attach(out, tmp_path / "a.duckdb")
    query = "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY ALL"
    with Store(db, read_only=True) as original, Store(attached, read_only=True) as copy:
        assert copy.con.execute(query).fetchall() == original.con.execute(query).fetchall()


def test_writing_into_an_attached_store_is_refused_with_e706(written, tmp_path):
    _, out = written
    attached = attach(out, tmp_path / "a.duckdb")
    with pytest.raises(StoreError) as caught:
        Store(attached)
    assert caught.value.code == "E706"
    assert "wirecoder batch" in caught.value.message


def test_attach_leaves_an_ordinary_store_alone(written):
    db, out = written
    with pytest.raises(StoreError) as caught:
        attach(out, db)
    assert caught.value.code == "E707"
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] > 0


def test_attach_refuses_a_folder_without_a_manifest(tmp_path):
    (tmp_path / "plain").mkdir()
    result = CliRunner().invoke(main, ["db", "attach", str(tmp_path / "plain"), "--db", str(tmp_path / "a.duckdb")])
    assert result.exit_code == 1
    assert "E707" in result.output


def test_an_attached_store_whose_folder_is_gone_says_so_on_open(written, tmp_path):
    _, out = written
    moved = tmp_path / "out"
    shutil.copytree(out, moved)
    attached = attach(moved, tmp_path / "a.duckdb")
    shutil.rmtree(moved)
    with pytest.raises(StoreError) as caught:
        Store(attached, read_only=True)
    assert caught.value.code == "E702"
    assert "attach it again" in caught.value.message


def test_a_table_with_no_rows_is_still_a_readable_file(written, tmp_path):
    _, out = written
    attached = attach(out, tmp_path / "a.duckdb")
    with Store(attached, read_only=True) as store:
        assert store.rejections() == []
