"""``wirecoder.coding.mentions.find_mentions``: noun phrases to CAMEO-style actor codes with structured fields.

Sentences are the team's own, parsed with the real pipeline (the model loads once per process).
"""

from __future__ import annotations

import functools

import pytest

from wirecoder.coding import Lexicons
from wirecoder.coding.mentions import Mention, find_mentions
from wirecoder.nlp import parse_article
from wirecoder.records import Article, Sentence


def _article(text: str) -> Article:
    return Article(id="mentions", source="<test>", publisher=None, title=None, published=None, authors=(),
                   dateline=None, body=(text,), boilerplate=(), language="en")


def _words(sentence: Sentence, m: Mention) -> str:
    tokens = sentence.tokens
    return sentence.text[tokens[m.start].start - sentence.start:tokens[m.end - 1].end - sentence.start]


@pytest.fixture(scope="module")
def mentions(settings):
    """``mentions(text, focus=None)`` -> ``{actor words: Mention}`` for a one-sentence text."""
    lexicon = Lexicons.for_settings(settings).actors

    @functools.cache
    def run(text: str, focus: str | None = None) -> dict[str, Mention]:
        (sentence,) = parse_article(_article(text), settings=settings)
        return {_words(sentence, m): m for m in find_mentions(sentence, lexicon, focus=focus).values()}

    return run


# Codes composed from the phrase --------------------------------------------------------------------------------


def test_mentions_demonym_and_agent_noun_compose_country_and_sector(mentions):
    assert mentions("Syrian forces shelled the outskirts of Hama on Sunday.")["Syrian forces"].code == "SYRMIL"


def test_mentions_composed_actor_has_country_sector_and_name(mentions):
    m = mentions("Syrian forces shelled the outskirts of Hama on Sunday.")["Syrian forces"]
    assert (m.country, m.sector, m.name) == ("SYR", "MIL", "Syria")


def test_mentions_country_name_codes_the_country_without_sector(mentions):
    m = mentions("Turkey closed two border crossings on Friday.")["Turkey"]
    assert (m.code, m.country, m.sector) == ("TUR", "TUR", None)


def test_mentions_person_possessive_and_agent_noun_code_that_persons_country(mentions):
    found = mentions("Assad's army pushed toward the northern suburbs overnight.")
    assert found["Assad's army"].code == "SYRMIL"


def test_mentions_named_armed_group_keeps_its_own_code(mentions):
    m = mentions("Hezbollah fighters crossed the border before dawn.")["Hezbollah fighters"]
    assert (m.code, m.country, m.sector) == ("LBNREB", "LBN", "REB")


def test_mentions_international_body_with_agent_noun_has_no_country(mentions):
    m = mentions("U.N. peacekeepers patrolled the buffer zone on Monday.")["U.N. peacekeepers"]
    assert (m.code, m.country, m.sector) == ("IGOUNOMIL", None, "MIL")


# Agents with no country: light coreference ---------------------------------------------------------------------


def test_mentions_rebels_without_focus_keep_sector_and_no_code(mentions):
    m = mentions("Rebels shelled the airport road on Tuesday.")["Rebels"]
    assert (m.code, m.country, m.sector) == (None, None, "REB")


def test_mentions_rebels_take_the_focus_country(mentions):
    m = mentions("Rebels shelled the airport road on Tuesday.", "SYR")["Rebels"]
    assert (m.code, m.country, m.sector) == ("SYRREB", "SYR", "REB")


def test_mentions_focus_country_is_marked_as_inferred(mentions):
    assert mentions("Rebels shelled the airport road on Tuesday.", "SYR")["Rebels"].inferred is True


def test_mentions_the_army_takes_the_focus_country(mentions):
    assert mentions("The army shelled the airport road on Tuesday.", "SYR")["army"].code == "SYRMIL"


def test_mentions_government_forces_take_the_focus_country(mentions):
    found = mentions("Government forces shelled the airport road on Tuesday.", "SYR")
    assert found["Government forces"].code == "SYRMIL"


def test_mentions_rebel_modifier_makes_the_agent_a_rebel(mentions):
    found = mentions("Rebel commanders met Turkish officials in Gaziantep on Monday.", "SYR")
    assert found["Rebel commanders"].code == "SYRREB"


def test_mentions_demonym_rebel_modifier_and_agent_code_the_countrys_rebels(mentions):
    found = mentions("Syrian rebel commanders met Turkish officials in Gaziantep on Monday.")
    assert found["Syrian rebel commanders"].code == "SYRREB"


def test_mentions_country_in_the_phrase_beats_the_focus_country(mentions):
    found = mentions("Iraqi troops shelled the airport road on Tuesday.", "SYR")
    assert found["Iraqi troops"].code == "IRQMIL"


# Unknown actors: text kept, never a guessed code ---------------------------------------------------------------


def test_mentions_unknown_organisation_keeps_its_text_with_no_code(mentions):
    found = mentions("The Zorvan Brigade shelled the airport road on Tuesday.")
    unknown = [m for words, m in found.items() if "Zorvan Brigade" in words]
    assert [(m.code, m.country, m.sector) for m in unknown] == [(None, None, None)]


def test_mentions_unknown_organisation_gets_no_code_from_the_focus_country(mentions):
    found = mentions("The Zorvan Brigade shelled the airport road on Tuesday.", "SYR")
    assert [m.code for words, m in found.items() if "Zorvan" in words] in ([], [None])


def test_mentions_a_generic_role_takes_the_side_of_its_modifier(mentions):
    found = mentions("Opposition leaders met Kenyan officials in Nairobi on Monday.")
    assert found["Opposition leaders"].sector == "OPP"


def test_mentions_a_countrys_leader_is_its_government(mentions):
    found = mentions("The Iranian leader spoke to reporters on Monday.")
    assert found["Iranian leader"].code == "IRNGOV"
