"""Have the browser load plotly.js while the server is still building the first page.

Streamlit's frontend fetches and compiles its plotly.js chunk (about 4.7 MB) only when the
first chart element arrives, so on a cold start all of that waits for the script to reach the
map. A tiny blank chart sent before the heavy imports starts it at once, in parallel with the
server's imports and figure building; the entry point removes it when the page is drawn.
Only a session's first run sends it: after that the browser has plotly.js, and a placeholder
appearing at the top of every rerun would make the page jump.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

_SENT = "_democdash_plotly_preloaded"


def plotly_js() -> DeltaGenerator | None:
    """On a session's first run, draw a blank static 10-px chart in a placeholder and return
    the placeholder (call `.empty()` on it when the page is drawn); otherwise None."""
    if st.session_state.get(_SENT):
        return None
    st.session_state[_SENT] = True
    import plotly.graph_objects as go

    hidden = {"visible": False}
    blank = go.Figure(
        layout={
            "height": 10,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "xaxis": hidden,
            "yaxis": hidden,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        }
    )
    slot = st.empty()
    slot.plotly_chart(blank, config={"staticPlot": True, "displayModeBar": False}, width="stretch")
    return slot
