"""The country profile page's pieces: cached profile and region map, and how each is shown.

Caches key on the store revision and the naming setting (names appear in the profile and the
map). Text from the sources goes through `md()` or into tables; never HTML.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from democdash import aggregates, corroboration, grading, profiles, timeline
from democdash import options_view_model as ovm
from democdash.text import quoted
from democdash.ui import auth as auth_ui
from democdash.ui import (
    data,
    events_view,
    indicator_view,
    mapview,
    notes_view,
    since,
    tables,
    urlstate,
    views,
)
from democdash.ui.safe import md
from democdash.vocab import label

#: URL values of the profile's tabs and their labels.
TABS = {
    "profile": "Actors and relations",
    "events": "Timeline of events",
    "options": "Options, sanctions and risks",
    "quotes": "Quotes",
    "indicators": "Democracy indicators",
}


def link(page: str, **params: str) -> str:
    """A relative link to a page with its parameters (and the naming setting and view dates),
    e.g. ``events?event=blr-2020-protests&country=BLR``; relative, so it works under any base
    URL."""
    query = urlencode({**{k: v for k, v in params.items() if v}, **urlstate.carried()}, safe=",")
    return f"{page}?{query}" if query else page


def record_link(kind: str, record_id: str, country: str | None) -> str:
    """Where a record is shown: events and options on their pages, the rest on the profile."""
    if kind == "events":
        return link("events", event=record_id, country=country or "")
    if kind == "options":
        return link("options", option=record_id, country=country or "")
    if kind == "actors":
        if country:
            return link("countries", country=country)
        return link("events", actor=record_id)
    return link("countries", country=country or "", tab="options")


def profile_frames() -> profiles.ProfileFrames:
    """The store's frames as a profile needs them (country names as set to be shown)."""
    return profiles.ProfileFrames(
        countries=data.frame("countries"),
        actors=data.frame("actors"),
        events=data.frame("events"),
        options=data.frame("options"),
        sanctions=data.frame("sanctions"),
        risks=data.frame("risks"),
        articles=data.frame("articles"),
        sources=data.sources(),
    )


def profile(iso3: str, basis: str = "where") -> profiles.CountryProfile | None:
    """The profile of a country at the current revision, or None if our sources lack it,
    its events by `basis` (made once per revision and naming setting; shared: do not
    mutate). Its events, options and sanctions carry their support (`corroboration.
    with_support_columns`)."""

    def build() -> profiles.CountryProfile | None:
        found = profiles.country_profile(iso3, profile_frames(), basis)
        if found is None:
            return None
        articles = data.frame("articles")
        return dataclasses.replace(
            found,
            events=corroboration.with_support_columns(found.events, articles),
            options=corroboration.with_support_columns(found.options, articles),
            sanctions=corroboration.with_support_columns(found.sanctions, articles),
        )

    return data.derived(("country profile", iso3, basis), build)


def comparison(basis: str = "where") -> pd.DataFrame:
    """Every country and territory with its figures (see `profiles.comparison_table`)."""

    def build() -> pd.DataFrame:
        table = profiles.comparison_table(profile_frames(), basis)
        return table.assign(
            profile=[link("countries", country=c, basis=_basis_param(basis)) for c in table["iso3"]]
        )

    return data.derived(("country comparison", basis), build)


def _basis_param(basis: str) -> str:
    """The URL value of a basis ("" for the default, left out of links)."""
    return "" if basis == "where" else basis


def opinion_lines(p: profiles.CountryProfile, basis: str = "where") -> list[str]:
    """What the profile says of its records that rest on opinion pieces only (one line per
    kind that has some; none when no record does). Made once per profile (`basis` is the
    one `profile` was made with): at a thousand sources, reading their citations cost a few
    milliseconds of every rerun."""

    def build() -> list[str]:
        articles = data.frame("articles")
        found = [
            corroboration.opinion_note(table, articles, noun)
            for table, noun in (
                (p.events, "events"),
                (p.options, "policy options"),
                (p.sanctions, "sanctions"),
            )
        ]
        return [line for line in found if line]

    return data.derived(("country opinion lines", p.iso3, basis), build)


def _linked(p: profiles.CountryProfile, part: str, build) -> pd.DataFrame:
    """A profile table with its link column, made once per profile (links carry the naming
    setting, which is part of the profile's key)."""
    return data.derived(("country profile links", p.iso3, part), build)


def region_map(iso3: str, key: str) -> str | None:
    """The country and its neighbours; returns a newly clicked other country, if any."""
    clicked = mapview.region_map(iso3, key)
    st.caption(md("Click a neighbour to open its profile. " + data.boundaries_credit()))
    return clicked if clicked and clicked != iso3 else None


