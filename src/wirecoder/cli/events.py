"""``wirecoder events`` (one row per real-world event, with filters) and ``wirecoder mentions`` (every coded
sentence)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..store.duckdb import CANONICAL_FIELDS, PUBLIC_MENTION_FIELDS
from ..store.query import EventQuery
from .common import db_option, emit_records, open_store

MENTION_FIELDS = list(PUBLIC_MENTION_FIELDS)


@click.command("mentions")
@db_option
@click.option("--article", "article_id", default=None, help="Only the mentions of this article id.")
@click.option("--include-unasserted", is_flag=True, help="Also list negated and hypothetical mentions.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many mentions (default: 50 for a table, all otherwise).")
def mentions_command(db: Path, article_id: str | None, include_unasserted: bool, fmt: str, limit: int | None) -> None:
    """List event mentions: each sentence's coding (who did what to whom, CAMEO, PLOVER, ACLED, date, place).

    JSON formats give every field of each mention (the shape `wirecoder code` prints); in CSV, nested fields
    (source, target, action...) are JSON text.
    """
    if limit is None and fmt == "table":
        limit = 50
    with open_store(db, read_only=True) as store:
        rows = store.iter_mentions(article_id=article_id, include_unasserted=include_unasserted, limit=limit)
        if fmt == "table":
            rows = (_summary(r) for r in rows)
        elif fmt == "csv":
            rows = ({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                     for k, v in r.items()} for r in rows)
        emit_records(rows, fmt=fmt, fields=MENTION_FIELDS,
                     columns=["article_id", "source", "action", "target", "cameo", "plover", "acled", "modality",
                              "date", "where"],
                     title="mentions")


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    def actor(a: dict[str, Any] | None) -> str:
        return "" if a is None else f"{a['code'] or '?'} ({a['text']})"

    return {
        "article_id": row["article_id"],
        "source": actor(row["source"]),
        "action": row["action"]["text"],
        "target": actor(row["target"]),
        "cameo": row["cameo"],
        "plover": row["plover"]["type"] or "",
        "acled": f"{row['acled']['event_type']} / {row['acled']['sub_event_type']}" if row["acled"] else "",
        "modality": row["modality"],
        "date": row["date"] or "",
        "where": _where(row["location"]),
    }


def _where(location: dict[str, Any] | None) -> str:
    if not location:
        return ""
    return f"{location['name']}, {location['country'] or '-'} (p{location['precision']})"


def query_options(command):
    """The filters shared by ``events`` and ``export``; every value reaches SQL as a bound parameter."""
    options = [
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="On or after this date."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="On or before this date."),
        click.option("--country", default=None, help="Where it happened: ISO 3166 alpha-3 (SYR)."),
        click.option("--actor", default=None, help="An actor code or its start (SYR, SYRMIL), or actor words."),
        click.option("--cameo", default=None, help="A CAMEO root (19) or code (190, 1951 and those under it)."),
        click.option("--plover", default=None, help="A PLOVER event type (ASSAULT, PROTEST...)."),
        click.option("--acled", default=None, help="An ACLED event or sub-event type (Battles, Armed clash)."),
        click.option("--near", default=None, metavar="LAT,LON", help="Within --km of this point."),
        click.option("--km", type=click.FloatRange(min=0), default=25.0, show_default=True),
        click.option("--bbox", default=None, metavar="W,S,E,N", help="Inside this box (degrees)."),
        click.option("--min-sources", type=click.IntRange(min=1), default=None,
                     help="Reported by at least this many outlets."),
        click.option("--include-hypothetical", is_flag=True,
                     help="Also list events only announced or threatened (modality future)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def event_query(*, since, until, country, actor, cameo, plover, acled, near, km, bbox, min_sources,
                include_hypothetical, limit=None) -> EventQuery:
    """The :class:`EventQuery` of the command-line filters (bad --near/--bbox values are usage errors)."""
    return EventQuery(
        since=since.date() if since else None, until=until.date() if until else None, country=country,
        actor=actor, cameo=cameo, plover=plover, acled=acled,
        near=_numbers(near, 2, "--near", "LAT,LON") if near else None, km=km,
        bbox=_numbers(bbox, 4, "--bbox", "W,S,E,N") if bbox else None, min_sources=min_sources,
        include_future=include_hypothetical, limit=limit)


def _numbers(text: str, count: int, option: str, shape: str) -> tuple[float, ...]:
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != count:
        raise click.BadParameter(f"expected {shape}, e.g. {'34.5,36.6' if count == 2 else '35,32,37,35'}",
                                 param_hint=option)
    return values


@click.command("events")
@db_option
@query_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many events (default: 50 for a table, all otherwise).")
def events_command(db: Path, fmt: str, limit: int | None, **filters: Any) -> None:
    """List real-world events: the mentions of every article merged into one row per happening, newest first,
    with how many mentions, articles and outlets report it. See `wirecoder mentions` for each sentence's coding.
    """
    if limit is None and fmt == "table":
        limit = 50
    query = event_query(**filters, limit=limit)
    with open_store(db, read_only=True) as store:
        rows = store.iter_events(query)
        if fmt == "table":
            rows = (_event_summary(r) for r in rows)
        elif fmt == "csv":
            rows = ({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                     for k, v in r.items()} for r in rows)
        emit_records(rows, fmt=fmt, fields=list(CANONICAL_FIELDS),
                     columns=["date", "source", "cameo", "target", "where", "mentions", "articles", "sources"],
                     title="events")


def _event_summary(row: dict[str, Any]) -> dict[str, Any]:
    def actor(a: dict[str, Any] | None) -> str:
        return "" if a is None else f"{a['code'] or '?'} ({a['text']})"

    return {"date": row["date"] or "", "source": actor(row["source"]), "cameo": row["cameo"],
            "target": actor(row["target"]), "where": _where(row["location"]), "mentions": row["num_mentions"],
            "articles": row["num_articles"], "sources": row["num_sources"]}


@click.command("stats")
@db_option
@query_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_command(db: Path, fmt: str, **filters: Any) -> None:
    """Count events (the same filters as `wirecoder events`) by month, by CAMEO root and by country."""
    query = event_query(**filters)
    with open_store(db, read_only=True) as store:
        counts = store.stats(query)
        total = store.count_events(query)
        stored = store.counts()
    if fmt == "json":
        click.echo(json.dumps({"events": total, "articles": stored["articles"], "copies": stored["copies"],
                               **{k: dict(v) for k, v in counts.items()}}))
        return
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table

    tables = []
    for name, rows in counts.items():
        table = Table(title=f"by {name}")
        table.add_column(name)
        table.add_column("events", justify="right")
        for key, n in rows:
            table.add_row(key, f"{n:,}")
        tables.append(table)
    console = Console()
    console.print(f"{total:,} events; {stored['articles']:,} articles in the store, of which {stored['copies']:,} "
                  "are near-copies of another")
    console.print(Columns(tables))
