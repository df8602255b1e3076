"""``wirecoder ingest PATH...``: read, clean and store articles."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import WirecoderError
from ..pipeline import IngestSummary, ingest
from .common import check_coding_setup, db_option, dictionaries_option, echo_rejections, open_store, stderr_console


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@db_option
@click.option("--max-bytes", type=click.IntRange(min=1, max=1 << 40), default=None,
              help="Reject documents larger than this (default from settings: 20 MB).")
@click.option("--retry-rejected", is_flag=True, help="Process inputs an earlier run rejected again.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or per-input rejection lines.")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the per-article stages (each loads the model once; this process alone "
                   "writes the store).")
@dictionaries_option
@click.pass_context
def ingest_command(
    ctx: click.Context, paths: tuple[str, ...], db: Path, max_bytes: int | None, retry_rejected: bool, quiet: bool,
    processes: int, dictionaries: Path | None,
) -> None:
    """Ingest news articles into the store.

    PATHS are files, directories (read recursively) or - for standard input. Text pages, HTML, JSON Lines
    (one article per line: "text" or "html", optional "title", "date", "url", "id", "publisher"), JSON arrays
    and WARC are read, each optionally gzip-compressed. Re-running skips what is stored; an interrupted run
    resumes.

    Exit status: 0 all inputs ingested, 1 some were rejected (see wirecoder rejections), 2 usage error.
    """
    from . import settings_from

    settings = settings_from(ctx, max_input_bytes=max_bytes,
                             dictionaries=str(dictionaries) if dictionaries else None)
    check_coding_setup(settings)
    err = stderr_console()
    with open_store(db, read_only=False) as store:
        progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True,
            disable=quiet,
        )
        with progress:
            task = progress.add_task("reading", total=None)

            def on_batch(summary: IngestSummary) -> None:
                progress.update(
                    task,
                    description=f"{summary.seen} inputs: {summary.ingested} ingested, {summary.rejected} rejected, "
                    f"{summary.skipped} already stored",
                )

            try:
                summary = ingest(paths, store=store, settings=settings, retry_rejected=retry_rejected,
                                 on_batch=on_batch, processes=processes)
            except WirecoderError as exc:
                raise click.ClickException(str(exc)) from exc
        counts = store.counts()
    if not quiet:
        echo_rejections(summary, see="wirecoder rejections")
    table = Table(title=f"wirecoder ingest → {db}")
    table.add_column("inputs seen", justify="right")
    table.add_column("ingested", justify="right")
    table.add_column("rejected", justify="right")
    table.add_column("already stored", justify="right")
    table.add_column("new articles", justify="right")
    table.add_column("copies", justify="right")
    table.add_column("articles in store", justify="right")
    table.add_column("mentions in store", justify="right")
    table.add_column("events in store", justify="right")
    table.add_row(*(str(n) for n in (summary.seen, summary.ingested, summary.rejected, summary.skipped,
                                     summary.new_articles, summary.copies, counts["articles"], counts["mentions"],
                                     counts["events"])))
    Console(width=120).print(table)
    total = sum(summary.seconds.values())
    if summary.ingested and not quiet:
        steps = ", ".join(f"{step} {seconds:.1f} s ({seconds / total:.0%})"
                          for step, seconds in sorted(summary.seconds.items(), key=lambda kv: -kv[1]))
        click.echo(f"time: {total:.1f} s: {steps}", err=True)
    ctx.exit(summary.exit_code)
