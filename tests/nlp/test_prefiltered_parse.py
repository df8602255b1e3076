"""Parsing only the sentences the pre-filter keeps: the rest stay unparsed, in place, with their offsets."""

from __future__ import annotations

import pytest

from wirecoder.nlp import load, parse_article, split_sentences
from wirecoder.records import Article


def _article(*paragraphs: str) -> Article:
    return Article(id="a", source="<test>", publisher=None, title=None, published=None, authors=(), dateline=None,
                   body=paragraphs, boilerplate=(), language="en")


def _split(settings, text: str) -> list[str]:
    doc = load(settings.spacy_model).make_doc(text)
    return [doc[start:end].text for start, end in split_sentences(doc)]


def test_splits_at_a_full_stop_before_a_capital(settings):
    assert _split(settings, "Troops entered the town. Residents fled.") == [
        "Troops entered the town.", "Residents fled."]


def test_a_closing_quote_stays_with_its_sentence(settings):
    assert _split(settings, 'He said "we will win." Then he left.') == ['He said "we will win."', "Then he left."]


def test_an_opening_quote_starts_the_next_sentence(settings):
    assert _split(settings, 'Troops entered the town. "We won," he said.') == [
        "Troops entered the town.", '"We won," he said.']


def test_a_quote_followed_by_its_speaker_is_one_sentence(settings):
    assert _split(settings, '"We will win!" he said.') == ['"We will win!" he said.']


def test_abbreviations_do_not_split(settings):
    assert _split(settings, "Mr. Smith met U.S. officials.") == ["Mr. Smith met U.S. officials."]


def test_a_full_stop_before_a_lower_case_word_does_not_split(settings):
    assert _split(settings, "It rose 3 p.m. on the day. and fell.") == ["It rose 3 p.m. on the day. and fell."]


@pytest.fixture(scope="module")
def mixed(settings):
    article = _article("The weather was mild. Rebels attacked the airport on Monday.", "Prices rose again.")
    return article, parse_article(article, settings=settings, keep=lambda words: "attacked" in words)


def test_only_kept_sentences_are_parsed(mixed):
    _, sentences = mixed
    assert [s.parsed for s in sentences] == [False, True, False]


def test_every_sentence_keeps_its_index_and_span(mixed):
    article, sentences = mixed
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [article.text[s.start:s.end] for s in sentences] == [s.text for s in sentences]
    assert [s.text for s in sentences] == ["The weather was mild.", "Rebels attacked the airport on Monday.",
                                           "Prices rose again."]


def test_token_offsets_point_into_the_article(mixed):
    article, sentences = mixed
    for sentence in sentences:
        for token in sentence.tokens:
            assert article.text[token.start:token.end] == token.text


def test_a_parsed_sentence_has_tags_dependencies_and_entities(mixed):
    _, sentences = mixed
    tokens = {t.text: t for t in sentences[1].tokens}
    assert tokens["attacked"].pos == "VERB"
    assert tokens["Rebels"].dep == "nsubj"
    assert tokens["Monday"].ent_type == "DATE"


def test_an_unparsed_sentence_has_words_only(mixed):
    _, sentences = mixed
    assert all(t.pos == "" and t.dep == "" and t.ent_type == "" and t.head == t.i for t in sentences[0].tokens)


def test_without_a_filter_every_sentence_is_parsed(settings):
    sentences = parse_article(_article("The weather was mild. Rebels attacked the airport."), settings=settings)
    assert all(s.parsed for s in sentences)
    assert all(t.pos for s in sentences for t in s.tokens)


def test_kept_sentences_around_a_skipped_one_come_back_in_order(settings):
    article = _article("Rebels attacked the airport. The weather was mild. Troops attacked the base.")
    sentences = parse_article(article, settings=settings, keep=lambda words: "attacked" in words)
    assert [(s.text, s.parsed) for s in sentences] == [
        ("Rebels attacked the airport.", True), ("The weather was mild.", False), ("Troops attacked the base.", True)]
    for sentence in sentences:
        assert [article.text[t.start:t.end] for t in sentence.tokens] == [t.text for t in sentence.tokens]
        assert all(0 <= t.head < len(sentence.tokens) for t in sentence.tokens)
