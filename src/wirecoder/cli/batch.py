"""``wirecoder batch INPUT... --out DIR``: code articles on Ray and write the store's tables as Parquet."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import WirecoderError
from .common import dictionaries_option, echo_rejections


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The output folder: Parquet tables, manifest.json and the working store (_state/). Run again "
                   "into the same folder to add inputs.")
@click.option("--engine", type=click.Choice(["ray"]), default="ray", show_default=True,
              help="Where the per-article stages run.")
@click.option("--address", default=None,
              help="An existing Ray cluster (ray://HOST:10001, HOST:6379 or auto); default $RAY_ADDRESS, else a "
                   "local Ray started for this run.")
@click.option("--actors", type=click.IntRange(min=1), default=None,
              help="Actors in the pool, each with its own model (default: one per CPU of the cluster).")
@click.option("--cpus-per-actor", type=click.FloatRange(min=0.1), default=1.0, show_default=True,
              help="CPUs Ray reserves for each actor.")
@click.option("--block-rows", type=click.IntRange(min=1), default=8, show_default=True,
              help="Inputs per Ray task.")
@click.option("--object-store-mb", type=click.IntRange(min=80), default=None,
              help="The local Ray's object store size (default: Ray's, 30% of memory); ignored with --address.")
@click.option("--max-bytes", type=click.IntRange(min=1, max=1 << 40), default=None,
              help="Reject documents larger than this (default from settings: 20 MB).")
@click.option("--retry-rejected", is_flag=True, help="Process inputs an earlier run rejected again.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or per-input rejection lines.")
@dictionaries_option
@click.pass_context
def batch_command(
    ctx: click.Context, inputs: tuple[str, ...], out: Path, engine: str, address: str | None, actors: int | None,
    cpus_per_actor: float, block_rows: int, object_store_mb: int | None, max_bytes: int | None,
    retry_rejected: bool, quiet: bool, dictionaries: Path | None,
) -> None:
    """Code articles on a Ray cluster (or a local Ray) and write articles, mentions, events and rejections as
    Parquet under --out.

    INPUTS are what `wirecoder ingest` reads (files, folders, -), URLs that fsspec opens (s3://, gs://,
    https://, file://) and Parquet tables with the fields of the JSON Lines records. The events are the ones
    `wirecoder ingest` would store from the same inputs. Re-running into the same --out adds new inputs and
    never duplicates rows. Query the output with `wirecoder db attach DIR`.

    Exit status: 0 all inputs ingested, 1 some were rejected (listed, and in DIR/rejections), 2 usage error.
    """
    from ..batch import RayOptions, run_batch
    from ..batch.inputs import is_url
    from . import settings_from

    for item in inputs:
        if item != "-" and not is_url(item) and not Path(item).exists():
            raise click.BadParameter(f"{item!r} does not exist.", param_hint="INPUTS")
    settings = settings_from(ctx, max_input_bytes=max_bytes,
                             dictionaries=str(dictionaries) if dictionaries else None)
    options = RayOptions(address=address, actors=actors, cpus_per_actor=cpus_per_actor, block_rows=block_rows,
                         object_store_mb=object_store_mb)
    try:
        summary = run_batch(list(inputs), out=out, settings=settings, engine=engine, options=options,
                            retry_rejected=retry_rejected)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    done = summary.ingest
    if not quiet:
        echo_rejections(done, see=str(out / "rejections"))
    table = Table(title=f"wirecoder batch → {out}")
    for column in ("inputs seen", "ingested", "rejected", "already stored", "new articles", "copies", "articles",
                   "mentions", "events"):
        table.add_column(column, justify="right")
    table.add_row(*(str(n) for n in (done.seen, done.ingested, done.rejected, done.skipped, done.new_articles,
                                     done.copies, summary.counts.get("articles", 0), summary.counts.get("mentions", 0),
                                     summary.counts.get("events", 0))))
    Console(width=120).print(table)
    if not quiet:
        where = summary.ray
        ray = (f"Ray: {where.get('actors')} actor(s) on {where.get('cpus'):g} CPU(s)"
               f"{' (local)' if where.get('local') else ' at ' + str(where.get('address'))}; ") if where else ""
        click.echo(f"{ray}wall time {summary.wall_seconds:.1f} s; query it with: wirecoder db attach {out}", err=True)
    ctx.exit(summary.exit_code)
