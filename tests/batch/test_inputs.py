"""What ``wirecoder batch`` reads: the inputs ``wirecoder ingest`` reads, plus URLs and Parquet tables. No Ray."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from wirecoder.batch import run_batch
from wirecoder.batch.inputs import read_batch_inputs
from wirecoder.cli import main
from wirecoder.errors import WirecoderError
from wirecoder.ingest import read_inputs
from wirecoder.records import RawInput, Rejection

ROOT = Path(__file__).resolve().parents[2]
RECORDS = [
    {"id": "p-1", "title": "Rebels attack army post", "date": "2024-03-01", "publisher": "Example Wire",
     "text": "Rebels attacked an army post near Aleppo on Monday."},
    {"id": "p-2", "text": "Protesters marched in Quito on Tuesday.", "url": "https://example.org/quito"},
]


def _keys(items) -> list[tuple[str, str]]:
    return [(item.input_hash, item.source) for item in items]


def test_local_inputs_are_the_inputs_ingest_reads(settings):
    paths = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "web")]
    assert _keys(read_batch_inputs(paths, settings=settings)) == _keys(read_inputs(paths, settings=settings))


def test_parquet_rows_are_the_inputs_of_a_json_array_of_the_same_records(tmp_path, settings):
    fields = sorted({key for record in RECORDS for key in record})
    table = pa.table({key: [record.get(key) for record in RECORDS] for key in fields})  # absent: null
    pq.write_table(table, tmp_path / "feed.parquet")
    (tmp_path / "feed.json").write_text(json.dumps(RECORDS))
    from_parquet = list(read_batch_inputs([str(tmp_path / "feed.parquet")], settings=settings))
    from_json = list(read_inputs([tmp_path / "feed.json"], settings=settings))
    assert [r.content for r in from_parquet] == [r.content for r in from_json]
    assert [r.source for r in from_parquet] == [f"{tmp_path / 'feed.parquet'}[0]", f"{tmp_path / 'feed.parquet'}[1]"]


def test_a_parquet_date_column_becomes_the_iso_date_of_the_record(tmp_path, settings):
    pq.write_table(pa.table({"text": ["Troops clashed."], "date": [dt.date(2024, 3, 1)]}), tmp_path / "d.parquet")
    (raw,) = read_batch_inputs([str(tmp_path / "d.parquet")], settings=settings)
    assert json.loads(raw.content)["date"] == "2024-03-01"


def test_a_damaged_parquet_file_is_rejected_with_e104(tmp_path, settings):
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really parquet")
    (rejection,) = read_batch_inputs([str(tmp_path / "broken.parquet")], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E104"
    assert "Parquet" in rejection.message


def test_a_file_url_gives_the_inputs_of_the_path_with_the_url_as_source(settings):
    path = ROOT / "examples" / "wire.jsonl"
    local = list(read_inputs([path], settings=settings))
    remote = list(read_batch_inputs([path.as_uri()], settings=settings))
    assert [r.input_hash for r in remote] == [r.input_hash for r in local]
    assert [r.source for r in remote] == [f"{path.as_uri()}:1", f"{path.as_uri()}:2"]
    assert all(isinstance(r, RawInput) for r in remote)


def test_a_folder_url_is_read_recursively_in_sorted_order(settings):
    folder = ROOT / "examples"
    remote = list(read_batch_inputs([folder.as_uri()], settings=settings))
    assert [r.input_hash for r in remote] == [r.input_hash for r in read_inputs([folder], settings=settings)]


def test_batch_without_ray_says_how_to_install_it(monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    result = CliRunner().invoke(main, ["batch", str(ROOT / "examples"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "E601" in result.output and "pip install" in result.output


def test_batch_refuses_an_output_folder_holding_other_files(tmp_path, settings):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(WirecoderError) as caught:
        run_batch([str(ROOT / "examples")], out=tmp_path, settings=settings)
    assert caught.value.code == "E603"
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_batch_calls_a_missing_local_input_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
