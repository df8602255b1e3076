"""Toponyms written the way wire copy writes them: accented letters, transliterations with doubled vowels,
hyphenated and particle names, the object of a territorial verb, street names, "the Syrian capital", and a city's
district. Each text goes through ``wirecoder.pipeline.geocode_text`` (recognise, then resolve); the texts are the
team's own."""

from __future__ import annotations

import pytest

from wirecoder.pipeline import geocode_text
from wirecoder.records import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN


@pytest.fixture(scope="module")
def geocode_spans(geo_settings):
    """``geocode_spans(text)`` -> [(start, end, place)] for every toponym recognised in a one-paragraph text."""
    return lambda text: geocode_text(text, settings=geo_settings)


@pytest.fixture(scope="module")
def geocoded(geocode_spans):
    """``geocoded(text)`` -> {toponym text: place} for every toponym recognised in a one-paragraph text."""

    def run(text: str):
        found = geocode_spans(text)
        texts = [text[start:end] for start, end, _ in found]
        assert len(set(texts)) == len(texts), texts  # each name once, so the dict loses nothing
        return {text[start:end]: place for start, end, place in found}

    return run


def _labels(parse, text: str, *words: str) -> list[str]:
    return [t.ent_type for t in parse(text)[0].tokens if t.text in words]


# accented letters ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Police in Bogotá fired tear gas at marchers on Thursday.", "Bogotá", "COL"),
    ("Police fired tear gas at marchers in Medellín on Thursday.", "Medellín", "COL"),
    ("Police fired tear gas at marchers in Asunción on Thursday.", "Asunción", "PRY"),
], ids=["bogota", "medellin", "asuncion"])
def test_accented_name_spacy_tags_gpe_is_recognised(parse, geocoded, text, name, country):
    assert _labels(parse, text, name) == ["GPE"]  # the premise
    place = geocoded(text)[name]
    assert (place.name, place.country) == (name, country)


# transliterations ------------------------------------------------------------------------------------------------


def test_doubled_vowels_find_the_gazetteers_single_vowel_spelling(gazetteer, geocoded):
    text = "Warplanes struck the rebel-held town of Areeha near Idlib on Monday."
    assert gazetteer.lookup("Areeha") == ()  # the premise: only the respelling "Ariha" is in the gazetteer
    place = geocoded(text)["Areeha"]
    assert (place.name, place.country, place.precision) == ("Arīḩā", "SYR", PRECISION_TOWN)


def test_ou_of_a_transliteration_finds_the_gazetteers_u(gazetteer, geocoded):
    text = "A car bomb went off in a market in Touz Khurmatu on Sunday."
    assert gazetteer.lookup("Touz Khurmatu") == ()  # the premise
    assert geocoded(text)["Touz Khurmatu"].country == "IRQ"


# names the parser splits -----------------------------------------------------------------------------------------


def test_hyphenated_town_the_parser_splits_is_one_toponym(parse, geocoded):
    text = "Gunmen attacked a mosque in Dutsin-Ma, Katsina State, on Friday."
    assert _labels(parse, text, "Dutsin", "-", "Ma") == ["GPE", "", ""]  # the premise: the entity stops at "-"
    found = geocoded(text)
    assert not {"Dutsin", "Ma"} & found.keys()
    assert found["Dutsin-Ma"].country == "NGA"


def test_arabic_article_joined_by_a_hyphen_is_part_of_the_name(geocoded):
    found = geocoded("Insurgents and soldiers clashed around al-Atarib, a town west of Aleppo.")
    assert (found["al-Atarib"].name, found["al-Atarib"].country) == ("Al Atārib", "SYR")


def test_hyphen_joined_town_is_not_the_city_it_is_west_of(geocoded):
    found = geocoded("Insurgents and soldiers clashed around al-Atarib, a town west of Aleppo.")
    assert found["al-Atarib"].geonameid != found["Aleppo"].geonameid


def test_name_with_a_lower_case_particle_tagged_person_is_a_place(parse, geocoded):
    text = "Hundreds of farmers marched in the centre of Zamora de Hidalgo on Saturday."
    assert _labels(parse, text, "Zamora", "de", "Hidalgo") == ["PERSON"] * 3  # the premise
    place = geocoded(text)["Zamora de Hidalgo"]
    assert (place.name, place.country) == ("Zamora de Hidalgo", "MEX")


# the object of a territorial verb --------------------------------------------------------------------------------

STORM = "Regime forces tried to storm Atareb in the western Aleppo countryside."


def test_object_of_a_territorial_verb_is_a_place(parse, geocoded):
    assert _labels(parse, STORM, "Atareb") == [""]  # the premise: the parser sees no entity
    place = geocoded(STORM)["Atareb"]
    assert (place.name, place.country) == ("Al Atārib", "SYR")


def test_a_citys_countryside_is_its_division_not_the_city(geocoded):
    place = geocoded(STORM)["Aleppo"]
    assert (place.country, place.feature, place.precision) == ("SYR", "ADM1", PRECISION_REGION)


# street names ----------------------------------------------------------------------------------------------------

AVENIDA = "The city is closing the Avenida Oriental to traffic in Medellín."


def test_capitalised_word_after_a_street_word_is_not_a_toponym(parse, gazetteer, geocode_spans):
    assert _labels(parse, AVENIDA, "Avenida", "Oriental") == ["", ""]  # the premise: no entity there
    assert gazetteer.lookup("Oriental")  # ... and the gazetteer knows places called Oriental
    oriental = AVENIDA.index("Oriental")
    assert not [(start, end) for start, end, _ in geocode_spans(AVENIDA) if start <= oriental < end]


def test_town_after_a_street_name_is_still_found(geocoded):
    place = geocoded(AVENIDA)["Medellín"]
    assert (place.name, place.country) == ("Medellín", "COL")


# "the Syrian capital" --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words", "capital", "country"), [
    ("Thousands marched in the Ecuadorean capital on Monday.", "Ecuadorean capital", "Quito", "ECU"),
    ("Shells fell on the Syrian capital on Monday.", "Syrian capital", "Damascus", "SYR"),
], ids=["ecuadorean", "syrian"])
def test_demonym_and_capital_is_the_countrys_capital(geocoded, text, words, capital, country):
    place = geocoded(text)[words]
    assert (place.name, place.country, place.precision) == (capital, country, PRECISION_TOWN)


# a city's district -----------------------------------------------------------------------------------------------

KHARKIV = ("Russian missiles struck Kharkiv overnight, the regional governor said. "
           "A residential building was hit in the Kyivskyi district, officials said. "
           "Two people were wounded in the city, Ukraine's second largest.")


def test_district_alone_is_a_town_of_that_name(geocoded):
    place = geocoded("A shell hit a school in the Kyivskyi district.")["Kyivskyi"]  # the premise
    assert (place.name, place.precision) == ("Kyivskyi", PRECISION_TOWN)


def test_district_the_gazetteer_knows_as_a_far_town_is_part_of_the_city_of_the_article(geocoded):
    found = geocoded(KHARKIV)
    kharkiv, district = found["Kharkiv"], found["Kyivskyi"]
    assert (district.geonameid, district.country, district.precision) == (kharkiv.geonameid, "UKR", PRECISION_NEAR)

