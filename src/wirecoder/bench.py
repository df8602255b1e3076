"""``wirecoder bench``: how fast wirecoder runs against the speed of its parser, on the same articles.

Two measurements over the first ``limit`` records of a JSON Lines corpus:

- **baseline**: the bare spaCy pipeline (the same model, every component, loaded with ``spacy.load``) run with
  ``nlp.pipe`` over the paragraphs of the articles wirecoder parses (cleaned once beforehand: the baseline does
  not clean), consuming every ``Doc``;
- **wirecoder**: the whole ingest (read, clean, parse, geocode, code, date, store, copies, cluster) of the same
  records into a fresh temporary store, exactly as ``wirecoder ingest`` runs it.

Words are the whitespace-separated words of those bodies, so both rates share a numerator. Each side runs once
to warm up (loading the model, building the gazetteer index), not counted, then ``rounds`` times; the median
round is reported, with each ingest step's median time (``IngestSummary.seconds``). Peak RSS is this process's
high-water mark (``ru_maxrss``), so it covers both sides. With ``processes`` > 1 the ingest runs in that many
worker processes (``wirecoder ingest --processes``): the step times then add up the workers' time, and
``worker_peak_rss_mb`` is the largest worker's high-water mark (its own VmHWM: ``ru_maxrss`` of a spawned
child would count what this process held when it started the child).
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .ingest import read_inputs
from .nlp import load
from .pipeline import CODED_LANGUAGES, ingest, run_input
from .records import RawInput
from .settings import Settings
from .store import Store


def bench(corpus: Path, *, settings: Settings, limit: int | None = None, rounds: int = 3, processes: int = 1,
          say: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """Measure the baseline and wirecoder (ingesting with ``processes`` workers) on the first ``limit`` records
    of ``corpus``; the report ``wirecoder bench --json`` prints."""
    with tempfile.TemporaryDirectory(prefix="wirecoder-bench-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        records = _sample(corpus, sample, limit)
        paragraphs = _paragraphs(sample, settings)
        words = sum(len(p.split()) for p in paragraphs)
        say(f"{records:,} records, {len(paragraphs):,} paragraphs, {words:,} words")

        nlp = _full_pipeline(settings.spacy_model)
        say("baseline: warm-up")
        _baseline(nlp, paragraphs[:200], settings)
        baseline = []
        for number in range(rounds):
            baseline.append(_baseline(nlp, paragraphs, settings))
            say(f"baseline round {number + 1}: {baseline[-1]:.1f} s")
        del nlp

        say("wirecoder: warm-up")
        warm = Path(tmp) / "warm.jsonl"
        _sample(sample, warm, 20)
        _ingest(warm, Path(tmp) / "warm.duckdb", settings, processes)
        runs = []
        for number in range(rounds):
            runs.append(_ingest(sample, Path(tmp) / f"round{number}.duckdb", settings, processes))
            say(f"wirecoder round {number + 1}: {runs[-1][0]:.1f} s")

    baseline_s = statistics.median(baseline)
    wirecoder_s = statistics.median(seconds for seconds, _, _ in runs)
    steps = sorted({step for _, stages, _ in runs for step in stages})
    stages = {step: round(statistics.median(stages.get(step, 0.0) for _, stages, _ in runs), 3) for step in steps}
    return {
        "articles": records, "words": words, "rounds": rounds,
        "baseline_seconds": round(baseline_s, 3), "wirecoder_seconds": round(wirecoder_s, 3),
        "baseline_words_per_s": round(words / baseline_s, 1), "wirecoder_words_per_s": round(words / wirecoder_s, 1),
        "ratio": round(baseline_s / wirecoder_s, 3), "articles_per_s": round(records / wirecoder_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_rss_mb": max((peak for _, _, peak in runs if peak is not None), default=None),
        "processes": processes, "stages": stages, "model": settings.spacy_model,
    }


def _sample(corpus: Path, out: Path, limit: int | None) -> int:
    """Copy the first ``limit`` non-empty lines of ``corpus`` to ``out``; how many were copied."""
    count = 0
    with corpus.open("rb") as source, out.open("wb") as target:
        for line in source:
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                break
            target.write(line if line.endswith(b"\n") else line + b"\n")
            count += 1
    return count


def _paragraphs(sample: Path, settings: Settings) -> list[str]:
    """The body paragraphs of the records wirecoder would parse (cleaned, English or unknown language)."""
    out: list[str] = []
    for item in read_inputs([sample], settings=settings):
        if not isinstance(item, RawInput):
            continue
        article = run_input(item, settings=settings, code=False).article
        if article is not None and (article.language is None or article.language in CODED_LANGUAGES):
            out.extend(article.body)
    return out


def _full_pipeline(model: str) -> Any:
    import spacy

    load(model)  # the same checks and message (E301) as wirecoder's own loading
    return spacy.load(model)


def _baseline(nlp: Any, paragraphs: list[str], settings: Settings) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=settings.nlp_batch_size):
        pass
    return time.perf_counter() - start


def _ingest(sample: Path, db: Path, settings: Settings,
            processes: int) -> tuple[float, dict[str, float], float | None]:
    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest([sample], store=store, settings=settings, processes=processes)
    peak = round(summary.worker_peak_rss_mb, 1) if summary.worker_peak_rss_mb is not None else None
    return time.perf_counter() - start, summary.seconds, peak
