"""``wirecoder.dates``: date expressions resolved against the publication date, and the one that dates an event.
Every sentence here is the team's own. 2013-06-05, the usual publication date, is a Wednesday."""

from __future__ import annotations

import datetime as dt

import pytest

from wirecoder.dates import event_date, find_dates
from wirecoder.records import DATE_DAY, DATE_MONTH, DATE_WEEK, EventDate

WED = dt.date(2013, 6, 5)
D = dt.date


def only(text: str, *, published: dt.date | None = WED, future: bool = False) -> EventDate:
    """The one date expression of ``text``."""
    dates = find_dates(text, published=published, future=future)
    assert len(dates) == 1, dates
    return dates[0]


def dated(sentence: str, trigger: str | None = None, *, published: dt.date | None = WED, future: bool = False,
          fallback: EventDate | None = None) -> EventDate | None:
    """``event_date`` with the anchor on the first occurrence of ``trigger``."""
    anchor = None if trigger is None else sentence.index(trigger)
    return event_date(sentence, published=published, anchor=anchor, future=future, fallback=fallback)


# The seed case -------------------------------------------------------------------------------------------------


def test_seed_sentence_same_weekday_as_publication_is_that_day_with_its_span():
    sentence = "Government troops captured the border town of Xyz on Wednesday after a two-week siege"
    result = dated(sentence, "captured", published=D(2013, 6, 5))
    start = sentence.index("Wednesday")
    assert result == EventDate(date=D(2013, 6, 5), precision=DATE_DAY, text="Wednesday", start=start,
                               end=start + len("Wednesday"))


def test_find_dates_shifts_offsets_by_offset():
    text = "Police dispersed the crowd on Friday."
    result = find_dates(text, published=WED, offset=1000)[0]
    assert (result.start, result.end) == (1000 + text.index("Friday"), 1000 + text.index("Friday") + 6)


def test_event_date_anchor_and_spans_are_on_the_offset_scale():
    sentence = "After talks on Monday collapsed, troops attacked the town on Wednesday."
    result = event_date(sentence, published=WED, anchor=500 + sentence.index("attacked"), offset=500)
    assert result is not None
    assert (result.text, result.start) == ("Wednesday", 500 + sentence.index("Wednesday"))


def test_find_dates_lists_expressions_in_text_order():
    text = "Talks broke down on Tuesday, a week after the 28 May ceasefire and hours before yesterday's vote."
    assert [d.text for d in find_dates(text, published=WED)] == ["Tuesday", "28 May", "yesterday"]


# Bare weekdays -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("published", "weekday", "expected"), [
    # published on a Wednesday
    (D(2013, 6, 5), "Monday", D(2013, 6, 3)),
    (D(2013, 6, 5), "Tuesday", D(2013, 6, 4)),
    (D(2013, 6, 5), "Wednesday", D(2013, 6, 5)),
    (D(2013, 6, 5), "Thursday", D(2013, 5, 30)),
    (D(2013, 6, 5), "Friday", D(2013, 5, 31)),
    (D(2013, 6, 5), "Saturday", D(2013, 6, 1)),
    (D(2013, 6, 5), "Sunday", D(2013, 6, 2)),
    # published on a Monday
    (D(2013, 6, 3), "Sunday", D(2013, 6, 2)),
    (D(2013, 6, 3), "Monday", D(2013, 6, 3)),
    (D(2013, 6, 3), "Tuesday", D(2013, 5, 28)),
    # published on a Sunday
    (D(2013, 6, 9), "Saturday", D(2013, 6, 8)),
    (D(2013, 6, 9), "Sunday", D(2013, 6, 9)),
    (D(2013, 6, 9), "Monday", D(2013, 6, 3)),
    # published on a Friday, across a month end
    (D(2013, 3, 1), "Thursday", D(2013, 2, 28)),
    (D(2013, 3, 1), "Saturday", D(2013, 2, 23)),
    # published on a Tuesday, across a year end
    (D(2013, 1, 1), "Monday", D(2012, 12, 31)),
    (D(2013, 1, 1), "Friday", D(2012, 12, 28)),
])
def test_bare_weekday_is_latest_such_day_on_or_before_publication(published, weekday, expected):
    result = only(f"Security forces raided the camp on {weekday}.", published=published)
    assert (result.date, result.precision, result.text) == (expected, DATE_DAY, weekday)


