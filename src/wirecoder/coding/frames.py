"""Event frames from a dependency parse: for each trigger, who acted, on whom, and how sure the text is.

A *frame* is one trigger (a verb, or an eventive noun such as "attack", "clashes", "airstrike") with:

- ``sources``: the subject; the ``by`` agent of a passive; for a noun, its possessor, modifier
  ("Israeli airstrike") or ``by`` phrase; for a verb with no subject of its own (``pushing back rebels``,
  ``agreed to meet``, a second conjoined verb) the subject of the verb it depends on; for a relative clause
  the noun it describes.
- ``targets``: the direct object; the subject of a passive; the object of ``against``/``on``/``at``/``with``/
  ``to``/``into`` on the trigger or on its eventive object ("launched an attack *on* X"). When the object is a
  place, not an actor ("stormed a town"), an actor object of a conjoined or subordinate verb with the same
  subject is used ("..., pushing back *rebels*").
- ``associates``: actors on the source's side: "X *backed by* Y", "X *with*/*alongside* Y".
- ``modality``: ``negated`` ("did not attack", "denied attacking"), ``hypothetical`` ("may", "could", "if",
  "fear that...", "plans to..."), ``future`` ("will", "would", "is to"), ``claimed`` (under "claimed",
  "alleged"), else ``asserted``.
- ``attribution``: who reported it: the subject of the reporting verb above the trigger ("state TV reported
  that...") or the object of "according to".

Reporting verbs with an embedded clause are not events themselves: the embedded clause is coded instead.
Frames are plain data over token indices; :mod:`wirecoder.coding` turns them into events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Sentence, Token
from .lexicon import VerbEntry
from .mentions import Mention
from .verbs import VerbLexicon

REPORTING = frozenset(
    [
        "say", "tell", "report", "announce", "state", "add", "confirm", "quote", "claim", "allege", "insist",
        "note", "write", "warn", "told", "explain", "disclose", "reveal", "acknowledge", "declare", "stress",
        "indicate"
    ]
)
"""Verbs whose embedded clause is what is coded; their subject becomes the attribution."""
CLAIMING = frozenset({"claim", "allege"})
DENYING = frozenset({"deny", "refute", "reject"})
IRREALIS = frozenset(
    [
        "fear", "worry", "plan", "want", "seek", "hope", "expect", "intend", "consider", "propose", "aim",
        "prepare", "threaten", "wish", "try", "attempt", "might", "could", "urge", "call", "ask", "demand", "warn",
        "vow", "pledge", "promise", "offer", "agree", "decide", "refuse"
    ]
)
"""Governing verbs under which an embedded event has not (yet) happened."""
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "should", "can", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
TARGET_PREPS = frozenset({"against", "on", "at", "with", "to", "into", "upon", "toward", "towards", "over"})
SUPPORT_VERBS = frozenset({"back", "support", "aid", "assist", "help", "accompany", "join", "arm", "reinforce"})
ASSOCIATE_PREPS = frozenset({"with", "alongside", "beside"})
_SUBJECTS = ("nsubj", "csubj")
_PARTITIVE = frozenset({"part", "some", "most", "all", "much", "portion", "share", "half", "bulk", "rest"})
_OBLIGATION = frozenset({"must", "should"})
_REFUSING = frozenset({"refuse", "decline", "fail"})
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
SYMMETRIC = frozenset(
    {"clash", "fight", "battle", "skirmish", "meet", "talk", "negotiate", "agree", "cooperate", "exchange",
     "confer", "consult", "sign", "reconcile"}
)
"""Verbs whose conjoined subjects act on each other: "the army and the RSF clashed" is each against the other."""
_CANCELLING = frozenset(
    {"cancel", "postpone", "suspend", "scrap", "freeze", "shelve", "abandon", "delay", "end", "halt", "stop",
     "revoke", "rescind"}
)
_ADDRESSED_ROOTS = frozenset({"02", "10", "11", "12", "13"})
_ASPECTUAL = frozenset({"continue", "begin", "start", "manage", "resume", "keep"})
"""Governors whose infinitive did happen ("continued to shell")."""
_INTENT_VERBS = frozenset(
    {"vow", "pledge", "promise", "agree", "decide", "plan", "intend", "prepare", "aim", "want", "seek", "ready",
     "willing", "prepared", "determined", "set", "resolve", "offer"}
)
"""Governors whose infinitive is a commitment: the embedded act is coded as future (an intent, CAMEO 03x/13x)."""
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_RELATIVE = frozenset({"which", "who", "that", "whom"})


@dataclass(slots=True)
class Frame:
    trigger: int
    entry: VerbEntry
    pos: str
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    associates: list[Mention] = field(default_factory=list)
    modality: str = "asserted"
    attribution: Mention | None = None
    attribution_span: tuple[int, int] | None = None
    """Token span of an attribution with no coded actor ("the ministry said")."""
    territorial: bool = False
    inherited_source: bool = False
    refusal: bool = False
    """Negated with a modal ("will not accept", "would not meet"): a refusal, which CAMEO codes as rejecting."""
    conditional: bool = False
    """The act is announced on a condition ("unless"): a threat, whatever the act."""
    claimed_by: int | None = None
    """Token of the verb that claims this act ("claimed that...", "claimed to have..."), if any."""
    committed_by: str | None = None
    """Lemma of the verb that commits the source to this act ("offered to send"), for intent codes."""
    demanded: int | None = None
    """For "X said Y must Z": the verb of the demanded clause, whose subject is the target."""
    background: bool = False
    """An earlier act the sentence tells as background (see ``_told_as_earlier``)."""
    dated: bool = False
    """A noun trigger with its day as possessor ("Sunday's explosion", "last week's protests")."""
    weapon: bool = False
    """A verb trigger whose subject is a weapon ("a motorcycle bomb tore through the market")."""


class _Parse:
    """Children lists and small queries over one sentence's tokens."""

    def __init__(self, sentence: Sentence):
        self.tokens: Sequence[Token] = sentence.tokens
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens conjoined to it ("Brazil and the United States", "the US, Russia, and Iran")."""
        out = [i]
        stack = [i]
        while stack:
            for c in self.kids(stack.pop(), "conj", "appos"):
                listed = self.tokens[c].dep == "conj" or any(
                    self.tokens[g].dep in ("cc", "conj") for g in self.children[c])
                if listed and c not in out:
                    out.append(c)
                    stack.append(c)
        return out

    def pobjs(self, i: int, preps: frozenset[str] | None = None) -> list[tuple[str, int]]:
        out = []
        for p in self.kids(i, "prep", "agent", "dative"):
            word = self.tokens[p].text.lower()
            if preps is not None and word not in preps:
                continue
            for o in self.kids(p, "pobj", "pcomp"):
                out.append((word, o))
        return out


def dependents(parse: _Parse, i: int) -> set[str]:
    """Lemmas that may satisfy a lexicon entry's ``requires``: children, prepositions' objects, particles."""
    tokens = parse.tokens
    out: set[str] = set()
    for c in parse.children[i]:
        tok = tokens[c]
        if tok.dep in ("punct", "cc", "conj", "appos", "nsubj", "nsubjpass", "mark", "advcl", "ccomp", "aux",
                       "auxpass", "det"):
            continue
        out.add(tok.lemma.lower())
        if tok.dep in ("prep", "agent", "dative"):
            for o in parse.kids(c, "pobj", "pcomp"):
                out.add(tokens[o].lemma.lower())
                out.update(tokens[g].lemma.lower() for g in parse.kids(o, "compound", "amod"))
        elif tok.dep in ("dobj", "attr", "oprd", "xcomp"):
            for g in parse.children[c]:
                gt = tokens[g]
                if gt.tag == "RP" or gt.dep in ("compound", "prt") or (gt.dep == "amod" and gt.pos == "ADJ"):
                    out.add(gt.lemma.lower())
                elif gt.dep == "prep" and gt.text.lower() == "of" and tok.lemma.lower() in _PARTITIVE:
                    # "suspended part of its aid program": what the part is of
                    for o in parse.kids(g, "pobj"):
                        out.add(tokens[o].lemma.lower())
                        out.update(tokens[x].lemma.lower() for x in parse.kids(o, "compound", "amod"))
    return out


def find_frames(sentence: Sentence, mentions: dict[int, Mention], verbs: VerbLexicon) -> list[Frame]:
    parse = _Parse(sentence)
    tokens = parse.tokens
    frames: dict[int, Frame] = {}
    for tok in tokens:
        if tok.pos in ("VERB",) or (tok.pos == "AUX" and tok.dep == "ROOT"):
            pos = "verb"
        elif tok.pos in ("NOUN", "PROPN") and (tok.i not in mentions or mentions[tok.i].kind == "owner"):
            pos = "noun"
        else:
            continue
        lemma = tok.lemma.lower()
        entry = verbs.lookup(lemma, pos, dependents(parse, tok.i))
        if entry is None and pos == "noun" and tok.tag in ("VBG",):
            entry = verbs.lookup(lemma, "verb", dependents(parse, tok.i))
        if entry is None:
            continue
        statement = lemma in REPORTING or (entry is not None and entry.code[:2] == "01")
        obliged = [c for c in parse.kids(tok.i, "ccomp") if any(
            tokens[a].dep == "aux" and tokens[a].text.lower() in _OBLIGATION for a in parse.children[c])]
        if pos == "verb" and statement and obliged:
            # "X said (reiterated, declared) that Y must Z": a demand on Y.
            frames[tok.i] = Frame(trigger=tok.i, entry=VerbEntry(lemma, "verb", "100"), pos="verb",
                                  demanded=obliged[0])
            continue
        if pos == "verb" and lemma in REPORTING and (
            parse.kids(tok.i, "ccomp") or (lemma in CLAIMING and parse.kids(tok.i, "xcomp"))
        ):
            continue  # the embedded clause is the event
        if pos == "verb" and tok.dep == "acl" and lemma in SUPPORT_VERBS and tok.head in mentions:
            continue  # "forces backed by Hezbollah": Hezbollah is an associate of the forces' acts
        frames[tok.i] = Frame(trigger=tok.i, entry=entry, pos=pos, territorial=verbs.is_territorial(entry),
                              dated=pos == "noun" and _dated_possessor(parse, tok.i) is not None,
                              weapon=pos == "verb" and any(tokens[c].lemma.lower() in WEAPONS
                                                           for c in parse.kids(tok.i, "nsubj")))
    for i, frame in list(frames.items()):
        # "went on strike", "launched an attack": a noun the governing trigger's entry requires is part of
        # that trigger's phrase, not an event of its own.
        if frame.pos == "noun":
            governor = _governing_trigger(parse, i, frames)
            if governor is not None and tokens[i].lemma.lower() in frames[governor].entry.requires:
                del frames[i]
    for i in _embedded_in_verbal(parse, frames):
        frames.pop(i, None)
    for i in _statements_of_acts(parse, frames):
        frames.pop(i, None)
    for i in list(frames):
        # "pledged to expel", "agreed to lift": the commitment is the embedded act, coded as an intent.
        if tokens[i].lemma.lower() in _INTENT_VERBS and any(c in frames for c in parse.kids(i, "xcomp")):
            del frames[i]
    for frame in frames.values():
        # "An airstrike killed eight": the killing was done by the airstrike, so it is coded as one (195).
        if frame.pos == "verb":
            for s in parse.kids(frame.trigger, "nsubj"):
                sub = frames.get(s)
                if sub is not None and sub.pos == "noun" and (
                    sub.entry.code[:2] == frame.entry.code[:2]
                    or {sub.entry.code[:2], frame.entry.code[:2]} <= _VIOLENT_ROOTS
                ):
                    frame.entry = sub.entry  # "a roadside bomb killed three soldiers": 1833, not 190
    for i in list(frames):
        # "staged rallies to demand reforms", "blocked roads, demanding...": the demand is what the protest (or
        # other act) is for, not a second event.
        tok = tokens[i]
        if frames[i].entry.code[:2] in ("01", "02", "10") and tok.dep in ("advcl", "xcomp", "acl") \
                and tok.head in frames and tok.head != i and frames[tok.head].entry.code[:2] not in ("01", "02", "10"):
            del frames[i]
    for frame in frames.values():
        _fill(frame, parse, mentions, frames)
    # "rebels, who had seized the town last year, ...", "a day after the jet was shot down": background to the
    # sentence's own event, which is the one to code. When the main clause has no event with an actor, the
    # background is all the sentence reports, and it is coded.
    background = {i for i in frames if _in_modifier_clause(parse, i)}
    if any((f.sources or f.targets) for i, f in frames.items() if i not in background):
        for i in background:
            del frames[i]
    for i, frame in frames.items():
        frame.background = _told_as_earlier(parse, i)
    return list(frames.values())


_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                        "today", "tonight", "week", "weekend", "night", "month"})


WEAPONS = frozenset({"bomb", "missile", "rocket", "shell", "mortar", "explosive", "device", "ied", "mine",
                     "grenade", "blast", "explosion", "drone", "airstrike", "shelling", "artillery", "projectile"})
"""Subjects that do violence with no actor named: "a car bomb exploded", "shells hit the market"."""

_NOT_YET = frozenset({"plan", "schedule", "expect", "propose", "set", "call", "slate", "due"})


def _dated_possessor(parse: _Parse, i: int) -> int | None:
    """The day that dates noun ``i``: its possessor ("*Sunday*'s explosion", "last *week*'s protests") or the
    date of a participle describing it ("the ceasefire announced in Taiz *yesterday*"), or None."""
    for c in parse.kids(i, "poss"):
        if parse.tokens[c].text.lower() in _DAY_WORDS:
            return c
    for c in parse.kids(i, "acl"):
        # the small model tags some participles as past tense; "the protest planned for Friday" has not happened
        if parse.tokens[c].tag in ("VBN", "VBD") and parse.tokens[c].lemma.lower() not in _NOT_YET:
            for d in parse.kids(c, "npadvmod", "tmod", "prep"):
                if parse.tokens[d].dep == "prep" and parse.tokens[d].text.lower() not in ("on", "in", "at"):
                    continue
                words = [d, *parse.kids(d, "pobj")] if parse.tokens[d].dep == "prep" else [d]
                if any(parse.tokens[w].text.lower() in _DAY_WORDS for w in words):
                    return d
    return None


def has_dated_noun(sentence: Sentence) -> bool:
    """Whether a noun of the sentence may be dated by a day (see ``_dated_possessor``): a cheap test before
    parsing frames in a sentence with no actor ("the death toll from Sunday's explosion rose to seven")."""
    return any(t.text.lower() in _DAY_WORDS and t.dep in ("poss", "npadvmod", "tmod", "pobj") for t in sentence.tokens)


def _told_as_earlier(parse: _Parse, i: int) -> bool:
    """Whether the trigger at ``i`` is an earlier act the sentence dates its news from ("came a week after a
    missile strike killed 11", "following the raid") or tells in the past perfect ("had first met in May")."""
    tokens = parse.tokens
    if tokens[i].tag == "VBN" and any(tokens[c].dep == "aux" and tokens[c].text.lower() in ("had", "'d")
                                      for c in parse.children[i]):
        # "rebels said they had beaten back the assault" is reported speech, its tense shifted back: news
        reported = tokens[i].dep in ("ccomp", "conj") and tokens[tokens[i].head].lemma.lower() in REPORTING
        return not reported
    return _under(parse, i, preps=_EARLIER, marks=_EARLIER)


_EARLIER = frozenset({"after", "following", "since"})


def _in_modifier_clause(parse: _Parse, i: int) -> bool:
    """Whether token ``i`` sits in background: a relative clause, a participle modifying a noun, or a phrase or
    clause that dates or explains the main act ("after the invasion", "since rebels shot down a jet")."""
    return _under(parse, i, preps=_BACKGROUND_PREPS, marks=_BACKGROUND_MARKS, modifiers=True)


def _under(parse: _Parse, i: int, *, preps: frozenset[str], marks: frozenset[str], modifiers: bool = False) -> bool:
    """Whether token ``i`` or a head above it is the object of one of ``preps``, a clause opened by one of
    ``marks``, or (with ``modifiers``) a relative clause or a participle modifying a noun."""
    tokens = parse.tokens
    tok = tokens[i]
    for _ in range(12):
        if modifiers and tok.dep in ("relcl", "acl"):
            return True
        if tok.dep == "pobj" and tokens[tok.head].text.lower() in preps:
            return True
        if tok.dep == "advcl" and any(tokens[m].dep == "mark" and tokens[m].text.lower() in marks
                                      for m in parse.children[tok.i]):
            return True
        if tok.head == tok.i:
            return False
        tok = tokens[tok.head]
    return False


_BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "during", "amid", "despite", "over"})
_BACKGROUND_MARKS = frozenset({"after", "since", "before", "because", "as", "when", "while", "until", "once"})