# --------------------------------------------------------------------------- sections


def header(p: profiles.CountryProfile, basis: str = "where") -> None:
    """Name, role, context in our words, figures and the coverage note."""
    also = f" · also called {', '.join(p.alt_names)}" if p.alt_names else ""
    role = md(f"{p.role.capitalize()} in our sources{also}")
    figures = " · ".join(
        [
            views.figure(len(p.events), "event"),
            views.figure(len(p.options), "policy option") + " aimed at it",
            views.figure(len(p.sanctions), "sanction") + " on it",
            views.figure(len(p.risks), "risk") + " to it",
        ]
    )
    # one element: the role as a caption shows it, the context, and the figures in a line
    # (where a caption, the context, four metric cards and their row were seven)
    st.markdown(
        f":small[:gray[{role}]]\n\n**Context** (in our words)\n\n"
        f"{views.context_text(p.context)}\n\n{figures}, recorded in our sources"
    )
    coverage_note(p.name, p.coverage)
    for line in opinion_lines(p, basis):
        st.warning(md(line), icon=":material/campaign:")
    notes_view.notes_panel("countries", p.iso3, key="country_notes")


def coverage_note(name: str, coverage: profiles.CountryCoverage) -> None:
    """How many sources and paragraphs speak of the country, and what absence means."""
    st.info(
        md(coverage.line(name))
        + " "
        + md(
            "The absence of an event in our sources does not mean nothing happened: counts are "
            "what our sources record, not a measure of events in the world."
        ),
        icon=":material/info:",
    )


def actors_section(p: profiles.CountryProfile) -> None:
    """Key actors grouped by role; from abroad, by what they do in this country's records."""
    st.subheader("Key actors")
    st.caption(
        f"{md(p.name)}'s own actors by their role in our sources; actors from abroad by what "
        "they do in its events, options and sanctions."
    )
    if p.actors.empty:
        st.caption("No actors recorded in our sources.")
        return
    groups = data.derived(("country actors", p.iso3), lambda: _actor_columns(p))
    for col, text in zip(st.columns(2), groups, strict=True):
        if text:
            col.markdown(text)
    actor_notes(p)


def actor_notes(p: profiles.CountryProfile) -> None:
    """Team notes on one of the profile's actors, picked by name (editors add them; visitors
    see an actor's shareable notes)."""
    names = data.derived(
        ("country actor names", p.iso3),
        lambda: dict(zip(p.actors["id"], p.actors["name"], strict=True)),
    )
    if not names or not (auth_ui.can_write() or notes_view.any_notes("actors", list(names))):
        return
    picked = st.selectbox(
        "Team notes on an actor",
        list(names),
        index=None,
        format_func=names.get,
        key=f"actor_notes_{p.iso3}",
        placeholder="Pick an actor",
        width=420,
    )
    if picked is not None:
        notes_view.notes_panel("actors", picked, key=f"actor_notes_{picked}")


def _actor_columns(p: profiles.CountryProfile) -> tuple[str, str]:
    """The role groups as two columns' Markdown, each group's heading before its list: the
    first half of the groups (one more when odd) on the left. One element a column, where a
    group was one (a fixed cost of every rerun each)."""
    groups = [f"**{md(group)}**\n\n{text}" for group, text in _actor_groups(p)]
    half = (len(groups) + 1) // 2
    return "\n\n".join(groups[:half]), "\n\n".join(groups[half:])


def _actor_groups(p: profiles.CountryProfile) -> list[tuple[str, str]]:
    """(role group, markdown list of its actors), in the profile's order."""
    countries = views.country_names()
    groups = []
    for group, rows in p.actors.groupby("group_label", sort=False):
        lines = []
        for actor in rows.itertuples():
            origin = ""
            if actor.from_abroad:
                where = actor.country if isinstance(actor.country, str) else None
                origin = f" ({countries.get(where, where)})" if where else ""
            desc = f": {actor.description}" if isinstance(actor.description, str) else ""
            lines.append(f"- **{md(actor.name)}**{md(origin)}{md(desc)}")
        groups.append((str(group), "\n".join(lines)))
    return groups


def _related_table(p: profiles.CountryProfile) -> pd.DataFrame:
    related = p.related
    return related.assign(
        relations_text=[", ".join(r).lower() for r in related["relations"]],
        link=[  # a country opens its profile; a body (e.g. the EU) its events
            record_link("actors", party, c if isinstance(c, str) else None)
            for c, party in zip(related["party_iso3"], related["party"], strict=True)
        ],
    )


