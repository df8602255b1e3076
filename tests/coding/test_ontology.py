"""The CAMEO / PLOVER / ACLED table and the ACLED refinement rules."""

from __future__ import annotations

import pytest

from wirecoder.coding.lexicon import SECTORS
from wirecoder.coding.ontology import (
    ACLED_EVENT_TYPES,
    ACLED_SUB_EVENT_TYPES,
    ARMED_SECTORS,
    CIVILIAN_SECTORS,
    PLOVER_LEGACY,
    PLOVER_TYPES,
    STATE_SECTORS,
    CameoCode,
    UnknownCameoCode,
    acled_category,
    all_codes,
    cameo,
    is_cameo_code,
    penta_class,
    quad_class,
    root_of,
)

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def _acled(code, *, source=None, target=None, state=False, territorial=False, fatalities=None):
    return acled_category(
        code,
        source_sector=source,
        target_sector=target,
        source_is_state=state,
        territorial=territorial,
        fatalities=fatalities,
    )


# The table as a whole.


def test_table_has_every_root():
    assert [c.code for c in all_codes() if len(c.code) == 2] == ROOTS


def test_table_size_matches_cameo():
    assert 300 <= len(all_codes()) <= 330


def test_every_code_nests_under_an_existing_parent():
    codes = {c.code for c in all_codes()}
    for entry in all_codes():
        assert entry.code[:-1] in codes or entry.code[:2] in codes, entry.code
        assert entry.root == entry.code[:2]
        assert entry.code.startswith(entry.root)


def test_every_goldstein_score_is_on_the_scale():
    assert all(-10.0 <= c.goldstein <= 10.0 for c in all_codes())


def test_quad_class_follows_root():
    expected = {root: 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 for n, root in enumerate(ROOTS, 1)}
    assert all(c.quad_class == expected[c.root] for c in all_codes())


def test_penta_class_follows_root():
    expected = {
        root: 0 if n <= 2 else 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 or n == 16 else 4
        for n, root in enumerate(ROOTS, 1)
    }
    assert all(c.penta_class == expected[c.root] for c in all_codes())


def test_penta_class_counts_reducing_relations_as_verbal_conflict():
    assert (penta_class("163"), quad_class("163")) == (3, 4)


def test_every_plover_type_is_a_plover_type():
    assert {c.plover_type for c in all_codes()} - {None} <= set(PLOVER_TYPES)


def test_only_statements_lack_a_plover_type():
    assert {c.root for c in all_codes() if c.plover_type is None} == {"01"}


def test_plover_mode_only_with_a_plover_type():
    assert all(c.plover_type is not None for c in all_codes() if c.plover_mode is not None)


def test_every_acled_pair_is_a_real_acled_pair():
    pairs = {(c.acled_event_type, c.acled_sub_event_type) for c in all_codes()} - {(None, None)}
    assert all(ACLED_SUB_EVENT_TYPES[sub] == event_type for event_type, sub in pairs)


def test_acled_lists_have_25_sub_event_types_in_6_event_types():
    assert len(ACLED_SUB_EVENT_TYPES) == 25
    assert set(ACLED_SUB_EVENT_TYPES.values()) == set(ACLED_EVENT_TYPES)


def test_plover_has_16_types_and_legacy_names_map_onto_them():
    assert len(set(PLOVER_TYPES)) == 16
    assert set(PLOVER_LEGACY.values()) <= set(PLOVER_TYPES)


def test_sector_sets_use_known_sectors():
    assert ARMED_SECTORS | STATE_SECTORS | CIVILIAN_SECTORS <= SECTORS
    assert not ARMED_SECTORS & CIVILIAN_SECTORS


def test_codes_are_frozen():
    with pytest.raises(AttributeError):
        cameo("190").goldstein = 0.0  # type: ignore[misc]


# Known facts.


def test_190_is_conventional_force_at_minus_10():
    entry = cameo("190")
    assert isinstance(entry, CameoCode)
    assert (entry.goldstein, entry.plover_type, entry.root) == (-10.0, "ASSAULT", "19")


