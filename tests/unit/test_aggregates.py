"""Coverage line, per-article counts and per-country figures from the fixture store."""

import shutil
from pathlib import Path

import pytest

from democdash import aggregates
from democdash.settings import Settings
from democdash.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(tmp_path):
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    return open_store(Settings(tmp_path / "data", f"sqlite:///{tmp_path / 's.db'}", False, None))


def test_coverage_line_names_sources_and_span(store):
    assert aggregates.coverage(store.articles()).line() == (
        "1 source, about May 2024; statuses as reported then"
    )


def test_drawn_from_articles_counts_each_kind(store):
    table = aggregates.drawn_from_articles(store.articles(), store.sources()).set_index("id")
    row = table.loc["fixture-gazette-2024"]
    assert (row["events"], row["options"], row["sanctions"], row["risks"], row["actors"]) == (
        3,
        1,
        1,
        1,
        3,
    )
    assert row["citation"] == "Fixture Gazette, about May 2024."


def test_country_figures_counts_and_latest_event(store):
    figures = aggregates.country_figures(
        store.countries(), store.events(), store.options(), store.sanctions()
    ).set_index("iso3")
    assert figures.loc["BLR", "events"] == 3
    assert figures.loc["BLR", "options"] == 1
    assert figures.loc["BLR", "sanctions"] == 1
    assert figures.loc["BLR", "latest_event"] == "Sanction, Apr 2024"
    assert figures.loc["POL", "events"] == 0


def test_status_line_names_the_date_it_holds_for_or_says_it_is_not_stated():
    assert aggregates.status_line("pledged", "about Nov 2020") == "Pledged, as of about Nov 2020"
    for missing in (None, "", float("nan")):
        assert aggregates.status_line("proposed", missing) == "Proposed, as of not stated"
