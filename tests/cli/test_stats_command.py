"""``wirecoder stats``: event counts by month, CAMEO root and country, with the filters of ``wirecoder events``."""

from __future__ import annotations

import json

import pytest

from tests.store.test_event_query import MENTIONS, _fill
from wirecoder.store import Store


@pytest.fixture
def filled(db):
    with Store(db) as store:
        _fill(store, MENTIONS)
    return db


def _stats(cli, *options):
    result = cli("stats", "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_stats_counts_every_event_once_by_month(cli, filled):
    stats = _stats(cli)
    assert sum(stats["month"].values()) == stats["events"]


def test_stats_counts_by_country_where_it_happened(cli, filled):
    assert _stats(cli, "--country", "IRQ")["country"] == {"IRQ": _stats(cli, "--country", "IRQ")["events"]}


def test_stats_counts_by_cameo_root(cli, filled):
    assert set(_stats(cli, "--cameo", "19")["cameo_root"]) == {"19"}


def test_stats_table_names_each_count(cli, filled):
    result = cli("stats")
    assert result.exit_code == 0
    assert "by month" in result.stdout and "by cameo_root" in result.stdout and "by country" in result.stdout


def test_stats_counts_near_copies_of_articles(cli, db):
    from tests.test_copies import WIRE, article, link_copies

    with Store(db) as store:
        from wirecoder.records import Result

        original, copy = article("orig", WIRE), article("copy", WIRE[:3])
        store.write_results([Result(input_hash=a.id, source=a.source, article=a) for a in (original, copy)])
        link_copies(store, [original, copy], min_containment=0.8)
    assert (_stats(cli)["articles"], _stats(cli)["copies"]) == (2, 1)
