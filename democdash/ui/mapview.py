"""The interactive map widget: figures built once per selection, clicks handled once."""

from __future__ import annotations

from typing import Any

import streamlit as st

from democdash import maps
from democdash.ui import data


@st.cache_resource(show_spinner=False, max_entries=32)
def _world_figure(url: str, revision: int, color_by: str, selected: tuple[str, ...]):
    return maps.world_map(
        data.country_figures(), data.boundaries("world"), color_by, list(selected)
    )


def clicked_countries(event: Any) -> list[str]:
    """ISO codes in a plotly selection event (choropleth `location` or marker `customdata`)."""
    points = []
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    codes = []
    for point in points:
        code = point.get("location")
        if not code and point.get("customdata"):
            code = point["customdata"][0]
        if isinstance(code, str) and len(code) == 3:
            codes.append(code.upper())
    return codes


def new_click(key: str, event: Any) -> str | None:
    """The country clicked since the last rerun, or None: a selection is handled only once,
    so a rerun without a new click does not toggle the same country again."""
    codes = tuple(clicked_countries(event))
    handled_key = f"{key}__handled"
    if codes == st.session_state.get(handled_key, ()):
        return None
    st.session_state[handled_key] = codes
    return codes[0] if codes else None


def world_map(key: str, color_by: str = "role", selected: list[str] | None = None) -> str | None:
    """Draw the world map; returns a newly clicked country's ISO code, if any."""
    store = data.store()
    fig = _world_figure(store.url, store.revision(), color_by, tuple(sorted(selected or [])))
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config=maps.plotly_config(),
        width="stretch",
    )
    return new_click(key, event)