@pytest.mark.parametrize(("phrase", "text", "expected"), [
    ("on Monday night", "Monday night", D(2013, 6, 3)),
    ("Tuesday morning", "Tuesday morning", D(2013, 6, 4)),
    ("late Sunday", "late Sunday", D(2013, 6, 2)),
    ("early Friday", "early Friday", D(2013, 5, 31)),
    ("late on Saturday", "late on Saturday", D(2013, 6, 1)),
    ("on Thursday evening", "Thursday evening", D(2013, 5, 30)),
    ("on Sunday's", "Sunday", D(2013, 6, 2)),
])
def test_weekday_with_time_of_day_is_that_day(phrase, text, expected):
    result = only(f"Gunmen struck the convoy {phrase} near the border.")
    assert (result.date, result.precision, result.text) == (expected, DATE_DAY, text)


@pytest.mark.parametrize(("weekday", "expected"), [
    ("Monday", D(2013, 6, 10)),
    ("Tuesday", D(2013, 6, 11)),
    ("Wednesday", D(2013, 6, 5)),
    ("Thursday", D(2013, 6, 6)),
    ("Sunday", D(2013, 6, 9)),
])
def test_future_reading_takes_next_such_day_on_or_after_publication(weekday, expected):
    assert only(f"The two foreign ministers will meet on {weekday}.", future=True).date == expected


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("last Monday", D(2013, 6, 3), D(2013, 5, 27)),  # published on a Monday: a week back
    ("last Monday", D(2013, 6, 5), D(2013, 6, 3)),
    ("last Wednesday", D(2013, 6, 5), D(2013, 5, 29)),
    ("this past Sunday", D(2013, 6, 5), D(2013, 6, 2)),
    ("next Monday", D(2013, 6, 3), D(2013, 6, 10)),  # published on a Monday: a week ahead
    ("next Friday", D(2013, 6, 5), D(2013, 6, 7)),
    ("next Wednesday", D(2013, 6, 5), D(2013, 6, 12)),
])
def test_last_and_next_weekday_exclude_the_publication_day(phrase, published, expected):
    result = only(f"The committee voted {phrase} to suspend the talks.", published=published)
    assert (result.date, result.text) == (expected, phrase)


def test_next_weekday_is_ahead_even_in_a_past_reading():
    assert only("Voting is set for next Tuesday.", future=False).date == D(2013, 6, 11)


# Days, weeks and months counted from publication ---------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "expected"), [
    ("yesterday", D(2013, 6, 4)),
    ("late yesterday", D(2013, 6, 4)),
    ("yesterday afternoon", D(2013, 6, 4)),
    ("today", D(2013, 6, 5)),
    ("tonight", D(2013, 6, 5)),
    ("last night", D(2013, 6, 4)),
    ("this morning", D(2013, 6, 5)),
    ("earlier today", D(2013, 6, 5)),
    ("the day before yesterday", D(2013, 6, 3)),
    ("two days ago", D(2013, 6, 3)),
    ("3 days ago", D(2013, 6, 2)),
    ("three days earlier", D(2013, 6, 2)),
    ("a day earlier", D(2013, 6, 4)),
    ("tomorrow", D(2013, 6, 6)),
])
def test_relative_day_is_counted_from_publication(phrase, expected):
    result = only(f"Protesters gathered outside parliament {phrase}.")
    assert (result.date, result.precision, result.text) == (expected, DATE_DAY, phrase)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("last week", D(2013, 5, 29)),
    ("late last week", D(2013, 5, 29)),
    ("a week ago", D(2013, 5, 29)),
    ("two weeks ago", D(2013, 5, 22)),
    ("a fortnight ago", D(2013, 5, 22)),
    ("this week", D(2013, 6, 5)),
    ("earlier this week", D(2013, 6, 5)),
    ("earlier in the week", D(2013, 6, 5)),
    ("next week", D(2013, 6, 12)),
])
def test_week_expressions_have_week_precision_on_publication_weekday(phrase, expected):
    result = only(f"The army shelled rebel positions {phrase}.")
    assert (result.date, result.precision, result.text) == (expected, DATE_WEEK, phrase)


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("over the weekend", D(2013, 6, 5), D(2013, 6, 1)),
    ("at the weekend", D(2013, 6, 9), D(2013, 6, 8)),  # published on the Sunday: this weekend
    ("last weekend", D(2013, 6, 5), D(2013, 6, 1)),
    ("last weekend", D(2013, 6, 9), D(2013, 6, 1)),  # published on a Sunday: the weekend before
    ("next weekend", D(2013, 6, 5), D(2013, 6, 15)),
])
def test_weekend_is_dated_by_its_saturday(phrase, published, expected):
    result = only(f"Thousands marched through the capital {phrase}.", published=published)
    assert (result.date, result.precision) == (expected, DATE_WEEK)


