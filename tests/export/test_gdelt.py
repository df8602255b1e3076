"""GDELT 2.0 Event rows (``wirecoder.export.gdelt``)."""

from __future__ import annotations

import io

import pytest

from tests.export.test_events import accusation, all_events, battle, gunmen, protest, undated
from wirecoder.export.gdelt import GDELT_COLUMNS, fips_code, gdelt_row, geo_type, split_code, write_gdelt


def field(event: dict, column: str) -> str:
    return gdelt_row(event)[GDELT_COLUMNS.index(column)]


def test_columns_are_the_61_of_the_codebook_in_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:7] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name")
    assert GDELT_COLUMNS[14:16] == ("Actor1Type3Code", "Actor2Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type"
    assert GDELT_COLUMNS[51:59] == ("ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                                    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long",
                                    "ActionGeo_FeatureID")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(set(GDELT_COLUMNS)) == 61


@pytest.mark.parametrize("event", all_events(), ids=lambda e: e["id"])
def test_every_row_has_61_string_fields(event):
    row = gdelt_row(event)
    assert len(row) == 61
    assert all(isinstance(v, str) for v in row)


def test_global_event_id_is_the_first_15_hex_digits_as_an_integer():
    assert field(battle(), "GlobalEventID") == str(0x1926BFC82871AB1)
    assert int(field(accusation(), "GlobalEventID")) < 2**63


def test_dates_and_fraction_date():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(battle()), strict=True))
    # 5 June 2013 is day 156 of the year: 2013 + 156/365
    assert (row["Day"], row["MonthYear"], row["Year"], row["FractionDate"]) == ("20130605", "201306", "2013",
                                                                                "2013.4274")
    assert row["DATEADDED"] == "20130606081530"


def test_actor_code_is_split_into_country_and_types():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(battle()), strict=True))
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"],
            row["Actor1Type2Code"]) == ("SYRMIL", "SYRIA", "SYR", "MIL", "")
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("SYRREB", "REB")


def test_igo_code_gives_known_group_and_no_country():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(accusation()), strict=True))
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1KnownGroupCode"], row["Actor1Type1Code"]) == (
        "IGOUNO", "", "UNO", "IGO")


@pytest.mark.parametrize(("code", "country", "group", "religions", "types"), [
    ("USAGOV", "USA", "", ("", ""), ("GOV",)),
    ("SYRREBMIL", "SYR", "", ("", ""), ("REB", "MIL")),
    ("IRQSHIMIL", "IRQ", "", ("SHI", ""), ("MIL",)),
    ("MEAREB", "MEA", "", ("", ""), ("REB",)),
    ("NGOAMN", "", "AMN", ("", ""), ("NGO",)),
    ("SYR", "SYR", "", ("", ""), ()),
])
def test_split_code(code, country, group, religions, types):
    parts = split_code(code)
    assert (parts.country, parts.known_group, (parts.religion1, parts.religion2), parts.types) == (
        country, group, religions, types)


def test_actor_without_code_keeps_only_its_words():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(gunmen()), strict=True))
    assert row["Actor1Code"] == ""
    assert row["Actor1Name"] == "GUNMEN"
    assert row["Actor1CountryCode"] == row["Actor1Type1Code"] == ""


def test_event_codes_and_scores():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(undated()), strict=True))
    assert (row["IsRootEvent"], row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
        "1", "1823", "182", "18")
    assert (row["QuadClass"], row["GoldsteinScale"], row["NumMentions"], row["NumSources"],
            row["NumArticles"]) == ("4", "-10", "2", "2", "2")


@pytest.mark.parametrize(("iso3", "fips"), [
    ("USA", "US"), ("GBR", "UK"), ("DEU", "GM"), ("SYR", "SY"), ("LBN", "LE"), ("IRQ", "IZ"), ("ISR", "IS"),
    ("AUT", "AU"), ("AUS", "AS"), ("CHN", "CH"), ("CHE", "SZ"), ("SSD", "OD"), ("PSE", "WE"), (None, ""),
    ("ZZZ", ""),
])
def test_fips_country_codes(iso3, fips):
    assert fips_code(iso3) == fips


def test_gaza_is_gz_and_the_rest_of_palestine_we():
    assert fips_code("PSE", 31.5017, 34.4668) == "GZ"  # Gaza City
    assert fips_code("PSE", 31.9038, 35.2034) == "WE"  # Ramallah


@pytest.mark.parametrize(("feature", "country", "precision", "expected"), [
    ("PCLI", "SYR", 3, 1),
    ("ADM1", "USA", 3, 2),
    ("PPL", "USA", 1, 3),
    ("PPL", "SYR", 1, 4),
    ("ADM1", "SYR", 3, 5),
    ("RGN", "SYR", 3, 5),
    ("ADM2", "IRQ", 2, 4),
    ("SEA", None, 3, 5),
])
def test_geo_type(feature, country, precision, expected):
    assert geo_type({"feature": feature, "country": country, "precision": precision}) == expected


def test_action_geo_from_location():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(battle()), strict=True))
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"],
            row["ActionGeo_ADM1Code"], row["ActionGeo_ADM2Code"], row["ActionGeo_Lat"], row["ActionGeo_Long"],
            row["ActionGeo_FeatureID"]) == ("4", "Al Qusayr, Homs, Syria", "SY", "SY", "", "34.5096", "36.5804",
                                            "170017")
    assert field(accusation(), "ActionGeo_Type") == "3"
    assert field(protest(), "ActionGeo_FullName") == "Baghdad, Iraq"


def test_actor_geography_is_empty():
    row = gdelt_row(battle())
    assert row[35:51] == [""] * 16


def test_missing_values_are_empty_strings():
    row = dict(zip(GDELT_COLUMNS, gdelt_row(undated()), strict=True))
    for column in ("Day", "MonthYear", "Year", "FractionDate", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName",
                   "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_FeatureID", "Actor1EthnicCode"):
        assert row[column] == "", column
    assert all(v == "" for k, v in zip(GDELT_COLUMNS, gdelt_row(protest()), strict=True) if k.startswith("Actor2"))
    assert field(protest(), "SOURCEURL") == ""


def test_tabs_and_line_breaks_never_reach_a_field():
    event = battle()
    event["location"]["name"] = "Al\tQusayr\nnorth"
    assert field(event, "ActionGeo_FullName") == "Al Qusayr north, Homs, Syria"


def test_write_gdelt_writes_one_line_per_event_without_header():
    out = io.StringIO()
    assert write_gdelt(all_events(), out) == 6
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 7
    assert all(line.count("\t") == 60 for line in lines[:-1])
    assert lines[0].split("\t")[0] == str(0x1926BFC82871AB1)
