"""``wirecoder bench``: how fast wirecoder runs against the speed of its parser, on the same articles.

Two measurements over the first ``limit`` records of a JSON Lines corpus:

- **baseline**: the bare spaCy pipeline (the same model, every component, loaded with ``spacy.load``) run with
  ``nlp.pipe`` over the paragraphs of the articles wirecoder parses (cleaned once beforehand: the baseline does
  not clean), consuming every ``Doc``;
- **wirecoder**: the whole ingest (read, clean, parse, geocode, code, date, store, copies, cluster) of the same
  records into a fresh temporary store, exactly as ``wirecoder ingest`` runs it.

Words are the whitespace-separated words of those bodies, so both rates share a numerator. Each side runs once
to warm up (loading the model, building the gazetteer index), not counted, then ``rounds`` times; the median
round is reported, with each ingest step's median time (``IngestSummary.seconds``) and every round's time
(``baseline_round_seconds``, ``round_seconds``: how much the machine's speed moved). Peak RSS is this process's
high-water mark (``ru_maxrss``), so it covers both sides.

With ``processes`` > 1 there is a third side, the ingest in that many worker processes (``wirecoder ingest
--processes``), and the wirecoder figures at the top of the report are its own; the one-process ingest is
reported under ``one_process``, and ``speedup`` is its median time over the workers' median time. The sides
take turns within each round (baseline, one process, workers), so a change in the machine's speed over the
run weighs on all of them. The workers are started once, before the warm-up, and kept for every round, as the
one-process side keeps its loaded model. Their step times add up the workers' time (more than the wall
time), and ``worker_peak_rss_mb`` is the largest worker's high-water mark (its own VmHWM: ``ru_maxrss`` of a
spawned child would count what this process held when it started the child).
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .ingest import read_inputs
from .nlp import load
from .pipeline import CODED_LANGUAGES, Workers, ingest, run_input
from .records import RawInput
from .settings import Settings
from .store import Store


def bench(corpus: Path, *, settings: Settings, limit: int | None = None, rounds: int = 3, processes: int = 1,
          say: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """Measure the baseline and wirecoder (ingesting with ``processes`` workers) on the first ``limit`` records
    of ``corpus``; the report ``wirecoder bench --json`` prints."""
    with tempfile.TemporaryDirectory(prefix="wirecoder-bench-") as tmp, ExitStack() as stack:
        sample = Path(tmp) / "sample.jsonl"
        records = _sample(corpus, sample, limit)
        paragraphs = body_paragraphs(sample, settings)
        words = sum(len(p.split()) for p in paragraphs)
        say(f"{records:,} records, {len(paragraphs):,} paragraphs, {words:,} words")

        nlp = full_pipeline(settings.spacy_model)
        workers = stack.enter_context(Workers(settings, processes)) if processes > 1 else None
        sides: dict[str, Callable[[Path], tuple[float, dict[str, float], float | None]]] = {
            "baseline": lambda db: (_baseline(nlp, paragraphs, settings), {}, None),
            "one process": lambda db: _ingest(sample, db, settings, None),
        }
        if workers is not None:
            sides[f"{processes} processes"] = lambda db: _ingest(sample, db, settings, workers)
        say("warm-up")
        _baseline(nlp, paragraphs[:200], settings)
        warm = Path(tmp) / "warm.jsonl"
        _sample(sample, warm, 20)
        _ingest(warm, Path(tmp) / "warm1.duckdb", settings, None)
        if workers is not None:
            _ingest(warm, Path(tmp) / "warm2.duckdb", settings, workers)
        runs: dict[str, list[tuple[float, dict[str, float], float | None]]] = {side: [] for side in sides}
        for number in range(rounds):  # the sides take turns, so a change in the machine's speed hits them alike
            for side, run in sides.items():
                runs[side].append(run(Path(tmp) / f"{side}{number}.duckdb"))
                say(f"{side}, round {number + 1}: {runs[side][-1][0]:.1f} s")

    baseline_runs = [seconds for seconds, _, _ in runs.pop("baseline")]
    baseline_s = statistics.median(baseline_runs)
    one = _summary(runs.pop("one process"), words, records, baseline_s)
    report = {
        "articles": records, "words": words, "rounds": rounds,
        "baseline_seconds": round(baseline_s, 3), "baseline_round_seconds": [round(s, 3) for s in baseline_runs],
        "baseline_words_per_s": round(words / baseline_s, 1),
        **(_summary(next(iter(runs.values())), words, records, baseline_s) if runs else one),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "processes": processes, "model": settings.spacy_model,
    }
    if runs:
        report["one_process"] = one
        report["speedup"] = round(one["wirecoder_seconds"] / report["wirecoder_seconds"], 3)
    return report


def _summary(runs: list[tuple[float, dict[str, float], float | None]], words: int, records: int,
             baseline_s: float) -> dict[str, Any]:
    """One side's median round: its rates, its ratio to the baseline, each step's median time."""
    seconds = statistics.median(wall for wall, _, _ in runs)
    steps = sorted({step for _, stages, _ in runs for step in stages})
    return {
        "wirecoder_seconds": round(seconds, 3), "round_seconds": [round(wall, 3) for wall, _, _ in runs],
        "wirecoder_words_per_s": round(words / seconds, 1),
        "ratio": round(baseline_s / seconds, 3), "articles_per_s": round(records / seconds, 2),
        "worker_peak_rss_mb": max((peak for _, _, peak in runs if peak is not None), default=None),
        "stages": {step: round(statistics.median(stages.get(step, 0.0) for _, stages, _ in runs), 3)
                   for step in steps},
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


def body_paragraphs(sample: Path, settings: Settings) -> list[str]:
    """The body paragraphs of the records wirecoder would parse (cleaned, English or unknown language)."""
    out: list[str] = []
    for item in read_inputs([sample], settings=settings):
        if not isinstance(item, RawInput):
            continue
        article = run_input(item, settings=settings, code=False).article
        if article is not None and (article.language is None or article.language in CODED_LANGUAGES):
            out.extend(article.body)
    return out


def full_pipeline(model: str) -> Any:
    import spacy

    load(model)  # the same checks and message (E301) as wirecoder's own loading
    return spacy.load(model)


def _baseline(nlp: Any, paragraphs: list[str], settings: Settings) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=settings.nlp_batch_size):
        pass
    return time.perf_counter() - start


def _ingest(sample: Path, db: Path, settings: Settings,
            workers: Workers | None) -> tuple[float, dict[str, float], float | None]:
    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest([sample], store=store, settings=settings, workers=workers)
    peak = round(summary.worker_peak_rss_mb, 1) if summary.worker_peak_rss_mb is not None else None
    return time.perf_counter() - start, summary.seconds, peak
