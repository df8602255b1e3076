"""``wirecoder.coding.petrarch.load_dictionaries``: PETRARCH-format dictionaries to lexicon records.

The dictionaries are the team's own (``tests/fixtures/dictionaries``: invented names, real CAMEO and ISO codes);
malformed and unusual files are written into ``tmp_path`` by the test that needs them.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from wirecoder.coding import petrarch
from wirecoder.coding.lexicon import ActorEntry, AgentEntry, VerbEntry
from wirecoder.coding.petrarch import DictionaryError, load_dictionaries

FIXTURES = Path(__file__).parent.parent / "fixtures" / "dictionaries"


@pytest.fixture(scope="module")
def team():
    return load_dictionaries(FIXTURES)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def actors_by_phrase(dictionaries) -> dict[tuple[str, ...], ActorEntry]:
    return {a.phrase: a for a in dictionaries.actors}


def verbs_of(dictionaries, lemma: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(v.code, v.requires) for v in dictionaries.verbs if v.lemma == lemma}


def warning_about(dictionaries, text: str) -> str:
    found = [w for w in dictionaries.warnings if text in w]
    assert found, dictionaries.warnings
    return found[0]


# Files ------------------------------------------------------------------------------------------------


def test_folder_reads_each_kind_of_dictionary_by_name(team):
    names = [Path(s).name for s in team.sources]
    assert names == ["Team.actors.txt", "Team.agents.txt", "Team.discards.txt", "Team.verbs.txt"]


def test_files_that_are_not_dictionaries_are_skipped_with_a_reason(team):
    assert [(Path(s.path).name, s.reason) for s in team.skipped] == [
        ("README.txt", "not a dictionary wirecoder reads (*verbs*, CAMEO*.txt, *actors*, *agents*, *discards*)")
    ]


def test_tables_are_skipped_even_when_named_like_dictionaries(tmp_path):
    write(tmp_path, "codes.actors.tsv", "CODE\tNAME\n")
    write(tmp_path, "Team.discards.txt", "HARVEST FESTIVAL\n")
    loaded = load_dictionaries(tmp_path)
    assert [(Path(s.path).name, s.reason) for s in loaded.skipped] == [
        ("codes.actors.tsv", "a .tsv file, not a PETRARCH dictionary")
    ]


def test_cameo_file_without_verb_blocks_is_skipped(tmp_path):
    write(tmp_path, "CAMEO2TEAM.txt", "040: CONSULT\n")
    write(tmp_path, "Team.discards.txt", "HARVEST FESTIVAL\n")
    loaded = load_dictionaries(tmp_path)
    assert [Path(s.path).name for s in loaded.skipped] == ["CAMEO2TEAM.txt"]


def test_cameo_file_with_verb_blocks_is_read_as_verbs(tmp_path):
    write(tmp_path, "CAMEO.team.txt", "--- PARLEY [040] ---\nPARLEY\n")
    assert load_dictionaries(tmp_path).verbs == (VerbEntry("parley", "verb", "040"),)


def test_petrarch_test_dictionary_is_skipped_in_a_folder(tmp_path):
    write(tmp_path, "PETR.Validate.actors.txt", "VALDORIA [VUT]\n")
    write(tmp_path, "Team.discards.txt", "HARVEST FESTIVAL\n")
    assert load_dictionaries(tmp_path).actors == ()


def test_petrarch_test_dictionary_is_read_when_named(tmp_path):
    path = write(tmp_path, "PETR.Validate.actors.txt", "VALDORIA [VUT]\n")
    assert [a.code for a in load_dictionaries(path).actors] == ["VUT"]


def test_single_file_is_read(tmp_path):
    path = write(tmp_path, "Team.discards.txt", "HARVEST FESTIVAL\n")
    loaded = load_dictionaries(path)
    assert (loaded.sources, loaded.discards) == ((str(path),), (("harvest", "festival"),))


def test_missing_path_error(tmp_path):
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(tmp_path / "nowhere")
    assert str(error.value) == f"{tmp_path / 'nowhere'}: no such file or folder; pass a folder of PETRARCH dictionaries"


def test_folder_without_dictionaries_error(tmp_path):
    write(tmp_path, "notes.md", "# notes\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(tmp_path)
    assert str(error.value) == (
        f"{tmp_path}: no PETRARCH dictionary here; pass the folder that holds the *.verbs.txt, *.actors.txt, "
        "*.agents.txt and *.discards.txt files"
    )


def test_dictionary_error_is_a_value_error():
    assert issubclass(DictionaryError, ValueError)


def test_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning(tmp_path):
    (tmp_path / "Team.actors.txt").write_bytes("SÃO_VALDO [VUT]\n".encode("cp1252"))
    loaded = load_dictionaries(tmp_path)
    assert loaded.actors[0].phrase == ("são", "valdo")
    assert "not UTF-8" in warning_about(loaded, "Windows-1252")


def test_later_file_wins_for_the_same_phrase(tmp_path):
    write(tmp_path, "A.actors.txt", "KESTREL_FRONT [VUTREB]\n")
    write(tmp_path, "B.actors.txt", "KESTREL_FRONT [VUTOPP]\n")
    assert [a.code for a in load_dictionaries(tmp_path).actors] == ["VUTOPP"]


# Actors -----------------------------------------------------------------------------------------------


def test_actor_phrase_is_split_and_lower_cased_like_the_coder(team):
    assert ("valdorian", "coast", "-", "guard") in actors_by_phrase(team)


def test_three_letter_country_code_is_a_country(team):
    valdoria = actors_by_phrase(team)[("valdoria",)]
    assert (valdoria.code, valdoria.country, valdoria.sector, valdoria.kind) == ("VUT", "VUT", None, "country")


def test_sector_is_the_three_letters_after_the_country(team):
    guard = actors_by_phrase(team)[("valdorian", "coast", "-", "guard")]
    assert (guard.country, guard.sector, guard.kind) == ("VUT", "MIL", "organisation")


def test_international_body_has_no_country(team):
    council = actors_by_phrase(team)[("northern", "grain", "council")]
    assert (council.code, council.country, council.sector) == ("IGOAGR", None, "IGO")


def test_name_is_the_primary_name_in_title_case(team):
    assert actors_by_phrase(team)[("kestrel", "liberation", "front")].name == "Kestrel Liberation Front"


def test_synonyms_share_the_primary_name_and_code(team):
    capital = actors_by_phrase(team)[("port", "selvane")]
    assert (capital.name, capital.code) == ("Valdoria", "VUT")


def test_entry_with_dated_roles_is_a_person(team):
    assert actors_by_phrase(team)[("mara", "tellwyn")].kind == "person"


def test_codes_may_stand_on_the_lines_after_the_name(team):
    assert actors_by_phrase(team)[("premier", "tellwyn")].code == "VUTELI"


def test_on_date_picks_the_code_valid_that_day():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2008, 5, 1))
    assert actors_by_phrase(loaded)[("mara", "tellwyn")].code == "VUTGOV"


def test_on_date_falls_back_to_the_undated_code():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2015, 1, 1))
    assert actors_by_phrase(loaded)[("mara", "tellwyn")].code == "VUTELI"


def test_before_date_excludes_the_day_itself():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2012, 12, 31))
    assert actors_by_phrase(loaded)[("orin", "halvard")].code == "VUTOPP"


def test_after_date_includes_the_day_itself():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2013, 1, 1))
    assert actors_by_phrase(loaded)[("orin", "halvard")].code == "VUTGOV"


def test_without_a_date_the_undated_code_is_used(team):
    assert actors_by_phrase(team)[("mara", "tellwyn")].code == "VUTELI"


def test_without_a_date_or_undated_code_the_latest_period_is_used(team):
    assert actors_by_phrase(team)[("orin", "halvard")].code == "VUTGOV"


def test_six_digit_dates_are_read_as_petrarch_reads_them():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2009, 12, 31))
    assert actors_by_phrase(loaded)[("sela", "vosk")].code == "VUTJUD"


def test_actor_with_no_code_on_the_date_is_left_out():
    loaded = load_dictionaries(FIXTURES / "Team.actors.txt", on_date=datetime.date(2010, 1, 1))
    assert ("sela", "vosk") not in actors_by_phrase(loaded)


def test_null_coded_actor_is_skipped_with_a_warning(team):
    assert ("blankworth",) not in actors_by_phrase(team)
    assert warning_about(team, "null-coded actors") == (
        "Team.actors.txt: 1 null-coded actors ([---]) skipped (first at line 27)"
    )


def test_xml_comments_are_ignored(team):
    assert not any("comment" in a.phrase for a in team.actors)


# Agents -----------------------------------------------------------------------------------------------


def test_agent_sector_comes_from_the_tilde_code(team):
    assert AgentEntry(("garrison", "soldier"), "MIL") in team.agents


def test_agent_sector_is_the_first_known_sector_of_the_code(team):
    assert AgentEntry(("tax", "assessor"), "GOV") in team.agents


def test_agent_code_before_the_tilde(team):
    assert AgentEntry(("relief", "worker"), "NGO") in team.agents


@pytest.mark.parametrize(
    "plural",
    [("garrison", "soldiers"), ("trusties",), ("abbesses",)],
    ids=["s", "ies", "es"],
)
def test_regular_agent_plurals_are_generated(team, plural):
    assert plural in {a.phrase for a in team.agents}


def test_irregular_agent_plural_in_braces(team):
    assert {a.phrase for a in team.agents if a.sector == "BUS"} == {("ferryman",), ("ferrymen",)}


def test_empty_braces_mean_no_plural(team):
    assert {a.phrase for a in team.agents if a.sector == "COP"} == {("harbour", "police")}


def test_substitution_marker_gives_one_agent_per_form(team):
    assert {a.phrase[0] for a in team.agents if a.phrase[1:] == ("of", "the", "isles")} == {
        "envoy", "envoys", "emissary", "emissaries"
    }


def test_agent_without_a_wirecoder_sector_is_skipped_with_a_warning(team):
    assert not any(a.phrase[0] == "monastic" for a in team.agents)
    assert warning_about(team, "no wirecoder sector") == (
        "Team.agents.txt: 1 agents whose code has no wirecoder sector skipped, e.g. [~CHRCTH] (first at line 11)"
    )


# Verbs ------------------------------------------------------------------------------------------------


def test_bare_verb_takes_the_block_code(team):
    assert ("040", ()) in verbs_of(team, "parley")


def test_verb_code_overrides_the_block_code(team):
    assert ("041", ()) in verbs_of(team, "confer")
    assert ("040", ()) not in verbs_of(team, "confer")


def test_verb_in_a_null_block_has_no_entry_of_its_own(team):
    assert not any(requires == () for _, requires in verbs_of(team, "lash"))


def test_multiword_verb_is_its_plus_word_with_the_others_required(team):
    assert ("040", ("down",)) in verbs_of(team, "sit")


def test_word_before_the_plus_is_required_too(team):
    assert ("111", ("re", "out", "at")) in verbs_of(team, "convene")


def test_pattern_requires_its_particles_and_prepositions(team):
    assert ("111", ("out", "at")) in verbs_of(team, "lash")


def test_pattern_drops_markers_and_function_words(team):
    assert ("043", ("about", "skiff")) in verbs_of(team, "parley")


def test_pattern_nouns_are_singular_like_lemmas(team):
    assert ("0356", ("lasting", "truce")) in verbs_of(team, "parley")


def test_patterns_apply_to_every_verb_of_the_block(team):
    assert {lemma for lemma in ("parley", "confer", "sit") if ("046", ("with",)) in verbs_of(team, lemma)} == {
        "parley", "confer"
    }
    assert ("046", ("down", "with")) in verbs_of(team, "sit")


def test_synset_gives_one_entry_per_member(team):
    assert {r for code, r in verbs_of(team, "parley") if code == "043"} == {
        ("about", "skiff"), ("about", "barge"), ("about", "ferry", "boat")
    }


def test_synset_inside_a_synset_is_expanded(team):
    assert {r for code, r in verbs_of(team, "lash") if code == "1712"} == {
        ("skiff",), ("barge",), ("ferry", "boat"), ("crate",)
    }


def test_synset_expansion_above_the_cap_skips_the_pattern(monkeypatch, tmp_path):
    monkeypatch.setattr(petrarch, "MAX_SYNSET_EXPANSION", 2)
    write(tmp_path, "Team.verbs.txt", "&BOAT\n+SKIFF\n+BARGE\n+RAFT\n--- LASH [---] ---\nLASH\n- * &BOAT [1712]\n")
    loaded = load_dictionaries(tmp_path)
    assert loaded.verbs == ()
    assert "more than 2 word combinations" in warning_about(loaded, "MAX_SYNSET_EXPANSION")


def test_paired_code_keeps_its_first_part(team):
    assert ("062", ("mock", "battle")) in verbs_of(team, "lash")


def test_four_digit_code_is_kept(team):
    assert {code for code, _ in verbs_of(team, "lash")} >= {"1712"}


def test_passive_only_code_is_skipped_with_a_warning(team):
    assert not any("tribunal" in requires for _, requires in verbs_of(team, "lash"))
    assert warning_about(team, "passive-only").startswith("Team.verbs.txt: 1 passive-only codes like [:173]")


def test_null_coded_pattern_is_dropped(team):
    assert not any("sail" in requires for _, requires in verbs_of(team, "lash"))


def test_code_that_is_not_cameo_digits_is_skipped_with_a_warning(team):
    assert not any("rival" in requires for _, requires in verbs_of(team, "lash"))
    assert warning_about(team, "[0A0]") == (
        "Team.verbs.txt: 1 codes that are not 3-4 CAMEO digits skipped, e.g. [0A0] (first at line 32)"
    )


def test_pattern_about_the_subject_is_skipped(team):
    assert "190" not in {code for code, _ in verbs_of(team, "lash")}
    assert "(first at line 28)" in warning_about(team, "constrain the verb's subject")


def test_prepositional_phrase_before_the_verb_is_not_a_subject(tmp_path):
    write(tmp_path, "Team.verbs.txt", "--- LASH [---] ---\nLASH\n- (AT +) * OUT [111]\n")
    assert load_dictionaries(tmp_path).verbs == (VerbEntry("lash", "verb", "111", ("at", "out")),)


def test_transformation_lines_are_ignored_with_a_warning(team):
    assert warning_about(team, "transformations") == (
        "Team.verbs.txt: 1 verb transformations ('~' lines) ignored (first at line 35)"
    )


def test_later_pattern_with_the_same_words_wins(tmp_path):
    write(tmp_path, "Team.verbs.txt", "--- LASH [---] ---\nLASH\n- * OUT [110]\n- * OUT [111]\n")
    assert load_dictionaries(tmp_path).verbs == (VerbEntry("lash", "verb", "111", ("out",)),)


# Discards ---------------------------------------------------------------------------------------------


def test_plain_lines_discard_sentences(team):
    assert team.discards == (("harvest", "festival"), ("lantern", "parade"))


def test_plus_lines_discard_stories(team):
    assert team.story_discards == (("regatta", "results"),)


# Malformed lines --------------------------------------------------------------------------------------


def test_pattern_without_a_code_error_names_file_and_line(tmp_path):
    path = write(tmp_path, "Team.verbs.txt", "--- LASH [---] ---\nLASH\n- * OUT\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(path)
    assert str(error.value) == (
        f"{path}:3: verb pattern has no code at the end: '- * OUT'; end it with a CAMEO code in brackets, "
        "e.g. '- * (TO BORDER) [154]', or [---] to code nothing"
    )
    assert (error.value.path, error.value.line_no) == (str(path), 3)


def test_pattern_without_a_star_error(tmp_path):
    path = write(tmp_path, "Team.verbs.txt", "--- LASH [---] ---\nLASH\n- OUT [111]\n")
    with pytest.raises(DictionaryError, match=r"Team\.verbs\.txt:3: verb pattern needs exactly one '\*'"):
        load_dictionaries(path)


def test_pattern_before_any_verb_block_error(tmp_path):
    path = write(tmp_path, "Team.verbs.txt", "- * OUT [111]\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(path)
    assert str(error.value) == (
        f"{path}:1: verb pattern outside a verb block: '- * OUT [111]'; "
        "start the block with a header line like '--- MEET [040] ---' above it"
    )


def test_synonym_before_any_actor_error(tmp_path):
    path = write(tmp_path, "Team.actors.txt", "# a header\n+VALDORIAN\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(path)
    assert str(error.value) == (
        f"{path}:2: synonym ('+') before any actor name: '+VALDORIAN'; put it under the actor it is another name for"
    )


def test_unreadable_date_error(tmp_path):
    path = write(tmp_path, "Team.actors.txt", "MARA_TELLWYN\n  [VUTGOV 2004-2012]\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(path)
    assert str(error.value) == (
        f"{path}:2: unreadable date '2004' in an actor code: '[VUTGOV 2004-2012]'; write dates as YYYYMMDD "
        "(or YYMMDD), e.g. [USAGOV 20090120-20170120], [SUN <19911226], [RUS >19911226]"
    )


def test_impossible_date_error(tmp_path):
    path = write(tmp_path, "Team.actors.txt", "MARA_TELLWYN [VUTGOV >20040231]\n")
    with pytest.raises(DictionaryError, match=r"Team\.actors\.txt:1: impossible date '20040231'"):
        load_dictionaries(path)


def test_unbalanced_code_brackets_error(tmp_path):
    path = write(tmp_path, "Team.actors.txt", "VALDORIA [VUT\n")
    with pytest.raises(DictionaryError, match=r"Team\.actors\.txt:1: unbalanced \[ \] in an actor's codes"):
        load_dictionaries(path)


def test_undefined_substitution_marker_error(tmp_path):
    path = write(tmp_path, "Team.agents.txt", "!ENVOY!_OF_THE_ISLES [~GOV]\n")
    with pytest.raises(DictionaryError) as error:
        load_dictionaries(path)
    assert str(error.value) == (
        f"{path}:1: substitution marker !ENVOY! is not defined: '!ENVOY!_OF_THE_ISLES [~GOV]'; "
        "define it above, e.g. '!ENVOY! = MINISTER, MINISTERS', or fix its spelling"
    )
