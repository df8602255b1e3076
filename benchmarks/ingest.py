"""Ingest a JSON Lines corpus end to end and report the time of each step, the clustering step's share, and how
the clustering step grows when the input doubles.

    python benchmarks/ingest.py --corpus ../shared/corpora/throughput_mix.jsonl --json
    python benchmarks/ingest.py --corpus FILE.jsonl --limit 1000 --json

The records (the first ``--limit`` of them, if given) are shuffled with a fixed seed, so that the half and the
whole are samples of the same mix: a corpus whose later lines hold longer or denser articles would otherwise
make "twice the input" mean more than twice the work. It ingests the first half of the shuffled records into
one fresh store and all of them into another, in this process, exactly as ``wirecoder ingest`` does (same
batches, same settings), and prints::

    {"runs": [{"records": N, "seconds": total,
               "steps": {"clean": s, "nlp": s, "geo": s, "code": s, "store": s, "copies": s, "cluster": s, ...},
               "cluster_share": x, "mentions": M, "events": E, "copies": C, "rejected": R}, ...],
     "cluster_growth": t_cluster(2N) / t_cluster(N)}

A ``cluster_growth`` below 3 means doubling the input less than triples the clustering step's time (linear
growth gives about 2). The model and gazetteer are loaded before the first run, so neither run pays for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from wirecoder.pipeline import ingest, run_input
from wirecoder.records import RawInput
from wirecoder.settings import Settings
from wirecoder.store import Store

SEED = 20261126


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines articles (one object per line)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N records")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    settings = Settings.load()
    with args.corpus.open("rb") as f:
        lines = [line if line.endswith(b"\n") else line + b"\n"
                 for line in itertools.islice(f, args.limit) if line.strip()]
    random.Random(SEED).shuffle(lines)
    warm_up(settings)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (len(lines) // 2, len(lines)):
            part = Path(tmp) / f"first_{size}.jsonl"
            part.write_bytes(b"".join(lines[:size]))
            runs.append(run(part, Path(tmp) / f"store_{size}.duckdb", size, settings))
            if not args.json:
                print(json.dumps(runs[-1]), file=sys.stderr)
    half, full = runs
    growth = full["steps"]["cluster"] / half["steps"]["cluster"] if half["steps"].get("cluster") else None
    report = {"runs": runs, "cluster_growth": round(growth, 2) if growth else None}
    if args.json:
        print(json.dumps(report))
    else:
        for r in runs:
            print(f"{r['records']:>6} records: {r['seconds']:.1f} s, clustering {r['steps']['cluster']:.2f} s "
                  f"({r['cluster_share']:.1%}), {r['mentions']} mentions -> {r['events']} events, "
                  f"{r['copies']} copies")
        print(f"doubling the input multiplies the clustering step's time by {report['cluster_growth']}")


def warm_up(settings: Settings) -> None:
    """Load the spaCy model, lexicons and gazetteer once, so no timed run includes them."""
    text = b'{"text": "Rebels attacked an army post near Aleppo in Syria on Monday, killing three soldiers."}'
    run_input(RawInput(input_hash="warm-up", source="warm-up", kind="jsonl", size=len(text), content=text,
                       received_at=dt.datetime.now(dt.UTC)), settings=settings)


def run(path: Path, db: Path, size: int, settings: Settings) -> dict:
    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest([path], store=store, settings=settings)
        counts = store.counts()
    total = time.perf_counter() - start
    steps = {step: round(seconds, 3) for step, seconds in summary.seconds.items()}
    return {"records": size, "seconds": round(total, 2), "steps": steps,
            "cluster_share": round(summary.seconds.get("cluster", 0.0) / total, 4),
            "mentions": counts["mentions"], "events": counts["events"], "copies": counts["copies"],
            "rejected": summary.rejected}


if __name__ == "__main__":
    main()
