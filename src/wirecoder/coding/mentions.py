"""Actor mentions: noun phrases the lexicon can code, built from lexicon matches and the parse.

A mention is a noun phrase (its head token and the modifiers that make it an actor) with a code assembled from
its parts, the way CAMEO composes codes:

==============================  ==============================  ==========
text                            parts                           code
==============================  ==============================  ==========
Syria / Syrians                 country                         SYR
Syrian forces                   demonym + agent (MIL)           SYRMIL
Assad's army                    person (SYRGOV) + agent (MIL)   SYRMIL
Hezbollah militants             organisation + agent            Hezbollah's code
U.N. troops                     IGO without sector + agent      IGOUNOMIL
rebels                          agent only                      focus country + REB, or no code
Damascus (subject of a verb)    capital                         SYRGOV
==============================  ==============================  ==========

Capitals stand for their government only as the subject of a verb (``Moscow said``); elsewhere they are
places, not actors. A country-less agent takes the article's focus country when ``focus_country`` is on
(light coreference: "the army" in an article about Syria is the Syrian army), and that guess lowers the event's
confidence; with no focus country the mention keeps its text and sector with ``code`` None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Sentence, Token
from .actors import ActorLexicon
from .lexicon import ActorEntry, AgentEntry

_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nn", "det"})
_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "X"})
_GENERIC_ROLES = frozenset(
    {"leader", "official", "spokesman", "spokeswoman", "spokesperson", "commander", "chief", "head", "member",
     "representative", "figure", "source", "delegation", "envoy", "negotiator", "aide", "personnel", "staff"}
)
_GOVERNMENT = AgentEntry(("government",), "GOV")
_PLAIN_ADJECTIVES = frozenset({"official", "civil", "public", "popular"})
"""Agent words that, as adjectives, describe a thing rather than say whose it is ("official contact")."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor in one sentence: the noun phrase headed by ``head`` and what it codes to."""

    head: int
    start: int
    end: int
    """Token span (end exclusive) of the actor's words."""
    code: str | None
    name: str | None
    country: str | None
    sector: str | None
    kind: str
    """``country``, ``capital``, ``organisation``, ``person``, ``agent`` or ``group`` (agent + named part)."""
    inferred: bool = False
    """The country came from the article's focus country, not from the phrase."""


def find_mentions(
    sentence: Sentence, lexicon: ActorLexicon, *, focus: str | None
) -> dict[int, Mention]:
    """Mentions keyed by head token index.

    A possessor ("Trump's decision", "Assad's army") is a mention of its own as well as a part of the phrase it
    modifies. A thing owned or made by an actor ("the US proposal", "Israeli missiles", "rebel positions") is a
    mention of that actor (kind ``owner``): CAMEO codes "rejected the US proposal" as rejecting the US.
    """
    tokens = sentence.tokens
    words = [t.text for t in tokens]
    lemmas = [t.lemma.lower() for t in tokens]
    matches = lexicon.match(words, lemmas)
    covering: dict[int, tuple[int, int, ActorEntry | AgentEntry]] = {}
    for m in matches:
        for i in range(m.start, m.end):
            covering[i] = (m.start, m.end, m.entry)
    children = _children(tokens)
    heads = {_phrase_head(tokens, i) for i in covering}
    heads |= {_possessor_head(tokens, i) for i in covering}
    mentions: dict[int, Mention] = {}
    for head in sorted(heads):
        mention = _compose(tokens, head, covering, children, focus=focus)
        if mention is not None:
            mentions[head] = mention
    _add_unknown(tokens, covering, mentions)
    _locate(tokens, children, mentions)
    _split_coordinated(tokens, covering, mentions)
    return mentions


def _split_coordinated(
    tokens: Sequence[Token], covering: dict[int, tuple[int, int, ActorEntry | AgentEntry]],
    mentions: dict[int, Mention],
) -> None:
    """"Hungarian and Romanian officials": the second country gets a mention of its own (keyed by its token)."""
    for head, m in list(mentions.items()):
        if m.sector is None or m.kind not in ("group", "agent"):
            continue
        for k in range(m.start, m.end):
            tok = tokens[k]
            part = covering.get(k)
            if tok.dep != "conj" or k == head or part is None or not isinstance(part[2], ActorEntry):
                continue
            entry = part[2]
            if entry.kind in ("country", "demonym") and entry.country and entry.country != m.country:
                mentions[k] = Mention(k, k, k + 1, entry.country + m.sector, entry.name, entry.country, m.sector,
                                      "group")


