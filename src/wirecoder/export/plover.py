"""PLOVER JSON Lines: one record per event that has a PLOVER event type, laid out as the PLOVER/POLECAT spec does.

:func:`plover_record` turns one canonical event into a record (None when ``plover.type`` is None: CAMEO's 01x
statements have no PLOVER type); :func:`write_plover` writes one JSON object per line. Fields:

- ``id``, ``date`` (``YYYY-MM-DD`` or null) as wirecoder has them.
- ``actor``/``recipient``: the source's and target's name, else their words as written; null when absent.
  ``actor_country``/``recipient_country``: their ISO alpha-3 country (from the actor's country or its code).
- ``event`` = ``plover.type``, ``mode`` = ``plover.mode`` (null when the type has no mode).
- ``context`` = ``[]``: PLOVER's contexts (``human_rights``, ``economic`` ...) describe the topic, which wirecoder
  does not code.
- ``event_loc``: the location's name, lat, lon, country (ISO alpha-3), admin1, GeoNames id and precision; null
  when the event has no location. ``event_text`` is the representative sentence; ``source_url`` the URL.
- ``num_mentions``, ``num_articles``, ``num_sources``: wirecoder's counts.
- ``wirecoder``: what PLOVER has no field for: ``cameo``, ``quad_class``, ``goldstein``, ``acled``
  (``{"event_type", "sub_event_type"}`` or null), and the actors' CAMEO codes ``actor_code``/``recipient_code``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from . import actor_country, as_date

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "actor", "actor_country", "recipient", "recipient_country", "event", "mode", "context",
    "event_loc", "event_text", "num_mentions", "num_articles", "num_sources", "source_url", "wirecoder",
)
"""Top-level fields of a record, in order."""

EVENT_LOC_FIELDS: tuple[str, ...] = ("name", "lat", "lon", "country", "admin1", "geonameid", "precision")


def plover_record(event: Mapping[str, Any]) -> dict[str, Any] | None:
    """One canonical event as a PLOVER record, or None when it has no PLOVER event type."""
    plover = event.get("plover") or {}
    if not plover.get("type"):
        return None
    source, target = event.get("source"), event.get("target")
    location = event.get("location")
    day = as_date(event.get("date"))
    acled = event.get("acled")
    return {
        "id": event["id"],
        "date": day.isoformat() if day else None,
        "actor": _name(source),
        "actor_country": actor_country(source),
        "recipient": _name(target),
        "recipient_country": actor_country(target),
        "event": plover["type"],
        "mode": plover.get("mode") or None,
        "context": [],
        "event_loc": {k: location.get(k) for k in EVENT_LOC_FIELDS} if location else None,
        "event_text": event.get("sentence"),
        "num_mentions": event.get("num_mentions"),
        "num_articles": event.get("num_articles"),
        "num_sources": event.get("num_sources"),
        "source_url": event.get("url"),
        "wirecoder": {
            "cameo": event.get("cameo"),
            "quad_class": event.get("quad_class"),
            "goldstein": event.get("goldstein"),
            "acled": ({"event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type")}
                      if acled else None),
            "actor_code": (source or {}).get("code"),
            "recipient_code": (target or {}).get("code"),
        },
    }


def write_plover(events: Iterable[Mapping[str, Any]], handle: TextIO) -> int:
    """Write the events that have a PLOVER type as JSON Lines (UTF-8 text, not ASCII-escaped); return the
    records written. Events without one are skipped."""
    n = 0
    for event in events:
        record = plover_record(event)
        if record is not None:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _name(actor: Mapping[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("text") or None
