"""Walk paths and read documents out of files, gzip, JSON Lines, JSON arrays, WARC and stdin.

Memory stays bounded: directories are walked lazily, JSON Lines and WARC are streamed record by record,
and no single document is read past ``max_input_bytes`` (larger ones are hashed in chunks and rejected).
Nothing here decodes or interprets text; that is the clean stage's job, after the raw bytes are stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .. import errors
from ..errors import human_size
from ..records import InputKind, RawInput, Rejection
from ..settings import Settings

STDIN = "-"
_CHUNK = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"
_KIND_BY_SUFFIX: dict[str, InputKind] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html", ".aspx": "html",
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc", ".arc": "warc",
}


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], *, settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[RawInput | Rejection]:
    """Yield every document under ``paths`` as a :class:`RawInput`, in a stable order.

    Args:
        paths: files, directories (walked recursively, hidden entries skipped) or ``"-"`` for ``stdin``.
        settings: ``max_input_bytes`` bounds each document.
        stdin: the stream ``"-"`` reads (defaults to the process's standard input).

    Yields:
        A :class:`RawInput` per document, or a :class:`Rejection` (stage ``read``) for a file that cannot
        be read, is not a regular file, is too large or is a truncated gzip. The stream always goes on.
    """
    for path in paths:
        if str(path) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, source="<stdin>", kind=None, settings=settings)
            continue
        for file in _walk(Path(path)):
            if isinstance(file, Rejection):
                yield file
            else:
                yield from read_file(file, settings=settings)


def _walk(path: Path) -> Iterator[Path | Rejection]:
    """Files under ``path`` in sorted order; hidden entries skipped; linked folders followed once each.

    A folder that cannot be listed becomes a rejection (E104) rather than silently missing files.
    """
    if not path.is_dir():
        yield path
        return
    failures: list[OSError] = []
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(path, onerror=failures.append, followlinks=True):
        while failures:
            exc = failures.pop(0)
            where = _source(exc.filename or root)
            yield _marker_rejection(where, "E104", errors.E104.format(what=f"folder {where}",
                                                                       reason=exc.strerror or str(exc)))
        try:
            info = os.stat(root)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:  # a link back to a folder already read
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    for exc in failures:
        where = _source(exc.filename or str(path))
        yield _marker_rejection(where, "E104", errors.E104.format(what=f"folder {where}",
                                                                   reason=exc.strerror or str(exc)))


def _source(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be stored: undecodable bytes in file names become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def read_file(path: Path, *, settings: Settings,
              read: Callable[[BinaryIO, str], Iterator[RawInput | Rejection]] | None = None,
              ) -> Iterator[RawInput | Rejection]:
    """The inputs of one file, or why it cannot be read (E104: unreadable or a broken link; E106: not a regular
    file). ``read(handle, source)`` reads the open file (default: by its name's kind, as ``read_inputs`` does;
    ``wirecoder batch`` passes its Parquet reader)."""
    source = _source(path)
    try:
        info = path.stat()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if path.is_symlink():
            reason += " (a broken symbolic link)"
        yield _marker_rejection(source, "E104", errors.E104.format(what=f"file {source}", reason=reason))
        return
    if not stat.S_ISREG(info.st_mode):
        what = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        yield _marker_rejection(source, "E106", errors.E106.format(what=f"{source} is {what}"))
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield _marker_rejection(source, "E104", errors.E104.format(what=f"file {source}", reason=exc.strerror))
        return
    with handle:
        try:
            if read is not None:
                yield from read(handle, source)
            else:
                yield from _read_stream(handle, source=source, kind=_kind_from_name(path.name), settings=settings,
                                        disk_path=path)
        except OSError as exc:
            yield _marker_rejection(source, "E104", errors.E104.format(what=f"file {source}", reason=exc.strerror))


def _kind_from_name(name: str) -> InputKind | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _KIND_BY_SUFFIX.get(os.path.splitext(lower)[1])


def _read_stream(
    raw: BinaryIO, *, source: str, kind: InputKind | None, settings: Settings, disk_path: Path | None = None
) -> Iterator[RawInput | Rejection]:
    stream: BinaryIO = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    gunzip = None
    if stream.peek(2)[:2] == _GZIP_MAGIC:  # type: ignore[attr-defined]
        gunzip = _Gunzip(stream)
        stream = io.BufferedReader(gunzip, _CHUNK)  # type: ignore[assignment]
    if kind is None:
        kind = _sniff(stream.peek(4096)[:4096])  # type: ignore[attr-defined]
    if kind == "jsonl":
        yield from _read_jsonl(stream, source=source, settings=settings, gunzip=gunzip)
    elif kind == "warc":
        yield from _read_warc(stream, source=source, settings=settings, gunzip=gunzip)
    elif kind == "json":
        yield from _read_json(stream, source=source, settings=settings, gunzip=gunzip, disk_path=disk_path)
    else:
        document = _read_document(stream, source=source, kind=kind, settings=settings)
        yield _gzip_rejection(source, gunzip.error, disk_path=disk_path) if gunzip and gunzip.error else document
        return
    if gunzip is not None and gunzip.error and kind == "jsonl":
        yield _gzip_rejection(source, gunzip.error, disk_path=disk_path,
                              detail="the records before the damage were read; ")


class _Utf8Lines:
    """``readline`` over a text stream, giving UTF-8 bytes (for JSON Lines in UTF-16)."""

    def __init__(self, text: io.TextIOWrapper):
        self._text = text

    def readline(self, limit: int = -1) -> bytes:
        return self._text.readline(limit).encode("utf-8", errors="replace")


class _Gunzip(io.RawIOBase):
    """Streaming gunzip that hands over every byte it could decompress before damage, then stops.

    ``gzip.GzipFile`` raises in the middle of a buffered read and loses what it had decompressed; this reader
    returns end-of-file instead and leaves the reason in :attr:`error`. Concatenated members are read in turn,
    and output is produced a chunk at a time, so a gzip bomb cannot exhaust memory.
    """

    TRUNCATED = "Compressed file ended before the end-of-stream marker was reached"

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._inflater = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._done = False
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            self._pending = self._inflate()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _inflate(self) -> bytes:
        inflater = self._inflater
        if inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        elif inflater.eof:
            data = inflater.unused_data or self._raw.read(_CHUNK)
            if not data.strip(b"\x00"):  # end of the last member (NUL padding is allowed)
                self._done = True
                return b""
            self._inflater = inflater = zlib.decompressobj(wbits=31)
        else:
            data = self._raw.read(_CHUNK)
            if not data:
                self.error, self._done = self.TRUNCATED, True
                return b""
        try:
            return inflater.decompress(data, _CHUNK)
        except zlib.error as exc:
            self.error, self._done = str(exc), True
            return b""


def _sniff(head: bytes) -> InputKind:
    """Guess the kind of a document from its first bytes (used for stdin and unknown extensions)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"<") and any(tag in text for tag in (b"<html", b"<!doctype html", b"<body", b"<p", b"<div")):
        return "html"
    return "text"


