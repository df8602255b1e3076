"""Fixtures for the geo tests: one gazetteer per session, built into a temporary folder, and parsed texts.

Building the gazetteer takes ~15 s, so it is built once, into ``<basetemp>/gazetteer`` (never ~/.cache), and the
settings handed to the pipeline point at that folder: ``Gazetteer.for_settings`` then reuses the same object.
Every text parsed here is the team's own.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from wirecoder.geo import Gazetteer, Toponym, recognise
from wirecoder.nlp import parse_article
from wirecoder.pipeline import _bare_article
from wirecoder.records import Sentence
from wirecoder.settings import Settings


@pytest.fixture(scope="session")
def gazetteer_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The session's default gazetteer folder (tests/conftest.py points XDG_CACHE_HOME there), shared by every test.
    folder = tmp_path_factory.getbasetemp() / "cache" / "wirecoder"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def geo_settings(gazetteer_folder: Path) -> Settings:
    return Settings.load(gazetteer_dir=str(gazetteer_folder))


@pytest.fixture(scope="session")
def gazetteer(geo_settings: Settings) -> Gazetteer:
    return Gazetteer.for_settings(geo_settings)


@pytest.fixture(scope="session")
def parse(geo_settings: Settings):
    """``parse(text)`` -> the sentences of a one-paragraph text (cached)."""

    @functools.cache
    def run(text: str) -> tuple[Sentence, ...]:
        return tuple(parse_article(_bare_article((text,)), settings=geo_settings))

    return run


@pytest.fixture(scope="session")
def toponyms(parse, gazetteer: Gazetteer):
    """``toponyms(text)`` -> the toponyms recognised in a one-paragraph text."""

    def run(text: str) -> list[Toponym]:
        return recognise(parse(text), gazetteer)

    return run
