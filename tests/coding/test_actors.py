"""The team's actor lexicon (coding/data/*.tsv) and the matcher in wirecoder.coding.actors."""

from __future__ import annotations

import itertools
import re
import time
from collections import defaultdict
from importlib import resources

import pytest
import spacy

from wirecoder.coding.actors import ActorLexicon, ActorMatch, load_actor_entries, normalise_phrase, split_phrase
from wirecoder.coding.lexicon import SECTORS, ActorEntry, AgentEntry, phrase

ISO3 = re.compile(r"[A-Z]{3}")


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def lexicon():
    return ActorLexicon.default()


@pytest.fixture(scope="module")
def find(blank_nlp, lexicon):
    """``find(text)`` -> ``[(matched text, code or sector, kind), ...]`` using spaCy's own tokenizer."""

    def run(text, lexicon=lexicon):
        words = [t.text for t in blank_nlp(text)]
        return [_describe(words, m) for m in lexicon.match(words)]

    return run


def _describe(words, match: ActorMatch):
    text = " ".join(words[match.start : match.end])
    entry = match.entry
    if isinstance(entry, AgentEntry):
        return text, entry.sector, "agent"
    return text, entry.code, entry.kind


def _rows(name):
    text = resources.files("wirecoder.coding").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _alternatives(cell):
    return [text for text in cell.split("|") if text]


# --- the data files ---------------------------------------------------------------------------------------------


def test_countries_tsv_rows_are_valid():
    rows = _rows("countries.tsv")
    assert all(len(row) == 5 for row in rows)
    codes = [row[0] for row in rows]
    assert all(ISO3.fullmatch(code) for code in codes)
    assert len(codes) == len(set(codes))
    assert len(rows) >= 195  # 193 UN members, 2 observers, then territories


def test_countries_tsv_has_members_observers_and_territories():
    codes = {row[0] for row in _rows("countries.tsv")}
    assert {"USA", "GBR", "COD", "COG", "CIV", "MMR", "PRK", "KOR", "SSD", "TLS", "VAT", "PSE"} <= codes
    assert {"XKX", "TWN", "ESH", "HKG", "PRI"} <= codes


def test_organisations_tsv_rows_are_valid():
    countries = {row[0] for row in _rows("countries.tsv")}
    for row in _rows("organisations.tsv"):
        assert len(row) == 6, row
        code, name, country, sector, _aliases, kind = row
        assert name, row
        assert sector in SECTORS, row
        assert kind in ("organisation", "person"), row
        if country:
            assert country in countries, row
            assert code == country + sector, row
        else:
            assert re.fullmatch(r"(IGO|NGO|IMG)[A-Z0-9]{3}([A-Z]{3})?", code), row


def test_agents_tsv_rows_are_valid():
    rows = _rows("agents.tsv")
    assert all(len(row) == 2 and row[0] and row[1] in SECTORS for row in rows)
    assert len(rows) >= 200


def test_no_phrase_maps_to_two_codes():
    actors, agents = load_actor_entries()
    codes = defaultdict(set)
    for entry in actors:
        codes[normalise_phrase(entry.phrase)].add(entry.code)
    sectors = defaultdict(set)
    for entry in agents:
        sectors[normalise_phrase(entry.phrase)].add(entry.sector)
    assert {key: found for key, found in codes.items() if len(found) > 1} == {}
    assert {key: found for key, found in sectors.items() if len(found) > 1} == {}


def test_load_actor_entries_counts_and_kinds():
    actors, agents = load_actor_entries()
    kinds = {entry.kind for entry in actors}
    assert kinds == {"country", "demonym", "capital", "organisation", "person"}
    assert len({e.name for e in actors if e.kind == "person"}) >= 60
    assert len({e.name for e in actors if e.kind == "organisation"}) >= 300
    assert all(isinstance(entry, AgentEntry) for entry in agents)


def test_load_actor_entries_returns_fresh_lists():
    actors, _ = load_actor_entries()
    actors.clear()
    assert load_actor_entries()[0]