def test_vague_count_of_days_has_week_precision():
    result = only("The militia seized the airport a few days ago.")
    assert (result.date, result.precision) == (D(2013, 6, 2), DATE_WEEK)


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("last month", D(2013, 6, 5), D(2013, 5, 1)),
    ("last month", D(2013, 1, 15), D(2012, 12, 1)),
    ("this month", D(2013, 6, 5), D(2013, 6, 1)),
    ("earlier this month", D(2013, 6, 5), D(2013, 6, 1)),
    ("later this month", D(2013, 6, 5), D(2013, 6, 1)),
    ("next month", D(2013, 12, 20), D(2014, 1, 1)),
    ("two months ago", D(2013, 6, 5), D(2013, 4, 1)),
])
def test_month_expressions_are_first_of_month_with_month_precision(phrase, published, expected):
    result = only(f"The rebels signed a truce {phrase}.", published=published)
    assert (result.date, result.precision, result.text) == (expected, DATE_MONTH, phrase)


@pytest.mark.parametrize("phrase", ["last year", "earlier this year", "in 2012", "two years ago", "in early 2011"])
def test_expressions_coarser_than_a_month_give_no_date(phrase):
    sentence = f"The rebels overran the garrison {phrase}."
    assert find_dates(sentence, published=WED) == []
    assert dated(sentence, "overran") is None


@pytest.mark.parametrize("phrase", ["over the last week", "in the next month", "for the past week"])
def test_the_last_week_is_a_duration_not_a_date(phrase):
    assert find_dates(f"Fighting has displaced thousands {phrase}.", published=WED) == []


# Absolute dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", [
    "30 December", "on 30 December", "December 30", "Dec. 30", "Dec 30th", "30th of December", "the 30th of December",
    "December 30, 2012", "30 December 2012", "Sunday, December 30", "2012-12-30", "30/12/2012", "12/30/2012",
    "30.12.2012",
])
def test_absolute_day_forms(phrase):
    result = only(f"The airstrike hit a fuel depot {phrase}.", published=D(2013, 1, 2))
    assert (result.date, result.precision) == (D(2012, 12, 30), DATE_DAY)


@pytest.mark.parametrize(("phrase", "text"), [
    ("on 30 December", "30 December"),
    ("Dec. 30", "Dec. 30"),
    ("the 30th of December", "30th of December"),
    ("December 30, 2012", "December 30, 2012"),
    ("Sunday, December 30", "Sunday, December 30"),
])
def test_absolute_day_text_is_the_date_words(phrase, text):
    sentence = f"The airstrike hit a fuel depot {phrase}."
    result = only(sentence, published=D(2013, 1, 2))
    assert result.text == text
    assert sentence[result.start:result.end] == text


@pytest.mark.parametrize(("published", "expected"), [
    (D(2013, 1, 2), D(2012, 12, 30)),  # year rollover: last year's 30 December
    (D(2013, 12, 31), D(2013, 12, 30)),
    (D(2013, 12, 30), D(2013, 12, 30)),
])
def test_day_without_year_is_latest_on_or_before_publication(published, expected):
    assert only("Rioters burned the town hall on 30 December.", published=published).date == expected


