"""The cluster stage: one event per real-world happening, however many articles and sentences report it.

Each new mention (a sentence-level coding, :class:`~wirecoder.records.Event`) joins the stored event it agrees
with, or starts a new one. Two codings agree when:

- **action**: the same CAMEO root (``19`` fight, ``14`` protest...), or the same PLOVER type, or both material
  conflict (QuadClass 4: one raid is "stormed" in one report, "abducted" in another and "seized" in a third), or
  the same QuadClass when the same actor acts in the same town (one meeting is "met", "agreed" and "signed");
- **date**: their dates are within the window their precisions allow (a day either side for day precision,
  a week for week precision, a month for month precision); undated codings agree only with undated events;
- **actors**: source with source and target with target, each compatible: the same code, one unknown (no
  code), or one a more specific form of the other (``SYR`` and ``SYRMIL``), or state actors of one country
  (``MEXGOV`` and ``MEXMIL``: reports name the same police raid's actor differently), or an unidentified armed
  group and a non-state armed one of one country (``NGAUAF`` "gunmen" and ``NGACRM`` "bandits"); when both
  codings place the event in the same town, disagreeing actors only lower the agreement (reports code one raid's
  actors differently);
- **evidence**: with no town in common (a province, a country or no place), the same kind of act by a shared
  actor: in one province, the same CAMEO root or a shared actor; with only a country or no place in common, the
  same root, a shared actor and the same day, both dated to the day. Dates more than a day apart (which only a
  week's or a month's precision allows) need the same root or PLOVER type and compatible actors;
- **place**: the same GeoNames id, or within ``MAX_KM`` km, or a country-level place and a place in that
  country; an unknown place is compatible with any.

Among the stored events that agree, the mention joins the one that agrees best (same source and target codes,
same place, nearest date); codings with nothing in common but the action and the day ("officials said") are
never merged. Comparisons are *blocked*: each mention is compared only with the stored events of its QuadClass
and country (or unplaced) whose date window reaches its own, found by one range join in the store
(:meth:`Store.event_candidates`), and with the events its batch starts (``_Index``); so the cost grows with the
number of mentions times the events of the same days and country, not with the size of the store. Negated and
hypothetical mentions report nothing that happened, and mentions told as background (``Event.background``)
report nothing new: they join no event.
Clustering is incremental: each ingest batch is clustered against everything stored before it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..geo.gazetteer import distance_km
from ..records import UNASSERTED, Event

MAX_KM = 25.0
WINDOW_DAYS = {1: 1, 2: 7, 3: 31}
"""Days either side of a date that a coding of that precision may mean."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What clustering compares: one mention, or one stored event."""

    id: str
    root: str
    quad: int
    plover: str | None
    date: dt.date | None
    precision: int
    source: str | None
    target: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    place_precision: int | None
    admin1: str | None = None
    """The first-level division (GeoNames admin1 code) of the place, when known."""
    act: str | None = field(default=None, compare=False)
    """The sentence's act the coding comes from (article, sentence, trigger): the codings of one act ("X and Y
    met" is X→Y and Y→X) join one event together."""

    @classmethod
    def of_mention(cls, event: Event) -> Signature:
        place = event.location
        return cls(id=event.id, root=event.cameo_root, quad=event.quad_class, plover=event.plover_type,
                   date=event.when.date if event.when else None,
                   precision=event.when.precision if event.when else 3,
                   source=event.source.code if event.source else None,
                   target=event.target.code if event.target else None,
                   geonameid=place.geonameid if place else None, lat=place.lat if place else None,
                   lon=place.lon if place else None, country=place.country if place else None,
                   place_precision=place.precision if place else None, admin1=place.admin1 if place else None,
                   act=f"{event.article_id}:{event.sentence_index}:{event.action.start}")

    @classmethod
    def of_stored(cls, row: dict) -> Signature:
        return cls(id=row["id"], root=row["cameo_root"], quad=row["quad_class"], plover=row["plover_type"],
                   date=row["date"], precision=row["date_precision"] or 3,
                   source=row["source"], target=row["target"], geonameid=row["geonameid"], lat=row["lat"],
                   lon=row["lon"], country=row["country"], place_precision=row["precision"],
                   admin1=row.get("admin1"))

    @property
    def known(self) -> bool:
        """Whether it has anything another coding could agree with: an actor code or a place."""
        return self.source is not None or self.target is not None or self.lat is not None

    def block(self) -> dict:
        """What :meth:`Store.event_candidates` needs to find the stored events this coding may agree with."""
        town = self.lat is not None and (self.place_precision or 3) < 3
        placed = self.lat is not None
        return {"id": self.id, "quad": self.quad, "root": self.root, "date": self.date, "precision": self.precision,
                "window": self.window, "country": self.country if placed else None,
                "admin1": self.admin1 if placed else None, "lat": self.lat if town else None,
                "lon": self.lon if town else None}

    @property
    def window(self) -> int:
        return WINDOW_DAYS.get(self.precision, 31)


