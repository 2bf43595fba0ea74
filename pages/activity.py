"""Team activity (editors): the audit trail in words, filtered and exportable, with a revert
for analysts' changes; and the team's notes, searchable."""

import streamlit as st

from democdash.ui import activity_view as av
from democdash.ui import frame

frame.require_frame()

st.title("Team activity")
st.caption(
    "Who changed what and when, from the store's audit trail, and the team's notes. Curated "
    "data changes through data/ (shown as 'curated data reloaded'); analysts' changes can be "
    "reverted here, and each revert is recorded too."
)
if av.editors_only():
    # only the open tab runs: each reads the store
    changes_tab, notes_tab = st.tabs(["Changes", "Team notes"], key=av.TABS_KEY, on_change="rerun")
    if changes_tab.open:
        with changes_tab:
            av.changes_section()
    if notes_tab.open:
        with notes_tab:
            av.notes_section()
