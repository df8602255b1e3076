"""The team's trigger lexicon (coding/data/verbs.tsv) and VerbLexicon lookup."""

from __future__ import annotations

import pytest

from wirecoder.coding import ontology
from wirecoder.coding.lexicon import VerbEntry
from wirecoder.coding.verbs import VerbLexicon, load_verb_entries
from wirecoder.errors import WirecoderError


@pytest.fixture(scope="module")
def lexicon() -> VerbLexicon:
    return VerbLexicon.default()


def _entry(lemma: str, code: str, *requires: str, pos: str = "verb") -> VerbEntry:
    return VerbEntry(lemma=lemma, pos=pos, code=code, requires=requires)  # type: ignore[arg-type]


def _tsv(*rows: str) -> str:
    return "# lemma\tpos\trequires\tcode\tterritorial\tnote\n" + "\n".join(rows) + "\n"


# The packaged table


def test_packaged_table_loads_hundreds_of_rows():
    assert len(load_verb_entries()) >= 600


def test_packaged_codes_are_cameo_event_codes():
    unknown = sorted({e.code for e in load_verb_entries() if not ontology.is_cameo_code(e.code) or len(e.code) < 3})
    assert unknown == []


def test_packaged_table_covers_every_cameo_root():
    roots = {e.code[:2] for e in load_verb_entries()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_packaged_table_has_verb_and_noun_triggers(lexicon):
    assert {"attack", "kidnap", "condemn"} <= lexicon.triggers("verb")
    assert {"attack", "airstrike", "clash", "protest", "talk"} <= lexicon.triggers("noun")


def test_load_verb_entries_returns_a_fresh_list():
    entries = load_verb_entries()
    entries.clear()
    assert load_verb_entries()


def test_default_is_cached():
    assert VerbLexicon.default() is VerbLexicon.default()


def test_len_counts_every_row(lexicon):
    assert len(lexicon) == len(load_verb_entries())


@pytest.mark.parametrize(
    ("lemma", "pos", "dependents", "code"),
    [
        ("attack", "verb", (), "19"),
        ("attack", "noun", (), "19"),
        ("airstrike", "noun", (), "195"),
        ("strike", "noun", ("air",), "195"),
        ("strike", "noun", ("drone",), "1952"),
        ("kidnap", "verb", (), "181"),
        ("protest", "verb", (), "14"),
        ("protest", "noun", (), "14"),
        ("condemn", "verb", (), "111"),
        ("visit", "verb", (), "042"),
        ("sign", "verb", ("agreement",), "057"),
        ("arrest", "verb", (), "173"),
        ("release", "verb", ("prisoner",), "084"),
        ("withdraw", "verb", ("troop", "from"), "087"),
        ("impose", "verb", ("sanction", "on"), "163"),
        ("threaten", "verb", (), "13"),
        ("accuse", "verb", (), "112"),
        ("meet", "verb", ("with",), "04"),
        ("urge", "verb", (), "02"),
        ("pledge", "verb", (), "03"),
        ("promise", "verb", (), "03"),
        ("hold", "verb", ("talk", "with"), "046"),
        ("carry", "verb", ("out", "attack"), "190"),
        ("blow", "verb", ("up", "bridge"), "183"),
        ("open", "verb", ("fire", "on"), "193"),
        ("shell", "verb", (), "194"),
        ("massacre", "noun", (), "202"),
    ],
)
def test_must_have_trigger_maps_to_code(lexicon, lemma, pos, dependents, code):
    entry = lexicon.lookup(lemma, pos, dependents)
    assert entry is not None
    assert entry.code.startswith(code)


@pytest.mark.parametrize(("lemma", "dependents"), [("retake", ("town",)), ("seize", ("control", "of"))])
def test_territorial_triggers_are_flagged(lexicon, lemma, dependents):
    assert lexicon.is_territorial(lexicon.lookup(lemma, "verb", dependents))


def test_non_territorial_trigger_is_not_flagged(lexicon):
    assert not lexicon.is_territorial(lexicon.lookup("attack", "verb", ()))


def test_bare_seize_is_property_not_territory(lexicon):
    entry = lexicon.lookup("seize", "verb", ("weapon",))
    assert entry.code.startswith("171")
    assert not lexicon.is_territorial(entry)


def test_struck_a_deal_is_not_a_military_strike(lexicon):
    assert lexicon.lookup("strike", "verb", ("deal",)).code == "057"


def test_released_a_statement_is_not_a_release_of_persons(lexicon):
    assert lexicon.lookup("release", "verb", ("statement",)).code == "010"


def test_hunger_strike_is_not_an_air_strike(lexicon):
    assert lexicon.lookup("strike", "noun", ("hunger",)).code == "142"


def test_protesters_are_actors_not_triggers(lexicon):
    assert "protester" not in lexicon.triggers("noun")


# Lookup rules


def test_lookup_most_specific_entry_wins():
    lexicon = VerbLexicon([_entry("hold", "010"), _entry("hold", "046", "talk")])
    assert lexicon.lookup("hold", "verb", {"talk", "with"}).code == "046"


def test_lookup_falls_back_to_less_specific_entry():
    lexicon = VerbLexicon([_entry("hold", "046", "talk"), _entry("hold", "010")])
    assert lexicon.lookup("hold", "verb", {"meeting"}).code == "010"


def test_lookup_needs_every_required_word():
    lexicon = VerbLexicon([_entry("carry", "190", "out", "attack")])
    assert lexicon.lookup("carry", "verb", {"out", "bag"}) is None


def test_lookup_tie_goes_to_earlier_entry():
    lexicon = VerbLexicon([_entry("fire", "194", "mortar"), _entry("fire", "193", "at")])
    assert lexicon.lookup("fire", "verb", {"at", "mortar"}).code == "194"


def test_lookup_distinguishes_noun_from_verb():
    lexicon = VerbLexicon([_entry("strike", "190"), _entry("strike", "195", "air", pos="noun")])
    assert lexicon.lookup("strike", "verb", {"air"}).code == "190"
    assert lexicon.lookup("strike", "noun", {"air"}).code == "195"


def test_lookup_unknown_lemma_is_none():
    assert VerbLexicon([_entry("attack", "190")]).lookup("eat", "verb", ()) is None


def test_lookup_other_part_of_speech_is_none():
    assert VerbLexicon([_entry("attack", "190")]).lookup("attack", "adj", ()) is None


def test_lookup_ignores_case():
    lexicon = VerbLexicon([_entry("hold", "046", "talk")])
    assert lexicon.lookup("Hold", "VERB", ["Talk"]).code == "046"


def test_triggers_lists_lemmas_of_one_part_of_speech():
    lexicon = VerbLexicon([_entry("attack", "190"), _entry("clash", "193", pos="noun")])
    assert lexicon.triggers("verb") == frozenset({"attack"})
    assert lexicon.triggers("noun") == frozenset({"clash"})


# extended()


def test_extended_entries_win_ties_over_defaults():
    base = VerbLexicon([_entry("attack", "190")])
    assert base.extended([_entry("attack", "180")]).lookup("attack", "verb", ()).code == "180"


def test_extended_keeps_more_specific_defaults():
    base = VerbLexicon([_entry("strike", "057", "deal")])
    assert base.extended([_entry("strike", "190")]).lookup("strike", "verb", {"deal"}).code == "057"


def test_extended_leaves_the_original_unchanged():
    base = VerbLexicon([_entry("attack", "190")])
    base.extended([_entry("attack", "180"), _entry("raid", "190")])
    assert (len(base), base.lookup("attack", "verb", ()).code) == (1, "190")


def test_extended_keeps_territorial_flags():
    retake = _entry("retake", "190")
    base = VerbLexicon([retake], territorial={retake})
    assert base.extended([_entry("attack", "190")]).is_territorial(retake)


def test_extended_can_add_territorial_entries():
    capture = _entry("capture", "190")
    assert VerbLexicon([]).extended([capture], territorial={capture}).is_territorial(capture)


# Reading tables and bad input


def test_from_tsv_reads_rows_and_territorial_column():
    lexicon = VerbLexicon.from_tsv(_tsv("retake\tverb\t-\t190\tyes\tnote", "hold\tverb\ttalk\t046\t"))
    assert lexicon.lookup("hold", "verb", {"talk"}).code == "046"
    assert lexicon.is_territorial(lexicon.lookup("retake", "verb", ()))


def test_from_tsv_accepts_a_missing_note_column():
    assert len(VerbLexicon.from_tsv(_tsv("attack\tnoun\t-\t190\t"))) == 1


def test_from_tsv_invalid_code_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("attack\tverb\t-\t19x\t\t"), source="extra.tsv")
    assert error.value.code == "E311"
    assert error.value.message == (
        "extra.tsv line 2: code '19x' is not a CAMEO event code; write 2 to 4 digits, e.g. '190' or '0233'"
    )


