"""Indicators: the democracy trajectories analysts already trust (V-Dem), country beside
country, one indicator at a time; with their citation, licence and provenance."""

import streamlit as st

from democdash.ui import frame, urlstate
from democdash.ui import indicator_view as iv
from democdash.ui.urlstate import INDICATORS

frame.require_frame()

st.title("Democracy indicators")
st.caption(
    "Outside data beside our sources: each producer's country-year scores, shown as they "
    "publish them, with their uncertainty where the file has it. Our sourced events are on "
    "each country's profile (Countries, tab Democracy indicators)."
)
state = urlstate.read(INDICATORS)
table = iv.dataset(state["dataset"])
if table is None:
    st.info("No indicator dataset is available: data/indicators is empty or has problems.")
    iv.problems()
    st.stop()
state["dataset"] = (
    None if table.spec.id == iv.DEFAULT_DATASET else table.spec.id
)  # the default stays out of the link
iv.compare_section(table, state)
iv.datasets_section()
iv.problems()
if iv.can_import():
    with st.expander("Import an indicator dataset (editors)"):
        iv.import_form()
urlstate.write(state, INDICATORS)
urlstate.copy_link(state, INDICATORS)
