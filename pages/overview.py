"""Overview: the map, headline figures, the selected country, what is new since a date (with
`since=`), and the sources."""

import streamlit as st

from democdash.ui import frame, mapview, since, sources_view, urlstate, views
from democdash.ui import indicator_view as iv
from democdash.ui.urlstate import OVERVIEW

frame.require_frame()

state = urlstate.read(OVERVIEW)
st.title("Democracy under pressure")
views.headline_figures()

# the map as wide as the content column; the colouring above it, the country below it
state["basis"] = views.basis_control("overview_basis", state["basis"])
state["color"] = (
    st.segmented_control(
        "Colour the map by what our sources record",
        options=list(views.COLOR_CHOICES),
        format_func=views.COLOR_CHOICES.get,
        default=state["color"],
        key="overview_color",
    )
    or "role"
)
if state["color"] == "indicator":
    choice = iv.map_controls(state)
    clicked = iv.world_map("overview_map", choice, state["country"][:1]) if choice else None
else:
    clicked = mapview.world_map(
        "overview_map", state["color"], state["country"][:1], state["basis"], False
    )
if clicked:
    state["country"] = [] if state["country"][:1] == [clicked] else [clicked]
    urlstate.write(state, OVERVIEW)
    st.rerun()
if state["color"] == "indicator":
    iv.map_note(choice)
else:
    # one caption: where the dots' places come from, what the colours mean, the boundaries
    places = mapview.place_note(mapview.placed_events())
    views.map_notes(state["color"], lead=places, coverage_said=True)
if state["country"]:
    views.country_panel(state["country"][0])
    views.page_links(state["country"], views.LINKED_PAGES)
else:
    st.info(
        "Click a country on the map (or its marker, for Hong Kong), or Tab to it and press "
        "Enter, to see it here."
    )
urlstate.write(state, OVERVIEW)
urlstate.copy_link(state, OVERVIEW)

if since.active():
    since.digest_view()

as_table = st.expander("The map as a table", key="overview_table", on_change="rerun")
if as_table.open:  # drawn only when opened
    with as_table:
        views.country_table(state["basis"])
sources_view.sources_digest(heading="### Sources")
