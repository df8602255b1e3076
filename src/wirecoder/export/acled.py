"""ACLED-style CSV: the 31 columns of ACLED's data export, one row per event that has an ACLED event type.

:func:`acled_row` turns one canonical event into a row (None when the event is outside ACLED's scope, i.e. its
``acled`` is None); :func:`write_acled` writes a CSV with a header. Conventions (each is in ``docs/exports.md``):

- ``event_id_cnty``: the ISO alpha-3 of the event's country + ``int(id[:15], 16)`` (the GDELT export's
  GlobalEventID, so rows can be joined across formats). The event's country is the location's, else the source
  actor's, else the target actor's; with none, the id is the number alone.
- ``event_date`` is ISO ``YYYY-MM-DD``; ``time_precision`` is ``date_precision`` (1 day, 2 week, 3 month).
- ``disorder_type`` from ``event_type``: :data:`DISORDER_TYPES`; "Excessive force against protesters" and
  "Mob violence" are both political violence and demonstrations, as ACLED codes them.
- Actors: see :func:`side`; ``assoc_actor_1`` adds the event's associates (actors on the source's side). A
  peaceful protest has no actor2: ACLED codes it with the protesters alone. ``inter1``/``inter2`` are ACLED's
  numeric actor types (:data:`INTER_TYPES`; 0 for no actor), ``interaction`` the two combined smaller first
  (``12``; ``60`` for protesters alone).
- ``civilian_targeting`` is "Civilian targeting" when actor2 is civilians (inter 7) in political violence.
- ``iso``, ``region``, ``country``: ISO numeric, ACLED region and name of the event's country
  (``data/countries.tsv``); ``admin1`` and ``location`` are the location's; ``admin2``/``admin3`` are empty.
- ``latitude``/``longitude`` with four decimals; ``geo_precision`` is the location's precision (1 town,
  2 near a town or a small area, 3 region), ACLED's scale.
- ``source`` is the publishers joined by "; "; ``source_scale`` is always "Other" (wirecoder does not know each
  publisher's reach); ``notes`` is the representative sentence.
- ``fatalities`` is 0 when none were reported, as ACLED writes it; ``tags`` is empty.
- ``timestamp`` is ``added`` in Unix seconds, ``added`` read as UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from . import actor_country, as_date, as_datetime, countries, country
from .gdelt import split_code

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
"""ACLED's export columns, in its order."""

POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC_DEVELOPMENTS = (
    "Political violence", "Demonstrations", "Strategic developments")

DISORDER_TYPES: Mapping[str, str] = {
    "Battles": POLITICAL_VIOLENCE,
    "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC_DEVELOPMENTS,
}
"""ACLED event type -> disorder type."""

_BOTH_DISORDERS = frozenset({"Excessive force against protesters", "Mob violence"})

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
INTER_TYPES: Mapping[int, str] = {
    STATE_FORCES: "State forces",
    REBELS: "Rebel groups",
    POLITICAL_MILITIA: "Political militias",
    IDENTITY_MILITIA: "Identity militias",
    RIOTERS: "Rioters",
    PROTESTERS: "Protesters",
    CIVILIANS: "Civilians",
    EXTERNAL: "External/Other forces",
}
"""ACLED's actor types (``inter1``/``inter2``); 0 means there is no such actor."""

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
"""Sectors of a state's own bodies: state forces (1) at home, external forces (8) abroad."""

_STATE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "SPY": "Intelligence Services of {}"}
"""Other state sectors (and a country alone) are 'Government of {}'; a country alone in political violence is
its military."""

_ARMED = {
    "REB": (REBELS, "Rebels"),
    "INS": (REBELS, "Rebels"),
    "SEP": (REBELS, "Separatist Rebels"),
    "IMG": (REBELS, "Rebels"),
    "UAF": (POLITICAL_MILITIA, "Unidentified Armed Group"),
    "CRM": (POLITICAL_MILITIA, "Criminal Group"),
    "PTY": (POLITICAL_MILITIA, "Political Militia"),
    "RAD": (POLITICAL_MILITIA, "Political Militia"),
    "ETH": (IDENTITY_MILITIA, "Ethnic Militia"),
}
"""Non-state armed sectors -> (inter code, generic name); a named group keeps its name."""

