"""Event location: the place where each event happened, in this order of evidence.

1. **The clause says where**: a place attached to the action in the parse, through a locative preposition
   ("clashed *in* X", "*near* X", "*outside* X", "the town *of* X") or as its object ("retook X", "shelled X").
   The nearest such place in the parse wins; "near/outside/around X" gives precision 2.
2. **The sentence's place**: another place in the same sentence that is not part of an actor's name
   ("*Syrian* forces", "*Lebanon*'s army" name actors, not places).
3. **The story's place**: a clause that says "a town", "the city" without naming it means the town the
   headline names (when the body names it too), else the next town the paragraph names, else the last one
   before; at the town's precision. A clause with no place at all takes the last town named before it in its
   paragraph (then the previous paragraph) at precision 2.
4. **The article's focus**: the most-mentioned resolved place of the article (a town if one leads, else the
   country) at precision 3 for countries and 2 for towns, with no span (``text`` None: inferred, not stated).

Places that belong to whoever reports the event ("a monitor *based in* Britain", "*according to* officials in
Damascus") and places inside an actor's name ("*Syrian* forces") never locate it; a place that is the whole
actor ("shelled *Qusair*") does.

The dateline never takes part: it is kept out of the body by the clean stage, and it says where the reporter was.
``location`` is None when the article resolves no place at all.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from ..records import PRECISION_NEAR, PRECISION_REGION, Event, Place, Sentence
from .toponyms import LOCATIVE

MAX_HOPS = 4
ATTACHING = frozenset({"prep", "pobj", "dobj", "npadvmod", "appos", "compound", "conj", "nsubjpass", "advmod",
                       "amod", "pcomp", "acl", "nmod", "attr", "oprd", "dative", "agent", "relcl", "poss", "cc"})


PLACE_NOUNS = frozenset({"town", "city", "village", "district", "neighbourhood", "neighborhood", "suburb",
                         "stronghold", "enclave", "port", "hamlet", "township", "municipality", "camp", "area"})


def locate_events(events: Sequence[Event], sentences: Sequence[Sentence], places: Sequence[Place],
                  paragraphs: Sequence[tuple[int, int]] = (), *, mentions: Sequence[Place] = (),
                  title: str | None = None) -> tuple[Event, ...]:
    """``events`` with ``location`` set.

    ``places`` are the article's resolved toponyms that name places (in text order); ``mentions`` adds the
    demonyms ("Syrian"), which count towards the article's focus but never locate an event by themselves.
    """
    by_sentence: dict[int, list[Place]] = {}
    index = {s.index: s for s in sentences}
    for place in places:
        s = _sentence_of(place, sentences)
        if s is not None:
            by_sentence.setdefault(s.index, []).append(place)
    focus = _focus(mentions or places)
    headline = _headline_towns(places, title)
    out = []
    for event in events:
        sentence = index.get(event.sentence_index)
        location = None
        if sentence is not None:
            here = by_sentence.get(sentence.index, [])
            location = (_attached(event, sentence, here)
                        or _in_sentence(event, sentence, here)
                        or _unnamed_town(event, sentence, places, paragraphs, headline)
                        or _antecedent(event, sentence, places, paragraphs))
        if location is None and focus is not None:
            location = focus
        out.append(dataclasses.replace(event, location=location) if location is not None else event)
    return tuple(out)


def _sentence_of(place: Place, sentences: Sequence[Sentence]) -> Sentence | None:
    if place.start is None:
        return None
    for s in sentences:
        if s.start <= place.start < s.end:
            return s
    return None


def _actor_spans(event: Event) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in (event.source, event.target, *event.associates, event.attribution)
            if a is not None]


def _is_actor_word(place: Place, event: Event) -> bool:
    """The place names part of an actor ("Syrian forces", "Lebanon's army"), not where the event was. A place
    that is the whole actor ("shelled *Qusair*") is where the event happened."""
    if place.text is None:
        return True
    return any(start <= place.start < end and (start, end) != (place.start, place.end)
               for start, end in _actor_spans(event))


_ELSEWHERE = re.compile(r"\b(?:based|headquartered|according|quoted|reported|told|spoke|speaking|calling|phoned)"
                        r"\b[\w\s,'’-]{0,40}$", re.IGNORECASE)


def _names_a_source(place: Place, sentence: Sentence) -> bool:
    """The place belongs to who reports the event, not to the event: "a monitoring group *based in* Britain",
    "*according to* officials in Damascus", "*told* reporters in Geneva"."""
    before = sentence.text[max(0, place.start - sentence.start - 60): place.start - sentence.start]
    return bool(_ELSEWHERE.search(before))


def _attached(event: Event, sentence: Sentence, places: list[Place]) -> Place | None:
    tokens = sentence.tokens
    trigger = next((t.i for t in tokens if t.start <= event.action.start < t.end), None)
    if trigger is None:
        return None
    best, best_hops = None, MAX_HOPS + 1
    for place in places:
        if (_is_actor_word(place, event) and not _locative_before(place, sentence)) or \
                _names_a_source(place, sentence):
            continue
        k = next((t.i for t in tokens if t.start <= place.start < t.end), None)
        if k is None:
            continue
        hops = _hops(tokens, _span_root(tokens, k, place), trigger)
        if hops is not None and hops < best_hops:
            best, best_hops = place, hops
    return best


def _span_root(tokens, k: int, place: Place) -> int:
    """The token of the place's span whose head lies outside the span."""
    i = k
    seen = 0
    while seen < 6 and tokens[tokens[i].head].start < place.end and tokens[i].head != i \
            and tokens[tokens[i].head].start >= place.start:
        i = tokens[i].head
        seen += 1
    return i


