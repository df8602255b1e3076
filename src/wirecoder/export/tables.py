"""Every field of every canonical event as a table: flat CSV, or Parquet with nested fields kept.

- :func:`write_csv`: one row per event, columns :data:`CSV_COLUMNS`. Nested dicts are flattened with their key as
  prefix (``source_code``, ``location_lat``, ``plover_type``, ``acled_event_type``); lists are joined with
  ``"; "`` (``sources``; associates as three aligned lists ``associates_code``/``_name``/``_text``, an empty item
  where a value is missing). Empty cells are missing values; numbers are written as Python writes them, so floats
  come back exactly.
- :func:`write_parquet`: one row per event with :data:`PARQUET_SCHEMA`: actors, ``plover``, ``acled`` and
  ``location`` are structs, ``associates`` a list of actor structs, ``sources`` a list of strings; dates are
  ``date32``, ``added`` a ``timestamp[us]``, counts and codes are integers of fixed width. Keys outside the
  schema are dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from . import as_date, as_datetime

ACTOR_FIELDS: tuple[str, ...] = ("code", "name", "country", "sector", "text")
LOCATION_FIELDS: tuple[str, ...] = ("name", "text", "start", "end", "geonameid", "lat", "lon", "country", "admin1",
                                    "feature", "precision")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "date", "date_precision",
    *(f"source_{f}" for f in ACTOR_FIELDS),
    *(f"target_{f}" for f in ACTOR_FIELDS),
    "associates_code", "associates_name", "associates_text",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "acled_event_type", "acled_sub_event_type", "fatalities",
    *(f"location_{f}" for f in LOCATION_FIELDS),
    "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "confidence",
    "sentence", "article_id", "url", "sources", "added",
)
"""Columns of the flat CSV, in order."""

_ACTOR = pa.struct([(f, pa.string()) for f in ACTOR_FIELDS])
_LOCATION = pa.struct([
    ("name", pa.string()), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("geonameid", pa.int64()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
    ("admin1", pa.string()), ("feature", pa.string()), ("precision", pa.int8()),
])

PARQUET_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("date", pa.date32()),
    ("date_precision", pa.int8()),
    ("source", _ACTOR),
    ("target", _ACTOR),
    ("associates", pa.list_(pa.field("element", _ACTOR))),
    ("cameo", pa.string()),
    ("cameo_root", pa.string()),
    ("quad_class", pa.int8()),
    ("goldstein", pa.float64()),
    ("plover", pa.struct([("type", pa.string()), ("mode", pa.string())])),
    ("acled", pa.struct([("event_type", pa.string()), ("sub_event_type", pa.string())])),
    ("fatalities", pa.int32()),
    ("location", _LOCATION),
    ("num_mentions", pa.int32()),
    ("num_articles", pa.int32()),
    ("num_sources", pa.int32()),
    ("first_seen", pa.date32()),
    ("last_seen", pa.date32()),
    ("confidence", pa.float64()),
    ("sentence", pa.string()),
    ("article_id", pa.string()),
    ("url", pa.string()),
    ("sources", pa.list_(pa.field("element", pa.string()))),
    ("added", pa.timestamp("us")),
])
"""The Parquet file's schema: the canonical event's shape, typed. List items are named ``element`` and ``added`` is
in microseconds (as the store keeps it), so the schema reads back from the file unchanged."""

_DATES = ("date", "first_seen", "last_seen")
_BATCH = 10_000


def csv_row(event: Mapping[str, Any]) -> dict[str, str]:
    """One canonical event as a flat CSV row (column -> text; ``""`` for missing values)."""
    row: dict[str, Any] = {}
    for name in ("id", "date_precision", "cameo", "cameo_root", "quad_class", "goldstein", "fatalities",
                 "num_mentions", "num_articles", "num_sources", "confidence", "sentence", "article_id", "url"):
        row[name] = event.get(name)
    for name in _DATES:
        day = as_date(event.get(name))
        row[name] = day.isoformat() if day else None
    for role in ("source", "target"):
        actor = event.get(role) or {}
        for f in ACTOR_FIELDS:
            row[f"{role}_{f}"] = actor.get(f)
    associates = event.get("associates") or ()
    for f in ("code", "name", "text"):
        row[f"associates_{f}"] = "; ".join(_text(a.get(f)) for a in associates) if associates else None
    plover = event.get("plover") or {}
    row["plover_type"], row["plover_mode"] = plover.get("type"), plover.get("mode")
    acled = event.get("acled") or {}
    row["acled_event_type"], row["acled_sub_event_type"] = acled.get("event_type"), acled.get("sub_event_type")
    location = event.get("location") or {}
    for f in LOCATION_FIELDS:
        row[f"location_{f}"] = location.get(f)
    row["sources"] = "; ".join(event.get("sources") or ()) or None
    added = as_datetime(event.get("added"))
    row["added"] = added.isoformat() if added else None
    return {name: _text(row[name]) for name in CSV_COLUMNS}


def write_csv(events: Iterable[Mapping[str, Any]], handle: TextIO) -> int:
    """Write events as a flat CSV with a header (:data:`CSV_COLUMNS`); return the rows written."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


def parquet_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One canonical event as a row of :data:`PARQUET_SCHEMA` (Python values: dates as ``date``, structs as
    dicts with exactly the schema's keys)."""
    row = {name: event.get(name) for name in PARQUET_SCHEMA.names}
    for name in _DATES:
        row[name] = as_date(row[name])
    row["added"] = as_datetime(row["added"])
    row["source"], row["target"] = _actor(row["source"]), _actor(row["target"])
    row["associates"] = [_actor(a) for a in row["associates"] or ()]
    row["sources"] = list(row["sources"] or ())
    row["plover"] = _pick(row["plover"], ("type", "mode"))
    row["acled"] = _pick(row["acled"], ("event_type", "sub_event_type"))
    row["location"] = _pick(row["location"], LOCATION_FIELDS)
    return row


def write_parquet(events: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write events to a Parquet file with :data:`PARQUET_SCHEMA` (in row groups of 10,000); return the rows
    written. An empty input gives a file with the schema and no rows."""
    n = 0
    iterator = iter(events)
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA) as writer:
        while batch := [parquet_row(e) for e in itertools.islice(iterator, _BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            n += len(batch)
    return n


def _actor(actor: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return _pick(actor, ACTOR_FIELDS)


def _pick(value: Mapping[str, Any] | None, keys: Iterable[str]) -> dict[str, Any] | None:
    return {k: value.get(k) for k in keys} if value else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