_CIVILIAN_GROUPS = {
    "CVL": None, "PPL": None, "MOD": None, "REF": "Refugees/IDPs", "JRN": "Journalists", "MED": "Health Workers",
    "HLH": "Health Workers", "EDU": "Students", "REL": "Religious Group", "LAB": "Labor Group",
    "BUS": "Business Group", "AGR": "Farmers", "NGO": "Aid Workers", "HRI": "Human Rights Defenders",
    "ENV": "Environmental Group", "ELI": "Elites", "OPP": "Opposition",
}
"""Unarmed sectors -> the group ACLED names as an associated actor of 'Civilians (...)' or 'Protesters (...)'."""

_EXTERNAL_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC"})
"""Code prefixes of bodies that belong to no one country."""


@dataclass(frozen=True, slots=True)
class Side:
    """An actor as ACLED names it."""

    name: str
    """``actor1``/``actor2``: ``Military Forces of Syria``, ``Protesters (Iraq)``, ``Hezbollah``."""
    inter: int
    """ACLED actor type, 1..8."""
    group: str | None = None
    """The more specific group, written among the associated actors (``Journalists (Syria)``)."""


def acled_row(event: Mapping[str, Any]) -> dict[str, Any] | None:
    """One canonical event as an ACLED row (column -> value; ``""`` where there is no value), or None when the
    event has no ACLED event type."""
    acled = event.get("acled")
    if not acled or not acled.get("event_type"):
        return None
    event_type, sub_event_type = acled["event_type"], acled.get("sub_event_type") or ""
    disorder = DISORDER_TYPES.get(event_type, STRATEGIC_DEVELOPMENTS)
    if sub_event_type in _BOTH_DISORDERS:
        disorder = f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    location = event.get("location") or {}
    home = location.get("country") or actor_country(event.get("source")) or actor_country(event.get("target"))
    place = country(home)
    day = as_date(event.get("date"))
    added = as_datetime(event.get("added"))

    source, target = event.get("source"), event.get("target")
    one = side(source, event_country=home, event_type=event_type, victim=False) if source else None
    if sub_event_type == "Peaceful protest":
        target = None  # ACLED codes a peaceful protest with the protesters alone; whom it targets is in the notes
    two = side(target, event_country=home, event_type=event_type, victim=True) if target else None
    assoc1 = [one.group] if one and one.group else []
    for associate in event.get("associates") or ():
        found = side(associate, event_country=home, event_type=event_type, victim=False)
        assoc1.append(found.group or found.name)
    inter1, inter2 = one.inter if one else 0, two.inter if two else 0
    violent = disorder.startswith(POLITICAL_VIOLENCE)

    return {
        "event_id_cnty": f"{home or ''}{int(event['id'][:15], 16)}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _value(event.get("date_precision")),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": one.name if one else "",
        "assoc_actor_1": "; ".join(_unique(assoc1)),
        "inter1": inter1,
        "actor2": two.name if two else "",
        "assoc_actor_2": (two.group or "") if two else "",
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if violent and inter2 == CIVILIANS else "",
        "iso": place.numeric if place else "",
        "region": place.region if place else "",
        "country": place.name if place else "",
        "admin1": location.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": location.get("name") or "",
        "latitude": _coordinate(location.get("lat")),
        "longitude": _coordinate(location.get("lon")),
        "geo_precision": _value(location.get("precision")),
        "source": "; ".join(event.get("sources") or ()),
        "source_scale": "Other",
        "notes": event.get("sentence") or "",
        "fatalities": event.get("fatalities") or 0,
        "tags": "",
        "timestamp": _unix(added),
    }


def write_acled(events: Iterable[Mapping[str, Any]], handle: TextIO) -> int:
    """Write the events that have an ACLED type as CSV with a header; return the rows written (header not
    counted). Events without one are skipped."""
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        row = acled_row(event)
        if row is not None:
            writer.writerow(row)
            n += 1
    return n


def interaction(inter1: int, inter2: int) -> str:
    """ACLED's interaction code: both actor types, smaller first (``12`` for state forces and rebels);
    one actor alone is its type followed by 0 (``60``: protesters alone). Empty with no actor at all."""
    low, high = sorted((inter1, inter2))
    if high == 0:
        return ""
    return f"{high}0" if low == 0 else f"{low}{high}"


