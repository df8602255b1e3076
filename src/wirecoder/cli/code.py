"""``wirecoder code FILE|-``: run the pipeline on one input and print JSON, without touching a store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..pipeline import run_input
from ..records import UNASSERTED, RawInput, Result
from .common import check_coding_setup, dictionaries_option


@click.command("code")
@click.argument("path", type=click.Path(exists=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one indented document per article; jsonl: one line per article.")
@click.option("--include-unasserted", is_flag=True,
              help="Also print negated and hypothetical events (flagged by their modality).")
@dictionaries_option
@click.pass_context
def code_command(ctx: click.Context, path: str, fmt: str, include_unasserted: bool,
                 dictionaries: Path | None) -> None:
    """Clean and code one input (a page, or each record of a JSON Lines file) and print
    {"article": {...}, "events": [...]} for each. Rejections go to standard error; exit status 1 if any.

    Negated and hypothetical events ("did not attack", "fear fighting may spread") are left out unless
    --include-unasserted is given.
    """
    from ..ingest import read_inputs
    from . import settings_from

    settings = settings_from(ctx, dictionaries=str(dictionaries) if dictionaries else None)
    check_coding_setup(settings)
    rejected = 0
    for item in read_inputs([path], settings=settings):
        if isinstance(item, RawInput):
            result = run_input(item, settings=settings)
        else:
            result = Result(input_hash=item.input_hash, source=item.source, rejection=item)
        if result.rejection is not None:
            rejected += 1
            click.echo(f"rejected {result.source}: {result.rejection.code} {result.rejection.message}", err=True)
            continue
        assert result.article is not None
        events = [e.to_dict() for e in result.events if include_unasserted or e.modality not in UNASSERTED]
        document = {"article": result.article.to_dict(), "events": events}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2 if fmt == "json" else None))
    ctx.exit(1 if rejected else 0)
