"""``wirecoder.dates.event_date`` for an event told in a clause opened by "four days after", "a week after" or "the
day after": it happened that long before the date of the sentence's main clause. Every sentence is the team's own.
2024-03-18, the usual publication date here, is a Monday."""

from __future__ import annotations

import datetime as dt

import pytest

from wirecoder.dates import event_date
from wirecoder.records import DATE_DAY, DATE_WEEK, EventDate

MON = dt.date(2024, 3, 18)
D = dt.date
TRUCE = "Minibuses crossed the front line on Monday, four days after both sides declared a truce."


def dated(sentence: str, trigger: str, *, published: dt.date = MON) -> EventDate | None:
    """``event_date`` with the anchor on the first occurrence of ``trigger``."""
    return event_date(sentence, published=published, anchor=sentence.index(trigger))


# the clause after "N days after" ---------------------------------------------------------------------------------


def test_event_after_four_days_after_is_four_days_before_the_main_clauses_date():
    result = dated(TRUCE, "declared")
    assert (result.date, result.precision, result.text) == (D(2024, 3, 14), DATE_DAY, "four days after")


def test_interval_span_is_the_phrase_that_says_so():
    result = dated(TRUCE, "declared")
    assert (result.start, result.end) == (TRUCE.index("four"), TRUCE.index("four") + len("four days after"))


def test_main_clause_keeps_its_own_date():
    result = dated(TRUCE, "crossed")
    assert (result.date, result.text) == (D(2024, 3, 18), "Monday")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("a week after", D(2024, 3, 11)),
    ("two weeks after", D(2024, 3, 4)),
    ("the day after", D(2024, 3, 17)),
    ("one day after", D(2024, 3, 17)),
], ids=["a-week", "two-weeks", "the-day", "one-day"])
def test_interval_words_count_days_and_weeks(phrase, expected):
    sentence = TRUCE.replace("four days after", phrase)
    result = dated(sentence, "declared")
    assert (result.date, result.text) == (expected, phrase)


def test_interval_counts_from_the_main_clauses_date_not_the_publication_date():
    sentence = TRUCE.replace("on Monday", "on Saturday")
    assert dated(sentence, "declared").date == D(2024, 3, 12)  # Saturday the 16th, less four days


# a sentence without a date of its own ----------------------------------------------------------------------------

BOMB = "Three days after a bomb tore through the market, no group has claimed the attack."
WED = dt.date(2023, 11, 15)


def test_interval_without_a_stated_date_counts_from_publication_at_week_precision():
    result = dated(BOMB, "tore", published=WED)
    assert (result.date, result.precision, result.text) == (D(2023, 11, 12), DATE_WEEK, "Three days after")


def test_comma_closes_the_interval_clause():
    result = dated(BOMB, "claimed", published=WED)
    assert (result.date, result.text) == (WED, None)


# a date stated inside the clause ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected", "text"), [
    ("Minibuses crossed the front line on Monday, four days after the truce was declared on Wednesday.",
     D(2024, 3, 13), "Wednesday"),
    ("Minibuses crossed the front line on Monday, four days after both sides declared a truce on March 10.",
     D(2024, 3, 10), "March 10"),
    ("Minibuses crossed the front line on Monday, a week after both sides declared a truce on Thursday.",
     D(2024, 3, 14), "Thursday"),
], ids=["wednesday", "march-10", "a-week-thursday"])
def test_date_stated_inside_the_after_clause_wins_over_the_count(sentence, expected, text):
    result = dated(sentence, "declared")
    assert (result.date, result.text) == (expected, text)


def test_main_clause_of_a_sentence_whose_after_clause_has_a_date_keeps_its_own():
    sentence = "Minibuses crossed the front line on Monday, four days after both sides declared a truce on March 10."
    assert dated(sentence, "crossed").date == D(2024, 3, 18)
