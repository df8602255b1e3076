"""Toponym resolution: pick the gazetteer entry each toponym of an article means, or none.

Every toponym gets candidates (places with the same name key; failing that, places whose consonant skeleton
matches and whose name is similar enough), and each candidate a score that adds up evidence:

==================  =====================================================================================
name                the place's own name (+) rather than an alternate; a fuzzy match costs what it misses
size                log10 of population (countries, divisions and regions count as large)
kind                a country named by its name or demonym; a division when the text says "province"...
country evidence    the share of the article's country mentions (names, demonyms, unambiguous places,
                    and the dateline at half weight: it says where the reporter is) in the candidate's country
division evidence   the article names the candidate's first-level division ("Homs province")
containment         "X, Y" and "X in Y": Y is the candidate's country or division
proximity           second pass: near the places the first pass resolved with confidence
==================  =====================================================================================

A toponym whose best candidate is a loose match (a fuzzy spelling, or a name inside a longer one) scoring below
``MIN_SCORE``, or that has no candidate, resolves to None; a place's own name always resolves. Resolution runs
twice: the second pass adds proximity to the first pass's confident answers. All toponyms of one article are
resolved together, since each is evidence for the others.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import PRECISION_NEAR, Place
from .gazetteer import Gazetteer, distance_km
from .names import normalise, similarity
from .toponyms import DIVISION_WORDS, NOT_PLACES, Toponym

MAX_CANDIDATES = 80
MIN_FUZZY_SIMILARITY = 0.75
MIN_SCORE = 0.35
NEAR_CUES = frozenset({"near", "outside", "around", "nearby", "north", "south", "east", "west", "northwest",
                       "northeast", "southwest", "southeast", "outskirts"})


@dataclass(slots=True)
class _Option:
    place: int
    name: float
    """Name evidence: 1.0 own name, 0.8 alternate name, less for fuzzy matches."""


WEIGHTS = {
    "size": 2.25,         # × log10(population) / 7
    "country": 1.2,      # × share of the article's country evidence in the candidate's country
    "country_any": 0.5,  # the candidate's country has some evidence
    "division": 0.4,     # the article names the candidate's first-level division
    "container": 2.0,    # "X, Y" / "X in Y" with Y the candidate's country or division
    "near50": 0.3,       # within 50 km of a place resolved with confidence
    "near200": 0.3,      # within 200 km
    "country_own": 0.5,  # a country named by its own name or demonym
    "division_kind": 0.25,
    "division_word": 1.0,  # "Homs province": the division, not the town
    "capital": 0.75,
    "region_own": 0.8,   # a region or sea named by its own name, not a namesake town
    "colocated": 0.25,    # per other name of the article with a candidate in the same 0.5° cell or next to it
    "colocated_max": 1.0,
    "seat": 1.0,         # a division named like a town of its own: the town, unless "province" is said
}


@dataclass(slots=True)
class _Evidence:
    countries: Counter[str]
    divisions: Counter[tuple[str, str]]
    anchors: list[tuple[float, float, int]]
    own: dict[int, tuple[str, float]]
    """Toponym index → the country vote it cast itself (left out when scoring that toponym)."""
    cells: dict[tuple[int, int], set[str]]
    """Grid cell (0.5°) → names of the article with a town or county candidate there."""
    around: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    """Memo: cell → names with a candidate in it or the eight cells around it."""


def resolve(toponyms: Sequence[Toponym], gazetteer: Gazetteer, *, dateline: str | None = None) -> list[Place | None]:
    """The place each toponym means (same order), or None when no candidate fits."""
    g = gazetteer
    found: dict[tuple[str, bool], list[_Option]] = {}  # an article names the same place many times
    options = []
    for t in toponyms:
        key = (t.text, t.demonym)
        if key not in found:
            found[key] = _candidates(t, g)
        options.append(found[key])
    containers = [_container_places(t, g) for t in toponyms]
    named = [g.country_mention(t.text) for t in toponyms]
    votes, own_votes = _country_votes(named, options, g, dateline)
    cells = _cells(toponyms, options, g)
    evidence = _Evidence(votes, _division_votes(options, g), [], own_votes, cells)
    first = [_best(t, opts, g, evidence, box, own, k) for k, (t, opts, box, own)
             in enumerate(zip(toponyms, options, containers, named, strict=True))]
    evidence = _second_evidence(first, named, g, dateline)
    evidence.cells = cells
    out: list[Place | None] = []
    chosen: list[int | None] = []
    for k, (t, opts, box, own) in enumerate(zip(toponyms, options, containers, named, strict=True)):
        best, score = _best(t, opts, g, evidence, box, own, k)
        if best is None or (score < MIN_SCORE and _name_of(opts, best) < 1.0):
            out.append(None)  # a loose match (fuzzy, or a word inside a longer name) with nothing for it
            chosen.append(None)
            continue
        precision = PRECISION_NEAR if t.cue in NEAR_CUES and g.precision[best] == 1 else None
        out.append(g.place(best, text=t.text, start=t.start, end=t.end, precision=precision))
        chosen.append(best)
    return _facilities_in_town(toponyms, out, chosen, g)


FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane", "way", "square",
    "block", "highway", "hwy", "court", "courthouse", "hospital", "clinic", "stadium", "arena", "center", "centre",
    "school", "high", "elementary", "middle", "academy", "college", "university", "institute", "hotel", "motel",
    "club", "theatre", "theater", "museum", "church", "chapel", "cathedral", "mosque", "temple", "synagogue",
    "castle", "palace", "office", "tower", "towers", "embassy", "consulate", "graveyard", "cemetery", "park",
    "mall", "plaza", "market", "station", "airport", "prison", "jail", "base", "barracks", "camp", "hall", "library",
    "building", "house", "restaurant", "cafe", "bar", "pub", "factory", "plant", "mine", "port", "harbour",
    "harbor", "bridge", "ministry", "headquarters", "compound", "complex", "village", "estate", "farm",
})
"""Last words of names of streets and buildings: a place inside a town the gazetteer cannot list."""


def _facilities_in_town(toponyms: Sequence[Toponym], places: list[Place | None], chosen: list[int | None],
                        g: Gazetteer) -> list[Place | None]:
    """Streets, addresses and buildings the gazetteer lacks ("Atlantic Avenue", "2700 North Fourth Street",
    "Northwestern Memorial Hospital") are put in the article's main town (the most-named town of the article's
    most-named country), at precision 2 (part of a small area)."""
    town_counts: Counter[int] = Counter()
    first_seen: dict[int, int] = {}
    size: dict[int, int] = {}
    for k, place in enumerate(places):
        if place is not None and place.precision <= PRECISION_NEAR and place.geonameid and \
                place.feature.startswith("PPL") and not _facility(toponyms[k]):
            town_counts[place.geonameid] += 1
            first_seen.setdefault(place.geonameid, k)
            size[place.geonameid] = g.population[chosen[k]]
    if not town_counts:
        return places
    countries = Counter(p.country for p in places if p is not None and p.country)
    home = countries.most_common(1)[0][0] if countries else None
    top = max(town_counts, key=lambda i: (places[first_seen[i]].country == home, town_counts[i], size[i],
                                          -first_seen[i]))
    town = places[first_seen[top]]
    out = list(places)
    city = size[top] >= CITY_POPULATION
    for k, (t, place) in enumerate(zip(toponyms, places, strict=True)):
        if _facility(t) and (place is None or (place.precision == 1 and place.geonameid != town.geonameid
                         and _inside_name(t, place))):
            out[k] = dataclasses.replace(town, text=t.text, start=t.start, end=t.end, precision=PRECISION_NEAR)
        elif city and t.division in URBAN_DIVISIONS and (place is None or (
                place.feature.startswith("PPL") and place.lat is not None
                and distance_km(place.lat, place.lon, town.lat, town.lon) > FAR_DISTRICT_KM)):
            # "the Kyivskyi district" in a Kharkiv story is the city's district, not a town of that name far away
            out[k] = dataclasses.replace(town, text=t.text, start=t.start, end=t.end, precision=PRECISION_NEAR)
    return out


CITY_POPULATION = 250_000
URBAN_DIVISIONS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "borough"})
FAR_DISTRICT_KM = 100.0
"""A "district" of a city article whose namesake town lies further than this is the city's own district."""