@pytest.mark.parametrize(
    ("cell", "frame"),
    [(cell, "Officials said {} acted .") for cell in ("name", "aliases", "demonyms", "capitals")],
)
def test_every_country_phrase_matches_its_own_code(blank_nlp, lexicon, cell, frame):
    column = ("iso3", "name", "aliases", "demonyms", "capitals").index(cell)
    for row in _rows("countries.tsv"):
        code = row[0] + ("GOV" if cell == "capitals" else "")
        for text in _alternatives(row[column]):
            _assert_whole_phrase_matches(blank_nlp, lexicon, frame.format(text), text, code)


def test_every_organisation_phrase_matches_its_own_code(blank_nlp, lexicon):
    for row in _rows("organisations.tsv"):
        for text in [row[1], *_alternatives(row[4])]:
            _assert_whole_phrase_matches(blank_nlp, lexicon, f"Officials said {text} acted .", text, row[0])


def test_every_agent_phrase_matches_its_own_sector(blank_nlp, lexicon):
    for text, sector in _rows("agents.tsv"):
        _assert_whole_phrase_matches(blank_nlp, lexicon, f"Reports said {text} acted .", text, sector)


def _assert_whole_phrase_matches(nlp, lexicon, sentence, text, code):
    words = [t.text for t in nlp(sentence)]
    expected = [t.text for t in nlp(text)]
    found = [_describe(words, m) for m in lexicon.match(words)]
    assert (" ".join(expected), code) in [(t, c) for t, c, _ in found], (text, found)


# --- kinds ------------------------------------------------------------------------------------------------------


def test_match_country_name(find):
    assert find("Syria rejected the plan.") == [("Syria", "SYR", "country")]


def test_match_country_alias(find):
    assert find("Fighting resumed in eastern DRC.") == [("DRC", "COD", "country")]


def test_match_demonym_plural(find):
    assert find("Syrians queued for bread.") == [("Syrians", "SYR", "demonym")]


def test_match_capital_is_government_code(lexicon):
    (match,) = lexicon.match(["Damascus", "denied", "it"])
    assert (match.entry.code, match.entry.sector, match.entry.kind) == ("SYRGOV", "GOV", "capital")


def test_match_organisation_and_person(find):
    assert find("Hezbollah said Nasrallah spoke.") == [
        ("Hezbollah", "LBNREB", "organisation"),
        ("Nasrallah", "LBNREB", "person"),
    ]


def test_match_kremlin_is_russian_government(find):
    assert find("The Kremlin denied it.") == [("Kremlin", "RUSGOV", "organisation")]


# --- longest match ----------------------------------------------------------------------------------------------


def test_match_prefers_islamic_state_to_state(find):
    assert find("Islamic State claimed the attack.") == [("Islamic State", "IMGISI", "organisation")]


def test_match_takes_whole_syrian_observatory(find):
    assert find("The Syrian Observatory for Human Rights said so.") == [
        ("Syrian Observatory for Human Rights", "SYRNGO", "organisation"),
    ]


def test_match_prefers_south_sudan_to_sudan(find):
    assert find("South Sudan and Sudan met.") == [("South Sudan", "SSD", "country"), ("Sudan", "SDN", "country")]


def test_match_prefers_named_phrase_to_agent(find):
    assert find("Free Syrian Army fighters advanced.") == [
        ("Free Syrian Army", "SYRREB", "organisation"),
        ("fighters", "REB", "agent"),
    ]


def test_match_is_left_to_right_and_never_overlaps(blank_nlp, lexicon):
    text = "U.S. and British warplanes struck Houthi rebels near Sanaa, the Pentagon said."
    words = [t.text for t in blank_nlp(text)]
    matches = lexicon.match(words)
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    assert len(matches) == 7


# --- case -------------------------------------------------------------------------------------------------------


def test_match_lower_case_turkey_is_a_bird(find):
    assert find("We ate roast turkey with Grandma.") == []


def test_match_hanging_chad_is_not_chad(find):
    assert find("Florida counted every hanging chad.") == []


def test_match_capitalised_turkey_is_a_country(find):
    assert find("Officials in Turkey agreed.") == [("Officials", "GOV", "agent"), ("Turkey", "TUR", "country")]


def test_match_capital_written_with_a_lower_case_article_is_not_the_capital(find):
    assert ("la Paz", "BOLGOV", "capital") not in find("The Mesa por la Paz welcomed the talks.")


