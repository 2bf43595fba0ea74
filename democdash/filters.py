"""Filtering the events frame (countries, types, dates of mixed precision, actors, articles,
free text) and the figures drawn from a filtered set. Pure functions over the store's frames,
shared by the events page, the CLI and the exports.

Date rule (mixed precision, see `date_bounds`): an event's date is an interval
``[low, high]``; a filter range ``[start, end]`` keeps it when the two overlap. Nothing is
guessed to make an event fit or to drop it: an unknown bound is open.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from democdash import aggregates, dates

#: URL values of the "undated events" choice (see `EventFilter.include_undated`).
UNDATED_CHOICES = ("include", "exclude")


@dataclass(frozen=True)
class EventFilter:
    """What an analyst asked for. Empty lists and None mean "no restriction".

    `start` and `end` are inclusive days (use `period_bounds` to turn "2020-08" into its first
    or last day). `include_undated` False drops events whose date the sources do not state.
    """

    countries: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    actors: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    q: str = ""
    include_undated: bool = True
    #: `where`: an event matches the countries it happened in; `involved`: any it involves.
    country_basis: str = "where"
    #: Standings left out (`single-source`, `disputed`; see `democdash.corroboration`).
    hide: list[str] = field(default_factory=list)

    def query(self) -> dict[str, str]:
        """The events page's URL parameters for this filter (same names as the page)."""
        out: dict[str, str] = {}
        for name, value in (
            ("country", self.countries),
            ("type", self.types),
            ("from", self.start),
            ("to", self.end),
            ("actor", self.actors),
            ("article", self.articles),
            ("q", self.q.strip()),
        ):
            if isinstance(value, list) and value:
                out[name] = ",".join(value)
            elif isinstance(value, date):
                out[name] = value.isoformat()
            elif isinstance(value, str) and value:
                out[name] = value
        if not self.include_undated:
            out["undated"] = "exclude"
        if self.country_basis != "where":
            out["basis"] = self.country_basis
        if self.hide:
            out["hide"] = ",".join(self.hide)
        return out

    def describe(self) -> list[tuple[str, str]]:
        """(filter, value) pairs in words, for an export's About sheet; "all" where unset."""
        return [
            ("Countries", ", ".join(self.countries) or "all"),
            ("Event types", ", ".join(self.types) or "all"),
            ("From", self.start.isoformat() if self.start else "no lower bound"),
            ("To", self.end.isoformat() if self.end else "no upper bound"),
            ("Actors", ", ".join(self.actors) or "all"),
            ("Source articles", ", ".join(self.articles) or "all"),
            ("Search", self.q.strip() or "none"),
            ("Undated events", "included" if self.include_undated else "excluded"),
            ("Countries by", BASIS_LABELS.get(self.country_basis, self.country_basis)),
            ("Hidden", ", ".join(HIDE_LABELS.get(h, h) for h in self.hide) or "nothing"),
        ]

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EventFilter:
        """A filter from the events page's URL values (`urlstate.EVENTS` names)."""
        return cls(
            countries=list(state.get("country") or []),
            types=list(state.get("type") or []),
            start=state.get("from"),
            end=state.get("to"),
            actors=list(state.get("actor") or []),
            articles=list(state.get("article") or []),
            q=state.get("q") or "",
            include_undated=(state.get("undated") or "include") != "exclude",
            country_basis=state.get("basis") or "where",
            hide=list(state.get("hide") or []),
        )


def period_bounds(text: str) -> tuple[date, date]:
    """First and last day a date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` covers.

    `--from 2020-08` means from 1 Aug 2020 and `--to 2020-08` up to 31 Aug 2020. Raises
    `ValueError` with a readable message for anything else.
    """
    value = text.strip()
    if not value or "/" in value or "W" in value or value.endswith(("~", "?")):
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        low, high, *_ = dates.parse_value(value)
    except dates.DateValueError:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    assert low is not None and high is not None
    return low, high


