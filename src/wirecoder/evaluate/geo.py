"""Score geocoding against gold toponyms (``wirecoder eval geo``).

Gold files are JSON Lines, one document per line: ``{"id", "text", "toponyms": [{"start", "end", "name", "lat",
"lon", ...}]}``; ``start``/``end`` are character offsets in ``text``, other keys (``geonameid``, ``type``,
``wikipedia``...) are ignored. Three scorings:

- **resolution** (gold spans given): the geocoder resolves every gold span of a document at once. A toponym's
  error is the great-circle (haversine) distance in km between the predicted and gold coordinates; an unresolved
  toponym counts as :data:`UNRESOLVED_KM` (20,039 km, half the Earth's circumference, the largest possible
  error). ``acc161`` is the share of toponyms with error <= 161 km (100 miles), ``mean_km``/``median_km`` are
  over all toponyms with that penalty, ``auc`` is :func:`auc` (lower is better), ``unresolved`` the count of
  toponyms with no place.
- **end_to_end**: the geocoder finds the toponyms itself. Predicted spans are matched one-to-one to gold spans
  they overlap (:func:`match_spans`); ``precision`` = matched / predicted, ``recall`` = matched / gold, ``f1``
  their harmonic mean; ``acc161`` is the share of matched pairs whose predicted place is within 161 km of the
  gold coordinates (a matched span left unresolved is wrong).
- **country_accuracy**: among gold toponyms whose text (``text[start:end]``) names a country (a country name,
  alias or demonym: ``country_mention`` gives an ISO3 code), the share whose resolution (gold spans given) lies
  in the gold country, ``nearest_country(gold lat, gold lon)``. Toponyms whose gold coordinates map to no
  country are left out; None when no toponym is left.

Ratios of empty sets: precision, recall and f1 are 0.0 when their denominator is 0 (as in ``eval events``);
shares and averages over no item at all (``acc161``, ``mean_km``, ``median_km``, ``auc`` with no toponym; end to
end ``acc161`` with no matched pair; ``country_accuracy``) are None.

This module takes the geocoder as plain callables, so it imports neither spaCy nor the gazetteer.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import WirecoderError
from ..geo.gazetteer import distance_km
from ..records import Place
from . import goldfile

UNRESOLVED_KM = 20039.0
"""The error of an unresolved toponym: half the Earth's circumference, as in Gritta et al. (2018)."""
ACC_KM = 161.0
"""Accuracy threshold: 161 km (100 miles), the usual acc@161."""

Resolve = Callable[[str, Sequence[tuple[int, int]]], Sequence[Place | None]]
Recognise = Callable[[str], Sequence[tuple[int, int, Place | None]]]


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    line: int
    """Line of the gold file the document came from (1-based)."""


@dataclass(frozen=True, slots=True)
class ToponymResult:
    """One gold toponym with its resolution given the gold span (a line of ``--predictions``)."""

    doc_id: str
    gold: GoldToponym
    predicted: Place | None
    error_km: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.doc_id, "start": self.gold.start, "end": self.gold.end, "name": self.gold.name,
                "lat": self.gold.lat, "lon": self.gold.lon,
                "predicted": self.predicted.to_dict() if self.predicted is not None else None,
                "error_km": round(self.error_km, 1)}


# Gold ----------------------------------------------------------------------------------------------------------

_TOPONYM_FIELDS = "start, end, name, lat, lon"


def load_gold(path: Path) -> list[GoldDoc]:
    """The documents of a gold file, in file order; any bad line stops with E801 naming ``path:line``."""
    lines = goldfile.records(path, what="gold document", fields='"id", "text", "toponyms"')
    docs = [_doc(record, where, number) for record, where, number in lines]
    return goldfile.non_empty(docs, path, "it holds no documents; write one JSON object per line")


def _doc(record: dict[str, Any], where: str, number: int) -> GoldDoc:
    goldfile.require(record, where, ("id", "text", "toponyms"), "gold documents")
    doc_id, text, toponyms = record["id"], record["text"], record["toponyms"]
    if not isinstance(toponyms, list):
        raise WirecoderError("E801", f"{where}: 'toponyms' must be a list, not {_kind(toponyms)}")
    parsed = tuple(_toponym(t, f"{where}: toponym {index}", len(text)) for index, t in enumerate(toponyms, 1))
    return GoldDoc(id=str(doc_id), text=text, toponyms=parsed, line=number)


