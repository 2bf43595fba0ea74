"""Countries: a profile per country (`?country=BLR`), or all of them side by side."""

import streamlit as st

from democdash.ui import countries_view as cv
from democdash.ui import frame, urlstate, views
from democdash.ui.safe import md
from democdash.ui.urlstate import COUNTRIES

frame.require_frame()

state = urlstate.read(COUNTRIES)
names = views.country_names()
codes = [None, *sorted(names, key=names.get)]
iso3 = state["country"][0] if state["country"] else None

cv.chosen_event_controls(state)
profile = cv.profile(iso3, state["basis"]) if iso3 else None
if iso3 is None:
    name = "Countries and territories"
else:
    name = profile.name if profile else urlstate.country_name(iso3)
head, pick = st.columns([3, 1], vertical_alignment="bottom")
head.title(md(name))
choice = pick.selectbox(
    "Open a profile",
    options=codes,
    index=codes.index(iso3) if iso3 in codes else 0,
    format_func=lambda c: "All (comparison)" if c is None else names[c],
)
if choice != iso3 and (choice is not None or iso3 in codes):
    state["country"] = [choice] if choice else []
    urlstate.write(state, COUNTRIES)
    st.rerun()

if iso3 is None:
    st.caption("Every country and territory in our sources. Open a profile from the table.")
    state["basis"] = views.basis_control("countries_basis", state["basis"])
    cv.comparison_section(state["basis"])
else:
    if len(state["country"]) > 1:
        st.caption(f"Showing the first of the {len(state['country'])} countries in the link.")
    map_col, text_col = st.columns([3, 2], gap="large")
    with map_col:
        clicked = cv.region_map(iso3, key="countries_region_map")
    if clicked:
        state["country"] = [clicked]
        urlstate.write(state, COUNTRIES)
        st.rerun()
    with text_col:
        if profile:
            cv.header(profile, state["basis"])
        else:
            cv.missing(iso3, name)
    if profile:
        views.page_links([iso3], [p for p in views.LINKED_PAGES if "countries" not in p[0]])
        cv.event_controls(state)
        state["tab"] = cv.profile_tabs(profile, state["tab"], state["hide"], state["basis"])

urlstate.write(state, COUNTRIES)
urlstate.copy_link(state, COUNTRIES)