def source_dates(events: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Per event id, the latest publication date among the articles it cites (NaT if none is
    dated): how far an open interval ("continuing") is known to run."""
    published = articles.set_index("id")["published_latest"]
    if events.empty:
        return pd.Series(dtype="datetime64[ns]")
    exploded = events[["id", "articles"]].explode("articles")
    exploded["published"] = exploded["articles"].map(published)
    return exploded.groupby("id", sort=False)["published"].max().reindex(events["id"])


def date_labels(events: pd.DataFrame, source_dates: pd.Series) -> pd.Series:
    """Each event's date as the source gives it (the frame's `date`), where an undated event
    with no stated upper bound says what bounds it: "not stated, before Nov 2020" (its
    latest source's date)."""
    src = source_dates.reindex(events["id"]).to_numpy()
    labels = []
    for text, value, low, high, source in zip(
        events["date"],
        events["date_value"],
        events["date_earliest"],
        events["date_latest"],
        src,
        strict=True,
    ):
        if pd.isna(value) and pd.isna(high) and pd.notna(source):
            until = dates.month_label(pd.Timestamp(source).date())
            if pd.notna(low):
                text = f"not stated, between {dates.month_label(low.date())} and {until}"
            else:
                text = f"not stated, before {until}"
        labels.append(text)
    return pd.Series(labels, index=events.index, dtype=object)


def date_bounds(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each event's date as an interval: columns `id`, `low`, `high`, `dated`, `open_end`.

    - dated event: its earliest and latest day (a month-precision event spans its month);
    - open interval ("since Aug 2020, continuing"): up to its latest source's date;
    - undated event (no value): its stated bounds if any, else up to its article's date;
    - NaT stays NaT where nothing is known (an unbounded side).
    """
    src = source_dates(events, articles)
    high = events["date_latest"].copy()
    missing = high.isna().to_numpy()
    high[missing] = src.to_numpy()[missing]
    return pd.DataFrame(
        {
            "id": events["id"].to_numpy(),
            "low": pd.to_datetime(events["date_earliest"]).to_numpy(),
            "high": pd.to_datetime(high).to_numpy(),
            "dated": events["date_value"].notna().to_numpy(),
            "open_end": events["open_end"].fillna(False).astype(bool).to_numpy(),
        },
        index=events.index,
    )


def in_range(bounds: pd.DataFrame, start: date | None, end: date | None) -> pd.Series:
    """Whether each event's interval overlaps ``[start, end]`` (inclusive days).

    The rule: ``low <= end`` and ``high >= start``, where an unknown bound (NaT) never excludes
    the event. So "Aug 2020" matches ``from=2020-08-15`` (the month overlaps), "since Jun 2019
    (continuing)" cited in a Mar 2021 article matches ``from=2021-01``, and "not stated, before
    Nov 2020" matches ``to=2019`` (it may be earlier) but not ``from=2021`` (it cannot be).
    """
    keep = pd.Series(True, index=bounds.index)
    if end is not None:
        keep &= bounds["low"].isna() | (bounds["low"] <= pd.Timestamp(end))
    if start is not None:
        keep &= bounds["high"].isna() | (bounds["high"] >= pd.Timestamp(start))
    return keep


def fold(text: object) -> str:
    """Text folded for searching: case-insensitive, accents and curly quotes ignored."""
    value = unicodedata.normalize("NFKD", "" if text is None else str(text))
    value = "".join(c for c in value if not unicodedata.combining(c))
    return value.replace("’", "'").replace("‘", "'").casefold()


def search_text(events: pd.DataFrame, actors: pd.DataFrame, countries: pd.DataFrame) -> pd.Series:
    """Per event, the folded text `q` searches: summary, location, country names (and alternate
    names), and the names and aliases of its actors."""
    actor_text = {
        row.id: " ".join([row.name, *list(row.aliases or [])]) for row in actors.itertuples()
    }
    country_text = {
        row.iso3: " ".join([row.iso3, row.name, *list(row.alt_names or [])])
        for row in countries.itertuples()
    }
    return pd.Series(
        [
            fold(
                " | ".join(
                    [
                        str(e.summary),
                        str(e.location or ""),
                        country_text.get(e.country, e.country),
                        *(actor_text.get(a, a) for a in e.actors),
                    ]
                )
            )
            for e in events.itertuples()
        ],
        index=events.index,
        dtype=object,
    )


#: How events are tied to countries: where they happened, or every country they involve.
COUNTRY_BASES = ("where", "involved")
#: The country basis in words ("Count events by: ...").
BASIS_LABELS = {"where": "where it happened", "involved": "countries involved"}
#: The standings a reader may hide, in words.
HIDE_LABELS = {"single-source": "single-source events", "disputed": "disputed events"}


def in_countries(events: pd.DataFrame, codes: list[str], basis: str = "where") -> pd.Series:
    """Which events belong to any of `codes`: by where they happened, or (`involved`) by
    every country they involve."""
    if basis == "involved":
        return _any_in(events["countries_involved"], codes)
    if basis != "where":
        raise ValueError(f"unknown country basis {basis!r}: use one of {COUNTRY_BASES}")
    return events["country"].isin(codes)


def _any_in(column: pd.Series, wanted: list[str]) -> pd.Series:
    chosen = set(wanted)
    return column.map(lambda items: bool(chosen.intersection(items or [])))


def filter_events(
    events: pd.DataFrame,
    flt: EventFilter,
    *,
    articles: pd.DataFrame,
    actors: pd.DataFrame,
    countries: pd.DataFrame,
) -> pd.DataFrame:
    """The events matching `flt`, dated ones latest first, undated ones after (never dropped
    unless the filter excludes them).

    Countries and types match exactly; an event matches `actors` or `articles` when any of its
    actors or cited articles is chosen; `q` matches words in order, case- and accent-
    insensitively, in the text `search_text` gives (so `Tikhanovskaya` finds the events of
    Sviatlana Tsikhanouskaya through her alias). Dates follow `in_range` over `date_bounds`.
    """
    keep = pd.Series(True, index=events.index)
    if flt.countries:
        keep &= in_countries(events, flt.countries, flt.country_basis)
    if flt.types:
        keep &= events["type"].isin(flt.types)
    if flt.actors:
        keep &= _any_in(events["actors"], flt.actors)
    if flt.articles:
        keep &= _any_in(events["articles"], flt.articles)
    if not flt.include_undated:
        keep &= events["date_value"].notna()
    if flt.start is not None or flt.end is not None:
        keep &= in_range(date_bounds(events, articles), flt.start, flt.end)
    if flt.hide:
        keep &= ~events["standing"].isin(flt.hide)
    if flt.q.strip():
        words = fold(flt.q).split()
        haystack = search_text(events, actors, countries)
        keep &= haystack.map(lambda text: all(w in text for w in words))
    return sort_events(events[keep])


def sort_events(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events latest first, then undated ones (by their upper bound), then by id."""
    order = events.assign(
        _undated=events["date_value"].isna(),
        _key=events["sort_date"].where(events["date_value"].notna(), events["date_latest"]),
    )
    order = order.sort_values(
        ["_undated", "_key", "id"], ascending=[True, False, True], na_position="last"
    )
    return order.drop(columns=["_undated", "_key"]).reset_index(drop=True)


def counts_by(
    events: pd.DataFrame, column: str, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Events recorded in our sources per value of `column` (e.g. type, country), most first:
    columns `value`, `label`, `events`."""
    counts = events[column].value_counts().rename_axis("value").reset_index(name="events")
    counts["label"] = counts["value"].map(lambda v: (labels or {}).get(v, v))
    counts = counts.sort_values(["events", "label"], ascending=[False, True], ignore_index=True)
    return counts[["value", "label", "events"]]


def country_figures_for(
    filtered: pd.DataFrame,
    countries: pd.DataFrame,
    options: pd.DataFrame,
    sanctions: pd.DataFrame,
    basis: str = "where",
) -> pd.DataFrame:
    """Per-country figures (as `aggregates.country_figures`) where `events` and
    `latest_event` count only the filtered events (by where they happened, or every country
    they involve): what the events page's map shades."""
    return aggregates.country_figures(countries, filtered, options, sanctions, basis)


def counts_by_country(
    events: pd.DataFrame, labels: dict[str, str] | None = None, basis: str = "where"
) -> pd.DataFrame:
    """Events per country, most first (as `counts_by`): by where they happened, or
    (`involved`) once for every country each involves. An event counts once per country,
    whatever its number of sources."""
    if basis == "where":
        return counts_by(events, "country", labels)
    exploded = events[["countries_involved"]].explode("countries_involved").dropna()
    return counts_by(exploded.rename(columns={"countries_involved": "country"}), "country", labels)
