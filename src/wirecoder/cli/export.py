"""``wirecoder export``: canonical events out as GDELT, ACLED, PLOVER, CSV or Parquet files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..export import FORMATS, write
from .common import db_option, open_store
from .events import event_query, query_options


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True,
              help="gdelt: GDELT 2.0 event table (TSV, 61 columns); acled: ACLED CSV; plover: PLOVER JSON Lines; "
                   "csv: every field, flattened; parquet: every field, with structs.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write (replaced if it exists).")
@query_options
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many events.")
def export_command(db: Path, fmt: str, out: Path, limit: int | None, **filters: Any) -> None:
    """Write the store's canonical events (one per real-world event; the same filters as `wirecoder events`) in a
    format analysts load. ACLED and PLOVER files hold only the events with an ACLED or PLOVER type. Column
    mappings and conventions: docs/exports.md."""
    query = event_query(**filters, limit=limit)
    with open_store(db, read_only=True) as store:
        total = store.count_events(query)
        written = write(fmt, store.iter_events(query), out)
    click.echo(f"{written:,} of {min(total, limit) if limit is not None else total:,} events written to {out}",
               err=True)
