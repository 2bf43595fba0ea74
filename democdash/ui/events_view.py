"""Rendering for the events page: filter widgets kept in step with the URL, the filtered map,
counts, timeline, table, the selected event's sources, and the downloads.

The URL is the state (`urlstate.EVENTS`); widgets are seeded from it when they first appear
and written back to it on every run. A map click or a table selection is handled once.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd
import streamlit as st

from democdash import aggregates, corroboration, exports, filters, places, viewdate
from democdash.text import quoted
from democdash.ui import (
    data,
    grading_view,
    links_view,
    mapview,
    notes_view,
    since,
    tables,
    urlstate,
    views,
)
from democdash.ui.safe import md
from democdash.ui.urlstate import EVENTS
from democdash.vocab import EventType, label

#: URL parameter -> widget key.
KEYS = {
    "country": "ev_country",
    "type": "ev_type",
    "from": "ev_from",
    "to": "ev_to",
    "actor": "ev_actor",
    "article": "ev_article",
    "q": "ev_q",
    "undated": "ev_undated",
    "basis": "ev_basis",
    "hide": "ev_hide",
}
MAP_KEY = "ev_map"
#: The width of the narrower filters (dates, search, the undated toggle), in pixels: about the
#: width they had as columns (a fifth of the filter box) on a laptop screen.
NARROW_FILTER_PX = 170
VIEW_KEY = "ev_view"
#: The page's views, in tabs (URL `view`); only the open one runs.
VIEWS = dict(zip(urlstate.EVENT_VIEWS, ("Table", "Map and counts", "Timeline"), strict=True))
TOGGLE_KEY = "ev_toggle_country"
FAR_PAST, FAR_FUTURE = date(1900, 1, 1), date(2100, 12, 31)


def read_state() -> dict[str, Any]:
    """The page's values from the URL; `to=2020-08` means up to the last day of August."""
    state = urlstate.read(EVENTS)
    raw_to = st.query_params.get("to")
    if raw_to and state["to"] is not None:
        with contextlib.suppress(ValueError):
            state["to"] = filters.period_bounds(raw_to)[1]
    return state


def _seed(state: dict[str, Any]) -> None:
    """Put URL values into widgets that are not on screen yet; apply a pending map click."""
    for name, key in KEYS.items():
        if key not in st.session_state:
            value = state[name]
            st.session_state[key] = value != "exclude" if name == "undated" else value
    toggled = st.session_state.pop(TOGGLE_KEY, None)
    if toggled:
        chosen = list(st.session_state[KEYS["country"]])
        st.session_state[KEYS["country"]] = (
            [c for c in chosen if c != toggled] if toggled in chosen else [*chosen, toggled]
        )


def _choices() -> tuple[list[str], list[str], dict[str, str]]:
    """What the filters offer: countries with events (by name), actor ids, article citations."""

    def build() -> tuple[list[str], list[str], dict[str, str]]:
        events, articles = data.frame("events"), data.frame("articles")
        names = views.country_names()
        countries = sorted(
            set(events["country"]), key=lambda c: names.get(c, urlstate.country_name(c))
        )
        citations = dict(zip(articles["id"], articles["citation"], strict=True))
        return countries, list(data.frame("actors")["id"]), citations

    return data.derived(("events choices",), build)


