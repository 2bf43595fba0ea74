"""Date rules: absolute, approximate, seasons, relative, no-year, and numbers that are not dates."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article
from democdash.extract.dates import find_dates
from democdash.extract.events import LEXICON
from democdash.extract.gazetteer import fold

PUB = "2021-03-10"  # a Wednesday


def values(text: str, published: str | None = PUB) -> list[tuple[str, str, str]]:
    return [(d["text"], d["iso"], d["precision"]) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began on 18 August 2020.", ("18 August 2020", "2020-08-18", "day")),
        ("It began on Aug. 18, 2020.", ("Aug. 18, 2020", "2020-08-18", "day")),
        ("It began on 2020-08-18.", ("2020-08-18", "2020-08-18", "day")),
        ("Updated: 2020/08/18", ("2020/08/18", "2020-08-18", "day")),
        ("Published 18.08.2020", ("18.08.2020", "2020-08-18", "day")),
        ("It ended by November 2020.", ("November 2020", "2020-11", "month")),
        ("He came to power in 2019.", ("2019", "2019", "year")),
        ("Ahead of the 2020 elections, few hoped.", ("2020", "2020", "year")),
        # a short month name without its full stop, before a year
        ("The vote was held in Dec 2020.", ("Dec 2020", "2020-12", "month")),
        ("The vote was held in Sept 2020.", ("Sept 2020", "2020-09", "month")),
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
        ("this morning", "2021-03-10", "day"),
        ("this evening", "2021-03-10", "day"),
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


def test_a_weekday_after_is_expected_to_is_the_coming_one_whatever_abbreviation_is_between():
    # published on Monday 8 March 2021
    text = "He is expected to meet junta leader Senior Gen. Min Aung Hlaing on Thursday."
    assert values(text) == [("on Thursday", "2021-03-11", "day")]
    assert values("He met Senior Gen. Min Aung Hlaing on Thursday.") == [
        ("on Thursday", "2021-03-04", "day")
    ]


def test_a_date_in_a_clause_of_what_was_done_is_not_ahead_of_the_sentences_will():
    text = (
        "Moscow, whose troops arrived at his request on 6 January and left by 19 January, "
        "will watch closely."
    )
    found = [d["iso"] for d in find_dates(text, published="2022-03-14")]
    assert found == ["2022-01-06", "2022-01-19"]
    may = "Troops, who arrived in May and left on 19 January, will return."
    assert [d["iso"] for d in find_dates(may, published="2022-03-14")] == ["2021-05", "2022-01-19"]
    # the step ahead in the date's own clause still puts it ahead
    ahead = "Moscow, which withdrew its troops, will send them back on 6 January."
    assert [d["iso"] for d in find_dates(ahead, published="2022-03-14")] == ["2023-01-06"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests began in March 2019. The following summer, police cracked down.", "2019"),
        ("They were arrested in January 2021 after a primary the previous summer.", "2020"),
        ("He was arrested in October 2020 after the previous spring saw unrest.", "2020"),
        ("In 2019 talks failed. The next autumn they resumed.", "2020"),
        ("The vote of 4 October 2020 was annulled; the following spring was calm.", "2021"),
    ],
)
def test_the_next_or_previous_season_hangs_on_the_date_before_it(text, expected):
    found = [d for d in find_dates(text, published="2021-06-01") if d["kind"] == "anaphoric"]
    assert [(d["iso"], d["precision"]) for d in found] == [(expected, "season")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministers meet on Monday next week.", ("on Monday next week", "2021-11-22")),
        ("He was freed on Friday last week.", ("on Friday last week", "2021-11-12")),
        ("Talks open Tuesday this week.", ("Tuesday this week", "2021-11-16")),
    ],
)
def test_a_weekday_of_a_week_said_is_one_day(text, expected):
    # published on Wednesday 17 November 2021
    assert values(text, "2021-11-17") == [(*expected, "day")]


def test_a_weekday_a_law_takes_effect_on_is_the_coming_one():
    # published on Monday 8 March 2021
    assert values("The law, which takes effect on Saturday, bans protests.") == [
        ("on Saturday", "2021-03-13", "day")
    ]
    assert values("The law took effect on Saturday.") == [("on Saturday", "2021-03-06", "day")]


def test_a_compound_with_planned_puts_no_month_ahead():
    text = "As part of a pre-planned exercise, troops arrived at the beginning of September."
    assert [d["iso"] for d in find_dates(text, published="2021-06-15")] == ["2020-09"]
    ahead = "As part of a planned exercise, troops will arrive at the beginning of September."
    assert [d["iso"] for d in find_dates(ahead, published="2021-06-15")] == ["2021-09"]


def test_the_weekend_is_the_previous_week_on_a_weekday():
    assert values("Crowds grew over the weekend.") == [("over the weekend", "2021-03-01", "week")]


def test_month_of_year_keeps_the_stated_year():
    found = {
        (d["text"], d["iso"])
        for d in find_dates("Since June of 2019, and in May of 2020.", "2021-03")
    }
    assert ("June of 2019", "2019-06") in found
    assert ("May of 2020", "2020-05") in found


def dates(text: str, published: str | None = PUB) -> list[dict]:
    return find_dates(text, published)


def test_anaphoric_dates_hang_on_the_date_before_them():
    text = (
        "ON JUNE 30TH the vote closed. The next day the count began. "
        "Three days later the result was out. A week earlier, few had voted."
    )
    found = {d["text"]: d for d in dates(text, "2020-07-04")}
    assert found["JUNE 30TH"]["iso"] == "2020-06-30" and found["JUNE 30TH"]["kind"] == "absolute"
    next_day = found["The next day"]
    assert (next_day["iso"], next_day["kind"], next_day["anchor"]) == (
        "2020-07-01",
        "anaphoric",
        "JUNE 30TH",
    )
    assert next_day["relative"] is True
    assert found["Three days later"]["iso"] == "2020-07-04"  # from the next day: 1 July
    assert found["A week earlier"]["iso"] == "2020-06-27"
    assert found["A week earlier"]["precision"] == "day"


def test_anaphoric_dates_take_the_precision_of_what_they_hang_on():
    text = "The army moved in May 2019. Three days later it left. The following year it returned."
    found = {d["text"]: (d["iso"], d["precision"]) for d in dates(text)}
    assert found["Three days later"] == ("2019-05", "month")
    assert found["The following year"] == ("2020", "year")
    found = {
        d["text"]: d["iso"]
        for d in dates(
            "He was arrested on 9 August 2020. That day, "
            "crowds gathered. Seventy-five years earlier, "
            "the war had ended."
        )
    }
    assert found["That day"] == "2020-08-09"
    assert found["Seventy-five years earlier"] == "1945"


def test_a_date_after_an_event_hangs_on_the_date_that_follows_in_its_sentence():
    text = "A bare week after a heart attack felled the general on December 23rd, he was buried."
    found = {d["text"]: d for d in dates(text, "2020-01-04")}
    assert found["A bare week after"]["iso"] == "2019-12-30"
    assert found["A bare week after"]["anchor"] == "December 23rd"


def test_an_anaphoric_date_with_nothing_to_hang_on_is_left_out():
    assert dates("The next day, the talks resumed.") == []


def test_the_end_of_the_year_with_nothing_before_it_is_the_publication_year():
    # a reader takes "the end of the year" in a report's first lines as the current one
    found = dates("The EU will decide by the end of the year.")
    assert [(d["text"], d["iso"], d["kind"]) for d in found] == [
        ("the end of the year", "2021-12", "deictic")
    ]
    assert "anchor" not in found[0]
    # with a date before it, it hangs on that one's year, as before
    text = "The coup failed in March 1991, and by the end of the year the union was gone."
    assert ("the end of the year", "1991") in [(d["text"], d["iso"]) for d in dates(text)]
    # the rest of the anaphoric expressions still need a date to hang on
    assert dates("The next day, the talks resumed.") == []


def test_the_end_of_the_month_is_the_month_it_hangs_on():
    text = "He was arrested on May 3. By the end of the month, he was in jail."
    found = {d["text"]: (d["iso"], d["precision"]) for d in dates(text)}
    assert found["the end of the month"] == ("2020-05", "month")  # May before March 2021
    # with nothing before it to hang on, the month of publication
    found = {d["text"]: d["iso"] for d in dates("The EU meets at the start of the month.")}
    assert found == {"at the start of the month": "2021-03"}


def test_that_same_day_hangs_on_the_date_before_it():
    text = "He was arrested on May 3. That same day, the EU protested."
    found = {d["text"]: (d["iso"], d["kind"]) for d in dates(text)}
    assert found["That same day"] == ("2020-05-03", "anaphoric")


def test_the_following_weekday_hangs_on_the_day_before_it():
    text = "He was arrested on Monday, May 3. The following Monday, he was charged."
    found = {d["text"]: (d["iso"], d["kind"]) for d in dates(text, "2021-06-15")}
    assert found["The following Monday"] == ("2021-05-10", "anaphoric")  # not 14 June
    text = "The vote was on June 4. The previous Sunday, troops moved in."
    found = {d["text"]: d["iso"] for d in dates(text, "2021-06-15")}
    assert found["The previous Sunday"] == "2021-05-30"
    # with no day before it, the next one after publication (Tuesday 15 June 2021)
    found = {d["text"]: d["iso"] for d in dates("The next Tuesday, they met.", "2021-06-15")}
    assert found == {"The next Tuesday": "2021-06-22"}


def test_durations_are_not_anaphoric_dates():
    text = "In 2010 he vowed to rule for two years after his term ended."
    assert [d["text"] for d in dates(text)] == ["2010"]


def test_month_names_in_any_case():
    assert values("ON JUNE 30TH Putin spoke.", "2020-07-04") == [("JUNE 30TH", "2020-06-30", "day")]
    assert values("on june 30, 2020 it rained") == [("june 30, 2020", "2020-06-30", "day")]
    assert values("the SEPTEMBER 2019 vote") == [("SEPTEMBER 2019", "2019-09", "month")]
    assert values("you may 2 go") == []  # the modal "may" is no month
    # a month alone in lower or upper case, after a word that leads to a date, when its name
    # is no other English word
    assert values("Protests spread in january.") == [("january", "2021-01", "month")]
    assert values("Jailed since OCTOBER, he waits.") == [("OCTOBER", "2020-10", "month")]
    assert values("Thousands march in Minsk; the august body may meet.") == []


def test_the_end_of_a_year_is_its_last_month():
    assert values("Troops leave by the end of 2020.") == [("the end of 2020", "2020-12", "month")]
    assert values("at the beginning of 2021") == [("the beginning of 2021", "2021-01", "month")]


def test_a_month_without_a_year_is_the_latest_before_publication_unless_ahead():
    assert values("The bill passed in November.", "2021-01-24") == [
        ("November", "2020-11", "month")
    ]
    assert values("He is planning to run again in January.", "2025-08-21") == [
        ("January", "2026-01", "month")
    ]
    assert values("In January Maria Tsehai was deported.", "2025-08-21") == [
        ("January", "2025-01", "month")
    ]
    assert values("arrests between April and August 2017", "2024-08-06")[0] == (
        "April",
        "2017-04",
        "month",
    )
    assert values("a park in August last year", "2020-09-03") == [
        ("August last year", "2019-08", "month")
    ]


def test_a_date_a_step_is_set_for_is_ahead():
    # published in February: a March the vote is set or slated for is the coming one
    assert values("The vote, set for March 28, may be delayed.", "2021-02-10") == [
        ("March 28", "2021-03-28", "day")
    ]
    assert values("A referendum slated for April was called off.", "2021-02-10") == [
        ("April", "2021-04", "month")
    ]
    # published in June: the March it is set for is next year's, the one it was set for past
    assert values("The vote is set for March 28.", "2021-06-10") == [
        ("March 28", "2022-03-28", "day")
    ]
    assert values("A referendum slated for April was called off.", "2021-06-10") == [
        ("April", "2021-04", "month")
    ]


def test_a_month_said_on_is_past_though_what_was_said_looks_ahead():
    # published in June: a September named after "said on" is last September's
    assert values("The minister said on Sept. 5 that talks would resume.", "2021-06-10") == [
        ("Sept. 5", "2020-09-05", "day")
    ]
    assert values(
        "Officials told reporters in a briefing on Sept. 5 that they would act.", "2021-06-10"
    ) == [("Sept. 5", "2020-09-05", "day")]
    assert values("He announced in September that elections would be held.", "2021-06-10") == [
        ("September", "2020-09", "month")
    ]
    # the date of the step itself still looks ahead
    assert values("The government said it would hold the vote on Sept. 5.", "2021-06-10") == [
        ("Sept. 5", "2021-09-05", "day")
    ]
    assert values("Talks will resume on Sept. 5, the minister said.", "2021-06-10") == [
        ("Sept. 5", "2021-09-05", "day")
    ]


def test_weekdays_resolve_against_publication():
    # published on Monday 24 May 2021: "Sunday" is the day before
    assert values("The plane was forced to land on Sunday.", "2021-05-24") == [
        ("on Sunday", "2021-05-23", "day")
    ]
    assert values("Leaders met on Monday to agree sanctions.", "2021-05-24") == [
        ("on Monday", "2021-05-24", "day")
    ]
    assert values("Protesters march every Friday.", "2021-05-24") == []


def test_a_weekday_before_its_date_is_one_date():
    # published on Tuesday 15 June 2021: "Friday" alone would be 11 June, but the date says
    # which Friday; the two are one expression with the date's value
    pub = "2021-06-15"
    assert values("On Friday, June 4, the court ruled.", pub) == [
        ("On Friday, June 4", "2021-06-04", "day")
    ]
    assert values("On Thursday, Jan. 6, a mob stormed the Capitol.", pub) == [
        ("On Thursday, Jan. 6", "2021-01-06", "day")
    ]
    assert values("Police raided the office on Monday 7 June.", pub) == [
        ("on Monday 7 June", "2021-06-07", "day")
    ]
    assert values("He spoke on Tuesday (June 1) in Minsk.", pub) == [
        ("on Tuesday (June 1)", "2021-06-01", "day")
    ]
    # a weekday followed by something else keeps its own value
    assert values("On Monday, the protests of June 4 resumed.", pub) == [
        ("On Monday", "2021-06-14", "day"),
        ("June 4", "2021-06-04", "day"),
    ]
    assert values("He said on Friday, 2021 was hard.", pub) == [
        ("on Friday", "2021-06-11", "day"),
        ("2021", "2021", "year"),
    ]


def test_years_in_links_and_photo_captions_are_not_dates():
    text = (
        "Source: https://example.org/news/2021/05/23/belarus-plane\n\n"
        "Photo: Ryanair jet at Minsk airport, 23 May 2021 (Reuters)\n\n"
        "The opposition said in 2020 that it would boycott the vote."
    )
    assert [d["text"] for d in dates(text, "2021-05-24")] == ["2020"]


def test_date_kinds_and_relative_flags():
    found = {d["text"]: d for d in dates("Last week, not in 2019, the talks failed on Tuesday.")}
    assert found["Last week"]["kind"] == "deictic" and found["Last week"]["relative"]
    assert found["2019"]["kind"] == "absolute" and not found["2019"]["relative"]
    assert "anchor" not in found["2019"]


def test_an_interval_beside_a_date_says_that_date_another_way():
    def found(text: str) -> list[tuple[str, str]]:
        return [(d["text"], d["iso"]) for d in find_dates(text, published="2021-06-24")]

    # "on Thursday, a week after police raided it": the week after the raid is Thursday
    assert found(
        "It printed its last edition on Thursday, a week after police raided its newsroom "
        "under the law imposed last year."
    ) == [("on Thursday", "2021-06-24"), ("a week after", "2021-06-24"), ("last year", "2020")]
    assert found("He was sworn in in September, six weeks after the vote.")[1] == (
        "six weeks after",
        "2020-09",
    )
    # an interval that opens its clause still counts from the date it hangs on
    assert found("Police raided it on June 17. A week after the raid, the paper closed.")[1] == (
        "A week after",
        "2021-06-24",
    )


def test_an_interval_never_counts_on_past_publication_from_the_date_line():
    def found(text: str) -> list[tuple[str, str]]:
        return [(d["text"], d["iso"]) for d in find_dates(text, published="2021-03-02")]

    # counted from the article's own date line it would be April: what it hangs on is unsaid
    opinion = "March 2, 2021\n\nOne month after the military seized power, the junta will kill."
    assert found(opinion) == [("March 2, 2021", "2021-03-02")]
    # a report tells no past after its publication unless the sentence looks ahead
    assert found("The vote was on 1 March 2021. A week later, protests began.") == [
        ("1 March 2021", "2021-03-01")
    ]
    assert found("The vote was on March 1. Two weeks later the results will be announced.") == [
        ("March 1", "2021-03-01"),
        ("Two weeks later", "2021-03-15"),
    ]


def test_years_to_the_day_after_is_not_the_day_after():
    text = (
        "The vote was held on 1 January 2023. The junta has extended emergency rule, two years "
        "to the day after it seized power."
    )
    found = [(d["text"], d["iso"]) for d in find_dates(text, published="2023-02-01")]
    assert found == [("1 January 2023", "2023-01-01")]
    plain = "The vote was held on 1 January 2023. Protests began the day after."
    assert ("the day after", "2023-01-02") in [
        (d["text"], d["iso"]) for d in find_dates(plain, published="2023-02-01")
    ]


def test_a_later_month_in_a_call_to_act_is_the_coming_one():
    text = "Rights groups urged the council to renew the mandate at its session in June."
    assert [d["iso"] for d in find_dates(text, published="2022-05-20")] == ["2022-06"]
    reported = "Rights groups held a rally in June."
    assert [d["iso"] for d in find_dates(reported, published="2022-05-20")] == ["2021-06"]


def test_an_anaphoric_date_beside_an_event_word_hangs_on_that_events_date():
    text = (
        "On August 10th, 200 police raided the offices of Apple Daily and arrested its owner.\n\n"
        "When the chief executive endorsed the security law that was imposed on June 30th, she "
        "promised that freedoms would be respected.\n\n"
        "The owner was among ten people arrested that day on similar charges.\n\n"
        "On the morning after the arrest, people queued to buy the paper."
    )
    found = {d["text"]: d for d in find_dates(text, "2020-08-13", events=_event_words(text))}
    assert found["that day"]["iso"] == "2020-08-10"  # the arrests', not the law's latest date
    assert found["that day"]["anchor"] == "August 10th"
    assert found["the morning after"]["iso"] == "2020-08-11"
    # without event words, the latest date before it
    plain = {d["text"]: d for d in find_dates(text, "2020-08-13")}
    assert plain["that day"]["iso"] == "2020-06-30"


def test_a_shift_beside_an_event_word_goes_on_from_the_date_told_last():
    text = (
        "The EU imposed its first sanctions on 2 October 2020, and a second package followed "
        "in November.\n\n"
        "In the spring of 2021 the authorities forced down a plane. The incident, on 23 May, "
        "led to a ban on its carriers a week later. The following month, the EU adopted "
        "sectoral sanctions."
    )
    found = {d["text"]: d for d in find_dates(text, "2021-08-09", events=_event_words(text))}
    # "sanctions" beside it names no earlier sanctions' month: the month after the week later
    assert found["The following month"]["iso"] == "2021-06"
    assert found["The following month"]["anchor"] == "a week later"


def _event_words(text: str) -> list[tuple[str, int, int]]:
    return LEXICON.scan(fold(text))


def test_a_day_after_a_month_just_before_hangs_on_that_month_not_an_older_day():
    text = (
        "Protesters freed him after the vote of 4 October 2020, and the next day he was "
        "named prime minister. He won the presidency in January 2021. A referendum held the "
        "same day approved a presidential system."
    )
    found = {d["text"]: d for d in find_dates(text, "2023-03-14", events=_event_words(text))}
    assert (found["the same day"]["iso"], found["the same day"]["precision"]) == (
        "2021-01",
        "month",
    )
    # a year just before is rather the end of a span than what the day hangs on
    text = (
        "The vote ended on June 30th. It lets him stay in power beyond 2024. "
        "The next day he declared victory."
    )
    found = {d["text"]: d for d in find_dates(text, "2020-07-03", events=_event_words(text))}
    assert found["The next day"]["iso"] == "2020-07-01"


def test_a_day_without_a_year_takes_the_year_the_sentence_before_names():
    """ "The context gives" the year (EXTRACTION.md): a day or month named with its year just
    before, the story going on within that year; publication's year otherwise."""
    told = (
        "Mr Japarov was sprung from prison by protesters in October 2020. Crowds had stormed "
        "the White House after a rigged election on October 4th."
    )
    assert ("October 4th", "2020-10-04", "day") in values(told, "2024-03-02")
    # an earlier month than the one before: the story has moved on to a later year
    later = "The November 2020 elections gave the NLD a landslide. On Feb. 1 the army struck."
    assert ("Feb. 1", "2021-02-01", "day") in values(later, "2021-03-01")
    # a new paragraph, or a year alone before it, gives no year: publication's
    apart = "He was sprung from prison in October 2020.\n\nOn October 4th he spoke."
    assert ("October 4th", "2023-10-04", "day") in values(apart, "2024-03-02")
    assert ("March 3", "2024-03-03", "day") in values(
        "In 2022 he fled. On March 3 he spoke.", "2024-03-05"
    )


