"""Stand-ins for the worker functions of ``ingest --processes`` (``pipeline.Workers``), importable by a spawned
worker process: they process nothing, and one of them dies on an input named ``poison``."""

from __future__ import annotations

import os

from wirecoder.records import Rejection, Result


def start(settings) -> None:
    """A worker start that loads nothing."""


def run_or_die(raws) -> tuple[list[Result], dict[str, float]]:
    """Dies (as a worker killed for memory would) when the chunk holds an input named ``poison``; otherwise
    gives each input a marker result."""
    if any(raw.source == "poison" for raw in raws):
        os._exit(9)
    return [Result(input_hash=raw.input_hash, source=raw.source,
                   rejection=Rejection(input_hash=raw.input_hash, source=raw.source, stage="test", code="T000",
                                       message="processed", size=raw.size)) for raw in raws], {}