_VERBAL_ROOTS = frozenset(f"{r:02d}" for r in range(1, 14))
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep"})


def _statements_of_acts(parse: _Parse, frames: dict[int, Frame]) -> set[int]:
    """Plain statements (CAMEO 01x: "announced", "declared", "reiterated") whose object is an act ("announced
    sanctions against X", "declared a ceasefire"): the act is the event, done by whoever made the statement."""
    out: set[int] = set()
    for i, frame in frames.items():
        if frame.pos == "verb" and frame.entry.code[:2] == "01" and any(
            c in frames and frames[c].pos == "noun" for c in parse.kids(i, "dobj")
        ):
            out.add(i)
    return out


def _embedded_in_verbal(parse: _Parse, frames: dict[int, Frame]) -> set[int]:
    """Triggers inside the complement of a verbal trigger ("accused X *of attacking* Y", "condemned the
    *attack*", "threatened *to strike*"): the statement is the event, the act it talks about is not."""
    out: set[int] = set()
    for i, frame in frames.items():
        if (frame.entry.code[:2] not in _VERBAL_ROOTS or frame.entry.code[:2] == "01"
                or parse.tokens[i].lemma.lower() in IRREALIS | CLAIMING):
            continue  # "fear that X will attack", "vowed to retake": the act stays, flagged by its modality
        stack = [c for c in parse.children[i] if parse.tokens[c].dep in _COMPLEMENTS]
        while stack:
            c = stack.pop()
            if c in frames and c != i:
                out.add(c)
                continue
            stack.extend(g for g in parse.children[c] if parse.tokens[g].dep in _COMPLEMENTS)
    return out