def _toponym(value: object, where: str, length: int) -> GoldToponym:
    if not isinstance(value, dict):
        raise WirecoderError("E801", f"{where} must be an object with {_TOPONYM_FIELDS}, not {_kind(value)}")
    for key in ("start", "end", "name", "lat", "lon"):
        if key not in value:
            raise WirecoderError("E801", f"{where} has no '{key}'; gold toponyms need {_TOPONYM_FIELDS}")
    start, end, name, lat, lon = (value[k] for k in ("start", "end", "name", "lat", "lon"))
    for key, offset in (("start", start), ("end", end)):
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise WirecoderError("E801", f"{where}: '{key}' must be an integer, not {_kind(offset)}")
    if not 0 <= start < end <= length:
        raise WirecoderError("E801", f"{where}: span {start}-{end} is not within the text (0-{length}) or is "
                                     "empty")
    if not isinstance(name, str):
        raise WirecoderError("E801", f"{where}: 'name' must be a string, not {_kind(name)}")
    for key, coordinate, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if isinstance(coordinate, bool) or not isinstance(coordinate, int | float) or not math.isfinite(coordinate):
            raise WirecoderError("E801", f"{where}: '{key}' must be a number, not {_kind(coordinate)}")
        if not -limit <= coordinate <= limit:
            raise WirecoderError("E801", f"{where}: '{key}' {coordinate} is out of range (-{limit} to {limit})")
    return GoldToponym(start=start, end=end, name=name, lat=float(lat), lon=float(lon))


_kind = goldfile.kind


# Metrics -------------------------------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees (the gazetteer's own measure)."""
    return distance_km(lat1, lon1, lat2, lon2)


def error_km(gold: GoldToponym, predicted: Place | None) -> float:
    """Distance from the gold coordinates to the predicted place; :data:`UNRESOLVED_KM` when there is none."""
    if predicted is None:
        return UNRESOLVED_KM
    return min(UNRESOLVED_KM, haversine_km(gold.lat, gold.lon, predicted.lat, predicted.lon))


def auc(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of log errors (Gritta et al. 2018, "What's missing in geographical parsing?").

    With the n errors sorted ascending, ``y_i = ln(1 + e_i)`` at ``x_i = i / (n - 1)`` (i = 0..n-1, so x spans
    [0, 1]), integrated with the trapezoid rule and divided by ``ln(1 + 20039)``::

        auc = sum_{i=0}^{n-2} (y_i + y_{i+1}) / 2 * 1 / (n - 1)  /  ln(1 + 20039)

    i.e. ``numpy.trapz(y, dx=1) / (n - 1) / ln(20040)``. 0 when every error is 0, 1 when every toponym is
    unresolved (20039 km); lower is better. One error gives ``ln(1 + e) / ln(20040)`` (a flat curve); no error
    gives None.
    """
    n = len(errors_km)
    if n == 0:
        return None
    ys = [math.log1p(e) for e in sorted(errors_km)]
    area = ys[0] if n == 1 else sum((a + b) / 2 for a, b in pairwise(ys)) / (n - 1)
    return area / math.log1p(UNRESOLVED_KM)


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans.

    Greedy: among all overlapping pairs, take the one with the largest overlap (in characters), ties broken by the
    earliest gold span, then the earliest predicted span; drop both spans; repeat.
    """
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                candidates.append((-overlap, gs, ge, ps, pe, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def score(
    docs: Sequence[GoldDoc],
    *,
    resolve: Resolve,
    recognise: Recognise,
    country_mention: Callable[[str], str | None],
    nearest_country: Callable[[float, float], str | None],
    details: list[ToponymResult] | None = None,
) -> dict[str, Any]:
    """The metrics object printed by ``eval geo --json`` (see the module docstring).

    ``details``, when given, receives one :class:`ToponymResult` per gold toponym, in document order.
    """
    errors_all: list[float] = []
    unresolved = 0
    n_predicted = n_matched = matched_close = 0
    country_total = country_correct = 0
    for doc in docs:
        spans = [(t.start, t.end) for t in doc.toponyms]
        places = list(resolve(doc.text, spans)) if spans else []
        if len(places) != len(spans):
            raise ValueError(f"resolve gave {len(places)} places for the {len(spans)} spans of document {doc.id}")
        for toponym, place in zip(doc.toponyms, places, strict=True):
            error = error_km(toponym, place)
            errors_all.append(error)
            unresolved += place is None
            if details is not None:
                details.append(ToponymResult(doc_id=doc.id, gold=toponym, predicted=place, error_km=error))
            if country_mention(doc.text[toponym.start:toponym.end]) is not None:
                gold_country = nearest_country(toponym.lat, toponym.lon)
                if gold_country is not None:
                    country_total += 1
                    country_correct += place is not None and place.country == gold_country
        found = list(recognise(doc.text))
        n_predicted += len(found)
        for gi, pi in match_spans(spans, [(s, e) for s, e, _ in found]):
            n_matched += 1
            matched_close += error_km(doc.toponyms[gi], found[pi][2]) <= ACC_KM
    n_gold = len(errors_all)
    precision = n_matched / n_predicted if n_predicted else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n_docs": len(docs),
        "n_toponyms": n_gold,
        "resolution": {
            "acc161": _round(sum(e <= ACC_KM for e in errors_all) / n_gold if n_gold else None),
            "mean_km": _round(statistics.fmean(errors_all) if n_gold else None, 1),
            "median_km": _round(statistics.median(errors_all) if n_gold else None, 1),
            "auc": _round(auc(errors_all)),
            "unresolved": unresolved,
        },
        "end_to_end": {
            "precision": _round(precision),
            "recall": _round(recall),
            "f1": _round(f1),
            "acc161": _round(matched_close / n_matched if n_matched else None),
        },
        "country_accuracy": _round(country_correct / country_total if country_total else None),
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