def _relations_table(p: profiles.CountryProfile) -> pd.DataFrame:
    rel = p.relations
    return rel.assign(
        link=[
            record_link(k, r, c)
            for k, r, c in zip(rel["kind"], rel["record_id"], rel["country"], strict=True)
        ],
        kind_label=rel["kind"].str.rstrip("s").str.capitalize(),
    )


def related_section(p: profiles.CountryProfile) -> None:
    """Related countries and bodies with their relations, links, and the records behind them."""
    st.subheader("Related countries")
    if p.related.empty:
        st.caption("No other country acts in this country's records, or it in theirs.")
        return
    st.caption("Derived from records: who acts in whose events, options and sanctions.")
    tables.table(
        _linked(p, "related", lambda: _related_table(p)),
        {
            "party_name": st.column_config.TextColumn("Country or body"),
            "relations_text": st.column_config.TextColumn("Relations", width="large"),
            "n_records": st.column_config.NumberColumn("Records", format="%d"),
            "link": st.column_config.LinkColumn(
                "Open page",
                display_text=r"^(countries|events)\?",
                help="A country's profile; for a body such as the EU, the events it acts in.",
            ),
        },
    )
    behind = st.expander(
        f"The {len(p.relations)} records behind these relations",
        key="countries_relations",
        on_change="rerun",
    )
    if not behind.open:  # drawn only when opened
        return
    table = _linked(p, "relations", lambda: _relations_table(p))
    with behind:
        tables.table(
            table,
            {
                "between": st.column_config.TextColumn("Who → whom"),
                "relation_label": st.column_config.TextColumn("Relation"),
                "actor_names": st.column_config.TextColumn("Acting"),
                "kind_label": st.column_config.TextColumn("Record"),
                "record": st.column_config.TextColumn("Summary (our words)", width="large"),
                "status": st.column_config.TextColumn("Type or status"),
                "link": st.column_config.LinkColumn("Open", display_text="Open record"),
            },
        )


TL_KEY = "country_timeline"
#: Session key: the country whose undated events the profile's timeline lists.
UNDATED_KEY = "country_timeline_undated_of"


@dataclasses.dataclass(frozen=True)
class ShownEvents:
    """A profile's events with the standings asked hidden, and their ids and summaries (made
    once per profile and filter: shared, do not mutate)."""

    events: pd.DataFrame
    ids: tuple[str, ...]
    summaries: dict[str, str]


def shown_events(
    p: profiles.CountryProfile, basis: str = "where", hide: list[str] | None = None
) -> ShownEvents:
    """The events of `p` (the profile by `basis`) whose standing is not in `hide`."""
    hidden = tuple(sorted(hide or []))

    def build() -> ShownEvents:
        events = corroboration.hide_standings(p.events, hidden)
        ids = tuple(events["id"])
        return ShownEvents(events, ids, dict(zip(ids, events["summary"], strict=True)))

    return data.derived(("country events shown", p.iso3, basis, hidden), build)


def timeline_picks(shown: ShownEvents, iso3: str, pick: timeline.Pick | None) -> None:
    """Under the profile's timeline: a clicked event's link to its page on Events, or the
    list of the undated events whose group was clicked (until closed), with a link to the
    same list on Events (which can be shared)."""
    if pick is not None:
        st.session_state[UNDATED_KEY] = pick.undated_of
        st.session_state[f"{TL_KEY}__event"] = pick.event
    if (event := st.session_state.get(f"{TL_KEY}__event")) in shown.summaries:
        summary = shown.summaries[event]
        st.markdown(
            f"**{md(timeline.short_title(summary, 80))}** · "
            f"[Open this event with its sources]({link('events', event=event, country=iso3)})"
        )
    elif st.session_state.get(UNDATED_KEY) == iso3:
        events_view.undated_list(shown.events, iso3, "country_undated_close", _close_undated)
        where = link("events", country=iso3, view="timeline", undated_of=iso3)
        st.markdown(f"[Open this list on the Events page (a link to share)]({where})")


def _close_undated() -> None:
    st.session_state[UNDATED_KEY] = None