def _locate(tokens: Sequence[Token], children: list[list[int]], mentions: dict[int, Mention]) -> None:
    """"Rebels in the Ivory Coast", "protesters from Syria": a country after the agent gives its country."""
    for head, m in list(mentions.items()):
        if m.code is not None or m.kind not in ("agent", "owner") or not m.sector:
            continue
        for p in children[head]:
            if tokens[p].dep != "prep" or tokens[p].text.lower() not in ("in", "from", "of"):
                continue
            for o in children[p]:
                place = mentions.get(o)
                if tokens[o].dep == "pobj" and place is not None and place.kind in ("country", "capital"):
                    country = place.country
                    if country and len(country) == 3:
                        mentions[head] = Mention(m.head, m.start, m.end, country + m.sector, place.name, country,
                                                 m.sector, m.kind)


_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
"""Entity labels that name actors; GPE/LOC names the lexicon does not know are towns and regions, not actors."""


def _add_unknown(tokens: Sequence[Token], covering: dict[int, object], mentions: dict[int, Mention]) -> None:
    """Named entities the lexicon does not know become mentions with their text and no code."""
    i = 0
    while i < len(tokens):
        if tokens[i].ent_type in _ACTOR_ENTITIES and i not in covering:
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].ent_type == tokens[i].ent_type and j + 1 not in covering:
                j += 1
            head = _phrase_head(tokens, j)
            if head not in mentions and all(k not in covering for k in range(i, j + 1)) and i <= head <= j:
                mentions[head] = Mention(head, i, j + 1, None, None, None, None, "unknown")
            i = j + 1
        else:
            i += 1


def _possessor_head(tokens: Sequence[Token], i: int) -> int:
    """The head of the possessive phrase holding token ``i`` ("Donald Trump" in "Donald Trump's"), else ``i``."""
    seen = 0
    while tokens[i].dep != "poss" and tokens[i].dep in _MODIFIER_DEPS and tokens[i].head != i and seen < 8:
        i = tokens[i].head
        seen += 1
    return i


def _children(tokens: Sequence[Token]) -> list[list[int]]:
    children: list[list[int]] = [[] for _ in tokens]
    for t in tokens:
        if t.head != t.i:
            children[t.head].append(t.i)
    return children


def _phrase_head(tokens: Sequence[Token], i: int) -> int:
    """Climb from a matched token to the head of the noun phrase it modifies."""
    seen = 0
    while tokens[i].dep in _MODIFIER_DEPS and tokens[i].head != i and seen < 8:
        head = tokens[tokens[i].head]
        if head.pos not in _NOUNISH:
            break
        i = head.i
        seen += 1
    return i


def _modifiers(head: int, children: list[list[int]], tokens: Sequence[Token]) -> list[int]:
    out = [head]
    stack = [head]
    while stack:
        for c in children[stack.pop()]:
            appositive_name = (tokens[c].dep == "appos" and tokens[c].pos == "PROPN" and tokens[head].pos == "NOUN"
                               and not any(tokens[g].dep in ("cc", "conj") for g in children[c]))
            if tokens[c].dep in _MODIFIER_DEPS or appositive_name:
                out.append(c)
                stack.append(c)
    return out


