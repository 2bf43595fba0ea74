"""The options page's widgets: filters bound to the URL, option panels, the comparison, and
analyst scoring (scenario, weights, scores, ranking, exports).

Who scores and whose scenarios are private is `auth_ui.current_editor()`: the signed-in editor
on a hosted instance (a visitor sees shared scenarios and cannot score or save), the local
editor on a local run. The page never asks for a name.

Text from sources and analysts is shown through `md()` or as plain text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from democdash import corroboration, scenario_io, scoring, viewdate
from democdash import options_view_model as ovm
from democdash.models import slugify
from democdash.settings import REPO_DIR
from democdash.store import StoreError
from democdash.text import counted, quoted
from democdash.ui import auth as auth_ui
from democdash.ui import data, grading_view, mapview, notes_view, since, tables, urlstate, views
from democdash.ui.safe import md
from democdash.vocab import Instrument, OptionStatus, label

EVENTS_PAGE = "pages/events.py"
SCENARIO_KEY = "options_scenario"
GEN_KEY = "options_scenario_gen"
#: Option panels drawn at once; more are paged (a panel is a dozen elements, 2,000 would stall
#: the page).
PAGE_SIZE = 25
TABS = {
    "panels": "Panels",
    "compare": "Compare",
    "score": "Score and rank",
    "brief": "Country brief",
}


# -- URL-bound widgets --------------------------------------------------------------------------


def bind(key: str, value: Any) -> None:
    """Before drawing the widget `key`: follow the URL when it changed from elsewhere (a map
    click, a link, a reload), and otherwise leave the analyst's choice alone."""
    seen = f"{key}__url"
    if st.session_state.get(seen) != value or key not in st.session_state:
        st.session_state[key] = value
        st.session_state[seen] = value


def _bound_multiselect(key: str, label_: str, labels: dict[str, str], value: list[str]) -> list:
    """A multiselect of `labels`' keys (shown by their labels), bound to the URL."""
    bind(key, [v for v in value if v in labels])
    picked = st.multiselect(
        label_, list(labels), format_func=labels.__getitem__, key=key, placeholder="All"
    )
    st.session_state[f"{key}__url"] = picked
    return picked


@dataclass(frozen=True)
class FilterChoices:
    """Each filter's choices in the order shown, with their labels (choice -> label)."""

    acting: dict[str, str]
    country: dict[str, str]
    instrument: dict[str, str]
    status: dict[str, str]
    actor: dict[str, str]


def filter_choices(
    state: dict[str, Any], options: pd.DataFrame, names: dict[str, str]
) -> FilterChoices:
    """The filters' choices and labels, made once per revision, naming setting and picked
    countries and parties (a picked one stays a choice even when no option has it)."""
    picked = (tuple(state["country"]), tuple(state["acting"]))

    def build() -> FilterChoices:
        country_names = views.country_names()
        targets = sorted(
            set(options["target"].dropna()) | set(picked[0]),
            key=lambda c: country_names.get(c, c),
        )
        acting = {a for ids in options["actors"] for a in ids} | {
            h for ids in options["holders"] for h in ids
        }
        actors = sorted((a for a in acting if a in names), key=lambda a: names[a])
        found = lookups()
        parties = {
            p: party_label(p, found)
            for p in set(ovm.party_choices(options, found.actor_countries)) | set(picked[1])
        }
        return FilterChoices(
            acting=dict(sorted(parties.items(), key=lambda item: item[1])),
            country={c: country_names.get(c, c) for c in targets},
            instrument={str(i): label(str(i)) for i in Instrument},
            status={str(s): label(str(s)) for s in OptionStatus},
            actor={a: names.get(a, a) for a in actors},
        )

    return data.derived(("options filter choices", picked), build)


def filters(state: dict[str, Any], options: pd.DataFrame, names: dict[str, str]) -> None:
    """Country, instrument, status and actor filters, read from and written to `state`."""
    choices = filter_choices(state, options, names)
    state["acting"] = _bound_multiselect(
        "options_f_acting", "Whose choices (who would act)", choices.acting, state["acting"]
    )
    # four equal widths in one row: a horizontal container is one block, where four columns
    # were five (each block a fixed cost of every rerun)
    with st.container(horizontal=True):
        state["country"] = _bound_multiselect(
            "options_f_country", "Target country", choices.country, state["country"]
        )
        state["instrument"] = _bound_multiselect(
            "options_f_instrument", "Instrument", choices.instrument, state["instrument"]
        )
        state["status"] = _bound_multiselect(
            "options_f_status", "Status", choices.status, state["status"]
        )
        state["actor"] = _bound_multiselect(
            "options_f_actor", "Actor (acts or holds a position)", choices.actor, state["actor"]
        )


def party_label(party: str, found: ovm.Lookups) -> str:
    """A party who would act, by name (a country or an actor)."""
    return ovm.party_name(party, found.country_names, found.actor_names)