def test_with_no_publication_date_a_day_without_a_year_takes_the_storys_year():
    """A text with no publication date (an encyclopedia article): a day or month named without
    its year takes the year of the last one named with it, however far before, unless that was
    the text's date line or a later year has been named since."""
    story = (
        "On 26 January 2021, a military spokesman refused to rule out a coup.\n\n"
        "Coup\n\nIn the early hours of 1 February, the military detained the leaders. "
        "Later that day it declared a state of emergency."
    )
    assert ("1 February", "2021-02-01", "day") in values(story, None)
    assert ("Later that day", "2021-02-01", "day") in values(story, None)
    # the date line is when the text was published: the story may lie a year before it
    dated = "Kazakhstan after the vote\n\n3 February 2023\n\nHe won a snap election in November."
    assert all(text != "November" for text, _, _ in values(dated, None))
    # a later year named since: the story has moved on
    moved = (
        "He was jailed in May 2020. He ruled alone until 2024.\n\nIn June, he freed 14 prisoners."
    )
    assert all(text != "June" for text, _, _ in values(moved, None))
    # with a publication date, publication's year as before
    assert ("1 February", "2023-02-01", "day") in values(story, "2023-03-01")


def test_a_count_from_a_named_event_hangs_on_that_events_date_or_on_none():
    """ "Two months before the presidential election" counts from the election's date, told
    later in the text; with no date told for what it names, it is left unresolved rather than
    counted from whatever date came last."""
    text = (
        "Losik has been held since 25 June 2020. He was arrested in Baranavichy, two months "
        "before the presidential election. Since the disputed presidential election of "
        "9 August 2020, thousands have been detained."
    )
    found = {d["text"]: d for d in find_dates(text, "2021-06-24", events=_event_words(text))}
    assert found["two months before"]["iso"] == "2020-06"
    assert found["two months before"]["anchor"] == "9 August 2020"
    unnamed = "The vote ended on 10 May 2020. The voting started the day after Mr Putin's parade."
    found = {d["text"] for d in find_dates(unnamed, "2020-07-04", events=_event_words(unnamed))}
    assert "the day after" not in found
    # an election told with its year alone gives no month to count two months from; one told
    # too far on is no anchor either
    vague = (
        "He was arrested, two months before the presidential election. The 2020 election was won."
    )
    assert "two months before" not in {
        d["text"] for d in find_dates(vague, "2021-06-24", events=_event_words(vague))
    }
    far = "He was arrested, two months before the presidential election. " + "Nothing. " * 500
    far += "The presidential election of 9 August 2020 was stolen."
    assert "two months before" not in {
        d["text"] for d in find_dates(far, "2021-06-24", events=_event_words(far))
    }
    # not a noun phrase after it: the date before, as before
    queued = "The court sat on 19 Nov 2024. People queued from the night before to get a seat."
    found = {d["text"]: d for d in find_dates(queued, "2024-11-19", events=_event_words(queued))}
    assert found["the night before"]["iso"] == "2024-11-18"