def filter_controls(state: dict[str, Any]) -> dict[str, Any]:
    """The filter widgets, seeded from `state`; returns the state they now describe."""
    _seed(state)
    names, actor_names = views.country_names(), views.actor_names()
    countries, actor_ids, citations = _choices()
    chosen = [c for c in st.session_state[KEYS["country"]] if c not in set(countries)]
    if chosen:  # a country from the URL that no event names: keep it offered
        countries = sorted(
            [*countries, *chosen], key=lambda c: names.get(c, urlstate.country_name(c))
        )
    # each row one horizontal container, where columns were a block each and one more (a fixed
    # cost of every rerun each): the wide filters stretch, the narrow ones are a fixed width
    with st.container(border=True):
        row = st.container(horizontal=True)
        row.multiselect(
            "Countries",
            countries,
            format_func=lambda c: names.get(c, urlstate.country_name(c)),
            key=KEYS["country"],
            placeholder="All countries",
        )
        row.multiselect(
            "Event types",
            [str(t) for t in EventType],
            format_func=label,
            key=KEYS["type"],
            placeholder="All types",
        )
        dates = {"min_value": FAR_PAST, "max_value": FAR_FUTURE, "format": "YYYY-MM-DD"}
        row.date_input("From", key=KEYS["from"], width=NARROW_FILTER_PX, **dates)
        row.date_input("To", key=KEYS["to"], width=NARROW_FILTER_PX, **dates)
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.multiselect(
            "Actors",
            actor_ids,
            format_func=lambda a: actor_names.get(a, a),
            key=KEYS["actor"],
            placeholder="Any actor",
        )
        row.multiselect(
            "Source article",
            list(citations),
            format_func=lambda a: citations.get(a, a),
            key=KEYS["article"],
            placeholder="Any source",
        )
        row.text_input(
            "Search",
            key=KEYS["q"],
            width=NARROW_FILTER_PX,
            placeholder="e.g. Tikhanovskaya",
            help="Summaries, places, countries, actors' names and aliases; any case or accent.",
        )
        row.toggle(
            "Include undated",
            key=KEYS["undated"],
            width=NARROW_FILTER_PX,
            help="Events whose date the source does not state are kept when their bounds "
            "(at latest, the article's date) overlap the dates chosen.",
        )
        row = st.container(horizontal=True, vertical_alignment="bottom", gap="large")
        with row:  # the basis choices in full
            views.basis_control(KEYS["basis"], state["basis"])
        row.multiselect(
            "Hide",
            list(corroboration.HIDEABLE),
            format_func=lambda h: filters.HIDE_LABELS.get(h, h),
            key=KEYS["hide"],
            placeholder="Nothing hidden",
            width=views.HIDE_WIDTH_PX,
            help="Single-source: one independent story reports it (copies of a wire story "
            "count once). Disputed: a source cited contradicts it.",
        )
    new = {name: st.session_state[key] for name, key in KEYS.items()}
    new["basis"] = new["basis"] or "where"
    new["undated"] = "include" if new["undated"] else "exclude"
    new["q"] = (new["q"] or "").strip()
    return {**state, **new}


