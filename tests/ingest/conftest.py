"""Fixtures for the reader tests: default settings, a ``read`` helper and sample pages written in ``tmp_path``."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirecoder.ingest import read_inputs
from wirecoder.records import RawInput, Rejection
from wirecoder.settings import Settings


class Pages:
    """Small inputs, distinct for each ``n``."""

    @staticmethod
    def text(n: int = 0) -> bytes:
        return (
            f"Harbour plan number {n} is reviewed\n\n"
            f"Officials said on Tuesday that harbour plan number {n} would be reviewed again after residents "
            f"raised concerns about its cost.\n"
        ).encode()

    @staticmethod
    def html(n: int = 0) -> bytes:
        return (
            f"<!DOCTYPE html><html><head><title>Plan {n}</title></head><body><article><h1>Plan {n}</h1>"
            f"<p>Officials said on Tuesday that plan number {n} would be reviewed again after residents raised "
            f"concerns about its cost and its long delays.</p></article></body></html>"
        ).encode()

    @staticmethod
    def warc(url: str, payload: bytes, *, content_type: str = "text/html; charset=utf-8") -> bytes:
        """An uncompressed WARC file holding one HTTP response record."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
        return buffer.getvalue()

    @staticmethod
    def gzip(data: bytes) -> bytes:
        return gzip.compress(data, mtime=0)


@pytest.fixture
def pages() -> type[Pages]:
    return Pages


@pytest.fixture
def settings() -> Settings:
    return Settings.load()


@pytest.fixture
def read(settings: Settings) -> Callable[..., list[RawInput | Rejection]]:
    """``read(path, ..., stdin=None)``: every item ``read_inputs`` yields, as a list."""

    def run(*paths: str | Path, stdin: io.BytesIO | None = None, **overrides: object) -> list[RawInput | Rejection]:
        chosen = Settings.load(**overrides) if overrides else settings
        return list(read_inputs(list(paths), settings=chosen, stdin=stdin))

    return run


def sources(items: Iterable[RawInput | Rejection]) -> list[str]:
    return [item.source for item in items]


@pytest.fixture
def sources_of() -> Callable[[Iterable[RawInput | Rejection]], list[str]]:
    return sources