def events_section(
    p: profiles.CountryProfile, hide: list[str] | None = None, basis: str = "where"
) -> None:
    """The country's events oldest first: the timeline figure when available, and the list,
    each with how many independent sources report it and its standing (those whose standing
    is in `hide` left out; `p` is the profile by `basis`)."""
    st.subheader("Timeline of events")
    shown = shown_events(p, basis, hide)
    events = shown.events
    if len(events) < len(p.events):
        st.caption(f"{len(p.events) - len(events)} of {len(p.events)} events hidden by the filter.")
    if events.empty:
        st.caption("No events recorded in our sources.")
        return
    # the ids are what the table and timeline are made of: their cache key
    chart_key = ("country", p.iso3, shown.ids)
    timeline_picks(shown, p.iso3, views.timeline_chart(events, chart_key, TL_KEY))
    table = _linked(
        p,
        ("events", shown.ids),
        lambda: since.with_column(
            events.assign(link=[link("events", event=e, country=p.iso3) for e in events["id"]]),
            "events",
        ),
    )
    tables.table(
        table,
        {
            **_new_column(),
            "date": st.column_config.TextColumn("Date (as known)"),
            "type_label": st.column_config.TextColumn("Type"),
            "summary": st.column_config.TextColumn("Summary (our words)", width="large"),
            "location": st.column_config.TextColumn("Place"),
            "reported_by": st.column_config.TextColumn("Reported by"),
            "standing_label": views.STANDING_COLUMN,
            "link": st.column_config.LinkColumn("Open", display_text="Open event"),
        },
    )
    st.caption("Oldest first; undated events last, bounded by their source's date.")


def options_section(p: profiles.CountryProfile) -> None:
    """Options aimed at the country (status as of), sanctions reported, risks named."""
    st.subheader("Policy options")
    if p.options.empty:
        st.caption("No options aimed at this country are recorded in our sources.")
    else:
        table = _linked(
            p,
            "options",
            lambda: since.with_column(
                p.options.assign(
                    link=[link("options", option=o, country=p.iso3) for o in p.options["id"]]
                ),
                "options",
            ),
        )
        tables.table(
            table,
            {
                **_new_column(),
                "title": st.column_config.TextColumn("Option", width="large"),
                "instrument": st.column_config.TextColumn("Instrument"),
                "status": st.column_config.TextColumn("Status"),
                "status_as_of": st.column_config.TextColumn("As of"),
                "positions_label": st.column_config.TextColumn("Positions"),
                "actor_names": st.column_config.TextColumn("Who would act"),
                "standing_label": views.STANDING_COLUMN,
                "link": st.column_config.LinkColumn("Open", display_text="Open option"),
            },
        )
    st.subheader("Sanctions reported")
    if p.sanctions.empty:
        st.caption("No sanctions on this country are reported in our sources.")
    else:
        tables.table(
            _linked(p, "sanctions", lambda: sanctions_table(p.sanctions)),
            {
                **_new_column(),
                "imposed_by_names": st.column_config.TextColumn("Imposed by"),
                "targets": st.column_config.ListColumn("Targets"),
                "type": st.column_config.TextColumn("Type"),
                "status": st.column_config.TextColumn("Status"),
                "as_of": st.column_config.TextColumn("As of"),
                "steps": st.column_config.TextColumn(
                    "Status over time (with sources)",
                    width="large",
                    help="Each status reported, oldest first, with the source that reports it.",
                ),
                "summary": st.column_config.TextColumn("Summary (our words)", width="large"),
                "standing_label": views.STANDING_COLUMN,
            },
        )
    st.subheader("Risks named")
    if p.risks.empty:
        st.caption("No risks to this country are named in our sources.")
    else:
        tables.table(
            p.risks,
            {
                "title": st.column_config.TextColumn("Risk"),
                "description": st.column_config.TextColumn(
                    "What it threatens (our words)", width="large"
                ),
                "n_sources": st.column_config.NumberColumn("Sources", format="%d"),
            },
        )


def _new_column() -> dict[str, st.column_config.TextColumn]:
    """The column config of the "new since" column, while a since date is set."""
    return {"new": since.column_config()} if since.active() else {}


def sanctions_table(sanctions: pd.DataFrame) -> pd.DataFrame:
    """A profile's sanctions with their status over time (each step with its source) and,
    with a since date, whether each is new or updated; type and status in words ("In force",
    "not stated in the source" for a type the source leaves unspecified)."""
    citations = data.frame("articles").set_index("id")["citation"].to_dict()
    steps = [
        ovm.steps_line(ovm.status_steps(history, citations))
        for history in sanctions["status_history"]
    ]
    words = sanctions.assign(
        steps=steps,
        type=[
            "not stated in the source" if t == "unspecified" else label(str(t))
            for t in sanctions["type"]
        ],
        status=[label(str(s)) for s in sanctions["status"]],
    )
    return since.with_column(words, "sanctions")