@dataclass(frozen=True)
class Selection:
    """What the page shows for one filter set, made once per store revision and naming setting
    and shared by every session (do not mutate): the events kept, and, each made when a view
    first asks for it, their per-country figures (map, GeoJSON), the counts by type and by
    country, and the table's rows. `frames` and `names` are the revision's, so a later view of
    this selection draws on the same data."""

    key: Hashable
    filtered: pd.DataFrame
    total: int
    frames: dict[str, pd.DataFrame] = field(repr=False)
    names: dict[str, str] = field(repr=False)
    #: How events are tied to countries in the figures and counts (`filters.COUNTRY_BASES`).
    basis: str = "where"

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The kept events' ids, in the table's order."""
        return tuple(self.filtered["id"])

    @cached_property
    def id_set(self) -> frozenset[str]:
        return frozenset(self.ids)

    @cached_property
    def table_widget_key(self) -> str:
        return table_key(list(self.ids))

    @cached_property
    def undated(self) -> int:
        return int(self.filtered["date_value"].isna().sum())

    @cached_property
    def figures(self) -> pd.DataFrame:
        f = self.frames
        return filters.country_figures_for(
            self.filtered, f["countries"], f["options"], f["sanctions"], basis=self.basis
        )

    @cached_property
    def placed(self) -> places.Placed:
        """The kept events with a known place as points, and the places left unresolved."""
        return places.place_events(self.filtered, mapview.gazetteer())

    @cached_property
    def by_type(self) -> pd.DataFrame:
        return filters.counts_by(self.filtered, "type", {str(t): label(t) for t in EventType})

    @cached_property
    def by_country(self) -> pd.DataFrame:
        return filters.counts_by_country(self.filtered, self.names, self.basis)

    @cached_property
    def count_tables(self) -> list[tuple[str, pd.DataFrame, int]]:
        """(title, counts, the largest count, at least 1) by type and by country."""
        return [
            (title, table, max(int(table["events"].max()) if len(table) else 1, 1))
            for title, table in (("By type", self.by_type), ("By country", self.by_country))
        ]

    @cached_property
    def table(self) -> pd.DataFrame:
        return since.with_column(_table(self.filtered, self.frames["articles"]), "events")

    @cached_property
    def new(self) -> int:
        """How many of the events kept are new since the since date (0 when none is set)."""
        found = since.marks()["events"]
        return sum(found.get(e) == "new" for e in self.filtered["id"])


def selection(state: dict[str, Any]) -> Selection:
    """The events the state's filters keep (see `filters.filter_events`) and what is drawn
    from them."""
    flt = filters.EventFilter.from_state(state)
    key = ("events selection", tuple(sorted(flt.query().items())))
    return data.derived(key, lambda: _select(key, flt))


def _select(key: Hashable, flt: filters.EventFilter) -> Selection:
    frames = {
        kind: data.frame(kind)
        for kind in ("events", "articles", "actors", "countries", "options", "sanctions")
    }
    filtered = filters.filter_events(
        frames["events"],
        flt,
        articles=frames["articles"],
        actors=frames["actors"],
        countries=frames["countries"],
    )
    return Selection(
        key=key,
        filtered=filtered,
        total=len(frames["events"]),
        frames=frames,
        names=views.country_names(),
        basis=flt.country_basis,
    )


def result_line(sel: Selection) -> None:
    """How many events match, how many of them are undated, and how many are new since the
    since date (when one is set)."""
    noun = "event" if len(sel.filtered) == 1 else "events"
    new = (
        f"; {sel.new} new since {data.view().since_label()} {since.BADGES['new']}"
        if since.active()
        else ""
    )
    st.markdown(
        f"**{len(sel.filtered)} {noun}** recorded in our sources{views.as_of_words()} match "
        f"(of {sel.total}); {sel.undated} of them undated in the sources{new}."
    )


def _about(state: dict[str, Any]) -> exports.About:
    return exports.About(
        filters=filters.EventFilter.from_state(state).describe(),
        share_link=urlstate.share_url(state, EVENTS),
        data_version=data.data_version(),
        sources_span=data.coverage().line(),
        as_of=data.view().as_of,
    )


def _export_builder(sel: Selection, about: exports.About):
    """A function that builds the export tables later (when a download is clicked): what it
    needs from the store and the page's address is taken now, inside the script run."""
    inputs = {
        "sources": data.sources(),
        "articles": data.frame("articles"),
        "actor_names": views.actor_names(),
        "country_names": views.country_names(),
    }
    return lambda: exports.build_export(sel.filtered, about=about, **inputs)


#: The "Download" popover's key (its buttons are made only while it is open).
DOWNLOADS_KEY = "ev_downloads"


def downloads(sel: Selection, state: dict[str, Any]) -> None:
    """A "Download" menu: the filtered events (CSV, Excel, JSON) and the counts (GeoJSON).
    Its buttons are made only while it is open (four buttons and their row cost about a
    sixth of the page's every rerun), and the files only when one is clicked."""
    menu = st.popover("Download", icon=":material/download:", key=DOWNLOADS_KEY, on_change="rerun")
    if not menu.open:
        return
    about = _about(state)
    bundle = _export_builder(sel, about)
    boundaries = data.boundaries("world")
    with menu:
        st.caption("The events of this selection, each with its sources and the share link:")
        for fmt, (mime, build) in exports.FORMATS.items():
            st.download_button(
                f"{'Excel' if fmt == 'xlsx' else fmt.upper()} with sources",
                data=lambda build=build: build(bundle()),
                file_name=exports.file_name(state["country"], fmt, as_of=data.view().as_of),
                mime=mime,
                on_click="ignore",
                icon=":material/download:",
                key=f"ev_download_{fmt}",
                width="stretch",
            )
        st.download_button(
            "Counts by country as GeoJSON",
            data=lambda: exports.country_counts_geojson(sel.figures, boundaries, about),
            file_name=exports.file_name(state["country"], "geojson", as_of=data.view().as_of),
            mime=exports.GEOJSON_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="ev_download_geojson",
            width="stretch",
        )


