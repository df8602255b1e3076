"""``wirecoder.pipeline.code_text`` on acts named by a noun with its day ("Sunday's explosion"), acts told as
background to the article's own news, actors whose country is the article's, and the Mexican navy's names.
Texts are the team's own, one paragraph per line."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from wirecoder.pipeline import code_text
from wirecoder.records import DATE_DAY, Event


@pytest.fixture(scope="module")
def coded(settings):
    """``coded(text, published)`` -> the events of a text (cached: each text is parsed once)."""

    @functools.cache
    def run(text: str, published: dt.date) -> tuple[Event, ...]:
        return code_text(text, settings=settings, published=published)

    return run


@pytest.fixture(scope="module")
def event(coded):
    """``event(text, action, published)`` -> the one event whose trigger is ``action``."""

    def run(text: str, action: str, published: dt.date) -> Event:
        found = [e for e in coded(text, published) if e.action.text == action]
        assert len(found) == 1, [(e.action.text, e.cameo, e.source, e.target) for e in coded(text, published)]
        return found[0]

    return run


def _code(actor) -> str | None:
    return actor.code if actor is not None else None


# an act named by a noun with its day -----------------------------------------------------------------------------

TOLL = "The death toll from Sunday's explosion in Tuz Khurmatu rose to seven, a health official said on Monday."
MON = dt.date(2023, 11, 13)


def test_violent_act_named_by_a_noun_with_its_day_is_coded_without_actors(event):
    explosion = event(TOLL, "explosion", MON)
    assert (explosion.source, explosion.target) == (None, None)
    assert explosion.quad_class == 4


def test_noun_acts_day_dates_the_event(event):
    when = event(TOLL, "explosion", MON).when
    assert (when.date, when.precision, when.text) == (dt.date(2023, 11, 12), DATE_DAY, "Sunday")


def test_noun_act_is_located_at_the_place_its_phrase_names(event):
    assert event(TOLL, "explosion", MON).location.country == "IRQ"


def test_protest_named_by_a_noun_with_its_day_is_a_protest(event):
    march = event("Thursday's march ended peacefully, police said.", "march", MON)
    assert (march.cameo_root, march.source, march.target) == ("14", None, None)
    assert march.when.date == dt.date(2023, 11, 9)


def test_noun_owned_by_a_day_that_is_not_an_act_is_not_coded(coded):
    assert coded("Monday's report was published.", MON) == ()


def test_truce_named_by_a_noun_and_a_dated_participle_is_coded_without_actors(event):
    truce = event("The ceasefire announced on Monday held.", "ceasefire", MON)
    assert (truce.cameo_root, truce.source, truce.target, truce.when.date) == ("08", None, None, MON)


def test_violence_done_by_a_weapon_with_no_actor_is_coded_without_actors(event):
    blast = event("A car bomb exploded near a checkpoint in Kirkuk on Monday.", "exploded", MON)
    assert (blast.cameo_root, blast.source, blast.target, blast.location.country) == ("18", None, None, "IRQ")


def test_a_storm_tearing_through_a_village_is_not_violence(coded):
    assert coded("The storm tore through the village on Monday.", MON) == ()


def test_act_only_planned_for_a_day_is_not_coded(coded):
    assert coded("The protest planned for Friday was cancelled.", MON) == ()


# background: an act told beside the article's own news -----------------------------------------------------------

STRIKES = ("Russian jets bombed a warehouse in Kharkiv on Wednesday, killing two workers.\n"
           "The attack came a week after a missile strike on an apartment block in Kharkiv killed 11 people.")
THU = dt.date(2024, 3, 14)


def test_earlier_act_in_an_after_clause_beside_news_of_its_kind_is_background(event):
    assert event(STRIKES, "killed", THU).background is True


def test_the_articles_own_news_is_not_background(event):
    assert event(STRIKES, "bombed", THU).background is False


def test_after_clause_alone_is_not_background(event):
    text = "The attack came a week after a missile strike on an apartment block in Kharkiv killed 11 people."
    assert event(text, "killed", THU).background is False


def test_after_clause_in_a_follow_up_that_reports_nothing_else_of_its_kind_is_not_background(event):
    text = "Three days after marines detained a cartel boss in Zamora, packers say it is too early to celebrate."
    assert event(text, "detained", THU).background is False


def test_past_perfect_in_reported_speech_is_not_background(coded):
    events = coded("Rebels said they had beaten back an assault by government forces near Aleppo.", THU)
    assert events
    assert [e.background for e in events] == [False] * len(events)


ENVOYS = "The two envoys met in Quito on Tuesday.\nThe two envoys had first met in Quito in May."


def test_past_perfect_main_clause_beside_news_of_its_kind_is_background(coded):
    earlier = [e for e in coded(ENVOYS, THU) if e.action.text == "met" and e.when.text == "May"]
    assert [e.background for e in earlier] == [True]


def test_the_meeting_of_the_articles_own_day_is_not_background(coded):
    today = [e for e in coded(ENVOYS, THU) if e.action.text == "met" and e.when.text == "Tuesday"]
    assert [e.background for e in today] == [False]


# actors without a country ----------------------------------------------------------------------------------------


def test_country_less_actor_takes_the_country_of_the_articles_places(event):
    killed = event("Gunmen killed three civilians in Kharkiv on Tuesday.", "killed", THU)
    assert _code(killed.target).startswith("UKR")


def test_country_less_actor_in_an_article_without_places_has_no_country(event):
    killed = event("Gunmen killed three civilians on Tuesday.", "killed", THU)
    assert _code(killed.target) is None


# the Mexican navy ------------------------------------------------------------------------------------------------


def test_marines_of_the_secretaria_de_marina_are_the_mexican_military(event):
    detained = event("Marines of the Secretaría de Marina detained a man in Zamora, Mexico.", "detained", THU)
    assert _code(detained.source) == "MEXMIL"


@pytest.mark.parametrize(("text", "words"), [
    ("The Secretaría de Marina arrested a suspect on Tuesday.", "Secretaría de Marina"),
    ("SEMAR arrested a suspect on Tuesday.", "SEMAR"),
], ids=["spanish-name", "semar"])
def test_navy_named_without_a_mexican_place_is_the_mexican_military(event, text, words):
    arrested = event(text, "arrested", THU)
    assert (_code(arrested.source), arrested.source.text) == ("MEXMIL", words)
