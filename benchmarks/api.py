"""Load-test the HTTP API of ``wirecoder serve``: many concurrent clients asking for event pages for a while, then
the throughput, the errors and the latency percentiles.

    python benchmarks/api.py --db STORE.duckdb [--clients 50] [--seconds 30] [--mix] [--json]
    python benchmarks/api.py --corpus FILE.jsonl --limit 300 --json    # ingest into a temporary store first
    python benchmarks/api.py                                           # the same, with the repo's examples/

The store is ``--db`` (an existing store, opened read-only by the server), or a fresh temporary store that
``wirecoder ingest`` fills first with the first ``--limit`` records of ``--corpus`` (default: the ``examples/``
folder). ``wirecoder serve --host 127.0.0.1 --log-level warning`` then runs as a subprocess on ``--port`` (0: a free
loopback port); once it answers, ``--clients`` asyncio tasks in this one process, each with an ``httpx.AsyncClient``
and keep-alive connection of its own, send request after request, the next as soon as the last answer's body is
read, for ``--warmup`` + ``--seconds`` seconds. ``--pool shared`` makes the tasks share one client instead (one
connection pool as large as the number of clients): measured here, that doubles the load generator's CPU time per
request and adds the pool's own waiting to the latency tail. Each client draws its paths at random (a fixed
seed) from ``--paths``, a list where repeating a path weights it; the default mix is mostly ``/api/events`` pages
(newest first, by sources, one QuadClass, the second page). ``--mix`` adds ``/api/points``, ``/api/stats`` and
``/api/events/{id}``, the ids taken from a first ``/api/events`` answer.

The server keeps recent answers (``wirecoder.web.app.AnswerCache``; the store cannot change while served), so a
fixed mix of URLs mostly measures that cache, as a dashboard many people open would. ``--uncached`` appends a
parameter the API ignores (``_=N``) to every request, so each URL is new and every answer is computed from the
store: that measures the queries.

Only requests started after the warm-up and before the end count (the ones still running at the end are waited
for): requests/s is their number over ``--seconds``, the latency of each runs from sending the request to having
read the whole answer. An error is an answer other than 200 or an exception (timeout, refused or reset
connection), counted by kind. The server is stopped (SIGTERM, then SIGKILL after 10 s) however the run ends, and
the exit status is 1 when any error occurred, so the script can serve as a check.

Connections idle for longer than ``KEEPALIVE`` seconds are dropped by the clients (this happens in a shared pool):
uvicorn closes a connection idle for 5 s, and a client reusing one at that very moment (httpx's own default is also
5 s) gets a "connection reset" that says nothing about the server's capacity.

Be careful with the numbers: the clients and the server run on the same machine (here 2 cores), so the load
generator takes CPU time from the server; ``client_cpu_s`` and ``server_cpu_s`` (the CPU seconds each used during
the measured window, the server's read from /proc) show how the two shared it. The figures are those of a
loopback connection, with no network in between, and of whatever else the machine was doing at the time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SEED = 20261126
KEEPALIVE = 2.0
"""Seconds a pooled connection may stay idle before the clients drop it: well under uvicorn's 5 s keep-alive."""

EVENT_PAGES = [
    "/api/events?limit=50", "/api/events?limit=50", "/api/events?limit=50",
    "/api/events?limit=50&sort=-num_sources", "/api/events?limit=50&sort=-num_sources",
    "/api/events?limit=50&quad_class=4", "/api/events?limit=50&quad_class=4",
    "/api/events?limit=50&offset=50",
]
"""The default mix: event pages as the dashboard's table asks for them, the first page most often."""
MIX_EXTRA = ["/api/points", "/api/stats", "/api/events/{id}", "/api/events/{id}"]
"""What ``--mix`` adds: the dashboard's map and timeline, and event pages opened from the table."""


