"""Batch mode (``wirecoder batch``): the per-article stages on a Ray cluster, the output as Parquet files.

Entry point: :func:`run_batch`. See ``docs/stages/batch.md``. In order:

1. **read** (driver): the inputs are read as ``wirecoder ingest`` reads them (:mod:`wirecoder.batch.inputs`: the
   ingest stage's readers, plus URLs and Parquet tables) and cut into the same batches (``[ingest] batch_size``,
   ``batch_bytes``). Each batch's inputs are recorded as ``pending`` in the working store (``OUT/_state``) and
   those not finished by an earlier run are put into Ray's object store in blocks;
2. **code** (Ray actors, :mod:`wirecoder.batch.ray`): clean, nlp, geo, code, dates on each input
   (:func:`wirecoder.pipeline.run_input`), one model per actor;
3. **dedup** (driver, as results stream back in input order): each batch is written, its copies linked and its
   mentions clustered exactly as ``wirecoder ingest`` does it, by the same functions of the orchestrator, so the
   events are the ones a single-process ingest finds;
4. **export** (driver): every table of the working store to Parquet under ``OUT`` (:mod:`wirecoder.store.parquet`)
   and ``OUT/manifest.json``.

Why dedup is not partitioned by date or CAMEO root: copies and clustering are incremental and order-dependent.
An article is a copy of the *first stored* article it contains, whatever its date; an event keeps the id of its
first mention; a mention is compared with the events stored before its batch as they stand then (merged), and
with the events its own batch starts as their first mention; mentions of different roots can merge (one raid is
"stormed" and "seized", QuadClass 4) and dates reach a month either side. Blocks cut by date or root would
therefore give different events from ``wirecoder ingest``, so the second pass runs on the driver, in input order,
against the working store, while the actors code the batches behind it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__, errors
from ..cluster import cluster_pending
from ..copies import link_copies
from ..errors import WirecoderError

# The orchestrator's own batch steps, so that batch mode writes, links and clusters exactly as `ingest` does.
from ..pipeline import IngestSummary, batches_of, finish_batch, step_timer, still_to_do
from ..records import RawInput, Rejection, Result
from ..settings import Settings
from ..store import Store
from ..store.parquet import MANIFEST, read_manifest, write_parquet
from .inputs import read_batch_inputs

STATE = Path("_state") / "store.duckdb"
"""The working store, inside the output folder: what makes re-runs skip finished inputs and resume."""
ENGINES = ("ray",)


@dataclass(frozen=True, slots=True, kw_only=True)
class RayOptions:
    """How to reach Ray and how much of it to use.

    ``address``: an existing cluster (``ray://HOST:10001``, ``HOST:6379`` or ``auto``); None uses ``RAY_ADDRESS``
    when set, else starts a local Ray for this run. ``actors``: the pool's size (None: one per CPU of the
    cluster). ``cpus_per_actor``: CPUs Ray reserves for each. ``block_rows``: inputs per task (smaller blocks
    spread a small run over every actor; larger ones cost less per input). ``object_store_mb``: the local Ray's
    object store (None: Ray's default, 30% of memory); ignored with a cluster, whose own setting holds.
    """

    address: str | None = None
    actors: int | None = None
    cpus_per_actor: float = 1.0
    block_rows: int = 8
    object_store_mb: int | None = None


@dataclass(slots=True)
class BatchSummary:
    """What one ``run_batch`` did: the counts of ``wirecoder ingest`` (``ingest``) and of the output."""

    ingest: IngestSummary
    out: Path
    counts: dict[str, int] = field(default_factory=dict)
    """Rows of each table in the output (all runs)."""
    ray: dict[str, Any] = field(default_factory=dict)
    """Where it ran: ``address``, ``cpus``, ``actors``, ``local``; empty when nothing needed coding."""
    wall_seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return self.ingest.exit_code


@dataclass(slots=True)
class _Plan:
    """The driver's view of the run, without the inputs' bytes (those are in Ray's object store): each batch as
    the items ``pipeline.still_to_do`` filters (rejections, and a stand-in holding the hash of each raw input)."""

    batches: list[list[RawInput | Rejection | _Pending]] = field(default_factory=list)
    last_seq: list[int] = field(default_factory=list)
    """The last ``seq`` sent to Ray by each batch or before it (-1: none): when its results are all back."""


@dataclass(frozen=True, slots=True)
class _Pending:
    input_hash: str


def run_batch(
    inputs: Sequence[str],
    *,
    out: str | os.PathLike[str],
    settings: Settings,
    engine: str = "ray",
    options: RayOptions | None = None,
    retry_rejected: bool = False,
    on_batch: Callable[[IngestSummary], None] | None = None,
) -> BatchSummary:
    """Code every input under ``inputs`` on Ray and write the store's tables as Parquet under ``out``.

    Re-running into the same ``out`` skips inputs finished by an earlier run (a rejected one is retried only with
    ``retry_rejected``) and rewrites the Parquet files with everything stored, so no row is ever duplicated; a
    run that was interrupted resumes. ``options``: how to reach and use Ray (None: a local Ray, an actor per CPU).

    Raises:
        WirecoderError: E601 Ray is not installed, E602 Ray cannot be reached, E603 ``out`` holds something
            else; a coding set-up error (E301...) from the actors.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if importlib.util.find_spec("ray") is None:
        raise WirecoderError("E601", errors.E601)
    from . import ray as ray_engine

    options = options or RayOptions()
    started = time.perf_counter()
    folder = Path(out)
    _check_out(folder)
    (folder / STATE).parent.mkdir(parents=True, exist_ok=True)
    summary = IngestSummary()
    where: dict[str, Any] = {}
    with Store(folder / STATE) as store:
        before = store.counts()["articles"]
        timed = step_timer(summary.seconds)
        with timed("copies"):  # what an interrupted run left undone, as ingest does
            while unsigned := store.unsigned_articles(limit=settings.batch_size):
                summary.copies += link_copies(store, unsigned, min_containment=settings.copy_containment)
        with timed("cluster"):
            summary.clustered += cluster_pending(store)
        with ExitStack() as stack:
            def put(block: Any) -> Any:
                """Into Ray's object store; Ray is started (or reached) with the first block to code, so a re-run
                with nothing new never starts it."""
                if not where:
                    where.update(stack.enter_context(_ray(ray_engine, options)))
                return ray_engine.put(block)

            with timed("read"):
                plan, refs = _read(inputs, store=store, settings=settings, retry_rejected=retry_rejected,
                                   block_rows=options.block_rows, put=put)
            coded = ray_engine.code_inputs(refs, settings=settings, options=options)
            _dedup(plan, coded, store=store, settings=settings, summary=summary, retry_rejected=retry_rejected,
                   timed=timed, on_batch=on_batch)
            for extra, _, _ in coded:  # drained while Ray is up, so that Ray Data closes its iterator cleanly
                raise AssertionError(f"Ray returned input {extra}, which was never sent")
        summary.new_articles = store.counts()["articles"] - before
        with timed("export"):
            counts = write_parquet(store, folder, manifest=_manifest(folder, settings, where))
    return BatchSummary(ingest=summary, out=folder, counts=counts, ray=where,
                        wall_seconds=time.perf_counter() - started)


def _check_out(folder: Path) -> None:
    """``out`` is new, empty, or an earlier run's output: never write into a folder holding anything else."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise WirecoderError("E603", errors.E603.format(out=folder, reason="it is a file"))
    if (folder / STATE).exists() or read_manifest(folder) is not None:
        return
    entries = sorted(p.name for p in folder.iterdir())
    if entries:
        reason = f"it holds {', '.join(entries[:5])}{'...' if len(entries) > 5 else ''} and no {MANIFEST}"
        raise WirecoderError("E603", errors.E603.format(out=folder, reason=reason))


def _read(inputs: Sequence[str], *, store: Store, settings: Settings, retry_rejected: bool, block_rows: int,
          put: Callable[[Any], Any]) -> tuple[_Plan, list[Any]]:
    """Read every input, record the unfinished ones as ``pending`` (as ingest does, before any stage runs) and
    ``put`` the raw inputs to code, in Arrow blocks, as they are read (the driver never holds them all). Each raw
    input is coded once, however often it occurs. Returns the plan and what ``put`` returned for each block."""
    from .ray import block_of

    plan = _Plan()
    blocks: list[Any] = []
    block: list[tuple[int, RawInput]] = []
    sent: set[str] = set()
    seq = -1
    for batch in batches_of(read_batch_inputs(inputs, settings=settings), settings=settings):
        status = store.input_status(list({item.input_hash for item in batch}))
        unfinished = [item for item in batch if not _finished(status.get(item.input_hash), retry_rejected)]
        store.add_raw_inputs(unfinished, keep_raw=settings.keep_raw)
        skeleton: list[RawInput | Rejection | _Pending] = []
        for item in batch:
            if isinstance(item, Rejection):
                skeleton.append(item)
                continue
            skeleton.append(_Pending(item.input_hash))
            if item.input_hash in sent or _finished(status.get(item.input_hash), retry_rejected):
                continue
            sent.add(item.input_hash)
            seq += 1
            block.append((seq, item))
            if len(block) >= block_rows:
                blocks.append(put(block_of(block)))
                block = []
        plan.batches.append(skeleton)
        plan.last_seq.append(seq)
    if block:
        blocks.append(put(block_of(block)))
    return plan, blocks


def _finished(status: str | None, retry_rejected: bool) -> bool:
    return status == "ingested" or (status == "rejected" and not retry_rejected)


def _dedup(plan: _Plan, coded: Iterator[tuple[int, Result, dict[str, float]]], *, store: Store, settings: Settings,
           summary: IngestSummary, retry_rejected: bool, timed: Callable[[str], Any],
           on_batch: Callable[[IngestSummary], None] | None) -> None:
    """The second pass: batch by batch, in input order, as soon as a batch's results are back, the inputs
    ``pipeline.still_to_do`` keeps are written, linked to their copies and clustered by ``pipeline.finish_batch``."""
    results: dict[str, Result] = {}
    rejected: dict[str, Result] = {}  # kept for the run: with retry_rejected a repeat is processed again
    received = -1
    for skeleton, last_seq in zip(plan.batches, plan.last_seq, strict=True):
        while received < last_seq:
            seq, result, seconds = next(coded)
            if seq != received + 1:
                raise AssertionError(f"Ray returned input {seq} where {received + 1} was due")
            received = seq
            results[result.input_hash] = result
            if result.rejection is not None:
                rejected[result.input_hash] = result
            for step, value in seconds.items():
                summary.seconds[step] = summary.seconds.get(step, 0.0) + value
        todo = still_to_do(skeleton, store, summary, retry_rejected, skip=set())  # type: ignore[arg-type]
        batch_results = []
        for item in todo:
            if isinstance(item, Rejection):
                batch_results.append(Result(input_hash=item.input_hash, source=item.source, rejection=item))
            else:
                batch_results.append(results.pop(item.input_hash, None) or rejected[item.input_hash])
        finish_batch(batch_results, store, settings, summary, retry_rejected, timed, on_batch)
        results.clear()


@contextmanager
def _ray(engine: Any, options: RayOptions) -> Iterator[dict[str, Any]]:
    """Ray for the run, and where it runs (``address``, ``cpus``, ``actors``, ``local``)."""
    with engine.connected(options) as where:
        cpus = where.get("cpus") or 1
        where["actors"] = options.actors or max(1, int(cpus // options.cpus_per_actor))
        yield where


def _manifest(folder: Path, settings: Settings, where: dict[str, Any]) -> dict[str, Any]:
    previous = read_manifest(folder) or {}
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return {
        "wirecoder_version": __version__,
        "created_at": previous.get("created_at", now),
        "updated_at": now,
        "engine": "ray",
        # A run with nothing new to code starts no Ray: the manifest keeps where the last coding ran.
        "ray": ({k: v for k, v in where.items() if k in ("address", "cpus", "actors", "local")}
                or previous.get("ray", {})),
        "settings": dataclasses.asdict(settings),
        "working_store": str(STATE),
    }


__all__ = ["BatchSummary", "RayOptions", "run_batch"]
