"""A static map of a country and its neighbours as PNG bytes, drawn with GeoPandas/matplotlib.

No browser and no network: matplotlib's Agg backend draws the committed boundaries. Used by the
Word and PDF briefs.
"""

from __future__ import annotations

import io
import math
import textwrap

import geopandas as gpd
import matplotlib
import pandas as pd
import shapely
from matplotlib import patheffects

from democdash import geo

matplotlib.use("Agg", force=False)

FOCUS_COLOUR = "#b2182b"
NEIGHBOUR_COLOUR = "#d9d9d9"
OTHER_COLOUR = "#f4f4f4"
EDGE_COLOUR = "#7f7f7f"
WATER_COLOUR = "#eaf2f8"
#: A focus country smaller than this share of the map gets a ring and an offset label.
SMALL_SHARE = 0.004
LABEL_BOX = {"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.75, "lw": 0}
#: Short names for labels where the boundaries' name is long.
SHORT_NAMES = {
    "RUS": "Russia",
    "USA": "USA",
    "GBR": "UK",
    "HKG": "Hong Kong",
    "CHN": "China",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "COD": "DR Congo",
    "CAF": "Central Afr. Rep.",
    "BIH": "Bosnia and Herz.",
    "MKD": "N. Macedonia",
    "IRN": "Iran",
    "SYR": "Syria",
    "VNM": "Vietnam",
    "TZA": "Tanzania",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
}


def short_name(iso3: str, names: dict[str, str]) -> str:
    """A short label: our table's override, else the given name, else the code."""
    return SHORT_NAMES.get(iso3) or names.get(iso3) or iso3


def _label_point(geometry: shapely.Geometry, window: shapely.Geometry) -> shapely.Point | None:
    """A point inside the part of `geometry` visible in the window (largest visible piece)."""
    visible = shapely.intersection(geometry, window)
    if visible.is_empty:
        return None
    parts = sorted(shapely.get_parts(visible), key=lambda p: p.area, reverse=True)
    return parts[0].representative_point() if parts else None


def region_png(
    iso3: str,
    boundaries_regional_gdf: gpd.GeoDataFrame,
    neighbours: list[str],
    figures: pd.DataFrame | None = None,
    *,
    credit: str | None = None,
    width_in: float = 7.0,
    dpi: int = 150,
) -> bytes:
    """PNG of `iso3` (highlighted) with its land neighbours shaded and labelled.

    Parameters
    ----------
    iso3
        The focus country.
    boundaries_regional_gdf
        Boundaries (columns `iso3`, `name`, `geometry`; `geo.load_boundaries("regional")`).
    neighbours
        The focus country's land neighbours (`geo.neighbours_of(iso3)`).
    figures
        Optional frame with `iso3` and `name` (the store's countries or country figures), whose
        names are preferred for labels.
    credit
        Caption under the map (default: `geo.boundaries_credit()`).
    """
    from matplotlib.figure import Figure  # the object API: no pyplot state, thread-safe

    iso3 = iso3.upper()
    gdf = boundaries_regional_gdf
    if iso3 not in set(gdf["iso3"]):
        raise KeyError(f"no boundaries for {iso3}")
    names = dict(zip(gdf["iso3"], gdf["name"], strict=False))
    if figures is not None and {"iso3", "name"} <= set(figures.columns):
        names.update(dict(zip(figures["iso3"], figures["name"], strict=False)))
    lon0, lat0, lon1, lat1 = geo.region_bounds([iso3, *neighbours], gdf, pad=0.08)
    # Keep a pleasant aspect ratio: widen the box rather than stretch the map.
    mid_lat = (lat0 + lat1) / 2
    x_scale = max(math.cos(math.radians(mid_lat)), 0.2)
    width, height = (lon1 - lon0) * x_scale, lat1 - lat0
    if width < height * 1.3:
        extra = (height * 1.3 - width) / x_scale / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    window = shapely.box(lon0, lat0, lon1, lat1)
    near = gdf[gdf.intersects(window)]

    map_h = width_in * (lat1 - lat0) / ((lon1 - lon0) * x_scale)
    caption = credit if credit is not None else geo.boundaries_credit()
    lines = textwrap.wrap(caption, 150)
    caption_h = 0.12 + 0.11 * len(lines)
    fig = Figure(figsize=(width_in, map_h + caption_h), dpi=dpi)
    total_h = map_h + caption_h
    ax = fig.add_axes((0.0, caption_h / total_h, 1.0, map_h / total_h))
    ax.set_facecolor(WATER_COLOUR)
    colours = [
        FOCUS_COLOUR if c == iso3 else NEIGHBOUR_COLOUR if c in neighbours else OTHER_COLOUR
        for c in near["iso3"]
    ]
    near.plot(ax=ax, color=colours, edgecolor=EDGE_COLOUR, linewidth=0.5)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / x_scale)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor(EDGE_COLOUR)

    for code in [iso3, *neighbours]:
        rows = near[near["iso3"] == code]
        if rows.empty:
            continue
        point = _label_point(rows.geometry.iloc[0], window)
        if point is None:
            continue
        focus = code == iso3
        if focus and rows.geometry.iloc[0].area < SMALL_SHARE * window.area:
            # Too small to hold its label (Hong Kong): a ring, and the label beside it.
            ax.plot(point.x, point.y, "o", ms=16, mfc="none", mec=FOCUS_COLOUR, mew=1.8)
            ax.annotate(
                short_name(code, names),
                (point.x, point.y),
                xytext=(22, -22),
                textcoords="offset points",
                fontsize=11,
                fontweight="bold",
                color=FOCUS_COLOUR,
                bbox=LABEL_BOX,
            )
            continue
        ax.annotate(
            short_name(code, names),
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=11 if focus else 8.5,
            fontweight="bold" if focus else "normal",
            color="white" if focus else "#333333",
            bbox=None if focus else LABEL_BOX,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground=FOCUS_COLOUR)]
            if focus
            else None,
        )
    fig.text(
        0.01,
        (caption_h - 0.06) / total_h,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=5.5,
        color="#444444",
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