def test_day_without_year_future_reading_is_earliest_on_or_after_publication():
    sentence = "The new parliament will convene on 10 June."
    assert only(sentence, future=True).date == D(2013, 6, 10)
    assert only(sentence, future=False).date == D(2012, 6, 10)


def test_leap_day_without_year_goes_back_to_last_leap_year():
    assert only("The prisoners were freed on 29 February.", published=D(2013, 6, 5)).date == D(2012, 2, 29)


@pytest.mark.parametrize("phrase", ["04/06/2012", "6/4/2012", "31 April 2013", "2013-02-30", "30/13/2012"])
def test_ambiguous_or_impossible_numeric_dates_are_skipped(phrase):
    assert find_dates(f"The warehouse was searched on {phrase}.", published=WED) == []


def test_unreadable_date_gives_no_event_date_rather_than_a_guess():
    assert dated("The warehouse was searched on 04/06/2012.", "searched") is None


def test_numeric_date_with_both_parts_equal_is_read():
    assert only("The warehouse was searched on 5/5/2013.").date == D(2013, 5, 5)


def test_weekday_written_with_a_date_reads_as_the_date():
    result = only("Delegates met in Geneva on Tuesday 28 May to discuss the corridor.")
    assert (result.date, result.text) == (D(2013, 5, 28), "Tuesday 28 May")


def test_weekday_written_with_a_date_picks_the_year_it_falls_on():
    # 7 June 2013 is a Friday, 7 June 2012 a Thursday: the weekday says which one is meant
    assert only("The summit opens on Friday, June 7.", published=WED).date == D(2013, 6, 7)
    assert only("The summit opened on Thursday, June 7.", published=WED).date == D(2012, 6, 7)


def test_range_of_days_takes_its_first_day():
    result = only("Talks were held on 3-4 June in Doha.")
    assert (result.date, result.text) == (D(2013, 6, 3), "3-4 June")


# Months --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "published", "expected", "text"), [
    ("in March", D(2013, 2, 10), D(2012, 3, 1), "March"),  # March has not come yet: last year's
    ("in March", D(2013, 3, 20), D(2013, 3, 1), "March"),
    ("in March", D(2013, 6, 5), D(2013, 3, 1), "March"),
    ("in March 2011", D(2013, 6, 5), D(2011, 3, 1), "March 2011"),
    ("since March 2011", D(2013, 6, 5), D(2011, 3, 1), "March 2011"),
    ("mid-March", D(2013, 6, 5), D(2013, 3, 1), "mid-March"),
    ("in early March", D(2013, 6, 5), D(2013, 3, 1), "early March"),
    ("late March", D(2013, 6, 5), D(2013, 3, 1), "late March"),
    ("at the end of March", D(2013, 6, 5), D(2013, 3, 1), "end of March"),
    ("last March", D(2013, 3, 20), D(2012, 3, 1), "last March"),
    ("in December", D(2013, 1, 4), D(2012, 12, 1), "December"),
    ("Dec 2012", D(2013, 6, 5), D(2012, 12, 1), "Dec 2012"),
])
def test_month_has_month_precision_and_first_day(phrase, published, expected, text):
    result = only(f"The opposition boycotted the vote {phrase}.", published=published)
    assert (result.date, result.precision, result.text) == (expected, DATE_MONTH, text)


def test_month_future_reading_is_earliest_on_or_after_publication():
    assert only("Elections will be held in March.", published=D(2013, 6, 5), future=True).date == D(2014, 3, 1)


# Case, and words that only look like dates ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("TROOPS ENTERED THE CITY ON WEDNESDAY", D(2013, 6, 5), DATE_DAY),
    ("TROOPS ENTERED THE CITY LAST WEEK", D(2013, 5, 29), DATE_WEEK),
    ("TROOPS ENTERED THE CITY YESTERDAY", D(2013, 6, 4), DATE_DAY),
    ("TROOPS ENTERED THE CITY ON 30 DECEMBER", D(2012, 12, 30), DATE_DAY),
    ("TROOPS ENTERED THE CITY IN MAY", D(2013, 5, 1), DATE_MONTH),
    ("TROOPS ENTERED THE CITY ON MARCH 4", D(2013, 3, 4), DATE_DAY),
])
def test_upper_case_wire_copy(text, expected, precision):
    result = only(text)
    assert (result.date, result.precision) == (expected, precision)


