"""Event coding stage: parsed sentences in, coded events out.

``(Article, tuple[Sentence, ...]) -> tuple[Event, ...]`` via :func:`code_events`. Steps, per sentence:

1. **Actors** (:mod:`.mentions`): lexicon matches (:mod:`.actors`) composed into coded noun phrases.
2. **Frames** (:mod:`.frames`): each trigger (:mod:`.verbs`) with its source, target, associates, modality and
   attribution, read off the dependency parse.
3. **Codes** (:mod:`.ontology`): CAMEO code, root, QuadClass, Goldstein, PLOVER type and mode, ACLED event
   type and sub-type; fatalities (:mod:`.fatalities`).

A frame becomes an event when at least one of its actors has a code. Several triggers of one happening in a
sentence ("stormed a town, pushing back rebels") give one event per (source, target, CAMEO root): the most
specific code wins. Lexicons come from the package (``coding/data/``) plus, optionally, PETRARCH-format
dictionaries (``[coding] dictionaries`` or ``--dictionaries DIR``) whose entries take priority.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import errors
from ..errors import WirecoderError
from ..records import ActorRef, Article, Event, Sentence, Span
from ..settings import Settings
from . import ontology
from .actors import ActorLexicon
from .fatalities import fatalities
from .frames import SYMMETRIC, Frame, find_frames, has_dated_noun
from .mentions import Mention, find_mentions
from .verbs import VerbLexicon

__all__ = ["Lexicons", "code_events"]

_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_REPORTABLE_ROOTS = frozenset({"14", "18", "19", "20", "08"})
"""Roots of acts a dated noun names without an actor ("Sunday's blast", "Thursday's march", "the truce announced
yesterday")."""
_COOPERATIVE = frozenset({"offer", "agree", "promise"})
_AIRCRAFT = frozenset({"warplane", "jet", "aircraft", "plane", "helicopter", "drone", "bomber", "gunship"})
"""Sources whose use of force is from the air: CAMEO 195 (1952 for drones), ACLED Air/drone strike."""
_RECIPROCAL = frozenset({"036", "040", "041", "044", "046"})
"""Consulting, talking, meeting and negotiating are mutual; visiting (042), hosting (043) and mediating are not."""
_INTENT = {
    # CAMEO codes statements about what an actor *will* do as intentions: cooperation -> 03x, conflict -> 13x.
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035", "081": "0351",
    "0841": "0353", "084": "0353", "085": "0354", "086": "0355", "087": "0356", "057": "030",
    "14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "166": "136",
    "17": "137", "171": "137", "173": "137", "174": "137", "172": "132", "18": "1383", "180": "1383",
    "19": "138", "191": "1381", "192": "1382", "190": "1384", "193": "1384", "194": "1384", "195": "1384",
    "20": "1383", "204": "1385",
}


_REFUSED = {
    # "will not meet", "would not release": CAMEO codes a refusal to cooperate as a rejection (12x).
    "04": "125", "046": "125", "057": "127", "05": "120", "06": "121", "07": "122", "08": "124", "084": "1243",
    "085": "1244", "081": "1241", "086": "1245", "087": "1246", "03": "120", "02": "120",
}


_CANCELLED = {
    "172": "081", "1721": "0811", "1722": "0812", "1723": "0813", "1724": "0814", "16": "085", "163": "085",
    "191": "0872", "15": "087", "14": "080", "17": "081", "19": "087", "173": "0841",
}


def _intended(code: str) -> str:
    """The CAMEO code for announcing ``code`` as a future act (0841 -> 0353; 190 -> 1384), else ``code``."""
    for key in (code, code[:3], code[:2]):
        if key in _INTENT:
            return _INTENT[key]
    return code


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Everything the coder looks words up in; built once per process and shared by every article."""

    actors: ActorLexicon
    verbs: VerbLexicon
    discards: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that make a sentence uncodable (PETRARCH sentence-level discards)."""
    story_discards: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that make a whole article uncodable (PETRARCH story-level discards, e.g. sports results)."""

    @staticmethod
    def for_settings(settings: Settings) -> Lexicons:
        return _load(settings.dictionaries)


@functools.cache
def _load(dictionaries: str) -> Lexicons:
    actors = ActorLexicon.default()
    verbs = VerbLexicon.default()
    if not dictionaries:
        return Lexicons(actors=actors, verbs=verbs)
    from .petrarch import DictionaryError, load_dictionaries

    path = Path(dictionaries)
    if not path.exists():
        raise WirecoderError("E302", errors.E302.format(path=path))
    try:
        loaded = load_dictionaries(path)
    except DictionaryError as exc:
        raise WirecoderError("E303", errors.E303.format(reason=exc)) from exc
    return Lexicons(
        actors=actors.extended(loaded.actors, loaded.agents),
        verbs=verbs.extended(loaded.verbs),
        discards=frozenset(loaded.discards),
        story_discards=frozenset(loaded.story_discards),
    )


def code_events(
    article: Article, sentences: Sequence[Sentence], *, lexicons: Lexicons, settings: Settings,
    place_country: str | None = None,
) -> tuple[Event, ...]:
    """Coded events of one article, in sentence order. ``place_country``: the country most of the article's
    places are in (from the geo stage), which country-less agents take when ``focus_country`` is on; without
    it, the country its actors name most."""
    words = [tuple(t.text.lower() for t in s.tokens) for s in sentences]
    if lexicons.story_discards and any(_contains(w, d) for w in words for d in lexicons.story_discards):
        return ()
    per_sentence = [find_mentions(s, lexicons.actors, focus=None) for s in sentences]
    focus = (place_country or _focus_country(per_sentence)) if settings.focus_country else None
    events: list[Event] = []
    for sentence, mentions, sentence_words in zip(sentences, per_sentence, words, strict=True):
        if not sentence.parsed:  # left unparsed by the NLP stage's pre-filter: its actors count for the focus only
            continue
        if not mentions and not has_dated_noun(sentence):
            continue
        if lexicons.discards and any(_contains(sentence_words, d) for d in lexicons.discards):
            continue
        if focus is not None:
            mentions = {h: _with_focus(m, focus) for h, m in mentions.items()}
        frames = find_frames(sentence, mentions, lexicons.verbs)
        events.extend(_dedupe(ev for f in frames for ev in _events(article, sentence, f)))
    return _background(events)


def _background(events: list[Event]) -> tuple[Event, ...]:
    """An earlier act told as background is background only to news of its own kind: "the attack came a week after
    a missile strike killed 11" beside the article's own report of the attack. In a follow-up that reports
    nothing else of that QuadClass ("three days after marines detained him, packers say..."), it is what the
    article reports."""
    news = {e.quad_class for e in events if not e.background and e.modality in ("asserted", "claimed")}
    return tuple(e if not e.background or e.quad_class in news else replace(e, background=False) for e in events)


def _contains(words: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(words[i:i + n] == needle for i in range(len(words) - n + 1))


def _focus_country(per_sentence: Sequence[dict[int, Mention]]) -> str | None:
    """The country the article is about: the most mentioned one, earlier mentions breaking ties."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    n = 0
    for mentions in per_sentence:
        for m in mentions.values():
            if m.country and len(m.country) == 3:
                counts[m.country] += 1
                first.setdefault(m.country, n)
                n += 1
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def _with_focus(m: Mention, focus: str) -> Mention:
    if m.code is None and m.kind in ("agent", "owner") and m.sector and m.sector not in ("IGO", "NGO"):
        return replace(m, code=focus + m.sector, country=focus, inferred=True)
    return m


def _ref(m: Mention, sentence: Sentence) -> ActorRef:
    tokens = sentence.tokens
    start, end = tokens[m.start].start, tokens[m.end - 1].end
    text = sentence.text[start - sentence.start:end - sentence.start]
    return ActorRef(code=m.code, name=m.name, country=m.country, sector=m.sector, text=text, start=start, end=end)


def _span_ref(span: tuple[int, int], sentence: Sentence) -> ActorRef:
    tokens = sentence.tokens
    start, end = tokens[span[0]].start, tokens[span[1] - 1].end
    text = sentence.text[start - sentence.start:end - sentence.start]
    return ActorRef(code=None, name=None, country=None, sector=None, text=text, start=start, end=end)


def _events(article: Article, sentence: Sentence, frame: Frame) -> list[Event]:
    sources = [m for m in frame.sources if m.kind != "capital" or not frame.inherited_source] or [None]
    code = ontology.cameo(frame.entry.code)
    # A capital as a target is a place, not its government; but the country is who receives a visit or hosts
    # talks ("visited Beijing", "talks in Moscow" are with China, Russia).
    targets = [replace(m, code=m.country, sector=None, kind="country") if m.kind == "capital" else m
               for m in frame.targets if m.kind != "capital" or (code.root == "04" and m.country)]
    source_codes = {m.code for m in sources if m is not None and m.code}
    # A target that is the source itself ("Palestinian leaders ... their official contacts") is no target.
    targets = [m for m in targets if m.code is None or m.code not in source_codes or m.kind not in ("owner", "agent")]
    targets = targets or [None]
    modality = frame.modality
    if modality == "future":
        intended = _intended(code.code)
        if frame.committed_by in _COOPERATIVE and not intended.startswith("03"):
            intended = "030"  # "offered to send troops", "agreed to stage an exercise"
        if frame.conditional and not intended.startswith("13"):
            intended = "130"  # "will withdraw its peacekeepers unless...": a threat
        code = ontology.cameo(intended)
    elif frame.refusal and "02" <= code.root <= "08":
        code, modality = ontology.cameo(_REFUSED.get(code.code[:3], _REFUSED.get(code.root, "120"))), "asserted"
    elif frame.refusal and "14" <= code.root <= "19":
        # "cancelled the restrictions", "lifted the blockade", "called off the strike": easing is yielding (08x).
        eased = _CANCELLED.get(code.code, _CANCELLED.get(code.code[:3], _CANCELLED.get(code.root, "080")))
        code, modality = ontology.cameo(eased), "asserted"
    trigger = sentence.tokens[frame.trigger]
    action = Span(text=trigger.text, start=trigger.start, end=trigger.end)
    attribution = None
    if frame.attribution is not None:
        attribution = _ref(frame.attribution, sentence)
    elif frame.attribution_span is not None:
        attribution = _span_ref(frame.attribution_span, sentence)
    dead = fatalities(sentence.text) if code.root in _VIOLENT_ROOTS else None
    events = []
    pairs = [(s, t) for s in sources for t in targets]
    trigger_lemma = sentence.tokens[frame.trigger].lemma.lower()
    if code.code in _RECIPROCAL or (trigger_lemma in SYMMETRIC and targets == [None] and len(sources) > 1):
        # Meetings and talks are mutual: "X met Y" is also "Y met X"; "X, Y and Z met" is every pair.
        actors = [m for m in sources + targets if m is not None and m.kind != "owner"]
        if len(actors) >= 2:
            pairs = [(a, b) for a in actors for b in actors if a is not b]
    for source, target in pairs:
        pair_code = code
        if source is not None and code.code in ("190", "193"):
            # "Warplanes struck...", "a drone hit...": force used from the air is 195 (1952 for drones).
            head = sentence.tokens[source.head].lemma.lower()
            if head in _AIRCRAFT:
                pair_code = ontology.cameo("1952" if head == "drone" else "195")
        if True:
            if not _codable(frame, pair_code.code, source, target):
                continue
            if source is not None and target is not None and source.code == target.code and source.code:
                continue
            if (source is not None and target is not None and target.country == source.country
                    and (target.inferred or target.kind == "owner")
                    and any(t is not None and t.country != source.country for t in targets)):
                continue  # "fired anti-aircraft batteries at Russia": the batteries are the source's own
            acled = ontology.acled_category(
                pair_code.code,
                source_sector=source.sector if source else None,
                target_sector=target.sector if target else None,
                source_is_state=bool(source and source.sector in ("GOV", "MIL", "COP")),
                territorial=frame.territorial,
                fatalities=dead,
            )
            key = f"{article.id}:{sentence.index}:{trigger.start}:{source.start if source else -1}:" \
                  f"{target.start if target else -1}"
            events.append(Event(
                id=hashlib.sha1(key.encode()).hexdigest()[:16],
                article_id=article.id,
                sentence_index=sentence.index,
                sentence=sentence.text,
                source=_ref(source, sentence) if source else None,
                target=_ref(target, sentence) if target else None,
                associates=tuple(_ref(a, sentence) for a in frame.associates),
                action=action,
                cameo=pair_code.code,
                cameo_root=pair_code.root,
                quad_class=pair_code.quad_class,
                goldstein=pair_code.goldstein,
                plover_type=pair_code.plover_type,
                plover_mode=pair_code.plover_mode,
                acled_event_type=acled[0] if acled else None,
                acled_sub_event_type=acled[1] if acled else None,
                fatalities=dead if acled else None,
                modality=modality,  # type: ignore[arg-type]
                attribution=attribution,
                confidence=_confidence(frame, source, target),
                background=frame.background,
            ))
    if modality == "claimed" and frame.attribution is not None:
        events.extend(_claim_events(article, sentence, frame, events))
    return events


def _claim_events(article: Article, sentence: Sentence, frame: Frame, claimed: list[Event]) -> list[Event]:
    """What a claim is, in CAMEO: claiming one's own act is 015 (claim responsibility); claiming that someone
    else committed violence is 112 (accuse). The claimed act itself stays, flagged ``claimed``."""
    claimer = frame.attribution
    assert claimer is not None
    if frame.claimed_by is None:
        return []
    verb = sentence.tokens[frame.claimed_by]
    action = Span(text=verb.text, start=verb.start, end=verb.end)
    out = []
    for ev in claimed:
        source_code = ev.source.code if ev.source else None
        own = source_code is None or source_code == claimer.code
        if own:
            code, target = ontology.cameo("015"), ev.target
        elif ev.cameo_root in ("18", "19", "20"):
            code, target = ontology.cameo("112"), ev.source
        else:
            continue
        claimer_ref = _ref(claimer, sentence)
        key = f"{ev.id}:claim"
        out.append(replace(
            ev, id=hashlib.sha1(key.encode()).hexdigest()[:16], source=claimer_ref, target=target, associates=(),
            action=action,
            cameo=code.code, cameo_root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
            plover_type=code.plover_type, plover_mode=code.plover_mode, acled_event_type=None,
            acled_sub_event_type=None, fatalities=None, modality="asserted", attribution=None,
            confidence=round(min(0.99, ev.confidence + 0.05), 2),
        ))
    return out


def _codable(frame: Frame, code: str, source: Mention | None, target: Mention | None) -> bool:
    """Whether a frame says enough to be an event.

    - It needs a source, except violence against a coded target ("six soldiers were killed": ACLED counts it
      with an unknown perpetrator); "the prisoners were released" names an act, not who did it.
    - A protest, truce or act of violence named by a noun with its day ("Sunday's explosion in Tuz Khurmatu",
      "Thursday's march", "the ceasefire announced in Taiz yesterday") is a particular happening even with no
      actor: it is coded with neither, so that the follow-up reports that refer to it that way count towards it;
      so is violence done by a weapon with no actor named ("a motorcycle bomb tore through the market").
    - A statement (CAMEO 01x) by an actor wirecoder cannot code needs a target: "says an independent journalist"
      alone is not an event.
    - Otherwise one coded actor is enough, and an uncoded source (a name or role the lexicon cannot place)
      counts as an actor: its text is kept with ``code`` null.
    """
    violent = code[:2] in _VIOLENT_ROOTS
    if (frame.dated or frame.weapon) and source is None and target is None and code[:2] in _REPORTABLE_ROOTS:
        return True
    if source is None and not (violent and target is not None and target.code is not None):
        return False
    if code.startswith("01") and target is None and (source is None or source.code is None):
        return False
    if source is not None and source.code is not None:
        return True
    if target is not None and target.code is not None:
        return True
    return source is not None and (target is not None or source.kind == "unknown" or source.sector is not None)


def _confidence(frame: Frame, source: Mention | None, target: Mention | None) -> float:
    """A heuristic in [0, 1]: how much of the frame the text states outright.

    Both actors coded from their own words and a verb trigger give 0.9; each guess lowers it: a missing or
    uncoded actor, a country taken from the article's focus, a subject borrowed from another verb, a noun trigger.
    """
    score = 0.9
    for m in (source, target):
        if m is None or m.code is None:
            score -= 0.2
        elif m.inferred:
            score -= 0.15
    if frame.inherited_source:
        score -= 0.1
    if frame.pos == "noun":
        score -= 0.1
    return round(max(0.05, min(score, 0.99)), 2)


def _dedupe(events: Sequence[Event] | object) -> list[Event]:
    """One event per (source, target, CAMEO root) in a sentence; the most specific, best-evidenced one wins."""
    best: dict[tuple[object, ...], Event] = {}
    order: list[tuple[object, ...]] = []
    for ev in events:  # type: ignore[attr-defined]
        key = (
            ev.source.code if ev.source else None,
            ev.target.code if ev.target else None,
            ev.cameo_root,
            ev.modality,
        )
        if key not in best:
            best[key] = ev
            order.append(key)
            continue
        if _rank(ev) > _rank(best[key]):
            best[key] = ev
    # A target-less event is dropped when the same source has a targeted event of the same root.
    out = [best[k] for k in order]
    targeted = {(e.source.code if e.source else None, e.cameo_root) for e in out if e.target is not None}
    return [e for e in out if e.target is not None or (e.source.code if e.source else None, e.cameo_root)
            not in targeted]


def _rank(ev: Event) -> tuple[float, int, int]:
    specific = len(ev.cameo.rstrip("0")) if len(ev.cameo) == 3 else len(ev.cameo)
    return (ev.confidence, int(ev.acled_event_type is not None), specific)
