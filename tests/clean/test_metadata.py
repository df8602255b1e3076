import datetime as dt

import pytest

from wirecoder.clean.metadata import date_only_line, find_date, parse_meta_line, publisher_from_footer, split_dateline


@pytest.mark.parametrize(
    ("line", "date", "authors"),
    [
        ("June 05, 2013|By Jane Example", dt.date(2013, 6, 5), ("Jane Example",)),
        ("June 05, 2008|Jane Roe | Times Staff Writer", dt.date(2008, 6, 5), ("Jane Roe",)),
        ("Sept. 3, 2011 | By Ann Lee and Tom O'Neil", dt.date(2011, 9, 3), ("Ann Lee", "Tom O'Neil")),
        ("By Mary Smith, Times Staff Writer", None, ("Mary Smith",)),
        ("By Jane Doe, John Roe and Ann Lee", None, ("Jane Doe", "John Roe", "Ann Lee")),
        ("Wednesday, June 5, 2013 10:32 a.m. EDT", dt.date(2013, 6, 5), ()),
        ("12 March 2021 - By Kofi Mensah", dt.date(2021, 3, 12), ("Kofi Mensah",)),
        ("Posted on 12 March 2022 by Ahmed Ali", dt.date(2022, 3, 12), ("Ahmed Ali",)),
        ("By Maria Lopez in Santiago", None, ("Maria Lopez",)),
        ("March 14, 2024 | 4:15 PM ET | By Amira Haddad", dt.date(2024, 3, 14), ("Amira Haddad",)),
        ("Updated 4:15 PM ET, Wed June 5, 2013", dt.date(2013, 6, 5), ()),
        ("By Jane Doe and John Roe, CNN", None, ("Jane Doe", "John Roe")),
        ("By Dr. Jane Doe | June 5, 2013", dt.date(2013, 6, 5), ("Dr. Jane Doe",)),
        ("By Jane Doe | Photos by John Roe | June 5, 2013", dt.date(2013, 6, 5), ("Jane Doe",)),
        ("By Jane Doe, Bloomberg News | June 5, 2013", dt.date(2013, 6, 5), ("Jane Doe",)),
        ("Sat 14 Oct 2023 14.30 BST", dt.date(2023, 10, 14), ()),
    ],
)
def test_parse_meta_line_reads_date_and_authors(line, date, authors):
    meta = parse_meta_line(line)
    assert meta is not None
    assert (meta.date, meta.authors) == (date, authors)


@pytest.mark.parametrize(
    "line",
    [
        "Syrian army, backed by Hezbollah, retakes key town of Qusair",
        "Pakistani lawmakers elect a new prime minister",
        "Times Staff Writer",
        "By the numbers",
        "The army said on June 5, 2013 that it had retaken the town.",
    ],
)
def test_parse_meta_line_refuses_headlines_and_prose(line):
    assert parse_meta_line(line) is None


def test_find_date_reads_military_style_date():
    found = find_date("SAN JOSE, 3 JAN 90 -- report")
    assert found is not None and found[0] == dt.date(1990, 1, 3)


def test_date_only_line_rejects_date_inside_sentence():
    assert date_only_line("Elections were held on June 5, 2013 across the country") is None


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("CAIRO -- Forces stormed the town.", "CAIRO", "Forces stormed the town."),
        ("BEIRUT, Lebanon (AP) \u2014 The army said", "BEIRUT, Lebanon", "The army said"),
        ("WASHINGTON (Reuters) - The U.S. said", "WASHINGTON", "The U.S. said"),
        ("NEW DELHI: Police said", "NEW DELHI", "Police said"),
        ("SAN SALVADOR, 3 JAN 90 -- [REPORT] text", "SAN SALVADOR", "[REPORT] text"),
        ("THE HAGUE -- Judges ruled", "THE HAGUE", "Judges ruled"),
        ("GAZA CITY/JERUSALEM (Reuters) - Israeli jets", "GAZA CITY/JERUSALEM", "Israeli jets"),
        ("WASHINGTON (CNN)Senators agreed", "WASHINGTON", "Senators agreed"),
        ("SANTIAGO, Chile, Oct 14 (Reuters) - Tens of", "SANTIAGO, Chile", "Tens of"),
    ],
)
def test_split_dateline_finds_place_and_rest(paragraph, place, rest):
    found = split_dateline(paragraph)
    assert found is not None
    assert (found[0].place, found[1]) == (place, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "U.S.-backed forces took the town on Monday.",
        "The army said -- in a statement -- that it had won.",
        "UPDATE: the vote was postponed.",
        "Rebels said -- without evidence -- that they had won.",
        "NATO: Allies agree to send more troops",
        "FBI: Suspect arrested in raid",
    ],
)
def test_split_dateline_ignores_ordinary_openings(paragraph):
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Copyright 2024 Harbor City Times", "Harbor City Times"),
        ("\u00a9 2019 The Daily Example. All rights reserved.", "The Daily Example"),
        ("Metro Courier Articles", "Metro Courier"),
        ("Shipping insurers raise Red Sea premiums again", None),
    ],
)
def test_publisher_from_footer(line, publisher):
    assert publisher_from_footer(line) == publisher


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("PANAMA CITY, NO DATE -- [TEXT] THE GOVERNMENT", "PANAMA CITY"),
        ("HAIFA (ISRAEL), 2 FEB 90 -- [TEXT] THE ARMY", "HAIFA (ISRAEL)"),
    ],
)
def test_split_dateline_wire_service_variants(paragraph, place):
    found = split_dateline(paragraph)
    assert found is not None and found[0].place == place



def test_find_date_year_zero_is_not_a_two_digit_year():
    assert find_date("0000-01-01") is None


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("Khartoum (AFP) \u2013 The army said", "Khartoum", "AFP"),
        ("Lucknow, Jan 5 (PTI): Police said", "Lucknow", "PTI"),
        ("NEW YORK, Oct. 3, 2023 /PRNewswire/ -- Acme said", "NEW YORK", "PRNewswire"),
        ("TEGUCIGALPA, 7 FEB (REUTER) -- A BOMB", "TEGUCIGALPA", "REUTER"),
    ],
)
def test_split_dateline_agency_forms(paragraph, place, agency):
    found = split_dateline(paragraph)
    assert found is not None and (found[0].place, found[0].agency) == (place, agency)


def test_split_dateline_title_case_place_needs_an_agency():
    assert split_dateline("Mumbai: Police arrested two men") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [("15/03/2024", dt.date(2024, 3, 15)), ("12/31/2023", dt.date(2023, 12, 31)), ("15.03.2024", dt.date(2024, 3, 15)),
     ("03/04/2024", None)],
)
def test_find_date_numeric_forms_only_when_unambiguous(text, date):
    found = find_date(text)
    assert (found[0] if found else None) == date


@pytest.mark.parametrize(
    "line",
    ["BY THE DRUG MAFIA, WARNED ABOUT THE WAR THAT THE DRUG LORDS HAVE DECLARED ON THE STATE", "By the numbers"],
)
def test_parse_meta_line_refuses_telex_and_phrases(line):
    assert parse_meta_line(line) is None


def test_trailer_authors_takes_reporters_not_editors():
    from wirecoder.clean.metadata import trailer_authors

    assert trailer_authors("(Reporting by Amal Nasser; Editing by Ben Hart)") == ("Amal Nasser",)
    assert trailer_authors("THE OPERATION WAS REPORTED BY ANTI-NARCOTICS POLICE") == ()
