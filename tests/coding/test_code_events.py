"""``wirecoder.coding.code_events``: coded events with CAMEO, PLOVER and ACLED codes, fatalities and provenance.

Sentences and the fixture article (``tests/fixtures/articles/offensive.txt``) are the team's own. spaCy loads once
per process; each text is parsed once per module.
"""

from __future__ import annotations

import functools

import pytest

from tests.helpers import FIXTURES, make_raw
from wirecoder.coding import Lexicons, code_events
from wirecoder.nlp import parse_article
from wirecoder.pipeline import run_input
from wirecoder.records import UNASSERTED, Article, Event, Result, Sentence
from wirecoder.settings import Settings


def _article(*paragraphs: str, id_: str = "0123456789abcdef") -> Article:
    return Article(id=id_, source="<test>", publisher=None, title=None, published=None, authors=(),
                   dateline=None, body=paragraphs, boilerplate=(), language="en")


@pytest.fixture(scope="module")
def code_article(settings):
    """``code_article(*paragraphs)`` -> (article, sentences, events) through ``code_events`` itself."""

    @functools.cache
    def run(*paragraphs: str, settings: Settings = settings) -> tuple[Article, tuple[Sentence, ...], tuple[Event, ...]]:
        article = _article(*paragraphs)
        sentences = parse_article(article, settings=settings)
        events = code_events(article, sentences, lexicons=Lexicons.for_settings(settings), settings=settings)
        return article, sentences, events

    return run


def _by_action(events, action: str) -> Event:
    found = [e for e in events if e.action.text == action]
    assert len(found) == 1, [(e.action.text, e.cameo, e.source, e.target) for e in events]
    return found[0]


def _code(actor):
    return actor.code if actor is not None else None


# Action codes: CAMEO, PLOVER, ACLED ----------------------------------------------------------------------------

ATTACK = "Syrian troops attacked rebels near Homs on Monday, killing six."
MEETING = "Syrian President Bashar al-Assad met Russian President Vladimir Putin in Moscow on Friday."
RETAKE = "The Syrian army retook the town of Maaloula from rebels on Friday."
AIR_RAID = "Syrian warplanes carried out an airstrike on a rebel-held village near Hama on Monday."


def test_code_events_attack_has_cameo_code_root_quad_class_and_goldstein(event):
    e = event(ATTACK, action="attacked")
    assert (e.cameo, e.cameo_root, e.quad_class, e.goldstein) == ("190", "19", 4, -10.0)


def test_code_events_meeting_has_cameo_code_root_quad_class_and_goldstein(coded):
    assert {(e.cameo, e.cameo_root, e.quad_class, e.goldstein) for e in coded(MEETING) if e.action.text == "met"} \
        == {("040", "04", 1, 1.0)}


def test_code_events_attack_is_plover_assault(event):
    assert event(ATTACK, action="attacked").plover_type == "ASSAULT"


def test_code_events_meeting_is_plover_consult(coded):
    assert {e.plover_type for e in coded(MEETING) if e.action.text == "met"} == {"CONSULT"}


def test_code_events_bombing_from_the_air_has_plover_mode_aerial(event):
    e = event("Syrian warplanes bombed rebel positions near Hama overnight.", action="bombed")
    assert (e.plover_type, e.plover_mode) == ("ASSAULT", "aerial")


def test_code_events_state_forces_retaking_a_town_is_acled_government_regains_territory(event):
    e = event(RETAKE, action="retook")
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Government regains territory")


def test_code_events_airstrike_is_acled_air_drone_strike(event):
    e = event(AIR_RAID, root="19")
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_code_events_airstrike_that_kills_civilians_is_still_acled_air_drone_strike(event):
    e = event("An airstrike by Syrian government forces killed eight people in Douma on Sunday.", root="19")
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_code_events_police_firing_tear_gas_at_protesters_is_acled_protest_with_intervention(event):
    e = event("Turkish police fired tear gas at Kurdish protesters in Diyarbakir on Saturday.", action="fired")
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Protests", "Protest with intervention")


def test_code_events_meeting_has_no_acled_category(coded):
    assert {e.acled_event_type for e in coded(MEETING) if e.action.text == "met"} == {None}


