"""Score event coding against gold sentences (``wirecoder eval events``).

Gold files are JSON Lines, one sentence per line: ``{"id", "date", "text", "expected": [{"source", "target",
"code"}]}``; an empty ``expected`` means the sentence holds no event. The gold ``code`` decides what is scored:

=========  ===========================================  ============================
system     gold codes look like                          wirecoder field compared
=========  ===========================================  ============================
cameo      2-4 digits (``190``, ``0233``)                ``cameo`` (and its root)
plover     a PLOVER type (``ASSAULT``; older labels       ``plover.type``
           DEMAND, DISAPPROVE, INVESTIGATE, FIGHT are
           read as REQUEST, ACCUSE, ACCUSE, ASSAULT)
acled      an ACLED sub-event type (``Armed clash``)     ``acled.sub_event_type``
penta      ``class_0`` ... ``class_4``                   PentaClass of ``cameo``'s root
                                                         (see ``ontology``: 16 is class 3)
=========  ===========================================  ============================

Only asserted events count (``asserted``, ``future``, ``claimed``); negated and hypothetical ones are left out,
as they are from default queries. Metrics (micro-averaged over sentences):

- ``detection``: does the sentence hold an event at all (gold non-empty vs at least one prediction).
- ``code``: (sentence, label) pairs. ``root``: (sentence, CAMEO root) pairs, for CAMEO gold only.
- ``triple``: (sentence, source, target, label); ``dyad``: (sentence, source, target); both only when the gold
  gives actor codes. Actors compare by CAMEO code chunks: the first three letters (country, ``IGO``...) must
  agree, ``---`` or an empty gold code matching anything; the next three (sector) must agree when both codes
  have them. So gold ``USA`` matches ``USAGOV`` and gold ``---REB`` matches ``SYRREB``.
- ``accuracy``: for sets with one label per sentence, the share of sentences whose top prediction (highest
  confidence, then earliest) equals the gold label; a sentence with no prediction is "no event", which is
  ``class_0`` (neutral) for PentaClass gold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..coding import ontology
from ..errors import WirecoderError
from ..records import UNASSERTED, Event
from . import goldfile

_PENTA = re.compile(r"class_[0-4]")
_CAMEO = re.compile(r"\d{2,4}")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    date: str | None
    text: str
    expected: tuple[tuple[str, str, str], ...]
    """(source, target, label) with labels normalised for the code system."""


def load_gold(path: Path) -> tuple[str, list[GoldSentence]]:
    """(code system, sentences) of a gold file."""
    records = [record for record, _, _ in goldfile.records(path, what="gold sentence",
                                                             fields='"id", "text", "expected"')]
    codes = [str(e.get("code") or "") for r in records for e in r.get("expected") or ()]
    system = detect_system(codes)
    gold = []
    for number, r in enumerate(records, 1):
        if "text" not in r:
            raise WirecoderError("E801", f"{path}: record {number} has no 'text'; gold records need id, text, expected")
        expected = tuple(
            (_actor(e.get("source")), _actor(e.get("target")), normalise_label(str(e.get("code") or ""), system))
            for e in r.get("expected") or ()
        )
        gold.append(GoldSentence(id=str(r.get("id", number)), date=r.get("date"), text=r["text"], expected=expected))
    return system, gold


_ACTOR_CODE = re.compile(r"[A-Z-]{3}(?:[A-Z]{3})*")


def _actor(value: object) -> str:
    """A gold actor code, or "" when the gold gives none or gives text instead of a code ("a car bomb")."""
    if not isinstance(value, str) or not _ACTOR_CODE.fullmatch(value.strip()):
        return ""
    return value.strip()


def detect_system(codes: Sequence[str]) -> str:
    codes = [c for c in codes if c]
    if not codes:
        raise WirecoderError("E802", "the gold file has no expected codes; nothing to score")
    if all(_PENTA.fullmatch(c) for c in codes):
        return "penta"
    if all(_CAMEO.fullmatch(c) for c in codes):
        return "cameo"
    plover = set(ontology.PLOVER_TYPES) | set(ontology.PLOVER_LEGACY)
    if all(c.upper() in plover for c in codes):
        return "plover"
    acled = {s.lower() for s in ontology.ACLED_SUB_EVENT_TYPES}
    if all(c.lower() in acled for c in codes):
        return "acled"
    unknown = sorted({c for c in codes if not (_PENTA.fullmatch(c) or _CAMEO.fullmatch(c) or c.upper() in plover
                                               or c.lower() in acled)})[:5]
    raise WirecoderError("E802", f"cannot tell the gold code system (unrecognised codes: {', '.join(unknown)}); "
                                 "use CAMEO codes, PLOVER types, ACLED sub-event types or class_0..class_4")


def normalise_label(code: str, system: str) -> str:
    if system == "plover":
        upper = code.upper()
        return ontology.PLOVER_LEGACY.get(upper, upper)
    if system == "acled":
        return code.lower()
    return code


def predicted_label(event: Event, system: str) -> str | None:
    if system == "cameo":
        return event.cameo
    if system == "penta":
        return f"class_{ontology.penta_class(event.cameo)}"
    if system == "plover":
        return event.plover_type
    return event.acled_sub_event_type.lower() if event.acled_sub_event_type else None


def actors_match(gold: str, predicted: str | None) -> bool:
    """Gold ``USA`` matches ``USAGOV``; ``---REB`` matches ``SYRREB``; an empty gold code matches anything."""
    if not gold:
        return True
    if not predicted:
        return False
    g, p = gold.upper(), predicted.upper()
    if g[:3] != "---" and g[:3] != p[:3]:
        return False
    return not (len(g) >= 6 and len(p) >= 6 and g[3:6] != p[3:6])


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


Item = tuple[str, str | None, str | None]
"""(label, source code, target code) of one gold or predicted event."""


def _match(gold: Sequence[Item], pred: Sequence[Item], same: Callable[[Item, Item], bool]) -> tuple[int, int, int]:
    """Greedy one-to-one matching of distinct items; returns (tp, fp, fn)."""
    gold, pred = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
    used: set[int] = set()
    tp = 0
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and same(g, p):
                used.add(j)
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def score(
    system: str, gold: Sequence[GoldSentence], predictions: Sequence[Sequence[Event]]
) -> tuple[dict[str, Any], Counter[tuple[str, str]]]:
    """The metrics object printed by ``--json``, and a (gold, predicted) confusion of top labels."""
    detection, code, root, triple, dyad = Counts(), Counts(), Counts(), Counts(), Counts()
    has_actors = any(s or t for g in gold for s, t, _ in g.expected)
    single = all(len({label for _, _, label in g.expected}) <= 1 for g in gold)
    correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    none = "class_0" if system == "penta" else "none"
    for sentence, events in zip(gold, predictions, strict=True):
        asserted = [e for e in events if e.modality not in UNASSERTED]
        labelled = [(e, predicted_label(e, system)) for e in asserted]
        labelled = [(e, lab) for e, lab in labelled if lab]
        expected = [(label, s, t) for s, t, label in sentence.expected if label]
        predicted: list[Item] = [(lab, e.source.code if e.source else None, e.target.code if e.target else None)
                                 for e, lab in labelled]
        detection.add(int(bool(expected) and bool(predicted)), int(not expected and bool(predicted)),
                      int(bool(expected) and not predicted))
        code.add(*_match(expected, predicted, lambda g, p: g[0] == p[0]))
        if system == "cameo":
            root.add(*_match(expected, predicted, lambda g, p: g[0][:2] == p[0][:2]))
        if has_actors:
            triple.add(*_match(expected, predicted, lambda g, p: g[0] == p[0] and actors_match(g[1] or "", p[1])
                               and actors_match(g[2] or "", p[2])))
            dyad.add(*_match(expected, predicted, lambda g, p: actors_match(g[1] or "", p[1])
                             and actors_match(g[2] or "", p[2])))
        top = max(labelled, key=lambda item: (item[0].confidence, -item[0].action.start))[1] if labelled else none
        truth = expected[0][0] if expected else none
        if system == "cameo":
            top, truth = top[:2] if top != none else top, truth[:2] if truth != none else truth
        correct += int(top == truth)
        confusion[(truth, top)] += 1
    metrics: dict[str, Any] = {
        "n": len(gold),
        "code_system": system,
        "detection": detection.scores(),
        "code": code.scores(),
        "root": root.scores() if system == "cameo" else None,
        "triple": triple.scores() if has_actors else None,
        "dyad": dyad.scores() if has_actors else None,
        "accuracy": round(correct / len(gold), 4) if single and gold else None,
    }
    return metrics, confusion


def iter_texts(gold: Iterable[GoldSentence]) -> Iterable[tuple[str, str | None]]:
    return ((g.text, g.date) for g in gold)