def _facility(t: Toponym) -> bool:
    words = normalise(t.text).split()
    return len(words) > 1 and (words[-1] in FACILITY_WORDS or any(ch.isdigit() for ch in t.text))


def _inside_name(t: Toponym, place: Place) -> bool:
    """The place was found from a word inside the facility's name ("*Atlantic* Avenue"), not from all of it."""
    return normalise(place.name) != normalise(t.text)


def _name_of(options: list[_Option], place: int) -> float:
    return next((o.name for o in options if o.place == place), 0.0)


def _second_evidence(first: list[tuple[int | None, float]], named: list[str | None], g: Gazetteer,
                     dateline: str | None) -> _Evidence:
    """Evidence from the first pass's answers: their countries, divisions and (for confident towns) positions."""
    countries: Counter[str] = Counter()
    divisions: Counter[tuple[str, str]] = Counter()
    anchors = []
    own_votes: dict[int, tuple[str, float]] = {}
    for k, ((p, score), own) in enumerate(zip(first, named, strict=True)):
        if p is None or score < MIN_SCORE:
            continue
        country, code, feature = g.country[p], g.admin1[p], g.feature[p]
        if own and feature == "PCLI" and country == own:
            countries[own] += 1.0
            own_votes[k] = (own, 1.0)
            continue
        if country:
            countries[country] += 0.5
            own_votes[k] = (country, 0.5)
        if country and code:
            divisions[(country, code)] += 1.0 if feature in ("ADM1", "ADM2") else 0.3
        if feature.startswith("PPL") and score >= 1.5:
            anchors.append((g.lat[p], g.lon[p], k))
    _dateline_vote(countries, g, dateline)
    return _Evidence(countries, divisions, anchors, own_votes, {})


