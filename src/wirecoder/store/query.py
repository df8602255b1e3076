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
    include_future: bool = False
    """Also list events only announced or threatened (modality ``future``)."""
    limit: int | None = None

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
                pattern = f"%{_escape(self.actor)}%"
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
            params += [_escape(self.acled), _escape(self.acled)]
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
        return (" AND ".join(clauses) or "TRUE"), params


def _escape(text: str) -> str:
    """A value matched literally by ILIKE: its own % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_HAVERSINE = ("2 * 6371.0 * asin(sqrt(pow(sin(radians(location.lat - ?) / 2), 2) + cos(radians(?)) * "
              "cos(radians(location.lat)) * pow(sin(radians(location.lon - ?) / 2), 2)))")
"""Great-circle km from (?, ?) — latitude twice, then longitude — to the event's place."""
