"""Score where and when wirecoder places events against MUC-3/4 event templates (``wirecoder eval muc``).

Gold files are JSON Lines, one article per line: ``{"id", "text", "date"?, "dateline_place"?, "events": [{"location",
"date_iso", "optional"?, "incident_type"?, "stage"?, ...}]}``. ``date`` is the publication date (ISO),
``location`` a MUC location string such as ``"EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)"``
and ``date_iso`` the ISO dates the template's date slot names (one day, the two ends of a range, or the days of
alternative readings). Other keys are ignored. Only templates with ``optional`` false are gold events; articles
without any are not scored.

**Gold places** (:func:`parse_location`, :func:`resolve_location`). A location string holds one or more readings,
separated by ``/`` (``"(COLOMBIA: BOGOTA (CITY)) / (COLOMBIA)"``, ``"HONDURAS / EL SALVADOR"``); a ``-`` between
two places (``"PERU: HUARAZ (CITY) - LIMA (CITY)"``, from one to the other) also gives a reading per place, with
the same country and parents. A leading ``?`` (doubt) is dropped; ``-``, ``*`` or nothing means no location. In
each reading the first part is the country, the parts after it go from less to more specific, each a name with an
optional kind (``(TOWN)``, ``(CITY / COUNTY)``). The country resolves through the gazetteer's country names (a
misspelling such as ``GUATAMALA`` through the consonant skeleton of country names). Each part resolves to a place
in that country by name (exact key, else skeleton with name similarity >= :data:`FUZZY_MIN_SIMILARITY`),
preferring, in order: places within :data:`ACC_KM` of the part above it when that one resolved, places of the
part's kind (``ADM*`` features for DEPARTMENT/PROVINCE/STATE/COUNTY/INTENDANCY, ``PPL*`` for CITY/TOWN/VILLAGE/
MUNICIPALITY/NEIGHBORHOOD...; no preference for other kinds), the largest population. The gold coordinates are
those of the most specific part that resolved; ``level`` says which kind that was and ``fallback`` how many more
specific parts could not be resolved. A reading with no resolvable part keeps only its country (no coordinates).

**Predicted events** are plain dicts in the shape of :meth:`wirecoder.records.Event.to_dict`. Candidates are the
asserted *material conflict* events of the article: ``quad_class == 4`` (CAMEO roots 14-20: protest, force
posture, sanctions, coercion, assault, fight, mass violence) whose ``modality`` is not negated or hypothetical.

**Metrics** (:func:`score`), over the gold events of the scored articles:

- ``coverage``: share of gold events whose article has at least one candidate ("covered");
- ``country_accuracy``: among covered gold events with a gold country, share where some candidate's
  ``location.country`` is a gold country (any reading);
- ``acc161``: among covered gold events with gold coordinates, share where some candidate lies within 161 km
  (haversine) of some reading's coordinates;
- ``date_accuracy`` / ``date_exact``: among covered gold events with a date, share where some candidate's
  ``date`` is within the gold range (earliest to latest of ``date_iso``) widened by one day / not widened;
- ``located``: share of candidates with a location; ``precision_counts``: candidates by ``location.precision``
  (1 town, 2 near a town, 3 region or country);
- ``dateline_as_location``: among located candidates, share whose location's gazetteer name is the article's
  dateline place (``"MANAGUA (NICARAGUA)"`` counts as ``MANAGUA``), compared as normalised names. The dateline
  says where the report was filed, not where the event happened; lower is better, but not 0 (events do happen in
  the capital the news is filed from).

Shares over no item are None; shares are rounded to 3 decimals. For each gold event the *matched* candidate
(a line of ``--predictions``) is the one nearest a gold reading; ties (equal distance, or no distance at all) go to
a candidate in a gold country, then to the one with the nearest date, then to the earliest.

This module imports no spaCy model and builds no gazetteer: resolution takes any object with the gazetteer's
lookups and arrays (:class:`GazetteerLike`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import WirecoderError
from ..geo.gazetteer import distance_km
from ..geo.names import normalise, similarity
from ..records import UNASSERTED, RawInput
from . import goldfile

ACC_KM = 161.0
"""Accuracy threshold: 161 km (100 miles), the usual acc@161."""
DATE_SLACK_DAYS = 1
"""``date_accuracy`` accepts a predicted date this many days outside the gold range."""
MATERIAL_CONFLICT = 4
"""The CAMEO QuadClass of candidate events (roots 14-20)."""
FUZZY_MIN_SIMILARITY = 0.8
"""A skeleton match must also be this alike (difflib ratio of normalised names) to resolve a gold part."""

ADMIN_WORDS = frozenset({"DEPARTMENT", "PROVINCE", "STATE", "COUNTY", "INTENDANCY", "COMMISSARY"})
SETTLEMENT_WORDS = frozenset({"CITY", "TOWN", "VILLAGE", "HAMLET", "MUNICIPALITY", "JURISDICTION", "CAPITAL",
                              "PORT", "SUBURB", "NEIGHBORHOOD", "TOWNSHIP", "COMMUNITY", "CANTON", "CORREGIMIENTO"})
"""Words of a MUC kind that make it prefer ``ADM*`` / ``PPL*`` gazetteer features."""

NO_LOCATION = frozenset({"", "-", "*"})


class GazetteerLike(Protocol):
    """What :func:`resolve_location` uses of :class:`wirecoder.geo.Gazetteer`."""

    names: Sequence[str]
    lat: Sequence[float]
    lon: Sequence[float]
    population: Sequence[int]
    country: Sequence[str | None]
    feature: Sequence[str]

    def lookup(self, name: str) -> tuple[int, ...]: ...

    def fuzzy(self, name: str) -> tuple[int, ...]: ...

    def country_mention(self, name: str) -> str | None: ...


# Location strings -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LocationPart:
    """One part of a MUC location below the country: ``SAN MIGUEL (DEPARTMENT)``."""

    name: str
    kinds: tuple[str, ...] = ()
    """``("DEPARTMENT",)``; ``("CITY", "COUNTY")`` for ``(CITY / COUNTY)``; empty when the string gives none."""

    @property
    def kind(self) -> str:
        return " / ".join(self.kinds)


@dataclass(frozen=True, slots=True)
class GoldLocation:
    """One reading of a MUC location: the country, then the parts from less to more specific."""

    country: str
    parts: tuple[LocationPart, ...] = ()


def parse_location(text: str | None) -> tuple[GoldLocation, ...]:
    """The readings of a MUC location string, in order, without repeats; empty when it gives no location.

    >>> parse_location("PERU: LIMA (CITY)")
    (GoldLocation(country='PERU', parts=(LocationPart(name='LIMA', kinds=('CITY',)),)),)
    """
    if text is None or text.strip() in NO_LOCATION:
        return ()
    readings: list[GoldLocation] = []
    for alternative in _split_top(text, "/"):
        alternative = _unwrap(alternative)
        if alternative in NO_LOCATION:
            continue
        pieces = [_unwrap(p) for p in _split_top(alternative, ":")]
        options = [[o for o in (_unwrap(x) for x in _split_top(piece, " - ")) if o not in NO_LOCATION]
                   for piece in pieces]
        if not options[0]:
            continue
        for country, *parts in itertools.product(*(o for o in options if o)):
            reading = GoldLocation(country=_part(country).name, parts=tuple(_part(p) for p in parts))
            if reading not in readings:
                readings.append(reading)
    return tuple(readings)


def _split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it is outside parentheses."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, i):
            pieces.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces]


def _unwrap(text: str) -> str:
    """``text`` without a leading ``?`` and without parentheses around all of it."""
    text = text.strip()
    while True:
        if text.startswith("?"):
            text = text[1:].strip()
        elif text.startswith("(") and text.endswith(")") and _closing(text) == len(text) - 1:
            text = text[1:-1].strip()
        else:
            return text


def _closing(text: str) -> int:
    """Index of the parenthesis closing the one at ``text[0]`` (-1 when it is never closed)."""
    depth = 0
    for i, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return i
    return -1


_KIND = re.compile(r"^(?P<name>.*?)\s*\((?P<kind>[^()]*)\)$")


def _part(text: str) -> LocationPart:
    match = _KIND.match(text)
    if match is None or not match["name"]:
        return LocationPart(name=text)
    kinds = tuple(k.strip() for k in match["kind"].split("/") if k.strip())
    return LocationPart(name=match["name"].strip(), kinds=kinds)


# Gold places ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlace:
    """A reading of a gold location resolved with the gazetteer."""

    name: str
    """The gold part whose coordinates are used (``SAN LUIS DE LA REINA``), or the country's name."""
    level: str = "COUNTRY"
    """That part's kind (``TOWN``, ``DEPARTMENT``, ``CITY / COUNTY``, ``""`` when none is given), or ``COUNTRY``
    when no part below the country resolved."""
    fallback: int = 0
    """How many more specific parts could not be resolved (0: the most specific part was)."""
    country: str | None = None
    """ISO alpha-3; None when the country name is not known."""
    lat: float | None = None
    lon: float | None = None
    gazetteer_name: str | None = None
    feature: str | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "level": self.level, "fallback": self.fallback, "country": self.country,
                "lat": self.lat, "lon": self.lon, "gazetteer_name": self.gazetteer_name, "feature": self.feature}