@pytest.mark.parametrize("text", [
    "The unrest may spread to the southern provinces.",
    "Veterans of the march on Washington gathered again.",
    "The March on Washington drew a vast crowd.",
    "Supporters will march 5 miles to the square.",
    "Theresa May said the deal was dead.",
    "Rebels in May's home district staged a sit-in.",
    "Unions may 2 weeks from now call a strike.",
])
def test_may_and_march_as_ordinary_words_are_not_dates(text):
    assert find_dates(text, published=WED) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The rebels withdrew in May.", D(2013, 5, 1)),
    ("The rebels withdrew on May 4.", D(2013, 5, 4)),
    ("The rebels withdrew on 4 May.", D(2013, 5, 4)),
    ("The rebels withdrew in May 2012.", D(2012, 5, 1)),
    ("The rebels withdrew in March.", D(2013, 3, 1)),
    ("The rebels withdrew on March 4.", D(2013, 3, 4)),
])
def test_may_and_march_as_dates(text, expected):
    assert only(text).date == expected


@pytest.mark.parametrize("text", [
    "The Sunday Times published the leaked memo.",
    "An editor at the SUNDAY TELEGRAPH confirmed the story.",
    "Both sides still back the Good Friday Agreement.",
    "Marchers remembered the victims of Bloody Sunday.",
    "The senator swept the Super Tuesday primaries.",
    "The minister gave an interview to USA Today.",
    "Shoppers queued for the Black Friday sales.",
])
def test_names_containing_date_words_are_not_dates(text):
    assert find_dates(text, published=WED) == []


@pytest.mark.parametrize("text", [
    "A 25-year-old man was detained for three days.",
    "The two-week siege ended without bloodshed.",
    "Officials counted 1,200 displaced families in 12 camps.",
    "Every Friday, worshippers gather at the shrine.",
])
def test_ages_durations_and_numbers_are_not_event_dates(text):
    assert dated(text) == EventDate(date=WED, precision=DATE_DAY)


def test_plural_weekday_is_no_date():
    assert find_dates("The market closes on Fridays.", published=WED) == []


# Without a publication date ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Troops shelled the suburb on Monday.",
    "Troops shelled the suburb yesterday.",
    "Troops shelled the suburb last week.",
    "Troops shelled the suburb on 30 December.",
    "Troops shelled the suburb in March.",
])
def test_without_publication_date_relative_and_yearless_dates_are_skipped(text):
    assert find_dates(text, published=None) == []


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("Troops shelled the suburb on 30 December 2012.", D(2012, 12, 30), DATE_DAY),
    ("Troops shelled the suburb on 2012-12-30.", D(2012, 12, 30), DATE_DAY),
    ("Troops shelled the suburb in March 2013.", D(2013, 3, 1), DATE_MONTH),
])
def test_without_publication_date_dates_with_a_year_still_resolve(text, expected, precision):
    result = only(text, published=None)
    assert (result.date, result.precision) == (expected, precision)


def test_without_publication_date_an_unresolvable_weekday_gives_no_event_date():
    assert dated("Troops shelled the suburb on Monday.", "shelled", published=None) is None


# Fallback ------------------------------------------------------------------------------------------------------


def test_no_date_in_sentence_gives_publication_date_with_no_text():
    assert dated("Militants ambushed a patrol near the pass.", "ambushed") == EventDate(
        date=WED, precision=DATE_DAY, text=None, start=None, end=None)


def test_no_date_in_sentence_gives_fallback_when_given():
    fallback = EventDate(date=D(2013, 6, 2), precision=DATE_DAY, text="Sunday", start=12, end=18)
    assert dated("Militants ambushed a patrol near the pass.", "ambushed", fallback=fallback) is fallback


