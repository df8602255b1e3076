"""Fixtures shared by every test module. Tests never read ../shared: every fixture is the team's own."""

from __future__ import annotations

import os

import pytest

from wirecoder.settings import Settings
from wirecoder.store import Store


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory):
    """One gazetteer cache for the whole session, in its temporary folder (never the user's ~/.cache): the
    first test that needs the gazetteer builds it (~15 s), every later one and every subprocess loads it."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.getbasetemp() / "cache")
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


@pytest.fixture
def fresh_store():
    store = Store(":memory:")
    yield store
    store.close()
