"""``wirecoder bench``: wirecoder's speed against the bare spaCy pipeline on the same articles."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import WirecoderError


@click.command("bench")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="A JSON Lines corpus (one article per line: text or html, title, date...).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only its first N records.")
@click.option("--rounds", type=click.IntRange(min=1), default=3, show_default=True,
              help="Measured rounds of each side, after one warm-up; the median is reported.")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for wirecoder's side (as wirecoder ingest --processes).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def bench_command(ctx: click.Context, corpus: Path, limit: int | None, rounds: int, processes: int,
                  as_json: bool) -> None:
    """Measure words/s and articles/s of wirecoder end to end (read, clean, parse, geocode, code, date, store)
    against a bare spaCy pipeline (nlp.pipe, same model, every component) over the same article bodies, with
    the time of each step and the peak memory. With --processes P above 1, wirecoder runs both in one process
    and in P, and the speed-up of P is reported. Nothing is written outside a temporary folder."""
    from ..bench import bench
    from . import settings_from

    settings = settings_from(ctx)
    say = (lambda message: None) if as_json else (lambda message: click.echo(message, err=True))
    try:
        report = bench(corpus, settings=settings, limit=limit, rounds=rounds, processes=processes, say=say)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{report['articles']:,} articles, {report['words']:,} words, median of {rounds} rounds")
    click.echo(f"  spaCy alone (nlp.pipe):   {report['baseline_words_per_s']:>10,.0f} words/s")
    sides = [("one process", report.get("one_process", report))]
    if "one_process" in report:
        sides.append((f"{processes} processes", report))
    for side, figures in sides:
        click.echo(f"  wirecoder, {side + ':':<14}{figures['wirecoder_words_per_s']:>10,.0f} words/s "
                   f"({figures['articles_per_s']:,.1f} articles/s), {figures['ratio']:.2f}x the parser's speed")
    if "speedup" in report:
        click.echo(f"  {processes} processes against one: {report['speedup']:.2f}x")
    click.echo(f"  peak RSS:                 {report['peak_rss_mb']:>10,.0f} MB")
    if report["worker_peak_rss_mb"] is not None:
        click.echo(f"  peak RSS of a worker:     {report['worker_peak_rss_mb']:>10,.0f} MB "
                   f"({processes} processes)")
    for side, figures in sides:
        total = sum(figures["stages"].values()) or 1.0
        click.echo(f"  steps, {side}:")
        for step, seconds in sorted(figures["stages"].items(), key=lambda kv: -kv[1]):
            click.echo(f"    {step:<8} {seconds:8.2f} s  {seconds / total:5.0%}")