def test_no_date_no_publication_no_fallback_gives_none():
    assert dated("Militants ambushed a patrol near the pass.", "ambushed", published=None) is None


def test_date_in_sentence_wins_over_fallback():
    fallback = EventDate(date=D(2013, 6, 2), precision=DATE_DAY)
    result = dated("Militants ambushed a patrol on Tuesday.", "ambushed", fallback=fallback)
    assert result is not None and result.date == D(2013, 6, 4)


# Choosing the event's date -------------------------------------------------------------------------------------

TWO_DATES = "After talks on Monday collapsed, troops attacked the town on Wednesday."


def test_anchor_takes_the_date_of_its_own_clause():
    assert dated(TWO_DATES, "attacked").text == "Wednesday"


def test_anchor_in_the_subordinate_clause_takes_its_date():
    assert dated(TWO_DATES, "collapsed").text == "Monday"


def test_anchor_takes_nearest_date_when_dates_follow_in_order():
    sentence = "Troops attacked the town on Wednesday after talks on Monday collapsed."
    assert dated(sentence, "attacked").text == "Wednesday"
    assert dated(sentence, "collapsed").text == "Monday"


def test_date_before_the_trigger_across_a_comma_is_used_when_alone():
    assert dated("On Monday, troops stormed the town.", "stormed").text == "Monday"


def test_without_anchor_the_first_date_is_taken():
    assert dated(TWO_DATES).text == "Monday"


@pytest.mark.parametrize("sentence", [
    "Rebels shelled the town for the first time since March.",
    "Rebels shelled the town, which has been besieged since 2011.",
    "Rebels shelled the town, as they have done every Friday.",
    "Rebels shelled the town on the eve of Sunday's election.",
    "Rebels shelled the town, according to a March 2012 report.",
    "Rebels shelled the town, Monday's survey of residents found.",
    "Rebels shelled the town (updated 4 June 2013).",
    "Rebels shelled the town, said a man born on 3 March 1970.",
])
def test_dates_of_something_else_are_passed_over(sentence):
    assert dated(sentence, "shelled") == EventDate(date=WED, precision=DATE_DAY)


def test_since_date_is_passed_over_for_the_events_own_date():
    result = dated("Rebels who have held the town since March shelled it on Tuesday.", "shelled")
    assert result is not None and result.text == "Tuesday"


def test_since_date_is_still_listed_by_find_dates():
    assert [d.text for d in find_dates("Rebels have held the town since March.", published=WED)] == ["March"]


def test_reporting_date_gives_way_to_the_events_own_date():
    sentence = "Officials said on Thursday that rebels shelled the town on Tuesday."
    assert dated(sentence, "shelled").text == "Tuesday"


def test_reporting_date_dates_the_reporting_verb_itself():
    sentence = "Officials said on Thursday that rebels shelled the town on Tuesday."
    assert dated(sentence, "said").text == "Thursday"


def test_reporting_date_is_used_when_nothing_else_dates_the_event():
    result = dated("Rebels shelled the town, officials said on Thursday.", "shelled")
    assert result is not None and (result.date, result.text) == (D(2013, 5, 30), "Thursday")


def test_until_date_gives_way_to_the_events_own_date():
    sentence = "Until Friday the road had been open, but troops closed it on Sunday."
    assert dated(sentence, "closed").text == "Sunday"


def test_coarse_date_in_the_triggers_clause_gives_no_date():
    assert dated("Rebels shelled the town last year, residents recalled.", "shelled") is None


def test_coarse_date_in_another_clause_is_passed_over():
    result = dated("Troops stormed the town, which rebels had seized in 2012.", "stormed")
    assert result == EventDate(date=WED, precision=DATE_DAY)


def test_resolvable_date_in_the_clause_wins_over_a_nearer_coarse_one():
    result = dated("Rebels carried out the deadliest raid this year on Monday.", "carried")
    assert result is not None and result.text == "Monday"


def test_future_event_reads_weekday_forward():
    result = dated("The envoy will travel to Kabul on Monday.", "travel", future=True)
    assert result is not None and result.date == D(2013, 6, 10)