def segmented(key: str, label_: str, choices: dict[str, str], value: str) -> str:
    """A segmented control bound to the URL; never empty (a second click keeps the choice)."""
    bind(key, value)
    picked = st.segmented_control(
        label_, list(choices), format_func=choices.get, key=key, label_visibility="collapsed"
    )
    picked = picked or value
    st.session_state[f"{key}__url"] = picked
    return picked


# -- data for a run -------------------------------------------------------------------------


def lookups() -> ovm.Lookups:
    """The frames the panels draw on (made once per revision and naming setting)."""
    return data.derived(
        ("options lookups",),
        lambda: ovm.Lookups.from_frames(
            data.frame("actors"),
            data.frame("countries"),
            data.frame("events"),
            data.frame("sanctions"),
            data.frame("risks"),
            data.sources(),
            data.frame("articles"),
        ),
    )


def panel(option_id: str, found: ovm.Lookups) -> ovm.OptionPanel:
    """One option's panel content (made once per revision and naming setting)."""

    def build() -> ovm.OptionPanel:
        by_id = data.derived(("options by id",), lambda: data.frame("options").set_index("id"))
        return ovm.option_panel({"id": option_id, **by_id.loc[option_id].to_dict()}, found)

    return data.derived(("option panel", option_id), build)


def _other_filters(state: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """The filters besides the country one, as a cache key: what the map's counts depend on."""
    return tuple(tuple(state[f]) for f in ("instrument", "status", "actor", "acting"))


def selection(state: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The options every filter but the country one keeps (what the map counts), and those
    all filters keep (made once per filter set and revision; shared: do not mutate)."""
    filters_ = _other_filters(state)

    def build() -> tuple[pd.DataFrame, pd.DataFrame]:
        instruments, statuses, actors, acting = (list(f) for f in filters_)
        unplaced = ovm.filter_options(data.frame("options"), [], instruments, statuses, actors)
        unplaced = ovm.filter_by_parties(unplaced, acting, lookups().actor_countries)
        return unplaced, ovm.filter_options(unplaced, state["country"])

    return data.derived(("options selection", filters_, tuple(state["country"])), build)


def _scenario_key(scenario: scoring.Scenario) -> str:
    return scenario.model_dump_json(include={"criteria", "weights", "scores"})


@dataclass(frozen=True)
class Shown:
    """The options listed on the panels (shared: do not mutate) and their ids, in order."""

    frame: pd.DataFrame
    ids: tuple[str, ...]


def shown(filtered: pd.DataFrame, state: dict[str, Any]) -> Shown:
    """The options every filter keeps (`filtered`, from `selection`), cut to the ones picked
    in the URL (`option`), with their ids: made once per filter set and pick."""
    key = ("options shown", _other_filters(state), tuple(state["country"]), tuple(state["option"]))

    def build() -> Shown:
        frame = ovm.filter_options(filtered, option_ids=state["option"])
        return Shown(frame, tuple(frame["id"]))

    return data.derived(key, build)


def ranking(
    options: pd.DataFrame, scenario: scoring.Scenario, ids: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """`scoring.rank` of these options, made once per set of options and scenario content
    (`ids`: the options' ids, when the caller keeps them)."""
    ids = ids if ids is not None else tuple(options["id"])
    return data.derived(
        ("options ranking", ids, _scenario_key(scenario)), lambda: scoring.rank(options, scenario)
    )


def options_map(unplaced: pd.DataFrame, state: dict[str, Any]) -> str | None:
    """The map of options by target country (every filter but the country one applied);
    returns a newly clicked country, if any."""
    # hover names follow the naming setting (data.derived keys on it)
    key = ("options map", _other_filters(state))
    figures = data.derived(key, lambda: ovm.map_figures(data.country_figures(), unplaced))
    return mapview.world_map_for("options_map", figures, key, "options", state["country"])


# -- panels ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardText:
    """An option card's markdown, made once: the whole card is one element on the page (what
    it is with its sources, then its constraints, risks, related events and sanctions), where
    a bordered box, the card and an expander for the details were three (each element a fixed
    cost of every rerun, a dozen cards a page)."""

    body: str
    details: str
    #: What the details hold, in one line ("3 risks · 2 related events"), for a short card.
    summary: str = ""


def card_text(
    p: ovm.OptionPanel,
    later: str = "",
    support: str = "",
    grades: dict[tuple[str, int, str], str] | None = None,
    events_link: str = "",
) -> CardText:
    """The markdown of one option's card; every text from a source or analyst through `md()`.
    With a since date, the option, its positions and status steps from new sources are marked
    (`democdash.ui.since`); `later` says that the as-of date hides some of its sources;
    `support` how many independent sources report it and its standing ("reported by 1 source
    · single source · opinion"); `grades` each source's grades in words (already escaped), by
    (article, paragraph, quote); `events_link` a relative link to the related events on the
    Events page (already a safe URL), put under the related events."""
    acts = ", ".join(p.actors) or ovm.NOT_STATED
    head = "  \n".join(
        [
            f"#### {md(p.title)}\n\n{since.badge('options', p.id)}**{md(p.status_line)}** · "
            f"{md(p.instrument)} · target: {md(p.target)}",
            *([f"**{md(support.capitalize())}**"] if support else []),
            f"**Who would act:** {md(acts)}",
            f"**Positions** (according to {md(p.claimant)}):",
        ]
    )
    positions = [
        f"- {since.quote_badge(pos.article)}**{md(pos.holder)}** {md(pos.stance)}: "
        f"{md(quoted(pos.quote))} "
        f":gray[:small[{md(pos.citation)} ¶ {pos.paragraph}]]"
        for pos in p.positions
    ] or [":gray[No position recorded.]"]
    steps = (
        [
            "**Status over time:**",
            *(
                f"{n}. {since.quote_badge(step.article)}{md(step.text)}"
                for n, step in enumerate(p.history, 1)
            ),
        ]
        if len(p.history) > 1
        else []
    )
    head = "\n".join([head, "", *positions, "", *steps, "", f"**Rationale:** {md(p.rationale)}"])
    if later:
        head += f"\n\n:orange[{md(later)}]"
    graded = grades or {}
    sources = [
        f"> {since.quote_badge(s.article)}{md(quoted(s.quote))}\n\n"
        f":gray[:small[{md(s.citation)} ¶ {s.paragraph}"
        + (f" · {graded[key]}" if (key := (s.article, s.paragraph, s.quote)) in graded else "")
        + "]]"
        for s in p.sources
    ]
    risks = [f"- **{md(title)}**: {md(text)}" for title, text in p.risks] or [
        ":gray[No risks recorded for this option in our sources.]"
    ]
    details = [
        f"**Constraints:** {md(p.constraints)}",
        f"**Risks** ({len(p.risks)})\n\n" + "\n".join(risks),
    ]
    if p.events:
        events = "\n".join(
            f"- **{md(e.date)}** · {md(e.type_label)}: {md(e.summary)}" for e in p.events
        )
        link = f"\n\n[These countries' events on the Events page →]({events_link})"
        details.append(
            f"**Related events** ({len(p.events)})\n\n{events}" + link * bool(events_link)
        )
    if p.sanctions:
        lines = "\n".join(f"- {md(line)}" for line in p.sanctions)
        details.append(f"**Related sanctions** ({len(p.sanctions)})\n\n{lines}")
    body = [head, "**Other sources**", *sources] if sources else [head]
    counts = [
        counted(len(p.risks), "risk"),
        counted(len(p.events), "related event"),
        counted(len(p.sanctions), "related sanction"),
    ]
    summary = f":gray[:small[{' · '.join(counts)} (see “With risks and events” above)]]"
    return CardText("\n\n".join(body), "\n\n".join(details), summary)


def _support_and_grades(option_id: str) -> tuple[str, dict[tuple[str, int, str], str]]:
    """An option's "reported by N sources · standing" and its sources' grades in words, by
    (article, paragraph, quote)."""
    options, articles = data.frame("options"), data.frame("articles")
    row = corroboration.with_support_columns(options[options["id"] == option_id], articles)
    if row.empty:
        return "", {}
    found = row.iloc[0]
    support = f"{found['reported_by']} · {found['standing_label']}"
    reliability = articles.set_index("id")["reliability"]
    sources = data.sources()
    mine = sources[(sources["kind"] == "options") & (sources["record_id"] == option_id)]
    grades = {
        (s.article, int(s.paragraph), s.quote): grading_view.source_grades_line(
            reliability.get(s.article), s.credibility
        )
        for s in mine.itertuples()
    }
    return support, grades


def _events_link(p: ovm.OptionPanel) -> str:
    """A relative link to the option's related events on the Events page (with the naming
    setting and view dates), or "" without related events or an Events page."""
    if not p.events or not (REPO_DIR / EVENTS_PAGE).is_file():
        return ""
    query = urlencode({"country": ",".join(p.event_countries), **urlstate.carried()}, safe=",")
    return f"events?{query}"


def _card_text(p: ovm.OptionPanel) -> CardText:
    hidden = data.later_sources("options").get(p.id)
    support, grades = _support_and_grades(p.id)
    later = viewdate.later_note(hidden, data.view()) if hidden else ""
    return card_text(p, later, support, grades, _events_link(p))


#: What a card with team notes says, pointing to where they are read.
NOTES_MARK = (
    ":gray[:small[:material/sticky_note_2: Has team notes: read them under “Team notes on "
    "these options” below the cards.]]"
)


def option_card(
    p: ovm.OptionPanel,
    text: CardText,
    scenario: scoring.Scenario,
    ranking: pd.DataFrame,
    noted: bool = False,
    group: str = "",
    full: bool = True,
) -> None:
    """One option as one Markdown element: what, who, status as of its date, why, the sources
    with their quotes; what could go wrong, related events and sanctions (`text`, made once
    per page of cards by `panels`); the analyst's scores, and whether it has team notes
    (`noted`), read under the cards (`option_notes`). A rule ends the card; `group`, the
    heading of a group of cards (Markdown), goes before the first. A short card (not `full`)
    says how many risks, related events and sanctions its full form lists."""
    parts = [*([group] if group else []), text.body, text.details if full else text.summary]
    if any(s.option_id == p.id for s in scenario.scores):
        lines = ovm.score_lines(p.id, scenario, ranking)
        parts.append(
            f":gray[:small[{md(f'Analyst scores ({scenario.name}): ' + '; '.join(lines))}]]"
        )
    if noted:
        parts.append(NOTES_MARK)
    st.markdown("\n\n".join([*parts, "---"]))


def option_notes(titles: dict[str, str]) -> None:
    """Team notes on one of the options on the page (`titles`: id -> title, in page order),
    picked in a panel under the cards (for editors, or when one of them has notes): one
    element while closed, where each card had an expander of its own."""
    on_page = list(titles)
    if not on_page or not (auth_ui.can_write() or notes_view.any_notes("options", on_page)):
        return
    section = st.expander(
        "Team notes on these options",
        icon=":material/sticky_note_2:",
        key="options_card_notes_open",
        on_change="rerun",
    )
    if not section.open:
        return
    with section:
        picked = st.selectbox(
            "Team notes on an option",
            list(titles),
            index=None,
            format_func=titles.get,
            key="options_notes_pick",
            placeholder="Pick an option",
        )
        if picked is not None:
            notes_view.notes_panel("options", picked, key=f"opt_notes_{picked}")


def panels(
    listed: Shown,
    state: dict[str, Any],
    scenario: scoring.Scenario,
    ranking: pd.DataFrame,
    found: ovm.Lookups,
) -> None:
    """The options listed (`shown`) as panels, grouped by who would act, country or
    instrument, sorted as asked."""
    # the two controls in one wrapping row, each as wide as its words (columns cut them off)
    with st.container(horizontal=True, gap="medium"):
        state["group"] = segmented(
            "options_group",
            "Group by",
            {
                "actor": "By who would act",
                "country": "By country",
                "instrument": "By instrument",
            },
            state["group"],
        )
        state["sort"] = segmented(
            "options_sort", "Sort by", {"status": "By status", "score": "By score"}, state["sort"]
        )
        state["cards"] = segmented(
            "options_cards",
            "Cards",
            {"short": "Short cards", "full": "With risks and events"},
            state["cards"],
        )
    if listed.frame.empty:
        st.info("No option recorded in our sources matches these filters.")
        return
    if state["sort"] == "score" and not scenario.scores:
        st.caption("No option is scored yet: see the Score and rank tab. Sorted by title.")
    groups = _groups(listed, state, scenario, ranking, found)
    rows = [(heading, len(ids), option_id) for heading, ids in groups for option_id in ids]
    first = _page_start(len(rows), hash(tuple(option_id for _, _, option_id in rows)))
    page = rows[first : first + PAGE_SIZE]
    on_page = tuple(option_id for _, _, option_id in page)

    def build() -> dict[str, tuple[ovm.OptionPanel, CardText]]:
        panels_ = {option_id: panel(option_id, found) for option_id in on_page}
        return {option_id: (p, _card_text(p)) for option_id, p in panels_.items()}

    # one lookup for the page's cards, where each card's panel and words were two
    cards = data.derived(("option cards", on_page), build)
    noted = notes_view.noted_records(notes_view.viewer())
    shown_heading = None
    full = state["cards"] == "full"
    for heading, size, option_id in page:
        group = ""
        if heading != shown_heading:  # the group's heading opens its first card's element
            group = f"### {md(f'{heading} ({size})')}"
            shown_heading = heading
        card, text = cards[option_id]
        option_card(card, text, scenario, ranking, ("options", option_id) in noted, group, full)
    option_notes({option_id: cards[option_id][0].title for option_id in on_page})


def _page_start(total: int, listed: int) -> int:
    """Where the page of panels starts: a page picker appears when there are more than
    `PAGE_SIZE`. It starts over at the first page when the list shown (`listed`, a hash of
    its ids in order) changes: another filter, grouping or sort."""
    if total <= PAGE_SIZE:
        return 0
    starts = list(range(0, total, PAGE_SIZE))
    key = "options_page"
    if st.session_state.get(f"{key}__listed") != listed or st.session_state.get(key) not in starts:
        st.session_state[key] = 0
        st.session_state[f"{key}__listed"] = listed
    first = st.selectbox(
        "Options shown",
        starts,
        format_func=lambda start: f"{start + 1}–{min(start + PAGE_SIZE, total)} of {total:,}",
        key=key,
        help="Narrow the list with the filters above, or page through it here.",
    )
    return first


def _groups(
    listed: Shown,
    state: dict[str, Any],
    scenario: scoring.Scenario,
    ranking: pd.DataFrame,
    found: ovm.Lookups,
) -> list[tuple[str, list[str]]]:
    """(heading, option ids) in the order shown, made once per set, order and grouping."""
    key = (
        "options groups",
        listed.ids,
        state["sort"],
        state["group"],
        _scenario_key(scenario) if state["sort"] == "score" else None,
    )

    def build() -> list[tuple[str, list[str]]]:
        ordered = ovm.sort_options(listed.frame, state["sort"], ranking)
        if state["group"] == "actor":
            grouped = ovm.group_by_party(
                ordered, found.actor_countries, found.country_names, found.actor_names
            )
        else:
            grouped = ovm.group_options(ordered, state["group"], found.country_names)
        return [(heading, list(rows["id"])) for heading, rows in grouped]

    return data.derived(key, build)


# -- comparison -----------------------------------------------------------------------------


def compare(
    options: pd.DataFrame,
    state: dict[str, Any],
    scenario: scoring.Scenario,
    ranking: pd.DataFrame,
    found: ovm.Lookups,
) -> None:
    """Two to four options side by side, picked here and kept in the URL (`option`)."""
    titles = dict(zip(options["id"], options["title"], strict=True))
    if len(titles) < ovm.MIN_COMPARE:
        matching = "No option" if not titles else "Only 1 option"
        st.info(
            f"{matching} recorded in our sources matches the filters above; comparing takes "
            f"at least {ovm.MIN_COMPARE}. Widen the filters (another country, or none)."
        )
        return
    bind("options_compare", [o for o in state["option"] if o in titles])
    picked = st.multiselect(
        f"Options to compare ({ovm.MIN_COMPARE} to {ovm.MAX_COMPARE})",
        list(titles),
        format_func=titles.get,
        max_selections=ovm.MAX_COMPARE,
        key="options_compare",
    )
    st.session_state["options_compare__url"] = picked
    state["option"] = picked
    if len(picked) < ovm.MIN_COMPARE:
        st.info(f"Pick at least {ovm.MIN_COMPARE} options to compare them side by side.")
        return
    chosen = [panel(oid, found) for oid in picked]
    table = ovm.compare_table(chosen, scenario, ranking)
    cols = st.columns(len(chosen))
    for col, shown in zip(cols, chosen, strict=True):
        with col, st.container(border=True):
            st.markdown(f"#### {md(shown.title)}")
            for field in ovm.COMPARE_ROWS:
                lines = str(table.at[field, shown.title]).split("\n")
                if len(lines) == 1 and field not in ("Rationale", "Sources"):
                    st.markdown(f"**{field}:** {md(lines[0]) or '—'}")
                    continue
                st.markdown(f"**{field}**")
                for line in lines:
                    st.markdown(f"- {md(line)}" if len(lines) > 1 else md(line) or "—")


# -- scoring --------------------------------------------------------------------------------


def viewer() -> str | None:
    """Who is scoring: the signed-in editor (the local editor on a local run); None for a
    hosted instance's visitor. Scores and saved scenarios carry it; private scenarios are its."""
    return auth_ui.current_editor()


def scorer_name() -> str | None:
    """`viewer()`, said on the page: who scores and saves, or that signing in is needed."""
    who = viewer()
    if who:
        st.caption(md(f"You score and save scenarios as {who}."))
    else:
        st.caption("Sign in as an editor to score options and save scenarios.")
    return who


def _set_scenario(scenario: scoring.Scenario) -> None:
    st.session_state[SCENARIO_KEY] = scenario
    st.session_state[GEN_KEY] = st.session_state.get(GEN_KEY, 0) + 1


def current_scenario(address: str | None, viewer: str | None) -> scoring.Scenario:
    """The scenario in use: the one the URL names (when the viewer may open it: shared, or
    private to the viewer), else the one in this session, else a new empty one."""
    held: scoring.Scenario | None = st.session_state.get(SCENARIO_KEY)
    parsed = scoring.parse_address(address)
    tried = st.session_state.get("options_scenario_tried")
    if parsed and (held is None or held.address != address) and tried != (address, viewer):
        st.session_state["options_scenario_tried"] = (address, viewer)
        author, name = parsed
        try:
            found = data.store().get_scenario(name, author, viewer)
        except StoreError:
            found = None
        if found is None:
            st.warning(md(_not_open_message(address, viewer)))
        else:
            _set_scenario(found)
            return found
    if held is None:
        held = scoring.new_scenario("Unsaved scenario", viewer or "analyst")
        _set_scenario(held)
    return held


def _not_open_message(address: str | None, viewer: str | None) -> str:
    """Why a scenario did not open; the same words whether it is missing or private to
    someone else, so that a link does not tell which private scenarios exist."""
    text = (
        f"No saved scenario {address!r} that you can open: it does not exist, or it is "
        "private to its author."
    )
    return text if viewer else text + " Sign in as an editor to open your private scenarios."


def scenario_bar(scenario: scoring.Scenario, viewer: str | None) -> None:
    """Save, open, share, delete and start scenarios; the URL names the one in use.

    Buttons act through callbacks (run before the next script run), so a click is never lost
    to a rerun and the URL is up to date when the page reads it.
    """
    store = data.store()
    gen = st.session_state.get(GEN_KEY, 0)
    cols = st.columns([3, 2, 2])
    with cols[0]:
        st.text_input("Scenario name", value=scenario.name, key=f"options_scn_name_{gen}")
    with cols[1]:
        st.checkbox(
            "Share with other analysts", value=scenario.shared, key=f"options_scn_shared_{gen}"
        )
    with cols[2]:
        writable = bool(viewer) and data.can_write()
        st.button(
            "Save scenario",
            key="options_scn_save",
            disabled=not writable,
            on_click=_save_clicked,
            args=(gen,),
            help=None if writable else "Sign in as an editor to save scenarios.",
        )
    _show_message()
    available = store.scenarios(viewer)
    addresses = [s.address for s in available]
    if addresses:
        cols = st.columns([3, 1, 1])
        with cols[0]:
            st.selectbox(
                "Saved scenarios you can open (yours and shared ones)"
                if viewer
                else "Shared scenarios",
                addresses,
                index=addresses.index(scenario.address) if scenario.address in addresses else 0,
                key="options_scn_pick",
            )
        with cols[1]:
            st.button("Open", key="options_scn_open", on_click=_open_clicked)
        with cols[2]:
            mine = bool(viewer) and scenario.author == viewer and scenario.address in addresses
            st.button(
                "Delete",
                key="options_scn_delete",
                disabled=not mine,
                on_click=_delete_clicked,
                args=(scenario.name, scenario.author),
            )
    st.button("Start a new, empty scenario", key="options_scn_new", on_click=_new_clicked)


MESSAGE_KEY = "options_scenario_message"


def _show_message() -> None:
    kind, text = st.session_state.pop(MESSAGE_KEY, (None, None))
    if kind == "error":
        st.error(md(text))
    elif kind == "success":
        st.success(md(text))


def _use(scenario: scoring.Scenario | None, viewer: str | None) -> None:
    """Make `scenario` the one in use and name it in the URL (None: a new, unsaved one)."""
    if scenario is None:
        _set_scenario(scoring.new_scenario("Unsaved scenario", viewer or "analyst"))
        st.query_params.pop("scenario", None)
        return
    _set_scenario(scenario)
    st.session_state["options_scenario_tried"] = (scenario.address, viewer)
    st.query_params["scenario"] = scenario.address


# The callbacks below ask who is signed in when they run (never a name passed from an earlier
# run), so a click after signing out, or in another session, acts as whoever clicks.


def _save_clicked(gen: int) -> None:
    author = viewer()
    if not author:
        st.session_state[MESSAGE_KEY] = ("error", "Not saved: sign in as an editor to save.")
        return
    held: scoring.Scenario = st.session_state[SCENARIO_KEY]
    name = (st.session_state.get(f"options_scn_name_{gen}") or "").strip()
    shared = bool(st.session_state.get(f"options_scn_shared_{gen}"))
    try:
        candidate = scoring.Scenario.model_validate(
            {**held.model_dump(), "name": name, "author": author, "shared": shared}
        )
        saved = data.store().save_scenario(candidate, by=author)
    except (StoreError, ValueError) as exc:
        st.session_state[MESSAGE_KEY] = ("error", f"Not saved: {exc}")
        return
    _use(saved, author)
    who = "shared with other analysts" if saved.shared else "private to you"
    st.session_state[MESSAGE_KEY] = ("success", f"Saved as {saved.address} ({who}).")


def _open_clicked() -> None:
    address = st.session_state.get("options_scn_pick")
    parsed = scoring.parse_address(address)
    if not parsed:
        return
    who = viewer()
    try:
        found = data.store().get_scenario(parsed[1], parsed[0], who)
    except StoreError:
        found = None
    if found is None:
        st.session_state[MESSAGE_KEY] = ("error", _not_open_message(address, who))
        return
    _use(found, who)


def _delete_clicked(name: str, author: str) -> None:
    who = viewer()
    try:
        data.store().delete_scenario(name, author, who)
    except StoreError as exc:
        st.session_state[MESSAGE_KEY] = ("error", str(exc))
        return
    _use(None, who)
    st.session_state[MESSAGE_KEY] = ("success", f"Deleted {author}/{name}.")


def _new_clicked() -> None:
    _use(None, viewer())


def criteria_and_weights(scenario: scoring.Scenario) -> scoring.Scenario:
    """A weight slider per criterion, with its direction; add an analyst criterion."""
    gen = st.session_state.get(GEN_KEY, 0)
    st.markdown("**Criteria and weights** (scale 1-5; weights are normalised)")
    weights = {}
    cols = st.columns(min(len(scenario.criteria), 4))
    for i, criterion in enumerate(scenario.criteria):
        with cols[i % len(cols)]:
            weights[criterion.id] = st.slider(
                md(f"{criterion.label}: {criterion.direction_label}"),
                0.0,
                scoring.MAX_WEIGHT,
                value=float(scenario.weights[criterion.id]),
                step=0.5,
                key=f"options_w_{gen}_{criterion.id}",
                help=md(criterion.description) or None,
            )
    if weights != scenario.weights:
        scenario = scoring.set_weights(scenario, weights)
        st.session_state[SCENARIO_KEY] = scenario
    with (
        st.popover("Add a criterion", icon=":material/add:"),
        st.form("options_add_criterion", clear_on_submit=True),
    ):
        st.text_input("Label", max_chars=60, key="options_new_label")
        st.radio(
            "Direction",
            ["benefit", "cost"],
            format_func=lambda d: "higher is better" if d == "benefit" else "lower is better",
            horizontal=True,
            key="options_new_direction",
        )
        st.text_input("What it measures", max_chars=200, key="options_new_description")
        st.form_submit_button("Add", on_click=_add_criterion_clicked)
    problem = st.session_state.pop("options_criterion_problem", None)
    if problem:
        st.error(md(problem))
    return scenario


def _add_criterion_clicked() -> None:
    try:
        scenario = scoring.add_criterion(
            st.session_state[SCENARIO_KEY],
            st.session_state.get("options_new_label") or "",
            st.session_state.get("options_new_direction") or "benefit",
            st.session_state.get("options_new_description") or "",
        )
    except ValueError as exc:
        st.session_state["options_criterion_problem"] = str(exc)
        return
    _set_scenario(scenario)


GRID_KEY = "options_grid"
NOTES_KEY = "options_notes"
PROBLEMS_KEY = "options_score_problems"


def grid_key(gen: int) -> str:
    """The scoring grid's widget key for this scenario generation (a new one after each save,
    so the grid shows the scenario as saved)."""
    return f"{GRID_KEY}_{gen}"


def score_grid(
    scenario: scoring.Scenario, options: pd.DataFrame, viewer: str | None
) -> scoring.Scenario:
    """Score every option on every criterion in one grid (type 1-5 in a cell, Tab or arrows to
    move, Enter to edit), a rationale per scored option; optional notes per score below."""
    if options.empty:
        st.info("No option matches the filters: nothing to score.")
        return scenario
    grid = scoring.score_grid(scenario, options)
    gen = st.session_state.get(GEN_KEY, 0)
    st.session_state[f"{grid_key(gen)}__table"] = grid
    columns = {
        scoring.GRID_TITLE: st.column_config.TextColumn("Option", width="large", disabled=True),
        **{
            c.id: st.column_config.NumberColumn(
                f"{c.label} ({c.direction_label})",  # a column label: plain text
                min_value=scoring.MIN_VALUE,
                max_value=scoring.MAX_VALUE,
                step=1,
                format="%d",
                help=f"{c.description} 1-5, {c.direction_label}; empty: not scored.",
            )
            for c in scenario.criteria
        },
        scoring.GRID_RATIONALE: st.column_config.TextColumn(
            "Why (required once scored)",
            width="large",
            max_chars=scoring.MAX_RATIONALE,
            help="One line: why these scores. The brief quotes it with the ranking.",
        ),
    }
    if not viewer:
        st.info("Sign in as an editor to score: each score carries its scorer's name.")
        tables.table(grid, columns, placeholder=ovm.NOT_SCORED)
        return scenario
    with st.form(f"options_grid_form_{gen}", border=False):
        st.data_editor(
            grid,
            column_config=columns,
            hide_index=True,
            num_rows="fixed",
            width="stretch",
            placeholder=ovm.NOT_SCORED,
            key=grid_key(gen),
        )
        st.form_submit_button("Save scores", type="primary", on_click=_grid_submitted, args=(gen,))
    for problem in st.session_state.pop(PROBLEMS_KEY, []):
        st.error(md(problem))
    score_notes(st.session_state[SCENARIO_KEY], options)
    return st.session_state[SCENARIO_KEY]


def _grid_submitted(gen: int) -> None:
    scorer = viewer()  # who is signed in when the grid is sent
    if not scorer:
        st.session_state[PROBLEMS_KEY] = ["Sign in as an editor to score."]
        return
    grid = st.session_state.get(f"{grid_key(gen)}__table")
    edits = (st.session_state.get(grid_key(gen)) or {}).get("edited_rows", {})
    if grid is None or not edits:
        return
    scenario, problems = scoring.apply_grid_edits(
        st.session_state[SCENARIO_KEY], grid, edits, scorer
    )
    st.session_state[PROBLEMS_KEY] = problems
    _set_scenario(scenario)  # a new grid: rows refused are shown as they were, with why


def score_notes(scenario: scoring.Scenario, options: pd.DataFrame) -> None:
    """An optional one-line note on single scores, behind an expander (runs when open)."""
    scored = [oid for oid in options["id"] if scenario.rationale(oid) or _any_score(scenario, oid)]
    notes = st.expander(
        "Notes on single scores (optional)", key="options_notes_open", on_change="rerun"
    )
    if not notes.open:
        return
    with notes:
        table = scoring.scores_table(scenario, scored)
        table = table[table["value"].notna()].reset_index(drop=True)
        if table.empty:
            st.caption("Score an option first: its scores can then carry a note each.")
            return
        titles = dict(zip(options["id"], options["title"], strict=True))
        table.insert(0, "option", table["option_id"].map(titles))
        gen = st.session_state.get(GEN_KEY, 0)
        st.session_state[f"{NOTES_KEY}_{gen}__table"] = table
        with st.form(f"options_notes_form_{gen}", border=False):
            st.data_editor(
                table,
                column_order=["option", "criterion", "value", "rationale"],
                column_config={
                    "option": st.column_config.TextColumn("Option", disabled=True),
                    "criterion": st.column_config.TextColumn("Criterion", disabled=True),
                    "value": st.column_config.NumberColumn("Score", disabled=True),
                    "rationale": st.column_config.TextColumn(
                        "Note (optional)", width="large", max_chars=scoring.MAX_RATIONALE
                    ),
                },
                hide_index=True,
                num_rows="fixed",
                width="stretch",
                key=f"{NOTES_KEY}_{gen}",
            )
            st.form_submit_button("Save notes", on_click=_notes_submitted, args=(gen,))


def _any_score(scenario: scoring.Scenario, option_id: str) -> bool:
    return any(s.option_id == option_id for s in scenario.scores)


def _notes_submitted(gen: int) -> None:
    scorer = viewer()
    table = st.session_state.get(f"{NOTES_KEY}_{gen}__table")
    edits = (st.session_state.get(f"{NOTES_KEY}_{gen}") or {}).get("edited_rows", {})
    if not scorer or table is None or not edits:
        return
    notes_only = {int(k): {"rationale": v.get("rationale", "")} for k, v in edits.items()}
    scenario, problems = scoring.apply_score_edits(
        st.session_state[SCENARIO_KEY], table, notes_only, scorer
    )
    st.session_state[PROBLEMS_KEY] = problems
    _set_scenario(scenario)


def ranking_view(scenario: scoring.Scenario, options: pd.DataFrame) -> None:
    """The ranked options (table and each criterion's share of each total) and exports."""
    ranking = scoring.rank(options, scenario)
    st.markdown("**Ranking**")
    partial = int((ranking["standing"] == scoring.PARTIAL).sum())
    unscored = int((ranking["standing"] == scoring.UNSCORED).sum())
    st.caption(
        md(
            f"Total = weighted mean of the scores an option has (cost and risk inverted: 6 - "
            f"score, so a low cost counts for the option). {partial} partly scored (ranked on "
            f"what they have), {unscored} not scored (listed last, no rank). Scores are "
            "analysts' judgements, not facts from sources."
        )
    )
    table = ovm.ranking_table(ranking, scenario)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="options_ranking",
        column_config={
            "rank": st.column_config.TextColumn("Rank"),
            "title": st.column_config.TextColumn("Option", width="large"),
            "total": st.column_config.TextColumn("Total (1-5)"),
            "standing": st.column_config.TextColumn("Scored"),
        },
    )
    long = scoring.shares(ranking, scenario)
    if long.empty:
        st.caption("No option is scored yet: the chart appears with the first score.")
    else:
        st.plotly_chart(ovm.share_chart(long, scenario), width="stretch", key="options_shares")
    titles = dict(zip(options["id"], options["title"], strict=True))
    slug = slugify(scenario.name)
    cols = st.columns(4)
    # each file is made on its button's click, not on every rerun
    downloads = [
        ("Scenario (JSON)", lambda: scenario_io.scenario_json(scenario), "json", "scenario"),
        ("Scores (CSV)", lambda: scenario_io.scenario_csv(scenario, titles), "csv", "scores"),
        ("Ranking (CSV)", lambda: scenario_io.ranking_csv(options, scenario), "csv", "ranking"),
        (
            "Ranking (JSON)",
            lambda: scenario_io.ranking_json(options, scenario),
            "json",
            "ranking",
        ),
    ]
    for col, (text, payload, ext, what) in zip(cols, downloads, strict=True):
        with col:
            st.download_button(
                text,
                payload,
                file_name=f"{slug}-{what}.{ext}",
                mime="application/json" if ext == "json" else "text/csv",
                key=f"options_dl_{what}_{ext}",
                on_click="ignore",  # a file, not a change: no rerun renewing the buttons
                icon=":material/download:",
            )
    upload = st.file_uploader("Open a scenario file (JSON)", type=["json"], key="options_up")
    if upload is not None and st.button("Use this file", key="options_up_use"):
        try:
            _set_scenario(scenario_io.scenario_from_json(upload.getvalue()))
        except ValueError as exc:
            st.error(md(f"Not a scenario file: {exc}"))
        else:
            st.rerun()
