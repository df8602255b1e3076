"""``wirecoder db attach DIR``: a store file that reads the Parquet output of ``wirecoder batch``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import StoreError
from .common import db_option


@click.group("db")
def db_group() -> None:
    """Store files: attach the Parquet output of `wirecoder batch` so every command can read it."""


@db_group.command("attach")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
def attach_command(folder: Path, db: Path) -> None:
    """Make --db a read-only store over the Parquet folder FOLDER (written by `wirecoder batch --out FOLDER`).

    Its tables are views over the Parquet files, read at each query: `wirecoder events`, `wirecoder serve` and
    `wirecoder.open()` work on it, and see a later `wirecoder batch` run into FOLDER at once. Writing into it
    (`wirecoder ingest --db`) is refused. An existing --db is replaced only if it is itself an attached store.
    """
    from ..store.parquet import attach

    try:
        path = attach(folder, db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{path} now reads {folder.resolve()}; try: wirecoder events --db {path}")
