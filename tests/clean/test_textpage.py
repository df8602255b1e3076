import json

import pytest

from tests.helpers import FIXTURES, make_raw
from wirecoder.clean import clean_article
from wirecoder.clean.textpage import clean_text_page

PAGES = sorted((FIXTURES / "pages").glob("*.txt"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_clean_text_page_matches_expected_fields(page, settings):
    expected = json.loads(page.with_suffix(".expected.json").read_text())
    article = clean_article(make_raw(page.read_bytes(), source=str(page)), settings=settings).to_dict()
    assert article["title"] == expected["title"]
    assert article["published"] == expected["published"]
    assert article["authors"] == expected["authors"]
    assert article["dateline"] == expected["dateline"]


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_clean_text_page_body_starts_and_ends_where_expected(page, settings):
    expected = json.loads(page.with_suffix(".expected.json").read_text())
    article = clean_article(make_raw(page.read_bytes()), settings=settings)
    assert article.body[0].startswith(expected["body_first"])
    assert article.body[-1].endswith(expected["body_last"])


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_clean_text_page_sets_furniture_aside(page, settings):
    expected = json.loads(page.with_suffix(".expected.json").read_text())
    article = clean_article(make_raw(page.read_bytes()), settings=settings)
    body = "\n".join(article.body)
    for line in expected["not_in_body"]:
        assert line not in body
        assert line in article.boilerplate


def test_clean_text_page_strips_dateline_from_first_paragraph():
    page = clean_text_page("Talks collapse\n\nJune 3, 2019|By Ann Lee\n\nGENEVA -- The talks collapsed on Monday "
                           "after three days of meetings between the delegations.")
    assert page.dateline == "GENEVA"
    assert page.body == ["The talks collapsed on Monday after three days of meetings between the delegations."]
    assert "GENEVA --" in page.boilerplate


def test_clean_text_page_keeps_short_final_quote_paragraph():
    text = ("Ceasefire holds in the south\n\nMay 2, 2020|By Omar Said\n\n"
            "The ceasefire held for a third day on Friday, residents and officials in the southern province said.\n\n"
            "\u201cIt is quiet now,\u201d one resident said.")
    page = clean_text_page(text)
    assert page.body[-1] == "\u201cIt is quiet now,\u201d one resident said."


def test_clean_text_page_without_title_or_byline_keeps_all_prose():
    text = ("Police said the two men were arrested at the border crossing late on Sunday night.\n\n"
            "They were charged with smuggling and remanded in custody until a hearing next week.")
    page = clean_text_page(text)
    assert page.title is None
    assert len(page.body) == 2


def test_clean_text_page_known_title_repeated_in_first_paragraph_is_removed():
    text = ("Mayor resigns over budget row. The mayor of the city resigned on Tuesday after the council rejected "
            "her budget for a second time, her office said.")
    page = clean_text_page(text, title="Mayor resigns over budget row")
    assert page.body[0].startswith("The mayor of the city resigned")


def test_clean_text_page_caseless_text_gets_colon_dateline():
    text = "kolkata: police arrested three men on saturday in connection with the attack on a bus, officials said."
    page = clean_text_page(text)
    assert page.dateline == "kolkata"
    assert page.body[0].startswith("police arrested three men")


def test_clean_text_page_labelled_date_line_sets_published():
    text = ("This story is from March 10, 2002\n\n"
            "Residents blocked the highway for hours on Saturday to protest against power cuts in the district.")
    page = clean_text_page(text)
    assert page.published is not None and page.published.isoformat() == "2002-03-10"
    assert page.boilerplate == ["This story is from March 10, 2002"]


def test_clean_text_page_hard_wrapped_paragraph_is_joined():
    text = ("The committee met for six hours on Thursday and agreed to send\n"
            "observers to the disputed district before the vote, a statement\n"
            "from the chairman's office said.")
    page = clean_text_page(text)
    assert page.body == [text.replace("\n", " ")]


def test_clean_text_page_keeps_introducing_sentence_before_first_paragraph():
    text = ("Responding to reports of shelling near the dam, the foreign minister told reporters:\n\n"
            "\u201cWe call on all sides to respect the ceasefire and to let engineers inspect the structure.\u201d")
    page = clean_text_page(text, title="Minister calls for ceasefire at dam")
    assert page.body[0].startswith("Responding to reports of shelling")


def test_clean_text_page_paragraph_ending_in_editorial_tag_is_body():
    text = ("GUARDS REPELLED AN ATTACK ON THE PRISON LAST NIGHT.\n\n"
            "TWO ATTACKERS WERE CAPTURED BY THE GUARDS. [PASSAGE OMITTED]")
    page = clean_text_page(text)
    assert page.body[-1] == "TWO ATTACKERS WERE CAPTURED BY THE GUARDS. [PASSAGE OMITTED]"


def test_clean_text_page_long_given_title_is_not_cut_from_lede():
    lede = ("Port workers end strike. Dock workers returned to work on Monday after a nine-day strike, the union said. "
            "Ships had queued offshore for a week.")
    page = clean_text_page(lede, title="Port workers end strike. Dock workers returned to work on Monday after a "
                                       "nine-day strike, the union said")
    assert page.body == [lede]


def test_clean_text_page_in_unspaced_script_keeps_paragraphs():
    sentence = "昨日、首都で数千人が政府の新しい税制に反対してデモ行進を行い、警察によると大きな混乱はなかった。"
    page = clean_text_page(f"{sentence}\n\n{sentence}")
    assert page.body == [sentence, sentence]


def test_clean_text_page_long_paragraph_opening_with_label_is_not_a_caption():
    text = ("Video: the head of the monitoring mission describes how observers reached the village two days after "
            "the attack, what they found there, and why the mission believes that the shelling came from the hills "
            "to the east of the road, where artillery had been seen the week before.")
    assert clean_text_page(text).body == [text]


def test_clean_text_page_short_final_sentence_is_body():
    text = ("Police fire on crowd in port city\n\nMay 2, 2020|By Omar Said\n\n"
            "Police fired on protesters in the port city on Friday, witnesses said, as anger over fuel prices grew.\n\n"
            "Three people died.\n\nReporting by Omar Said; Editing by Ann Lee")
    page = clean_text_page(text)
    assert page.body[-1] == "Three people died."
    assert page.boilerplate[-1] == "Reporting by Omar Said; Editing by Ann Lee"


def test_clean_text_page_date_line_above_headline():
    text = ("World News\n\nJune 5, 2013\n\nProtesters clash with police in port city\n\n"
            "PORT SAID -- Hundreds of protesters clashed with police on Wednesday after a court verdict, officials "
            "said, and at least 20 people were hurt.")
    page = clean_text_page(text)
    assert (page.title, page.dateline) == ("Protesters clash with police in port city", "PORT SAID")
    assert page.body[0].startswith("Hundreds of protesters")


def test_clean_text_page_standfirst_under_headline_is_not_the_title():
    text = ("Fighting flares near the port as talks stall\n\nEnvoy warns the truce could collapse within weeks\n\n"
            "March 14, 2024 | 4:15 PM ET | By Amira Haddad\n\n"
            "ADEN -- Fighters attacked government positions south of the port on Tuesday, officials said.")
    page = clean_text_page(text)
    assert page.title == "Fighting flares near the port as talks stall"
    assert (page.published.isoformat(), page.authors) == ("2024-03-14", ["Amira Haddad"])


def test_clean_text_page_stops_at_end_mark():
    text = ("Ferry workers strike for a day\n\nATHENS, Greece (AP) -- Ferry workers walked off the job on Wednesday, "
            "stranding travellers at ports across the country.\n\nThe union wants higher pay.\n\n___\n\n"
            "Associated Press writer Jane Roe in Piraeus contributed to this report.")
    page = clean_text_page(text)
    assert page.body[-1] == "The union wants higher pay."
    assert "___" in page.boilerplate


def test_clean_text_page_stops_at_comment_section():
    text = ("Club signs goalkeeper to new deal\n\nBy Ken Lowe · 2 hours ago · Oct 2, 2023\n\n"
            "The club signed its goalkeeper to a two-year extension on Monday, the team announced.\n\n"
            "12 Comments\n\nbigfan77\n\nGreat news for the club, he was the best player last season.")
    page = clean_text_page(text)
    assert page.body == ["The club signed its goalkeeper to a two-year extension on Monday, the team announced."]
    assert (page.published.isoformat(), page.authors) == ("2023-10-02", ["Ken Lowe"])


def test_clean_text_page_wire_trailer_is_set_aside_and_names_the_reporters():
    text = ("Central bank holds rates\n\nCAIRO, June 20 (Reuters) - The central bank kept its main rates "
            "unchanged on Thursday, saying inflation had slowed for a third month.\n\n"
            "(Reporting by Amal Nasser and Omar Fahmy; Editing by Ben Hart)")
    page = clean_text_page(text)
    assert page.body[-1].endswith("for a third month.")
    assert page.authors == ["Amal Nasser", "Omar Fahmy"]


def test_clean_text_page_sets_aside_cross_links_and_credited_captions():
    text = ("Fire forces evacuations near the capital\n\nMay 2, 2020|By Nikos Pappas\n\n"
            "Hundreds of residents fled their homes on Tuesday as a wildfire swept through pine forests.\n\n"
            "A firefighter battles the blaze near the village on Tuesday. (AP Photo/Jane Roe)\n\n"
            "RELATED: Heatwave grips southern Europe\n\n"
            "The fire service said more than 200 firefighters were deployed.")
    page = clean_text_page(text)
    assert page.body == ["Hundreds of residents fled their homes on Tuesday as a wildfire swept through pine forests.",
                         "The fire service said more than 200 firefighters were deployed."]


def test_clean_text_page_stacked_header_lines_are_not_joined():
    text = ("Quake shakes southern coast, no reports of damage\nBy JOSÉ NÚÑEZ Associated Press\n"
            "Published 6:02 PM EDT, Sun June 2, 2024\n\n"
            "LIMA, Peru (AP) — A strong earthquake shook the southern coast on Sunday, officials said.")
    page = clean_text_page(text)
    assert (page.title, page.authors, page.published.isoformat()) == (
        "Quake shakes southern coast, no reports of damage", ["JOSÉ NÚÑEZ"], "2024-06-02")


def test_clean_text_page_indented_lines_start_paragraphs():
    text = ("   ARMY REPORTS CLASHES NEAR THE BORDER, KILLING SIX GUERRILLAS IN\nTHE NORTHERN DEPARTMENT.\n"
            "   AN ARMY COMMUNIQUE SAID THE FIGHTING BEGAN WHEN A PATROL WAS\nAMBUSHED NEAR THE TOWN.")
    assert len(clean_text_page(text).body) == 2


def test_clean_text_page_date_in_dateline_sets_published():
    page = clean_text_page("BOGOTA, 12 MAR 88 -- THE ARMY REPORTED TODAY THAT SIX GUERRILLAS WERE KILLED.")
    assert page.published.isoformat() == "1988-03-12"


def test_clean_text_page_bare_name_next_to_date_line_is_the_byline():
    text = ("Petrol price cut by eight rupees\n\nAmina Qureshi\n\nPublished January 16, 2024\n\n"
            "ISLAMABAD: The government cut the petrol price by eight rupees a litre on Tuesday.")
    assert clean_text_page(text).authors == ["Amina Qureshi"]


def test_clean_text_page_drops_wire_version_tag_from_title():
    text = ("UPDATE 2-Copper output falls 5% in May\n\nSANTIAGO, June 28 (Reuters) - Copper production fell 5% "
            "in May from a year earlier, the statistics agency said on Friday.")
    assert clean_text_page(text).title == "Copper output falls 5% in May"


def test_clean_text_page_role_line_between_byline_and_date_is_not_a_name():
    text = ("Council approves bike lanes\n\nBy Sara White\nStaff Writer\nPublished April 9, 2021\n\n"
            "The city council voted 7-2 on Thursday to approve protected bike lanes on the main street.")
    assert clean_text_page(text).authors == ["Sara White"]