def event_map(sel: Selection, selected: list[str]) -> None:
    """The map of the filtered set; a click adds or removes that country from the filter."""
    clicked = mapview.world_map_for(
        MAP_KEY, sel.figures, sel.key, "events", selected, points=sel.placed.points
    )
    st.caption(
        md(
            "Countries shaded by the events of this selection recorded in our sources; click "
            "a country to add it to the filter or remove it. " + aggregates.COVERAGE_NOTE
        )
    )
    mapview.place_notes(sel.placed)
    if clicked:
        st.session_state[TOGGLE_KEY] = clicked
        st.rerun()


def counts(sel: Selection) -> None:
    """Events recorded in our sources by type and by country, for the filtered set."""
    for title, table, largest in sel.count_tables:
        tables.table(
            table,
            {
                "label": st.column_config.TextColumn(title),
                "events": st.column_config.ProgressColumn(
                    "Recorded in our sources",
                    format="%d",
                    min_value=0,
                    max_value=largest,
                ),
            },
        )


def _table(filtered: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    names, actor_names = views.country_names(), views.actor_names()
    support = corroboration.with_support_columns(filtered, articles)
    return pd.DataFrame(
        {
            "id": filtered["id"],
            "date": filters.date_labels(filtered, filters.source_dates(filtered, articles)),
            "earliest": filtered["date_earliest"],
            "country": filtered["country"].map(lambda c: names.get(c, c)),
            "type": filtered["type_label"],
            "actors": [[actor_names.get(a, a) for a in ids] for ids in filtered["actors"]],
            "summary": filtered["summary"],
            "reported_by": support["reported_by"],
            "standing": support["standing_label"],
        }
    )


def table_key(ids: list[str]) -> str:
    """The table's widget key: a new one for each filtered set, so a row selection never
    points at a different event after the filters change."""
    return "ev_table_" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12]


