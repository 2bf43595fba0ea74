"""Policy options: panels beside the map, side-by-side comparison, analyst scoring."""

import streamlit as st

from democdash import options_view_model as ovm
from democdash import scoring
from democdash.text import counted
from democdash.ui import brief_panel, data, frame, options_view, urlstate, views
from democdash.ui.safe import md
from democdash.ui.urlstate import OPTIONS

frame.require_frame()

state = urlstate.read(OPTIONS)
st.title("Policy options")
st.caption(
    "Recommendations, proposals, pledges and plans as reported in our sources, each with its "
    "status as of the source's date and the quotes it rests on."
)

options = data.frame("options")
names = views.actor_names()
options_view.filters(state, options, names)
# The map counts options by every filter but the country one; the list applies all filters.
unplaced, filtered = options_view.selection(state)

state["tab"] = options_view.segmented("options_tab", "View", options_view.TABS, state["tab"])
viewer = options_view.scorer_name() if state["tab"] == "score" else options_view.viewer()
scenario = options_view.current_scenario(state["scenario"], viewer)
found = options_view.lookups()

if state["tab"] == "panels":
    listed = options_view.shown(filtered, state)
    shown = listed.frame
    if state["option"] and len(shown) < len(filtered):
        st.caption(md(f"Showing the {len(shown)} picked options of {len(filtered)}."))
        if st.button("Show every option that matches the filters", key="options_all"):
            state["option"] = []
            urlstate.write(state, OPTIONS)
            st.rerun()
    ranking = options_view.ranking(shown, scenario, listed.ids)
    map_col, list_col = st.columns([2, 3], gap="large")
    with map_col:
        st.markdown("**Options recorded in our sources, by target country**")
        clicked = options_view.options_map(unplaced, state)
        if clicked:
            state["country"] = ovm.toggle(state["country"], clicked)
            urlstate.write(state, OPTIONS)
            st.rerun()
        views.map_notes(
            "options",
            lead=md(
                "Click a country to filter by it (click again to remove it). Options with no "
                f"single target are listed under “{ovm.NO_TARGET}”."
            ),
        )
    with list_col:
        n = counted(len(shown), "option")
        st.markdown(md(f"{n} recorded in our sources{views.as_of_words()}"))
        options_view.panels(listed, state, scenario, ranking, found)
elif state["tab"] == "compare":
    options_view.compare(filtered, state, scenario, options_view.ranking(filtered, scenario), found)
elif state["tab"] == "brief":
    brief_panel.brief_download_panel(
        (state["country"] or [None])[0],
        scoring.rank(options, scenario) if scenario.scores else None,
        scenario=scenario if scenario.scores else None,
        option_ids=state["option"] or None,
        key="options_brief",
    )
else:
    st.caption(
        "Score every option in one grid, 1-5 (type a digit; Tab or the arrows move; Save "
        "scores when done). For cost and risk, lower is better. Write one line on why for "
        "each option you score. An empty cell stays not scored: no default is filled in."
    )
    options_view.scenario_bar(scenario, viewer)
    scenario = options_view.criteria_and_weights(options_view.current_scenario(None, viewer))
    scenario = options_view.score_grid(scenario, filtered, viewer)
    options_view.ranking_view(scenario, filtered)

urlstate.write(state, OPTIONS)
urlstate.copy_link(state, OPTIONS)
