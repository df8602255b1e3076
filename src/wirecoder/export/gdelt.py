"""GDELT 2.0 Event table rows: 61 tab-separated columns in the codebook's order, no header, as GDELT's files are.

One canonical event is one row (:func:`gdelt_row`); :func:`write_gdelt` writes them. Where wirecoder has no value
the field is an empty string. The conventions (each is in ``docs/exports.md``):

- ``GlobalEventID``: GDELT's is an integer, so it is ``int(id[:15], 16)``, the first 15 hex digits of the event id
  (60 bits, fits a signed 64-bit integer). The ACLED export numbers events the same way.
- ``Day``/``MonthYear``/``Year`` from ``date``; ``FractionDate`` = year + day of year / 365, four decimals, as GDELT
  computes it. Empty when the event has no date.
- Actors: ``Actor1Code`` is the CAMEO code (``SYRMIL``). :func:`split_code` reads it in three-letter chunks:
  a leading ISO alpha-3 or CAMEO region is ``CountryCode``; type codes (``MIL``, ``REB``, ``IGO``...) fill
  ``Type1Code``..``Type3Code``; religion codes fill ``Religion1Code``/``Religion2Code``; the first other chunk
  is ``KnownGroupCode`` (``IGOUNO`` -> type ``IGO``, group ``UNO``). ``EthnicCode`` stays empty (wirecoder codes
  no ethnicity). ``Actor1Name`` is the actor's name, else its words as written, upper-cased as GDELT writes names.
  An actor without a code keeps only its name; an absent actor leaves all ten fields empty.
- ``IsRootEvent`` is 1: wirecoder codes the main events of a sentence, not the side events GDELT marks 0.
- ``EventCode`` = cameo, ``EventBaseCode`` its first three digits, ``EventRootCode`` its first two.
- ``AvgTone`` is empty: wirecoder does not score tone.
- ``Actor1Geo_*``/``Actor2Geo_*`` are empty: wirecoder locates actions, not actors. ``ActionGeo_*`` comes from
  ``location``: see :func:`geo_type`, :func:`full_name` and :func:`fips_code`; ``ADM1Code`` is the FIPS country
  code alone (GDELT appends a FIPS admin1 code wirecoder does not have), ``ADM2Code`` is empty, ``FeatureID`` is
  the GeoNames id.
- ``DATEADDED`` is ``added`` as ``YYYYMMDDHHMMSS``; ``SOURCEURL`` is ``url``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from . import as_date, as_datetime, countries, country

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
"""The 61 columns of the GDELT 2.0 Event table, in the codebook's order."""
assert len(GDELT_COLUMNS) == 61

TYPE_CODES = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "SPY", "CVL", "MED", "JRN", "REL", "BUS", "EDU",
        "LAB", "REF", "IGO", "NGO", "UAF", "HRI", "ELI", "MOD", "RAD", "IMG", "SEP", "CRM", "AGR", "ENV", "HLH",
        "INS", "PPL", "UNK", "MNC", "UIS", "DEV", "SET",
    }
)
"""CAMEO role (type) codes: wirecoder's sectors and CAMEO's other type codes."""

RELIGION_CODES = frozenset(
    {
        "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD", "ITR", "JAN",
        "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDX",
        "ZRO",
    }
)
"""CAMEO religion codes (``MOS`` Muslim, ``SHI`` Shia, ``CTH`` Catholic ...)."""

REGION_CODES = frozenset(
    {
        "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT",
        "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
    }
)
"""CAMEO region codes, which GDELT writes in ``CountryCode`` like countries (``MEA`` Middle East ...)."""

GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
"""GDELT's ``Geo_Type`` values."""

_GAZA = (31.2, 31.65, 34.2, 34.6)
"""Bounding box (lat, lat, lon, lon) of the Gaza Strip: FIPS GZ; the rest of Palestine is WE (West Bank)."""


@dataclass(frozen=True, slots=True)
class ActorCode:
    """A CAMEO actor code read the way GDELT splits it into its actor fields."""

    country: str = ""
    known_group: str = ""
    religion1: str = ""
    religion2: str = ""
    types: tuple[str, ...] = ()


def split_code(code: str | None) -> ActorCode:
    """Split a CAMEO actor code into GDELT's country, known group, religion and type fields.

    >>> split_code("SYRMIL")
    ActorCode(country='SYR', known_group='', religion1='', religion2='', types=('MIL',))
    >>> split_code("IGOUNO")
    ActorCode(country='', known_group='UNO', religion1='', religion2='', types=('IGO',))

    The code is read in three-letter chunks. The first is the country when it is an ISO alpha-3 code of
    ``data/countries.tsv`` or a CAMEO region. After that a type code goes to the types (three at most), a religion
    code to the religions (two at most), and the first chunk that is neither is the known group; later ones are
    dropped. None or an empty code gives empty fields.
    """
    if not code:
        return ActorCode()
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    found = ""
    if chunks[0] in countries() or chunks[0] in REGION_CODES:
        found = chunks.pop(0)
    group, religions, types = "", [], []
    for chunk in chunks:
        if chunk in TYPE_CODES:
            types.append(chunk)
        elif chunk in RELIGION_CODES:
            religions.append(chunk)
        elif not group:
            group = chunk
    religions += ["", ""]
    return ActorCode(found, group, religions[0], religions[1], tuple(types[:3]))