def _governing_trigger(parse: _Parse, i: int, frames: dict[int, Frame]) -> int | None:
    """The trigger whose object (or preposition's object) token ``i`` is."""
    tok = parse.tokens[i]
    head = tok.head
    if tok.dep == "pobj" and head != i:
        head = parse.tokens[head].head
    return head if head in frames and head != i else None


def _mentions_at(parse: _Parse, i: int, mentions: dict[int, Mention], depth: int = 0) -> list[Mention]:
    """Mentions for the phrase headed by ``i`` and its conjuncts; relative pronouns resolve to their noun."""
    out: list[Mention] = []
    for j in parse.conjuncts(i):
        tok = parse.tokens[j]
        if tok.text.lower() in _RELATIVE and tok.pos == "PRON":
            verb = parse.tokens[tok.head]
            if verb.dep == "relcl":
                j = verb.head
        m = mentions.get(j)
        # "forces of the Syrian regime", "members of Hamas": the actor is in the "of" phrase.
        if (m is None or m.kind == "owner") and parse.tokens[j].lemma.lower() in _GROUP_NOUNS and depth < 3:
            for _, o in parse.pobjs(j, frozenset({"of"})):
                out.extend(_mentions_at(parse, o, mentions, depth + 1))
                m = None
        if m is None and tok.dep == "appos" and tok.head != j:
            m = mentions.get(tok.head)
        if m is None:
            # "Trump's decision": the possessor.
            m = next((mentions[c] for c in parse.kids(j, "poss") if c in mentions), None)
        if m is None or (m.code is None and m.kind == "unknown"):
            # "Kenzo Oshima, the UN relief coordinator,": the apposition says who the name is.
            m = next((mentions[c] for c in parse.kids(j, "appos") if c in mentions and mentions[c].code), m)
        if m is not None:
            out.append(m)
            # A mis-parsed name ("Barack/nsubj Obama/pobj and Putin/conj"): conjuncts hang off any of its words.
            for k in range(m.start, m.end):
                if k != j and depth < 3:
                    for c in parse.kids(k, "conj"):
                        if not m.start <= c < m.end:
                            out.extend(_mentions_at(parse, c, mentions, depth + 1))
                        elif c in mentions and c != j:
                            out.append(mentions[c])  # "Hungarian and Romanian officials": two actors
    return _unique(out)


