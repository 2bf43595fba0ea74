"""The sidebar's sources: every one while there are few; past the limit, the latest ones,
newest first, and the heading says how many there are and which are shown."""

from __future__ import annotations

import pandas as pd

from democdash.ui.frame import FOOTER_SOURCES, footer_sources


def _articles(dates: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "citation": [f"Source {n}" for n in range(len(dates))],
            "published_latest": pd.to_datetime(dates),
        }
    )


def test_few_sources_are_all_listed_in_their_order():
    heading, citations = footer_sources(_articles(["2021-03-31", "2020-11-30"]))
    assert heading == "**Sources** (2)"
    assert citations == ["Source 0", "Source 1"]


def test_past_the_limit_the_latest_are_listed_newest_first():
    dates = [f"2016-01-{day:02d}" for day in range(1, 1 + 2 * FOOTER_SOURCES)] + [None]
    heading, citations = footer_sources(_articles(dates))
    assert heading == f"**Sources** ({len(dates):,}; the {FOOTER_SOURCES} latest)"
    newest = 2 * FOOTER_SOURCES - 1
    assert citations == [f"Source {n}" for n in range(newest, newest - FOOTER_SOURCES, -1)]