def test_195_is_an_air_strike():
    entry = cameo("195")
    assert (entry.acled_event_type, entry.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert entry.plover_mode == "aerial"


def test_141_is_a_peaceful_protest():
    entry = cameo("141")
    assert (entry.plover_type, entry.plover_mode) == ("PROTEST", "demo")
    assert entry.acled_sub_event_type == "Peaceful protest"


def test_042_is_a_consult_visit():
    entry = cameo("042")
    assert (entry.plover_type, entry.plover_mode, entry.acled_event_type) == ("CONSULT", "visit", None)


def test_0233_humanitarian_appeal_exists():
    entry = cameo("0233")
    assert (entry.root, entry.plover_type, entry.quad_class, entry.penta_class) == ("02", "REQUEST", 1, 0)


def test_057_agreement_is_an_acled_agreement():
    assert cameo("057").acled_sub_event_type == "Agreement"


def test_statements_have_no_plover_type():
    assert cameo("010").plover_type is None


def test_root_accepted():
    assert cameo("19").name == "Fight"


@pytest.mark.parametrize(
    ("code", "score"), [("190", -10.0), ("057", 8.0), ("042", 1.9), ("13", -6.0), ("0874", 10.0), ("1951", -10.0)]
)
def test_goldstein_scores(code, score):
    assert cameo(code).goldstein == score


def test_each_root_has_the_plover_and_acled_of_its_unspecified_event():
    for root in ROOTS:
        entry, unspecified = cameo(root), cameo(root + "0")
        assert (entry.plover_type, entry.acled_event_type, entry.acled_sub_event_type) == (
            unspecified.plover_type,
            unspecified.acled_event_type,
            unspecified.acled_sub_event_type,
        ), root


# Lookups.


def test_is_cameo_code():
    assert is_cameo_code("042")
    assert not is_cameo_code("42")
    assert not is_cameo_code("0999")
    assert not is_cameo_code(42)


def test_root_of():
    assert root_of("0233") == "02"
    assert root_of("20") == "20"


def test_quad_and_penta_class():
    assert (quad_class("042"), penta_class("042")) == (1, 1)
    assert (quad_class("193"), penta_class("193")) == (4, 4)


def test_unknown_code_message():
    with pytest.raises(UnknownCameoCode) as info:
        cameo("999")
    assert str(info.value) == (
        "'999' is not a CAMEO event code: use 2 digits for a root ('01'..'20'), 3 for an event ('190') "
        "or 4 for a sub-event ('0233'), as listed in wirecoder/coding/data/cameo.tsv"
    )


def test_unknown_code_is_both_key_and_value_error():
    with pytest.raises(KeyError):
        cameo("42")
    with pytest.raises(ValueError):
        root_of("21")


def test_integer_code_rejected_with_hint():
    with pytest.raises(TypeError, match="pass '042' not 42"):
        cameo(42)  # type: ignore[arg-type]


# acled_category.


def test_acled_none_outside_scope():
    assert _acled("042", source="GOV", target="GOV", state=True) is None


def test_acled_clash_between_armed_sides_is_armed_clash():
    assert _acled("193", source="MIL", target="REB", state=True) == ("Battles", "Armed clash")


def test_acled_territory_taken_by_state_is_government_regains_territory():
    assert _acled("190", source="MIL", target="REB", state=True, territorial=True) == (
        "Battles",
        "Government regains territory",
    )


def test_acled_territory_state_flag_without_sector():
    assert _acled("193", source=None, target="REB", state=True, territorial=True)[1] == "Government regains territory"


def test_acled_territory_taken_by_rebels_is_non_state_overtakes():
    assert _acled("193", source="REB", target="MIL", territorial=True) == (
        "Battles",
        "Non-state actor overtakes territory",
    )


def test_acled_battle_code_against_civilians_is_an_attack():
    assert _acled("193", source="REB", target="CVL") == ("Violence against civilians", "Attack")


def test_acled_abduction_of_journalists_stays_abduction():
    assert _acled("181", source="UAF", target="JRN") == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


def test_acled_sexual_violence_against_refugees():
    assert _acled("1821", source="MIL", target="REF", state=True) == ("Violence against civilians", "Sexual violence")


def test_acled_air_strike_on_civilians_stays_remote_violence():
    assert _acled("195", source="MIL", target="CVL", state=True) == ("Explosions/Remote violence", "Air/drone strike")


def test_acled_shelling_stays_remote_violence():
    assert _acled("194", source="REB", target="MIL") == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )


def test_acled_suicide_bombing():
    assert _acled("1831", source="REB", target="CVL") == ("Explosions/Remote violence", "Suicide bomb")


def test_acled_assassination_of_soldier_is_armed_clash():
    assert _acled("186", source="REB", target="MIL") == ("Battles", "Armed clash")


def test_acled_assassination_of_civilian_is_attack():
    assert _acled("186", source="REB", target="REL") == ("Violence against civilians", "Attack")


def test_acled_mass_killing_of_soldiers_stays_violence_against_civilians():
    assert _acled("202", source="REB", target="MIL") == ("Violence against civilians", "Attack")


def test_acled_violence_by_civilian_crowd_is_mob_violence():
    assert _acled("182", source="CVL", target="COP") == ("Riots", "Mob violence")


def test_acled_riot_code_is_violent_demonstration():
    assert _acled("145", source="CVL", target="GOV") == ("Riots", "Violent demonstration")


def test_acled_demonstration_is_peaceful_protest():
    assert _acled("1413", source="CVL", target="GOV") == ("Protests", "Peaceful protest")


def test_acled_repression_without_deaths_is_protest_with_intervention():
    assert _acled("175", source="COP", target="CVL", state=True) == ("Protests", "Protest with intervention")


def test_acled_repression_with_deaths_is_excessive_force():
    assert _acled("175", source="COP", target="CVL", state=True, fatalities=3) == (
        "Protests",
        "Excessive force against protesters",
    )


def test_acled_arrest_is_strategic_development():
    assert _acled("173", source="COP", target="OPP", state=True) == ("Strategic developments", "Arrests")


def test_acled_occupation_is_non_violent_transfer():
    assert _acled("192", source="MIL", target="REB", territorial=True) == (
        "Strategic developments",
        "Non-violent transfer of territory",
    )


def test_acled_unknown_sides_keep_default():
    assert _acled("190") == ("Battles", "Armed clash")


def test_acled_full_actor_code_as_sector_is_rejected():
    with pytest.raises(ValueError, match="pass the sector part of the actor code"):
        _acled("190", source="SYRMIL")


def test_acled_negative_fatalities_rejected():
    with pytest.raises(ValueError, match="0 or more"):
        _acled("190", fatalities=-1)
