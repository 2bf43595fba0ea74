"""The interactive map widget: figures built once per selection, clicks handled once."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from democdash import maps
from democdash.ui import data
from democdash.ui import naming as names_ui

#: The world map's height beside a side panel (a natural-earth world is about 2:1).
WORLD_HEIGHT = 370


class FrozenFigure(go.Figure):
    """A cached figure that is drawn unchanged on many reruns.

    `st.plotly_chart` calls `to_dict()`, which deep-copies the whole figure (about 45 ms for
    the world map's 300 KB) on every rerun; this returns one dict made when the figure was
    cached instead. Nothing may change the figure after it is frozen.
    """

    def __init__(self, figure: go.Figure):
        super().__init__(figure)
        self._frozen_dict = super().to_dict()

    def to_dict(self) -> dict:
        return self._frozen_dict


@st.cache_resource(show_spinner=False, max_entries=32)
def _world_figure(
    url: str,
    revision: int,
    color_by: str,
    selected: tuple[str, ...],
    names: frozenset[str] = frozenset(),
):
    fig = maps.world_map(data.country_figures(), data.boundaries("world"), color_by, list(selected))
    return FrozenFigure(fig.update_layout(height=WORLD_HEIGHT))


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


def clickable_map(fig: go.Figure, key: str) -> str | None:
    """Draw a map whose clicks select countries; returns a newly clicked ISO code, if any."""
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config=maps.plotly_config(),
        width="stretch",
    )
    return new_click(key, event)


def world_map(key: str, color_by: str = "role", selected: list[str] | None = None) -> str | None:
    """Draw the world map; returns a newly clicked country's ISO code, if any."""
    store = data.store()
    fig = _world_figure(
        store.url,
        store.revision(data.REVISION_MAX_AGE),
        color_by,
        tuple(sorted(selected or [])),
        names_ui.preference(),  # hover names follow the naming setting
    )
    return clickable_map(fig, key)


def figures_digest(figures: pd.DataFrame) -> str:
    """A stable hash of a per-country figures table (its values, in order), for cache keys."""
    return hashlib.sha256(figures.to_json(orient="split", date_format="iso").encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure_for(
    digest: str,
    _figures: pd.DataFrame,
    revision: int,
    color_by: str,
    selected: tuple[str, ...],
    height: int,
):
    fig = maps.world_map(_figures, data.boundaries("world"), color_by, list(selected))
    return FrozenFigure(fig.update_layout(height=height))


def world_map_for(
    key: str,
    figures: pd.DataFrame,
    color_by: str = "events",
    selected: list[str] | None = None,
    height: int = 430,
) -> str | None:
    """Draw the world map of given per-country `figures` (e.g. counts of a filtered set, from
    `filters.country_figures_for`); cached on a hash of the figures. Returns a newly clicked
    country's ISO code, if any (each click handled once, as in `world_map`)."""
    fig = _figure_for(
        figures_digest(figures),
        figures,
        data.store().revision(data.REVISION_MAX_AGE),
        color_by,
        tuple(sorted(selected or [])),
        height,
    )
    return clickable_map(fig, key)