def side(actor: Mapping[str, Any], *, event_country: str | None, event_type: str, victim: bool) -> Side:
    """How ACLED would name an actor of an event of ``event_type`` in ``event_country``.

    Names put the actor's country (else the event's) in words: "Military Forces of Syria", "Rebels (Syria)".
    In order:

    1. Protests and Riots: any actor that is neither a state body nor armed is the crowd, "Protesters (Iraq)" (6)
       or "Rioters (Iraq)" (5); a named party or a specific group (labour, students ...) becomes its associate.
    2. An actor without a code: in political violence, "Civilians (...)" (7) when it is the victim of violence
       against civilians, else "Unidentified Armed Group (...)" (3); otherwise its words as written (8).
    3. State bodies (GOV, MIL, COP, SPY, LEG, JUD, or a country code alone): "Military Forces of ...",
       "Police Forces of ...", "Intelligence Services of ...", "Government of ..." (a country alone is its
       military in political violence); 1 when the actor's country is the event's (or unknown), else 8.
    4. Non-state armed groups: REB/INS/SEP/IMG rebels (2); UAF, CRM, PTY and RAD political militias (3);
       ETH identity militias (4). A group with a name of its own ("Hezbollah") keeps it.
    5. Unarmed sectors (CVL, REF, JRN, MED, EDU, LAB, NGO, OPP ...): "Civilians (...)" (7), with the specific
       group ("Journalists (Syria)") as associate.
    6. Anything else (IGO, unknown sectors): its name or words (8).
    """
    code = actor.get("code") or ""
    sector = actor.get("sector") or _first_type(code)
    home = actor_country(actor)
    where = _in_country(home or event_country)
    crowd = _crowd(event_type)
    armed = sector in _ARMED or sector in STATE_SECTORS or sector == "IGO"
    words = actor.get("name") or actor.get("text") or ""
    if crowd and not armed and not (code and not sector and home):
        return Side(f"{crowd[1]}{where}", crowd[0], _group(actor, sector, where))
    if not code:
        if DISORDER_TYPES.get(event_type) == POLITICAL_VIOLENCE:
            if victim and event_type == "Violence against civilians":
                return Side(f"Civilians{where}", CIVILIANS)
            return Side(f"Unidentified Armed Group{where}", POLITICAL_MILITIA)
        return Side(words, EXTERNAL)
    external_body = code[:3] in _EXTERNAL_PREFIXES
    if (sector in STATE_SECTORS or (sector is None and home)) and not external_body:
        domestic = home is None or event_country is None or home == event_country
        state = country(home or event_country)
        if state is None:
            return Side(words, EXTERNAL)
        if sector is None and DISORDER_TYPES.get(event_type) == POLITICAL_VIOLENCE:
            sector = "MIL"
        name = _STATE_NAMES.get(sector or "", "Government of {}").format(state.name)
        return Side(name, STATE_FORCES if domestic else EXTERNAL)
    if sector in _ARMED:
        inter, generic = _ARMED[sector]
        return Side(_own_name(actor) or f"{generic}{where}", inter)
    if sector in _CIVILIAN_GROUPS:
        return Side(f"Civilians{where}", CIVILIANS, _group(actor, sector, where))
    return Side(_own_name(actor) or words, EXTERNAL)


def _crowd(event_type: str) -> tuple[int, str] | None:
    if event_type == "Protests":
        return PROTESTERS, "Protesters"
    if event_type == "Riots":
        return RIOTERS, "Rioters"
    return None


def _group(actor: Mapping[str, Any], sector: str | None, where: str) -> str | None:
    """The specific group of an unarmed actor: a party's or organisation's own name, else its sector's group."""
    if sector in ("PTY", "NGO", "OPP", "LAB", "REL", "BUS") and (name := _own_name(actor)):
        return name
    generic = _CIVILIAN_GROUPS.get(sector or "")
    if sector == "PTY":
        generic = "Political Party"
    return f"{generic}{where}" if generic else None


def _own_name(actor: Mapping[str, Any]) -> str | None:
    """The actor's name when it is a name of its own ("Hezbollah"), not its country's ("Syria") or None."""
    name = actor.get("name")
    if not name:
        return None
    folded = name.casefold()
    for iso3 in {actor_country(actor), actor.get("country")} - {None}:
        found = countries().get(iso3)
        if found and folded in {n.casefold() for n in (found.name, *found.aliases)}:
            return None
    return name


def _first_type(code: str) -> str | None:
    types = split_code(code).types
    return types[0] if types else None


def _in_country(iso3: str | None) -> str:
    found = country(iso3)
    return f" ({found.name})" if found else ""


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _value(value: Any) -> Any:
    return "" if value is None else value


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{float(value):.4f}"


def _unix(value: dt.datetime | None) -> int | str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return int(value.timestamp())
