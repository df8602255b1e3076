"""Fixtures shared by every test module. Tests never read ../shared: every fixture is the team's own."""

from __future__ import annotations

import pytest

from wirecoder.settings import Settings
from wirecoder.store import Store


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


@pytest.fixture
def fresh_store():
    store = Store(":memory:")
    yield store
    store.close()