def events_table(sel: Selection, state: dict[str, Any]) -> str | None:
    """The sortable table; returns the selected event id (a new row selection replaces the
    URL's `event`, and the URL's event is shown selected)."""
    ids = sel.ids
    key = sel.table_widget_key
    if key not in st.session_state and state["event"] in ids:
        st.session_state[key] = {"selection": {"rows": [ids.index(state["event"])]}}
    new = {"new": since.column_config()} if since.active() else {}
    event = tables.table(
        sel.table,
        {
            **new,
            "date": st.column_config.TextColumn("Date (as the source gives it)", width="medium"),
            "country": st.column_config.TextColumn("Country"),
            "type": st.column_config.TextColumn("Type"),
            "summary": st.column_config.TextColumn("Summary (our words)", width="large"),
            "actors": st.column_config.ListColumn("Actors"),
            "reported_by": st.column_config.TextColumn(
                "Reported by",
                help="Independent stories: copies of one wire story count once.",
            ),
            "standing": views.STANDING_COLUMN,
            "earliest": st.column_config.DateColumn(
                "Earliest", format="YYYY-MM-DD", help="Earliest day the date allows (sorts)."
            ),
        },
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    rows = tuple(event.selection.rows)
    handled = f"{key}__handled"
    if rows != st.session_state.get(handled, ()):
        st.session_state[handled] = rows
        return ids[rows[0]] if rows else None
    return state["event"]


@dataclass(frozen=True)
class EventDetail:
    """An open event's detail as markdown, every text from a source through `md()`: made once
    per event (and revision and naming setting) rather than on every rerun."""

    heading: str
    summary: str
    facts: str
    #: "Reported by 2 sources · corroborated ..." (escaped).
    support: str
    #: Said when the as-of date hides some of its sources ("" otherwise).
    later: str
    #: (quote, where it is and who claims it) per source.
    sources: tuple[tuple[str, str], ...]
    #: The related policy options as a markdown list ("" when none).
    options: str


def _event_detail(event_id: str) -> EventDetail | None:
    events = data.frame("events")
    found = events[events["id"] == event_id]
    if found.empty:
        return None
    e = found.iloc[0]
    names, actor_names = views.country_names(), views.actor_names()
    actors = ", ".join(actor_names.get(a, a) for a in e["actors"]) or "none named"
    where = f" · Location: {e['location']}" if pd.notna(e["location"]) else ""
    articles = data.frame("articles")
    citations = articles.set_index("id")["citation"]
    reliability = articles.set_index("id")["reliability"]
    mine = event_sources(event_id)
    quotes = tuple(
        (
            f"> {since.quote_badge(s.article)}{md(quoted(s.quote))}",
            md(
                f"¶{s.paragraph} of {citations.get(s.article, s.article)} · according to "
                + aggregates.claimant_label(s.claimed_by, actor_names)
            )
            + " · "
            + grading_view.source_grades_line(reliability.get(s.article), s.credibility),
        )
        for s in mine.itertuples()
    )
    support = corroboration.with_support_columns(found, articles).iloc[0]
    said = corroboration.LABELS.get(support["standing"], "")
    said += " · rests on opinion pieces only" if support["opinion_only"] else ""
    options = data.frame("options")
    related = options[options["related_events"].map(lambda ids: event_id in ids)]
    lines = [views.option_line(o, actor_names) for o in related.itertuples()]
    return EventDetail(
        heading=since.badge("events", event_id)
        + md(f"{e['date']} · {e['type_label']} · {names.get(e['country'], e['country'])}"),
        summary=md(e["summary"]),
        facts=md(f"Actors: {actors}{where} · Date basis: {label(e['date_basis'])}"),
        support=md(f"{support['reported_by'].capitalize()} · {said}"),
        later=md(viewdate.later_note(hidden, data.view()))
        if (hidden := data.later_sources("events").get(event_id))
        else "",
        sources=quotes,
        options="\n".join(lines),
    )


def event_sources(event_id: str) -> pd.DataFrame:
    """The event's rows of the sources frame (article, paragraph, quote, credibility...)."""
    sources = data.sources()
    return sources[(sources["kind"] == "events") & (sources["record_id"] == event_id)]


def _event_labels() -> dict[str, str]:
    """Event id -> "date · country name: summary", for picking an event to link (an editor
    narrows the long list by typing a country's name or words of the summary)."""

    def build() -> dict[str, str]:
        events = data.frame("events")
        names = views.country_names()
        return {
            e.id: f"{e.date} · {names.get(e.country, e.country)}: {str(e.summary)[:80]}"
            for e in events.itertuples()
        }

    return data.derived(("event labels",), build)


def event_detail(event_id: str) -> None:
    """One event: summary, actors, how many independent sources report it and its standing,
    and each source with quote, paragraph, citation, who claims it and its grades; the policy
    options that cite it. Editors link it to another event, split it, grade its claims."""
    detail = data.derived(("event detail", event_id), lambda: _event_detail(event_id))
    if detail is None:
        return
    with st.container(border=True):
        st.subheader(detail.heading)
        st.write(detail.summary)
        st.caption(detail.facts)
        st.markdown(f"**{detail.support}**")
        if detail.later:
            st.caption(f":orange[{detail.later}]")
        st.markdown("**Sources**")
        for quote, cited in detail.sources:
            st.markdown(quote)
            st.caption(cited)
        grading_view.legend()
        grading_view.claim_controls(
            "events", event_id, event_sources(event_id), key="ev_claim_grade"
        )
        links_view.controls("events", event_id, _event_labels(), key="ev_link")
        st.markdown("**Related policy options**")
        if detail.options:
            st.markdown(detail.options)
        else:
            st.caption("None recorded in our sources.")
        notes_view.notes_panel("events", event_id, key="ev_notes")


def undated_events(events: pd.DataFrame, country: str) -> pd.DataFrame:
    """The events of `events` in `country` whose date the sources do not state (the
    timeline's undated group of that country), oldest bound first."""
    mine = events[(events["country"] == country) & events["date_value"].isna()]
    return mine.sort_values(["sort_date", "id"], kind="stable")


def undated_list(
    events: pd.DataFrame, country: str, close_key: str, on_close: Callable[[], None]
) -> None:
    """The panel a click on a country's undated group opens: each of its undated events in
    `events` with its date as the sources bound it, summary, and sources (quote, paragraph,
    citation). Its "Close" button calls `on_close` (before the rerun it starts)."""
    mine = undated_events(events, country)
    name = views.country_names().get(country, urlstate.country_name(country))
    with st.container(border=True, key=f"{close_key}_panel"):
        top = st.columns([5, 1], vertical_alignment="center")
        top[1].button(
            "Close", key=close_key, icon=":material/close:", width="stretch", on_click=on_close
        )
        noun = "event" if len(mine) == 1 else "events"
        top[0].subheader(md(f"{len(mine)} undated {noun} · {name}"))
        if mine.empty:
            st.caption("None in this selection.")
            return
        st.caption(
            "The sources do not state when these happened; each is bounded by what the source "
            "says, at latest by the source's own date."
        )
        for event_id in mine["id"]:
            detail = data.derived(("event detail", event_id), lambda e=event_id: _event_detail(e))
            if detail is None:
                continue
            st.markdown(f"**{detail.heading}**")
            st.write(detail.summary)
            n = len(detail.sources)
            with st.expander(f"Sources ({n}): quote, paragraph, citation"):
                for quote, cited in detail.sources:
                    st.markdown(quote)
                    st.caption(cited)


def _close_undated() -> None:
    st.query_params.pop("undated_of", None)


def timeline_view(sel: Selection, state: dict[str, Any]) -> None:
    """The timeline of the selection; a click on a bar opens its event below it, one on a
    country's undated group lists that group's events (URL `event`, `undated_of`)."""
    pick = views.timeline_chart(sel.filtered, sel.key, "ev_timeline")
    if pick is not None:
        state["event"], state["undated_of"] = pick.event, pick.undated_of
    if state["undated_of"]:
        undated_list(sel.filtered, state["undated_of"], "ev_undated_close", _close_undated)
    elif state["event"] in sel.id_set:
        event_detail(state["event"])


def view_tabs(sel: Selection, state: dict[str, Any]) -> None:
    """The table, the map with the counts, and the timeline in tabs, opening on the URL's
    `view`; only the open tab runs. Sets `state["view"]`, `state["event"]` from the table or
    the timeline, and `state["undated_of"]` from the timeline."""

    def table() -> None:
        st.caption("Select a row to see its sources. Sort by a column by clicking its header.")
        state["event"] = events_table(sel, state)
        if state["event"]:
            event_detail(state["event"])

    def map_and_counts() -> None:
        map_col, counts_col = st.columns([3, 2], gap="large")
        with map_col:
            event_map(sel, state["country"])
        with counts_col:
            counts(sel)

    sections = {
        "table": table,
        "map": map_and_counts,
        "timeline": lambda: timeline_view(sel, state),
    }
    tabs = st.tabs(
        list(VIEWS.values()), default=VIEWS[state["view"]], key=VIEW_KEY, on_change="rerun"
    )
    for tab, value in zip(tabs, VIEWS, strict=True):
        if tab.open:  # a bool: with on_change="rerun", only the open tab's view runs
            state["view"] = value
            with tab:
                sections[value]()
