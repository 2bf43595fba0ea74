"""Date rules: absolute, approximate, seasons, relative, no-year, and numbers that are not dates."""

from __future__ import annotations

import pytest

from democdash.extract.dates import find_dates

PUB = "2021-03-10"  # a Wednesday


def values(text: str, published: str | None = PUB) -> list[tuple[str, str, str]]:
    return [(d["text"], d["iso"], d["precision"]) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began on 18 August 2020.", ("18 August 2020", "2020-08-18", "day")),
        ("It began on Aug. 18, 2020.", ("Aug. 18, 2020", "2020-08-18", "day")),
        ("It began on 2020-08-18.", ("2020-08-18", "2020-08-18", "day")),
        ("It ended by November 2020.", ("November 2020", "2020-11", "month")),
        ("He came to power in 2019.", ("2019", "2019", "year")),
        ("Ahead of the 2020 elections, few hoped.", ("2020", "2020", "year")),
    ],
)
def test_absolute(text, expected):
    assert values(text) == [expected]


def test_approximate_dates_are_years_or_months():
    assert values("Unrest grew in early 2019.") == [("early 2019", "2019", "year")]
    assert values("Splits appeared in late 2005.") == [("late 2005", "2005", "year")]
    assert values("By mid-2018 it was over.") == [("mid-2018", "2018", "year")]
    assert values("It fell in late March 2020.") == [("late March 2020", "2020-03", "month")]


def test_seasons():
    assert values("Talks stalled in the summer of 2016.")[0][1:] == ("2016", "season")
    assert values("Protests peaked in the summer.") == [("the summer", "2020", "season")]
    assert values("It started that winter three years ago.")[0][1] == "2018"


def test_no_year_dates_take_the_year_from_context():
    assert values("The vote on Feb. 1 was annulled.") == [("Feb. 1", "2021-02-01", "day")]
    assert values("It was raided on August 9th.") == [("August 9th", "2020-08-09", "day")]
    assert values("A strike is planned for April.") == [("April", "2021-04", "month")]
    assert values("Since May, prices have doubled.") == [("May", "2020-05", "month")]


def test_may_as_a_month_needs_a_date_context():
    assert values("In May, he resigned.") == [("May", "2020-05", "month")]
    assert values("Officials may resign.") == []


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("today", "2021-03-10", "day"),
        ("yesterday", "2021-03-09", "day"),
        ("on Monday", "2021-03-08", "day"),
        ("last week", "2021-03-01", "week"),
        ("this week", "2021-03-08", "week"),
        ("earlier this month", "2021-03", "month"),
        ("last month", "2021-02", "month"),
        ("next year", "2022", "year"),
        ("this year", "2021", "year"),
        ("last December", "2020-12", "month"),
        ("two years ago", "2019", "year"),
    ],
)
def test_relative_dates_resolve_against_publication(text, iso, precision):
    found = values(f"It happened {text}, officials said.")
    assert found == [(text, iso, precision)]


def test_relative_dates_need_a_publication_date():
    assert values("It happened last week.", published=None) == []
    assert values("It happened in 2019.", published=None) == [("2019", "2019", "year")]


@pytest.mark.parametrize(
    "text",
    [
        "The fund holds $1.5 billion.",
        "Turnout reached 70% in the east.",
        "Some 2000 troops were deployed.",
        "About 1,000 people marched.",
        "The COVID-19 rules were lifted.",
        "The meeting ran until 20:15.",
        "See page 2019 of the report.",
        "He was 45 years old.",
        "They stayed for three months.",
        "It has ruled for nearly 30 years.",
        "Call 2025 555 1234 for details.",
        "Resolution 2019 was adopted.",
    ],
)
def test_numbers_and_durations_that_are_not_dates(text):
    assert values(text) == []


def test_spans_and_decades_are_left_out_but_lists_give_each_year():
    assert values("The 2019-2021 period was grim.") == []
    assert values("Between 2015 and 2018 it grew.") == []
    assert values("In the 1990s it stagnated.") == []
    assert [v[1] for v in values("Growth fell (2019, 2020, 2021).")] == ["2019", "2020", "2021"]


def test_offsets_point_into_the_text():
    text = "On Jan. 6 crowds gathered; by 2022 it was history."
    for d in find_dates(text, PUB):
        assert text[d["start"] : d["end"]] == d["text"]


def test_a_determiner_makes_a_year_of_a_number_before_a_count_noun():
    assert values("The 1989 protesters returned.") == [("1989", "1989", "year")]
    assert values("Some 1989 protesters returned.") == []


def test_weekdays_take_the_tense_of_their_clause():
    text = '"We will keep watching," the embassy said in a statement Monday.'
    assert values(text) == [("Monday", "2021-03-08", "day")]
    assert values("The vote will be held on Friday.") == [("on Friday", "2021-03-12", "day")]


def test_the_weekend_is_the_previous_week_on_a_weekday():
    assert values("Crowds grew over the weekend.") == [("over the weekend", "2021-03-01", "week")]


def test_month_of_year_keeps_the_stated_year():
    found = {
        (d["text"], d["iso"])
        for d in find_dates("Since June of 2019, and in May of 2020.", "2021-03")
    }
    assert ("June of 2019", "2019-06") in found
    assert ("May of 2020", "2020-05") in found
