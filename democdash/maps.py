"""Plotly map figures (pure functions, no Streamlit): the world map and a country's region.

Design choices, each for a measured reason:

* ONE ``go.Choropleth`` trace with a stepped colour scale: plotly express discrete colours
  copy the whole GeoJSON into every colour's trace (3x the bytes). Countries without data are
  drawn in the same trace, in the neutral first step.
* Geometry comes from our committed boundaries (``geojson=`` + ``featureidkey``); every base
  layer of plotly's own topojson is switched off, and ``plotly_config()`` points plotly.js at
  local stub files, because plotly.js fetches a base topojson from a CDN for any choropleth and
  leaves the map blank when that fails offline.
* Hong Kong is 1-2 px at world scale, so it (and other tiny countries in the data) gets a
  clickable marker whose ``customdata`` is the ISO code.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely

from democdash.geo import region_bounds
from democdash.indicators.colouring import Colouring
from democdash.mapstyle import (  # noqa: F401  (re-exported: the colours are defined there)
    COUNT_COLOURS,
    COUNT_EDGES,
    COUNT_TITLES,
    FIGURE_COLUMNS,
    MARKER_POSITIONS,
    NEUTRAL,
    REGION_STEPS,
    ROLE_STEPS,
    ColorBy,
    Steps,
)
from democdash.mapstyle import clean_figures as _clean_figures
from democdash.mapstyle import step_of as _step_of
from democdash.mapstyle import steps_for as _steps_for

#: Where Streamlit's static serving (``server.enableStaticServing``) exposes ``./static/``.
#: Relative on purpose: it resolves against the page URL, so it also works under a
#: ``server.baseUrlPath`` and from every page (``/events`` -> ``/app/static/topojson/``).
DEFAULT_TOPOJSON_URL = "app/static/topojson/"

OUTLINE_COLOUR = "#111111"
BORDER_COLOUR = "#ffffff"

#: Countries with a world-level area (square degrees) below this get a marker when in the data.
SMALL_AREA = 0.5
#: Width / height (in Mercator) of the region map's view.
REGION_ASPECT = 1.6
#: Region views wider than this (degrees) are simplified on the fly, with a tolerance of
#: span / LARGE_VIEW_DETAIL degrees (about one screen pixel on a 1,000 px wide map).
LARGE_VIEW_DEGREES = 30.0
LARGE_VIEW_DETAIL = 1000.0
#: Antarctica is left off the world map unless the data mention it (bytes and height).
WORLD_OMIT = frozenset({"ATA"})

HOVER_TEMPLATE = (
    "<b>%{customdata[1]}</b><br>"
    "Role: %{customdata[2]}<br>"
    "Events: %{customdata[3]}<br>"
    "Options: %{customdata[4]}<br>"
    "Sanctions: %{customdata[5]}<br>"
    "Latest event: %{customdata[6]}"
    "<extra></extra>"
)


# --------------------------------------------------------------------------- helpers


def _stepped_colorscale(colours: Sequence[str]) -> list[list[Any]]:
    """A colorscale with flat steps: z = i (0..n-1) maps to ``colours[i]``, no blending."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def _colorbar(steps: Steps) -> dict[str, Any]:
    """A horizontal legend bar under the map, one labelled tick at each step's centre."""
    return {
        "title": {"text": steps.title, "side": "top", "font": {"size": 12}},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": 0.0,
        "yanchor": "top",
        "len": min(0.9, 0.16 * len(steps.labels)),
        "thickness": 12,
        "outlinewidth": 0,
        "tickmode": "array",
        "tickvals": list(range(len(steps.labels))),
        "ticktext": list(steps.labels),
        "ticks": "",
        "tickfont": {"size": 11},
    }


def _customdata(iso3: str, name: str, row: pd.Series | None) -> list[str]:
    """Hover fields: iso3, name, role, events, options, sanctions, latest event (escaped)."""
    if row is None:
        return [iso3, html.escape(name), "not in our sources", "0", "0", "0", "—"]
    role = row["role"] or "not in our sources"
    latest = row["latest_event"].strip() or "—"
    return [
        iso3,
        html.escape(row["name"] or name),
        html.escape(role),
        str(int(row["events"])),
        str(int(row["options"])),
        str(int(row["sanctions"])),
        html.escape(latest),
    ]