def test_a_chronologys_entries_without_a_year_take_the_year_of_the_entry_before():
    factbox = (
        "Aug 9 (Wire) - Belarus marks a year since the vote. Here are key events:\n\n"
        "AUG 9, 2020 - Lukashenko is declared winner. Thousands protest in Minsk that night.\n\n"
        "AUG 11 - Tsikhanouskaya leaves for Lithuania.\n\n"
        "DEC 30 - More arrests.\n\n"
        "JAN 4 - The EU weighs new sanctions.\n\n"
        "MAY 23, 2021 - Belarus forces a Ryanair plane to land in Minsk.\n\n"
        "JUNE 24 - The EU imposes economic sanctions."
    )
    found = {(d["text"], d["iso"]) for d in find_dates(factbox, "2021-08-09")}
    assert {
        ("AUG 9, 2020", "2020-08-09"),
        ("AUG 11", "2020-08-11"),  # not 11 August 2021, after publication
        ("DEC 30", "2020-12-30"),
        ("JAN 4", "2021-01-04"),  # the chronology has moved into the next year
        ("JUNE 24", "2021-06-24"),
    } <= found


def test_a_date_that_names_a_past_event_is_not_moved_ahead_by_the_sentences_will():
    text = "The EU will not recognise the results of the October 26 parliamentary election."
    assert values(text, "2024-12-02") == [("October 26", "2024-10-26", "day")]
    # a step dated so is still ahead
    assert values("The EU will hold talks on October 26.", "2024-12-02") == [
        ("October 26", "2025-10-26", "day")
    ]


