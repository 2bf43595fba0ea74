"""The interactive map widget: figures built once per selection, clicks handled once."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from democdash import aggregates, maps
from democdash.settings import get_settings
from democdash.ui import data
from democdash.ui.safe import md

#: The world map's height beside a side panel (a natural-earth world is about 2:1).
WORLD_HEIGHT = 370


class FrozenFigure(go.Figure):
    """A cached figure that is drawn unchanged on many reruns.

    `st.plotly_chart` calls `to_dict()`, which deep-copies the whole figure (about 45 ms for
    the world map's 300 KB) on every rerun; this returns one dict made when the figure was
    cached instead. Only that dict and the figure's size are kept: constructing a copy of the
    figure would deep-copy and validate its GeoJSON twice more, for nothing. Read the figure
    through `to_dict()`; nothing may change it after it is frozen.
    """

    def __init__(self, figure: go.Figure):
        super().__init__(layout={"height": figure.layout.height, "width": figure.layout.width})
        self._frozen_dict = figure.to_dict()

    def to_dict(self) -> dict:
        return self._frozen_dict


# Keyed on the data folder and level, as `data.boundaries` is: a level's GeoJSON is made once
# per process, not for each revision, colouring and selection that makes a new figure.
@st.cache_resource(show_spinner=False, max_entries=6)
def _boundary_geojson(data_dir: str, level: str) -> maps.BoundaryGeoJSON:
    return maps.boundary_geojson(data.boundaries(level))


def boundary_geojson(level: str = "world") -> maps.BoundaryGeoJSON:
    """The GeoJSON of `data.boundaries(level)` for `maps.world_map(geojson=...)`, made once
    per data folder and level (shared by every figure and session: do not mutate).

    The two caches are emptied separately (eviction, a cleared cache), so a GeoJSON that no
    longer fits the boundaries, whose file changed meanwhile, is made again."""
    data_dir = str(get_settings().data_dir)
    geojson = _boundary_geojson(data_dir, level)
    if not geojson.fits(data.boundaries(level)):
        _boundary_geojson.clear(data_dir, level)
        geojson = _boundary_geojson(data_dir, level)
    return geojson


def boundaries_usable(level: str) -> bool:
    """Say so above the map when its boundary file is broken (naming the file); False when
    there is nothing to draw (no good copy of the file was ever read)."""
    problem = data.boundary_problem(level)
    usable = len(data.boundaries(level)) > 0
    if problem:
        (st.warning if usable else st.error)(md(problem), icon=":material/map:")
    return usable


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


def country_figures(basis: str = "where") -> pd.DataFrame:
    """Per-country figures as `data.country_figures`, events counted by `basis` (shared: do
    not mutate)."""
    if basis == "where":
        return data.country_figures()
    return data.derived(
        ("country figures", basis),
        lambda: aggregates.country_figures(
            *(data.frame(k) for k in ("countries", "events", "options", "sanctions")), basis
        ),
    )


def world_map(
    key: str, color_by: str = "role", selected: list[str] | None = None, basis: str = "where"
) -> str | None:
    """Draw the world map of every country's figures at full detail, events counted by
    `basis` (`filters.COUNTRY_BASES`); returns a newly clicked country's ISO code, if any."""
    return world_map_for(
        key,
        country_figures(basis),
        ("country figures", basis),  # data.derived adds the naming setting (hover names)
        color_by,
        selected,
        height=WORLD_HEIGHT,
        detail="world",
    )


def world_map_for(
    key: str,
    figures: pd.DataFrame,
    figures_key: Hashable,
    color_by: str = "events",
    selected: list[str] | None = None,
    height: int = 430,
    detail: str = "compact",
) -> str | None:
    """Draw the world map of given per-country `figures` (e.g. counts of a filtered set, from
    `filters.country_figures_for`). `figures_key` names the figures (what they were made from)
    for the cache. Drawn a column wide, it uses the `compact` boundaries by default (about a
    third of the world level's points; `detail="world"` for the full level). Returns a newly
    clicked country's ISO code, if any (each click handled once, as in `world_map`)."""
    chosen = tuple(sorted(selected or []))
    if not boundaries_usable(detail):
        return None

    def build() -> FrozenFigure:
        fig = maps.world_map(
            figures,
            data.boundaries(detail),
            color_by,
            list(chosen),
            geojson=boundary_geojson(detail),
        )
        return FrozenFigure(fig.update_layout(height=height))

    fig = data.derived(("world map for", figures_key, color_by, chosen, height, detail), build)
    return clickable_map(fig, key)
