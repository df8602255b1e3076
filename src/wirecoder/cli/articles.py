"""``wirecoder articles``, ``show`` and ``rejections``: read what the store holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from .common import db_option, emit_records, open_store

FORMATS = click.Choice(["table", "json", "jsonl", "csv"])
_HEX = re.compile(r"^[0-9a-f]{4,16}$")
ARTICLE_FIELDS = ["id", "source", "publisher", "title", "published", "authors", "dateline", "body", "boilerplate",
                  "language"]


@click.command("articles")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many articles (default: 50 for a table, all otherwise).")
def articles_command(db: Path, fmt: str, limit: int | None) -> None:
    """List stored articles, newest first. JSON formats give every field of each article."""
    if limit is None and fmt == "table":
        limit = 50
    with open_store(db, read_only=True) as store:
        rows = (_with_words(a.to_dict()) for a in store.iter_articles(limit=limit))
        emit_records(rows, fmt=fmt, fields=ARTICLE_FIELDS,
                     columns=["id", "published", "title", "dateline", "words", "source"], title="articles")


def _with_words(row: dict) -> dict:
    row["words"] = sum(len(p.split()) for p in row["body"])
    return row


@click.command("show")
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_command(article_id: str, db: Path, fmt: str) -> None:
    """Show one article: its metadata, body and the lines set aside. ARTICLE_ID may be a unique prefix."""
    wanted = article_id.strip().lower()
    if not _HEX.match(wanted):
        raise click.BadParameter("an article id is 4 to 16 hex digits (see wirecoder articles)",
                                 param_hint="ARTICLE_ID")
    with open_store(db, read_only=True) as store:
        found = store.find_articles(wanted)
    if not found:
        raise click.ClickException(f"E704 no article with id {wanted}; list ids with wirecoder articles")
    if len(found) > 1:
        ids = ", ".join(a.id for a in found)
        raise click.ClickException(f"E705 id prefix {wanted} matches several articles ({ids}); give more digits")
    article = found[0].to_dict()
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    click.echo(article["title"] or "(no title)")
    click.echo("=" * min(len(article["title"] or "(no title)"), 100))
    for name in ("id", "published", "authors", "dateline", "publisher", "language", "source"):
        value = article[name]
        click.echo(f"{name + ':':<11}{', '.join(value) if isinstance(value, list) else value or ''}")
    click.echo()
    for paragraph in article["body"]:
        click.echo(paragraph)
        click.echo()
    if article["boilerplate"]:
        click.echo("--- set aside ---")
        for line in article["boilerplate"]:
            click.echo(line)


@click.command("rejections")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=None)
def rejections_command(db: Path, fmt: str, limit: int | None) -> None:
    """List the inputs that were rejected, with the stage, error code and reason."""
    with open_store(db, read_only=True) as store:
        rows = [r.to_dict() for r in store.rejections(limit=limit)]
    emit_records(rows, fmt=fmt, fields=["input_hash", "source", "stage", "code", "message"],
                 columns=["source", "stage", "code", "message"], title="rejections")
