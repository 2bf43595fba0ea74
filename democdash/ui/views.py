"""Rendering pieces shared by pages: figures strips, tables, source lists."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from democdash import aggregates
from democdash.ui import data
from democdash.ui.safe import md


def headline_figures() -> None:
    """Countries and territories, events, options, sources, and the sources' date span."""
    counts = data.store().counts()
    coverage = aggregates.coverage(data.frame("articles"))
    cols = st.columns(5)
    cols[0].metric("Countries and territories", counts["countries"])
    cols[1].metric("Events recorded", counts["events"])
    cols[2].metric("Policy options", counts["options"])
    cols[3].metric("Sources", counts["articles"])
    span = (
        "no dated sources"
        if not coverage.first
        else coverage.first
        if coverage.first == coverage.last
        else f"{coverage.first} – {coverage.last}"
    )
    cols[4].metric("Sources span", span)
    st.caption(md(aggregates.COVERAGE_NOTE))


def articles_table(articles: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Each article's citation and how many records were drawn from it."""
    table = aggregates.drawn_from_articles(articles, sources)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_order=[
            "citation",
            "source_type",
            "published",
            "events",
            "options",
            "sanctions",
            "risks",
            "actors",
            "quotes",
        ],
        column_config={
            "citation": st.column_config.TextColumn("Citation", width="large"),
            "source_type": st.column_config.TextColumn("Type"),
            "published": st.column_config.TextColumn("Published"),
            "events": st.column_config.NumberColumn("Events", format="%d"),
            "options": st.column_config.NumberColumn("Options", format="%d"),
            "sanctions": st.column_config.NumberColumn("Sanctions", format="%d"),
            "risks": st.column_config.NumberColumn("Risks", format="%d"),
            "actors": st.column_config.NumberColumn("Actors", format="%d"),
            "quotes": st.column_config.NumberColumn("Quotes cited", format="%d"),
        },
    )