def resolve_country(name: str, gazetteer: GazetteerLike) -> str | None:
    """ISO alpha-3 of a country named in a gold location (tolerating a misspelling), or None."""
    iso3 = gazetteer.country_mention(name)
    if iso3 is not None:
        return iso3
    key = normalise(name)
    for i in gazetteer.fuzzy(name):
        if gazetteer.feature[i] == "PCLI" and similarity(key, normalise(gazetteer.names[i])) >= FUZZY_MIN_SIMILARITY:
            return gazetteer.country[i]
    return None


def preferred_features(kinds: Sequence[str]) -> tuple[str, ...]:
    """Feature-code prefixes a MUC kind prefers: ``("PPL",)`` for a town, ``("ADM",)`` for a department."""
    words = {w for kind in kinds for w in kind.upper().split()}
    prefixes = []
    if words & SETTLEMENT_WORDS:
        prefixes.append("PPL")
    if words & ADMIN_WORDS:
        prefixes.append("ADM")
    return tuple(prefixes)


def resolve_part(part: LocationPart, iso3: str, gazetteer: GazetteerLike,
                 near: tuple[float, float] | None = None) -> int | None:
    """The gazetteer index of a gold part in country ``iso3`` (see the module docstring), or None."""
    found = [i for i in gazetteer.lookup(part.name) if gazetteer.country[i] == iso3 and gazetteer.feature[i] != "PCLI"]
    if not found:
        key = normalise(part.name)
        found = [i for i in gazetteer.fuzzy(part.name)
                 if gazetteer.country[i] == iso3 and gazetteer.feature[i] != "PCLI"
                 and similarity(key, normalise(gazetteer.names[i])) >= FUZZY_MIN_SIMILARITY]
    if not found:
        return None
    prefixes = preferred_features(part.kinds)

    def rank(i: int) -> tuple[bool, bool, int, int]:
        far = near is not None and distance_km(near[0], near[1], gazetteer.lat[i], gazetteer.lon[i]) > ACC_KM
        other_kind = bool(prefixes) and not gazetteer.feature[i].startswith(prefixes)
        return far, other_kind, -gazetteer.population[i], i

    return min(found, key=rank)


