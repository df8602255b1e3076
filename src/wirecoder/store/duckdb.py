"""The embedded DuckDB store.

Writes go through Arrow tables in one transaction per batch (DuckDB's ``executemany`` manages a few
hundred rows a second; an Arrow insert manages hundreds of thousands). Every query binds its values as
parameters; table and column names are constants of this module, never user text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .. import errors
from ..errors import StoreError
from ..records import SCHEMA_VERSION, UNASSERTED, Article, Event, RawInput, Rejection, Result
from .query import EventQuery, like_literal

_ARTICLE_COLUMNS = (
    "id, source, publisher, title, published, authors, dateline, body, boilerplate, language"
)


class Store:
    """A wirecoder store in one DuckDB file (or ``:memory:``).

    Args:
        path: the database file; created with the current schema when missing.
        read_only: open for reading only (several readers may share a file).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError("E702", errors.E702.format(path=self.path, reason="no such file; run wirecoder ingest"))
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError("E703", errors.E703.format(path=self.path)) from exc
            raise StoreError("E702", errors.E702.format(path=self.path, reason=exc)) from exc
        except duckdb.Error as exc:
            raise StoreError("E702", errors.E702.format(path=self.path, reason=exc)) from exc
        try:
            self._check_attached(read_only=read_only)
            if not read_only:
                self._migrate()
            self._check_version()
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema -----------------------------------------------------------------------------

    def _migrate(self) -> None:
        found = self._schema_version()
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError("E701", errors.E701.format(path=self.path, found=found, supported=SCHEMA_VERSION))
        if found is None:
            tables = [row[0] for row in self.con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name LIMIT 5").fetchall()]
            if tables:  # somebody else's database: never add our tables to it
                reason = f"not a wirecoder store (it holds tables {', '.join(tables)}); use another --db"
                raise StoreError("E702", errors.E702.format(path=self.path, reason=reason))
        if found is not None and found < 4:
            self._rename_mentions()
        _exec(self.con, resources.files(__package__).joinpath("schema.sql").read_text())
        if found is None:
            _exec(self.con,
                "INSERT INTO schema_info VALUES ('schema_version', ?), ('created_at', ?)",
                [str(SCHEMA_VERSION), dt.datetime.now(dt.UTC).isoformat()],
            )
        elif found < SCHEMA_VERSION:  # the CREATE ... IF NOT EXISTS above added what the old version lacked
            with self._transaction():
                if found < 6:
                    _exec(self.con, _FILL_URL_AND_SOURCES)
                _exec(self.con, "UPDATE schema_info SET value = ? WHERE key = 'schema_version'",
                      [str(SCHEMA_VERSION)])

    def _check_attached(self, *, read_only: bool) -> None:
        """A store made by ``wirecoder db attach`` is views over a Parquet folder (``store/parquet.py``): it is
        never written (E706), and it is of no use once that folder is gone (E702, said now rather than at the
        first query)."""
        try:
            rows = self.con.execute("SELECT value FROM schema_info WHERE key = 'attached_to'").fetchall()
        except duckdb.CatalogException:
            return
        if not rows:
            return
        folder = rows[0][0]
        if not read_only:
            raise StoreError("E706", errors.E706.format(path=self.path, out=folder))
        if not Path(folder).is_dir():
            reason = (f"the Parquet output {folder} it is attached to is missing; attach it again with "
                      f"wirecoder db attach DIR --db {self.path}")
            raise StoreError("E702", errors.E702.format(path=self.path, reason=reason))

    def _rename_mentions(self) -> None:
        """Before schema version 4 the ``events`` table held mentions: it becomes ``mentions``."""
        tables = {row[0] for row in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "events" in tables and "mentions" not in tables:
            _exec(self.con, "ALTER TABLE events RENAME TO mentions")

    def _schema_version(self) -> int | None:
        try:
            rows = self.con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchall()
        except duckdb.CatalogException:
            return None
        return int(rows[0][0]) if rows else None

    def _check_version(self) -> None:
        found = self._schema_version()
        if found is None:
            raise StoreError("E702", errors.E702.format(path=self.path, reason="not a wirecoder store"))
        if found > SCHEMA_VERSION:
            raise StoreError("E701", errors.E701.format(path=self.path, found=found, supported=SCHEMA_VERSION))
        if found < SCHEMA_VERSION:
            reason = (f"it has schema version {found}, older than this wirecoder's {SCHEMA_VERSION}; upgrade it by "
                      f"ingesting into it once (wirecoder ingest FILE --db {self.path})")
            raise StoreError("E702", errors.E702.format(path=self.path, reason=reason))

    # ---- writing ----------------------------------------------------------------------------

    def input_status(self, hashes: Sequence[str]) -> dict[str, str]:
        """``{input_hash: status}`` for the hashes already in ``raw_inputs``."""
        if not hashes:
            return {}
        table = pa.table({"input_hash": pa.array(list(hashes), pa.string())})
        rows = self._query_with(
            "_hash_batch", table,
            "SELECT r.input_hash, r.status FROM raw_inputs r JOIN _hash_batch h ON r.input_hash = h.input_hash",
        )
        return dict(rows)

    def add_raw_inputs(self, items: Iterable[RawInput | Rejection], *, keep_raw: bool) -> None:
        """Record inputs as received (status ``pending``), before any stage runs. Known hashes are left alone."""
        rows: dict[str, dict[str, Any]] = {}
        for item in items:
            if item.input_hash in rows:
                continue
            is_raw = isinstance(item, RawInput)
            rows[item.input_hash] = {
                "input_hash": item.input_hash,
                "source": item.source,
                "kind": item.kind if is_raw else None,
                "size": item.size,
                "url": item.url if is_raw else None,
                "received_at": item.received_at if is_raw else _now(),
                "content": item.content if is_raw and keep_raw else None,
                "status": "pending",
                "article_id": None,
                "finished_at": None,
            }
        if not rows:
            return
        table = pa.Table.from_pylist(list(rows.values()), schema=_RAW_SCHEMA)
        with self._transaction():
            self._insert_from("raw_inputs", table, "ON CONFLICT DO NOTHING")

    def write_results(self, results: Iterable[Result], *, retry: bool = False) -> None:
        """Write articles and rejections and mark their inputs finished, in one transaction.

        An article already stored (same content hash) is not written twice; the input points to it.
        With ``retry``, an input's earlier rejection is replaced by this result.
        """
        now = _now()
        articles: dict[str, dict[str, Any]] = {}
        events: dict[str, dict[str, Any]] = {}
        rejections: dict[str, dict[str, Any]] = {}
        statuses: dict[str, dict[str, Any]] = {}
        for result in results:
            if result.article is not None:
                article = result.article
                articles.setdefault(article.id, _article_row(article, result.input_hash, now))
                for event in result.events:
                    events.setdefault(event.id, _event_row(event, now))
                statuses[result.input_hash] = {
                    "input_hash": result.input_hash, "status": "ingested", "article_id": article.id,
                    "finished_at": now,
                }
            elif result.rejection is not None:
                rej = result.rejection
                rejections[rej.input_hash] = {
                    "input_hash": rej.input_hash, "source": rej.source, "stage": rej.stage, "code": rej.code,
                    "message": rej.message, "rejected_at": now,
                }
                statuses[result.input_hash] = {
                    "input_hash": result.input_hash, "status": "rejected", "article_id": None, "finished_at": now,
                }
        with self._transaction():
            if retry and statuses:
                self._delete_where_in("rejections", "input_hash", list(statuses))
            if articles:
                self._insert_from(
                    "articles", pa.Table.from_pylist(list(articles.values()), schema=_ARTICLE_SCHEMA),
                    "ON CONFLICT DO NOTHING",
                )
            if events:
                self._insert_from(
                    "mentions", pa.Table.from_pylist(list(events.values()), schema=_EVENT_SCHEMA),
                    "ON CONFLICT DO NOTHING",
                )
            if rejections:
                self._insert_from(
                    "rejections", pa.Table.from_pylist(list(rejections.values()), schema=_REJECTION_SCHEMA),
                    "ON CONFLICT DO NOTHING",
                )
            if statuses:
                table = pa.Table.from_pylist(list(statuses.values()), schema=_STATUS_SCHEMA)
                with _registered(self.con, "_status_batch", table):
                    _exec(
                        self.con,
                        "UPDATE raw_inputs SET status = s.status, article_id = s.article_id, "
                        "finished_at = s.finished_at FROM _status_batch s WHERE raw_inputs.input_hash = s.input_hash"
                    )

    # ---- reading ----------------------------------------------------------------------------

    def articles(self, *, limit: int | None = None) -> list[Article]:
        """Articles, newest publication first, then by id."""
        return list(self.iter_articles(limit=limit))

    def iter_articles(self, *, limit: int | None = None, chunk: int = 1000) -> Iterator[Article]:
        """Like :meth:`articles`, fetched ``chunk`` rows at a time so any number can be streamed out."""
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published DESC NULLS LAST, id"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        yield from (_article_from_row(row) for row in self._stream(sql, params, chunk))

    def find_articles(self, id_prefix: str) -> list[Article]:
        """Articles whose id starts with ``id_prefix`` (ids are hex, so a prefix as short as git's works)."""
        rows = self.con.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 10", [id_prefix]
        ).fetchall()
        return [_article_from_row(row) for row in rows]

    def iter_mentions(self, *, article_id: str | None = None, include_unasserted: bool = False,
                      limit: int | None = None, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Event mentions as their public JSON shape (:meth:`Event.to_dict`), in article and sentence order.

        Negated and hypothetical mentions are left out unless ``include_unasserted``.
        """
        sql = f"SELECT {_EVENT_COLUMNS} FROM mentions WHERE (? OR modality NOT IN ('negated', 'hypothetical'))"
        params: list[Any] = [include_unasserted]
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(article_id)
        sql += " ORDER BY article_id, sentence_index, action.start, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self._stream(sql, params, chunk):
            yield _event_from_row(dict(zip(_EVENT_NAMES, row, strict=True)))

    def rejections(self, *, limit: int | None = None) -> list[Rejection]:
        sql = "SELECT input_hash, source, stage, code, message FROM rejections ORDER BY rejected_at, source"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [
            Rejection(input_hash=h, source=s, stage=st, code=c, message=m)
            for h, s, st, c, m in self.con.execute(sql, params).fetchall()
        ]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, rejections, raw inputs (all, pending), mentions, events, and the articles that
        are copies of another."""
        (row,) = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM rejections), "
            "(SELECT count(*) FROM raw_inputs), (SELECT count(*) FROM raw_inputs WHERE status = 'pending'), "
            "(SELECT count(*) FROM mentions), (SELECT count(*) FROM events), "
            "(SELECT count(copy_of) FROM article_signatures)"
        ).fetchall()
        names = ("articles", "rejections", "raw_inputs", "pending", "mentions", "events", "copies")
        return dict(zip(names, row, strict=True))

    # ---- canonical events (wirecoder.cluster) -----------------------------------------------------

    def iter_events(self, query: EventQuery | None = None, *, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Canonical events matching ``query``, newest first, in the shape the exporters read
        (:data:`CANONICAL_FIELDS`)."""
        query = query or EventQuery()
        where, params = query.where()
        sql = f"SELECT {_CANONICAL_SELECT} FROM events e WHERE {where} ORDER BY {query.order_by()}"
        sql, params = _paged(sql, params, query)
        for row in self._stream(sql, params, chunk):
            yield _canonical(dict(zip(_CANONICAL_NAMES, row, strict=True)))

    def events_table(self, query: EventQuery | None = None) -> pa.Table:
        """Canonical events matching ``query`` as an Arrow table with the ``events`` columns (structs kept),
        newest first: what the Python API hands to polars."""
        query = query or EventQuery()
        where, params = query.where()
        sql, params = _paged(f"SELECT * FROM events WHERE {where} ORDER BY {query.order_by()}", params, query)
        return self.con.sql(sql, params=params).to_arrow_table()

    def mentions_table(self, *, article_id: str | None = None, include_unasserted: bool = False) -> pa.Table:
        """Mentions as an Arrow table with the ``mentions`` columns, in article and sentence order."""
        sql = "SELECT * FROM mentions WHERE (? OR modality NOT IN ('negated', 'hypothetical'))"
        params: list[Any] = [include_unasserted]
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(article_id)
        return self.con.sql(sql + " ORDER BY article_id, sentence_index, id", params=params).to_arrow_table()

    def stats(self, query: EventQuery | None = None,
              by: Sequence[str] = ("month", "cameo_root", "country")) -> dict[str, list[tuple[str, int]]]:
        """Event counts for the events matching ``query``, grouped by each of ``by`` (names of
        :data:`STAT_GROUPS`); a group with no value (no date, no place) is counted under ``?``."""
        where, params = (query or EventQuery()).where()
        out = {}
        for name in by:
            key = STAT_GROUPS[name]
            rows = self.con.execute(f"SELECT coalesce({key}, '?') AS k, count(*) FROM events WHERE {where} "
                                    "GROUP BY k ORDER BY k", params).fetchall()
            out[name] = [(str(k), n) for k, n in rows]
        return out

    def event_sources(self) -> list[tuple[str, str]]:
        """(article source, event id) for every clustered mention: which articles report which event."""
        return self.con.execute("SELECT DISTINCT a.source, m.event_id FROM mentions m JOIN articles a "
                                "ON a.id = m.article_id WHERE m.event_id IS NOT NULL ORDER BY 1, 2").fetchall()

    def count_events(self, query: EventQuery | None = None) -> int:
        where, params = (query or EventQuery()).where()
        return self.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()[0][0]

    # ---- browsing (wirecoder serve) -----------------------------------------------------------

    def reader(self) -> Store:
        """Another handle on this store's database for one thread: a DuckDB connection must not be shared by
        threads that query at once, but cursors of it may. Close it when done."""
        other = object.__new__(Store)
        other.path, other.con = self.path, self.con.cursor()
        return other

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One canonical event (:data:`CANONICAL_FIELDS`), or None."""
        rows = self.con.execute(f"SELECT {_CANONICAL_SELECT} FROM events e WHERE e.id = ?", [event_id]).fetchall()
        return _canonical(dict(zip(_CANONICAL_NAMES, rows[0], strict=True))) if rows else None

    def mentions_of(self, *, event_id: str | None = None, article_id: str | None = None) -> list[dict[str, Any]]:
        """Every mention (whatever its modality) of one event or of one article, in article and sentence order:
        the public shape plus ``event_id`` and ``date_span`` (the words that date it)."""
        column, value = ("event_id", event_id) if event_id is not None else ("article_id", article_id)
        rows = self.con.execute(f"SELECT {_EVENT_COLUMNS}, event_id FROM mentions WHERE {column} = ? "
                                "ORDER BY article_id, sentence_index, action.start, id", [value]).fetchall()
        out = []
        for row in rows:
            named = dict(zip([*_EVENT_NAMES, "event_id"], row, strict=True))
            out.append({**_event_from_row(named), "event_id": named["event_id"], "date_span": named["date_span"]})
        return out

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """One article in its public shape, with ``url`` (when its input had one) and ``copy_of`` (the article it
        is a near-copy of), or None."""
        rows = self.con.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))}, r.url, s.copy_of "
            "FROM articles a LEFT JOIN raw_inputs r ON r.input_hash = a.input_hash "
            "LEFT JOIN article_signatures s ON s.article_id = a.id WHERE a.id = ?", [article_id]).fetchall()
        if not rows:
            return None
        *columns, url, copy_of = rows[0]
        return {**_article_from_row(columns).to_dict(), "url": url, "copy_of": copy_of}

    def article_summaries(self, query: EventQuery | None = None, *, event_id: str | None = None,
                          limit: int = 100) -> list[dict[str, Any]]:
        """The articles that report one event, or any event matching ``query``, newest first: ``id``, ``title``,
        ``published``, ``publisher``, ``source``, ``url``, and how many of their mentions those events have."""
        if event_id is not None:
            where, params = "m.event_id = ?", [event_id]
        else:
            inner, params = (query or EventQuery()).where()
            where = f"m.event_id IN (SELECT id FROM events WHERE {inner})"
        rows = self.con.execute(
            "SELECT a.id, a.title, a.published, a.publisher, a.source, r.url, count(*) AS n FROM mentions m "
            "JOIN articles a ON a.id = m.article_id LEFT JOIN raw_inputs r ON r.input_hash = a.input_hash "
            f"WHERE {where} GROUP BY ALL ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?",
            [*params, limit]).fetchall()
        return [{"id": i, "title": t, "published": p.isoformat() if p else None, "publisher": pub, "source": src,
                 "url": url, "mentions": n} for i, t, p, pub, src, url, n in rows]

    def points(self, query: EventQuery | None = None) -> tuple[int, list[list[Any]]]:
        """Located events matching ``query`` as compact map points ``[id, lat, lon, quad_class, cameo_root, date,
        num_sources, label]`` (at most ``query.limit``), best-reported first, and how many there are in all."""
        query = query or EventQuery()
        where, params = query.where()
        where += " AND location.lat IS NOT NULL"
        ((total,),) = self.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()
        sql, params = _paged(
            "SELECT id, location.lat, location.lon, quad_class, cameo_root, strftime(\"date\", '%Y-%m-%d'), "
            "num_sources, concat_ws(' · ', concat_ws(' → ', coalesce(source.code, source.text), "
            "coalesce(target.code, target.text)), cameo, location.name) "
            f"FROM events WHERE {where} ORDER BY num_sources DESC, num_mentions DESC, id", params, query)
        return total, [list(row) for row in self.con.execute(sql, params).fetchall()]

    def actors(self, *, text: str | None = None, code: str | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict]]:
        """Coded actors (source or target of an event that happened, not only announced) with how many events
        each is in and their first and last date, most frequent first; ``text`` matches the code's start or words
        of its name, ``code`` one code exactly."""
        where, params = "code IS NOT NULL", []
        if code:
            where += " AND code = ?"
            params.append(code)
        if text:
            where += " AND (starts_with(code, ?) OR name ILIKE ? ESCAPE '\\')"
            params += [text.upper(), f"%{like_literal(text)}%"]
        sql = ("WITH a AS (SELECT id, \"date\", source.code AS code, source.name AS name, source.country AS country "
               "FROM events WHERE modality <> 'future' UNION ALL SELECT id, \"date\", target.code, target.name, "
               "target.country FROM events WHERE modality <> 'future'), "
               "g AS (SELECT code, mode(name) AS name, mode(country) AS country, "
               "count(DISTINCT id) AS events, min(\"date\") AS first, max(\"date\") AS last "
               f"FROM a WHERE {where} GROUP BY code) ")
        return self._group_page(sql, params, "events DESC, code", limit, offset)

    def places(self, *, text: str | None = None, country: str | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict]]:
        """Gazetteer places events happened at (not only announced for), with how many events and their first
        and last date, most frequent first; ``text`` matches words of the name, ``country`` the ISO alpha-3 code."""
        where, params = "location.geonameid IS NOT NULL AND modality <> 'future'", []
        if text:
            where += " AND location.name ILIKE ? ESCAPE '\\'"
            params.append(f"%{like_literal(text)}%")
        if country:
            where += " AND location.country = ?"
            params.append(country.upper())
        sql = ("WITH g AS (SELECT location.geonameid AS geonameid, any_value(location.name) AS name, "
               "any_value(location.country) AS country, any_value(location.admin1) AS admin1, "
               "any_value(location.lat) AS lat, any_value(location.lon) AS lon, "
               "min(location.precision) AS precision, count(*) AS events, min(\"date\") AS first, "
               f"max(\"date\") AS last FROM events WHERE {where} GROUP BY location.geonameid) ")
        return self._group_page(sql, params, "events DESC, name, geonameid", limit, offset)

    def _group_page(self, sql: str, params: list[Any], order: str, limit: int,
                    offset: int) -> tuple[int, list[dict]]:
        """How many rows the CTE ``g`` at the end of ``sql`` has, and one page of them as dicts (dates ISO)."""
        ((total,),) = self.con.execute(sql + "SELECT count(*) FROM g", params).fetchall()
        result = self.con.execute(sql + f"SELECT * FROM g ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
        names = [column[0] for column in result.description]
        return total, [_iso(dict(zip(names, row, strict=True))) for row in result.fetchall()]

    def unclustered(self, mention_ids: Sequence[str]) -> set[str]:
        """Of these mentions, those stored without an event yet (a mention stored by an earlier run keeps its)."""
        if not mention_ids:
            return set()
        table = pa.table({"v": pa.array(list(mention_ids), pa.string())})
        rows = self._query_with("_mention_batch", table,
                                "SELECT m.id FROM mentions m JOIN _mention_batch b ON m.id = b.v "
                                "WHERE m.event_id IS NULL")
        return {row[0] for row in rows}

    def pending_mentions(self, *, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` stored mentions that report a happening but have no event yet (an interrupted run's),
        with the fields clustering compares (as :meth:`event_candidates`)."""
        sql = (f"SELECT {_BLOCK_COLUMNS} FROM mentions e WHERE e.event_id IS NULL AND NOT e.background "
               "AND e.modality NOT IN "
               f"({', '.join('?' for _ in UNASSERTED)}) ORDER BY e.coded_at, e.id LIMIT ?")
        return [dict(zip(_BLOCK_NAMES, row, strict=True))
                for row in self.con.execute(sql, [*sorted(UNASSERTED), limit]).fetchall()]

    def event_candidates(self, mentions: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """(mention id, stored event) for every stored event a mention may join. ``mentions`` are dicts with
        ``id``, ``quad``, ``root``, ``date``, ``precision``, ``window`` (days), ``country`` and ``admin1`` (None when
        unplaced), and ``lat``/``lon`` of a town-level place (else None). An event qualifies when it has the
        QuadClass, an actor code or a place, and its date lies within the wider of the two windows (a day, a week or
        a month either side, by the event's precision; an undated mention meets only undated events), and
        - both are placed at a town within about ``NEAR_KM`` of each other; or
        - one is placed only at a province or country, or not at all (what ``cluster.agreement`` asks more of):
          the same province, or else the same CAMEO root and day, both dated to the day; an unplaced mention
          meets events in any country, a placed one only those of its country or unplaced.
        One range join per date precision, so the work follows the candidates, not the size of the store. Only the
        fields clustering compares."""
        if not mentions:
            return []
        def shifted(day: dt.date | None, days: int) -> dt.date | None:
            return None if day is None else day + dt.timedelta(days=days)

        types = {"mid": pa.string(), "quad": pa.int8(), "root": pa.string(), "day": pa.date32(),
                 "precise": pa.bool_(), "country": pa.string(), "admin1": pa.string(), "lat": pa.float64(),
                 "lon": pa.float64()}
        columns: dict[str, list[Any]] = {name: [] for name in types}
        for reach in WINDOW_REACH.values():
            columns[f"lo{reach}"], columns[f"hi{reach}"] = [], []
        for m in mentions:
            for name, key in (("mid", "id"), ("quad", "quad"), ("root", "root"), ("day", "date"),
                              ("country", "country"), ("admin1", "admin1"), ("lat", "lat"), ("lon", "lon")):
                columns[name].append(m[key])
            columns["precise"].append(m["precision"] == 1)
            for reach in WINDOW_REACH.values():
                columns[f"lo{reach}"].append(shifted(m["date"], -max(m["window"], reach)))
                columns[f"hi{reach}"].append(shifted(m["date"], max(m["window"], reach)))
        batch = pa.table({k: pa.array(v, types.get(k, pa.date32())) for k, v in columns.items()})
        # Two town-level places more than NEAR_KM apart never agree: a box of that size, wider in longitude
        # away from the equator, leaves them out before any comparison.
        degrees = NEAR_KM / 111.0
        towns = (f"(b.lat IS NOT NULL AND e.location.precision < 3 AND abs(e.location.lat - b.lat) <= {degrees} "
                 f"AND abs(e.location.lon - b.lon) <= {degrees} / greatest(cos(radians(b.lat)), 0.1))")
        loose = "(b.lat IS NULL OR e.location IS NULL OR e.location.precision >= 3)"
        province = "(b.admin1 IS NOT NULL AND e.location.country = b.country AND e.location.admin1 = b.admin1)"
        same_act = ('(e.cameo_root = b.root AND b.precise AND e.date_precision = 1 '
                    'AND e."date" BETWEEN b.day - 1 AND b.day + 1)')
        where = ("(e.location IS NULL OR b.country IS NULL OR e.location.country = b.country) "
                 "AND (e.source.code IS NOT NULL OR e.target.code IS NOT NULL OR e.location IS NOT NULL) "
                 f"AND ({towns} OR ({loose} AND ({province} OR {same_act})))")
        parts = [f'SELECT b.mid, {_BLOCK_COLUMNS} FROM _mention_windows b JOIN events e ON e.quad_class = b.quad '
                 f'AND e."date" BETWEEN b.lo{reach} AND b.hi{reach} WHERE e.date_precision = {precision} AND {where}'
                 for precision, reach in WINDOW_REACH.items()]
        undated = ("(e.location IS NULL OR b.country IS NULL OR e.location.country = b.country) "
                   "AND (e.source.code IS NOT NULL OR e.target.code IS NOT NULL OR e.location IS NOT NULL)")
        parts.append(f"SELECT b.mid, {_BLOCK_COLUMNS} FROM _mention_windows b JOIN events e ON e.quad_class = b.quad "
                     f'WHERE b.day IS NULL AND e."date" IS NULL AND {undated}')
        with _registered(self.con, "_mention_windows", batch):
            rows = self.con.execute(" UNION ALL ".join(parts)).fetchall()
        return [(row[0], dict(zip(_BLOCK_NAMES, row[1:], strict=True))) for row in rows]

    def unsigned(self, article_ids: Sequence[str]) -> set[str]:
        """Of these stored articles, those the copies stage has not signed yet."""
        if not article_ids:
            return set()
        table = pa.table({"v": pa.array(list(article_ids), pa.string())})
        return {row[0] for row in self._query_with(
            "_article_batch", table, "SELECT b.v FROM _article_batch b JOIN articles a ON a.id = b.v "
            "WHERE b.v NOT IN (SELECT article_id FROM article_signatures)")}

    def unsigned_articles(self, *, limit: int) -> list[Article]:
        """Up to ``limit`` stored articles the copies stage has not signed (an interrupted run's), oldest first."""
        return [_article_from_row(row) for row in self.con.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id NOT IN (SELECT article_id FROM article_signatures) "
            "ORDER BY ingested_at, id LIMIT ?", [limit]).fetchall()]

    def copy_candidates(self, buckets: Sequence[int]) -> list[tuple[str, int, list[int], str | None]]:
        """(article id, shingles, minhash, copy_of) of the signed articles in any of these LSH buckets."""
        if not buckets:
            return []
        table = pa.table({"v": pa.array(list(buckets), pa.int64())})
        return self._query_with(
            "_bucket_batch", table,
            "SELECT s.article_id, s.shingles, s.minhash, s.copy_of FROM article_signatures s WHERE s.article_id IN "
            "(SELECT b.article_id FROM article_bands b JOIN _bucket_batch k ON b.bucket = k.v)")

    def add_signatures(self, links: Sequence[tuple[Any, str | None, float | None]]) -> None:
        """Store (copies.Signature, copy_of, similarity) rows and their band hashes, in one transaction."""
        if not links:
            return
        signatures = pa.table({
            "article_id": pa.array([sig.article_id for sig, _, _ in links], pa.string()),
            "shingles": pa.array([sig.shingles for sig, _, _ in links], pa.int32()),
            "minhash": pa.array([sig.minhash.tolist() for sig, _, _ in links], pa.list_(pa.uint32())),
            "copy_of": pa.array([copy_of for _, copy_of, _ in links], pa.string()),
            "similarity": pa.array([similarity for _, _, similarity in links], pa.float64()),
        })
        bands = pa.table({
            "bucket": pa.array([b for sig, _, _ in links for b in sig.bands], pa.int64()),
            "article_id": pa.array([sig.article_id for sig, _, _ in links for _ in sig.bands], pa.string()),
        })
        with self._transaction():
            self._insert_from("article_signatures", signatures, "ON CONFLICT DO NOTHING")
            self._insert_from("article_bands", bands, "")

    def assign_events(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Point mentions at their events ((mention id, event id) pairs) and recompute those events."""
        if not pairs:
            return
        table = pa.table({"mention_id": pa.array([m for m, _ in pairs], pa.string()),
                          "event_id": pa.array([e for _, e in pairs], pa.string())})
        ids = sorted({e for _, e in pairs})
        with self._transaction():
            with _registered(self.con, "_pairs", table):
                _exec(self.con, "UPDATE mentions SET event_id = p.event_id FROM _pairs p WHERE mentions.id = "
                                "p.mention_id")
            self._refresh_events(ids)

    def _refresh_events(self, ids: list[str]) -> None:
        """Rebuild these events from their mentions: the best-evidenced mention gives the fields (most
        confident, then with a source, a target and a place), the most precise mention the date and the place,
        the lowest figure the fatalities; counts and first/last seen come from all of them. Ties are broken the
        same way every time (the event's first mention, the best mention's place, then the lowest id), so that
        the same mentions always give the same event, however they were written (``wirecoder batch``)."""
        table = pa.table({"v": pa.array(ids, pa.string())})
        with _registered(self.con, "_event_ids", table):
            added = dict(self.con.execute(
                "SELECT id, added FROM events WHERE id IN (SELECT v FROM _event_ids)").fetchall())
            _exec(self.con, "DELETE FROM events WHERE id IN (SELECT v FROM _event_ids)")
            now = _now()
            _exec(self.con, _REFRESH_EVENTS, [now, now])
            if added:
                restore = pa.table({"id": pa.array(list(added), pa.string()),
                                    "added": pa.array(list(added.values()), pa.timestamp("us"))})
                with _registered(self.con, "_added", restore):
                    _exec(self.con, "UPDATE events SET added = a.added FROM _added a WHERE events.id = a.id")

    # ---- helpers ----------------------------------------------------------------------------

    def _stream(self, sql: str, params: Sequence[Any], chunk: int) -> Iterator[tuple[Any, ...]]:
        """Rows of a query, fetched ``chunk`` at a time on a cursor of their own, so any number can be streamed
        while the main connection stays free."""
        cursor = self.con.cursor()
        try:
            result = cursor.execute(sql, params)
            while rows := result.fetchmany(chunk):
                yield from rows
        finally:
            cursor.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def _insert_from(self, table_name: str, batch: pa.Table, conflict: str) -> None:
        # table_name and conflict are module constants; the rows travel as an Arrow table.
        columns = ", ".join(f'"{name}"' for name in batch.column_names)
        with _registered(self.con, "_insert_batch", batch):
            _exec(self.con, f"INSERT INTO {table_name} ({columns}) SELECT {columns} FROM _insert_batch {conflict}")

    def _delete_where_in(self, table_name: str, column: str, values: list[str]) -> None:
        with _registered(self.con, "_delete_batch", pa.table({"v": pa.array(values, pa.string())})):
            _exec(self.con, f"DELETE FROM {table_name} WHERE {column} IN (SELECT v FROM _delete_batch)")

    def _query_with(self, name: str, table: pa.Table, sql: str) -> list[tuple[Any, ...]]:
        with _registered(self.con, name, table):
            return self.con.execute(sql).fetchall()


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> None:
        _exec(self.con, "BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        _exec(self.con, "ROLLBACK" if exc_type else "COMMIT")


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """Make an Arrow table visible to SQL as ``name`` for the duration of the block."""
    con.register(name, table)
    try:
        yield
    finally:
        with suppress(duckdb.Error):  # an aborted transaction refuses this too; the original error matters more
            con.unregister(name)


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its dates as ISO strings."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _paged(sql: str, params: list[Any], query: EventQuery) -> tuple[str, list[Any]]:
    """``sql`` with the query's LIMIT and OFFSET as parameters."""
    if query.limit is not None:
        sql += " LIMIT ?"
        params = [*params, query.limit]
    if query.offset:
        sql += " OFFSET ?"
        params = [*params, query.offset]
    return sql, params


def _exec(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> None:
    """Run a statement and drain its result (DuckDB 2 refuses new work while a result is pending)."""
    con.execute(sql, params).fetchall()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _article_row(article: Article, input_hash: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "publisher": article.publisher,
        "title": article.title,
        "published": article.published,
        "authors": list(article.authors),
        "dateline": article.dateline,
        "body": list(article.body),
        "boilerplate": list(article.boilerplate),
        "language": article.language,
        "input_hash": input_hash,
        "ingested_at": now,
        "schema_version": article.schema_version,
    }


def _article_from_row(row: Sequence[Any]) -> Article:
    (id_, source, publisher, title, published, authors, dateline, body, boilerplate, language) = row
    return Article(
        id=id_, source=source, publisher=publisher, title=title, published=published,
        authors=tuple(authors or ()), dateline=dateline, body=tuple(body or ()),
        boilerplate=tuple(boilerplate or ()), language=language,
    )


def _event_row(event: Event, now: dt.datetime) -> dict[str, Any]:
    row = event.to_dict()
    plover, acled = row.pop("plover"), row.pop("acled")
    row.update(
        plover_type=plover["type"], plover_mode=plover["mode"],
        acled_event_type=acled["event_type"] if acled else None,
        acled_sub_event_type=acled["sub_event_type"] if acled else None,
        coded_at=now, schema_version=event.schema_version,
        date_span=({"text": event.when.text, "start": event.when.start, "end": event.when.end}
                   if event.when is not None and event.when.text is not None else None),
    )
    if event.when is not None:
        row["date"] = event.when.date
    return row


def _event_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event in :meth:`Event.to_dict` shape."""
    out = {k: row[k] for k in _EVENT_FIELDS if k in row}
    out["plover"] = {"type": row["plover_type"], "mode": row["plover_mode"]}
    out["date"] = row["date"].isoformat() if row["date"] is not None else None
    out["acled"] = ({"event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"]}
                    if row["acled_event_type"] else None)
    ordered = {k: out[k] for k in PUBLIC_MENTION_FIELDS}
    return ordered


_ACTOR = pa.struct([
    ("code", pa.string()), ("name", pa.string()), ("country", pa.string()), ("sector", pa.string()),
    ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
])
_EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()), ("sentence", pa.string()),
    ("source", _ACTOR), ("target", _ACTOR), ("associates", pa.list_(_ACTOR)),
    ("action", pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])),
    ("cameo", pa.string()), ("cameo_root", pa.string()), ("quad_class", pa.int8()), ("goldstein", pa.float64()),
    ("plover_type", pa.string()), ("plover_mode", pa.string()), ("acled_event_type", pa.string()),
    ("acled_sub_event_type", pa.string()), ("fatalities", pa.int32()), ("modality", pa.string()),
    ("attribution", _ACTOR), ("confidence", pa.float64()), ("coded_at", pa.timestamp("us")),
    ("schema_version", pa.int32()), ("date", pa.date32()), ("date_precision", pa.int8()),
    ("date_span", pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])),
    ("location", pa.struct([
        ("name", pa.string()), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("geonameid", pa.int64()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
        ("admin1", pa.string()), ("feature", pa.string()), ("precision", pa.int8()),
    ])),
    ("background", pa.bool_()),
])
_CANONICAL_NAMES = ("id", "date", "date_precision", "source", "target", "cameo", "cameo_root", "quad_class",
                   "goldstein", "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type",
                   "fatalities", "location", "modality", "num_mentions", "num_articles", "num_sources", "first_seen",
                   "last_seen", "confidence", "mention_id", "article_id", "sentence", "added", "url", "sources")
_CANONICAL_SELECT = ", ".join(f'e."{c}"' for c in _CANONICAL_NAMES)
_FILL_URL_AND_SOURCES = """
UPDATE events SET url = x.url, sources = x.sources FROM (
    SELECT e.id,
           (SELECT coalesce(r.url, a.source) FROM articles a LEFT JOIN raw_inputs r ON r.input_hash = a.input_hash
            WHERE a.id = e.article_id) AS url,
           (SELECT list(DISTINCT coalesce(a.publisher, a.source) ORDER BY coalesce(a.publisher, a.source))
            FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id) AS sources
    FROM events e WHERE e.sources IS NULL
) x WHERE events.id = x.id
"""
"""Schema version 6 keeps each event's url and sources with it; this fills them in a store written before."""
CANONICAL_FIELDS = ("id", "date", "date_precision", "source", "target", "associates", "cameo", "cameo_root",
                    "quad_class", "goldstein", "plover", "acled", "fatalities", "location", "modality",
                    "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "confidence",
                    "sentence", "mention_id", "article_id", "url", "sources", "added")
"""The public shape of a canonical event (what ``wirecoder events --format json`` prints and exporters read)."""


def _canonical(row: dict[str, Any]) -> dict[str, Any]:
    def actor(value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {k: value[k] for k in ("code", "name", "country", "sector", "text")}

    out = dict(row)
    out["source"], out["target"], out["associates"] = actor(row["source"]), actor(row["target"]), []
    out["plover"] = {"type": row["plover_type"], "mode": row["plover_mode"]}
    out["acled"] = ({"event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"]}
                    if row["acled_event_type"] else None)
    for key in ("date", "first_seen", "last_seen"):
        out[key] = row[key].isoformat() if row[key] is not None else None
    out["added"] = row["added"].isoformat(timespec="seconds")
    out["sources"] = list(row["sources"] or [])
    return {k: out[k] for k in CANONICAL_FIELDS}


STAT_GROUPS = {
    "day": "strftime(\"date\", '%Y-%m-%d')",
    "month": "strftime(\"date\", '%Y-%m')",
    "quad_class": "CAST(quad_class AS VARCHAR)",
    "cameo_root": "cameo_root",
    "plover_type": "plover_type",
    "country": "location.country",
}
"""What :meth:`Store.stats` can count by: name -> SQL expression over ``events``."""


NEAR_KM = 30.0
"""Town-level events further than about this from a town-level mention are not candidates (``cluster.MAX_KM`` is
25 km, so this box keeps every event that could agree)."""
WINDOW_REACH = {1: 1, 2: 7, 3: 31}
"""Days either side of a stored event's date its precision (day, week, month) lets a mention reach; the same as
``cluster.WINDOW_DAYS``."""
_BLOCK_COLUMNS = ('e.id, e.cameo_root, e.quad_class, e.plover_type, e."date", e.date_precision, e.source.code, '
                  "e.target.code, e.location.geonameid, e.location.lat, e.location.lon, e.location.country, "
                  "e.location.precision, e.location.admin1")
_BLOCK_NAMES = ("id", "cameo_root", "quad_class", "plover_type", "date", "date_precision", "source", "target",
                "geonameid", "lat", "lon", "country", "precision", "admin1")
"""What clustering compares, of a stored event or mention (``cluster.Signature.of_stored``)."""
_REFRESH_EVENTS = """
INSERT INTO events
WITH m AS (
    SELECT m.*, a.published, coalesce(a.publisher, a.source) AS outlet, coalesce(r.url, a.source) AS address,
           m.confidence * 10 + (m.source IS NOT NULL)::INT + (m.target IS NOT NULL)::INT
               + (m.location IS NOT NULL)::INT AS evidence,
           coalesce(m.date_precision, 9) * 100000 + coalesce(m."date" - DATE '1900-01-01', 99999) AS date_rank,
           coalesce(m.location."precision", 9) AS place_rank
    FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN raw_inputs r ON r.input_hash = a.input_hash
    WHERE m.event_id IN (SELECT v FROM _event_ids)
), best AS (
    -- Ties go to the event's first mention, then to the lowest id: never to whichever row DuckDB reads first.
    SELECT event_id, arg_min(id, {'evidence': -evidence, 'later': id <> event_id, 'id': id}) AS mention_id
    FROM m GROUP BY event_id
)
SELECT m.event_id, arg_min(m."date", m.date_rank), arg_min(m.date_precision, m.date_rank),
       any_value(b_m.source), any_value(b_m.target), any_value(b_m.cameo), any_value(b_m.cameo_root),
       any_value(b_m.quad_class), any_value(b_m.goldstein), any_value(b_m.plover_type), any_value(b_m.plover_mode),
       any_value(b_m.acled_event_type), any_value(b_m.acled_sub_event_type), min(m.fatalities),
       arg_min(m.location, {'rank': m.place_rank, 'other': m.id <> b.mention_id, 'id': m.id}),
       any_value(b_m.modality),
       count(*), count(DISTINCT m.article_id), count(DISTINCT m.outlet), min(m.published), max(m.published),
       1 - exp(sum(ln(1 - least(m.confidence, 0.99)))), any_value(b.mention_id), any_value(b_m.article_id),
       any_value(b_m.sentence), ?::TIMESTAMP AS added, ?::TIMESTAMP AS updated, any_value(b_m.address),
       list(DISTINCT m.outlet ORDER BY m.outlet)
FROM m JOIN best b ON b.event_id = m.event_id JOIN m AS b_m ON b_m.id = b.mention_id
GROUP BY m.event_id
"""
_EVENT_FIELDS = ("id", "article_id", "sentence_index", "sentence", "source", "target", "associates", "action",
                 "cameo", "cameo_root", "quad_class", "goldstein", "fatalities", "modality", "background",
                 "attribution", "confidence", "date_precision", "location")
PUBLIC_MENTION_FIELDS = ("id", "article_id", "sentence_index", "sentence", "source", "target", "associates",
                        "action", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "acled", "fatalities",
                        "modality", "background", "attribution", "confidence", "date", "date_precision",
                        "location")
_EVENT_NAMES = [c for c in _EVENT_SCHEMA.names if c not in ("coded_at", "schema_version")]
_EVENT_COLUMNS = ", ".join(f'"{c}"' for c in _EVENT_NAMES)
_RAW_SCHEMA = pa.schema([
    ("input_hash", pa.string()), ("source", pa.string()), ("kind", pa.string()), ("size", pa.int64()),
    ("url", pa.string()), ("received_at", pa.timestamp("us")), ("content", pa.binary()),
    ("status", pa.string()), ("article_id", pa.string()), ("finished_at", pa.timestamp("us")),
])
_ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("publisher", pa.string()), ("title", pa.string()),
    ("published", pa.date32()), ("authors", pa.list_(pa.string())), ("dateline", pa.string()),
    ("body", pa.list_(pa.string())), ("boilerplate", pa.list_(pa.string())), ("language", pa.string()),
    ("input_hash", pa.string()), ("ingested_at", pa.timestamp("us")), ("schema_version", pa.int32()),
])
_REJECTION_SCHEMA = pa.schema([
    ("input_hash", pa.string()), ("source", pa.string()), ("stage", pa.string()), ("code", pa.string()),
    ("message", pa.string()), ("rejected_at", pa.timestamp("us")),
])
_STATUS_SCHEMA = pa.schema([
    ("input_hash", pa.string()), ("status", pa.string()), ("article_id", pa.string()),
    ("finished_at", pa.timestamp("us")),
])
