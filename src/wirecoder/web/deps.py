"""What the API and the pages take from a request: a store handle and the event filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from ..store import Store
from ..store.query import EventQuery


async def reader(request: Request) -> AsyncIterator[Store]:
    """A handle on the store for this request (a DuckDB cursor), closed after it. Async because making and
    closing a cursor does not block: FastAPI then runs it on the event loop, not in a worker thread."""
    handle = request.app.state.store.reader()
    try:
        yield handle
    finally:
        handle.close()


StoreDep = Annotated[Store, Depends(reader)]


async def event_filters(
    since: Annotated[dt.date | None, Query(description="On or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="On or before this date.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                         description="Where it happened: ISO 3166 alpha-3 (SYR).")] = None,
    actor: Annotated[str | None, Query(max_length=200,
                                       description="An actor code or its start (SYRMIL), or actor words.")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$",
                                       description="A CAMEO root (19) or code (190 and those under it).")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal cooperation, 2 material "
                                            "cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    plover: Annotated[str | None, Query(max_length=40, description="A PLOVER event type (ASSAULT).")] = None,
    acled: Annotated[str | None, Query(max_length=80,
                                       description="An ACLED event or sub-event type (Battles).")] = None,
    near: Annotated[str | None, Query(description="LAT,LON: within `km` of this point.")] = None,
    km: Annotated[float, Query(ge=0, le=20_000)] = 25.0,
    bbox: Annotated[str | None, Query(description="W,S,E,N: inside this box (degrees).")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Reported by at least this many outlets.")] = None,
    include_hypothetical: Annotated[bool, Query(description="Also events only announced or threatened.")] = False,
) -> EventQuery:
    """The :class:`EventQuery` of the request's filters (bad values are 422 errors). Async: it only computes,
    so it runs on the event loop instead of taking a worker thread."""
    return EventQuery(
        since=since, until=until, country=country, actor=actor or None, cameo=cameo, quad_class=quad_class,
        plover=plover or None, acled=acled or None,
        near=_numbers(near, 2, "near", (-90, -180), (90, 180)) if near else None, km=km,
        bbox=_numbers(bbox, 4, "bbox", (-180, -90, -180, -90), (180, 90, 180, 90)) if bbox else None,
        min_sources=min_sources, include_future=include_hypothetical)


FiltersDep = Annotated[EventQuery, Depends(event_filters)]


def _numbers(text: str, count: int, name: str, low: tuple[float, ...], high: tuple[float, ...]) -> tuple[float, ...]:
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != count or not all(lo <= v <= hi for v, lo, hi in zip(values, low, high, strict=True)):
        shape = "LAT,LON (34.5,36.6)" if count == 2 else "W,S,E,N in degrees (35,32,37,35)"
        raise HTTPException(422, f"{name}: expected {shape}, got {text!r}")
    return values
