"""CAMEO coding conventions the coder applies on top of single triggers: claims, demands, refusals, intents,
mutual meetings, background clauses. Sentences are the team's own."""

from __future__ import annotations

import pytest

from wirecoder.records import UNASSERTED, Event


@pytest.fixture(scope="module")
def asserted(coded):
    """``asserted(text)`` -> the text's events that happened (not negated or hypothetical)."""

    def run(text: str) -> tuple[Event, ...]:
        return tuple(e for e in coded(text) if e.modality not in UNASSERTED)

    return run


def _triples(events):
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events}


def test_claiming_ones_own_attack_is_claiming_responsibility(asserted):
    events = asserted("The Taliban claimed that they had attacked an Afghan army base in Kunduz.")
    assert ("AFGREB", "015", "AFGMIL") in _triples(events)


def test_claiming_anothers_attack_is_an_accusation(asserted):
    events = asserted("Turkey claimed that Kurdish militants had attacked a police station in Cizre.")
    assert any(e.cameo == "112" and e.source.code == "TUR" and e.target is not None and e.target.sector == "REB"
               for e in events)


def test_the_claimed_act_keeps_its_claimed_modality(asserted):
    events = asserted("The Taliban claimed that they had attacked an Afghan army base in Kunduz.")
    assert [e.modality for e in events if e.cameo_root == "19"] == ["claimed"]


def test_saying_another_actor_must_act_is_a_demand_on_it(asserted):
    events = asserted("The French foreign minister said on Monday that Iran must stop enriching uranium.")
    assert ("FRAGOV", "100", "IRN") in _triples(events)


def test_will_not_with_a_cooperative_act_is_a_rejection(asserted):
    events = asserted("Syria said it will not accept any more refugees from Iraq.")
    assert {e.cameo_root for e in events} == {"12"}


def test_refusing_to_release_is_refusing_to_yield(asserted):
    events = asserted("Colombian rebels refused to release the kidnapped soldiers on Sunday.")
    assert "12" in {e.cameo_root for e in events}


def test_cancelling_a_visit_is_a_rejection(asserted):
    events = asserted("The Polish president cancelled a planned visit to Moscow on Tuesday.")
    assert {e.cameo_root for e in events} == {"12"}


def test_an_announced_cooperative_act_is_an_intent(asserted):
    events = asserted("Japan will give Kenya a grant of 50 million dollars next year.")
    assert ("JPN", "0331", "KEN") in _triples(events)


def test_an_announced_attack_is_a_threat(asserted):
    events = asserted("North Korea will attack South Korea if the drills continue, state media said.")
    assert all(e.cameo_root != "19" for e in events)


def test_offering_to_send_troops_is_an_intent_to_cooperate(asserted):
    events = asserted("Rwanda offered to send troops to the Central African Republic.")
    assert {e.cameo_root for e in events} == {"03"}


def test_a_meeting_is_coded_both_ways(asserted):
    events = asserted("The Indian prime minister met the Chinese president in Beijing on Friday.")
    assert {("INDGOV", "CHNGOV"), ("CHNGOV", "INDGOV")} <= {(e.source.code, e.target.code) for e in events}


def test_a_visit_is_not_coded_both_ways(asserted):
    events = asserted("The Indian prime minister visited China on Friday.")
    assert {(e.source.code, e.target.code) for e in events} == {("INDGOV", "CHN")}


def test_giving_money_is_economic_aid(asserted):
    events = asserted("Norway gave 20 million dollars to Ethiopia for drought relief on Monday.")
    assert ("NOR", "071", "ETH") in _triples(events)


def test_a_relative_clause_does_not_add_its_background_event(asserted):
    events = asserted("Kenyan police arrested two men who had attacked a bus in Mombasa last year.")
    assert {e.cameo_root for e in events} == {"17"}


