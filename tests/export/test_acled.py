"""ACLED-style rows (``wirecoder.export.acled``)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.export.test_events import accusation, actor, all_events, battle, gunmen, protest, statement, undated
from wirecoder.export.acled import ACLED_COLUMNS, acled_row, interaction, side, write_acled


def test_header_is_acleds_31_columns():
    out = io.StringIO()
    write_acled([], out)
    assert out.getvalue() == ",".join(ACLED_COLUMNS) + "\r\n"
    assert len(ACLED_COLUMNS) == 31
    assert ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"


@pytest.mark.parametrize("event", [accusation(), statement()], ids=["accusation", "statement"])
def test_event_without_acled_type_gives_no_row(event):
    assert acled_row(event) is None


def test_write_acled_skips_events_without_acled_type():
    out = io.StringIO()
    assert write_acled(all_events(), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["event_type"] for r in rows] == ["Battles", "Protests", "Violence against civilians",
                                              "Violence against civilians"]


def test_row_has_every_column():
    for event in all_events():
        row = acled_row(event)
        assert row is None or tuple(row) == ACLED_COLUMNS


def test_battle_row():
    row = acled_row(battle())
    assert row["event_id_cnty"] == f"SYR{0x1926BFC82871AB1}"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2013-06-05", 2013, 1)
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Battles", "Armed clash")
    assert (row["iso"], row["region"], row["country"], row["admin1"], row["location"]) == (
        760, "Middle East", "Syria", "Homs", "Al Qusayr")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("34.5096", "36.5804", 1)
    assert (row["source"], row["source_scale"], row["fatalities"], row["tags"]) == (
        "Example Times; Wire Service", "Other", 12, "")
    assert row["notes"] == battle()["sentence"]
    assert row["timestamp"] == 1370506530  # 2013-06-06 08:15:30 UTC


def test_actor_names():
    row = acled_row(battle())
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Syria", "Rebels (Syria)")
    assert row["assoc_actor_1"] == "Hezbollah"


def test_inter_codes_and_interaction_of_a_battle():
    row = acled_row(battle())
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 2, "12")


def test_protest_has_protesters_alone():
    row = acled_row(protest())
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Protesters (Iraq)", 6, "", 0, "60")
    assert row["disorder_type"] == "Demonstrations"


def test_fatalities_default_to_zero():
    assert acled_row(protest())["fatalities"] == 0
    assert acled_row(gunmen())["fatalities"] == 0


def test_civilian_targeting():
    row = acled_row(undated())
    assert (row["actor2"], row["inter2"], row["interaction"], row["civilian_targeting"]) == (
        "Civilians (Syria)", 7, "17", "Civilian targeting")
    assert acled_row(battle())["civilian_targeting"] == ""


def test_without_location_the_country_is_the_sources():
    row = acled_row(undated())
    assert (row["event_id_cnty"][:3], row["country"], row["iso"]) == ("SYR", "Syria", 760)
    assert row["location"] == row["latitude"] == row["geo_precision"] == row["event_date"] == row["year"] == ""


def test_actor_without_code_in_violence_is_an_unidentified_armed_group():
    row = acled_row(gunmen())
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Iraq)", 3)
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"], row["interaction"]) == (
        "Civilians (Iraq)", "Journalists (Iraq)", 7, "37")


def test_foreign_state_forces_are_external():
    found = side(actor("RUSMIL", "Russia", "RUS", "MIL", "Russian jets"), event_country="SYR",
                 event_type="Explosions/Remote violence", victim=False)
    assert (found.name, found.inter) == ("Military Forces of Russia", 8)


@pytest.mark.parametrize(("sector", "event_type", "name", "inter"), [
    ("COP", "Battles", "Police Forces of Iraq", 1),
    ("GOV", "Strategic developments", "Government of Iraq", 1),
    ("UAF", "Battles", "Unidentified Armed Group (Iraq)", 3),
    ("PTY", "Battles", "Political Militia (Iraq)", 3),
    ("ETH", "Battles", "Ethnic Militia (Iraq)", 4),
    ("LAB", "Riots", "Rioters (Iraq)", 5),
    ("CVL", "Battles", "Civilians (Iraq)", 7),
])
def test_inter_codes_from_sectors(sector, event_type, name, inter):
    found = side(actor(f"IRQ{sector}", "Iraq", "IRQ", sector, "them"), event_country="IRQ", event_type=event_type,
                 victim=True)
    assert (found.name, found.inter) == (name, inter)


@pytest.mark.parametrize(("one", "two", "code"), [(1, 2, "12"), (2, 1, "12"), (6, 0, "60"), (3, 7, "37"),
                                                  (1, 1, "11"), (0, 0, "")])
def test_interaction(one, two, code):
    assert interaction(one, two) == code


def test_excessive_force_is_both_violence_and_demonstration():
    event = protest()
    event.update(source=actor("IRQCOP", "Iraq", "IRQ", "COP", "riot police"),
                 target=actor("IRQCVL", "Iraq", "IRQ", "CVL", "protesters"),
                 acled={"event_type": "Protests", "sub_event_type": "Excessive force against protesters"})
    row = acled_row(event)
    assert row["disorder_type"] == "Political violence; Demonstrations"
    assert (row["actor1"], row["actor2"], row["interaction"]) == ("Police Forces of Iraq", "Protesters (Iraq)", "16")