@dataclass
class Tally:
    """What the clients saw in the measured window."""

    latencies: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    errors_by_path: Counter = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, help="an existing store to serve")
    source.add_argument("--corpus", type=Path, help="ingest this JSON Lines corpus into a temporary store first")
    parser.add_argument("--limit", type=int, default=None, help="with --corpus: only its first N records")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="measured duration (default 30)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load not measured first (default 2)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default 0: a free one)")
    parser.add_argument("--paths", nargs="+", metavar="PATH", default=None,
                        help="paths to request (repeat one to weight it; {id} is an event id)")
    parser.add_argument("--mix", action="store_true", help="also /api/points, /api/stats and /api/events/{id}")
    parser.add_argument("--pool", choices=("per-client", "shared"), default="per-client",
                        help="one client and connection each (default), or one connection pool for all")
    parser.add_argument("--uncached", action="store_true",
                        help="make every URL unique, so no answer comes from the server's cache")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a request is an error")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if args.limit is not None and args.corpus is None:
        parser.error("--limit goes with --corpus")
    if args.clients < 1 or args.seconds <= 0 or args.warmup < 0:
        parser.error("--clients must be at least 1, --seconds more than 0, --warmup not negative")
    paths = list(args.paths or EVENT_PAGES) + (MIX_EXTRA if args.mix else [])
    wirecoder = _wirecoder()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so that the server is stopped too
    say = (lambda text: None) if args.json else (lambda text: print(text, file=sys.stderr, flush=True))
    with tempfile.TemporaryDirectory(prefix="wirecoder-api-bench-") as tmp:
        report: dict = {"store": str(args.db) if args.db else None}
        if args.db:
            if not args.db.is_file():
                parser.error(f"--db {args.db}: no such file")
            db = args.db
        else:
            db, report["ingest"] = _ingest(wirecoder, args.corpus, args.limit, Path(tmp), say)
        report.update(_serve_and_load(wirecoder, db, paths, args, Path(tmp) / "serve.log", say))
    if args.json:
        print(json.dumps(report))
    else:
        _print(report)
    sys.exit(1 if report["errors"] else 0)


def _wirecoder() -> str:
    """The ``wirecoder`` command next to this Python (the venv's), else the one on PATH."""
    here = Path(sys.executable).parent / "wirecoder"
    found = str(here) if here.is_file() else shutil.which("wirecoder")
    if not found:
        sys.exit("benchmarks/api.py: no wirecoder command (install the package in this Python's environment)")
    return found