def resolve_location(location: GoldLocation, gazetteer: GazetteerLike) -> GoldPlace:
    """A reading's coordinates: its most specific part that resolves, else only its country."""
    iso3 = resolve_country(location.country, gazetteer)
    if iso3 is None:
        return GoldPlace(name=location.country, fallback=len(location.parts))
    resolved: list[int | None] = []
    near = None
    for part in location.parts:
        i = resolve_part(part, iso3, gazetteer, near)
        resolved.append(i)
        if i is not None:
            near = (gazetteer.lat[i], gazetteer.lon[i])
    for depth in range(len(location.parts) - 1, -1, -1):
        i = resolved[depth]
        if i is not None:
            part = location.parts[depth]
            return GoldPlace(name=part.name, level=part.kind, fallback=len(location.parts) - 1 - depth,
                             country=iso3, lat=float(gazetteer.lat[i]), lon=float(gazetteer.lon[i]),
                             gazetteer_name=gazetteer.names[i], feature=gazetteer.feature[i])
    return GoldPlace(name=location.country, fallback=len(location.parts), country=iso3)


# Gold file ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTemplate:
    """A non-optional MUC event template, its location parsed but not resolved."""

    location: str | None
    readings: tuple[GoldLocation, ...]
    dates: tuple[dt.date, ...]
    incident_type: str | None = None
    stage: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    id: str
    line: int
    """Line of the gold file (1-based)."""
    text: str
    date: str | None
    """Publication date as the file gives it (ISO), or None."""
    dateline: str | None
    templates: tuple[GoldTemplate, ...]