def test_the_will_of_the_people_looks_nowhere_ahead():
    text = "The decision on 28 November runs counter to the will of the overwhelming majority."
    assert values(text, "2024-12-05") == [("28 November", "2024-11-28", "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Navalny was poisoned in the summer of 2020 and came back the following January.",
            "2021-01",
        ),
        ("Talks failed in March 2019; the next October they resumed.", "2019-10"),
        ("Talks failed in March 2019; the following February they resumed.", "2020-02"),
        ("The court ruled in June 2021, after an appeal lodged the previous November.", "2020-11"),
    ],
)
def test_the_next_or_previous_month_named_hangs_on_the_date_before_it(text, expected):
    found = [d for d in find_dates(text, published="2022-02-20") if d["kind"] == "anaphoric"]
    assert [(d["iso"], d["precision"]) for d in found] == [(expected, "month")]


def test_a_weekday_a_step_lasts_until_is_likely_on_or_a_vote_is_held_on_is_ahead():
    # published on Friday 7 January 2022
    said = "The central bank said banks would remain closed until Monday."
    assert values(said, "2022-01-07") == [("Monday", "2022-01-10", "day")]
    likely = "Diplomats say the Security Council is likely to meet on Tuesday."
    assert values(likely, "2021-02-01") == [("on Tuesday", "2021-02-02", "day")]
    # a weekday's own event said likely to have consequences is still the one before
    later = "Tuesday's events are likely to further destabilise the country."
    assert values(later, "2020-08-20") == [("Tuesday", "2020-08-18", "day")]
    # a vote told in the present is still to be held (published on Thursday 20 July 2023)
    vote = "On Sunday, Cambodians vote in a general election whose outcome is not in doubt."
    assert values(vote, "2023-07-20") == [("On Sunday", "2023-07-23", "day")]
    held = "The vote in the election on Sunday was marred by fraud."
    assert values(held, "2023-07-20") == [("on Sunday", "2023-07-16", "day")]
    done = "The banks stayed closed until Monday."
    assert values(done, "2022-01-12") == [("Monday", "2022-01-10", "day")]