def _ingest(wirecoder: str, corpus: Path | None, limit: int | None, tmp: Path, say) -> tuple[Path, dict]:
    """A fresh store in ``tmp`` holding the corpus (its first ``limit`` records) or the repo's examples."""
    if corpus is None:
        source = ROOT / "examples"
    else:
        source = tmp / "corpus.jsonl"
        with corpus.open("rb") as f, source.open("wb") as out:
            for line in itertools.islice((line for line in f if line.strip()), limit):
                out.write(line if line.endswith(b"\n") else line + b"\n")
    db = tmp / "store.duckdb"
    say(f"ingesting {corpus or source}{f' (first {limit} records)' if limit else ''} into a temporary store...")
    began = time.perf_counter()
    done = subprocess.run([wirecoder, "ingest", "--quiet", "--db", str(db), str(source)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1) or not db.is_file():  # 1: some inputs were rejected, the rest is stored
        sys.exit(f"benchmarks/api.py: wirecoder ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return db, {"source": str(corpus or source), "limit": limit, "seconds": round(seconds, 1),
                "some_rejected": done.returncode == 1}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _serve_and_load(wirecoder: str, db: Path, paths: list[str], args: argparse.Namespace, log: Path,
                    say) -> dict:
    port = args.port or _free_port()
    base = f"http://{HOST}:{port}"
    with log.open("wb") as log_file:
        server = subprocess.Popen([wirecoder, "serve", "--db", str(db), "--host", HOST, "--port", str(port),
                                   "--log-level", "warning"], stdin=subprocess.DEVNULL, stdout=log_file,
                                  stderr=subprocess.STDOUT)
    try:
        say(f"waiting for wirecoder serve on {base} (pid {server.pid})...")
        started = _wait_until_up(server, base, log)
        probe = _probe(base)
        ids = probe.pop("ids")
        if any("{id}" in p for p in paths) and not ids:
            say("the store has no events: dropping the /api/events/{id} paths")
            paths = [p for p in paths if "{id}" not in p]
            if not paths:
                sys.exit("benchmarks/api.py: the store has no events and every path needs an event id")
        say(f"{probe['events']} events in the store; {args.clients} clients for {args.warmup:g} s warm-up + "
            f"{args.seconds:g} s...")
        tally, client_cpu, server_cpu = asyncio.run(_load(base, paths, ids, args, server.pid))
        rss = _proc_kb(server.pid, "VmHWM")
        if server.poll() is not None:
            tally.errors[f"server exited with {server.returncode}"] += 1
    finally:
        _stop(server)
    return _summary(tally, args, paths, started, probe, client_cpu, server_cpu, rss, log, port)


def _wait_until_up(server: subprocess.Popen, base: str, log: Path, limit: float = 120.0) -> float:
    """Seconds until the server answered /api/events; exits with its log if it dies or never answers."""
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        if server.poll() is not None:
            sys.exit(f"benchmarks/api.py: wirecoder serve exited with {server.returncode}:\n"
                     f"{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{base}/api/events?limit=1", timeout=2.0).status_code == 200:
                return time.perf_counter() - began
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    sys.exit(f"benchmarks/api.py: wirecoder serve did not answer within {limit:g} s")


def _probe(base: str) -> dict:
    """The number of events (hypothetical ones too) and event ids for ``{id}``."""
    total = httpx.get(f"{base}/api/events?limit=1&include_hypothetical=true", timeout=30).json()["total"]
    listed = httpx.get(f"{base}/api/events?limit=50", timeout=30).json()
    return {"events": total, "listed_events": listed["total"], "ids": [e["id"] for e in listed["events"]]}


async def _load(base: str, paths: list[str], ids: list[str], args: argparse.Namespace,
                server_pid: int) -> tuple[Tally, float, float | None]:
    tally = Tally()
    loop = asyncio.get_running_loop()
    now = loop.time()
    measure_from, stop_at = now + args.warmup, now + args.warmup + args.seconds
    cpu: list[tuple[float, float | None]] = []

    async def mark() -> None:  # both processes' CPU time at the start and the end of the measured window
        await asyncio.sleep(max(0.0, measure_from - loop.time()))
        cpu.append((_own_cpu(), _proc_cpu(server_pid)))
        await asyncio.sleep(max(0.0, stop_at - loop.time()))
        cpu.append((_own_cpu(), _proc_cpu(server_pid)))

    counter = itertools.count()

    async def client(number: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(SEED + number)
        while (began := loop.time()) < stop_at:
            template = rng.choice(paths)
            path = template.replace("{id}", rng.choice(ids)) if "{id}" in template else template
            if args.uncached:  # a query parameter the API ignores makes every URL new to the server's answer cache
                path += ("&" if "?" in path else "?") + f"_={number}-{next(counter)}"
            kind = None
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    kind = f"HTTP {response.status_code}"
                    tally.samples.setdefault(kind, f"{path}: {response.text[:300]}")
            except httpx.HTTPError as exc:
                kind = type(exc).__name__
                cause = f" ({type(exc.__cause__).__name__}: {exc.__cause__})" if exc.__cause__ else ""
                tally.samples.setdefault(kind, f"{path}: {exc!r}{cause} after {(loop.time() - began) * 1000:.0f} ms")
            if began < measure_from:
                continue
            latency = loop.time() - began
            tally.latencies.append(latency)
            tally.by_path[template].append(latency)
            if kind:
                tally.errors[kind] += 1
                tally.errors_by_path[template] += 1

    size = args.clients if args.pool == "shared" else 1
    limits = httpx.Limits(max_connections=size, max_keepalive_connections=size, keepalive_expiry=KEEPALIVE)
    https = [httpx.AsyncClient(base_url=base, limits=limits, timeout=args.timeout)
             for _ in range(1 if args.pool == "shared" else args.clients)]
    try:
        await asyncio.gather(mark(), *(client(n, https[n % len(https)]) for n in range(args.clients)))
    finally:
        for http in https:
            await http.aclose()
    (client_from, server_from), (client_to, server_to) = cpu
    server_used = server_to - server_from if server_from is not None and server_to is not None else None
    return tally, client_to - client_from, server_used


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _proc_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the process used so far, from /proc; None where unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _proc_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def _ms(values: list[float], q: float) -> float | None:
    """The ``q`` quantile (nearest rank) of sorted seconds, in milliseconds."""
    if not values:
        return None
    return round(values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))] * 1000, 1)


