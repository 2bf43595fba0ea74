"""Filtering events: dates of mixed precision, undated events, search over aliases, figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from democdash import filters, frames
from democdash.filters import EventFilter

SRC_NOV_2020 = {"article": "nov-2020", "paragraph": 1, "quote": "a quote from November"}
SRC_MAR_2021 = {"article": "mar-2021", "paragraph": 2, "quote": "a quote from March"}

ARTICLES = [
    {"id": "nov-2020", "source_type": "analysis", "published": {"value": "2020-11"}},
    {"id": "mar-2021", "source_type": "opinion", "published": {"value": "2021-03"}},
]
ACTORS = [
    {
        "id": "tsikhanouskaya",
        "name": "Sviatlana Tsikhanouskaya",
        "aliases": ["Tikhanovskaya"],
        "kind": "person",
        "role": "opposition",
        "sources": [SRC_NOV_2020],
    },
    {
        "id": "viacorka",
        "name": "Franak Viačorka",
        "kind": "person",
        "role": "opposition",
        "sources": [SRC_NOV_2020],
    },
]
COUNTRIES = [
    {"iso3": "BLR", "name": "Belarus", "role": "focus", "context": "x", "alt_names": []},
    {"iso3": "MMR", "name": "Myanmar", "role": "focus", "context": "x", "alt_names": ["Burma"]},
]


def _event(id_: str, date_: dict, *, country="BLR", type_="protest", actors=(), sources=None):
    return {
        "id": id_,
        "date": date_,
        "country": country,
        "type": type_,
        "actors": list(actors),
        "summary": f"Summary of {id_}.",
        "sources": sources or [SRC_NOV_2020],
    }


EVENTS = [
    _event("month", {"text": "August", "value": "2020-08"}, type_="election"),
    _event("day", {"value": "2021-02-01"}, country="MMR", type_="coup", sources=[SRC_MAR_2021]),
    _event("open", {"value": "2019-06/.."}, sources=[SRC_MAR_2021]),
    _event("undated", {"basis": "not_stated"}, actors=["tsikhanouskaya"]),
    _event("undated-span", {"basis": "not_stated", "earliest": "2020-10-01"}),
    _event("year", {"value": "2019"}, type_="statement", actors=["viacorka"]),
]


@pytest.fixture
def frames_():
    return {
        "events": frames.frame("events", EVENTS),
        "articles": frames.frame("articles", ARTICLES),
        "actors": frames.frame("actors", ACTORS),
        "countries": frames.frame("countries", COUNTRIES),
    }


def ids(f, flt: EventFilter) -> set[str]:
    out = filters.filter_events(
        f["events"], flt, articles=f["articles"], actors=f["actors"], countries=f["countries"]
    )
    return set(out["id"])


def test_no_filter_keeps_every_event(frames_):
    assert ids(frames_, EventFilter()) == {e["id"] for e in EVENTS}


def test_month_precision_event_matches_a_range_that_overlaps_its_month(frames_):
    assert "month" in ids(frames_, EventFilter(start=date(2020, 8, 15)))
    assert "month" in ids(frames_, EventFilter(end=date(2020, 8, 1)))
    assert "month" not in ids(frames_, EventFilter(start=date(2020, 9, 1)))
    assert "month" not in ids(frames_, EventFilter(end=date(2020, 7, 31)))


def test_day_precision_event_matches_only_ranges_that_hold_its_day(frames_):
    assert "day" in ids(frames_, EventFilter(start=date(2021, 2, 1), end=date(2021, 2, 1)))
    assert "day" not in ids(frames_, EventFilter(end=date(2021, 1, 31)))
    assert "day" not in ids(frames_, EventFilter(start=date(2021, 2, 2)))


def test_open_interval_runs_to_its_latest_source_date(frames_):
    # "since Jun 2019 (continuing)" cited by a March 2021 article: known to run to 31 Mar 2021
    assert "open" in ids(frames_, EventFilter(start=date(2021, 3, 31)))
    assert "open" not in ids(frames_, EventFilter(start=date(2021, 4, 1)))
    assert "open" not in ids(frames_, EventFilter(end=date(2019, 5, 31)))


def test_undated_event_is_bounded_above_by_its_article_date(frames_):
    # "not stated, before Nov 2020": may be any time before, cannot be after
    assert "undated" in ids(frames_, EventFilter(end=date(2015, 1, 1)))
    assert "undated" in ids(frames_, EventFilter(start=date(2020, 11, 30)))
    assert "undated" not in ids(frames_, EventFilter(start=date(2020, 12, 1)))


def test_undated_event_with_a_lower_bound_respects_it(frames_):
    assert "undated-span" not in ids(frames_, EventFilter(end=date(2020, 9, 30)))
    assert "undated-span" in ids(frames_, EventFilter(end=date(2020, 10, 1)))


def test_undated_events_can_be_excluded(frames_):
    kept = ids(frames_, EventFilter(include_undated=False))
    assert kept == {"month", "day", "open", "year"}


def test_date_bounds_fill_open_and_undated_upper_bounds_from_sources(frames_):
    bounds = filters.date_bounds(frames_["events"], frames_["articles"]).set_index("id")
    assert bounds.loc["open", "high"] == pd.Timestamp("2021-03-31")
    assert bounds.loc["undated", "high"] == pd.Timestamp("2020-11-30")
    assert pd.isna(bounds.loc["undated", "low"])
    assert bounds.loc["month", "low"] == pd.Timestamp("2020-08-01")
    assert bounds.loc["month", "high"] == pd.Timestamp("2020-08-31")


def test_search_finds_an_actor_by_alias_case_and_accent_insensitively(frames_):
    assert ids(frames_, EventFilter(q="tikhanovskaya")) == {"undated"}
    assert ids(frames_, EventFilter(q="VIACORKA")) == {"year"}


def test_search_matches_country_alternate_names_and_summaries(frames_):
    assert ids(frames_, EventFilter(q="Burma")) == {"day"}
    assert ids(frames_, EventFilter(q="summary of open")) == {"open"}
    assert ids(frames_, EventFilter(q="no such words")) == set()


def test_country_type_actor_and_article_filters(frames_):
    assert ids(frames_, EventFilter(countries=["MMR"])) == {"day"}
    assert ids(frames_, EventFilter(types=["election", "coup"])) == {"month", "day"}
    assert ids(frames_, EventFilter(actors=["viacorka"])) == {"year"}
    assert ids(frames_, EventFilter(articles=["mar-2021"])) == {"day", "open"}


def test_filtered_events_are_dated_latest_first_then_undated(frames_):
    out = filters.filter_events(
        frames_["events"],
        EventFilter(),
        articles=frames_["articles"],
        actors=frames_["actors"],
        countries=frames_["countries"],
    )
    assert list(out["id"]) == ["day", "month", "open", "year", "undated", "undated-span"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2020-08-09", date(2020, 8, 9), date(2020, 8, 9)),
    ],
)
def test_period_bounds(text, first, last):
    assert filters.period_bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["", "2020-13", "August", "2019/2020", "2020~"])
def test_period_bounds_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError, match="is not a date"):
        filters.period_bounds(text)


def test_filter_query_uses_the_page_parameter_names():
    flt = EventFilter(
        countries=["BLR", "RUS"], start=date(2020, 8, 1), q=" Tikhanovskaya ", include_undated=False
    )
    assert flt.query() == {
        "country": "BLR,RUS",
        "from": "2020-08-01",
        "q": "Tikhanovskaya",
        "undated": "exclude",
    }
    assert EventFilter.from_state({"country": ["BLR"], "from": date(2020, 8, 1)}) == EventFilter(
        countries=["BLR"], start=date(2020, 8, 1)
    )


def test_counts_and_country_figures_cover_only_the_filtered_set(frames_):
    events = frames_["events"]
    chosen = events[events["country"] == "BLR"]
    counts = filters.counts_by(chosen, "type", {"protest": "Protest"})
    assert counts.iloc[0].to_dict() == {"value": "protest", "label": "Protest", "events": 3}
    figures = filters.country_figures_for(
        chosen,
        frames_["countries"],
        frames.frame("options", []),
        frames.frame("sanctions", []),
    ).set_index("iso3")
    assert figures.loc["BLR", "events"] == 5
    assert figures.loc["MMR", "events"] == 0


def test_date_labels_say_what_bounds_an_undated_event(frames_):
    events = frames_["events"]
    labels = filters.date_labels(events, filters.source_dates(events, frames_["articles"]))
    by_id = dict(zip(events["id"], labels, strict=True))
    assert by_id["undated"] == "not stated, before Nov 2020"
    assert by_id["undated-span"] == "not stated, between Oct 2020 and Nov 2020"
    assert by_id["month"] == "Aug 2020"
    assert by_id["open"] == "since Jun 2019 (continuing)"
