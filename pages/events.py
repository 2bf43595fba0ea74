"""Events: filter what our sources record, see it on a map, a timeline and a table, open an
event's sources, and take the filtered set away (CSV, Excel, JSON, GeoJSON) with a share link."""

import streamlit as st

from democdash.ui import events_view, frame, urlstate
from democdash.ui.urlstate import EVENTS

frame.require_frame()

st.title("Events")
st.caption(
    "What our sources record, filtered by country, type, date, actor, source or words. Dates "
    "are as precise as the sources give them; undated events are kept within their bounds."
)
state = events_view.read_state()
state = events_view.filter_controls(state)
sel = events_view.selection(state)

top = st.columns([3, 2], vertical_alignment="center")
with top[0]:
    events_view.result_line(sel)
actions = top[1].container(horizontal=True, horizontal_alignment="right")
share, downloads = actions.container(width="content"), actions.container(width="content")

events_view.view_tabs(sel, state)
# The link and the downloads' "share link" are made after the tabs: a tab opened or a row
# picked on this run is part of the view they describe (drawn above, in their places).
with share:
    urlstate.copy_link(state, EVENTS)
with downloads:
    events_view.downloads(sel, state)
urlstate.write(state, EVENTS)
