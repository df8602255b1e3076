"""A store built from the team's own fixtures for the web tests: the example articles, a Qusair battle, a
Kabul meeting and an article full of markup meant to run in a browser (tests/fixtures/web/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.pipeline import ingest
from wirecoder.settings import Settings
from wirecoder.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "web"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, _cache_home) -> Path:
    """The path of a store holding the example articles and the web fixtures (built once per session)."""
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        summary = ingest([ROOT / "examples", FIXTURES], store=store, settings=Settings.load())
    assert summary.rejected == 0
    return path


@pytest.fixture(scope="session")
def client(web_db: Path):
    """A test client of the app serving ``web_db``."""
    from fastapi.testclient import TestClient

    from wirecoder.web import create_app

    with TestClient(create_app(web_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def event_ids(client) -> dict[str, str]:
    """Ids of known fixture events: ``qusair`` (the battle), ``xss`` (the arrest in the markup article)."""
    found = {}
    for event in client.get("/api/events", params={"limit": 1000}).json()["events"]:
        place = (event["location"] or {}).get("name") or ""
        if event["cameo_root"] == "19" and "Qu" in place:
            found["qusair"] = event["id"]
        if "onerror" in event["sentence"]:
            found["xss"] = event["id"]
    assert set(found) == {"qusair", "xss"}, found
    return found
