"""``wirecoder eval ...``: score stages against gold sets given as paths."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import WirecoderError
from .common import check_coding_setup, dictionaries_option


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
        result = run_input(read_page(path, url), settings=settings, code=False)
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


@eval_group.command("events")
@click.option("--gold", "gold_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON Lines gold file: {id, date, text, expected: [{source, target, code}]} per sentence.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N sentences.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write each sentence's gold and predicted events to this JSON Lines file.")
@dictionaries_option
@click.pass_context
def events_command(ctx: click.Context, gold_file: Path, as_json: bool, limit: int | None, predictions: Path | None,
                   dictionaries: Path | None) -> None:
    """Score event coding on gold sentences: detection, code, root, triple and dyad P/R/F1, and accuracy.

    The gold code system (CAMEO, PLOVER, ACLED sub-event types or PentaClass class_0..class_4) is detected
    from the file; see wirecoder/evaluate/events.py for the exact rules.
    """
    from ..evaluate.events import load_gold, score
    from ..pipeline import code_text
    from . import settings_from

    settings = settings_from(ctx, dictionaries=str(dictionaries) if dictionaries else None)
    check_coding_setup(settings)
    try:
        system, gold = load_gold(gold_file)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    gold = gold[:limit] if limit else gold
    predicted = [code_text(g.text, settings=settings, published=_date(g.date), article_id=g.id) for g in gold]
    metrics, confusion = score(system, gold, predicted)
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as handle:
            for g, events in zip(gold, predicted, strict=True):
                handle.write(json.dumps({"id": g.id, "text": g.text, "expected": g.expected,
                                         "predicted": [e.to_dict() for e in events]}, ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps(metrics))
        return
    console = Console()
    table = Table(title=f"events: {gold_file} ({metrics['n']} sentences, {system})")
    for column in ("metric", "precision", "recall", "f1", "tp", "fp", "fn"):
        table.add_column(column, justify="right")
    for name in ("detection", "code", "root", "triple", "dyad"):
        if metrics[name] is not None:
            table.add_row(name, *(str(metrics[name][k]) for k in ("precision", "recall", "f1", "tp", "fp", "fn")))
    console.print(table)
    if metrics["accuracy"] is not None:
        console.print(f"accuracy (top label per sentence): {metrics['accuracy']}")
    matrix = Table(title="top label per sentence: gold (rows) vs predicted (columns)")
    labels = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    matrix.add_column("gold")
    for label in labels:
        matrix.add_column(label, justify="right")
    for g in labels:
        matrix.add_row(g, *(str(confusion.get((g, p), "")) for p in labels))
    console.print(matrix)


def _date(value: object) -> dt.date | None:
    """Gold dates come as ``YYYYMMDD`` or ``YYYY-MM-DD``; anything else is no date."""
    if not isinstance(value, str):
        return None
    digits = value.replace("-", "")
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


@eval_group.command("geo")
@click.option("--gold", "gold_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON Lines gold file: {id, text, toponyms: [{start, end, name, lat, lon}]} per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N documents.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write each gold toponym with its predicted place and error (km) to this JSON Lines file.")
@click.pass_context
def geo_command(ctx: click.Context, gold_file: Path, as_json: bool, limit: int | None,
                predictions: Path | None) -> None:
    """Score geocoding on gold toponyms: resolution of the gold spans (acc@161 km, mean/median error, AUC),
    end to end (toponym P/R/F1 and acc@161 of the matched ones) and country accuracy.

    See wirecoder/evaluate/geo.py for the exact rules.
    """
    from ..evaluate.geo import ToponymResult, load_gold, score
    from ..geo import Gazetteer
    from ..pipeline import geocode_text, resolve_spans
    from . import settings_from

    settings = settings_from(ctx)
    try:
        gold = load_gold(gold_file)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    gold = gold[:limit] if limit else gold
    details: list[ToponymResult] = []
    try:
        gazetteer = Gazetteer.for_settings(settings)
        metrics = score(
            gold,
            resolve=lambda text, spans: resolve_spans(text, spans, settings=settings),
            recognise=lambda text: geocode_text(text, settings=settings),
            country_mention=gazetteer.country_mention,
            nearest_country=gazetteer.nearest_country,
            details=details,
        )
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as handle:
            for row in details:
                handle.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps(metrics))
        return
    console = Console()

    def cell(value: object) -> str:
        return "–" if value is None else str(value)

    resolution = Table(title=f"geocoding: {gold_file} ({metrics['n_docs']} documents, {metrics['n_toponyms']} "
                             "toponyms), gold spans given")
    for column in ("acc161", "mean_km", "median_km", "auc", "unresolved"):
        resolution.add_column(column, justify="right")
    resolution.add_row(*(cell(v) for v in metrics["resolution"].values()))
    console.print(resolution)
    end_to_end = Table(title="end to end: toponyms found in the text")
    for column in ("precision", "recall", "f1", "acc161"):
        end_to_end.add_column(column, justify="right")
    end_to_end.add_row(*(cell(v) for v in metrics["end_to_end"].values()))
    console.print(end_to_end)
    console.print(f"country accuracy (toponyms naming a country): {cell(metrics['country_accuracy'])}")


@eval_group.command("muc")
@click.option("--gold", "gold_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON Lines file of MUC-3/4 articles: {id, date, text, dateline_place, events: [{location, "
                   "date_iso, optional}]} per line.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N articles that hold a non-optional event.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write each gold event with its gold place and dates and the matched predicted event to "
                   "this JSON Lines file.")
@click.pass_context
def muc_command(ctx: click.Context, gold_file: Path, as_json: bool, limit: int | None,
                predictions: Path | None) -> None:
    """Score where and when events are placed, on MUC-3/4 articles with event templates: coverage, country
    accuracy, acc@161 km, date accuracy (±1 day) and exact, share located, and how often the dateline is taken
    for the event's place.

    Each article runs through the whole pipeline; its asserted material-conflict events (QuadClass 4) are
    compared with the gold templates' places (resolved with the gazetteer) and dates. See
    wirecoder/evaluate/muc.py for the exact rules.
    """
    from ..evaluate.muc import ScoredArticle, load_gold, raw_input, resolve_event, score
    from ..geo import Gazetteer
    from ..pipeline import run_input
    from . import settings_from

    settings = settings_from(ctx)
    check_coding_setup(settings)
    try:
        articles = load_gold(gold_file)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    articles = articles[:limit] if limit else articles
    scored = []
    try:
        gazetteer = Gazetteer.for_settings(settings)
        for article in articles:
            result = run_input(raw_input(article, f"{gold_file}:{article.line}"), settings=settings)
            if result.rejection is not None:
                click.echo(f"rejected {result.source}: {result.rejection.code} {result.rejection.message}", err=True)
            dateline = article.dateline or (result.article.dateline if result.article is not None else None)
            scored.append(ScoredArticle(id=article.id, dateline=dateline,
                                        gold=tuple(resolve_event(t, gazetteer) for t in article.templates),
                                        predicted=tuple(e.to_dict() for e in result.events)))
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    metrics, matches = score(scored)
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as handle:
            for match in matches:
                handle.write(json.dumps(match.to_dict(), ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps(metrics))
        return
    console = Console()
    console.print(f"event place and date: {gold_file} ({metrics['n_articles']} articles, "
                  f"{metrics['n_gold_events']} gold events)", highlight=False, soft_wrap=True)
    table = Table()
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name in ("coverage", "country_accuracy", "acc161", "date_accuracy", "date_exact", "located",
                 "dateline_as_location"):
        table.add_row(name, "–" if metrics[name] is None else str(metrics[name]))
    console.print(table)
    counts = metrics["precision_counts"]
    console.print(f"located events by precision: town {counts[1]}, near a town {counts[2]}, region {counts[3]}")


@eval_group.command("dedup")
@click.option("--gold", "gold_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON Lines articles {id, text, date, publisher, happenings} (e.g. eval/dedup/articles.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--pairs", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the wrong and missed article pairs to this JSON Lines file.")
@click.pass_context
def dedup_command(ctx: click.Context, gold_file: Path, as_json: bool, pairs: Path | None) -> None:
    """Score cross-article event clustering: ingest the articles into a temporary store, then compare which
    article pairs share an event with which report the same happening (pairwise precision and recall)."""
    import tempfile

    from ..evaluate.dedup import gold_id, gold_pairs, load_gold, predicted_pairs, score
    from ..pipeline import ingest
    from ..store import Store
    from . import settings_from

    settings = settings_from(ctx)
    try:
        gold, names = load_gold(gold_file)
    except WirecoderError as exc:
        raise click.ClickException(str(exc)) from exc
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.duckdb") as store:
        ingest([gold_file], store=store, settings=settings)
        rows = store.event_sources()
    article_events = [(gold_id(source, names), event) for source, event in rows]
    predicted = predicted_pairs(article_events)
    summary = score(gold, predicted)
    if pairs is not None:
        truth = gold_pairs(gold)
        with pairs.open("w", encoding="utf-8") as handle:
            for kind, found in (("wrong", predicted - truth), ("missed", truth - predicted)):
                for pair in sorted(found, key=sorted):
                    a, b = sorted(pair)
                    handle.write(json.dumps({"kind": kind, "a": a, "b": b, "a_happenings": sorted(gold.get(a, ())),
                                             "b_happenings": sorted(gold.get(b, ()))}) + "\n")
    if as_json:
        click.echo(json.dumps(summary))
        return
    table = Table(title=f"event clustering: {gold_file}")
    for column in summary:
        table.add_column(column, justify="right")
    table.add_row(*(str(v) for v in summary.values()))
    Console().print(table)