def _around(evidence: _Evidence, cell: tuple[int, int]) -> frozenset[str]:
    found = evidence.around.get(cell)
    if found is None:
        row, col = cell
        names: set[str] = set()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                names |= evidence.cells.get((row + dr, col + dc), set())
        found = evidence.around[cell] = frozenset(names)
    return found


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat * 2), math.floor(lon * 2)


def _cells(toponyms: Sequence[Toponym], options: list[list[_Option]], g: Gazetteer) -> dict[tuple[int, int], set[str]]:
    """Where each name of the article could be: places named together tend to lie together ("Huntsville" and
    "Walker County" are both in Texas, or both in Alabama; the pair that lies together wins)."""
    cells: dict[tuple[int, int], set[str]] = {}
    for t, opts in zip(toponyms, options, strict=True):
        key = normalise(t.text)
        for o in opts:
            if g.feature[o.place] in _LOCAL:
                cells.setdefault(_cell(g.lat[o.place], g.lon[o.place]), set()).add(key)
    return cells


_LOCAL = frozenset({"PPL", "PPLC", "ADM2"})
_DEG2_50KM = (50 / 111.2) ** 2
_DEG2_200KM = (200 / 111.2) ** 2


def _candidates(t: Toponym, g: Gazetteer) -> list[_Option]:
    key = normalise(t.text)
    if t.demonym or key in g.demonyms:
        iso3 = g.country_mention(t.text)
        if iso3 in g.country_place:
            return [_Option(g.country_place[iso3], 1.0)]
    words = key.split()
    if len(words) > 1 and words[-1] == "capital":
        capital = g.capital(g.country_mention(" ".join(words[:-1])) or "")
        if capital is not None:
            return [_Option(capital, 1.0)]  # "the Ecuadorean capital"
    if len(words) > 1 and words[-1] in DIVISION_WORDS | {"city"}:
        base = " ".join(words[:-1])
        stripped = [_Option(p, 1.0) for p in g.keys.get(base, ())
                    if g.feature[p] in (("ADM1", "ADM2", "RGN") if words[-1] != "city" else ("PPL", "PPLC"))]
        exact = [_Option(p, _name_score(g, p, key, t.text)) for p in g.keys.get(key, ())]
        if stripped or exact:
            return _trim(stripped + exact, g)
    exact_places = g.keys.get(key, ()) or g.respelt(key)
    if exact_places:
        options = [_Option(p, _name_score(g, p, key, t.text)) for p in exact_places]
        named = {g.country[o.place] for o in options if g.feature[o.place] == "PCLI" and o.name >= 1.0}
        if named:  # "Mexico" is the country, not Mexico City (whose alternate names include "Mexico")
            options = [o for o in options if o.name >= 1.0 or g.country[o.place] not in named]
        elif len(options) <= 3 and len(key) >= 5 and not t.text.isupper() and \
                all(g.feature[o.place].startswith("PPL") for o in options):
            # A spelling one place lists may be another's too: "Qusair" is listed for Syria's town only,
            # but Egypt's Quseir is the same name; country evidence decides between them.
            countries = {g.country[o.place] for o in options}
            options += [o for o in _fuzzy(t, key, g, exclude={o.place for o in options})
                        if g.feature[o.place].startswith("PPL") and g.country[o.place] not in countries]
        return _trim(options, g)
    inner = _inner_names(t.text, g)
    if inner:
        return inner
    if t.text.isupper():
        return []  # no guessing at spellings in upper-case copy, where every word looks like a name
    return _trim(_fuzzy(t, key, g), g)