def _summary(tally: Tally, args: argparse.Namespace, paths: list[str], started: float, probe: dict,
             client_cpu: float, server_cpu: float | None, rss: int | None, log: Path, port: int) -> dict:
    latencies = sorted(tally.latencies)
    per_path = {}
    for template in dict.fromkeys(paths):
        values = sorted(tally.by_path.get(template, []))
        per_path[template] = {"requests": len(values), "errors": tally.errors_by_path[template],
                              "p50_ms": _ms(values, 0.5), "p99_ms": _ms(values, 0.99)}
    errors = sum(tally.errors.values())
    lines = log.read_text(errors="replace").splitlines() if log.is_file() else []
    server_log = "\n".join(line for line in lines if not line.startswith("wirecoder: serving ")).strip()
    return {
        "requests": len(latencies), "errors": errors, "error_kinds": dict(tally.errors.most_common()),
        "rps": round(len(latencies) / args.seconds, 1),
        "p50_ms": _ms(latencies, 0.5), "p90_ms": _ms(latencies, 0.9), "p99_ms": _ms(latencies, 0.99),
        "max_ms": _ms(latencies, 1.0), "paths": per_path, "clients": args.clients, "seconds": args.seconds,
        "warmup": args.warmup, "port": port, "events": probe["events"], "listed_events": probe["listed_events"],
        "pool": args.pool, "uncached": args.uncached, "server_start_s": round(started, 2),
        "server_peak_rss_mb": round(rss / 1024, 1) if rss else None,
        "server_cpu_s": round(server_cpu, 1) if server_cpu is not None else None,
        "client_cpu_s": round(client_cpu, 1), "cores": os.cpu_count(),
        "error_samples": tally.samples, "server_log_tail": server_log[-3000:] if server_log else None,
    }


def _print(report: dict) -> None:
    if report.get("ingest"):
        ingest = report["ingest"]
        print(f"store      temporary, ingested from {ingest['source']} in {ingest['seconds']} s"
              + (" (some inputs rejected)" if ingest["some_rejected"] else ""))
    else:
        print(f"store      {report['store']}")
    print(f"events     {report['events']} ({report['listed_events']} listed by default)")
    print(f"load       {report['clients']} clients, {report['seconds']:g} s after {report['warmup']:g} s warm-up, "
          f"127.0.0.1:{report['port']}, {report['pool']} connection pool, {report['cores']} cores shared by "
          "clients and server")
    print(f"requests   {report['requests']} ({report['rps']} per second)")
    print(f"errors     {report['errors']}")
    for kind, n in report["error_kinds"].items():
        print(f"  {n:>8}  {kind}")
    for kind, sample in report["error_samples"].items():
        print(f"  e.g. {kind}: {sample}")
    print(f"latency    p50 {report['p50_ms']} ms, p90 {report['p90_ms']} ms, p99 {report['p99_ms']} ms, "
          f"max {report['max_ms']} ms")
    width = max(len(p) for p in report["paths"])
    for path, row in report["paths"].items():
        print(f"  {path:<{width}}  {row['requests']:>7} requests  {row['errors']:>5} errors  "
              f"p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms")
    print(f"cpu        server {report['server_cpu_s']} s, clients {report['client_cpu_s']} s "
          f"(of {report['seconds'] * report['cores']:g} s of the machine)")
    print(f"server     started in {report['server_start_s']} s, peak RSS {report['server_peak_rss_mb']} MB")
    if report["server_log_tail"]:
        print(f"server log (tail):\n{report['server_log_tail']}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # the server was stopped on the way out
        sys.exit(130)