class SharedGeoJSON(dict):
    """GeoJSON that plotly shares instead of copying: never changed once built.

    A plotly figure deep-copies every trace property when it is made and again in `to_dict()`;
    for the world map's 19,000 coordinate pairs that took about 0.2 s a figure, most of the
    cost of building it, on every new revision and colouring. Read it; do not change it.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedGeoJSON:
        return self


def _feature_collection(gdf: gpd.GeoDataFrame) -> SharedGeoJSON:
    """A minimal GeoJSON FeatureCollection (only ``iso3`` in properties, to save bytes).

    Exterior rings are made clockwise: plotly.js draws with d3-geo, which reads a
    counter-clockwise (RFC 7946) ring as "everything except this polygon" and floods the globe.
    """
    oriented = shapely.orient_polygons(gdf.geometry.to_numpy(), exterior_cw=True)
    return SharedGeoJSON(
        type="FeatureCollection",
        features=[
            {
                "type": "Feature",
                "properties": {"iso3": iso3},
                "geometry": json.loads(shapely.to_geojson(geom)),
            }
            for iso3, geom in zip(gdf["iso3"], oriented, strict=True)
            if geom is not None and not geom.is_empty
        ],
    )


def _drawable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The rows of a boundaries frame that have a shape to draw (no empty or missing geometry)."""
    geoms = gdf.geometry.to_numpy()
    return gdf[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]


def _signature(drawable: gpd.GeoDataFrame) -> tuple[tuple[str, int], ...]:
    """(ISO code, number of coordinates) per row: tells levels of detail and sets of countries
    apart in microseconds, so GeoJSON of another level is refused, not drawn (an edit that
    keeps every country's number of points is not noticed)."""
    counts = shapely.get_num_coordinates(drawable.geometry.to_numpy()).tolist()
    return tuple(zip(drawable["iso3"].astype(str).tolist(), counts, strict=True))


@dataclass(frozen=True, eq=False)
class BoundaryGeoJSON:
    """The GeoJSON of every drawable country of one boundaries frame, made once and shared.

    Writing the GeoJSON (orienting rings, converting each shape) was about 16 of the 37 ms of a
    new world figure at world detail (best of 21), paid again for every revision, colouring and
    selection.
    A caller drawing many maps from the same boundaries makes this once (`boundary_geojson`)
    and passes it to `world_map`; figures share its features. Read it; do not change it.
    """

    collection: SharedGeoJSON
    signature: tuple[tuple[str, int], ...]

    def fits(self, boundaries: gpd.GeoDataFrame) -> bool:
        """Whether this was made from ``boundaries`` (their level and countries)."""
        return self.signature == _signature(_drawable(boundaries[["iso3", "geometry"]]))

    def only(self, locations: Sequence[str]) -> SharedGeoJSON:
        """The collection limited to ``locations`` (the same object when nothing is left out);
        features stay in boundaries order and are shared, not copied."""
        features = self.collection["features"]
        wanted = set(locations)
        if all(f["properties"]["iso3"] in wanted for f in features):
            return self.collection
        return SharedGeoJSON(
            type="FeatureCollection",
            features=[f for f in features if f["properties"]["iso3"] in wanted],
        )


def boundary_geojson(boundaries: gpd.GeoDataFrame) -> BoundaryGeoJSON:
    """The GeoJSON of ``boundaries`` (``iso3`` and ``geometry`` columns) for ``world_map``'s
    ``geojson=``: built once per boundaries frame by the caller, reused by every figure drawn
    from that frame (the figure's JSON is byte-identical to one built without it)."""
    drawable = _drawable(boundaries[["iso3", "geometry"]])
    return BoundaryGeoJSON(_feature_collection(drawable), _signature(drawable))


def _outline_coords(geoms: Sequence[shapely.Geometry]) -> tuple[list[Any], list[Any]]:
    """Lon/lat arrays of the rings of ``geoms``, separated by None (for a line trace)."""
    lons: list[Any] = []
    lats: list[Any] = []
    for geom in geoms:
        for ring in shapely.get_rings(shapely.get_parts(geom)):
            coords = shapely.get_coordinates(ring)
            lons.extend([*coords[:, 0].tolist(), None])
            lats.extend([*coords[:, 1].tolist(), None])
    return lons, lats