def _fuzzy(t: Toponym, key: str, g: Gazetteer, exclude: set[int] = frozenset()) -> list[_Option]:
    """Places with the same consonant skeleton whose name is similar enough, scored below exact names: a
    transliteration ("Qusair", "Quseir", "Kuseir"), so the same first sound and the same number of words, and
    not for words shaped like demonyms ("Korean", "Siberian"), which are not misspelt town names."""
    if len(key) < 5 or key.endswith(_DEMONYM_ENDINGS):
        return []
    found = []
    words = key.count(" ")
    for p in g.fuzzy(t.text):
        if p in exclude:
            continue
        name = normalise(g.names[p])
        if name.count(" ") != words or _first_sound(name) != _first_sound(key):
            continue
        if 2 * min(len(key), len(name)) < MIN_FUZZY_SIMILARITY * (len(key) + len(name)):
            continue  # too different in length to be similar enough
        score = similarity(key, name)
        if score >= MIN_FUZZY_SIMILARITY:
            found.append(_Option(p, score - 0.3))
    return found


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ans")
_SOUNDS = str.maketrans({"q": "k", "c": "k", "y": "i", "j": "g"})


def _first_sound(key: str) -> str:
    return key[:1].translate(_SOUNDS)


_QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
                         "lower", "central", "greater", "inner", "outer", "downtown", "metro", "rural", "urban",
                         "northwest", "northeast", "southwest", "southeast", "mid"})


_NOT_INNER = NOT_PLACES | {"court", "church", "cathedral", "hall", "wing", "institute", "tower", "towers", "center",
                           "centre", "mall", "bridge", "stadium", "arena", "museum", "palace", "temple", "mosque",
                           "district", "high", "junior", "elementary", "county", "memorial", "reserve", "bank",
                           "company", "corporation", "group", "club", "team", "fc", "city"}


