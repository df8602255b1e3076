"""Inputs of ``wirecoder batch``: local paths as ``wirecoder ingest`` reads them, plus URLs and Parquet tables.

Everything goes through the ingest stage's own readers (:mod:`wirecoder.ingest.readers`), so an input gives the
same :class:`RawInput` (same bytes, same ``input_hash``, same ``source``) as ``wirecoder ingest`` gives it, and a
malformed JSON Lines record is handed on to be rejected by the clean stage in the same way. What is added:

- a URL (``s3://bucket/feed/``, ``gs://...``, ``https://...``, ``file:///...``; anything fsspec opens, with the
  fsspec implementation of its scheme installed: ``s3fs``, ``gcsfs``...) is opened with fsspec and read as a
  local file of the same name would be, its ``source`` the URL (``URL:LINE`` for JSON Lines). A URL to a folder
  is read recursively and a URL with ``*`` is expanded, both in sorted order, hidden names skipped;
- a ``.parquet`` file (local or URL) is a table with the fields of the JSON Lines records (``text`` or ``html``,
  ``title``, ``date``, ``url``, ``id``, ``publisher``): each row becomes the JSON object a ``.json`` array holds
  (its non-null fields, keys sorted, ASCII), with ``source`` ``PATH[ROW]``, so a Parquet table and a JSON array of
  the same records give the same inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .. import errors
from ..errors import human_size
from ..ingest import read_inputs

# The ingest stage's per-file readers: reused, not re-implemented, so batch inputs are byte-for-byte the inputs
# `wirecoder ingest` reads (wirecoder.ingest exports only read_inputs, which takes local paths).
from ..ingest.readers import _kind_from_name, _marker_rejection, _raw, _read_stream, _walk, read_file
from ..records import RawInput, Rejection
from ..settings import Settings

PARQUET_SUFFIXES = (".parquet", ".pq")


def is_url(value: str) -> bool:
    """Whether an input names a URL (``scheme://...``) rather than a local path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum() and len(scheme) > 1


def read_batch_inputs(inputs: Iterable[str], *, settings: Settings) -> Iterator[RawInput | Rejection]:
    """Every document under ``inputs`` (local paths, ``-``, URLs), in order, as ``wirecoder ingest`` reads them.

    A local path that does not exist is the caller's to refuse (a usage error, as for ``wirecoder ingest``).
    """
    for item in inputs:
        if is_url(item):
            yield from _read_url(item, settings=settings)
            continue
        path = Path(item)
        if item == "-" or not path.is_dir():
            yield from _read_local(path, item, settings=settings)
            continue
        for found in _walk(path):
            if isinstance(found, Rejection):
                yield found
            else:
                yield from _read_local(found, str(found), settings=settings)


def _read_local(path: Path, name: str, *, settings: Settings) -> Iterator[RawInput | Rejection]:
    if name != "-" and _is_parquet(name):
        yield from read_file(path, settings=settings,
                             read=lambda handle, source: read_parquet(handle, source=source, settings=settings))
        return
    yield from read_inputs([name if name == "-" else path], settings=settings)


def _is_parquet(name: str) -> bool:
    return name.lower().endswith(PARQUET_SUFFIXES)


def _read_url(url: str, *, settings: Settings) -> Iterator[RawInput | Rejection]:
    """A URL: a file, a folder (read recursively) or a ``*`` pattern, opened with fsspec."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url)
        if any(c in root for c in "*?["):
            paths = sorted(p for p in fs.glob(root) if not fs.isdir(p))
        elif fs.isdir(root):
            paths = sorted(fs.find(root))
        else:
            paths = [root]
    except (OSError, ValueError, ImportError) as exc:
        yield _marker_rejection(url, "E104", errors.E104.format(what=f"URL {url}", reason=_reason(exc)))
        return
    for path in paths:
        if _hidden(path, root):
            continue  # hidden files and folders are skipped, as in a local folder
        source = url if path == root else fs.unstrip_protocol(path)
        try:
            with fs.open(path, "rb") as handle:
                if _is_parquet(path):
                    yield from read_parquet(handle, source=source, settings=settings)
                else:
                    yield from _read_stream(handle, source=source, kind=_kind_from_name(path), settings=settings)
        except OSError as exc:
            yield _marker_rejection(source, "E104", errors.E104.format(what=f"URL {source}", reason=_reason(exc)))


def _hidden(path: str, root: str) -> bool:
    """Whether a found path is hidden, or inside a hidden folder, below the folder or pattern asked for."""
    base = root.rstrip("/")
    rest = path[len(base):] if path.startswith(base + "/") else path.rsplit("/", 1)[-1]
    return any(part.startswith(".") for part in rest.split("/") if part)


def read_parquet(handle: BinaryIO, *, source: str, settings: Settings) -> Iterator[RawInput | Rejection]:
    """Each row of a Parquet table as the JSON object a ``.json`` array would hold (see the module docstring).

    A file that is not Parquet, or is damaged, is rejected (E104) after the rows before the damage; a row whose
    JSON is over ``max_input_bytes`` is rejected (E107) and the rest are read.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    limit = settings.max_input_bytes
    index = 0
    try:
        table = pq.ParquetFile(handle)
        for batch in table.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                record = {key: _plain(value) for key, value in row.items() if value is not None}
                content = json.dumps(record, ensure_ascii=True, sort_keys=True, default=str).encode("ascii")
                where = f"{source}[{index}]"
                index += 1
                if len(content) > limit:
                    yield Rejection(
                        input_hash=hashlib.sha256(content).hexdigest(), source=where, stage="read", code="E107",
                        size=len(content),
                        message=errors.E107.format(size=human_size(len(content)), limit=human_size(limit)))
                    continue
                yield _raw(content, source=where, kind="jsonl")
    except (OSError, pa.ArrowException) as exc:
        reason = f"not a readable Parquet table ({_reason(exc)})" + (f"; its first {index} rows were read"
                                                                     if index else "")
        yield _marker_rejection(source, "E104", errors.E104.format(what=f"file {source}", reason=reason))


def _plain(value: Any) -> Any:
    """A Parquet value as JSON: dates and times as ISO text (the ``date`` field of a record is ISO text)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.strip().splitlines()[0][:200]
