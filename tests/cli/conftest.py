"""Fixtures for CLI tests: a CliRunner with a clean environment, a store path, sample pages and store queries.

Every input is written by the tests themselves, inside ``tmp_path``. Helpers are handed out as fixtures
(``samples``, ``store``) so the test modules import nothing from this file.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from wirecoder.cli import main

ARTICLE_KEYS = ["id", "source", "publisher", "title", "published", "authors", "dateline", "body", "boilerplate",
                "language"]
_SUBJECTS = ["river", "harbour", "council", "railway", "hospital", "market", "bridge", "school", "airport", "museum"]


class Samples:
    """Builders for inputs; every page is distinct for each ``n`` so article ids differ."""

    article_keys = ARTICLE_KEYS

    @staticmethod
    def article_text(n: int = 0) -> str:
        """A plainly shaped text page: headline, blank line, two paragraphs."""
        a, b = _SUBJECTS[n % len(_SUBJECTS)], _SUBJECTS[(n // len(_SUBJECTS) + 3) % len(_SUBJECTS)]
        return (
            f"Officials review the {a} plan number {n}\n\n"
            f"{Samples.first_paragraph(n)}\n\n"
            f"The review is expected to take several weeks, and a report about the {b} will be published soon.\n"
        )

    @staticmethod
    def first_paragraph(n: int = 0) -> str:
        a, b = _SUBJECTS[n % len(_SUBJECTS)], _SUBJECTS[(n // len(_SUBJECTS) + 3) % len(_SUBJECTS)]
        return (
            f"Officials said on Tuesday that the plan for the {a} near the {b} would be reviewed again, "
            f"after residents raised concerns about its cost and its delays in case {n}."
        )

    @staticmethod
    def article_html(n: int = 0) -> str:
        paragraphs = "".join(
            f"<p>{Samples.first_paragraph(n + k)} The officials added detail number {k} to their statement.</p>\n"
            for k in range(3)
        )
        return (
            f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Plan review {n}</title></head>"
            f"<body><article><h1>Plan review {n}</h1>\n{paragraphs}</article></body></html>\n"
        )

    @staticmethod
    def gzip_bytes(data: bytes) -> bytes:
        """Deterministic gzip (no timestamp), so truncation points are the same on every run."""
        return gzip.compress(data, mtime=0)


class StoreView:
    """Reads the store file directly with DuckDB, as a user's SQL would."""

    def __init__(self, path: Path):
        self.path = path

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    def counts(self) -> dict[str, int]:
        return {name: self.query(f"SELECT count(*) FROM {name}")[0][0]
                for name in ("raw_inputs", "articles", "rejections")}

    def article_sources(self) -> list[str]:
        return [row[0] for row in self.query("SELECT source FROM articles ORDER BY source")]

    def article_ids(self) -> set[str]:
        return {row[0] for row in self.query("SELECT id FROM articles")}

    def bodies(self) -> dict[str, list[str]]:
        return dict(self.query("SELECT source, body FROM articles"))

    def rejections(self) -> list[tuple[Any, ...]]:
        """``(source, stage, code, message)`` for every row of the rejections table, by source."""
        return self.query("SELECT source, stage, code, message FROM rejections ORDER BY source")

    @staticmethod
    def rejection_lines(result: Result) -> list[str]:
        """The ``rejected {source}: {code} {message}`` lines a run wrote to standard error."""
        return [line for line in result.stderr.splitlines() if line.startswith("rejected ")]

    def assert_only_rejection(self, result: Result, *, source: str | Path, stage: str, code: str, message: str,
                              good: Sequence[str | Path]) -> None:
        """The run exited 1, reported exactly this rejection, stored it, and stored the ``good`` articles."""
        assert self.rejection_lines(result) == [f"rejected {source}: {code} {message}"]
        assert result.exit_code == 1
        assert self.rejections() == [(str(source), stage, code, message)]
        assert self.article_sources() == sorted(str(g) for g in good)


@pytest.fixture
def samples() -> type[Samples]:
    return Samples


@pytest.fixture
def runner() -> CliRunner:
    # Settings and the store come only from the command line, never from the caller's environment.
    return CliRunner(env={"WIRECODER_CONFIG": None, "WIRECODER_DB": None})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(db: Path) -> StoreView:
    return StoreView(db)


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """A folder holding one good article, ``good.txt``; a test puts a bad input beside it."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(Samples.article_text(0), encoding="utf-8")
    return folder


@pytest.fixture
def cli(runner: CliRunner, db: Path) -> Callable[..., Result]:
    """``cli("ingest", path, ...)`` runs ``wirecoder`` with ``--db`` set to this test's store.

    ``with_db=False`` leaves ``--db`` out (for ``code``, or to pass another store); ``config`` adds ``--config``.
    """

    def invoke(*args: str | Path, input: str | bytes | None = None, config: Path | None = None,
               with_db: bool = True) -> Result:
        argv = [str(a) for a in args]
        if with_db:
            argv += ["--db", str(db)]
        if config is not None:
            argv = ["--config", str(config), *argv]
        return runner.invoke(main, argv, input=input, catch_exceptions=False)

    return invoke


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: runs wirecoder in subprocesses for several seconds (deselect with "
                                       "-m 'not slow')")