_PARTICLES = frozenset({"san", "santa", "santo", "sao", "saint", "st", "ste", "los", "las", "del", "new", "port",
                        "fort", "mount", "lake", "cape", "ciudad", "villa", "puerto", "bahia", "nueva", "nuevo",
                        "north", "south", "east", "west", "upper", "lower", "great", "little", "old"})


def _inner_names(text: str, g: Gazetteer) -> list[_Option]:
    """Places named inside a longer name the gazetteer lacks: "North London" → London, "Nenagh MDC" → Nenagh,
    "Cavan Institute" → Cavan. The longest run of words that names a place wins, at a lower name score."""
    words = text.replace("-", " ").split()
    if len(words) < 2:
        return []
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if not run[0][:1].isupper() or not run[-1][:1].isupper():
                continue
            key = normalise(" ".join(run))
            if len(key) < 2 or key in _QUALIFIERS or any(normalise(w) in _NOT_INNER for w in run):
                continue
            if size == 1 and (len(key) < 4 or key in _PARTICLES):
                continue  # "San" of "San Gerardo Jurisdiction" names nothing by itself
            places = g.keys.get(key, ())
            if places:
                return _trim([_Option(p, 0.7) for p in places], g)
    return []


def _name_score(g: Gazetteer, p: int, key: str, text: str = "") -> float:
    if text.isupper() and len(key) <= 3 and g.feature[p].startswith("PPL") and not g.names[p].isupper():
        return 0.4  # "EU", "US", "UK" are abbreviations, not the town of Eu
    return 1.0 if normalise(g.names[p]) == key else 0.8


def _trim(options: list[_Option], g: Gazetteer) -> list[_Option]:
    if len(options) <= MAX_CANDIDATES:
        return options
    options.sort(key=lambda o: -_size(g, o.place))
    return options[:MAX_CANDIDATES]


def _size(g: Gazetteer, p: int) -> float:
    """Population, with countries, divisions and regions counted as large places."""
    feature = g.feature[p]
    population = g.population[p]
    if feature == "PCLI":
        return max(population, 5_000_000)
    if feature == "ADM1":
        return max(population, 100_000)  # the people of its towns (cities500)
    if feature == "ADM2":
        return max(population, 20_000)  # the people living near the county's centre
    if not feature.startswith("PPL"):
        return 1_000_000
    return population


def _country_votes(named: list[str | None], options: list[list[_Option]], g: Gazetteer,
                   dateline: str | None) -> tuple[Counter[str], dict[int, tuple[str, float]]]:
    votes: Counter[str] = Counter()
    own_votes: dict[int, tuple[str, float]] = {}
    for k, (own, opts) in enumerate(zip(named, options, strict=True)):
        if own:
            # "Georgia", "Jordan", "Palestine" also name places elsewhere: a weaker vote until resolved
            others = any(g.feature[o.place] != "PCLI" and _size(g, o.place) >= 10_000 for o in opts)
            weight = 0.3 if others else 1.0
        else:
            countries = {g.country[o.place] for o in opts}
            if len(countries) != 1 or None in countries:
                continue
            own, weight = countries.pop(), 0.5
        votes[own] += weight
        own_votes[k] = (own, weight)
    _dateline_vote(votes, g, dateline)
    return votes, own_votes


def _dateline_vote(votes: Counter[str], g: Gazetteer, dateline: str | None) -> None:
    """The dateline says where the reporter is: weak evidence of the story's country, at half weight."""
    if not dateline:
        return
    iso3 = g.country_mention(dateline)
    places = g.lookup(dateline)
    if iso3:
        votes[iso3] += 0.5
    elif places:
        biggest = max(places, key=lambda p: _size(g, p))
        if g.country[biggest]:
            votes[g.country[biggest]] += 0.5


def _division_votes(options: list[list[_Option]], g: Gazetteer) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for opts in options:
        divisions = [o.place for o in opts if g.feature[o.place] in ("ADM1", "ADM2") and g.admin1[o.place]]
        if len(divisions) == 1:
            p = divisions[0]
            found[(g.country[p], g.admin1[p])] += 1.0
    return found


