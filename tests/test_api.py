"""``wirecoder.open(db)``: the store as polars DataFrames, with the filters of ``wirecoder events``."""

from __future__ import annotations

import polars as pl
import pytest

import wirecoder
from tests.store.test_event_query import MENTIONS, _fill
from wirecoder.errors import WirecoderError
from wirecoder.store import Store


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    with Store(path) as store:
        _fill(store, MENTIONS)
    return path


def test_events_is_a_polars_dataframe_with_the_events_columns(db_path):
    with wirecoder.open(db_path) as db:
        frame = db.events()
    assert isinstance(frame, pl.DataFrame)
    assert {"id", "date", "cameo", "num_mentions", "num_sources", "location"} <= set(frame.columns)


def test_events_filters_like_the_command(db_path):
    with wirecoder.open(db_path) as db:
        frame = db.events(country="IRQ")
    assert frame["location"].struct.field("country").to_list() == ["IRQ"] * frame.height and frame.height >= 1


def test_events_accepts_iso_date_strings(db_path):
    with wirecoder.open(db_path) as db:
        frame = db.events(since="2013-06-01", until="2013-06-30")
    assert all(str(d).startswith("2013-06") for d in frame["date"].to_list()) and frame.height >= 1


def test_mentions_link_to_their_events(db_path):
    with wirecoder.open(db_path) as db:
        mentions, events = db.mentions(), db.events(include_future=True)
    linked = set(mentions["event_id"].drop_nulls().to_list())
    assert linked and linked <= set(events["id"].to_list()) | set(mentions["id"].to_list())


def test_open_of_a_missing_store_is_e702(tmp_path):
    with pytest.raises(WirecoderError) as raised:
        wirecoder.open(tmp_path / "nothing.duckdb")
    assert raised.value.code == "E702"