def test_match_capital_written_as_a_name_is_the_capital(find):
    assert ("La Paz", "BOLGOV", "capital") in find("La Paz welcomed the talks.")


def test_match_pronoun_us_never_matches(find):
    assert find("They told us to leave.") == []


def test_match_sentence_initial_us_is_not_the_united_states(find):
    assert find("Us and them, he said.") == []


@pytest.mark.parametrize("spelling", ["US", "U.S.", "U.S", "USA"])
def test_match_united_states_spellings(find, spelling):
    assert find(f"The {spelling} embassy closed.")[0] == (spelling, "USA", "country")


def test_match_is_the_verb_is_not_islamic_state(find):
    assert find("The city is quiet, IS said.") == [("IS", "IMGISI", "organisation")]


def test_match_lower_case_islamic_state_is_not_the_group(find):
    assert find("They want an Islamic state.") == []


def test_match_all_upper_case_headline_ignores_case(find):
    assert find("TURKEY SHELLS KURDISH MILITANTS") == [("TURKEY", "TUR", "country"), ("MILITANTS", "REB", "agent")]


def test_match_all_upper_case_us_needs_full_stops(find):
    assert find("TELL US WHY") == []
    assert find("U.S. TROOPS LEAVE") == [("U.S.", "USA", "country"), ("TROOPS", "MIL", "agent")]


def test_match_all_lower_case_text_matches_names(find):
    assert find("syrian troops shelled the town") == [("syrian", "SYR", "demonym"), ("troops", "MIL", "agent")]


def test_match_particle_and_hyphen_pieces_may_be_lower_case(find):
    assert find("Kim Jong-un met al-Shabab envoys.")[:2] == [
        ("Kim Jong - un", "PRKGOV", "person"),
        ("al - Shabab", "SOMREB", "organisation"),
    ]


def test_match_generic_head_may_be_lower_case(find):
    assert find("The Congress party won.") == [("Congress party", "INDPTY", "organisation")]


# --- agents -----------------------------------------------------------------------------------------------------


def test_match_agents_ignore_case(find):
    assert find("Police arrested Rebels.") == [("Police", "COP", "agent"), ("Rebels", "REB", "agent")]


def test_match_agent_through_lemma_of_plural(lexicon):
    (match,) = lexicon.match(["Rival", "juntas", "met"], ["rival", "junta", "meet"])
    assert (match.start, match.end, match.entry.sector) == (1, 2, "MIL")


def test_match_agent_needs_lemma_for_unlisted_plural(lexicon):
    assert lexicon.match(["Rival", "juntas", "met"]) == []


def test_match_agent_lemma_of_verb_is_ignored(lexicon):
    assert lexicon.match(["She", "judged", "it"], ["she", "judge", "it"]) == []


def test_match_multiword_agent(find):
    assert find("Unidentified gunmen and security forces clashed.") == [
        ("Unidentified gunmen", "UAF", "agent"),
        ("security forces", "MIL", "agent"),
    ]


def test_match_rejects_lemmas_of_another_length(lexicon):
    with pytest.raises(ValueError, match=r"^3 words but 2 lemmas; pass one lemma per word$"):
        lexicon.match(["a", "b", "c"], ["a", "b"])


# --- spelling variants ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["al-Qaeda", "al Qaeda", "Al-Qaida", "Al Qaeda", "al-Qa’ida"])
def test_match_al_qaeda_spellings(find, spelling):
    assert [code for _, code, _ in find(f"Officials blamed {spelling} for it.")] == ["GOV", "IMGALQ"]


