"""How much faster the bare spaCy pipeline runs in P processes than in one, on this machine: the ceiling for
``wirecoder ingest --processes P``'s speed-up, whose time is mostly the parser's.

    python benchmarks/parser_scaling.py --corpus ../shared/corpora/throughput_mix.jsonl --limit 1000 --json

The first ``--limit`` records are cleaned as wirecoder cleans them, and their English body paragraphs are
parsed with the full pipeline of wirecoder's model (``nlp.pipe``, every component, as ``wirecoder bench``'s
baseline): once in one process, and once split into P equal shares parsed at the same time by P processes.
Every process loads the model and parses a warm-up share before a barrier; the timer starts when all have passed
it and stops when the last one is done, so neither start-up nor model loading is counted. The two take turns for
``--rounds`` rounds (one process first), so that changes in the machine's speed fall on both alike. Prints::

    {"paragraphs": N, "words": W, "processes": P, "one_process_s": [..], "processes_s": [..],
     "speedup": median one / median P}

A speed-up short of P says what P processes lose to one another on this machine (shared caches and memory
bandwidth, a busy host) before wirecoder adds any work of its own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from wirecoder.bench import body_paragraphs, full_pipeline
from wirecoder.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines articles (one object per line)")
    parser.add_argument("--limit", type=int, default=1000, help="use the first N records (default 1000)")
    parser.add_argument("--processes", type=int, default=2, help="processes parsing at once (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each (median reported; default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    settings = Settings.load()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "records.jsonl"
        with args.corpus.open("rb") as f:
            sample.write_bytes(b"".join(line if line.endswith(b"\n") else line + b"\n"
                                        for line in itertools.islice(f, args.limit) if line.strip()))
        paragraphs = body_paragraphs(sample, settings)
    shares = [paragraphs[k::args.processes] for k in range(args.processes)]
    context = multiprocessing.get_context("spawn")
    one: list[float] = []
    many: list[float] = []
    for round_ in range(args.rounds):
        one.append(_parallel(context, [paragraphs], settings))
        many.append(_parallel(context, shares, settings))
        if not args.json:
            print(f"round {round_ + 1}: one process {one[-1]:.1f} s, {args.processes} processes {many[-1]:.1f} s")
    report = {
        "paragraphs": len(paragraphs), "words": sum(len(p.split()) for p in paragraphs),
        "processes": args.processes, "one_process_s": [round(s, 2) for s in one],
        "processes_s": [round(s, 2) for s in many],
        "speedup": round(statistics.median(one) / statistics.median(many), 3),
    }
    print(json.dumps(report) if args.json else f"speed-up of {args.processes} processes: {report['speedup']:.2f}x")


def _parallel(context, shares: list[list[str]], settings: Settings) -> float:
    """Seconds from the moment every process is ready until the last has parsed its share."""
    ready = context.Barrier(len(shares) + 1)
    done = context.Queue()
    processes = [context.Process(target=_parse, args=(share, settings, ready, done)) for share in shares]
    for process in processes:
        process.start()
    ready.wait()
    start = time.perf_counter()
    for _ in processes:
        done.get()
    seconds = time.perf_counter() - start
    for process in processes:
        process.join()
    return seconds


def _parse(paragraphs: list[str], settings: Settings, ready, done) -> None:
    nlp = full_pipeline(settings.spacy_model)
    for _ in nlp.pipe(paragraphs[:100], batch_size=settings.nlp_batch_size):  # warm-up
        pass
    ready.wait()
    for _ in nlp.pipe(paragraphs, batch_size=settings.nlp_batch_size):
        pass
    done.put(True)


if __name__ == "__main__":
    main()