def clusterable(events: Iterable[Event]) -> list[Event]:
    """The mentions that report something that happened (or is claimed, or announced), not as background."""
    return [e for e in events if e.modality not in UNASSERTED and not e.background]


class _Index:
    """Events by QuadClass, country and date window, so that a mention is compared only with the events whose
    date and place it could agree with, however many events are stored."""

    def __init__(self, events: Iterable[Signature] = ()):
        self.dated: dict[tuple[int, str | None, int], dict[int, list[Signature]]] = {}
        self.undated: dict[int, list[Signature]] = {}
        for event in events:
            self.add(event)

    def add(self, event: Signature) -> None:
        if event.date is None:
            self.undated.setdefault(event.quad, []).append(event)
            return
        days = self.dated.setdefault((event.quad, event.country if event.lat is not None else None, event.window),
                                     {})
        days.setdefault(event.date.toordinal(), []).append(event)

    def candidates(self, mention: Signature) -> Iterable[Signature]:
        if mention.date is None:
            yield from self.undated.get(mention.quad, ())
            return
        day = mention.date.toordinal()
        for (quad, country, window), days in self.dated.items():
            if quad != mention.quad:
                continue
            if mention.lat is not None and mention.country is not None and country not in (None, mention.country):
                continue  # placed in another country: never within 25 km, never the same country
            reach = max(window, mention.window)
            for d in range(day - reach, day + reach + 1):
                yield from days.get(d, ())


def assign(mentions: Sequence[Signature], stored: Sequence[Signature] = (), *,
           candidates: Mapping[str, Sequence[Signature]] | None = None) -> list[tuple[str, str]]:
    """(mention id, event id) for each mention: the best-agreeing event among ``stored`` and the events the
    batch itself starts, else a new event whose id is the mention's. The codings of one act (``Signature.act``)
    go together, to the event that agrees best with any of them. ``candidates``: the stored events each mention
    may agree with, by mention id (:meth:`Store.event_candidates`), instead of or besides ``stored``. Of events
    that agree equally well, the one with the lowest id wins, so the answer never depends on the order the store
    returns candidates in (which DuckDB does not fix)."""
    pairs: list[tuple[str, str]] = []
    index = _Index(stored)
    acts: dict[str, list[Signature]] = {}
    for mention in mentions:
        acts.setdefault(mention.act or mention.id, []).append(mention)
    for group in acts.values():
        best, best_score = None, -math.inf
        for mention in group:
            for event in itertools.chain(index.candidates(mention), (candidates or {}).get(mention.id, ())):
                score = agreement(mention, event)
                if score is not None and (score > best_score or (score == best_score and event.id < best.id)):
                    best, best_score = event, score
        if best is None:
            best = group[0]  # a new event, known by its first mention's id
            index.add(best)
        pairs.extend((mention.id, best.id) for mention in group)
    return pairs