@pytest.mark.parametrize("spelling", ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Ivory Coast"])
def test_match_ivory_coast_spellings(find, spelling):
    assert find(f"Troops from {spelling} arrived.")[1][1:] == ("CIV", "country")


def test_match_curly_apostrophe_inside_name(find):
    assert find("Hay’at Tahrir al-Sham took the city.") == [
        ("Hay’at Tahrir al - Sham", "SYRREB", "organisation"),
    ]


def test_match_hyphen_or_space(find):
    assert find("Guinea Bissau and Guinea-Bissau voted.") == [
        ("Guinea Bissau", "GNB", "country"),
        ("Guinea - Bissau", "GNB", "country"),
    ]


def test_match_possessive_is_left_out(find):
    assert find("Assad's forces advanced.") == [("Assad", "SYRGOV", "person"), ("forces", "MIL", "agent")]


def test_match_inside_hyphenated_token_covers_the_token(find):
    assert find("U.S.-led strikes hit.") == [("U.S.-led", "USA", "country")]


def test_match_possessive_inside_name(find):
    assert find("The Lord's Resistance Army attacked.") == [("Lord 's Resistance Army", "UGAREB", "organisation")]


# --- stop phrases -----------------------------------------------------------------------------------------------


def test_match_south_china_sea_is_not_china(find):
    assert find("Ships sailed the South China Sea.") == []


def test_match_latin_america_is_not_the_united_states(find):
    assert find("Latin America voted.") == []


# --- extension --------------------------------------------------------------------------------------------------


def _entry(text, code):
    return ActorEntry(phrase(text), code, text, code[:3], code[3:] or None, "organisation")


def test_extended_entries_win_on_equal_phrases(blank_nlp, lexicon):
    extended = lexicon.extended([_entry("Hezbollah", "LBNMIL")], [])
    (match,) = extended.match(["Hezbollah", "fired"])
    assert match.entry.code == "LBNMIL"


def test_extended_leaves_the_original_unchanged(lexicon):
    lexicon.extended([_entry("Hezbollah", "LBNMIL")], [])
    assert lexicon.match(["Hezbollah", "fired"])[0].entry.code == "LBNREB"


def test_extended_shorter_phrase_does_not_beat_longer(lexicon):
    extended = lexicon.extended([_entry("State", "XXXGOV")], [])
    assert extended.match(["Islamic", "State", "fired"])[0].entry.code == "IMGISI"


def test_extended_agent_wins_on_equal_phrase(lexicon):
    extended = lexicon.extended([], [AgentEntry(("troops",), "REB")])
    assert extended.match(["troops", "fired"])[0].entry.sector == "REB"


def test_extended_accepts_lexicon_phrase_splits(blank_nlp, lexicon):
    extended = lexicon.extended([_entry("Ta'ang Liberation Front", "MMRREB")], [])
    words = [t.text for t in blank_nlp("The Ta'ang Liberation Front fought.")]
    (match,) = extended.match(words)
    assert (match.start, match.end, match.entry.code) == (1, 4, "MMRREB")


def test_lexicon_without_stop_phrases_matches_inside_them():
    lexicon = ActorLexicon([_entry("China", "CHN")], [])
    assert [m.entry.code for m in lexicon.match(["South", "China", "Sea"])] == ["CHN"]


# --- tokenisation -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Côte d'Ivoire", "al-Qaeda", "Lord's Resistance Army", "Kurdistan Workers' Party", "U.S.", "U.N.",
        "Hay'at Tahrir al-Sham", "Guinea-Bissau", "Washington, D.C.", "Lashkar-e-Taiba", "RFE/RL", "Kim Jong-un",
        "Communist Party of India (Maoist)", "Ferdinand Marcos Jr.", "N'Djamena", "People's Republic of China",
    ],
)
def test_split_phrase_agrees_with_spacy(blank_nlp, text):
    assert split_phrase(text) == tuple(t.lower_ for t in blank_nlp(text))


def test_normalise_phrase_folds_spelling_variants():
    assert normalise_phrase(phrase("Côte d'Ivoire")) == normalise_phrase(split_phrase("Cote d’Ivoire"))
    assert normalise_phrase(("u.s.",)) == normalise_phrase(("US",)) == ("us",)
    assert normalise_phrase(("workers", "'", "party")) == ("workers", "party")


# --- speed ------------------------------------------------------------------------------------------------------


def test_match_is_fast(blank_nlp, lexicon):
    text = (
        "Syrian government forces backed by Russian warplanes and Iran-backed militias on Tuesday shelled "
        "rebel-held villages near Idlib, killing 12 civilians, the Syrian Observatory for Human Rights said, "
        "while Turkey warned Damascus."
    )
    words = [t.text for t in blank_nlp(text)]
    assert len(words) >= 35
    lexicon.match(words)
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        lexicon.match(words, words)
    per_token = (time.perf_counter() - started) / runs / len(words)
    assert per_token < 1e-4