def load_gold(path: Path) -> list[GoldArticle]:
    """The articles of a gold file holding at least one non-optional template, in file order.

    A bad line stops with E801 naming ``path:line``.
    """
    lines = goldfile.records(path, what="gold article", fields='"id", "text", "date", "events"')
    articles = [a for a in (_article(record, where, number) for record, where, number in lines) if a.templates]
    return goldfile.non_empty(articles, path, "it holds no article with a non-optional event; write one JSON "
                                              "object per line")


def _article(record: dict[str, Any], where: str, number: int) -> GoldArticle:
    goldfile.require(record, where, ("id", "text", "events"), "gold articles")
    article_id, text, events = record["id"], record["text"], record["events"]
    if not isinstance(events, list):
        raise WirecoderError("E801", f"{where}: 'events' must be a list, not {_kind(events)}")
    for key in ("date", "dateline_place"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise WirecoderError("E801", f"{where}: '{key}' must be a string or null, not {_kind(record[key])}")
    templates = []
    for index, event in enumerate(events, 1):
        template = _template(event, f"{where}: event {index}")
        if template is not None:
            templates.append(template)
    return GoldArticle(id=str(article_id), line=number, text=text, date=record.get("date") or None,
                       dateline=record.get("dateline_place") or None, templates=tuple(templates))


def _template(value: object, where: str) -> GoldTemplate | None:
    if not isinstance(value, dict):
        raise WirecoderError("E801", f"{where} must be an object with location, date_iso, not {_kind(value)}")
    if value.get("optional", False):
        return None
    location, dates = value.get("location"), value.get("date_iso", [])
    if location is not None and not isinstance(location, str):
        raise WirecoderError("E801", f"{where}: 'location' must be a string or null, not {_kind(location)}")
    if not isinstance(dates, list):
        raise WirecoderError("E801", f"{where}: 'date_iso' must be a list of ISO dates, not {_kind(dates)}")
    parsed = []
    for date in dates:
        if date is None:  # a date the converter could not read ("13 NOV 00"): unknown
            continue
        match = _ISO_DATE.fullmatch(date) if isinstance(date, str) else None
        if match is None or not 1 <= int(match["month"]) <= 12:
            raise WirecoderError("E801", f"{where}: 'date_iso' holds {_kind(date)}, not an ISO date (YYYY-MM-DD)")
        year, month = int(match["year"]), int(match["month"])
        last_day = calendar.monthrange(year, month)[1]
        parsed.append(dt.date(year, month, min(max(1, int(match["day"])), last_day)))
    return GoldTemplate(location=location, readings=parse_location(location), dates=tuple(parsed),
                        incident_type=_text(value.get("incident_type")), stage=_text(value.get("stage")))


_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
"""A gold date; a day past the month's end (``1989-11-31`` in MUC-4) is read as the month's last day."""


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


_kind = goldfile.kind


def raw_input(article: GoldArticle, source: str) -> RawInput:
    """The article as ``wirecoder ingest`` reads a JSON Lines record: ``{"id", "text", "date"}``, kind ``jsonl``.

    The clean stage takes the body from ``text`` and the publication date from ``date``.
    """
    record: dict[str, str] = {"id": article.id, "text": article.text}
    if article.date:
        record["date"] = article.date
    content = json.dumps(record, ensure_ascii=False).encode("utf-8")
    return RawInput(input_hash=hashlib.sha256(content).hexdigest(), source=source, kind="jsonl", content=content,
                    size=len(content), received_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))


