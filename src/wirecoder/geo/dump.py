"""Read GeoNames dumps a user downloaded (``wirecoder gazetteer load``) into the gazetteer folder.

Accepted files (plain, or a ``.zip`` holding one ``.txt``), recognised by their columns:

- the geoname table: ``allCountries.txt``, ``cities500.txt``/``cities1000.txt``/``cities5000.txt``/``cities15000.txt``
  or one country's ``XX.txt`` — 19 tab-separated columns (geonameid, name, asciiname, alternatenames, latitude,
  longitude, feature class, feature code, country code, cc2, admin1..admin4, population, ...). Kept: populated
  places (class P) with a population or a capital/seat code, first- and second-level divisions, and the regions,
  water bodies and landforms that news names (``KEPT_CODES``). ``min_population`` drops smaller populated places;
- ``admin1CodesASCII.txt`` — ``CC.code  name  asciiname  geonameid``: names for every first-level division.

Each file becomes ``geonames-<stem>.pkl`` in the gazetteer folder; the next run rebuilds the gazetteer with it.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .. import errors
from ..errors import WirecoderError
from .gazetteer import _usable_names

KEPT_CODES = frozenset({
    "ADM1", "ADM2", "RGN", "RGNE", "AREA", "TERR", "ZN", "SEA", "GULF", "BAY", "STRT", "OCN", "LK", "STM", "CNL",
    "MT", "MTS", "PK", "ISL", "ISLS", "PEN", "VAL", "DSRT", "PLN", "PLAT", "CAPE", "HLL",
})
"""Feature codes kept from classes A, L, T and H (populated places, class P, are kept by population)."""
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLG"})


def load_dump(path: Path, folder: Path, *, min_population: int = 0) -> tuple[Path, int, int]:
    """Read one dump file into ``folder``; returns (the pickle written, places kept, division names kept).

    Raises:
        WirecoderError: E401 when the file cannot be read or is not a GeoNames dump.
    """
    places: list[tuple] = []
    admin1: dict[tuple[str, str], str] = {}
    kind = None
    for number, line in enumerate(_lines(path), 1):
        if not line or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if kind is None:
            kind = "geoname" if len(cells) == 19 else "admin1" if len(cells) == 4 and "." in cells[0] else None
            if kind is None:
                raise _error(path, f"line {number} is not GeoNames (expected the 19 columns of allCountries.txt "
                             "or citiesN.txt, or the 4 of admin1CodesASCII.txt); get the files from "
                             "https://download.geonames.org/export/dump/")
        try:
            if kind == "admin1":
                country, _, code = cells[0].partition(".")
                admin1[(country, code)] = cells[1]
                continue
            row = _place(cells, min_population)
        except (IndexError, ValueError) as exc:
            raise _error(path, f"line {number} is malformed ({exc}); is the file complete?") from exc
        if row is not None:
            places.append(row)
    if kind is None:
        raise _error(path, "it is empty; download the dump again")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"geonames-{path.name.split('.')[0]}.pkl"
    tmp = out.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"source": str(path), "places": places, "admin1": admin1}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(out)
    return out, len(places), len(admin1)


def _place(cells: list[str], min_population: int) -> tuple | None:
    feature_class, code = cells[6], cells[7]
    population = int(cells[14] or 0)
    if feature_class == "P":
        if population < max(min_population, 1) and code not in SEAT_CODES:
            return None
        feature = "PPLC" if code == "PPLC" else "PPL"
    elif code in KEPT_CODES:
        feature = code
    else:
        return None
    name = cells[1]
    names = tuple(_usable_names(name, [cells[2], *cells[3].split(",")]))
    return (int(cells[0]), name, names, float(cells[4]), float(cells[5]), population, cells[8] or None, cells[10],
            feature)


def _lines(path: Path) -> Iterator[str]:
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
                if not members:
                    raise _error(path, "the zip holds no .txt GeoNames file")
                with archive.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
            return
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise _error(path, str(exc)) from exc


def _error(path: Path, reason: str) -> WirecoderError:
    return WirecoderError("E401", errors.E401.format(path=path, reason=reason))
