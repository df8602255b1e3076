"""The Python API: a wirecoder store as polars DataFrames.

    import wirecoder
    with wirecoder.open("wirecoder.duckdb") as db:
        battles = db.events(country="SYR", cameo="19", since="2013-06-01")
        print(battles.select("date", "cameo", "num_sources"))

``events(**filters)`` takes the filters of ``wirecoder events`` (:class:`wirecoder.store.query.EventQuery`:
``since``, ``until``, ``country``, ``actor``, ``cameo``, ``plover``, ``acled``, ``near=(lat, lon)``, ``km``,
``bbox=(w, s, e, n)``, ``min_sources``, ``include_future``, ``limit``); dates may be ``datetime.date`` or ISO
strings. Structs (``source``, ``target``, ``location``) stay structs: ``df.unnest("location")`` or
``pl.col("location").struct.field("lat")`` reach their fields. The store is opened read-only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl

from .store import Store
from .store.query import EventQuery


class Database:
    """A store opened read-only. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path):
        self.store = Store(path, read_only=True)

    def events(self, **filters: Any) -> pl.DataFrame:
        """Canonical events (one per real-world happening), newest first."""
        for key in ("since", "until"):
            if isinstance(filters.get(key), str):
                filters[key] = dt.date.fromisoformat(filters[key])
        return pl.from_arrow(self.store.events_table(EventQuery(**filters)))

    def mentions(self, *, article_id: str | None = None, include_unasserted: bool = False) -> pl.DataFrame:
        """Every sentence-level coding with its provenance; ``event_id`` links it to its event."""
        return pl.from_arrow(self.store.mentions_table(article_id=article_id, include_unasserted=include_unasserted))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(path: str | Path = "wirecoder.duckdb") -> Database:
    """Open a wirecoder store for reading (``WirecoderError`` E702 when it does not exist or is not a store)."""
    return Database(path)