def _compose(
    tokens: Sequence[Token],
    head: int,
    covering: dict[int, tuple[int, int, ActorEntry | AgentEntry]],
    children: list[list[int]],
    *,
    focus: str | None,
) -> Mention | None:
    if head not in covering and tokens[head].pos not in _NOUNISH:
        return None
    parts: dict[tuple[int, int], ActorEntry | AgentEntry] = {}
    for i in _modifiers(head, children, tokens):
        if i in covering:
            s, e, entry = covering[i]
            parts[(s, e)] = entry
    if not parts:
        return None
    named = [(span, p) for span, p in parts.items()
             if isinstance(p, ActorEntry) and p.kind in ("organisation", "person")]
    places = [(span, p) for span, p in parts.items()
              if isinstance(p, ActorEntry) and p.kind in ("country", "demonym", "capital")]
    agents = [(span, p) for span, p in parts.items() if isinstance(p, AgentEntry)]
    head_part = covering.get(head)
    head_entry = head_part[2] if head_part else None
    head_agent = head_entry if isinstance(head_entry, AgentEntry) else None
    if head_agent is not None and any(a.sector == "REB" for _, a in agents if a is not head_agent):
        # "rebel commanders", "insurgent fighters": the armed group's side, whatever the role noun says.
        head_agent = next(a for _, a in agents if a.sector == "REB")
    titled = tokens[head].pos == "PROPN" and any(
        tokens[c].lemma.lower() in _GENERIC_ROLES for c in children[head] if tokens[c].dep == "compound")
    if head_entry is None and (tokens[head].lemma.lower() in _GENERIC_ROLES or titled):
        # "opposition leader", "army commander", "the US leader", "Hamas official": a role that takes its side
        # from the words before it; a country's leader or official is its government.
        if agents:
            (_, side), *_ = sorted(agents, key=lambda item: head - item[0][1])
            assert isinstance(side, AgentEntry)
            head_agent = side
        elif places and not named:
            head_agent = _GOVERNMENT
    if head_agent is None and head_entry is None and tokens[head].pos == "PROPN" and agents:
        # "Foreign Minister Mohammad Javad Zarif": the title before an unknown name says what the person is.
        (_, title), *_ = sorted(agents, key=lambda item: head - item[0][1])
        assert isinstance(title, AgentEntry)
        head_agent = title
    spans = [span for span, _ in parts.items()]
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    start, end = min(start, head), max(end, head + 1)

    if named:
        (_, org), *_ = sorted(named, key=lambda item: (item[0][0] <= head < item[0][1]) is False)
        assert isinstance(org, ActorEntry)
        if head_agent is not None and (org.kind == "person" or org.sector in (None, "IGO")):
            if org.kind == "person" and org.country:
                return Mention(head, start, end, org.country + head_agent.sector, org.name, org.country,
                               head_agent.sector, "group")
            return Mention(head, start, end, org.code + head_agent.sector, org.name, org.country, head_agent.sector,
                           "group")
        kind = org.kind if head_entry is not None or head_agent is not None else "owner"
        return Mention(head, start, end, org.code, org.name, org.country, org.sector, kind)
    if places:
        (_, place), *_ = sorted(places, key=lambda item: abs(item[0][0] - head))
        assert isinstance(place, ActorEntry)
        if head_agent is not None:
            country = place.country or place.code[:3]
            return Mention(head, start, end, country + head_agent.sector, place.name, country, head_agent.sector,
                           "group")
        if head_entry is place:
            if place.kind == "capital":
                return Mention(head, start, end, place.code, place.name, place.country, place.sector, "capital")
            return Mention(head, start, end, place.code, place.name, place.country, None, "country")
        if place.kind == "capital" or tokens[head].pos != "NOUN":
            return None
        country = place.country or place.code[:3]
        if agents:  # "a U.S. Supreme Court decision"
            (_, owner), *_ = sorted(agents, key=lambda item: head - item[0][1])
            assert isinstance(owner, AgentEntry)
            return Mention(head, start, end, country + owner.sector, place.name, country, owner.sector, "owner")
        return Mention(head, start, end, country, place.name, country, None, "owner")
    owners = [(span, a) for span, a in agents
              if not (tokens[span[0]].pos == "ADJ" and tokens[span[0]].lemma.lower() in _PLAIN_ADJECTIVES)]
    if head_agent is None and owners and tokens[head].pos == "NOUN":
        (_, owner), *_ = sorted(owners, key=lambda item: head - item[0][1])
        assert isinstance(owner, AgentEntry)
        sector = owner.sector  # "rebel positions", "police vehicles"
        kind = "owner"
    elif head_agent is not None:
        sector, kind = head_agent.sector, "agent"
    else:
        return None
    if focus is not None and sector not in ("IGO", "NGO"):
        return Mention(head, start, end, focus + sector, None, focus, sector, kind, inferred=True)
    return Mention(head, start, end, None, None, None, sector, kind)
