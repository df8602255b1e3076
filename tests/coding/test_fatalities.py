"""``wirecoder.coding.fatalities.fatalities``: the deaths a sentence reports, with ACLED's conventions for vague
counts. Every sentence here is the team's own."""

from __future__ import annotations

import pytest

from wirecoder.coding.fatalities import fatalities

# Numbers -------------------------------------------------------------------------------------------------------


def test_fatalities_digits_after_killed():
    assert fatalities("A roadside bomb killed 14 soldiers on the road to Kandahar.") == 14


def test_fatalities_digits_with_thousands_separator():
    assert fatalities("The earthquake and its aftershocks killed 1,240 people across the province.") == 1240


def test_fatalities_word_after_killing():
    assert fatalities("Gunmen opened fire on a minibus near Jos, killing six.") == 6


def test_fatalities_hyphenated_number_word():
    assert fatalities("Twenty-one miners were killed when the shaft collapsed.") == 21


def test_fatalities_number_before_were_killed():
    assert fatalities("Nine villagers were killed in the raid, local officials said.") == 9


def test_fatalities_at_least_keeps_the_number():
    assert fatalities("At least 75 people were killed in the fighting around the airport.") == 75


# Vague counts (ACLED conventions) ------------------------------------------------------------------------------


def test_fatalities_dozens_dead_counts_as_twelve():
    assert fatalities("Shelling of the market left dozens dead.") == 12


def test_fatalities_several_killed_counts_as_ten():
    assert fatalities("Several protesters were killed when police opened fire.") == 10


def test_fatalities_scores_counts_as_twenty():
    assert fatalities("Scores of people were killed in the clashes.") == 20


def test_fatalities_hundreds_counts_as_one_hundred():
    assert fatalities("Hundreds of civilians have been killed since the siege began.") == 100


# Death tolls ---------------------------------------------------------------------------------------------------


def test_fatalities_death_toll_rose_to():
    assert fatalities("The death toll rose to 43 on Monday, the health ministry said.") == 43


def test_fatalities_death_toll_from_an_attack_rose_to():
    assert fatalities("The death toll from Sunday's bombing rose to 43, the health ministry said.") == 43


def test_fatalities_death_toll_of():
    assert fatalities("Medics reported a death toll of 17 after the attack on the checkpoint.") == 17


# No number -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Rebels attacked an army checkpoint outside the city on Tuesday.",
    "Seven soldiers were wounded when their convoy hit a mine.",
    "The minister said 40 people had been arrested after the protest.",
])
def test_fatalities_no_deaths_reported_is_none(sentence):
    assert fatalities(sentence) is None
