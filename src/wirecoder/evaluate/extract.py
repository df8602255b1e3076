"""Score article-body extraction the way the ScrapingHub article-extraction benchmark does.

Per page: token 4-gram shingles (tokens are ``\\w+`` runs, case kept) of the expected and extracted bodies;
true/false positive and false negative counts are normalised to sum to one so every page weighs the same.
Precision is the mean over pages that extracted anything or expected nothing to match; recall the mean over
pages with expected text; F1 comes from those two means.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import WirecoderError
from ..records import RawInput

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    key: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fn == 0 else self.tp / (self.tp + self.fn)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def score_page(key: str, expected: str, extracted: str) -> PageScore:
    want, got = shingles(expected), shingles(extracted)
    tp = float(sum((want & got).values()))
    fp = float(sum((got - want).values()))
    fn = float(sum((want - got).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(key, tp, fp, fn)


def summarise(scores: Iterable[PageScore]) -> dict[str, float]:
    """``{"n", "precision", "recall", "f1"}``: macro means over pages, F1 from the means."""
    scores = list(scores)
    precisions = [s.precision for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(scores), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def load_gold(gold_dir: Path) -> list[tuple[str, str | None, str, Path]]:
    """``[(stem, url, expected body, html path)]`` from ``ground-truth.json`` and ``html/<stem>.html.gz``."""
    truth_path = gold_dir / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise WirecoderError("E903", f"cannot read {truth_path}: {exc}; --gold must hold ground-truth.json") from exc
    out = []
    for stem, entry in sorted(truth.items()):
        for name in (f"{stem}.html.gz", f"{stem}.html"):
            path = gold_dir / "html" / name
            if path.exists():
                out.append((stem, entry.get("url"), entry.get("articleBody") or "", path))
                break
        else:
            raise WirecoderError("E903", f"no html/{stem}.html.gz in {gold_dir} for a ground-truth entry")
    return out


def read_page(path: Path, url: str | None) -> RawInput:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return RawInput(
        input_hash=hashlib.sha256(data).hexdigest(), source=str(path), kind="html", content=data,
        size=len(data), received_at=dt.datetime.now(), url=url,
    )