# Fatalities ----------------------------------------------------------------------------------------------------


def test_code_events_killing_six_gives_six_fatalities(event):
    assert event(ATTACK, action="attacked").fatalities == 6


def test_code_events_dozens_dead_gives_twelve_fatalities(event):
    text = "Syrian troops shelled rebel-held districts of Aleppo, leaving dozens dead."
    assert event(text, action="shelled").fatalities == 12


def test_code_events_violence_without_deaths_has_no_fatalities(event):
    assert event(RETAKE, action="retook").fatalities is None


# Unasserted events are kept and flagged ------------------------------------------------------------------------


def test_code_events_keeps_a_negated_event(event):
    assert event("The Syrian army did not attack the rebels in Daraa.", action="attack").modality == "negated"


def test_code_events_keeps_a_hypothetical_event(event):
    text = "Syrian forces may attack rebels near Homs next week."
    assert event(text, action="attack").modality in UNASSERTED


# Unknown actors ------------------------------------------------------------------------------------------------

UNKNOWN = "The Zorvan Brigade attacked Syrian troops near Palmyra on Thursday."


def test_code_events_unknown_source_keeps_its_text(event):
    source = event(UNKNOWN, action="attacked").source
    assert source is not None
    assert "Zorvan Brigade" in source.text


def test_code_events_unknown_source_gets_no_guessed_code(event):
    source = event(UNKNOWN, action="attacked").source
    assert source is not None
    assert (source.code, source.country, source.sector) == (None, None, None)


def test_code_events_known_target_beside_an_unknown_source_is_coded(event):
    assert _code(event(UNKNOWN, action="attacked").target) == "SYRMIL"


# Light coreference: the article's focus country ----------------------------------------------------------------

SYRIA = ("Syria's foreign ministry accused Turkey of arming Syrian opposition groups on Monday.",
         "The army shelled rebel positions north of Hama overnight.",
         "Government forces attacked rebels near Idlib on Tuesday.")
IRAQ = ("Iraq's prime minister visited Iraqi troops near Mosul on Monday.",
        "The army shelled rebel positions north of Hama overnight.")


def test_code_events_the_army_takes_the_articles_focus_country(code_article):
    _, _, events = code_article(*SYRIA)
    assert _code(_by_action(events, "shelled").source) == "SYRMIL"


def test_code_events_rebels_take_the_articles_focus_country(code_article):
    _, _, events = code_article(*SYRIA)
    assert _code(_by_action(events, "attacked").target) == "SYRREB"


def test_code_events_government_forces_take_the_articles_focus_country(code_article):
    _, _, events = code_article(*SYRIA)
    assert _code(_by_action(events, "attacked").source) == "SYRMIL"


def test_code_events_same_sentence_in_another_countrys_article_takes_that_country(code_article):
    _, _, events = code_article(*IRAQ)
    assert _code(_by_action(events, "shelled").source) == "IRQMIL"


def test_code_events_without_focus_country_the_army_has_no_code(code_article):
    _, _, events = code_article(*SYRIA, settings=Settings.load(focus_country=False))
    assert [_code(e.source) for e in events if e.action.text == "shelled"] in ([], [None])


# Provenance ----------------------------------------------------------------------------------------------------

PROVENANCE = (
    "Fighting flared again in northern Syria on Wednesday.",
    "Residents said the shelling began before dawn. Syrian state TV reported that the army, backed by Hezbollah "
    "fighters, had attacked rebels near the town of Zabadani.",
)


@pytest.fixture(scope="module")
def provenance(code_article):
    article, sentences, events = code_article(*PROVENANCE)
    return article, sentences, _by_action(events, "attacked")


def test_code_events_event_carries_its_article_id(provenance):
    article, _, e = provenance
    assert e.article_id == article.id


def test_code_events_event_carries_its_sentence_index_and_text(provenance):
    _, sentences, e = provenance
    assert (e.sentence_index, e.sentence) == (2, sentences[2].text)


def test_code_events_sentence_text_is_the_articles_text_at_the_sentence_span(provenance):
    article, sentences, e = provenance
    sentence = sentences[e.sentence_index]
    assert article.text[sentence.start:sentence.end] == e.sentence


