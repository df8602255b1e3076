"""``wirecoder eval ...``: score stages against gold sets given as paths."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import WirecoderError


@click.group("eval")
def eval_group() -> None:
    """Score wirecoder against gold data (e.g. the sets under ../shared/gold)."""


@eval_group.command("extract")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder with ground-truth.json and html/<stem>.html.gz pages.")
@click.option("--json", "as_json", is_flag=True, help='Print {"n", "precision", "recall", "f1"} as JSON.')
@click.option("--per-page", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write each page's scores to this JSON Lines file.")
@click.pass_context
def extract_command(ctx: click.Context, gold_dir: Path, as_json: bool, per_page: Path | None) -> None:
    """Score article-body extraction with the ScrapingHub benchmark's metric (token 4-gram shingles)."""
    from ..evaluate.extract import load_gold, read_page, score_page, summarise
    from ..pipeline import run_input
    from . import settings_from

    settings = settings_from(ctx)
    try:
        gold = load_gold(gold_dir)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    scores = []
    for stem, url, expected, path in gold:
        result = run_input(read_page(path, url), settings=settings)
        extracted = "\n".join(result.article.body) if result.article is not None else ""
        scores.append(score_page(stem, expected, extracted))
    summary = summarise(scores)
    if per_page is not None:
        with per_page.open("w", encoding="utf-8") as handle:
            for s in scores:
                handle.write(json.dumps({"key": s.key, "precision": s.precision, "recall": s.recall}) + "\n")
    if as_json:
        click.echo(json.dumps(summary))
        return
    table = Table(title=f"extraction: {gold_dir}")
    for column in summary:
        table.add_column(column, justify="right")
    table.add_row(*(str(v) for v in summary.values()))
    Console().print(table)
