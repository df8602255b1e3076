"""Ingest stage: turn paths into a stream of :class:`RawInput` (or :class:`Rejection` when bytes can't be had).

Entry point: :func:`read_inputs`. See ``docs/stages/ingest.md``.
"""

from .readers import read_inputs

__all__ = ["read_inputs"]