def test_a_pronoun_subject_under_a_reporting_verb_is_the_reporter(asserted):
    events = asserted("Egypt said it would open the Rafah crossing to allow aid into Gaza.")
    assert {e.source.code for e in events if e.source} == {"EGY"}


def test_conjoined_subjects_of_a_clash_fight_each_other(asserted):
    events = asserted("The Ethiopian army and Tigrayan rebels clashed near Mekelle on Monday.")
    assert {("ETHMIL", "ETHREB"), ("ETHREB", "ETHMIL")} <= {(e.source.code, e.target.code) for e in events
                                                            if e.target is not None}


def test_conjoined_subjects_of_an_attack_do_not_attack_each_other(asserted):
    events = asserted("American and British warplanes attacked radar sites near Basra on Sunday.")
    assert all(e.target is None or e.target.country != "USA" for e in events)


def test_rioters_are_civilians_rioting(asserted):
    events = asserted("Rioters set fire to police stations in Dhaka after the verdict.")
    assert any(e.source is not None and e.source.sector == "CVL" for e in events)


def test_a_visit_to_a_capital_is_a_visit_to_its_country(asserted):
    events = asserted("The Chinese foreign minister flew to Moscow on Monday.")
    assert ("CHNGOV", "RUS") in {(e.source.code, e.target.code if e.target else None) for e in events}


def test_a_capital_in_a_conflict_event_is_not_its_government(asserted):
    events = asserted("Rebels attacked Kabul on Monday.")
    assert all(e.target is None or e.target.sector != "GOV" for e in events)


def test_an_act_announced_unless_a_condition_is_met_is_a_threat(asserted):
    events = asserted("Ghana will withdraw its troops from Liberia unless the factions agree to a ceasefire.")
    assert "13" in {e.cameo_root for e in events}


def test_a_demand_that_a_protest_is_for_is_not_a_second_event(asserted):
    events = asserted("Thousands of Kenyan students staged demonstrations in Nairobi to demand lower fees.")
    assert {e.cameo_root for e in events} == {"14"}


def test_the_subject_of_willing_to_is_the_source(asserted):
    events = asserted("Norway is willing to send troops to help defend Saudi Arabia.")
    assert {e.source.code for e in events if e.source} == {"NOR"}


def test_cancelling_restrictions_is_easing_them(asserted):
    events = asserted("The Latvian government cancelled restrictions on Russian-language radio on Monday.")
    assert {e.cameo_root for e in events} == {"08"}


def test_an_act_that_dates_the_main_one_is_background(asserted):
    events = asserted("Italy suspended aid to Serbia on Wednesday, a day after Serbian forces shot down a helicopter.")
    assert {e.cameo_root for e in events} == {"16"}


def test_demanding_an_act_of_an_actor_targets_that_actor(asserted):
    events = asserted("Kenyan ministers demanded the withdrawal of Somali troops from the border town on Monday.")
    assert any(e.cameo_root == "10" and e.target is not None and e.target.code == "SOMMIL" for e in events)


def test_an_unknown_name_is_coded_by_its_apposition(asserted):
    events = asserted("Hiro Tanaka, the United Nations refugee envoy, urged Myanmar to allow aid into Rakhine.")
    assert any(e.source is not None and (e.source.code or "").startswith("IGOUNO") for e in events)


def test_the_sources_own_things_are_not_its_target(asserted):
    events = asserted("Palestinian leaders said they would boycott all official contact with the United States.")
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {("PSEGOV", "USA")}


def test_warplanes_striking_is_an_air_strike(asserted):
    events = asserted("Saudi warplanes struck Houthi positions near Saada on Monday.")
    assert [(e.cameo, e.acled_sub_event_type) for e in events] == [("195", "Air/drone strike")]


def test_a_drone_attack_is_a_drone_strike_on_the_convoys_fighters(asserted):
    events = asserted("A US drone attacked a convoy of al-Shabab fighters in Somalia.")
    assert [(e.cameo, e.target.code if e.target else None) for e in events] == [("1952", "SOMREB")]
