"""``wirecoder.geo.resolve``: which gazetteer entry each toponym means, or None.

Most tests resolve hand-built toponyms (no spaCy); the ones about an article's evidence resolve a span of a text
the team wrote with ``wirecoder.pipeline.resolve_spans``, which parses it and uses the other toponyms as evidence.
"""

from __future__ import annotations

import pytest

from wirecoder.geo import Toponym, resolve
from wirecoder.pipeline import resolve_spans
from wirecoder.records import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN

SYRIA_STORY = ("Syrian government forces pressed their offensive near the Lebanese border on Sunday. "
               "Rebels said they still held {town}, a farming town south of Homs.")
EGYPT_STORY = ("Egyptian authorities closed beaches along the Red Sea coast on Sunday. "
               "Hotels in {town}, a port south of Hurghada, reported few guests.")


def _toponym(text: str, label: str = "GAZ", **around: str) -> Toponym:
    return Toponym(text=text, start=0, end=len(text), sentence=0, label=label, **around)


def _one(gazetteer, toponym: Toponym, *, dateline: str | None = None):
    (place,) = resolve([toponym], gazetteer, dateline=dateline)
    return place


@pytest.fixture(scope="module")
def span(geo_settings):
    """``span(text, words)`` -> the place ``resolve_spans`` gives the first occurrence of ``words`` in ``text``."""

    def run(text: str, words: str):
        start = text.index(words)
        (place,) = resolve_spans(text, [(start, start + len(words))], settings=geo_settings)
        return place

    return run


# the article's evidence ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("story", "town", "country"), [
    (SYRIA_STORY, "Qusair", "SYR"),
    (SYRIA_STORY, "Quseir", "SYR"),
    (SYRIA_STORY, "Al-Qusayr", "SYR"),
    (EGYPT_STORY, "Quseir", "EGY"),
    (EGYPT_STORY, "Al-Qusayr", "EGY"),
    (EGYPT_STORY, "Qusair", "EGY"),
], ids=["syria-qusair", "syria-quseir", "syria-al-qusayr", "egypt-quseir", "egypt-al-qusayr", "egypt-qusair"])
def test_country_evidence_picks_the_namesake_in_that_country(span, story, town, country):
    place = span(story.format(town=town), town)
    assert (place.name, place.country) == ("Al Quşayr", country)


@pytest.mark.parametrize(("dateline", "country"), [("CAIRO", "EGY"), ("DAMASCUS", "SYR")])
def test_dateline_is_evidence_of_the_country(gazetteer, dateline, country):
    assert _one(gazetteer, _toponym("Quseir"), dateline=dateline).country == country


def test_container_after_a_comma_picks_the_namesake_in_it(span):
    place = span("The mayor of Paris, Texas, resigned on Monday.", "Paris")
    assert (place.name, place.country, place.admin1) == ("Paris", "USA", "Texas")


def test_container_alone_picks_the_namesake_in_it(gazetteer):
    place = _one(gazetteer, _toponym("Paris", "GPE", container="Texas"))
    assert (place.country, place.admin1) == ("USA", "Texas")


def test_paris_alone_is_the_french_capital(gazetteer):
    place = _one(gazetteer, _toponym("Paris", "GPE"))
    assert (place.country, place.feature) == ("FRA", "PPLC")


# the kind of place -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["Homs province", "Homs"])
def test_name_with_a_division_word_is_the_division_not_the_city(span, words):
    place = span("Clashes spread across Homs province on Monday.", words)
    assert (place.name, place.feature, place.precision) == ("Homs", "ADM1", PRECISION_REGION)




@pytest.mark.parametrize("text", ["Aid convoys reached Homs on Tuesday.",
                                  "Rebels shelled an army post in Homs on Tuesday.",
                                  "Residents fled the city of Homs on Tuesday."])