def agreement(a: Signature, b: Signature) -> float | None:
    """How well two codings agree (higher is better), or None when they cannot be the same happening."""
    if a.root == b.root:
        action = 1.0
    elif a.plover is not None and a.plover == b.plover:
        action = 0.7
    elif a.quad == b.quad:
        action = 0.3  # one raid "stormed" / "seized"; one meeting "met" / "agreed" / "signed": checked below
    else:
        return None
    if (a.date is None) != (b.date is None):
        return None
    days = 0
    if a.date is not None and b.date is not None:
        days = abs((a.date - b.date).days)
        if days > max(a.window, b.window):
            return None
    place = _places(a, b)
    if place is None:
        return None
    source = _actors(a.source, b.source)
    target = _actors(a.target, b.target)
    if source is None or target is None:
        if place < 0.8 or (a.place_precision or 3) >= 3 or (b.place_precision or 3) >= 3:
            return None
        # The same town on the same days: reports code the actors of one raid differently (one article's
        # "Russian missiles" against "civilians", another's "the attack on Ukraine"), so disagreeing actors cost
        # agreement instead of ruling it out.
        source = -1.0 if source is None else source
        target = -1.0 if target is None else target
    if source <= 0 and target <= 0 and place <= 0:
        return None  # nothing known in common: "officials said" in two articles is not one happening
    shared = max(source, target) >= 0.5
    if place < 0.5 and not (action >= 1.0 and shared and days <= 1 and a.precision == b.precision == 1):
        # With no division in common, only the same kind of act by the same actor on the same day: "the army
        # attacked" somewhere in Colombia in two articles of one week are not one happening.
        return None
    if place < 0.8 and not (action >= 1.0 or shared):
        return None  # in one province: the same kind of act, or a shared actor
    if days > 1 and not (action >= 0.7 and max(source, target) > 0):
        # Dates that only a week's or a month's precision brings together: a city sees many attacks in a week,
        # so only the same kind of act by compatible actors.
        return None
    if action < 0.5 and a.quad != 4 and not (place >= 0.8 and max(source, target) >= 0.5):
        # Different kinds of cooperation or of verbal conflict are one happening only when the same actor does
        # them in the same town ("met" and "signed" in Quito); material conflict needs less (see the docstring).
        return None
    return action + source + target + place - days / 10


def _actors(a: str | None, b: str | None) -> float | None:
    if a is None or b is None:
        return 0.0
    if a == b:
        return 1.0
    if a.startswith(b) or b.startswith(a):
        return 0.5
    if len(a) >= 6 and len(b) >= 6 and a[:3] == b[:3]:
        roles = {a[3:6], b[3:6]}
        if roles <= _STATE:
            return 0.25  # the same country's state forces: one report's "army" is another's "government"
        if "UAF" in roles and roles <= _ARMED:
            return 0.25  # one report's "gunmen" are another's "bandits" or "militants"
    return None


_STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_ARMED = frozenset({"UAF", "REB", "CRM", "INS"})
"""Non-state armed actors: an unidentified armed group (UAF) may be any of them."""


def _places(a: Signature, b: Signature) -> float | None:
    """1.0 the same town, 0.8 towns within ``MAX_KM``, 0.5 a province and a place in it (or the same province),
    0.3 a country and a place in it, 0.0 a place unknown; None for places apart."""
    if a.lat is None or b.lat is None:
        return 0.0
    if (a.place_precision or 3) < 3 and (b.place_precision or 3) < 3:
        if a.geonameid is not None and a.geonameid == b.geonameid:
            return 1.0
        return 0.8 if _km(a, b) <= MAX_KM else None
    # A region, province or country: the same one twice is no closer than a town in it.
    if a.country is not None and a.country == b.country:
        return 0.5 if a.admin1 is not None and a.admin1 == b.admin1 else 0.3
    return None


def _km(a: Signature, b: Signature) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def cluster_batch(store, results: Iterable) -> int:
    """Cluster the new mentions of a batch of results into the store's events; returns how many were placed."""
    mentions: dict[str, Event] = {}
    for result in results:
        for event in clusterable(result.events):
            mentions.setdefault(event.id, event)
    fresh = store.unclustered(list(mentions))
    return _place(store, [Signature.of_mention(mentions[i]) for i in mentions if i in fresh])


def cluster_pending(store, *, chunk: int = 5000) -> int:
    """Cluster the stored mentions an interrupted run wrote but did not place; returns how many were placed."""
    placed = 0
    while rows := store.pending_mentions(limit=chunk):
        placed += _place(store, [Signature.of_stored(row) for row in rows])
    return placed


def _place(store, signatures: list[Signature]) -> int:
    if not signatures:
        return 0
    # A coding with no actor code and no place has nothing to agree on: it is an event of its own.
    alone = [s for s in signatures if not s.known]
    known = [s for s in signatures if s.known]
    candidates: dict[str, list[Signature]] = {}
    if known:
        seen: dict[str, Signature] = {}
        for mention_id, row in store.event_candidates([s.block() for s in known]):
            event = seen.get(row["id"]) or seen.setdefault(row["id"], Signature.of_stored(row))
            candidates.setdefault(mention_id, []).append(event)
    pairs = assign(known, candidates=candidates) + [(s.id, s.id) for s in alone]
    store.assign_events(pairs)
    return len(pairs)