def test_from_tsv_root_out_of_range_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("attack\tverb\t-\t210\t\t"))
    assert error.value.message == "verbs.tsv line 2: code '210' has root 21; CAMEO roots are 01 to 20"


def test_from_tsv_bad_pos_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("attack\tVERB\t-\t190\t\t"))
    assert error.value.message == "verbs.tsv line 2: pos is 'VERB'; write 'verb' or 'noun'"


def test_from_tsv_multiword_lemma_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("air-strike\tnoun\t-\t195\t\t"))
    assert error.value.message == (
        "verbs.tsv line 2: lemma 'air-strike' is not one token (spaCy splits it into air - strike); "
        "write the head word as the lemma and the other words in requires"
    )


def test_from_tsv_capitalised_requires_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("hold\tverb\tTalk\t046\t\t"))
    assert error.value.message == (
        "verbs.tsv line 2: requires word 'Talk' has capitals; write lemmas in lower case ('talk')"
    )


def test_from_tsv_column_count_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("attack verb - 190"))
    assert error.value.message == (
        "verbs.tsv line 2: expected 6 tab-separated columns (lemma, pos, requires, code, territorial, note; "
        "note may be left out), found 1; separate the columns with single tabs"
    )


def test_from_tsv_territorial_value_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("retake\tverb\t-\t190\ty\t"))
    assert error.value.message == "verbs.tsv line 2: territorial is 'y'; write 'yes' or leave the column empty"


def test_from_tsv_duplicate_row_error():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon.from_tsv(_tsv("carry\tverb\tout attack\t190\t\t", "", "carry\tverb\tattack out\t180\t\t"))
    assert error.value.message == (
        "verbs.tsv line 4: same lemma, pos and requires as line 2, so this row could never win; "
        "delete one of the two rows"
    )


def test_constructor_rejects_invalid_entry():
    with pytest.raises(WirecoderError) as error:
        VerbLexicon([_entry("attack", "0090")])
    assert error.value.message == (
        "verb entry VerbEntry(lemma='attack', pos='verb', code='0090', requires=()): "
        "code '0090' has root 00; CAMEO roots are 01 to 20"
    )


def test_constructor_rejects_territorial_entry_not_in_lexicon():
    stray = _entry("retake", "190")
    with pytest.raises(WirecoderError) as error:
        VerbLexicon([_entry("attack", "190")], territorial={stray})
    assert error.value.message == (
        "verb entry VerbEntry(lemma='retake', pos='verb', code='190', requires=()): "
        "marked territorial but not in the lexicon; pass it in entries too"
    )