def test_name_of_a_city_and_its_division_without_a_division_word_is_the_city(span, text):
    place = span(text, "Homs")
    assert (place.name, place.country, place.feature[:3], place.precision) == ("Homs", "SYR", "PPL", PRECISION_TOWN)


@pytest.mark.parametrize(("text", "words"), [("Syrian officials said the talks would resume.", "Syrian"),
                                             ("The convoy was stopped by Lebanese soldiers.", "Lebanese")])
def test_demonym_resolves_to_its_country(span, text, words):
    place = span(text, words)
    assert (place.feature, place.precision) == ("PCLI", PRECISION_REGION)
    assert place.country == {"Syrian": "SYR", "Lebanese": "LBN"}[words]


def test_country_has_region_precision(span):
    place = span("Fighting continued in Syria on Friday.", "Syria")
    assert (place.name, place.country, place.precision) == ("Syria", "SYR", PRECISION_REGION)


def test_sea_resolves_to_the_sea(gazetteer):
    place = _one(gazetteer, _toponym("Mediterranean Sea", "LOC", cue="in"))
    assert (place.name, place.country, place.feature) == ("Mediterranean Sea", None, "SEA")


# precision -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cue", ["near", "outside", "north"])
def test_near_a_town_gives_precision_2(gazetteer, cue):
    assert _one(gazetteer, _toponym("Qusair", cue=cue)).precision == PRECISION_NEAR


@pytest.mark.parametrize("cue", ["in", "", "town of"])
def test_in_a_town_gives_precision_1(gazetteer, cue):
    assert _one(gazetteer, _toponym("Qusair", cue=cue)).precision == PRECISION_TOWN


def test_near_a_country_keeps_region_precision(gazetteer):
    assert _one(gazetteer, _toponym("Syria", "GPE", cue="near")).precision == PRECISION_REGION


def test_near_in_text_gives_precision_2(span):
    place = span("Government troops clashed with rebels near Qusair on Friday.", "Qusair")
    assert (place.name, place.precision) == ("Al Quşayr", PRECISION_NEAR)


# what the record says --------------------------------------------------------------------------------------------


def test_place_keeps_the_texts_spelling_and_span_and_the_gazetteers_name(gazetteer):
    toponym = Toponym(text="Qusair", start=40, end=46, sentence=2, label="GAZ", cue="in")
    (place,) = resolve([toponym], gazetteer)
    assert (place.name, place.text, place.start, place.end) == ("Al Quşayr", "Qusair", 40, 46)


def test_place_from_geonames_has_its_geonameid_and_coordinates(gazetteer):
    place = _one(gazetteer, _toponym("Qusair", cue="in"))
    assert place.geonameid is not None
    assert place.lat == pytest.approx(34.51, abs=0.1) and place.lon == pytest.approx(36.58, abs=0.1)


# nothing fits ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Zorbalak", "Kestrelvania", "Qlimbrothorpe"])
def test_made_up_name_resolves_to_none(gazetteer, name):
    assert _one(gazetteer, _toponym(name, "GPE", cue="in")) is None


def test_made_up_name_in_text_resolves_to_none(span):
    assert span("Protesters gathered in Zorbalak on Monday.", "Zorbalak") is None


def test_no_toponyms_resolve_to_an_empty_list(gazetteer):
    assert resolve([], gazetteer) == []


def test_each_toponym_gets_one_answer_in_order(gazetteer):
    toponyms = [_toponym("Syria", "GPE"), _toponym("Zorbalak", "GPE"), _toponym("Qusair", cue="in")]
    assert [p and p.name for p in resolve(toponyms, gazetteer)] == ["Syria", None, "Al Quşayr"]


@pytest.mark.parametrize(("text", "country"), [("Tal Afar", "IRQ"), ("Tell Abyad", "SYR")])
def test_exact_unambiguous_name_resolves_without_other_evidence(gazetteer, text, country):
    # GeoNames (cities500) gives both towns a population of 0.
    place = _one(gazetteer, _toponym(text, cue="in"))
    assert place is not None and place.country == country