def _outline_trace(gdf: gpd.GeoDataFrame, iso3s: Sequence[str], width: float) -> go.Scattergeo:
    """A line trace outlining the given countries (small: only their geometry)."""
    wanted = {c.upper() for c in iso3s}
    lons, lats = _outline_coords(list(gdf.loc[gdf["iso3"].isin(wanted)].geometry))
    return go.Scattergeo(
        lon=lons,
        lat=lats,
        mode="lines",
        line={"color": OUTLINE_COLOUR, "width": width},
        hoverinfo="skip",
        showlegend=False,
        name="selected",
    )


def _marker_trace(
    gdf: gpd.GeoDataFrame, figs: pd.DataFrame, steps: Steps, step_by_iso: dict[str, int]
) -> go.Scattergeo | None:
    """Clickable markers for countries too small to click (Hong Kong always, if drawn)."""
    rows = []
    for iso3, name, geom in zip(gdf["iso3"], gdf["name"], gdf.geometry, strict=True):
        if iso3 not in MARKER_POSITIONS and not (iso3 in figs.index and geom.area < SMALL_AREA):
            continue
        if iso3 in MARKER_POSITIONS:
            lon, lat = MARKER_POSITIONS[iso3]
        else:
            point = geom.representative_point()
            lon, lat = round(point.x, 2), round(point.y, 2)
        row = figs.loc[iso3] if iso3 in figs.index else None
        rows.append((iso3, lon, lat, _customdata(iso3, name, row), step_by_iso.get(iso3, 0)))
    if not rows:
        return None
    return go.Scattergeo(
        lon=[r[1] for r in rows],
        lat=[r[2] for r in rows],
        mode="markers",
        marker={
            "size": 9,
            "color": [steps.colours[r[4]] for r in rows],
            "line": {"color": "#333333", "width": 1},
        },
        customdata=[r[3] for r in rows],
        hovertemplate=HOVER_TEMPLATE,
        showlegend=False,
        name="small countries",
    )


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _fit_aspect(
    bounds: tuple[float, float, float, float], aspect: float
) -> tuple[float, float, float, float]:
    """Widen a lon/lat box so that, in Mercator, it is ``aspect`` times wider than tall.

    A fixed-range geo subplot is letterboxed to its box's shape; widening the box (rather than
    leaving bands of empty paper) shows more context around a tall country.
    """
    lon_min, lat_min, lon_max, lat_max = bounds
    width = math.radians(lon_max - lon_min)
    y0, y1 = _mercator_y(lat_min), _mercator_y(lat_max)
    height = y1 - y0
    if width < aspect * height:
        extra = math.degrees(aspect * height - width) / 2
        lon_min, lon_max = lon_min - extra, lon_max + extra
        if lon_min < -180:
            lon_min, lon_max = -180.0, min(180.0, lon_max + (-180 - lon_min))
        if lon_max > 180:
            lon_min, lon_max = max(-180.0, lon_min - (lon_max - 180)), 180.0
    else:
        extra = (width / aspect - height) / 2
        lat_min = max(-80.0, _mercator_lat(y0 - extra))
        lat_max = min(84.0, _mercator_lat(y1 + extra))
    return lon_min, lat_min, lon_max, lat_max


def _geo_layout(**extra: Any) -> dict[str, Any]:
    """``layout.geo`` with every plotly base layer off, so nothing needs plotly's topojson."""
    geo = {
        "showframe": False,
        "showcoastlines": False,
        "showland": False,
        "showocean": False,
        "showlakes": False,
        "showrivers": False,
        "showcountries": False,
        "showsubunits": False,
        "bgcolor": "rgba(0,0,0,0)",
        "lonaxis": {"showgrid": False},
        "lataxis": {"showgrid": False},
    }
    geo.update(extra)
    return geo


def _choropleth(
    shapes: SharedGeoJSON,
    locations: list[str],
    z: list[int],
    custom: list[list[str]],
    steps: Steps,
    border: float,
) -> go.Choropleth:
    """The one choropleth trace: our geometry, a stepped colour scale, hover from customdata."""
    return go.Choropleth(
        geojson=shapes,
        featureidkey="properties.iso3",
        locations=locations,
        z=z,
        zmin=-0.5,
        zmax=len(steps.colours) - 0.5,
        colorscale=_stepped_colorscale(steps.colours),
        colorbar=_colorbar(steps),
        marker={"line": {"color": BORDER_COLOUR, "width": border}},
        customdata=custom,
        hovertemplate=HOVER_TEMPLATE,
        name="countries",
    )


