"""Indicator colourings, charts and the indicator world map: values, intervals, events on the
line at their dates, the citation on every hover, grey where a country has no value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from democdash.indicators import charts, colouring
from democdash.indicators.read import read_pair

FIXTURES = Path(__file__).parents[1] / "fixtures" / "indicators"
DATA = Path(__file__).parents[2] / "data"


@pytest.fixture(scope="module")
def table():
    return read_pair(FIXTURES / "small.yaml").table


@pytest.fixture(scope="module")
def vdem():
    return read_pair(DATA / "indicators" / "vdem_v15.yaml").table


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["day", "month", "undated"],
            "summary": ["An election", "A month of protests", "Some time"],
            "date_earliest": pd.to_datetime(["2020-08-09", "2020-08-01", None]),
            "date_latest": pd.to_datetime(["2020-08-09", "2020-08-31", None]),
            "when": ["9 Aug 2020", "Aug 2020", "undated"],
            "quote": ["a <b>quote</b>", "another quote", "third"],
            "citation": ["Outlet, 2020.", "Outlet, 2020.", "Outlet, 2020."],
        }
    )


def test_levels_step_each_country_and_leave_the_missing_grey(table) -> None:
    c = colouring.levels(table, "score", 2021)
    assert c.labels[0] == colouring.NO_VALUE and c.colours[0] == colouring.NO_VALUE_COLOUR
    assert c.step("BLR") == 1  # 0.10 in the lowest fifth of 0-1
    assert c.step("NOR") == 0  # no 2021 value
    assert "0.100 (interval: 0.050–0.150)" in c.hover("BLR")
    assert c.hover("NOR").startswith(colouring.NO_VALUE)
    assert all(text.endswith("Test index v1") for text in c.hover_by_country.values())


def test_categories_colour_in_their_order_with_their_words(table) -> None:
    c = colouring.levels(table, "status", 2019)
    assert c.labels[1:] == ("Not Free", "Partly Free", "Free")
    assert (c.step("BLR"), c.step("MMR"), c.step("NOR")) == (1, 2, 3)
    assert "Partly Free" in c.hover("MMR")


def test_change_reads_no_clear_change_where_the_intervals_overlap(vdem) -> None:
    c = colouring.change(vdem, "v2x_polyarchy", 2019, 2021)
    assert c.labels[c.step("MMR")] == "fell by 0.1 or more"  # 0.422 -> 0.107
    assert c.labels[c.step("KAZ")] == "no clear change"  # 0.236 -> 0.252, intervals overlap
    assert "0.422 (2019) → 0.107 (2021)" in c.hover("MMR")


def test_the_trajectory_draws_the_band_the_line_and_dated_events_on_it(vdem) -> None:
    fig = charts.trajectory(vdem, "BLR", "v2x_polyarchy", _events(), band="v2x_regime")
    names = [trace.name for trace in fig.data]
    assert names[:2] == ["68% interval", "Electoral democracy index"]
    markers = next(t for t in fig.data if t.name == "event in our sources")
    assert [row[0] for row in markers.customdata] == ["day", "month"]  # undated left out
    assert "&lt;b&gt;quote&lt;/b&gt;" in markers.hovertext[0]  # escaped, never HTML
    assert "Outlet, 2020." in markers.hovertext[1]
    span = next(t for t in fig.data if t.name == "event's date span")
    assert pd.Timestamp(span.x[0]) == pd.Timestamp("2020-08-01")  # a month is drawn as a span
    assert pd.Timestamp(span.x[1]) == pd.Timestamp("2020-08-31")
    # the marker sits on the line between the 2020 and 2021 values
    assert 0.173 < markers.y[0] < 0.211
    assert {"closed autocracy", "electoral autocracy"} <= set(names)
    line = fig.data[1]
    assert all("V-Dem v15, coded 2025" in text for text in line.hovertext)
    assert list(charts.undated(_events())["id"]) == ["undated"]


def test_small_multiples_say_when_a_country_has_no_values(table) -> None:
    fig = charts.small_multiples(table, [("BLR", "Belarus"), ("KAZ", "Kazakhstan")], "score")
    assert [a.text for a in fig.layout.annotations][-1] == "no values for Kazakhstan in this file"
