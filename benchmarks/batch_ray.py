"""Throughput of ``wirecoder batch --engine ray`` against ``wirecoder ingest --processes N`` on the same records.

    python benchmarks/batch_ray.py --corpus ../shared/corpora/throughput_mix.jsonl --limit 1000 --json

The first ``--limit`` records are written to one JSON Lines file, and each command runs on it end to end, as a
user runs it (a fresh store or output folder, in a subprocess, with its start-up: the worker processes' or the
local Ray's and its actors' model loading), back to back and alternating (``--rounds`` of each, ingest first),
so that load from other work on the machine falls on both alike. The gazetteer cache is built beforehand. Prints
each run and, per command, the median wall time and articles per second, and ``ratio`` = Ray's articles/s over
ingest's (the target is at least 0.7)::

    {"records": N, "words": W, "ingest": {"seconds": [..], "median_s": s, "articles_per_s": a},
     "ray": {...}, "ratio": r, "same_counts": true}

``same_counts`` checks that both wrote as many articles, mentions and events.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from wirecoder.geo import Gazetteer
from wirecoder.settings import Settings
from wirecoder.store import Store

WIRECODER = [sys.executable, "-m", "wirecoder"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines articles (one object per line)")
    parser.add_argument("--limit", type=int, default=1000, help="use the first N records (default 1000)")
    parser.add_argument("--processes", type=int, default=2, help="ingest's worker processes and Ray's actors")
    parser.add_argument("--block-rows", type=int, default=8, help="wirecoder batch --block-rows")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each command (median reported)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    Gazetteer.for_settings(Settings.load())  # build the cache now, so that no timed run builds it
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "records.jsonl"
        with args.corpus.open("rb") as f:
            lines = [line if line.endswith(b"\n") else line + b"\n"
                     for line in itertools.islice(f, args.limit) if line.strip()]
        corpus.write_bytes(b"".join(lines))
        words = sum(len(str(json.loads(line).get("text") or "").split()) for line in lines)
        runs: dict[str, list[float]] = {"ingest": [], "ray": []}
        counts: dict[str, dict[str, int]] = {}
        for round_ in range(args.rounds):
            db = Path(tmp) / f"ingest-{round_}.duckdb"
            runs["ingest"].append(_timed([*WIRECODER, "ingest", str(corpus), "--db", str(db), "-q",
                                          "--processes", str(args.processes)]))
            counts["ingest"] = _store_counts(db)
            out = Path(tmp) / f"batch-{round_}"
            runs["ray"].append(_timed([*WIRECODER, "batch", str(corpus), "--out", str(out), "-q",
                                       "--actors", str(args.processes), "--block-rows", str(args.block_rows)]))
            counts["ray"] = json.loads((out / "manifest.json").read_text())["counts"]
            if not args.json:
                print(f"round {round_ + 1}: ingest {runs['ingest'][-1]:.1f} s, ray {runs['ray'][-1]:.1f} s",
                      file=sys.stderr)
    report: dict[str, object] = {"records": len(lines), "words": words, "processes": args.processes,
                                 "cpus": os.cpu_count()}
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        report[name] = {"seconds": [round(s, 1) for s in seconds], "median_s": round(median, 1),
                        "articles_per_s": round(len(lines) / median, 2)}
    report["ratio"] = round(report["ray"]["articles_per_s"] / report["ingest"]["articles_per_s"], 3)  # type: ignore[index]
    keys = ("articles", "mentions", "events")
    report["same_counts"] = all(counts["ingest"][k] == counts["ray"][k] for k in keys)
    if args.json:
        print(json.dumps(report))
    else:
        for name in runs:
            r = report[name]
            print(f"{name:>6}: {r['median_s']} s, {r['articles_per_s']} articles/s")  # type: ignore[index]
        print(f"ray / ingest throughput: {report['ratio']} (same counts: {report['same_counts']})")


def _timed(command: list[str]) -> float:
    """Wall time of a command; exit status 1 (some inputs rejected) is a normal outcome of a corpus."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def _store_counts(db: Path) -> dict[str, int]:
    try:
        with Store(db, read_only=True) as store:
            return store.counts()
    except duckdb.Error:
        return {}


if __name__ == "__main__":
    main()
