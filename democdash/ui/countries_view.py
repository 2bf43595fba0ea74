"""The country profile page's pieces: cached profile and region map, and how each is shown.

Caches key on the store revision and the naming setting (names appear in the profile and the
map). Text from the sources goes through `md()` or into tables; never HTML.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from democdash import aggregates, profiles
from democdash import options_view_model as ovm
from democdash.ui import data, mapview, since, tables, urlstate, views
from democdash.ui.safe import md

#: URL values of the profile's tabs and their labels.
TABS = {
    "profile": "Actors and relations",
    "events": "Timeline of events",
    "options": "Options, sanctions and risks",
    "quotes": "Quotes",
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


def profile(iso3: str) -> profiles.CountryProfile | None:
    """The profile of a country at the current revision, or None if our sources lack it
    (made once per revision and naming setting; shared: do not mutate)."""
    return data.derived(
        ("country profile", iso3),
        lambda: profiles.country_profile(iso3, profile_frames()),
    )


def comparison() -> pd.DataFrame:
    """Every country and territory with its figures (see `profiles.comparison_table`)."""

    def build() -> pd.DataFrame:
        table = profiles.comparison_table(profile_frames())
        return table.assign(profile=[link("countries", country=c) for c in table["iso3"]])

    return data.derived(("country comparison",), build)


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


def header(p: profiles.CountryProfile) -> None:
    """Name, role, context in our words, figures and the coverage note."""
    also = f" · also called {', '.join(p.alt_names)}" if p.alt_names else ""
    st.caption(md(f"{p.role.capitalize()} in our sources{also}"))
    st.markdown("**Context** (in our words)")
    st.markdown(views.context_text(p.context))
    recorded = "recorded in our sources"
    with st.container(horizontal=True, gap="small"):
        st.metric("Events", len(p.events), help=f"Events {recorded}", width="content")
        st.metric(
            "Options",
            len(p.options),
            help=f"Policy options aimed at it, {recorded}",
            width="content",
        )
        st.metric(
            "Sanctions", len(p.sanctions), help=f"Sanctions on it, {recorded}", width="content"
        )
        st.metric("Risks", len(p.risks), help="Risks to it named in our sources", width="content")
    coverage_note(p.name, p.coverage)


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
    groups = data.derived(("country actors", p.iso3), lambda: _actor_groups(p))
    cols = st.columns(2)
    half = (len(groups) + 1) // 2
    for i, (group, text) in enumerate(groups):
        with cols[0 if i < half else 1]:
            st.markdown(f"**{md(group)}**\n\n{text}")


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


def events_section(p: profiles.CountryProfile) -> None:
    """The country's events oldest first: the timeline figure when available, and the list."""
    st.subheader("Timeline of events")
    if p.events.empty:
        st.caption("No events recorded in our sources.")
        return
    views.timeline_chart(p.events, ("country", p.iso3), "country_timeline")
    table = _linked(
        p,
        "events",
        lambda: since.with_column(
            p.events.assign(link=[link("events", event=e, country=p.iso3) for e in p.events["id"]]),
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
            "n_sources": st.column_config.NumberColumn("Sources", format="%d"),
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
    with a since date, whether each is new or updated."""
    citations = data.frame("articles").set_index("id")["citation"].to_dict()
    steps = [
        ovm.steps_line(ovm.status_steps(history, citations))
        for history in sanctions["status_history"]
    ]
    return since.with_column(sanctions.assign(steps=steps), "sanctions")


def quote_block(quotes: pd.DataFrame) -> str:
    """Quotes (``paragraph, quote, according_to``) as markdown grouped by paragraph, in the
    order given; the quoted text is escaped."""
    parts = []
    for paragraph, rows in quotes.groupby("paragraph", sort=False):
        lines = "\n".join(
            f"- “{md(q.quote)}” — according to {md(q.according_to)}" for q in rows.itertuples()
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
    for article, rows in p.quotes.groupby("article", sort=False):
        st.markdown(f"{since.quote_badge(str(article))}**{md(rows['citation'].iloc[0])}**")
        st.markdown(quote_block(rows))
        st.page_link(
            "pages/sources.py",
            label="All quotes and records from this source",
            query_params={"article": str(article), **urlstate.carried()},
            icon=":material/menu_book:",
        )


def comparison_section() -> None:
    """All countries and territories side by side, each linking to its profile."""
    table = comparison()
    tables.table(
        table,
        {
            "name": st.column_config.TextColumn("Country or territory"),
            "role": st.column_config.TextColumn("Role"),
            "events": st.column_config.NumberColumn("Events recorded", format="%d"),
            "options": st.column_config.NumberColumn("Options recorded", format="%d"),
            "sanctions": st.column_config.NumberColumn("Sanctions reported", format="%d"),
            "latest_event": st.column_config.TextColumn("Latest event"),
            "sources": st.column_config.NumberColumn(
                "Sources", format="%d", help="Sources that speak of it"
            ),
            "profile": st.column_config.LinkColumn("Profile", display_text="Open profile"),
        },
    )
    st.caption(md(aggregates.COVERAGE_NOTE))


def missing(iso3: str, name: str) -> None:
    """What a profile says of a valid code that our sources do not cover."""
    st.info(
        f"Nothing about {md(name)} is recorded in our sources{md(views.as_of_words())}.",
        icon=":material/info:",
    )
    coverage_note(name, profiles.CountryCoverage(0, 0, None))


def profile_tabs(p: profiles.CountryProfile, tab: str) -> str:
    """The profile's sections in tabs, opening on `tab`; only the open tab runs. Returns the
    open tab's URL value."""
    sections = {
        "profile": lambda: (actors_section(p), related_section(p)),
        "events": lambda: events_section(p),
        "options": lambda: options_section(p),
        "quotes": lambda: quotes_section(p),
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
