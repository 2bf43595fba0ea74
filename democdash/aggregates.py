"""Figures derived from the store's frames: coverage, what each article gave, per-country counts.

Counts are "records in our sources", never a measure of what happened in the world; every
caller labels them so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from democdash.dates import month_label
from democdash.vocab import label

COVERAGE_NOTE = (
    "Counts are records in our sources, not a measure of events in the world: the absence of "
    "an event in our sources does not mean nothing happened."
)


@dataclass(frozen=True)
class Coverage:
    """How many sources the data rests on and the span of their publication dates."""

    n_sources: int
    first: str | None
    last: str | None

    def line(self) -> str:
        """E.g. "2 sources, Nov 2020 to about Mar 2021; statuses as reported then"."""
        noun = "source" if self.n_sources == 1 else "sources"
        if not self.first:
            return f"{self.n_sources} {noun}; statuses as reported then"
        span = self.first if self.first == self.last else f"{self.first} to {self.last}"
        return f"{self.n_sources} {noun}, {span}; statuses as reported then"


def _approx_month(row: pd.Series, column: str) -> str | None:
    value = row[column]
    if pd.isna(value):
        return None
    prefix = "about " if row["published"].startswith("about") else ""
    return prefix + month_label(value.date())


def coverage(articles: pd.DataFrame) -> Coverage:
    """The coverage of a set of articles (from `Store.articles()`)."""
    dated = articles.dropna(subset=["published_earliest"])
    if dated.empty:
        return Coverage(len(articles), None, None)
    first = dated.loc[dated["published_earliest"].idxmin()]
    last = dated.loc[dated["published_latest"].idxmax()]
    return Coverage(
        len(articles),
        _approx_month(first, "published_earliest"),
        _approx_month(last, "published_latest"),
    )


def drawn_from_articles(articles: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Per article: its citation and how many events, options, ... cite it."""
    kinds = ["events", "options", "sanctions", "risks", "actors"]
    counts = (
        sources.drop_duplicates(["kind", "record_id", "article"])
        .groupby(["article", "kind"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=kinds, fill_value=0)
    )
    quotes = sources.groupby("article").size().rename("quotes")
    table = articles.set_index("id")[["citation", "source_type", "published", "origin"]]
    table = table.join(counts).join(quotes).fillna(0)
    for column in [*kinds, "quotes"]:
        table[column] = table[column].astype(int)
    return table.reset_index().rename(columns={"index": "id"})


def latest_event_label(events: pd.DataFrame) -> pd.Series:
    """Per country, its latest dated event as "Coup, 1 Feb 2021" (type and date as known)."""
    dated = events[events["date_value"].notna()]
    if dated.empty:
        return pd.Series(dtype="str")
    latest = dated.sort_values("sort_date").groupby("country").tail(1)
    return pd.Series(
        [f"{label(t)}, {d}" for t, d in zip(latest["type"], latest["date"], strict=True)],
        index=latest["country"].to_numpy(),
    )


def events_per_country(events: pd.DataFrame, basis: str = "where") -> pd.Series:
    """Events per country code: by where they happened, or (`involved`) once for every country
    each involves. An event counts once per country whatever its number of sources."""
    if basis == "involved":
        return events["countries_involved"].explode().dropna().value_counts()
    return events["country"].value_counts()


def country_figures(
    countries: pd.DataFrame,
    events: pd.DataFrame,
    options: pd.DataFrame,
    sanctions: pd.DataFrame,
    basis: str = "where",
) -> pd.DataFrame:
    """One row per country: name, role, events (where they happened, or every country they
    involve), options and sanctions recorded, latest event."""
    figures = countries[["iso3", "name", "role"]].copy()
    figures["events"] = figures["iso3"].map(events_per_country(events, basis)).fillna(0)
    figures["options"] = figures["iso3"].map(options["target"].value_counts()).fillna(0)
    figures["sanctions"] = figures["iso3"].map(sanctions["target_country"].value_counts())
    figures["sanctions"] = figures["sanctions"].fillna(0)
    for column in ("events", "options", "sanctions"):
        figures[column] = figures[column].astype(int)
    latest = latest_event_label(events).to_dict()
    figures["latest_event"] = [latest.get(iso3, "") for iso3 in figures["iso3"]]
    return figures


def status_line(status: str, as_of: object) -> str:
    """An option's or sanction's status with the date it holds for, e.g. "Pledged, as of about
    Nov 2020" (statuses are as reported at that date; a missing date says "not stated")."""
    when = as_of if isinstance(as_of, str) and as_of else "not stated"
    return f"{label(status)}, as of {when}"


def position_label(position: Mapping[str, Any], actor_names: Mapping[str, str]) -> str:
    """Who holds a position and how, e.g. "Joe Biden pledges" or "the article's author
    recommends" (a row of an options frame's `positions`)."""
    return f"{claimant_label(position['holder'], actor_names)} {position['stance']}"


def positions_label(positions: Iterable[Mapping[str, Any]], actor_names: Mapping[str, str]) -> str:
    """Every position on an option in one line: "Joe Biden pledges; the article's author
    recommends" (each holder and stance once, in the order the record gives them)."""
    found = dict.fromkeys(position_label(p, actor_names) for p in positions)
    return "; ".join(found) or "not stated"


def history_line(history: Iterable[Mapping[str, Any]]) -> str:
    """A status history as steps, oldest first: "Proposed (about Jun 2019) → Enacted (Mar
    2021)"; one step reads like `status_line`."""
    steps = [f"{label(h['status'])} ({h['as_of'] or 'not stated'})" for h in history]
    return " → ".join(steps) or "not stated"


def claimant_label(value: str | None, actor_names: Mapping[str, str]) -> str:
    """Who claims or proposes something, for "according to ...": an actor's name, "the
    article's author" or "unnamed critics"."""
    if not value or value == "author":
        return "the article's author"
    if value == "critics":
        return "unnamed critics"
    return actor_names.get(value, value)


def country_events(
    events: pd.DataFrame, iso3: str, limit: int | None = None, basis: str = "where"
) -> pd.DataFrame:
    """A country's events (where they happened, or every event involving it), latest first
    (undated ones last, never dropped)."""
    if basis == "involved":
        mine = events["countries_involved"].map(lambda codes: iso3 in (codes or []))
    else:
        mine = events["country"] == iso3
    rows = events[mine].assign(_dated=lambda d: d["date_value"].notna())
    rows = rows.sort_values(
        ["_dated", "sort_date", "id"], ascending=[False, False, True], na_position="last"
    ).drop(columns="_dated")
    return rows.head(limit) if limit else rows


def country_options(options: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Options aimed at a country, most recently reported first."""
    rows = options[options["target"] == iso3]
    return rows.sort_values(["status_as_of_latest", "id"], ascending=[False, True])
