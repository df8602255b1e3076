"""Event location (``wirecoder.geo.locate``): where each coded event happened.

Texts are the team's own, coded with ``wirecoder.pipeline.code_text`` (parse, code, place, date), except
``tests/fixtures/articles/offensive.txt``, which goes through ``run_input`` as a user's file would.
2013-06-05, the publication date used here, is a Wednesday.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import pytest

from tests.helpers import FIXTURES, make_raw
from wirecoder.coding import Lexicons, code_events
from wirecoder.geo import locate_events, place_events
from wirecoder.nlp import parse_article
from wirecoder.pipeline import code_text, run_input
from wirecoder.records import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN, ActorRef, Article, Event, Place, Span

PUBLISHED = dt.date(2013, 6, 5)
OFFENSIVE = FIXTURES / "articles" / "offensive.txt"


@pytest.fixture(scope="module")
def coded(geo_settings):
    """``coded(text)`` -> the events of a text (one paragraph per line), published on ``PUBLISHED``."""

    @functools.cache
    def run(text: str) -> tuple[Event, ...]:
        return code_text(text, settings=geo_settings, published=PUBLISHED)

    return run


@pytest.fixture(scope="module")
def event(coded):
    """``event(text, action)`` -> the one event whose trigger is ``action``."""

    def run(text: str, action: str) -> Event:
        found = [e for e in coded(text) if e.action.text == action]
        assert len(found) == 1, [(e.action.text, e.cameo) for e in coded(text)]
        return found[0]

    return run


@pytest.fixture(scope="module")
def placed(geo_settings, gazetteer):
    """``placed(article)`` -> the article's events with their locations (parse, code, place; no dating)."""

    def run(article: Article) -> tuple[Event, ...]:
        sentences = parse_article(article, settings=geo_settings)
        events = code_events(article, sentences, lexicons=Lexicons.for_settings(geo_settings), settings=geo_settings)
        return place_events(article, sentences, events, gazetteer=gazetteer)

    return run


@pytest.fixture(scope="module")
def offensive(geo_settings):
    """The fixture article run through every stage, as ``wirecoder ingest`` would."""
    result = run_input(make_raw(OFFENSIVE.read_bytes(), source=str(OFFENSIVE)), settings=geo_settings)
    assert result.ok, result.rejection
    return result


def _article(body: tuple[str, ...], *, title: str | None = None, dateline: str | None = None) -> Article:
    return Article(id="geo-test", source="<test>", publisher=None, title=title, published=PUBLISHED, authors=(),
                   dateline=dateline, body=body, boilerplate=(), language="en")


def _where(event: Event) -> tuple[str, str | None, int] | None:
    place = event.location
    return None if place is None else (place.name, place.country, place.precision)


# the clause says where -------------------------------------------------------------------------------------------


def test_event_is_at_the_place_its_clause_names_not_another_sentences(event):
    text = "Rebels shelled an army post in Qusair on Monday. Officials in Damascus condemned the attack on Tuesday."
    assert _where(event(text, "shelled")) == ("Al Quşayr", "SYR", PRECISION_TOWN)


def test_second_sentences_event_is_at_its_own_place(event):
    text = "Rebels shelled an army post in Qusair on Monday. Officials in Damascus condemned the attack on Tuesday."
    assert _where(event(text, "condemned")) == ("Damascus", "SYR", PRECISION_TOWN)


def test_location_keeps_the_words_of_the_text(event):
    text = "Rebels shelled an army post in Qusair on Monday."
    place = event(text, "shelled").location
    assert (place.text, text[place.start:place.end]) == ("Qusair", "Qusair")


@pytest.mark.parametrize("text", [
    "Syrian troops attacked rebels in the town of Qusair on Monday.",
    "Syrian forces shelled Qusair on Monday, activists said.",
], ids=["in-the-town-of", "object"])
def test_actors_demonym_is_not_the_location_when_the_sentence_names_a_town(coded, text):
    (attack,) = coded(text)
    assert _where(attack) == ("Al Quşayr", "SYR", PRECISION_TOWN)


def test_near_a_town_in_the_clause_gives_precision_2(event):
    text = "Government troops clashed with rebels near Qusair on Friday."
    assert _where(event(text, "clashed")) == ("Al Quşayr", "SYR", PRECISION_NEAR)


def test_clause_without_a_place_takes_the_town_before_it_at_precision_2(event):
    text = "Rebels attacked an army post in Qusair on Monday. Government troops later shelled the rebels."
    assert _where(event(text, "shelled")) == ("Al Quşayr", "SYR", PRECISION_NEAR)


