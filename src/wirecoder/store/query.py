"""Filters over canonical events, turned into SQL with every value a bound parameter.

``EventQuery`` is what ``wirecoder events``, ``wirecoder export`` and the Python API share. Column names and
operators come from this module; values travel only as parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    """ISO alpha-3 of where the event happened."""
    actor: str | None = None
    """An actor code or its start (``SYR``, ``SYRMIL``), or words of an actor's text (``rebels``)."""
    cameo: str | None = None
    """A CAMEO root (``19``) or a code and those under it (``190``, ``1951``)."""
    plover: str | None = None
    acled: str | None = None
    """An ACLED event type or sub-event type (``Battles``, ``Armed clash``), case-insensitive."""
    near: tuple[float, float] | None = None
    km: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    """West, south, east, north."""
    min_sources: int | None = None
    quad_class: int | None = None
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    actor_code: str | None = None
    """Exactly this actor code as source or target (an actor's own page)."""
    geonameid: int | None = None
    """Exactly this gazetteer place (a place's own page)."""
    include_future: bool = False
    """Also list events only announced or threatened (modality ``future``)."""
    order: str = "-date"
    """One of :data:`ORDERS`: a column, ``-`` first for descending."""
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")

    def order_by(self) -> str:
        """The ORDER BY clause (without the keywords): the chosen order, then newest and best-reported first."""
        column, descending = ORDERS[self.order]
        keys = [f'{column} {"DESC" if descending else "ASC"} NULLS LAST']
        keys += [key for key in ('"date" DESC NULLS LAST', "num_mentions DESC", "id") if not key.startswith(column)]
        return ", ".join(keys)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if not self.include_future:
            clauses.append("modality <> 'future'")
        if self.since is not None:
            clauses.append('"date" >= ?')
            params.append(self.since)
        if self.until is not None:
            clauses.append('"date" <= ?')
            params.append(self.until)
        if self.country:
            clauses.append("location.country = ?")
            params.append(self.country.upper())
        if self.actor:
            if self.actor.isupper() and self.actor.isalpha():
                clauses.append("(starts_with(source.code, ?) OR starts_with(target.code, ?))")
                params += [self.actor, self.actor]
            else:
                clauses.append("(source.text ILIKE ? ESCAPE '\\' OR target.text ILIKE ? ESCAPE '\\')")
                pattern = f"%{like_literal(self.actor)}%"
                params += [pattern, pattern]
        if self.cameo:
            if len(self.cameo) == 2:
                clauses.append("cameo_root = ?")
            else:
                clauses.append("starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.plover:
            clauses.append("plover_type = ?")
            params.append(self.plover.upper())
        if self.acled:
            clauses.append("(acled_event_type ILIKE ? ESCAPE '\\' OR acled_sub_event_type ILIKE ? ESCAPE '\\')")
            params += [like_literal(self.acled), like_literal(self.acled)]
        if self.near is not None:
            lat, lon = self.near
            clauses.append(_HAVERSINE + " <= ?")
            params += [lat, lat, lon, self.km if self.km is not None else 25.0]
        if self.bbox is not None:
            west, south, east, north = self.bbox
            clauses.append("location.lat BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                clauses.append("location.lon BETWEEN ? AND ?")
                params += [west, east]
            else:  # across the antimeridian
                clauses.append("(location.lon >= ? OR location.lon <= ?)")
                params += [west, east]
        if self.min_sources:
            clauses.append("num_sources >= ?")
            params.append(self.min_sources)
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad_class)
        if self.actor_code:
            clauses.append("(source.code = ? OR target.code = ?)")
            params += [self.actor_code, self.actor_code]
        if self.geonameid is not None:
            clauses.append("location.geonameid = ?")
            params.append(self.geonameid)
        return (" AND ".join(clauses) or "TRUE"), params


ORDERS = {
    "date": ('"date"', False), "-date": ('"date"', True),
    "num_sources": ("num_sources", False), "-num_sources": ("num_sources", True),
    "num_mentions": ("num_mentions", False), "-num_mentions": ("num_mentions", True),
    "num_articles": ("num_articles", False), "-num_articles": ("num_articles", True),
    "goldstein": ("goldstein", False), "-goldstein": ("goldstein", True),
    "fatalities": ("fatalities", False), "-fatalities": ("fatalities", True),
}
"""The orders events can be listed in: name -> (column, descending). Column names come only from here."""


def like_literal(text: str) -> str:
    """A value matched literally by ILIKE: its own % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_HAVERSINE = ("2 * 6371.0 * asin(sqrt(pow(sin(radians(location.lat - ?) / 2), 2) + cos(radians(?)) * "
              "cos(radians(location.lat)) * pow(sin(radians(location.lon - ?) / 2), 2)))")
"""Great-circle km from (?, ?) — latitude twice, then longitude — to the event's place."""
