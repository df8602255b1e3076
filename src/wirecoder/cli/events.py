"""``wirecoder events``: list the coded events the store holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import db_option, emit_records, open_store

EVENT_FIELDS = ["id", "article_id", "sentence_index", "sentence", "source", "target", "associates", "action",
                "cameo", "cameo_root", "quad_class", "goldstein", "plover", "acled", "fatalities", "modality",
                "attribution", "confidence", "date", "date_precision", "location"]


@click.command("events")
@db_option
@click.option("--article", "article_id", default=None, help="Only the events of this article id.")
@click.option("--include-unasserted", is_flag=True, help="Also list negated and hypothetical events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many events (default: 50 for a table, all otherwise).")
def events_command(db: Path, article_id: str | None, include_unasserted: bool, fmt: str, limit: int | None) -> None:
    """List coded events: who did what to whom, with the CAMEO, PLOVER and ACLED codes and the sentence.

    JSON formats give every field of each event (the shape `wirecoder code` prints); in CSV, nested fields
    (source, target, action...) are JSON text.
    """
    if limit is None and fmt == "table":
        limit = 50
    with open_store(db, read_only=True) as store:
        rows = store.iter_events(article_id=article_id, include_unasserted=include_unasserted, limit=limit)
        if fmt == "table":
            rows = (_summary(r) for r in rows)
        elif fmt == "csv":
            rows = ({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                     for k, v in r.items()} for r in rows)
        emit_records(rows, fmt=fmt, fields=EVENT_FIELDS,
                     columns=["article_id", "source", "action", "target", "cameo", "plover", "acled", "modality",
                              "date", "where"],
                     title="events")


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
