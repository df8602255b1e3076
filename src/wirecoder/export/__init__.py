"""Export formats: canonical events out as GDELT, ACLED, PLOVER, CSV or Parquet files.

Input is wirecoder's canonical event, one plain dict per event as the store gives it (``id``, ``date``,
``source``/``target``/``associates`` actor dicts, ``cameo``, ``plover``, ``acled``, ``location``, counts,
``sentence``, ``url``, ``added`` ...; see ``docs/exports.md``). Each format is one module:

=========  ===========================  =======================================================================
format     module                       what is written
=========  ===========================  =======================================================================
gdelt      :mod:`.gdelt`                GDELT 2.0 Event table rows: 61 tab-separated columns, no header
acled      :mod:`.acled`                ACLED-style CSV (31 columns, header); only events with an ACLED type
plover     :mod:`.plover`               PLOVER/POLECAT JSON Lines; only events with a PLOVER type
csv        :mod:`.tables`               every field of every event, nested fields flattened, header
parquet    :mod:`.tables`               every field of every event, nested fields kept as structs and lists
=========  ===========================  =======================================================================

:func:`write` picks a format by name and writes a file; each module also has its own ``write_*`` taking an open
handle (or, for Parquet, a path) and its row function (``gdelt_row``, ``acled_row``, ``plover_record``) for one
event. Writers take any iterable of events and stream it. Formats are loaded on first use, so importing this
package costs nothing (pyarrow is only imported for Parquet).

The readers shared by the formats live here: :func:`country` (``data/countries.tsv``: ISO numeric, name,
ACLED region; ``data/fips.tsv``: FIPS 10-4 code), :func:`actor_country`, :func:`as_date` and :func:`as_datetime`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "FORMATS",
    "Country",
    "ExportFormat",
    "actor_country",
    "as_date",
    "as_datetime",
    "countries",
    "country",
    "write",
]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its name, usual file suffix and writer."""

    name: str
    suffix: str
    """Usual file name ending (``.tsv``); :func:`write` does not enforce it."""
    target: Literal["text", "path"]
    """``text``: the writer takes a text handle; ``path``: it takes a file path (Parquet)."""
    module: str
    function: str
    description: str

    @property
    def writer(self) -> Callable[..., int]:
        """The ``write_*`` function (``(events, handle_or_path) -> rows written``), imported on first use."""
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.function)


FORMATS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        "gdelt": ExportFormat("gdelt", ".tsv", "text", "gdelt", "write_gdelt",
                              "GDELT 2.0 Event table: 61 tab-separated columns, no header"),
        "acled": ExportFormat("acled", ".csv", "text", "acled", "write_acled",
                              "ACLED-style CSV with header; only events with an ACLED event type"),
        "plover": ExportFormat("plover", ".jsonl", "text", "plover", "write_plover",
                               "PLOVER/POLECAT JSON Lines; only events with a PLOVER event type"),
        "csv": ExportFormat("csv", ".csv", "text", "tables", "write_csv",
                            "every field of every event, nested fields flattened, with header"),
        "parquet": ExportFormat("parquet", ".parquet", "path", "tables", "write_parquet",
                                "every field of every event, nested fields kept as structs and lists"),
    }
)
"""Export formats by name."""


def write(fmt: str, events: Iterable[Mapping[str, Any]], out_path: str | Path) -> int:
    """Write ``events`` to ``out_path`` in format ``fmt`` (a key of :data:`FORMATS`); return the rows written.

    Text formats are written as UTF-8 with ``newline=""``, so the writers' own line ends (``\\n``, or ``\\r\\n``
    for CSV as the csv module writes it) reach the file unchanged. An existing file is replaced.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if spec.target == "path":
        return spec.writer(events, Path(out_path))
    with open(out_path, "w", encoding="utf-8", newline="") as handle:
        return spec.writer(events, handle)


# ---- shared readers -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    """A row of ``data/countries.tsv`` with its FIPS code from ``data/fips.tsv``."""

    iso3: str
    numeric: int
    """ISO 3166-1 numeric code (Kosovo 0, as ACLED writes it)."""
    name: str
    """Name as ACLED spells it (``Ivory Coast``, ``Democratic Republic of Congo``)."""
    region: str
    """ACLED region (``Middle East``, ``Western Africa``)."""
    aliases: tuple[str, ...]
    fips: str | None
    """FIPS 10-4 country code (``SY``, ``UK``), None where there is no single one."""


def _rows(name: str) -> list[list[str]]:
    text = (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # the header


@functools.cache
def countries() -> Mapping[str, Country]:
    """All countries and territories by ISO alpha-3, read once from the package's data files."""
    fips = {iso3: code or None for iso3, code in _rows("fips.tsv")}
    table = {}
    for iso3, numeric, name, region, aliases in _rows("countries.tsv"):
        table[iso3] = Country(iso3, int(numeric), name, region, tuple(a for a in aliases.split("|") if a),
                              fips.get(iso3))
    return MappingProxyType(table)


def country(iso3: str | None) -> Country | None:
    """The country with this ISO alpha-3 code, or None (None, empty or unknown code)."""
    return countries().get(iso3) if iso3 else None


def actor_country(actor: Mapping[str, Any] | None) -> str | None:
    """An actor's country: its ``country`` field, else the first three letters of its code when they are a
    country's ISO alpha-3 (``SYRMIL`` -> ``SYR``; ``IGOUNO`` -> None)."""
    if not actor:
        return None
    if actor.get("country"):
        return actor["country"]
    code = actor.get("code") or ""
    return code[:3] if code[:3] in countries() else None


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string (or a date) as a date; None for None or an empty string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def as_datetime(value: str | dt.datetime | None) -> dt.datetime | None:
    """A ``YYYY-MM-DDTHH:MM:SS`` string (or a datetime) as a naive datetime; None for None or ``""``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime.fromisoformat(value)