def test_the_day_before_an_event_hangs_on_that_events_own_date_in_its_sentence():
    text = (
        "In early January, police arrested 53 activists over a primary held the previous "
        "July. The day before the arrests, the activists had been warned."
    )
    dates = extract_article(text, published="2021-06-30")["dates"]
    found = {d["text"]: d for d in dates}
    assert found["The day before"]["anchor"] == "early January"
    # a day before a month is read in that month, not the one before its first day
    assert (found["The day before"]["iso"], found["The day before"]["precision"]) == (
        "2021-01",
        "month",
    )


def test_a_plan_made_before_puts_no_month_ahead():
    # published 30 June 2021: the elections were to be held in September 2020
    text = "Candidates were disqualified before the vote, originally scheduled for September 6."
    assert values(text, "2021-06-30") == [("September 6", "2020-09-06", "day")]
    ahead = "The elections are scheduled for September 6."
    assert values(ahead, "2021-06-30") == [("September 6", "2021-09-06", "day")]


def test_a_fortnight_later_is_two_weeks_on():
    text = "Police raided the newsroom on 17 June 2021. A fortnight later, the paper closed."
    assert values(text, "2021-08-20")[1] == ("A fortnight later", "2021-07-01", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It enters into force on 1 May of this year.", ("1 May of this year", "2023-05-01")),
        ("It passed on 5 January of last year.", ("5 January of last year", "2022-01-05")),
        (
            "A vote may come before the end of the current year.",
            ("the end of the current year", "2023-12"),
        ),
        ("The law will pass by the end of this year.", ("the end of this year", "2023-12")),
        ("Talks resume at the beginning of next year.", ("the beginning of next year", "2024-01")),
        ("In the current year, growth slowed.", ("the current year", "2023")),
    ],
)
def test_a_day_or_an_edge_of_this_last_or_next_year_is_one_date(text, expected):
    # published 1 May 2023
    (found,) = find_dates(text, published="2023-05-01")
    assert (found["text"].removeprefix("at "), found["iso"]) == expected
    assert found["kind"] == "deictic"
