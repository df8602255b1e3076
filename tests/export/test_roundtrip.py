"""Round trips: each format written to a file and loaded back with DuckDB gives the same rows and values.

CSV and TSV are read as text (``all_varchar``) and compared with the rows as written, a missing value (NULL) being
an empty field; JSON Lines and Parquet are compared with their typed values.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from tests.export.test_events import all_events
from wirecoder.export import write
from wirecoder.export.acled import ACLED_COLUMNS, acled_row
from wirecoder.export.gdelt import GDELT_COLUMNS, gdelt_row
from wirecoder.export.plover import PLOVER_FIELDS, plover_record
from wirecoder.export.tables import CSV_COLUMNS, PARQUET_SCHEMA, csv_row, parquet_row


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _text_rows(relation) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else v for v in row) for row in relation.fetchall()]


def _dicts(relation) -> list[dict]:
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def test_gdelt_round_trip(tmp_path, con):
    path = tmp_path / "events.tsv"
    write("gdelt", all_events(), path)
    relation = con.read_csv(str(path), delimiter="\t", header=False, all_varchar=True, quotechar="")
    assert len(relation.columns) == len(GDELT_COLUMNS)
    assert _text_rows(relation) == [tuple(gdelt_row(e)) for e in all_events()]


def test_acled_round_trip(tmp_path, con):
    path = tmp_path / "events.csv"
    write("acled", all_events(), path)
    relation = con.read_csv(str(path), header=True, all_varchar=True)
    assert tuple(relation.columns) == ACLED_COLUMNS
    expected = [tuple(str(v) for v in row.values()) for e in all_events() if (row := acled_row(e)) is not None]
    assert _text_rows(relation) == expected


def test_plover_round_trip(tmp_path, con):
    path = tmp_path / "events.jsonl"
    write("plover", all_events(), path)
    relation = con.read_json(str(path))
    assert tuple(relation.columns) == PLOVER_FIELDS
    expected = [record for e in all_events() if (record := plover_record(e)) is not None]
    for record in expected:  # DuckDB reads ISO dates as dates
        record["date"] = dt.date.fromisoformat(record["date"]) if record["date"] else None
    assert _dicts(relation) == expected


def test_csv_round_trip(tmp_path, con):
    path = tmp_path / "events.csv"
    write("csv", all_events(), path)
    relation = con.read_csv(str(path), header=True, all_varchar=True)
    assert tuple(relation.columns) == CSV_COLUMNS
    assert _text_rows(relation) == [tuple(csv_row(e).values()) for e in all_events()]


def test_parquet_round_trip(tmp_path, con):
    path = tmp_path / "events.parquet"
    write("parquet", all_events(), path)
    relation = con.read_parquet(str(path))
    assert tuple(relation.columns) == tuple(PARQUET_SCHEMA.names)
    rows = _dicts(relation)
    assert rows == [parquet_row(e) for e in all_events()]
    first = rows[0]
    assert (first["quad_class"], first["goldstein"], first["location"]["lat"], first["fatalities"]) == (
        4, -10.0, 34.50959, 12)
    assert first["date"] == dt.date(2013, 6, 5) and first["added"] == dt.datetime(2013, 6, 6, 8, 15, 30)
    assert first["associates"][0]["code"] == "LBNREB" and first["sources"] == ["Example Times", "Wire Service"]