def _world_layout(fig: go.Figure) -> None:
    fig.update_layout(
        geo=_geo_layout(
            projection={"type": "natural earth"},
            fitbounds=False,
            lataxis={"showgrid": False, "range": [-58, 85]},
        ),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=520,
        dragmode="pan",
        uirevision="world-map",
        paper_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"align": "left"},
    )


# --------------------------------------------------------------------------- public API


def world_map(
    figures: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    color_by: ColorBy = "role",
    selected: list[str] | None = None,
    geojson: BoundaryGeoJSON | None = None,
) -> go.Figure:
    """The world choropleth: one trace, stepped colours by role or by counts.

    ``figures`` has one row per country (``iso3, name, role, events, options, sanctions,
    latest_event``); countries of ``boundaries`` without a row are drawn in the neutral step.
    ``selected`` countries get a dark outline. Clicks return the ISO code as ``location``
    (choropleth) or ``customdata[0]`` (small-country markers). ``geojson``, if given, is
    ``boundary_geojson(boundaries)`` made once beforehand (it is most of the cost of a figure);
    GeoJSON made from other boundaries raises ValueError.
    """
    steps = _steps_for(color_by)
    figs = _clean_figures(figures)
    gdf = _drawable(boundaries[["iso3", "name", "geometry"]])
    if geojson is not None and not geojson.fits(gdf):
        raise ValueError("geojson was made from other boundaries than these")
    gdf = gdf[~gdf["iso3"].isin(WORLD_OMIT - set(figs.index))]

    locations, z, custom = [], [], []
    step_by_iso: dict[str, int] = {}
    for iso3, name in zip(gdf["iso3"], gdf["name"], strict=True):
        row = figs.loc[iso3] if iso3 in figs.index else None
        step = _step_of(row, color_by)
        step_by_iso[iso3] = step
        locations.append(iso3)
        z.append(step)
        custom.append(_customdata(iso3, name, row))

    shapes = geojson.only(locations) if geojson is not None else _feature_collection(gdf)
    fig = go.Figure(_choropleth(shapes, locations, z, custom, steps, border=0.4))
    markers = _marker_trace(gdf, figs, steps, step_by_iso)
    if markers is not None:
        fig.add_trace(markers)
    if selected:
        fig.add_trace(_outline_trace(gdf, selected, width=1.6))
    _world_layout(fig)
    return fig


INDICATOR_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"


def indicator_world_map(
    colouring: Colouring,
    boundaries: gpd.GeoDataFrame,
    selected: list[str] | None = None,
    geojson: BoundaryGeoJSON | None = None,
) -> go.Figure:
    """The world choropleth coloured by an indicator (``democdash.indicators.colouring``): the
    same geometry, clicks and small-country markers as ``world_map``; countries without a
    value are grey and their hover says so; the legend's title carries the citation."""
    steps = Steps(f"{colouring.title} ({colouring.citation})", colouring.labels, colouring.colours)
    gdf = _drawable(boundaries[["iso3", "name", "geometry"]])
    if geojson is not None and not geojson.fits(gdf):
        raise ValueError("geojson was made from other boundaries than these")
    gdf = gdf[~gdf["iso3"].isin(WORLD_OMIT)]
    locations = gdf["iso3"].tolist()
    z = [colouring.step(iso3) for iso3 in locations]
    custom = [
        [iso3, html.escape(name), html.escape(colouring.hover(iso3))]
        for iso3, name in zip(locations, gdf["name"], strict=True)
    ]
    shapes = geojson.only(locations) if geojson is not None else _feature_collection(gdf)
    trace = _choropleth(shapes, locations, z, custom, steps, border=0.4)
    trace.hovertemplate = INDICATOR_HOVER
    fig = go.Figure(trace)
    small = gdf[gdf["iso3"].isin(MARKER_POSITIONS)]
    if len(small):
        lon, lat = zip(*(MARKER_POSITIONS[i] for i in small["iso3"]), strict=True)
        fig.add_trace(
            go.Scattergeo(
                lon=list(lon),
                lat=list(lat),
                mode="markers",
                marker={
                    "size": 9,
                    "color": [colouring.colours[colouring.step(i)] for i in small["iso3"]],
                    "line": {"color": "#333333", "width": 1},
                },
                customdata=[custom[locations.index(i)] for i in small["iso3"]],
                hovertemplate=INDICATOR_HOVER,
                showlegend=False,
                name="small countries",
            )
        )
    if selected:
        fig.add_trace(_outline_trace(gdf, selected, width=1.6))
    _world_layout(fig)
    return fig