def _hops(tokens, start: int, target: int) -> int | None:
    i, hops = start, 0
    while hops <= MAX_HOPS:
        if i == target:
            return hops
        token = tokens[i]
        if token.head == i or token.dep not in ATTACHING:
            return None
        i = token.head
        hops += 1
    return None


def _locative_before(place: Place, sentence: Sentence) -> bool:
    before = sentence.text[: place.start - sentence.start].split()
    return bool(before) and before[-1].lower() in LOCATIVE


def _in_sentence(event: Event, sentence: Sentence, places: list[Place]) -> Place | None:
    usable = [p for p in places if not _is_actor_word(p, event) and not _names_a_source(p, sentence)]
    if not usable:
        return None
    towns = [p for p in usable if p.precision < PRECISION_REGION]
    return (towns or usable)[0]


def _headline_towns(places: Sequence[Place], title: str | None) -> list[Place]:
    """Towns the body names that the headline names too ("...retakes key town of Qusair")."""
    if not title:
        return []
    folded = title.casefold()
    return [p for p in places if p.precision == 1 and p.text and p.text.casefold() in folded]


def _unnamed_town(event: Event, sentence: Sentence, places: Sequence[Place], paragraphs: Sequence[tuple[int, int]],
                  headline: list[Place]) -> Place | None:
    """The town a clause refers to without naming it ("stormed a strategic town", "the city")."""
    tokens = sentence.tokens
    trigger = next((t.i for t in tokens if t.start <= event.action.start < t.end), None)
    if trigger is None:
        return None
    if not any(t.lemma.lower() in PLACE_NOUNS and t.ent_type == "" and _hops(tokens, t.i, trigger) is not None
               for t in tokens):
        return None
    if headline:
        return headline[0]
    paragraph = next(((a, b) for a, b in paragraphs if a <= sentence.start < b), (sentence.start, sentence.end))
    following = [(a, b) for a, b in paragraphs if a > paragraph[0]][:1]
    end = following[0][1] if following else paragraph[1]
    after = [p for p in places if p.precision == 1 and p.start is not None and sentence.end <= p.start < end]
    if after:
        return after[0]
    before = [p for p in places if p.precision == 1 and p.start is not None and paragraph[0] <= p.start
              < sentence.start]
    return before[-1] if before else None


def _antecedent(event: Event, sentence: Sentence, places: Sequence[Place],
                paragraphs: Sequence[tuple[int, int]]) -> Place | None:
    """The last town named before this sentence in its paragraph, else in the previous paragraph."""
    paragraph = next(((a, b) for a, b in paragraphs if a <= sentence.start < b), None)
    lower = paragraph[0] if paragraph else 0
    earlier = [p for p in places if p.start is not None and p.start < sentence.start and p.precision < 3]
    same = [p for p in earlier if p.start >= lower]
    pick = same[-1] if same else None
    if pick is None and paragraph is not None:
        previous = [(a, b) for a, b in paragraphs if b <= paragraph[0]]
        if previous:
            a, _ = previous[-1]
            before = [p for p in earlier if p.start >= a]
            pick = before[-1] if before else None
    if pick is None:
        return None
    return dataclasses.replace(pick, precision=max(pick.precision, PRECISION_NEAR))


def _focus(places: Sequence[Place]) -> Place | None:
    """The article's most-mentioned place: a town when a town leads the count, else a country or region."""
    if not places:
        return None
    counts = Counter((p.geonameid, p.name, p.country) for p in places)
    ranked = sorted(places, key=lambda p: (-counts[(p.geonameid, p.name, p.country)], p.start or 0))
    top = ranked[0]
    country_places = [p for p in ranked if p.feature == "PCLI"]
    if top.precision >= PRECISION_REGION or counts[(top.geonameid, top.name, top.country)] < 2:
        top = country_places[0] if country_places else top
    # inferred, not stated: no span (the event's sentence does not name it)
    return dataclasses.replace(top, text=None, start=None, end=None, precision=max(top.precision, PRECISION_NEAR))