# Scoring --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """A gold event with its readings resolved: what :func:`score` compares predictions with."""

    places: tuple[GoldPlace, ...] = ()
    """One per reading of the location; empty when the template gives none."""
    dates: tuple[dt.date, ...] = ()
    location: str | None = None
    incident_type: str | None = None
    stage: str | None = None

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p.country for p in self.places if p.country is not None)

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        return (min(self.dates), max(self.dates)) if self.dates else None


def resolve_event(template: GoldTemplate, gazetteer: GazetteerLike) -> GoldEvent:
    return GoldEvent(places=tuple(resolve_location(r, gazetteer) for r in template.readings), dates=template.dates,
                     location=template.location, incident_type=template.incident_type, stage=template.stage)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoredArticle:
    id: str
    dateline: str | None
    """The dateline place (``SAN SALVADOR``, ``MANAGUA (NICARAGUA)``) or None."""
    gold: tuple[GoldEvent, ...]
    predicted: tuple[Mapping[str, Any], ...]
    """Every event the pipeline coded (``Event.to_dict()`` shape); :func:`candidates` picks the scored ones."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMatch:
    """One gold event and how the article's candidates did on it (a line of ``--predictions``)."""

    article_id: str
    dateline: str | None
    gold: GoldEvent
    covered: bool
    predicted: Mapping[str, Any] | None
    """The matched candidate: the nearest to a gold reading (see :func:`best_match`)."""
    place: GoldPlace | None
    """The gold reading nearest the matched candidate (the first reading when no distance can be had)."""
    error_km: float | None
    """Distance from the nearest located candidate to the nearest gold reading; None when there is none."""
    date_error_days: int | None
    """Days between the gold range and the nearest candidate date (0 inside the range); None when there is none."""
    country_ok: bool | None
    within_161: bool | None
    date_ok: bool | None
    date_exact: bool | None
    """None when not scored: the event is not covered, or the gold has no country / coordinates / date."""

    def to_dict(self) -> dict[str, Any]:
        p = self.predicted
        first_last = self.gold.date_range
        return {
            "id": self.article_id,
            "incident_type": self.gold.incident_type,
            "stage": self.gold.stage,
            "location": self.gold.location,
            "dateline": self.dateline,
            "gold": self.place.to_dict() if self.place is not None else None,
            "gold_dates": [d.isoformat() for d in first_last] if first_last else None,
            "covered": self.covered,
            "predicted": None if p is None else {
                "location": p.get("location"), "date": p.get("date"), "date_precision": p.get("date_precision"),
                "cameo": p.get("cameo"), "modality": p.get("modality"), "sentence": p.get("sentence")},
            "error_km": None if self.error_km is None else round(self.error_km, 1),
            "date_error_days": self.date_error_days,
            "country_ok": self.country_ok,
            "within_161": self.within_161,
            "date_ok": self.date_ok,
        }