def quote_block(quotes: pd.DataFrame) -> str:
    """Quotes (``paragraph, quote, according_to``) as markdown grouped by paragraph, in the
    order given; the quoted text is escaped."""
    parts = []
    for paragraph, rows in quotes.groupby("paragraph", sort=False):
        lines = "\n".join(
            f"- {md(quoted(q.quote))} — according to {md(q.according_to)}"
            for q in rows.itertuples()
        )
        parts.append(f"**¶{paragraph}**\n\n{lines}")
    return "\n\n".join(parts)


def quotes_section(p: profiles.CountryProfile) -> None:
    """Quotes about the country in source order, each with who says it and where."""
    st.subheader("Quotes")
    if p.quotes.empty:
        st.caption("No quotes about this country in our sources.")
        return
    st.caption(
        f"{len(p.quotes)} quotes, in source order (article by publication date, then paragraph)."
    )
    articles = data.frame("articles")
    reliabilities = dict(zip(articles["id"], articles["reliability"], strict=True))
    for article, rows in p.quotes.groupby("article", sort=False):
        reliability = reliabilities.get(str(article), grading.UNASSESSED)
        st.markdown(
            f"{since.quote_badge(str(article))}**{md(rows['citation'].iloc[0])}** "
            f":gray[· source reliability: {md(reliability)}]"
        )
        st.markdown(quote_block(rows))
        st.page_link(
            "pages/sources.py",
            label="All quotes and records from this source",
            query_params={"article": str(article), **urlstate.carried()},
            icon=":material/menu_book:",
        )


def comparison_section(basis: str = "where") -> None:
    """All countries and territories side by side (events counted by `basis`), each linking
    to its profile."""
    table = comparison(basis)
    tables.table(
        table,
        {
            "name": st.column_config.TextColumn("Country or territory"),
            # beside the name: a table wider than the page would cut it off at the far right
            "profile": st.column_config.LinkColumn("Profile", display_text="Open profile"),
            "role": st.column_config.TextColumn("Role"),
            # short headers: the table fits a laptop's page without cutting its last column
            "events": st.column_config.NumberColumn(
                "Events", format="%d", help="Events recorded in our sources"
            ),
            "options": st.column_config.NumberColumn(
                "Options", format="%d", help="Policy options recorded in our sources"
            ),
            "sanctions": st.column_config.NumberColumn(
                "Sanctions", format="%d", help="Sanctions reported in our sources"
            ),
            "latest_event": st.column_config.TextColumn("Latest event"),
            "sources": st.column_config.NumberColumn(
                "Sources", format="%d", help="Sources that speak of it"
            ),
        },
    )
    st.caption(md(aggregates.COVERAGE_NOTE))


def chosen_event_controls(state: dict) -> None:
    """Take the basis and the standings hidden from their widgets when a reader just changed
    them (the profile is built before the widgets are drawn again); a new link's values win."""
    for name, key in (("basis", "countries_basis"), ("hide", "countries_hide")):
        if key in st.session_state and st.session_state.get(f"{key}__url") == state[name]:
            value = st.session_state[key]
            state[name] = (value or "where") if name == "basis" else list(value)


def event_controls(state: dict) -> None:
    """ "Count events by" and "Hide" for the profile's events (set in `state`, the URL's)."""
    # one horizontal container, where columns were four blocks (a fixed cost of every rerun)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
        state["basis"] = views.basis_control("countries_basis", state["basis"])
        state["hide"] = views.hide_control("countries_hide", state["hide"])


def missing(iso3: str, name: str) -> None:
    """What a profile says of a valid code that our sources do not cover."""
    st.info(
        f"Nothing about {md(name)} is recorded in our sources{md(views.as_of_words())}.",
        icon=":material/info:",
    )
    coverage_note(name, profiles.CountryCoverage(0, 0, None))


def profile_tabs(
    p: profiles.CountryProfile, tab: str, hide: list[str] | None = None, basis: str = "where"
) -> str:
    """The profile's sections in tabs, opening on `tab`; only the open tab runs (events whose
    standing is in `hide` left out; `p` is the profile by `basis`). Returns the open tab's URL
    value."""
    sections = {
        "profile": lambda: (actors_section(p), related_section(p)),
        "events": lambda: events_section(p, hide, basis),
        "options": lambda: options_section(p),
        "quotes": lambda: quotes_section(p),
        "indicators": lambda: indicator_view.profile_chart(
            p.iso3,
            p.name,
            p.events,
            key="country_indicator",
            event_ids=shown_events(p, basis).ids,
        ),
    }
    containers = st.tabs(
        list(TABS.values()), default=TABS.get(tab), key="countries_tab", on_change="rerun"
    )
    opened = tab
    for container, value in zip(containers, TABS, strict=True):
        if container.open is None or container.open:
            opened = value if container.open else opened
            with container:
                sections[value]()
    return opened