def _container_places(t: Toponym, g: Gazetteer) -> tuple[set[str], set[tuple[str, str]]]:
    """Countries and divisions named by ``t.container`` ("Pandi, *Bulacan*")."""
    if not t.container:
        return set(), set()
    countries: set[str] = set()
    divisions: set[tuple[str, str]] = set()
    iso3 = g.country_mention(t.container)
    if iso3:
        countries.add(iso3)
    for p in g.lookup(t.container):
        if g.feature[p] == "ADM1" and g.admin1[p]:
            divisions.add((g.country[p], g.admin1[p]))
        elif g.feature[p] == "PCLI" and g.country[p]:
            countries.add(g.country[p])
    return countries, divisions


_TOWN_CUES = frozenset({"town of", "city of", "village of", "towns of", "cities of", "villages of", "hamlet of",
                        "township of", "port of", "suburb of"})
"""Cues that introduce a settlement: "the town of Areeha" is not a division of that name."""


def _best(t: Toponym, options: list[_Option], g: Gazetteer, evidence: _Evidence,
          container: tuple[set[str], set[tuple[str, str]]], own: str | None, k: int) -> tuple[int | None, float]:
    if not options:
        return None, 0.0
    w = WEIGHTS
    countries = evidence.countries
    self_country, self_weight = evidence.own.get(k, (None, 0.0))
    total = sum(countries.values()) - self_weight
    anchors = [(lat, lon) for lat, lon, j in evidence.anchors if j != k]
    division_word = bool(t.division) or normalise(t.text).rsplit(" ", 1)[-1] in DIVISION_WORDS
    in_countries, in_divisions = container
    own_key = normalise(t.text)
    seats = {(g.country[o.place], g.admin1[o.place]) for o in options
             if g.feature[o.place].startswith("PPL") and o.name >= 0.8 and g.population[o.place] >= 10_000}
    best, best_score = None, -math.inf
    for o in options:
        p = o.place
        feature = g.feature[p]
        country = g.country[p]
        code = g.admin1[p]
        score = o.name - 1.0 + w["size"] * min(math.log10(max(_size(g, p), 1)) / 7.0, 1.2)
        if feature == "PCLI":
            score += w["country_own"] if own == country else 0.0
        elif feature in ("ADM1", "ADM2"):
            score += w["division_kind"] + (w["division_word"] if division_word else 0.0)
            if not division_word and ((country, code) in seats or t.cue in _TOWN_CUES):
                score -= w["seat"]  # "Homs" is the city unless the text says "Homs province"; "the town of X"
        elif feature == "PPLC":
            score += w["capital"]
        elif not feature.startswith("PPL") and o.name >= 1.0:
            score += w["region_own"]
        if country and total > 0:
            mine = countries[country] - (self_weight if self_country == country else 0.0)
            if mine > 0:
                score += w["country_any"] + w["country"] * mine / total
        if country and code and feature != "ADM1" and evidence.divisions[(country, code)] > 0:
            score += w["division"]
        if country in in_countries or (country, code) in in_divisions:
            score += w["container"]
        if feature in _LOCAL and evidence.cells:
            near = _around(evidence, _cell(g.lat[p], g.lon[p]))
            count = len(near) - (own_key in near)
            if count:
                score += min(w["colocated"] * count, w["colocated_max"])
        if anchors and feature.startswith("PPL"):
            # equirectangular distance in degrees of latitude: exact enough at these ranges, and cheap
            plat, plon = g.lat[p], g.lon[p]
            scale = math.cos(math.radians(plat)) ** 2
            nearest = min((plat - lat) ** 2 + (plon - lon) ** 2 * scale for lat, lon in anchors)
            if nearest < _DEG2_50KM:
                score += w["near50"]
            elif nearest < _DEG2_200KM:
                score += w["near200"]
        if score > best_score:
            best, best_score = p, score
    return best, best_score