# the story's place -----------------------------------------------------------------------------------------------

_STORMED = (
    "Rebel fighters stormed a strategic town on Sunday after three days of heavy fighting, activists said.",
    "The army later shelled Homs, about 30 km to the north.",
    "Residents of Qusair said most families had fled before the assault.",
)


def test_unnamed_town_is_the_headlines_town_the_body_also_names(placed):
    events = placed(_article(_STORMED, title="Rebels seize Qusair after three-day battle"))
    (stormed,) = [e for e in events if e.action.text == "stormed"]
    assert _where(stormed) == ("Al Quşayr", "SYR", PRECISION_TOWN)


# nothing to go on ------------------------------------------------------------------------------------------------


def test_article_without_places_leaves_location_none(coded):
    events = coded("The minister criticised the opposition leader on Monday.")
    assert events
    assert [e.location for e in events] == [None] * len(events)


def test_dateline_is_not_the_location_of_an_article_naming_no_place(placed):
    events = placed(_article(("The minister criticised the opposition leader on Monday.",), dateline="CAIRO"))
    assert events
    assert [e.location for e in events] == [None] * len(events)


def test_event_with_only_a_demonym_is_in_that_country(coded):
    (attack,) = coded("Syrian troops attacked the rebels on Monday.")
    assert _where(attack) == ("Syria", "SYR", PRECISION_REGION)


def test_focus_country_inferred_from_a_demonym_has_no_span(coded):
    # records.Place: text/start/end are None when the place was not named, "e.g. an article's focus country
    # inferred from demonyms".
    (attack,) = coded("Syrian troops attacked the rebels on Monday.")
    assert (attack.location.text, attack.location.start, attack.location.end) == (None, None, None)


# locate_events on hand-built records -----------------------------------------------------------------------------

_SYRIA = Place(name="Syria", text="Syria", start=20, end=25, geonameid=163843, lat=35.0, lon=38.0, country="SYR",
               admin1=None, feature="PCLI", precision=PRECISION_REGION)


def _bare_event(sentence_index: int) -> Event:
    actor = ActorRef(code=None, name=None, country=None, sector=None, text="Rebels", start=0, end=6)
    return Event(id="e1", article_id="a1", sentence_index=sentence_index, sentence="Rebels attacked.",
                 source=actor, target=None, associates=(), action=Span(text="attacked", start=7, end=15),
                 cameo="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_type=None, plover_mode=None,
                 acled_event_type=None, acled_sub_event_type=None, fatalities=None, modality="asserted",
                 attribution=None, confidence=0.5)


def test_locate_events_without_places_leaves_location_none():
    (located,) = locate_events([_bare_event(0)], sentences=(), places=())
    assert located.location is None


def test_locate_events_falls_back_to_the_articles_focus_country():
    (located,) = locate_events([_bare_event(3)], sentences=(), places=(_SYRIA,))
    assert located.location == dataclasses.replace(_SYRIA, text=None, start=None, end=None,
                                                   precision=PRECISION_REGION)


# the fixture article ---------------------------------------------------------------------------------------------


def _main_event(result) -> Event:
    (retook,) = [e for e in result.events if e.action.text == "retook"]
    return retook


def test_fixture_dateline_is_read_as_the_dateline(offensive):
    assert offensive.article.dateline == "BEIRUT"


def test_fixture_dateline_is_never_an_event_location(offensive):
    assert offensive.events
    assert not [e for e in offensive.events if e.location is not None
                and ("Beirut" in (e.location.name, e.location.text) or e.location.text == "BEIRUT")]


def test_fixture_main_event_is_in_syria(offensive):
    assert _main_event(offensive).location.country == "SYR"


def test_fixture_main_event_is_at_the_town_it_names(offensive):
    place = _main_event(offensive).location
    assert (place.text, place.name, place.country, place.precision) == ("Yabroud", "Yabrūd", "SYR", PRECISION_TOWN)


def test_fixture_main_event_is_dated_the_thursday_of_publication(offensive):
    # Published Thursday 13 March 2014; "retook the town ... on Thursday" is that day.
    when = _main_event(offensive).when
    assert (when.date, when.precision, when.text) == (dt.date(2014, 3, 13), 1, "Thursday")


def test_fixture_air_strikes_are_not_placed_where_the_monitor_is_based(offensive):
    (bombed,) = [e for e in offensive.events if e.action.text == "bombed"]
    assert bombed.location.country == "SYR"
