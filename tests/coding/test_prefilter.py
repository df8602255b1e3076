"""The sentence pre-filter: which sentences are worth parsing, from their words alone."""

from __future__ import annotations

import pytest

from wirecoder.coding import Lexicons
from wirecoder.coding.actors import ActorLexicon
from wirecoder.coding.lexicon import ActorEntry, AgentEntry, VerbEntry
from wirecoder.coding.prefilter import SentenceFilter, lemma_guesses
from wirecoder.coding.verbs import VerbLexicon


@pytest.fixture(scope="module")
def keep(settings):
    lexicons = Lexicons.for_settings(settings)
    return SentenceFilter(lexicons.verbs, lexicons.actors, irregular={"fought": ["fight"], "met": ["meet"]})


def words(text: str) -> list[str]:
    return text.replace(".", " .").replace(",", " ,").split()


@pytest.mark.parametrize("text", [
    "Syrian forces stormed the town .",
    "Rebels shelled the airport on Monday .",
    "The police arrested 12 protesters .",
    "Troops fought insurgents near the border .",
    "The two leaders met in Geneva .",
    "Hundreds of demonstrators marched through the capital .",
    "Sunday 's explosion killed seven .",
])
def test_keeps_sentences_that_can_hold_an_event(keep, text):
    assert keep(words(text))


@pytest.mark.parametrize("text", [
    "The weather was mild for the season .",
    "It is not clear what happens next .",
    "Prices rose by two percent in the quarter .",
])
def test_skips_sentences_without_a_trigger(keep, text):
    assert not keep(words(text))


def test_skips_a_trigger_with_no_actor_candidate(keep):
    assert not keep(words("it was attacked and destroyed ."))


def test_a_trigger_needs_the_words_its_entry_requires():
    verbs = VerbLexicon([VerbEntry("hold", "verb", "043", requires=("talk",))])
    actors = ActorLexicon([ActorEntry(phrase=("france",), code="FRA", name="France", country="FRA", sector=None,
                                         kind="country")], [])
    keep = SentenceFilter(verbs, actors, irregular={"held": ["hold"]})
    assert keep(words("France held talks on trade ."))
    assert not keep(words("France held its breath ."))


def test_a_capitalised_function_word_starting_the_sentence_is_no_actor():
    verbs = VerbLexicon([VerbEntry("attack", "verb", "190")])
    keep = SentenceFilter(verbs, ActorLexicon([], []))
    assert not keep(words("After that they attacked ."))
    assert keep(words("Gunmen attacked ."))


def test_an_agent_noun_in_the_plural_is_an_actor_candidate():
    verbs = VerbLexicon([VerbEntry("attack", "verb", "190")])
    actors = ActorLexicon([], [AgentEntry(phrase=("militiaman",), sector="REB")])
    keep = SentenceFilter(verbs, actors)
    assert keep(words("militiamen attacked ."))


@pytest.mark.parametrize(("word", "lemma"), [
    ("stormed", "storm"), ("seized", "seize"), ("stopped", "stop"), ("carries", "carry"), ("carried", "carry"),
    ("shelling", "shell"), ("firing", "fire"), ("dying", "die"), ("attacks", "attack"), ("marches", "march"),
])
def test_lemma_guesses_cover_regular_inflections(word, lemma):
    assert lemma in lemma_guesses(word)


def test_lemma_guesses_take_irregular_forms_from_the_table():
    assert "fight" in lemma_guesses("fought", {"fought": ["fight"]})
    assert "fight" not in lemma_guesses("fought")
