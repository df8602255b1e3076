"""A store as a folder of Parquet files, and a store file that reads such a folder (``wirecoder db attach``).

``wirecoder batch`` writes its output here: every table of the store, as Parquet, so that any Parquet reader
(Spark, polars, pyarrow, DuckDB) can load it without wirecoder. Articles, mentions and events are partitioned by
the year and month of their date (Hive layout, ``mentions/year=2024/month=3/data_0.parquet``; undated rows under
``year=__HIVE_DEFAULT_PARTITION__``); the partition columns are only in the folder names, never in the files.

:func:`attach` makes the other direction: a small DuckDB file whose tables are views over that folder, with the
store's own column names and types, so ``wirecoder events``, ``wirecoder serve`` and ``wirecoder.open`` read it
like any store. The views read the Parquet files at each query, so re-running ``wirecoder batch`` into the same
folder is seen at once. The file records the folder it is attached to in ``schema_info`` (``attached_to``), and
:class:`~wirecoder.store.Store` refuses to open it for writing (E706).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .. import errors
from ..errors import StoreError
from ..records import SCHEMA_VERSION
from .duckdb import Store

MANIFEST = "manifest.json"
FORMAT = "wirecoder-parquet"
"""``manifest.json``'s ``format``: what :func:`attach` checks before trusting a folder."""


@dataclass(frozen=True, slots=True)
class TableLayout:
    """How one store table is written: the folder, the date column it is partitioned by (None: not partitioned),
    the columns left out (read back as NULL) and the sort order inside the files."""

    name: str
    partition_date: str | None
    order_by: str
    omitted: tuple[str, ...] = ()


TABLES = (
    TableLayout("articles", "published", "id"),
    TableLayout("mentions", "date", "article_id, sentence_index, id"),
    TableLayout("events", "date", "id"),
    TableLayout("rejections", None, "input_hash"),
    # The raw bytes stay in the working store (DIR/_state): they are for replaying rejections, not for reading.
    TableLayout("raw_inputs", None, "input_hash", omitted=("content",)),
    TableLayout("article_signatures", None, "article_id"),
    TableLayout("article_bands", None, "bucket, article_id"),
)
"""Every table of the store but ``schema_info``, in the order they are written."""


def write_parquet(store: Store, out: Path, *, manifest: dict[str, Any]) -> dict[str, int]:
    """Write every table of ``store`` under ``out`` (one folder per table) and ``out/manifest.json``.

    The new files are written beside the old ones (``out/.write-ID``) and each table's folder is then swapped in,
    so a reader sees either the previous run's folder or the new one, never a half-written one; the manifest is
    replaced last. Returns the row count of each table (also in the manifest, with ``manifest``'s own keys).
    """
    staging = out / f".write-{uuid.uuid4().hex[:12]}"
    staging.mkdir(parents=True)
    counts: dict[str, int] = {}
    try:
        for table in TABLES:
            counts[table.name] = _copy_table(store, table, staging / table.name)
        retired = out / f".old-{uuid.uuid4().hex[:12]}"
        retired.mkdir()
        for table in TABLES:
            target = out / table.name
            if target.exists():
                os.replace(target, retired / table.name)
            os.replace(staging / table.name, target)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    body = {"format": FORMAT, "schema_version": SCHEMA_VERSION, **manifest, "counts": counts,
            "tables": {t.name: {"partition_by": ["year", "month"] if t.partition_date else [],
                                "partition_date": t.partition_date, "omitted": list(t.omitted)} for t in TABLES}}
    _write_json(out / MANIFEST, body)
    return counts


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The folder's manifest, or None when it has none (not a wirecoder Parquet output, or not one yet)."""
    try:
        value = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError("E707", errors.E707.format(out=out, reason=f"its {MANIFEST} is unreadable ({exc})")) from exc
    return value if isinstance(value, dict) and value.get("format") == FORMAT else None


