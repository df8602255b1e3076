"""Flat CSV and Parquet tables of canonical events (``wirecoder.export.tables``) and the format registry."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.export.test_events import all_events, battle, gunmen, protest, undated
from wirecoder.export import FORMATS, write
from wirecoder.export.tables import CSV_COLUMNS, PARQUET_SCHEMA, csv_row, parquet_row


def test_csv_flattens_nested_fields():
    row = csv_row(battle())
    assert tuple(row) == CSV_COLUMNS
    assert (row["source_code"], row["source_sector"], row["target_text"]) == ("SYRMIL", "MIL", "rebels")
    assert (row["location_name"], row["location_lat"], row["location_geonameid"]) == (
        "Al Qusayr", "34.50959", "170017")
    assert (row["plover_type"], row["plover_mode"], row["acled_sub_event_type"]) == ("ASSAULT", "", "Armed clash")


def test_csv_joins_lists():
    row = csv_row(battle())
    assert row["sources"] == "Example Times; Wire Service"
    assert (row["associates_code"], row["associates_name"], row["associates_text"]) == (
        "LBNREB", "Hezbollah", "Hezbollah fighters")


def test_csv_missing_values_are_empty():
    row = csv_row(undated())
    assert row["date"] == row["location_name"] == row["first_seen"] == row["associates_code"] == ""
    assert csv_row(gunmen())["source_code"] == ""
    assert csv_row(protest())["target_code"] == csv_row(protest())["fatalities"] == ""


def test_parquet_schema_keeps_structs_and_lists():
    assert pa.types.is_struct(PARQUET_SCHEMA.field("source").type)
    assert pa.types.is_struct(PARQUET_SCHEMA.field("location").type)
    assert pa.types.is_list(PARQUET_SCHEMA.field("associates").type)
    assert PARQUET_SCHEMA.field("date").type == pa.date32()
    assert PARQUET_SCHEMA.field("goldstein").type == pa.float64()


def test_parquet_row_types_dates():
    row = parquet_row(battle())
    assert row["date"] == dt.date(2013, 6, 5)
    assert row["added"] == dt.datetime(2013, 6, 6, 8, 15, 30)


def test_parquet_drops_keys_outside_the_schema(tmp_path):
    event = battle()
    event["source"]["start"] = 0  # the store's actor structs carry spans; the export does not
    event["extra"] = "dropped"
    assert write("parquet", [event], tmp_path / "e.parquet") == 1
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.equals(PARQUET_SCHEMA)
    assert table.column("source")[0].as_py() == battle()["source"]


def test_empty_parquet_has_the_schema(tmp_path):
    assert write("parquet", iter([]), tmp_path / "empty.parquet") == 0
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and table.schema.equals(PARQUET_SCHEMA)


def test_formats_registry():
    assert set(FORMATS) == {"gdelt", "acled", "plover", "csv", "parquet"}
    assert all(callable(f.writer) for f in FORMATS.values())


@pytest.mark.parametrize(("fmt", "rows"), [("gdelt", 6), ("acled", 4), ("plover", 5), ("csv", 6), ("parquet", 6)])
def test_write_returns_rows_written(tmp_path, fmt, rows):
    assert write(fmt, all_events(), tmp_path / f"out{FORMATS[fmt].suffix}") == rows


def test_write_unknown_format():
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write("xml", [], "out.xml")
