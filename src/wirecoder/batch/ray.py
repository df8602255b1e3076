"""The Ray engine of ``wirecoder batch``: the per-article stages on a pool of Ray actors, through Ray Data.

Only this module imports Ray, and only :mod:`wirecoder.batch` imports this module, once it has checked that Ray
is installed (E601), so no other command pays for importing it.

The driver hands the inputs over as Arrow blocks of ``block_rows`` rows (``ray.data.from_arrow_refs``);
``map_batches`` runs them through a fixed pool of actors (``ActorPoolStrategy``), each of which loads the spaCy
model, the lexicons and the gazetteer once, in its constructor, and then calls
:func:`wirecoder.pipeline.run_inputs` on each block (one parser stream per block). Results travel back pickled,
in input order (``preserve_order``), so that the driver can write them in the order ``wirecoder ingest`` would.
There is no coding logic here.
"""

from __future__ import annotations

import logging
import os
import pickle
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import ray

from .. import errors
from ..errors import WirecoderError
from ..records import RawInput, Result
from ..settings import Settings
from . import RayOptions

RAW_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("input_hash", pa.string()), ("source", pa.string()), ("kind", pa.string()),
    ("content", pa.binary()), ("size", pa.int64()), ("received_at", pa.timestamp("us")), ("url", pa.string()),
])
"""One block of inputs: a RawInput per row, and its position in the run (``seq``)."""


@contextmanager
def connected(options: RayOptions) -> Iterator[dict[str, Any]]:
    """Ray for the duration of the block: the session already started in this process (a test's, a notebook's),
    else the cluster at ``options.address`` / ``RAY_ADDRESS``, else a new local Ray, shut down afterwards.
    Yields ``{"address", "cpus", "local"}``."""
    started = False
    # Ray would report usage statistics over the network from a Ray it starts; wirecoder sends nothing anywhere.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not ray.is_initialized():
        address = options.address or os.environ.get("RAY_ADDRESS") or None
        # Errors travel back as data (see _Coder), so the workers' own logs stay in Ray's session folder
        # (/tmp/ray/session_latest/logs) instead of interleaving with the command's output.
        kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
        if address is None:
            kwargs["num_cpus"] = max(1, int(options.actors * options.cpus_per_actor)) if options.actors else None
            if options.object_store_mb:
                kwargs["object_store_memory"] = options.object_store_mb * 1024 * 1024
        try:
            ray.init(address=address, **kwargs)
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
            raise WirecoderError("E602", errors.E602.format(reason=f"{type(exc).__name__}: {exc}"[:300])) from exc
        started = True
    try:
        context = ray.get_runtime_context()
        yield {"address": getattr(context, "gcs_address", None), "cpus": ray.cluster_resources().get("CPU", 0),
               "local": started and not (options.address or os.environ.get("RAY_ADDRESS"))}
    finally:
        if started:
            ray.shutdown()


def put(block: pa.Table) -> Any:
    """A block of inputs into Ray's object store (spilled to disk by Ray when it fills)."""
    return ray.put(block)


def code_inputs(blocks: Sequence[Any], *, settings: Settings,
                options: RayOptions) -> Iterator[tuple[int, Result, dict[str, float]]]:
    """``(seq, result, step seconds)`` for every row of ``blocks`` (references to :data:`RAW_SCHEMA` tables, from
    :func:`put`), in ``seq`` order.

    A set-up error in an actor (E301: the model is not installed on that node; a bad dictionary) is raised here
    as the :class:`WirecoderError` it is, not as Ray's wrapper of it.
    """
    if not blocks:
        return
    from ray.data import ActorPoolStrategy, DataContext

    context = DataContext.get_current()
    context.execution_options.preserve_order = True  # results come back in input order
    context.enable_progress_bars = False  # Ray Data's own bars and logged progress: the command reports its own
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    # A run with fewer blocks than actors (a small input) is fine; Ray Data warns about it at every run.
    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors", category=UserWarning)
    actors = options.actors or max(1, int(ray.cluster_resources().get("CPU", 1) // options.cpus_per_actor))
    dataset = ray.data.from_arrow_refs(list(blocks)).map_batches(
        _Coder, fn_constructor_kwargs={"settings": settings}, batch_format="pyarrow", batch_size=options.block_rows,
        compute=ActorPoolStrategy(size=actors), num_cpus=options.cpus_per_actor,
    )
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None, prefetch_batches=2):
        for seq, payload in zip(batch.column("seq").to_pylist(), batch.column("payload").to_pylist(), strict=True):
            kind, value, seconds = pickle.loads(payload)
            if kind == "error":
                raise value
            yield seq, value, seconds


def block_of(items: Sequence[tuple[int, RawInput]]) -> pa.Table:
    """An Arrow block (:data:`RAW_SCHEMA`) of ``(seq, raw input)`` pairs."""
    return pa.Table.from_pylist([
        {"seq": seq, "input_hash": raw.input_hash, "source": raw.source, "kind": raw.kind, "content": raw.content,
         "size": raw.size, "received_at": raw.received_at, "url": raw.url} for seq, raw in items
    ], schema=RAW_SCHEMA)


class _Coder:
    """One actor of the pool: the per-article stages, with the model, lexicons and gazetteer loaded once.

    A set-up error is kept and sent back in place of every result (raised in the constructor, Ray would restart
    the actor again and again, and the driver would see Ray's wrapper instead of the message that says what
    to do).
    """

    def __init__(self, settings: Settings):
        from .. import pipeline

        self.settings = settings
        # What `ingest --processes N` warms in each worker (the model, the lexicons, the gazetteer...), by the
        # same function, so that the two stay alike; it keeps a set-up error instead of raising it.
        pipeline.start_worker(settings)
        self.error: WirecoderError | None = pipeline.worker_setup_error()

    def __call__(self, block: pa.Table) -> pa.Table:
        """The block's results, one pickled payload per row; the block's step times ride on its first row."""
        from ..pipeline import run_inputs, step_timer

        rows = block.to_pylist()
        if self.error is not None:
            payloads = [pickle.dumps(("error", self.error, {})) for _ in rows]
        else:
            raws = [RawInput(input_hash=row["input_hash"], source=row["source"], kind=row["kind"],
                             content=row["content"], size=row["size"], received_at=row["received_at"],
                             url=row["url"]) for row in rows]
            seconds: dict[str, float] = {}
            results = run_inputs(raws, settings=self.settings, timed=step_timer(seconds))  # one parser stream
            payloads = [pickle.dumps(("result", result, seconds if k == 0 else {}), protocol=pickle.HIGHEST_PROTOCOL)
                        for k, result in enumerate(results)]
        return pa.table({"seq": block.column("seq"), "payload": pa.array(payloads, pa.binary())})
