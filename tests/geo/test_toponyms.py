"""``wirecoder.geo.toponyms.recognise`` on parsed sentences the team wrote: which spans name places, and what is
recorded around them (cue, division word, container)."""

from __future__ import annotations

import pytest


def _texts(found) -> list[str]:
    return [t.text for t in found]


def _only(found, text: str):
    matches = [t for t in found if t.text == text]
    assert len(matches) == 1, found
    return matches[0]


# what is a toponym -----------------------------------------------------------------------------------------------


def test_town_spacy_tags_as_org_is_found_when_introduced(parse, toponyms):
    text = "Government troops entered the town of Qusair early on Sunday."
    assert [t.ent_type for t in parse(text)[0].tokens if t.text == "Qusair"] == ["ORG"]  # the premise
    assert "Qusair" in _texts(toponyms(text))


def test_town_spacy_tags_as_norp_is_found_after_in(parse, toponyms):
    text = "Tourists in Quseir were told to stay indoors."
    assert [t.ent_type for t in parse(text)[0].tokens if t.text == "Quseir"] == ["NORP"]  # the premise
    assert "Quseir" in _texts(toponyms(text))


@pytest.mark.parametrize(("text", "name"), [
    ("Syrian officials said the talks would resume next month.", "Syrian"),
    ("Egyptian police closed the road to the port.", "Egyptian"),
    ("The convoy was stopped by Lebanese soldiers at the crossing.", "Lebanese"),
])
def test_demonym_is_a_toponym_labelled_norp(toponyms, text, name):
    found = _only(toponyms(text), name)
    assert (found.label, found.demonym) == ("NORP", True)


@pytest.mark.parametrize("text", [
    "By Monday the rebels had withdrawn from the hills.",
    "Sea levels along the coast are rising faster than expected.",
    "Police said two men were arrested after the match.",
    "Reading the statement aloud, the spokesman paused twice.",
])
def test_common_word_is_not_a_toponym(toponyms, text):
    assert toponyms(text) == []


def test_place_inside_a_person_name_is_not_a_toponym(toponyms):
    assert not [t for t in toponyms("Jack London said he would travel north in the spring.") if "London" in t.text]


def test_place_opening_an_organisation_name_is_an_embedded_toponym_that_names_no_place(toponyms):
    # Gold sets count "Los Angeles" in "the Los Angeles Times"; it must never locate an event.
    found = [t for t in toponyms("The Los Angeles Times reported the story on its front page.")
             if "Los Angeles" in t.text]
    assert [(t.text, t.label, t.names_a_place) for t in found] == [("Los Angeles", "EMB", False)]


@pytest.mark.parametrize("text", [
    "Homs was quiet on Friday, residents said.",
    "Damascus was quiet on Friday, residents said.",
], ids=["homs", "damascus"])
def test_well_known_city_opening_a_sentence_is_a_toponym(toponyms, text):
    assert _texts(toponyms(text)) == [text.split()[0]]


def test_country_named_by_spacy_is_a_toponym(toponyms):
    assert _only(toponyms("Fighting continued in Syria on Friday."), "Syria").label == "GPE"


def test_toponym_span_is_its_place_in_the_text(toponyms):
    text = "Residents of Homs said the shelling stopped at dawn."
    found = _only(toponyms(text), "Homs")
    assert text[found.start:found.end] == "Homs"


def test_toponyms_come_in_text_order_across_sentences(toponyms):
    text = "Officials in Damascus denied the report. Aid reached Homs on Tuesday."
    assert _texts(toponyms(text)) == ["Damascus", "Homs"]


def test_toponym_records_its_sentence(toponyms):
    text = "Officials in Damascus denied the report. Aid reached Homs on Tuesday."
    assert [t.sentence for t in toponyms(text)] == [0, 1]


# what surrounds it -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "cue"), [
    ("Fighting broke out near Homs on Friday.", "Homs", "near"),
    ("Officials in Damascus denied the report.", "Damascus", "in"),
    ("Government troops entered the town of Qusair early on Sunday.", "Qusair", "town of"),
    ("Rebels withdrew from Qusair after three weeks.", "Qusair", "from"),
])
def test_cue_before_a_toponym_is_recorded(toponyms, text, name, cue):
    assert _only(toponyms(text), name).cue == cue


def test_toponym_without_a_cue_has_an_empty_cue(toponyms):
    assert _only(toponyms("Aid convoys reached Homs on Tuesday."), "Homs").cue == ""


@pytest.mark.parametrize(("text", "name", "container"), [
    ("The storm struck Gainesville, Florida, late on Tuesday.", "Gainesville", "Florida"),
    ("The mayor of Paris, Texas, resigned on Monday.", "Paris", "Texas"),
])
def test_container_after_a_comma_is_recorded(toponyms, text, name, container):
    assert _only(toponyms(text), name).container == container


def test_division_word_after_a_name_is_part_of_the_toponym_or_recorded(toponyms):
    (found,) = [t for t in toponyms("Clashes spread across Homs province on Monday.") if "Homs" in t.text]
    assert found.text == "Homs province" or found.division == "province"