def candidates(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The asserted material-conflict events (``quad_class`` 4, modality not negated or hypothetical)."""
    return [e for e in events if e.get("quad_class") == MATERIAL_CONFLICT and e.get("modality") not in UNASSERTED]


def event_date(event: Mapping[str, Any]) -> dt.date | None:
    value = event.get("date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def date_error(gold: GoldEvent, event: Mapping[str, Any]) -> int | None:
    """Days from the gold date range to the event's date (0 inside it); None when either has no date."""
    first_last, date = gold.date_range, event_date(event)
    if first_last is None or date is None:
        return None
    first, last = first_last
    return (first - date).days if date < first else (date - last).days if date > last else 0


def place_error(gold: GoldEvent, event: Mapping[str, Any]) -> tuple[float, GoldPlace] | None:
    """Distance (km) from the event's location to the nearest gold reading with coordinates, and that reading."""
    location = event.get("location")
    if not location or location.get("lat") is None or location.get("lon") is None:
        return None
    best = None
    for place in gold.places:
        if place.has_coordinates:
            km = distance_km(place.lat, place.lon, location["lat"], location["lon"])  # type: ignore[arg-type]
            if best is None or km < best[0]:
                best = (km, place)
    return best


def best_match(gold: GoldEvent, events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The candidate nearest a gold reading; ties go to one in a gold country, then the nearest date, the first."""

    def rank(item: tuple[int, Mapping[str, Any]]) -> tuple[float, bool, float, int]:
        index, event = item
        found = place_error(gold, event)
        days = date_error(gold, event)
        location = event.get("location") or {}
        return (math.inf if found is None else found[0], location.get("country") not in gold.countries,
                math.inf if days is None else days, index)

    return min(enumerate(events), key=rank)[1] if events else None


def match_event(article: ScoredArticle, gold: GoldEvent, events: Sequence[Mapping[str, Any]]) -> EventMatch:
    """How the article's candidates ``events`` did on one gold event ("some candidate" for every flag)."""
    covered = bool(events)
    matched = best_match(gold, events)
    errors_km = [found for e in events if (found := place_error(gold, e)) is not None]
    nearest = min(errors_km, key=lambda f: f[0]) if errors_km else None
    days = [d for e in events if (d := date_error(gold, e)) is not None]
    has_coordinates = any(p.has_coordinates for p in gold.places)
    place = nearest[1] if nearest is not None else (gold.places[0] if gold.places else None)
    return EventMatch(
        article_id=article.id, dateline=article.dateline, gold=gold, covered=covered, predicted=matched,
        place=place,
        error_km=nearest[0] if nearest is not None else None,
        date_error_days=min(days) if days else None,
        country_ok=any((e.get("location") or {}).get("country") in gold.countries for e in events)
        if covered and gold.countries else None,
        within_161=(nearest is not None and nearest[0] <= ACC_KM) if covered and has_coordinates else None,
        date_ok=(bool(days) and min(days) <= DATE_SLACK_DAYS) if covered and gold.dates else None,
        date_exact=(bool(days) and min(days) == 0) if covered and gold.dates else None,
    )


def dateline_name(dateline: str | None) -> str:
    """The normalised place of a dateline: ``"MANAGUA (NICARAGUA)"`` -> ``"managua"``; ``""`` for none."""
    if not dateline:
        return ""
    return normalise(re.sub(r"\s*\([^()]*\)\s*$", "", dateline))


def score(articles: Sequence[ScoredArticle]) -> tuple[dict[str, Any], list[EventMatch]]:
    """The metrics object of ``eval muc --json`` (see the module docstring) and one match per gold event."""
    matches: list[EventMatch] = []
    n_candidates = n_located = n_dateline = 0
    precision_counts = {1: 0, 2: 0, 3: 0}
    for article in articles:
        events = candidates(article.predicted)
        dateline = dateline_name(article.dateline)
        for event in events:
            location = event.get("location")
            n_candidates += 1
            if location:
                n_located += 1
                if location.get("precision") in precision_counts:
                    precision_counts[location["precision"]] += 1
                n_dateline += bool(dateline) and normalise(location.get("name") or "") == dateline
        matches.extend(match_event(article, gold, events) for gold in article.gold)
    covered = [m for m in matches if m.covered]
    metrics = {
        "n_articles": len(articles),
        "n_gold_events": len(matches),
        "coverage": _share(len(covered), len(matches)),
        "country_accuracy": _flag_share(m.country_ok for m in covered),
        "acc161": _flag_share(m.within_161 for m in covered),
        "located": _share(n_located, n_candidates),
        "precision_counts": precision_counts,
        "date_accuracy": _flag_share(m.date_ok for m in covered),
        "date_exact": _flag_share(m.date_exact for m in covered),
        "dateline_as_location": _share(n_dateline, n_located),
    }
    return metrics, matches


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _flag_share(flags: Any) -> float | None:
    scored = [f for f in flags if f is not None]
    return _share(sum(scored), len(scored))
