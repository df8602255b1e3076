"""An ingest killed with SIGKILL part-way resumes on the next run to the same store as a clean run would end."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

FILES = 3000
BUDGET_SECONDS = 240.0
"""The whole test: every wait below is bounded by what is left of this, so it fails rather than runs long."""

_WORDS = [
    "river", "storm", "council", "minister", "village", "harbour", "factory", "election", "budget", "school",
    "bridge", "market", "railway", "hospital", "farmers", "court", "police", "festival", "museum", "airport",
    "workers", "union", "mayor", "tenants", "landlords", "flood", "drought", "exports",
]
_VERBS = ["said", "announced", "warned", "reported", "confirmed", "denied", "expected", "promised"]


def _write_articles(folder: Path, count: int) -> None:
    rng = random.Random(20240611)
    folder.mkdir()
    for n in range(count):
        w = rng.sample(_WORDS, 6)
        (folder / f"{n:05d}.txt").write_text(
            f"Report {n} on the {w[0]} and the {w[1]}\n\n"
            f"Officials {rng.choice(_VERBS)} on day {n} that the {w[2]} near the {w[3]} would be reviewed, and "
            f"that the {w[4]} and the {w[5]} were also under discussion this week.\n",
            encoding="utf-8",
        )


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            pytest.fail(f"the resume test ran over its {BUDGET_SECONDS:.0f} s budget")
        return left


def _command(config: Path, folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "wirecoder", "--config", str(config), "ingest", str(folder), "--db", str(db), "-q"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("WIRECODER_")}


def _start(config: Path, folder: Path, db: Path, log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as err:
        return subprocess.Popen(_command(config, folder, db), stdout=subprocess.DEVNULL, stderr=err, env=_env())


def _state(db: Path) -> tuple[set[str], int, int]:
    """(article ids, raw_inputs rows, pending rows); opened read-write so DuckDB replays its write-ahead log."""
    con = duckdb.connect(str(db))
    try:
        ids = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
        raw = con.execute("SELECT count(*) FROM raw_inputs").fetchone()[0]
        pending = con.execute("SELECT count(*) FROM raw_inputs WHERE status = 'pending'").fetchone()[0]
    finally:
        con.close()
    return ids, raw, pending


def _kill_part_way(config: Path, folder: Path, db: Path, log: Path, delay: float, deadline: _Deadline) -> bool:
    """Start an ingest, SIGKILL it ``delay`` s after the store file appears; False if it finished first."""
    proc = _start(config, folder, db, log)
    try:
        while not db.exists() and proc.poll() is None:
            time.sleep(0.01)
            deadline.left()
        time.sleep(delay)
        if proc.poll() is not None:
            return False
        proc.kill()
        proc.wait(timeout=deadline.left())
        return True
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_ingest_killed_part_way_resumes_to_the_same_store_as_a_clean_run(tmp_path):
    deadline = _Deadline(BUDGET_SECONDS)
    folder = tmp_path / "articles"
    _write_articles(folder, FILES)
    config = tmp_path / "settings.toml"
    # Small batches, so a kill lands between (or inside) many transactions; no language model, to stay fast.
    config.write_text("[ingest]\nbatch_size = 20\n\n[clean]\ndetect_language = false\n", encoding="utf-8")

    clean_db = tmp_path / "clean.duckdb"
    clean = _start(config, folder, clean_db, tmp_path / "clean.log")  # runs alongside the killed one
    try:
        for attempt, delay in enumerate((3.0, 1.0, 0.3)):
            resumed_db = tmp_path / f"resumed-{attempt}.duckdb"
            if _kill_part_way(config, folder, resumed_db, tmp_path / f"killed-{attempt}.log", delay, deadline):
                partial_ids, _, _ = _state(resumed_db)
                if len(partial_ids) < FILES:
                    break
        else:
            pytest.fail("every ingest finished before it could be killed")

        rerun = subprocess.run(_command(config, folder, resumed_db), capture_output=True, env=_env(),
                               timeout=deadline.left())
        assert rerun.returncode == 0, rerun.stderr.decode()
        assert clean.wait(timeout=deadline.left()) == 0, (tmp_path / "clean.log").read_text()
    finally:
        if clean.poll() is None:
            clean.kill()
            clean.wait()

    resumed_ids, resumed_raw, resumed_pending = _state(resumed_db)
    clean_ids, clean_raw, clean_pending = _state(clean_db)
    assert len(partial_ids) < FILES
    assert len(clean_ids) == FILES
    assert resumed_ids == clean_ids
    assert resumed_raw == clean_raw == FILES
    assert resumed_pending == clean_pending == 0