def _read_document(stream: BinaryIO, *, source: str, kind: InputKind, settings: Settings) -> RawInput | Rejection:
    limit = settings.max_input_bytes
    content = stream.read(limit + 1)
    if len(content) > limit:
        digest = hashlib.sha256(content)
        size = len(content)
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        return Rejection(
            input_hash=digest.hexdigest(), source=source, stage="read", code="E103", size=size,
            message=errors.E103.format(size=human_size(size), limit=human_size(limit)),
        )
    return _raw(content, source=source, kind=kind)


def _read_jsonl(
    stream: BinaryIO, *, source: str, settings: Settings, gunzip: _Gunzip | None = None
) -> Iterator[RawInput | Rejection]:
    limit = settings.max_input_bytes
    head = stream.peek(2)[:2]  # type: ignore[attr-defined]
    if head in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 JSON Lines (PowerShell's default): re-encode line by line
        stream = _Utf8Lines(io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline=""))  # type: ignore[arg-type]
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if gunzip is not None and gunzip.error and not line.endswith(b"\n"):
            return  # the record cut by the damage: the E105 rejection covers it
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > limit and not line.endswith(b"\n"):
            digest = hashlib.sha256(line)
            size = len(line)
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                digest.update(rest)
                size += len(rest)
            digest.update(rest.rstrip(b"\r\n"))
            size += len(rest)
            yield Rejection(
                input_hash=digest.hexdigest(), source=where, stage="read", code="E107", size=size,
                message=errors.E107.format(size=human_size(size), limit=human_size(limit)),
            )
            continue
        record = line.strip()
        if record:
            yield _raw(record, source=where, kind="jsonl")


