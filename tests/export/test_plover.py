"""PLOVER JSON Lines records (``wirecoder.export.plover``)."""

from __future__ import annotations

import io
import json

from tests.export.test_events import accusation, all_events, battle, gunmen, protest, statement, undated
from wirecoder.export.plover import PLOVER_FIELDS, plover_record, write_plover


def test_record_fields_in_order():
    assert tuple(plover_record(battle())) == PLOVER_FIELDS


def test_battle_record():
    record = plover_record(battle())
    assert (record["id"], record["date"], record["event"], record["mode"], record["context"]) == (
        "1926bfc82871ab16", "2013-06-05", "ASSAULT", None, [])
    assert (record["actor"], record["actor_country"], record["recipient"], record["recipient_country"]) == (
        "Syria", "SYR", "Syria", "SYR")
    assert record["event_loc"] == {"name": "Al Qusayr", "lat": 34.50959, "lon": 36.58037, "country": "SYR",
                                   "admin1": "Homs", "geonameid": 170017, "precision": 1}
    assert (record["event_text"], record["source_url"]) == (battle()["sentence"], battle()["url"])
    assert (record["num_mentions"], record["num_articles"], record["num_sources"]) == (5, 3, 2)
    assert record["wirecoder"] == {"cameo": "190", "quad_class": 4, "goldstein": -10.0,
                                   "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
                                   "actor_code": "SYRMIL", "recipient_code": "SYRREB"}


def test_mode_comes_from_plover_mode():
    assert plover_record(protest())["mode"] == "demo"


def test_missing_target_location_and_date_are_null():
    assert (plover_record(protest())["recipient"], plover_record(protest())["recipient_country"]) == (None, None)
    record = plover_record(undated())
    assert (record["date"], record["event_loc"]) == (None, None)


def test_actor_without_code_is_named_by_its_words():
    record = plover_record(gunmen())
    assert (record["actor"], record["actor_country"], record["wirecoder"]["actor_code"]) == ("gunmen", None, None)


def test_igo_actor_has_no_country_and_no_acled():
    record = plover_record(accusation())
    assert (record["actor"], record["actor_country"], record["event"], record["mode"]) == (
        "United Nations", None, "ACCUSE", "allege")
    assert record["wirecoder"]["acled"] is None


def test_event_without_plover_type_gives_no_record():
    assert plover_record(statement()) is None


def test_write_plover_writes_json_lines():
    out = io.StringIO()
    assert write_plover(all_events(), out) == 5
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e["id"] for e in all_events()[:5]]


def test_non_ascii_text_is_written_as_is():
    event = battle()
    event["sentence"] = "Les troupes syriennes ont pris Qousseir à l'aube."
    out = io.StringIO()
    write_plover([event], out)
    assert "à l'aube" in out.getvalue()