_GROUP_NOUNS = frozenset(
    [
        "member", "force", "group", "unit", "part", "supporter", "fighter", "leader", "soldier", "troop",
        "personnel", "staff", "officer", "agent", "operative",
        "militant", "number", "dozen", "hundred", "thousand", "some", "many", "most", "all", "several", "score",
        "delegation", "team", "head", "chief", "representative", "envoy", "official", "spokesman", "spokeswoman",
        "spokesperson", "minister", "commander", "convoy", "column", "camp", "base", "position", "stronghold",
        "hideout"
    ]
)


def _subject(parse: _Parse, verb: int, mentions: dict[int, Mention], frames: dict[int, Frame],
             depth: int = 0) -> tuple[list[Mention], bool]:
    """(mentions, inherited) for the subject of ``verb``: its own, else the governing verb's."""
    tokens = parse.tokens
    for s in parse.kids(verb, *_SUBJECTS):
        found = _mentions_at(parse, s, mentions)
        if not found and tokens[s].pos == "VERB":
            # A mis-parse makes a participle the subject ("The Red Cross operating in Iraq said..."): its own
            # subject is the actor.
            found = [m for c in parse.kids(s, "nsubj") for m in _mentions_at(parse, c, mentions)]
        if found:
            return found, False
        sub = frames.get(s)
        if sub is not None and sub.pos == "noun":
            # "An air strike by government forces killed eight": the strike's actor did the killing.
            found = _noun_sources(parse, s, mentions)
            if found:
                return found, False
        if tokens[s].text.lower() in _PRONOUNS and depth < 3:
            # "Syria says it will not accept...", "Gbagbo announced that he will...": the pronoun is the
            # subject of the verb whose clause this is.
            governor = _governing_verb(parse, verb)
            if governor is not None:
                found, _ = _subject(parse, governor, mentions, frames, depth + 1)
                return found, True
        return [], False
    for a in parse.kids(verb, "agent"):
        found = [m for o in parse.kids(a, "pobj") for m in _mentions_at(parse, o, mentions)]
        if found:
            return found, False
    tok = tokens[verb]
    if depth < 3 and tok.dep in ("xcomp", "advcl", "conj", "pcomp", "acomp") and tok.head != verb:
        found, _ = _subject(parse, tok.head, mentions, frames, depth + 1)
        return found, True
    if tok.dep == "relcl" and tok.head != verb and not parse.kids(verb, *_PASSIVE_SUBJECTS):
        return _mentions_at(parse, tok.head, mentions), True
    return [], False