def _read_json(
    stream: BinaryIO, *, source: str, settings: Settings, gunzip: _Gunzip | None, disk_path: Path | None
) -> Iterator[RawInput | Rejection]:
    """A ``.json`` file: one object, or an array of objects (each becomes its own input)."""
    document = _read_document(stream, source=source, kind="json", settings=settings)
    if isinstance(document, Rejection) or (gunzip is not None and gunzip.error):
        yield document if isinstance(document, Rejection) else _gzip_rejection(
            source, gunzip.error or "", disk_path=disk_path)
        return
    try:
        value = json.loads(document.content)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and document.content.lstrip()[:1] == b"{":  # JSON Lines named .json
            yield from _read_jsonl(io.BufferedReader(io.BytesIO(document.content)), source=source, settings=settings)
        else:
            yield _raw(document.content, source=source, kind="jsonl")  # the parse stage reports the error
        return
    except (UnicodeDecodeError, ValueError, RecursionError):
        yield _raw(document.content, source=source, kind="jsonl")  # the parse stage reports the error
        return
    if not isinstance(value, list):
        yield _raw(document.content, source=source, kind="jsonl")
        return
    for index, item in enumerate(value):
        content = json.dumps(item, ensure_ascii=True, sort_keys=True).encode("ascii")
        yield _raw(content, source=f"{source}[{index}]", kind="jsonl")


def _read_warc(
    stream: BinaryIO, *, source: str, settings: Settings, gunzip: _Gunzip | None
) -> Iterator[RawInput | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = stream.peek(16)[:16]  # type: ignore[attr-defined]
    if not head.startswith((b"WARC/", b"filedesc://")):
        yield _marker_rejection(source, "E108", errors.E108.format(reason="it does not start with a WARC header"))
        return
    limit = settings.max_input_bytes
    try:
        for record in ArchiveIterator(stream, check_digests=False):
            if record.rec_type not in ("response", "resource", "conversion"):
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or (
                record.rec_headers.get_header("Content-Type") or ""
            )
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
            payload = record.content_stream().read(limit + 1)
            if len(payload) > limit:
                yield Rejection(
                    input_hash=hashlib.sha256(payload).hexdigest(), source=where, stage="read", code="E103",
                    size=len(payload),
                    message=errors.E103.format(size=f"over {human_size(limit)}", limit=human_size(limit)),
                )
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                reason = f"record {where} is cut short, {missing} bytes missing"
                yield _marker_rejection(source, "E108", errors.E108.format(reason=reason))
                return
            if "html" not in ctype.lower() and "text/plain" not in ctype.lower():
                continue
            kind: InputKind = "html" if "html" in ctype.lower() else "text"
            yield _raw(payload, source=where, kind=kind, url=url)
    except (ArchiveLoadFailed, ValueError, AttributeError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # warcio reports malformed headers with whatever exception its parser hits first.
        reason = f"{type(exc).__name__}: {str(exc).strip()[:200]}" if not isinstance(exc, ArchiveLoadFailed) \
            else str(exc).strip()[:200]
        yield _marker_rejection(source, "E108", errors.E108.format(reason=reason))
        return
    if gunzip is not None and gunzip.error:
        yield _marker_rejection(source, "E108", errors.E108.format(reason=f"gzip data: {gunzip.error}"))


def _raw(content: bytes, *, source: str, kind: InputKind, url: str | None = None) -> RawInput:
    return RawInput(
        input_hash=hashlib.sha256(content).hexdigest(),
        source=source,
        kind=kind,
        content=content,
        size=len(content),
        received_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        url=url,
    )


def _gzip_rejection(source: str, reason: str, *, disk_path: Path | None, detail: str = "") -> Rejection:
    if disk_path is not None:
        digest = _file_sha256(disk_path)
    else:
        digest = hashlib.sha256(f"gzip-error\0{source}\0{reason}".encode()).hexdigest()
    return Rejection(
        input_hash=digest, source=source, stage="read", code="E105",
        message=errors.E105.format(reason=reason, detail=detail),
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        digest.update(str(path).encode())
    return digest.hexdigest()


def _marker_rejection(source: str, code: str, message: str) -> Rejection:
    """A rejection for an input whose bytes could not be read: keyed by where it is and why."""
    digest = hashlib.sha256(f"{code}\0{source}\0{message}".encode()).hexdigest()
    return Rejection(input_hash=digest, source=source, stage="read", code=code, message=message)