def region_map(
    figures: pd.DataFrame,
    boundaries_regional: gpd.GeoDataFrame,
    iso3: str,
    neighbours: list[str],
) -> go.Figure:
    """A map zoomed to ``iso3`` and its land neighbours: the country highlighted, neighbours
    shaded (darker when our sources cover them), other countries in view in neutral grey.

    Shapes are clipped to the view (plus a margin), which keeps the figure small even next to
    Russia or China.
    """
    code = iso3.upper()
    figs = _clean_figures(figures)
    gdf = _drawable(boundaries_regional[["iso3", "name", "geometry"]])
    neighbour_set = {n.upper() for n in neighbours} - {code}
    lon_min, lat_min, lon_max, lat_max = region_bounds([code, *sorted(neighbour_set)], gdf)
    lon_min, lat_min, lon_max, lat_max = _fit_aspect(
        (lon_min, max(lat_min, -80.0), lon_max, min(lat_max, 84.0)), REGION_ASPECT
    )
    margin = max(lon_max - lon_min, lat_max - lat_min) * 0.25 + 1.0
    window = shapely.box(lon_min - margin, lat_min - margin, lon_max + margin, lat_max + margin)
    clipped = gdf.geometry.intersection(window)
    keep = ~clipped.is_empty
    geoms = clipped[keep].make_valid().to_numpy()
    span = max(lon_max - lon_min, lat_max - lat_min)
    if span > LARGE_VIEW_DEGREES:
        # a view of half a continent does not need 10 m detail: simplify the clipped coverage
        # as a whole (shared borders stay shared) to keep the figure small
        geoms = shapely.coverage_simplify(geoms, span / LARGE_VIEW_DETAIL)
        geoms = shapely.make_valid(shapely.transform(geoms, lambda xy: xy.round(3)))
    view = gpd.GeoDataFrame(
        {"iso3": gdf["iso3"][keep].to_numpy(), "name": gdf["name"][keep].to_numpy()},
        geometry=geoms,
        crs=gdf.crs,
    )
    view = view[~view.geometry.is_empty]

    steps = Steps(
        "On this map",
        tuple(label for label, _ in REGION_STEPS),
        tuple(colour for _, colour in REGION_STEPS),
    )
    locations, z, custom = [], [], []
    for c, name in zip(view["iso3"], view["name"], strict=True):
        row = figs.loc[c] if c in figs.index else None
        if c == code:
            step = 3
        elif c in neighbour_set:
            step = 2 if row is not None else 1
        else:
            step = 0
        locations.append(c)
        z.append(step)
        custom.append(_customdata(c, name, row))

    fig = go.Figure(_choropleth(_feature_collection(view), locations, z, custom, steps, 0.8))
    fig.add_trace(_outline_trace(view, [code], width=2.0))
    fig.update_layout(
        geo=_geo_layout(
            projection={"type": "mercator"},
            fitbounds=False,
            lonaxis={"showgrid": False, "range": [lon_min, lon_max]},
            lataxis={"showgrid": False, "range": [lat_min, lat_max]},
        ),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=460,
        dragmode="pan",
        uirevision=f"region-map-{code}",
        paper_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"align": "left"},
    )
    return fig


def plotly_config(topojson_url: str = DEFAULT_TOPOJSON_URL) -> dict[str, Any]:
    """The ``config`` for ``st.plotly_chart``: local topojson stubs, no cloud links, no logo.

    plotly.js loads ``topojsonURL + "<scope>_<resolution>m.json"`` (e.g. ``world_110m.json``)
    for every geo map; the default is a CDN. ``static/topojson/`` holds empty stubs of those
    files, served by Streamlit at ``app/static/topojson/`` when
    ``server.enableStaticServing = true``. The URL is relative so it resolves under any
    ``server.baseUrlPath`` and from every page path.
    """
    return {
        "topojsonURL": topojson_url,
        "displaylogo": False,
        "showSendToCloud": False,
        "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    }


def figure_json_size(fig: go.Figure) -> int:
    """Bytes of ``fig.to_json()`` (UTF-8): what the browser receives for the figure."""
    return len(fig.to_json().encode("utf-8"))