_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})


def _governing_verb(parse: _Parse, verb: int) -> int | None:
    """The verb whose complement clause ``verb`` heads ("said that *it will*"), if any."""
    tok = parse.tokens[verb]
    steps = 0
    while tok.dep in ("ccomp", "xcomp", "conj") and tok.head != tok.i and steps < 4:
        head = parse.tokens[tok.head]
        if head.pos in ("VERB", "AUX"):
            return head.i
        tok = head
        steps += 1
    return None


def _noun_sources(parse: _Parse, noun: int, mentions: dict[int, Mention]) -> list[Mention]:
    tokens = parse.tokens
    found: list[Mention] = []
    for c in parse.kids(noun, "poss", "compound", "amod", "nmod"):
        m = mentions.get(c) or mentions.get(noun)
        if m is not None and m.head != noun:
            found.append(m)
        elif mentions.get(c) is None:
            # "Israeli" inside "Israeli air strike" is matched on the head noun's phrase.
            pass
    m = mentions.get(noun)
    if m is not None and not found:
        found.append(m)
    for word, o in parse.pobjs(noun, frozenset({"by", "from"})):
        if word == "by":
            found.extend(_mentions_at(parse, o, mentions))
    del tokens
    return found


def _objects(parse: _Parse, trigger: int, mentions: dict[int, Mention], frame: Frame) -> list[Mention]:
    tokens = parse.tokens
    found: list[Mention] = []
    if frame.pos == "verb":
        for o in parse.kids(trigger, "dobj", "dative", "attr", *_PASSIVE_SUBJECTS):
            # An uncoded owner ("official contact") is a thing, not a party: look past it for one.
            hits = [m for m in _mentions_at(parse, o, mentions) if m.kind != "owner" or m.code is not None]
            found.extend(hits)
            if not hits:
                # "demanded the withdrawal of Serbian forces": the object of the requested act is the target.
                act = tokens[o].lemma.lower() in frame.entry.requires or tokens[o].lemma.lower() == "control"
                for word, po in parse.pobjs(o, TARGET_PREPS | {"of"}):
                    if word == "of" and not act:
                        continue
                    found.extend(_mentions_at(parse, po, mentions))
    preps = TARGET_PREPS | {"from"} if frame.territorial else TARGET_PREPS
    if frame.entry.code.startswith("042"):
        preps = preps | {"in"}  # "arrived in Amman", "a visit in Beijing": the host
    for word, o in parse.pobjs(trigger, preps):
        if word == "with" and tokens[o].lemma.lower() in ("help", "support", "backing"):
            continue
        found.extend(_mentions_at(parse, o, mentions))
    if frame.territorial:  # "retook the town of X from rebels": the preposition may hang off the object
        stack = [(o, 0) for o in parse.kids(trigger, "dobj")]
        while stack:
            o, depth = stack.pop()
            for _, po in parse.pobjs(o, frozenset({"from"})):
                found.extend(_mentions_at(parse, po, mentions))
            if depth < 3:
                stack.extend((g, depth + 1) for p in parse.kids(o, "prep") if parse.tokens[p].text.lower() == "of"
                             for g in parse.kids(p, "pobj"))
    if frame.pos == "noun":
        for _, o in parse.pobjs(trigger, frozenset({"of"})):
            found.extend(_mentions_at(parse, o, mentions))
    return found


