"""``wirecoder.coding.frames``: source, target, associates, modality and attribution read off the dependency parse.

Frames are checked through the events they become (``wirecoder.pipeline.code_text``), which carry every part of a
frame. Sentences are the team's own; a one-sentence text takes its focus country from its own words.
"""

from __future__ import annotations

import pytest


def _code(actor):
    return actor.code if actor is not None else None


# Source and target ---------------------------------------------------------------------------------------------

ACTIVE = "Syrian troops attacked rebels near Homs on Monday."
PASSIVE = "Syrian rebels were attacked by government forces near Homs on Tuesday."


def test_frames_subject_is_the_source(event):
    assert _code(event(ACTIVE, action="attacked").source) == "SYRMIL"


def test_frames_direct_object_is_the_target(event):
    assert _code(event(ACTIVE, action="attacked").target) == "SYRREB"


def test_frames_agent_of_a_passive_is_the_source(event):
    assert _code(event(PASSIVE, action="attacked").source) == "SYRMIL"


def test_frames_subject_of_a_passive_is_the_target(event):
    assert _code(event(PASSIVE, action="attacked").target) == "SYRREB"


def test_frames_object_of_against_is_the_target(event):
    text = "Syrian troops launched an offensive against rebels in Idlib province."
    assert _code(event(text, root="19").target) == "SYRREB"


def test_frames_object_of_on_is_the_target(event):
    text = "Iraqi forces launched an attack on Islamic State fighters west of Mosul."
    assert _code(event(text, root="19").target) == "IMGISI"


def test_frames_actor_inside_a_counted_object_is_the_target(event):
    text = "Syrian troops killed dozens of rebels near Homs on Monday."
    assert _code(event(text, action="killed").target) == "SYRREB"


@pytest.mark.parametrize(("text", "action"), [
    ("The Syrian army retook the town of Maaloula from rebels on Friday.", "retook"),
    ("Syrian government forces retook the village of Kfar Nabl from rebels on Friday.", "retook"),
    ("Syrian state TV reported that the army had recaptured Maaloula from rebels.", "recaptured"),
])
def test_frames_actor_a_place_is_retaken_from_is_the_target(event, text, action):
    assert _code(event(text, action=action).target) == "SYRREB"


# Associates ----------------------------------------------------------------------------------------------------

BACKED = "Syrian troops, backed by Hezbollah fighters, attacked rebels near Zabadani on Wednesday."


def test_frames_backed_by_actor_is_an_associate(event):
    assert [a.code for a in event(BACKED, action="attacked").associates] == ["LBNREB"]


def test_frames_backed_by_actor_is_not_the_source(event):
    assert _code(event(BACKED, action="attacked").source) == "SYRMIL"


def test_frames_associate_has_its_own_span(event):
    (associate,) = event(BACKED, action="attacked").associates
    assert BACKED[associate.start:associate.end] == associate.text == "Hezbollah fighters"


# Modality ------------------------------------------------------------------------------------------------------


def test_frames_plain_past_tense_is_asserted(event):
    assert event(ACTIVE, action="attacked").modality == "asserted"


def test_frames_did_not_is_negated(event):
    assert event("The Syrian army did not attack the rebels in Daraa.", action="attack").modality == "negated"


def test_frames_may_is_hypothetical(event):
    assert event("Syrian forces may attack rebels near Homs next week.", action="attack").modality == "hypothetical"


def test_frames_could_is_hypothetical(event):
    text = "Syrian troops could attack the rebels near Homs within days."
    assert event(text, action="attack").modality == "hypothetical"


def test_frames_if_clause_is_hypothetical(event):
    text = "If Syrian troops attack Idlib, Turkey will close the border."
    assert event(text, action="attack").modality == "hypothetical"


def test_frames_clause_under_fear_that_is_hypothetical(event):
    text = "Lebanese officials fear that Syrian rebels will attack border villages."
    assert event(text, action="attack").modality == "hypothetical"


def test_frames_will_is_future(event):
    assert event("Syrian forces will attack rebels near Homs next week.", action="attack").modality == "future"


def test_frames_clause_under_claimed_that_is_claimed(event):
    text = "Hezbollah claimed that its fighters had attacked Israeli soldiers near the border."
    assert event(text, action="attacked").modality == "claimed"


def test_frames_claimed_to_have_is_claimed(event):
    text = "Islamic State militants claimed to have killed 20 Iraqi soldiers near Baiji."
    assert event(text, action="killed").modality == "claimed"


# Reporting verbs and attribution -------------------------------------------------------------------------------

REPORTED = "Syrian state TV reported that the army had recaptured the town of Maaloula."


def test_frames_reporting_verb_is_not_an_event(coded):
    assert [e.action.text for e in coded(REPORTED) if e.action.text == "reported"] == []


def test_frames_clause_under_a_reporting_verb_is_coded(event):
    assert _code(event(REPORTED, action="recaptured").source) == "SYRMIL"


def test_frames_reporter_is_kept_as_attribution(event):
    attribution = event(REPORTED, action="recaptured").attribution
    assert attribution is not None
    assert attribution.text == "Syrian state TV"


def test_frames_reporter_after_the_clause_is_kept_as_attribution(event):
    text = "Syrian troops shelled rebel positions near Hama on Sunday, the defence ministry said."
    attribution = event(text, action="shelled").attribution
    assert attribution is not None
    assert "defence ministry" in attribution.text


def test_frames_claimant_is_kept_as_attribution(event):
    text = "Hezbollah claimed that its fighters had attacked Israeli soldiers near the border."
    assert _code(event(text, action="attacked").attribution) == "LBNREB"