def attach(out: str | os.PathLike[str], db: str | os.PathLike[str]) -> Path:
    """Make ``db`` a store whose tables are views over the Parquet folder ``out``; returns ``db``'s path.

    An existing ``db`` is replaced only when it is itself an attached store (attaching again refreshes it);
    anything else there is left alone (E707). Raises E707 when ``out`` is not a Parquet output of this schema
    version.
    """
    folder = Path(out).resolve()
    manifest = read_manifest(folder) if folder.is_dir() else None
    if manifest is None:
        reason = "no such folder" if not folder.is_dir() else f"it has no wirecoder {MANIFEST}; write it with " \
                                                              "wirecoder batch INPUT... --out DIR"
        raise StoreError("E707", errors.E707.format(out=folder, reason=reason))
    found = manifest.get("schema_version")
    if found != SCHEMA_VERSION:
        fix = "upgrade wirecoder" if isinstance(found, int) and found > SCHEMA_VERSION else \
            "write it again with this wirecoder (wirecoder batch INPUT... --out DIR)"
        reason = f"it has schema version {found}, this wirecoder reads {SCHEMA_VERSION}; {fix}"
        raise StoreError("E707", errors.E707.format(out=folder, reason=reason))
    path = Path(db)
    if path.exists() and attached_to(path) is None:
        reason = f"{path} already exists and is not an attached store; pass another --db"
        raise StoreError("E707", errors.E707.format(out=folder, reason=reason))
    columns = _store_columns()
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    con = duckdb.connect(str(partial))
    try:
        con.execute("CREATE TABLE schema_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.execute("INSERT INTO schema_info VALUES ('schema_version', ?), ('created_at', ?), ('attached_to', ?)",
                    [str(SCHEMA_VERSION), dt.datetime.now(dt.UTC).isoformat(), str(folder)])
        for table in TABLES:
            con.execute(_view_sql(table, columns[table.name], folder / table.name))
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        partial.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(partial, path)
    return path


def attached_to(db: Path) -> str | None:
    """The folder a store file is attached to, or None when it is an ordinary store (or not a store)."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = con.execute("SELECT value FROM schema_info WHERE key = 'attached_to'").fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return rows[0][0] if rows else None


def _copy_table(store: Store, table: TableLayout, folder: Path) -> int:
    """COPY one table into ``folder``; a table with no rows still gets one (empty) file, so readers find it."""
    names = [row[0] for row in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
        "ORDER BY ordinal_position", [table.name]).fetchall()]
    select = ", ".join(f'"{n}"' for n in names if n not in table.omitted)
    ((count,),) = store.con.execute(f"SELECT count(*) FROM {table.name}").fetchall()
    folder.mkdir(parents=True)
    target = str(folder).replace("'", "''")
    if table.partition_date and count:
        date = f'"{table.partition_date}"'
        store.con.execute(
            f"COPY (SELECT {select}, year({date}) AS year, month({date}) AS month FROM {table.name} "
            f"ORDER BY {table.order_by}) TO '{target}' (FORMAT parquet, PARTITION_BY (year, month))").fetchall()
    else:
        store.con.execute(f"COPY (SELECT {select} FROM {table.name} ORDER BY {table.order_by}) "
                          f"TO '{target}/data_0.parquet' (FORMAT parquet)").fetchall()
    return count


def _store_columns() -> dict[str, list[tuple[str, str]]]:
    """(name, DuckDB type) of every column of each table, from a new store of this schema version."""
    with Store(":memory:") as scratch:
        rows = scratch.con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
            "ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, kind))
    return out


def _view_sql(table: TableLayout, columns: list[tuple[str, str]], folder: Path) -> str:
    """A view with the table's columns and types, in its order, over every Parquet file under ``folder``."""
    pattern = f"{folder}/**/*.parquet".replace("'", "''")
    parts = [f'CAST(NULL AS {kind}) AS "{name}"' if name in table.omitted else f'CAST("{name}" AS {kind}) AS "{name}"'
             for name, kind in columns]
    return (f"CREATE VIEW {table.name} AS SELECT {', '.join(parts)} "
            f"FROM read_parquet('{pattern}', hive_partitioning = false, union_by_name = true)")


def _write_json(path: Path, value: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    partial.write_text(json.dumps(value, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    os.replace(partial, path)