def _associates(parse: _Parse, source: Mention, mentions: dict[int, Mention]) -> list[Mention]:
    found: list[Mention] = []
    head = source.head
    for c in parse.kids(head, "acl"):
        if parse.tokens[c].lemma.lower() in SUPPORT_VERBS:
            for a in parse.kids(c, "agent", "prep"):
                for o in parse.kids(a, "pobj"):
                    found.extend(_mentions_at(parse, o, mentions))
    for _, o in parse.pobjs(head, ASSOCIATE_PREPS):
        found.extend(_mentions_at(parse, o, mentions))
    return found


def _fill(frame: Frame, parse: _Parse, mentions: dict[int, Mention], frames: dict[int, Frame]) -> None:
    tokens = parse.tokens
    t = frame.trigger
    passive = bool(parse.kids(t, *_PASSIVE_SUBJECTS)) or (tokens[t].tag == "VBN" and tokens[t].dep == "acl")
    if frame.pos == "verb":
        frame.sources, frame.inherited_source = _subject(parse, t, mentions, frames)
        if passive and tokens[t].dep == "acl":
            # "rebels killed by government forces": the noun is the target.
            frame.targets = _mentions_at(parse, tokens[t].head, mentions)
    else:
        frame.sources = _noun_sources(parse, t, mentions)
        governor = tokens[t].head
        if tokens[t].dep == "pobj" and tokens[governor].dep == "prep":
            governor = tokens[governor].head  # "gather for a meeting", "took part in talks"
        if not frame.sources and tokens[t].dep in ("dobj", "pobj") and governor not in frames \
                and tokens[governor].pos == "VERB":
            frame.sources, frame.inherited_source = _subject(parse, governor, mentions, frames)
        if tokens[t].dep == "dobj" and tokens[governor].lemma.lower() in _CANCELLING:
            frame.refusal = True  # "cancelled a planned visit", "suspended talks": refusing to cooperate
    targets = _objects(parse, t, mentions, frame)
    if frame.demanded is not None:
        targets = [m for s in parse.kids(frame.demanded, *_SUBJECTS) for m in _mentions_at(parse, s, mentions)]
    elif not targets and frame.pos == "verb" and frame.entry.code[:2] in _ADDRESSED_ROOTS:
        # "demanded that the US cancel...", "urged that Israel...": the demand is addressed to the clause's subject.
        targets = [m for c in parse.kids(t, "ccomp") for s in parse.kids(c, *_SUBJECTS)
                   for m in _mentions_at(parse, s, mentions)]
    if frame.pos == "verb":
        for o in parse.kids(t, "dobj"):
            if o in frames and frames[o].pos == "noun":
                targets.extend(m for m in _objects(parse, o, mentions, frames[o]))
    if not targets and frame.pos == "verb":
        # "stormed a town, pushing back rebels": take an actor object from a verb that shares the subject.
        for c in parse.kids(t, "advcl", "conj", "xcomp"):
            if not parse.kids(c, *_SUBJECTS):
                targets.extend(m for o in parse.kids(c, "dobj") for m in _mentions_at(parse, o, mentions))
                if c in frames and frames[c].territorial:
                    frame.territorial = True
    if frame.pos == "verb" and not frame.territorial:
        for c in parse.kids(t, "advcl", "conj"):
            if c in frames and frames[c].territorial and not parse.kids(c, *_SUBJECTS):
                frame.territorial = True
    source_heads = {m.head for m in frame.sources}
    frame.targets = [m for m in _unique([*frame.targets, *targets]) if m.head not in source_heads]
    associates: list[Mention] = []
    for s in frame.sources:
        associates.extend(_associates(parse, s, mentions))
    taken = source_heads | {m.head for m in frame.targets}
    frame.associates = [m for m in _unique(associates) if m.head not in taken]
    frame.modality, frame.attribution, frame.attribution_span = _modality(parse, t, frame, mentions)


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out = []
    for m in ms:
        if m.head not in seen:
            seen.add(m.head)
            out.append(m)
    return out


