"""The ``wirecoder`` command. Commands are grouped by noun, one module each; this module only assembles them.

Exit codes: 0 success; 1 some inputs were rejected (or a command failed with a message); 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..settings import Settings
from . import articles, batch, bench, code, db, evaluate, events, export, gazetteer, ingest, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="wirecoder")
@click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), envvar="WIRECODER_CONFIG",
    help="A TOML settings file; it overrides only the keys it sets (see docs/settings.md).",
)
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """wirecoder: news articles in, coded events out (who did what to whom, where and when)."""
    ctx.obj = {"config": config}


def settings_from(ctx: click.Context, **overrides: object) -> Settings:
    from ..errors import WirecoderError

    try:
        return Settings.load(ctx.find_root().obj.get("config"), **overrides)
    except WirecoderError as exc:
        raise click.UsageError(str(exc)) from exc


main.add_command(ingest.ingest_command)
main.add_command(articles.articles_command)
main.add_command(articles.show_command)
main.add_command(articles.rejections_command)
main.add_command(events.events_command)
main.add_command(events.mentions_command)
main.add_command(events.stats_command)
main.add_command(export.export_command)
main.add_command(code.code_command)
main.add_command(evaluate.eval_group)
main.add_command(gazetteer.gazetteer_group)
main.add_command(serve.serve_command)
main.add_command(bench.bench_command)
main.add_command(batch.batch_command)
main.add_command(db.db_group)