def test_code_events_source_span_points_into_the_article_text(provenance):
    article, _, e = provenance
    assert e.source is not None
    assert article.text[e.source.start:e.source.end] == e.source.text


def test_code_events_target_span_points_into_the_article_text(provenance):
    article, _, e = provenance
    assert e.target is not None
    assert article.text[e.target.start:e.target.end] == e.target.text


def test_code_events_action_span_points_into_the_article_text(provenance):
    article, _, e = provenance
    assert article.text[e.action.start:e.action.end] == e.action.text == "attacked"


def test_code_events_associate_spans_point_into_the_article_text(provenance):
    article, _, e = provenance
    assert [article.text[a.start:a.end] for a in e.associates] == [a.text for a in e.associates] != []


def test_code_events_attribution_span_points_into_the_article_text(provenance):
    article, _, e = provenance
    assert e.attribution is not None
    assert article.text[e.attribution.start:e.attribution.end] == e.attribution.text


# PETRARCH dictionaries -----------------------------------------------------------------------------------------

VALDORIA = "The Kestrel Liberation Front attacked the Valdorian coast guard near Port Selvane on Monday."


@pytest.fixture(scope="module")
def with_dictionaries(code_article):
    settings = Settings.load(dictionaries=str(FIXTURES / "dictionaries"))
    _, _, events = code_article(VALDORIA, settings=settings)
    return _by_action(events, "attacked")


def test_code_events_dictionary_actor_codes_the_source(with_dictionaries):
    assert _code(with_dictionaries.source) == "VUTREB"


def test_code_events_dictionary_country_and_agent_code_the_target(with_dictionaries):
    assert _code(with_dictionaries.target) == "VUTMIL"


# The fixture article end to end --------------------------------------------------------------------------------

OFFENSIVE = FIXTURES / "articles" / "offensive.txt"
HEADLINES = ("Turkish police fire tear gas at protesters in Istanbul", "Iraqi troops shell militants in Fallujah",
             "Egypt's interim president sets date for election")


@pytest.fixture(scope="module")
def offensive(settings) -> Result:
    result = run_input(make_raw(OFFENSIVE.read_bytes(), source=str(OFFENSIVE)), settings=settings)
    assert result.article is not None, result.rejection
    return result


@pytest.fixture(scope="module")
def main_event(offensive) -> Event:
    return _by_action(offensive.events, "retook")


def test_offensive_main_event_source_is_the_syrian_army(main_event):
    assert _code(main_event.source) == "SYRMIL"


def test_offensive_main_event_has_hezbollah_as_associate(main_event):
    assert [a.code for a in main_event.associates] == ["LBNREB"]


def test_offensive_main_event_target_is_the_rebels(main_event):
    assert _code(main_event.target) == "SYRREB"


def test_offensive_main_event_is_cameo_root_19(main_event):
    assert main_event.cameo_root == "19"


def test_offensive_main_event_is_plover_assault(main_event):
    assert main_event.plover_type == "ASSAULT"


def test_offensive_main_event_is_acled_government_regains_territory(main_event):
    assert (main_event.acled_event_type, main_event.acled_sub_event_type) == (
        "Battles", "Government regains territory")


def test_offensive_main_event_is_asserted(main_event):
    assert main_event.modality == "asserted"


def test_offensive_may_spread_sentence_gives_no_asserted_event(offensive):
    assert "may spread" in offensive.article.text
    assert [e.action.text for e in offensive.events if "may spread" in e.sentence and e.modality not in UNASSERTED] \
        == []


def test_offensive_related_headlines_give_no_events(offensive):
    assert all(h in offensive.article.boilerplate for h in HEADLINES)
    assert [e.sentence for e in offensive.events if any(h in e.sentence for h in HEADLINES)] == []


def test_offensive_every_span_points_into_the_article_text(offensive):
    text = offensive.article.text
    spans = [(a.start, a.end, a.text) for e in offensive.events
             for a in (e.source, e.target, e.attribution, *e.associates) if a is not None]
    spans += [(e.action.start, e.action.end, e.action.text) for e in offensive.events]
    assert [(s, e, t) for s, e, t in spans if text[s:e] != t] == []