def _clause_verb(parse: _Parse, i: int) -> int:
    """The verb whose clause holds token ``i`` (``i`` itself for a verb)."""
    tokens = parse.tokens
    steps = 0
    while tokens[i].pos not in ("VERB", "AUX") and tokens[i].head != i and steps < 10:
        i = tokens[i].head
        steps += 1
    return i


def _modality(
    parse: _Parse, trigger: int, frame: Frame, mentions: dict[int, Mention]
) -> tuple[str, Mention | None, tuple[int, int] | None]:
    tokens = parse.tokens
    modality = "asserted"
    attribution: Mention | None = None
    attribution_span: tuple[int, int] | None = None
    verb = trigger if frame.pos == "verb" else _clause_verb(parse, trigger)
    if frame.pos == "noun" and any(tokens[c].dep == "neg" or tokens[c].lemma.lower() == "no"
                                   for c in parse.children[trigger]):
        return "negated", None, None
    current = verb
    for depth in range(6):
        kids = parse.children[current]
        for c in kids:
            ct = tokens[c]
            word = ct.text.lower()
            if ct.dep == "neg" and modality in ("asserted", "future", "hypothetical"):
                modal = any(tokens[a].dep == "aux" and tokens[a].tag == "MD" for a in kids)
                if depth == 0 and modal and modality != "hypothetical":
                    frame.refusal = True  # "will not accept", "would not meet"
                modality = "negated"
            elif ct.dep == "aux" and ct.tag == "MD":
                if word in HYPOTHETICAL_AUX and modality == "asserted":
                    modality = "hypothetical"
                elif word in FUTURE_AUX and modality == "asserted":
                    modality = "future"
            elif ct.dep == "mark" and word in ("if", "unless", "whether") and modality == "asserted":
                modality = "hypothetical"
            elif depth == 0 and ct.dep == "advcl" and any(
                tokens[m].dep == "mark" and tokens[m].text.lower() == "unless" for m in parse.children[c]
            ):
                frame.conditional = True  # "will withdraw its troops unless...": an act held over someone
            elif ct.dep == "prep" and word == "according":
                for p in parse.kids(c, "prep"):
                    for o in parse.kids(p, "pobj"):
                        if attribution is None and attribution_span is None:
                            attribution = mentions.get(o)
                            attribution_span = (o, o + 1)
        tok = tokens[current]
        if depth == 0 and tok.dep == "xcomp" and tok.head != current:
            # "plans to attack", "agreed to meet": the infinitive has not happened.
            head_lemma = tokens[tok.head].lemma.lower()
            if head_lemma in CLAIMING and modality in ("asserted", "future"):
                modality = "claimed"  # "claimed to have killed": the claimer is the subject
                frame.claimed_by = tok.head
                subj = parse.kids(tok.head, *_SUBJECTS)
                if subj and attribution is None:
                    found = _mentions_at(parse, subj[0], mentions)
                    attribution = found[0] if found else None
                    attribution_span = _span_of(parse, subj[0])
            elif head_lemma in _REFUSING and modality == "asserted":
                modality, frame.refusal = "negated", True  # "refused to meet", "failed to reach a deal"
            elif head_lemma not in _ASPECTUAL and modality == "asserted":
                modality = "future" if head_lemma in _INTENT_VERBS else "hypothetical"
                frame.committed_by = head_lemma
        if tok.dep not in ("ccomp", "xcomp", "advcl", "conj", "parataxis") or tok.head == current:
            break
        parent = tok.head
        plemma = tokens[parent].lemma.lower()
        if tok.dep in ("ccomp", "parataxis"):
            if plemma in REPORTING or plemma in CLAIMING:
                if plemma in CLAIMING and modality == "asserted":
                    modality = "claimed"
                    frame.claimed_by = parent
                if attribution is None and attribution_span is None:
                    subj = parse.kids(parent, *_SUBJECTS)
                    if subj:
                        found = _mentions_at(parse, subj[0], mentions)
                        attribution = found[0] if found else None
                        attribution_span = _span_of(parse, subj[0])
                if any(tokens[c].dep == "neg" for c in parse.children[parent]) and modality == "asserted":
                    modality = "negated"
            elif plemma in DENYING and modality == "asserted":
                modality = "negated"
            elif plemma in IRREALIS and modality in ("asserted", "future"):
                modality = "hypothetical"  # "fear that rebels will attack": feared, not announced
        elif tok.dep == "xcomp" and plemma in DENYING and modality == "asserted":
            modality = "negated"
        if tok.dep in ("advcl",):
            break
        current = parent
    return modality, attribution, attribution_span


def _span_of(parse: _Parse, head: int) -> tuple[int, int]:
    """Token span of the phrase headed by ``head`` without relative clauses and appositions."""
    lo = hi = head
    stack = [head]
    while stack:
        i = stack.pop()
        for c in parse.children[i]:
            if parse.tokens[c].dep in ("relcl", "appos", "punct", "acl", "conj", "cc"):
                continue
            lo, hi = min(lo, c), max(hi, c)
            stack.append(c)
    return lo, hi + 1
