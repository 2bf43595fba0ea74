"""Events: filter what our sources record, see it on a map, a timeline and a table, open an
event's sources, and take the filtered set away (CSV, Excel, JSON, GeoJSON) with a share link."""

import streamlit as st

from democdash.ui import events_view, urlstate
from democdash.ui.urlstate import EVENTS

st.title("Events")
st.caption(
    "What our sources record, filtered by country, type, date, actor, source or words. Dates "
    "are as precise as the sources give them; undated events are kept within their bounds."
)
state = events_view.read_state()
state = events_view.filter_controls(state)
sel = events_view.selection(state)

top = st.columns([3, 1], vertical_alignment="center")
with top[0]:
    events_view.result_line(sel)
with top[1]:
    urlstate.copy_link(state, EVENTS)
events_view.downloads(sel, state)

map_col, counts_col = st.columns([3, 2], gap="large")
with map_col:
    events_view.event_map(sel, state["country"])
with counts_col:
    events_view.counts(sel)

st.subheader("Timeline")
events_view.timeline_chart(sel)

st.subheader("Events")
st.caption("Select a row to see its sources. Sort by a column by clicking its header.")
state["event"] = events_view.events_table(sel, state)
urlstate.write(state, EVENTS)
if state["event"]:
    events_view.event_detail(state["event"])
