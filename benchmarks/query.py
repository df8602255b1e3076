"""Benchmark a filtered event query over a large store against DuckDB running the same SQL directly
(issue target: well under a second over 1 million events, ratio ≤ 1.5×).

    python benchmarks/query.py --events 1000000 [--rounds 7] [--json]

A store is filled with synthetic canonical events (random dates over ten years, 40 countries, every CAMEO root,
places scattered around each country's point), then one filtered query — country, date range, CAMEO root and
minimum sources, the first 100 newest — is timed two ways, the median of ``--rounds`` warm runs each:

- ``wirecoder``: :meth:`Store.iter_events` with an :class:`EventQuery`, rows turned into the public JSON shape;
- ``duckdb``: the SQL that query builds, run with ``duckdb`` on the same file and fetched as tuples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from wirecoder.store import Store
from wirecoder.store.duckdb import _CANONICAL_SELECT
from wirecoder.store.query import EventQuery

COUNTRIES = ["SYR", "IRQ", "YEM", "NGA", "MLI", "UKR", "COL", "MEX", "MMR", "SDN", "COD", "AFG", "SOM", "LBY", "PAK",
             "IND", "PHL", "BFA", "NER", "CMR", "ETH", "KEN", "MOZ", "HTI", "VEN", "BRA", "PSE", "ISR", "LBN", "IRN",
             "TUR", "EGY", "TUN", "DZA", "MAR", "BGD", "THA", "IDN", "RUS", "USA"]


def fill(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = 733_000  # an ordinal in 2007
    now = "2026-01-01 00:00:00"
    with Store(path):
        pass  # create the schema
    con = duckdb.connect(str(path))
    chunk = 200_000
    for offset in range(0, count, chunk):
        n = min(chunk, count - offset)
        countries = [rng.choice(COUNTRIES) for _ in range(n)]
        roots = [f"{rng.randint(1, 20):02d}" for _ in range(n)]
        table = pa.table({
            "id": [f"{offset + i:016x}" for i in range(n)],
            "date": pa.array([dt.date.fromordinal(start + rng.randint(0, 3650)) for _ in range(n)], pa.date32()),
            "root": roots,
            "country": countries,
            "lat": [rng.uniform(-40, 60) for _ in range(n)],
            "lon": [rng.uniform(-100, 120) for _ in range(n)],
            "sources": [rng.randint(1, 6) for _ in range(n)],
        })
        con.register("_synthetic", table)
        con.execute(
            "INSERT INTO events SELECT id, \"date\", 1, {'code': country || 'MIL', 'name': NULL, 'country': country, "
            "'sector': 'MIL', 'text': 'forces', 'start': 0, 'end': 6}, NULL, root || '0', root, 4, -5.0, 'ASSAULT', "
            "NULL, 'Battles', 'Armed clash', NULL, {'name': 'Town', 'text': 'Town', 'start': 0, 'end': 4, "
            "'geonameid': 1, 'lat': lat, 'lon': lon, 'country': country, 'admin1': NULL, 'feature': 'PPL', "
            "'precision': 1}, 'asserted', sources, sources, sources, \"date\", \"date\", 0.8, id, 'article', "
            f"'A sentence.', TIMESTAMP '{now}', TIMESTAMP '{now}' FROM _synthetic")
        con.unregister("_synthetic")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    query = EventQuery(country="SYR", since=dt.date(2012, 1, 1), until=dt.date(2014, 12, 31), cameo="19",
                       min_sources=2, limit=100)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        began = time.perf_counter()
        fill(path, args.events)
        filled = time.perf_counter() - began
        where, params = query.where()
        sql = (f"SELECT {_CANONICAL_SELECT} FROM events e WHERE {where} "
               'ORDER BY "date" DESC NULLS LAST, num_mentions DESC, id LIMIT ?')
        ours, theirs = [], []
        with Store(path, read_only=True) as store:
            for _ in range(args.rounds + 1):
                began = time.perf_counter()
                rows = list(store.iter_events(query))
                ours.append(time.perf_counter() - began)
        con = duckdb.connect(str(path), read_only=True)
        for _ in range(args.rounds + 1):
            began = time.perf_counter()
            direct = con.execute(sql, [*params, query.limit]).fetchall()
            theirs.append(time.perf_counter() - began)
        con.close()
    wirecoder_s, duckdb_s = statistics.median(ours[1:]), statistics.median(theirs[1:])
    report = {"events": args.events, "rows": len(rows), "same_rows": len(rows) == len(direct),
              "fill_s": round(filled, 1), "wirecoder_s": round(wirecoder_s, 4), "duckdb_s": round(duckdb_s, 4),
              "ratio": round(wirecoder_s / duckdb_s, 2)}
    print(json.dumps(report) if args.json else "\n".join(f"{k:12} {v}" for k, v in report.items()))


if __name__ == "__main__":
    main()
