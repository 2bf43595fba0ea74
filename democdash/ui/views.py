"""Rendering pieces shared by pages: figures strips, tables, source lists, the events timeline."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from democdash import aggregates, corroboration, filters, timeline
from democdash.settings import REPO_DIR
from democdash.text import counted
from democdash.ui import data, mapview, since, tables, urlstate
from democdash.ui.safe import md

COLOR_LABELS = {
    "role": "Role in our sources",
    "events": "Events recorded in our sources",
    "options": "Options recorded in our sources",
}
#: The map colouring control's choices, short enough to fit beside the country panel.
COLOR_CHOICES = {
    "role": "Role",
    "events": "Events",
    "options": "Options",
    "indicator": "Democracy indicator",
}
#: Pages a country view links to, carrying the country along (file, label).
LINKED_PAGES = [
    ("pages/events.py", "Events"),
    ("pages/options.py", "Policy options"),
    ("pages/countries.py", "Country profile"),
]


#: The standing column of a table (from `corroboration.with_support_columns`).
STANDING_COLUMN = st.column_config.TextColumn(
    "Standing",
    help="Corroborated: two or more independent sources; single source: one; disputed: a "
    "source cited contradicts it; opinion: it rests on opinion pieces only.",
)


def basis_control(key: str, current: str = "where") -> str:
    """The "Count events by: where it happened | countries involved" choice (seeded with
    `current`, e.g. from the URL); returns the basis chosen (`filters.COUNTRY_BASES`)."""
    seen = f"{key}__url"
    if st.session_state.get(seen) != current:  # a new page or link: the URL's value wins
        st.session_state[key] = current
    chosen = st.segmented_control(
        "Count events by",
        options=list(filters.BASIS_LABELS),
        format_func=filters.BASIS_LABELS.get,
        key=key,
        help="Where it happened: each event counts for its own country. Countries involved: "
        "for every country it involves (a US-China meeting in Alaska counts for both).",
    )
    st.session_state[seen] = chosen or "where"
    return chosen or "where"


#: The "Hide" choice's width in pixels (about the width it had as a column on a laptop
#: screen).
HIDE_WIDTH_PX = 260


def hide_control(key: str, current: list[str]) -> list[str]:
    """The "Hide: single-source | disputed events" choice (seeded with `current`, e.g. from
    the URL); returns the standings to hide (`corroboration.HIDEABLE`)."""
    seen = f"{key}__url"
    if st.session_state.get(seen) != list(current):  # a new page or link: the URL's wins
        st.session_state[key] = list(current)
    chosen = st.multiselect(
        "Hide",
        list(corroboration.HIDEABLE),
        format_func=lambda h: filters.HIDE_LABELS.get(h, h),
        key=key,
        placeholder="Nothing hidden",
        width=HIDE_WIDTH_PX,
        help="Single-source: one independent story reports it (copies of a wire story count "
        "once). Disputed: a source cited contradicts it.",
    )
    st.session_state[seen] = list(chosen)
    return list(chosen)


def _counts() -> dict[str, int]:
    """How many records of each kind there are as of the view date, as read: events an
    editor linked as the same count once (the store's row counts would count each report)."""
    kinds = ("countries", "events", "options", "articles")
    return data.derived(("counts",), lambda: {k: len(data.frame(k)) for k in kinds})


def headline_figures() -> None:
    """Countries and territories, events, options and sources (as of the view date), with the
    years the sources were published: one line of text, not metric cards, and the coverage
    note under it. The overview is the page a link opens, and metric cards load 60 KB of
    number-formatting code the browser must run before the map draws (45-50 ms of a visit,
    measured with `democdash bench`)."""
    counts = _counts()
    coverage = data.coverage()  # the full dates are in the sidebar's coverage line
    span = "none dated"
    if coverage.first:
        years = dict.fromkeys(v.split()[-1] for v in (coverage.first, coverage.last))
        span = "published " + "–".join(years)
    figures = " · ".join(
        [
            figure(counts["countries"], "country or territory", "countries and territories"),
            figure(counts["events"], "event") + " recorded",
            figure(counts["options"], "policy option"),
            figure(counts["articles"], "source") + f", {span}",
        ]
    )
    # the coverage note under the figures, small and grey as a caption: one element, not two
    st.markdown(f"{figures}\n\n:small[:gray[{md(aggregates.COVERAGE_NOTE)}]]")


def figure(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun, the number in bold ("**12** events"), as figures lines show it."""
    number, _, words = counted(n, noun, plural).partition(" ")
    return f"**{number}** {words}"


#: Columns of a per-article table (overview and sources pages), in order, with their labels.
ARTICLE_COLUMNS = {
    "citation": st.column_config.TextColumn("Citation", width="large"),
    "source_type": st.column_config.TextColumn("Type"),
    "published": st.column_config.TextColumn("Published"),
    "events": st.column_config.NumberColumn("Events", format="%d"),
    "options": st.column_config.NumberColumn("Options", format="%d"),
    "sanctions": st.column_config.NumberColumn("Sanctions", format="%d"),
    "risks": st.column_config.NumberColumn("Risks", format="%d"),
    "actors": st.column_config.NumberColumn("Actors", format="%d"),
    "quotes": st.column_config.NumberColumn("Quotes cited", format="%d"),
}


def actor_names() -> dict[str, str]:
    """Actor id -> display name (shared: do not mutate)."""

    def build() -> dict[str, str]:
        actors = data.frame("actors")
        return dict(zip(actors["id"], actors["name"], strict=True))

    return data.derived(("actor names",), build)


def country_names() -> dict[str, str]:
    """ISO code -> display name, for the countries in the store (shared: do not mutate)."""

    def build() -> dict[str, str]:
        countries = data.frame("countries")
        return dict(zip(countries["iso3"], countries["name"], strict=True))

    return data.derived(("country names",), build)


def page_links(countries: list[str], pages: list[tuple[str, str]]) -> None:
    """Links to other pages that carry the selected countries along in the URL."""
    pages = [(f, label) for f, label in pages if (REPO_DIR / f).is_file()]
    if not pages:
        return
    params = {"country": ",".join(countries)} if countries else {}
    params = {**params, **urlstate.carried()} or None  # naming setting and view dates too
    with st.container(horizontal=True):  # one block, not one per link
        for file, label in pages:
            st.page_link(file, label=label, query_params=params, icon=":material/arrow_forward:")


@dataclass(frozen=True)
class PanelText:
    """The overview's country panel as markdown blocks (one page element each)."""

    name: str
    role: str
    context: str
    events: str
    options: str


#: What shows instead of a country's context paragraph as of a past date.
CONTEXT_HIDDEN = (
    "Context not shown as of a past date: our context paragraphs are written from every "
    "source, later ones included."
)


def as_of_words() -> str:
    """ " as of December 2020" when an as-of date is set, else "" (after "in our sources")."""
    dates = data.view()
    return f" as of {dates.as_of_label()}" if dates.as_of else ""


def context_text(context: object) -> str:
    """A country's context paragraph as markdown, or why it is not shown (as of a past
    date)."""
    return md(context) if isinstance(context, str) else f":gray[{md(CONTEXT_HIDDEN)}]"


def _panel_text(iso3: str) -> PanelText | None:
    countries = data.frame("countries").set_index("iso3")
    if iso3 not in countries.index:
        return None
    row = countries.loc[iso3]
    events = aggregates.country_events(data.frame("events"), iso3, limit=5)
    lines = ["**Latest events**"]
    for event in events.itertuples():
        sources = "source" if event.n_sources == 1 else "sources"
        lines.append(
            f"- {since.badge('events', event.id)}**{md(event.date)}** · "
            f"{md(event.type_label)}: {md(event.summary)} ({event.n_sources} {sources})"
        )
    if events.empty:
        lines.append(f":gray[No events recorded in our sources{as_of_words()}.]")
    options = aggregates.country_options(data.frame("options"), iso3)
    names = actor_names()
    option_lines = ["**Policy options**"]
    option_lines += [option_line(option, names) for option in options.head(6).itertuples()]
    if options.empty:
        option_lines.append(f":gray[No options recorded in our sources{as_of_words()}.]")
    return PanelText(
        name=md(row["name"]),
        role=f"{md(row['role']).capitalize()} country in our sources · context in our words",
        context=context_text(row["context"]),
        events="\n".join(lines),
        options="\n".join(option_lines),
    )


def country_panel(iso3: str) -> None:
    """The selected country: context, latest events, options with status as of the source."""
    text = data.derived(("country panel", iso3), lambda: _panel_text(iso3))
    if text is None:
        from democdash.ui.urlstate import country_name

        st.subheader(md(country_name(iso3)))
        st.info(md(f"Nothing about this country is recorded in our sources{as_of_words()}."))
        return
    # one element, where a subheader, a caption and three paragraphs were five
    role = f":small[:gray[{text.role}]]"
    st.markdown("\n\n".join([f"### {text.name}", role, text.context, text.events, text.options]))


def map_notes(color_by: str, lead: str = "", coverage_said: bool = False) -> None:
    """What the colours mean, the coverage note (unless the page said it already:
    `coverage_said`), and the boundaries disclaimer, after `lead` (already Markdown-safe): one
    caption, its parts as paragraphs."""
    parts = [lead] if lead else []
    if color_by != "role" and not coverage_said:
        parts.append(md(f"{COLOR_LABELS[color_by]}. {aggregates.COVERAGE_NOTE}"))
    parts.append(md(data.boundaries_credit()))
    st.caption("\n\n".join(parts))


def country_table(basis: str = "where") -> None:
    """The map as a table, for readers who cannot use the map (events counted by `basis`)."""
    tables.table(
        data.derived(
            ("country table", basis),
            lambda: mapview.country_figures(basis).sort_values(["role", "name"]),
        ),
        {
            "name": st.column_config.TextColumn("Country or territory"),
            "iso3": st.column_config.TextColumn("Code"),
            "role": st.column_config.TextColumn("Role"),
            "events": st.column_config.NumberColumn("Events recorded", format="%d"),
            "options": st.column_config.NumberColumn("Options recorded", format="%d"),
            "sanctions": st.column_config.NumberColumn("Sanctions reported", format="%d"),
            "latest_event": st.column_config.TextColumn("Latest event"),
        },
    )


def timeline_chart(events: pd.DataFrame, key: Hashable, widget_key: str) -> timeline.Pick | None:
    """`events` as a timeline figure (dates drawn only as precisely as the sources give them,
    see `democdash.timeline`) with the key to its marks. The figure is made once per `key`,
    which names the events drawn (a filter set, a country), and revision and naming setting.

    Returns what a new click picked (an event, or a country's undated group), once: the
    same selection on later reruns returns None."""

    def build() -> mapview.FrozenFigure:
        dates = filters.source_dates(events, data.frame("articles"))
        return mapview.FrozenFigure(timeline.timeline_figure(events, dates, country_names()))

    fig = data.derived(("timeline", key), build)
    chosen = st.plotly_chart(
        fig,
        width="stretch",
        config={"displaylogo": False},
        key=widget_key,
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(md(timeline.KEY_TEXT))
    points = list((chosen or {}).get("selection", {}).get("points", []))
    seen = tuple(str((p.get("customdata") or [None, None])[1]) for p in points)
    handled = f"{widget_key}__handled"
    if seen == st.session_state.get(handled, ()):
        return None
    st.session_state[handled] = seen
    return timeline.picked(points)


def option_line(option: Any, actor_names: dict[str, str]) -> str:
    """A markdown list item for an option: its title, status as of its date and the positions
    taken on it (an options-frame row, e.g. from `itertuples`), marked when new or updated
    since the since date; text escaped."""
    status = aggregates.status_line(option.status, option.status_as_of)
    who = aggregates.positions_label(option.positions, actor_names)
    return f"- {since.badge('options', option.id)}{md(option.title)}: *{md(status)}* ({md(who)})"