def geo_type(location: Mapping[str, Any]) -> int:
    """GDELT's ``Geo_Type`` of a wirecoder location.

    1 (country) for a country feature (``PCL``, ``PCLI``, ``PCLD``, ... and ``TERR``); for a first-level division
    (``ADM1``) or any other area placed at region precision (``precision`` 3: a region's centroid), 2 (US state)
    in the United States and 5 (world state) elsewhere; anything finer (a town, a district, a landmark),
    3 (US city) in the United States and 4 (world city) elsewhere, also for places in no country (a sea).
    """
    feature = (location.get("feature") or "").upper()
    in_us = location.get("country") == "USA"
    if feature.startswith("PCL") or feature == "TERR":
        return GEO_COUNTRY
    if feature.startswith("ADM1") or location.get("precision") == 3:
        return GEO_US_STATE if in_us else GEO_WORLD_STATE
    return GEO_US_CITY if in_us else GEO_WORLD_CITY


def fips_code(iso3: str | None, lat: float | None = None, lon: float | None = None) -> str:
    """The FIPS 10-4 country code GDELT uses for an ISO alpha-3 country (``GBR`` -> ``UK``, ``DEU`` -> ``GM``).

    Palestine (``PSE``) is ``GZ`` (Gaza Strip) when the point lies in the Gaza Strip, else ``WE`` (West Bank).
    Empty for None, an unknown code, or a territory with no single FIPS code.
    """
    found = country(iso3)
    if found is None or found.fips is None:
        return ""
    if found.iso3 == "PSE" and lat is not None and lon is not None:
        south, north, west, east = _GAZA
        if south <= lat <= north and west <= lon <= east:
            return "GZ"
    return found.fips


def gdelt_row(event: Mapping[str, Any]) -> list[str]:
    """One canonical event as the 61 fields of a GDELT 2.0 Event row (strings; empty where there is no value)."""
    day = as_date(event.get("date"))
    cameo = event.get("cameo") or ""
    row = [str(int(event["id"][:15], 16))]
    if day is None:
        row += ["", "", "", ""]
    else:
        fraction = day.year + day.timetuple().tm_yday / 365
        row += [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]
    row += _actor(event.get("source"))
    row += _actor(event.get("target"))
    row += ["1", cameo, cameo[:3], event.get("cameo_root") or cameo[:2], _text(event.get("quad_class")),
            _number(event.get("goldstein")), _text(event.get("num_mentions")), _text(event.get("num_sources")),
            _text(event.get("num_articles")), ""]
    row += [""] * (2 * len(_GEO_FIELDS))
    row += _geo(event.get("location"))
    added = as_datetime(event.get("added"))
    row += [added.strftime("%Y%m%d%H%M%S") if added else "", event.get("url") or ""]
    return [_clean(v) for v in row]


def write_gdelt(events: Iterable[Mapping[str, Any]], handle: TextIO) -> int:
    """Write events as GDELT rows (tab-separated, ``\\n`` line ends, no header); return the rows written."""
    n = 0
    for event in events:
        handle.write("\t".join(gdelt_row(event)) + "\n")
        n += 1
    return n


def _actor(actor: Mapping[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * len(_ACTOR_FIELDS)
    code = actor.get("code") or ""
    parts = split_code(code)
    name = (actor.get("name") or actor.get("text") or "").upper()
    types = [*parts.types, "", "", ""][:3]
    return [code, name, parts.country, parts.known_group, "", parts.religion1, parts.religion2, *types]


def _geo(location: Mapping[str, Any] | None) -> list[str]:
    if not location:
        return [""] * len(_GEO_FIELDS)
    lat, lon = location.get("lat"), location.get("lon")
    fips = fips_code(location.get("country"), lat, lon)
    return [str(geo_type(location)), full_name(location), fips, fips, "", _coordinate(lat), _coordinate(lon),
            _text(location.get("geonameid"))]


def full_name(location: Mapping[str, Any]) -> str:
    """``ActionGeo_FullName`` as GDELT writes it: place, first-level division, country (``Al Qusayr, Homs, Syria``),
    each part only when known and not the same as the one before."""
    parts: list[str] = []
    found = country(location.get("country"))
    for part in (location.get("name"), location.get("admin1"), found.name if found else None):
        if part and (not parts or part.casefold() != parts[-1].casefold()):
            parts.append(part)
    return ", ".join(parts)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: float | None) -> str:
    """A float as GDELT writes it: ``-10``, ``3.4``."""
    return "" if value is None else format(float(value), "g")


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{float(value):.4f}"


def _clean(value: str) -> str:
    """No tab or line break may end up inside a field of a tab-separated file without quoting."""
    if "\t" in value or "\n" in value or "\r" in value:
        return " ".join(value.split())
    return value
