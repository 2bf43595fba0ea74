"""View dates (democdash.viewdate): `as_of` and `since` parsed and labelled, and the countries
listed as of a past date (those a known record concerns, without their context paragraph)."""

from __future__ import annotations

from datetime import date

import pytest

from democdash import viewdate
from democdash.settings import REPO_DIR, Settings
from democdash.store import open_store
from democdash.viewdate import ViewDates


@pytest.mark.parametrize(
    ("text", "label", "first", "end"),
    [
        ("2021", "2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021-03", "March 2021", date(2021, 3, 1), date(2021, 3, 31)),
        ("2021-03-01", "1 March 2021", date(2021, 3, 1), date(2021, 3, 1)),
        (" 2020-02 ", "February 2020", date(2020, 2, 1), date(2020, 2, 29)),
    ],
)
def test_a_view_date_has_a_label_a_first_day_and_an_end(text, label, first, end):
    dates = ViewDates.of(as_of=text, since=text)
    assert dates.as_of == text.strip()
    assert dates.as_of_label() == label and dates.since_label() == label
    assert dates.since_start == first
    assert dates.as_of_end == end


@pytest.mark.parametrize("bad", ["2021-13", "2021-3", "21-03", "2021-02-30", "March", "2021/03"])
def test_a_bad_view_date_is_refused_with_what_to_use(bad):
    with pytest.raises(ValueError, match=r"is not a date \(use YYYY, YYYY-MM or YYYY-MM-DD\)"):
        viewdate.parse(bad)
    with pytest.raises(ValueError, match=r"^since: "):
        ViewDates.of(since=bad)


def test_no_view_date_is_the_latest_with_nothing_new():
    dates = ViewDates.of("", None)
    assert dates == ViewDates()
    assert dates.as_of_end is None and dates.since_start is None
    assert dates.as_of_label() == "the latest"
    assert dates.query() == {} and dates.describe() == []


def test_query_and_description_carry_both_dates():
    dates = ViewDates.of("2021-03", "2021-01")
    assert dates.query() == {"as_of": "2021-03", "since": "2021-01"}
    assert dates.describe() == [
        ("As of", "March 2021: only what our sources had published by then"),
        ("New since", "January 2021: published from then on"),
    ]
    assert not dates.nothing_new
    assert ViewDates.of("2020-12", "2021-01").nothing_new


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    home = tmp_path_factory.mktemp("viewdate")
    return open_store(Settings(REPO_DIR / "data", f"sqlite:///{home / 's.db'}", False, None))


def test_as_of_a_past_date_only_countries_a_known_record_concerns_are_listed(store):
    every_article = store.frame("articles")["id"]
    known = {k: store.frame(k, as_of="2020-12") for k in (*viewdate.KNOWN_KINDS, "articles")}
    countries = viewdate.known_countries(store.frame("countries"), known, every_article)
    # the Nov 2020 article is about Belarus; Myanmar, Kazakhstan, Hong Kong, China and Ukraine
    # come only from the Mar 2021 one
    assert sorted(countries["iso3"]) == ["BLR", "CAN", "DEU", "FRA", "GBR", "RUS", "USA"]
    assert countries["context"].isna().all()

    everything = {k: store.frame(k) for k in viewdate.KNOWN_KINDS}
    assert set(viewdate.concerned_countries(everything)) >= {"MMR", "KAZ", "HKG", "CHN", "UKR"}


def test_a_date_that_leaves_no_source_out_changes_no_country(store):
    known = {k: store.frame(k, as_of="2021-03") for k in (*viewdate.KNOWN_KINDS, "articles")}
    countries = store.frame("countries")
    same = viewdate.known_countries(countries, known, store.frame("articles")["id"])
    assert same is countries


def test_later_sources_counts_what_the_as_of_date_hides_of_each_record(store):
    known = store.frame("events", as_of="2020-12")
    later = viewdate.later_sources(known, store.frame("events"))
    assert later["blr-2020-protests"] == 1  # the 2021 piece reports the protests too
    assert "blr-torture" not in later  # only the 2020 article
    assert set(later) <= set(known["id"])
    note = viewdate.later_note(2, ViewDates.of("2020-12"))
    assert note.startswith("Our words here also draw on 2 later sources, hidden as of December")
