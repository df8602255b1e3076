"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from ..errors import StoreError
from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = Path("wirecoder.duckdb")


def db_option(func: F) -> F:
    return click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
        envvar="WIRECODER_DB", help="The DuckDB store file.",
    )(func)


def dictionaries_option(func: F) -> F:
    return click.option(
        "--dictionaries", type=click.Path(exists=True, path_type=Path), default=None,
        help="A folder of PETRARCH-format dictionaries (verbs, actors, agents, discards) to code with, on top "
             "of the built-in lexicon; their entries win.",
    )(func)


def check_coding_setup(settings: Any) -> None:
    """Load the spaCy model and the lexicons now, so a set-up problem stops the command with its message."""
    from ..coding import Lexicons
    from ..errors import WirecoderError
    from ..nlp import load

    try:
        load(settings.spacy_model)
        Lexicons.for_settings(settings)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc


def echo_rejections(summary: Any, *, see: str) -> None:
    """Print an ingest's rejections (``IngestSummary``) to stderr: each one listed, then how many more there are
    and the ones skipped as rejected by an earlier run, pointing at ``see`` for the rest."""
    for rejection in summary.rejections:
        click.echo(f"rejected {rejection.source}: {rejection.code} {rejection.message}", err=True)
    unlisted = summary.rejected - summary.previously_rejected - len(summary.rejections)
    if unlisted > 0:
        click.echo(f"... and {unlisted} more; see {see}", err=True)
    if summary.previously_rejected:
        click.echo(f"{summary.previously_rejected} input(s) had been rejected before and were skipped; see "
                   f"{see}, or pass --retry-rejected to process them again", err=True)


@contextmanager
def open_store(path: Path, *, read_only: bool) -> Iterator[Store]:
    try:
        store = Store(path, read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def emit_records(
    rows: Iterable[dict[str, Any]], *, fmt: str, fields: Sequence[str], columns: Sequence[str], title: str
) -> None:
    """Print dict rows as a Rich table (``columns``), a JSON array, JSON Lines or CSV (``fields``).

    Rows are written as they come, so any number can be streamed. In CSV, list values are joined by newlines.
    """
    if fmt == "json":
        click.echo("[", nl=False)
        for index, row in enumerate(rows):
            item = json.dumps({k: row[k] for k in fields}, ensure_ascii=False, indent=2)
            click.echo(("," if index else "") + "\n  " + item.replace("\n", "\n  "), nl=False)
        click.echo("\n]")
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps({k: row[k] for k in fields}, ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "\n".join(v) if isinstance(v, list) else v for k, v in row.items()})
            click.echo(buffer.getvalue(), nl=False)
            buffer.seek(0)
            buffer.truncate()
        click.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*[_cell(row.get(column)) for column in columns])
        Console(file=sys.stdout, width=_width()).print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _width() -> int | None:
    return None if sys.stdout.isatty() else 160


def stderr_console() -> Console:
    return Console(stderr=True, width=_width())
