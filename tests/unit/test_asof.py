"""As-of semantics (democdash.asof): a record is known on date D when a source published by the
end of D's period says so; statuses as of D are the latest entries known by then; undated and
approximate publication dates."""

from datetime import date

import pytest

from democdash import asof
from democdash.models import DateValue

PUBLISHED = {
    "nov-2020": date(2020, 11, 30),  # "about Nov 2020": its latest bound
    "mar-2021": date(2021, 3, 31),
    "day": date(2021, 2, 15),
    "undated": None,
}


def source(article: str) -> dict:
    return {"article": article, "paragraph": 1, "quote": "a quote"}


def entry(status: str, value: str, article: str) -> dict:
    return {
        "status": status,
        "as_of": DateValue(value=value).model_dump(mode="json"),
        "source": source(article),
    }


@pytest.mark.parametrize(
    ("view", "end"),
    [
        ("2021", date(2021, 12, 31)),
        ("2021-02", date(2021, 2, 28)),
        ("2020-02", date(2020, 2, 29)),
        ("2021-03-01", date(2021, 3, 1)),
        (date(2021, 3, 1), date(2021, 3, 1)),
    ],
)
def test_a_view_date_ends_with_its_period(view, end):
    assert asof.period_end(view) == end


@pytest.mark.parametrize("bad", ["March 2021", "2021-13", "21-03", ""])
def test_a_view_date_that_is_no_date_is_refused_with_the_forms_allowed(bad):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        asof.period_end(bad)


def test_publication_dates_are_taken_at_their_latest_bound():
    articles = [
        {"id": "a", "published": DateValue(value="2020-11", approximate=True).model_dump()},
        {"id": "b", "published": DateValue(value="2021-03-05").model_dump(mode="json")},
        {"id": "c", "published": DateValue(basis="not_stated").model_dump()},
        {"id": "d", "published": {"value": "2019"}},  # hand-written: bounds derived
    ]
    assert asof.published_by(articles) == {
        "a": date(2020, 11, 30),
        "b": date(2021, 3, 5),
        "c": None,
        "d": date(2019, 12, 31),
    }


def test_an_approximate_month_is_known_only_once_the_month_is_over():
    # "about Nov 2020" could be 30 November: not known on 1 November 2020
    assert not asof.article_known("nov-2020", PUBLISHED, date(2020, 11, 1))
    assert asof.article_known("nov-2020", PUBLISHED, asof.period_end("2020-11"))
    assert asof.article_known("nov-2020", PUBLISHED, asof.period_end("2020-12"))


def test_an_undated_article_counts_only_without_a_view_date():
    assert asof.article_known("undated", PUBLISHED, None)
    assert not asof.article_known("undated", PUBLISHED, date(2030, 1, 1))
    assert not asof.article_known("unknown-article", PUBLISHED, date(2030, 1, 1))


def test_a_record_as_known_keeps_only_sources_positions_and_statuses_known_then():
    option = {
        "id": "opt",
        "sources": [source("nov-2020"), source("mar-2021")],
        "positions": [
            {"holder": "usa-biden", "stance": "pledges", "source": source("nov-2020")},
            {"holder": "author", "stance": "recommends", "source": source("mar-2021")},
        ],
        "statuses": [
            entry("enacted", "2021-03", "mar-2021"),
            entry("pledged", "2020-11", "nov-2020"),
        ],
    }
    then = asof.as_known(option, PUBLISHED, asof.period_end("2020-12"))
    assert [s["article"] for s in then["sources"]] == ["nov-2020"]
    assert [p["holder"] for p in then["positions"]] == ["usa-biden"]
    assert [s["status"] for s in then["statuses"]] == ["pledged"]
    now = asof.as_known(option, PUBLISHED, None)
    assert [s["status"] for s in now["statuses"]] == ["pledged", "enacted"]  # oldest first
    assert asof.as_known(option, PUBLISHED, date(2020, 1, 1)) is None  # nothing known yet


def test_the_current_status_is_the_latest_entry_known_by_the_view_date():
    entries = [
        entry("proposed", "2019-06", "nov-2020"),
        entry("enacted", "2021-02", "day"),
        entry("rejected", "2021", "undated"),  # undated source: only without a view date
    ]
    assert asof.current_status(entries, PUBLISHED, date(2020, 12, 31))["status"] == "proposed"
    assert asof.current_status(entries, PUBLISHED, date(2021, 2, 15))["status"] == "enacted"
    assert asof.current_status(entries, PUBLISHED, date(2025, 1, 1))["status"] == "enacted"
    assert asof.current_status(entries, PUBLISHED, None)["status"] == "rejected"
    assert asof.current_status(entries, PUBLISHED, date(2020, 1, 1)) is None


def test_entries_of_the_same_date_keep_the_records_order():
    entries = [entry("proposed", "2021-03", "mar-2021"), entry("enacted", "2021-03", "mar-2021")]
    history = asof.status_history(entries, PUBLISHED, None)
    assert [e["status"] for e in history] == ["proposed", "enacted"]


def test_items_with_no_source_known_are_left_out():
    items = [{"n": 1, "s": [source("nov-2020")]}, {"n": 2, "s": [source("undated")]}]
    kept = asof.known_items(items, lambda i: i["s"], PUBLISHED, date(2021, 1, 1))
    assert [i["n"] for i in kept] == [1]
    assert asof.known_items(items, lambda i: i["s"], PUBLISHED, None) == items
