"""Maps as SVG made on the server from the GeoPandas geometry (pure functions, no Streamlit).

A map needs no charting library in the browser: the page gets one ``<svg>`` whose paths are
the countries, already projected and coloured. Design choices, each for a reason:

* Equal Earth (EPSG:8857, through pyproj) for every map: areas compare truthfully, which a
  choropleth needs, and a region is a window (``viewBox``) on the same plane as the world.
* Coordinates are quantised: integers of ``unit_m`` metres, written as relative moves
  (``l dx dy``), so the world is about a quarter of its GeoJSON's bytes.
* One ``<path>`` per country with ``data-iso3``, a ``<title>`` (name and value: what a screen
  reader says) and ``tabindex`` (keyboard focus). Neighbours share their borders because the
  boundaries are a coverage (``geo.compact`` keeps them shared when it simplifies).
* Projecting and writing the outlines is most of the work and depends only on the boundaries:
  `outlines` does it once per boundaries frame (the caller keeps the result), and a map of a
  new colouring, selection or zoom is string assembly.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from democdash.geo import region_bounds
from democdash.indicators.colouring import Colouring
from democdash.mapstyle import MARKER_POSITIONS

#: Equal Earth, world (an equal-area projection for world maps).
PROJECTION = "EPSG:8857"
#: Metres per SVG unit on the world map: 3,450 units across the world, about four per pixel
#: on a 900-px map, so a region zoom (a tenth of the world) is still finer than a pixel.
WORLD_UNIT_M = 4_000.0
#: SVG units across a region map's view (its quantisation).
REGION_UNITS = 1_600
#: Antarctica is left off the world map unless selected (bytes and height).
WORLD_OMIT = frozenset({"ATA"})
#: Width / height of a region view.
REGION_ASPECT = 1.6
#: Pixels the map is usually drawn at: sizes of labels, markers and points are set for it
#: (the component rescales them to the real width).
NOMINAL_WIDTH_PX = 900
#: A country whose area at this quantisation is under this many square units gets a marker.
MARKER_BELOW_UNITS2 = 4.0
OUTLINE_COLOUR = "#111111"
BORDER_COLOUR = "#ffffff"
POINT_COLOUR = "#111111"


@dataclass(frozen=True, eq=False)
class Plane:
    """The projected plane of the maps: lon/lat -> SVG units (x right, y down)."""

    unit_m: float = WORLD_UNIT_M
    _transformer: pyproj.Transformer = field(init=False, repr=False)
    _origin: tuple[float, float] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # made with the plane (the caller holds the plane), not cached behind its back
        transformer = pyproj.Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)
        x0, _ = transformer.transform(-180.0, 0.0)
        _, y0 = transformer.transform(0.0, 90.0)
        object.__setattr__(self, "_transformer", transformer)
        object.__setattr__(self, "_origin", (x0, y0))

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """SVG coordinates (floats) of lon/lat arrays."""
        x, y = self._transformer.transform(np.asarray(lon, float), np.asarray(lat, float))
        x0, y0 = self._origin
        return (np.asarray(x) - x0) / self.unit_m, (y0 - np.asarray(y)) / self.unit_m

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """SVG coordinates of one lon/lat pair."""
        x, y = self.xy(np.array([lon]), np.array([lat]))
        return float(x[0]), float(y[0])

    def box(self, bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """The SVG box ``(x, y, width, height)`` holding a lon/lat box (its edges are curves
        in Equal Earth, so they are sampled)."""
        lon0, lat0, lon1, lat1 = bounds
        t = np.linspace(0.0, 1.0, 17)
        lons = np.concatenate([lon0 + (lon1 - lon0) * t, np.full(17, lon0), np.full(17, lon1)])
        lats = np.concatenate([np.full(17, lat0), lat0 + (lat1 - lat0) * t, lat0 + 0 * t])
        lons = np.concatenate([lons, lon0 + (lon1 - lon0) * t])
        lats = np.concatenate([lats, np.full(17, lat1)])
        x, y = self.xy(lons, lats)
        return float(x.min()), float(y.min()), float(x.max() - x.min()), float(y.max() - y.min())


def _ring_path(xy: np.ndarray) -> str:
    """SVG path data of one quantised ring: an absolute move, then relative lines."""
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    xy = xy[keep]
    if len(xy) > 1 and (xy[0] == xy[-1]).all():
        xy = xy[:-1]
    if len(xy) < 3:
        return ""
    steps = np.diff(xy, axis=0).ravel().tolist()
    moves = " ".join(map(str, steps)).replace(" -", "-")
    return f"M{xy[0, 0]} {xy[0, 1]}l{moves}z"


def _path_data(geom: shapely.Geometry, plane: Plane) -> tuple[str, float]:
    """Path data of a (multi)polygon and its area in square units (0 when it vanished)."""
    parts: list[str] = []
    area = 0.0
    for polygon in shapely.get_parts(geom):
        for ring in shapely.get_rings(polygon):
            coords = shapely.get_coordinates(ring)
            x, y = plane.xy(coords[:, 0], coords[:, 1])
            xy = np.column_stack([np.rint(x), np.rint(y)]).astype(np.int64)
            data = _ring_path(xy)
            if data:
                parts.append(data)
                area += 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    return "".join(parts), area


@dataclass(frozen=True, eq=False)
class Outlines:
    """Every country of one boundaries frame, projected and written as SVG path data.

    Made once per boundaries frame by `outlines` and shared by every map drawn from it; read
    it, do not change it.
    """

    plane: Plane
    iso3: tuple[str, ...]
    names: tuple[str, ...]
    paths: tuple[str, ...]
    #: label anchor of each country (its representative point), in SVG units
    anchors: tuple[tuple[float, float], ...]
    #: True where the country is too small to see or click at this quantisation
    tiny: tuple[bool, ...]
    #: the lon/lat geometry, kept for region bounds
    boundaries: gpd.GeoDataFrame = field(repr=False)

    def index(self, iso3: str) -> int | None:
        """Position of a country in the tuples, or None."""
        try:
            return self.iso3.index(iso3)
        except ValueError:
            return None


def outlines(boundaries: gpd.GeoDataFrame, plane: Plane | None = None) -> Outlines:
    """Project and quantise ``boundaries`` (``iso3``, ``name``, ``geometry``; lon/lat).

    Rows without a shape are left out. A country whose shape vanishes when quantised keeps an
    empty path and is marked ``tiny`` (it gets a marker on the map).
    """
    plane = plane or Plane()
    geoms = boundaries.geometry.to_numpy()
    drawable = boundaries[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    codes, names, paths, anchors, tiny = [], [], [], [], []
    for iso3, name, geom in zip(drawable["iso3"], drawable["name"], drawable.geometry, strict=True):
        data, area = _path_data(geom, plane)
        point = geom.representative_point()
        codes.append(str(iso3))
        names.append(str(name))
        paths.append(data)
        anchors.append(plane.point(point.x, point.y))
        tiny.append(area < MARKER_BELOW_UNITS2)
    return Outlines(
        plane,
        tuple(codes),
        tuple(names),
        tuple(paths),
        tuple(anchors),
        tuple(tiny),
        drawable[["iso3", "name", "geometry"]],
    )


@dataclass(frozen=True)
class Point:
    """A place on the map (an event's location): where, and what its title says."""

    lon: float
    lat: float
    title: str
    iso3: str = ""


@dataclass(frozen=True)
class SvgMap:
    """A drawn map: the ``<svg>`` markup, its legend (HTML) and its view boxes."""

    svg: str
    legend: str
    view_box: tuple[float, float, float, float]
    world_box: tuple[float, float, float, float]
    countries: tuple[str, ...]
    #: A short hash of the markup, made once when drawn: the component redraws only when it
    #: changes, and a rerun that hashed 110 KB of SVG each time cost a tenth of a millisecond.
    signature: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        digest = hashlib.blake2b(self.svg.encode("utf-8"), digest_size=8).hexdigest()
        object.__setattr__(self, "signature", digest)

    @property
    def size(self) -> int:
        """Bytes the browser receives for the map (SVG and legend, UTF-8)."""
        return len(self.svg.encode("utf-8")) + len(self.legend.encode("utf-8"))


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}"


def _box_attr(box: tuple[float, float, float, float]) -> str:
    return " ".join(_fmt(v) for v in box)


def _fit(
    box: tuple[float, float, float, float], aspect: float
) -> tuple[float, float, float, float]:
    """``box`` widened (or heightened) about its centre to ``aspect`` width / height."""
    x, y, w, h = box
    if w < aspect * h:
        x -= (aspect * h - w) / 2
        w = aspect * h
    else:
        y -= (w / aspect - h) / 2
        h = w / aspect
    return x, y, w, h


def region_view(
    shapes: Outlines, iso3: str, neighbours: Sequence[str], aspect: float = REGION_ASPECT
) -> tuple[float, float, float, float]:
    """The view box ``(x, y, width, height)`` of a country's region (`geo.region_bounds`:
    the country and the near parts of its neighbours), padded to ``aspect``."""
    bounds = region_bounds([iso3, *neighbours], shapes.boundaries)
    lon0, lat0, lon1, lat1 = bounds
    return _fit(shapes.plane.box((lon0, max(lat0, -85.0), lon1, min(lat1, 85.0))), aspect)


def _world_box(shapes: Outlines, drawn: Sequence[int]) -> tuple[float, float, float, float]:
    geoms = shapes.boundaries.geometry.to_numpy()[list(drawn)]
    lon0, lat0, lon1, lat1 = shapely.total_bounds(geoms) if len(drawn) else (-180, -60, 180, 85)
    x, y, w, h = shapes.plane.box((lon0, lat0, lon1, lat1))
    return x - w * 0.005, y - h * 0.01, w * 1.01, h * 1.02


def legend_html(colouring: Colouring, title: str | None = None) -> str:
    """The legend as HTML: the title (with the citation, if any) and a swatch per step."""
    heading = title or colouring.title
    if colouring.citation:
        heading = f"{heading} ({colouring.citation})"
    items = "".join(
        f'<li><span class="sw" style="background:{html.escape(colour)}"></span>'
        f"{html.escape(label)}</li>"
        for label, colour in zip(colouring.labels, colouring.colours, strict=True)
    )
    return f'<div class="legend"><b>{html.escape(heading)}</b><ul>{items}</ul></div>'


def _style(colouring: Colouring, unit: float) -> str:
    steps = "".join(f".s{i}{{fill:{colour}}}" for i, colour in enumerate(colouring.colours))
    return (
        f"<style>{steps}"
        f"path[data-iso3]{{stroke:{BORDER_COLOUR};stroke-width:0.5;"
        "vector-effect:non-scaling-stroke;stroke-linejoin:round;cursor:pointer}"
        f".sel{{fill:none;stroke:{OUTLINE_COLOUR};stroke-width:1.8;"
        "vector-effect:non-scaling-stroke;pointer-events:none}"
        f".mk{{stroke:#333;stroke-width:1;vector-effect:non-scaling-stroke;cursor:pointer}}"
        ".mk.quiet:not(:hover):not(:focus){opacity:0}"
        f".pt{{fill:{POINT_COLOUR};stroke:#fff;stroke-width:1;vector-effect:non-scaling-stroke}}"
        f".lbl{{font:600 {_fmt(12 * unit)}px sans-serif;fill:#111;stroke:#fff;"
        f"stroke-width:{_fmt(3 * unit)}px;paint-order:stroke;pointer-events:none;"
        "text-anchor:middle}"
        "</style>"
    )


def _title(name: str, line: str) -> str:
    return f"<title>{html.escape(name)}: {html.escape(line)}</title>"


def draw(
    shapes: Outlines,
    colouring: Colouring,
    *,
    selected: Sequence[str] = (),
    view: tuple[float, float, float, float] | None = None,
    labels: Sequence[str] = (),
    points: Sequence[Point] = (),
    markers: Mapping[str, tuple[float, float]] = MARKER_POSITIONS,
    omit: frozenset[str] = WORLD_OMIT,
    label: str = "World map",
    names: Mapping[str, str] | None = None,
) -> SvgMap:
    """The map of ``shapes`` coloured by ``colouring`` as SVG.

    ``selected`` countries are outlined; ``view`` is the view box (the whole map when None:
    `region_view` gives a region's); ``labels`` are countries named on the map (the focus
    countries); ``points`` are places drawn as dots with their titles; ``markers`` place a
    clickable dot on countries too small to click (Hong Kong), as do `Outlines.tiny` ones
    that the colouring colours; a tiny one with no shape left and no colour (Monaco) has a
    marker that shows only on hover or keyboard focus. ``omit`` countries are not drawn
    unless selected. ``names`` (ISO code -> name) override the boundaries' names (the naming
    setting: Myanmar / Burma).
    """
    chosen = {c.upper() for c in selected}
    given = names or {}
    shown_names = [
        given.get(code, name) for code, name in zip(shapes.iso3, shapes.names, strict=True)
    ]
    drawn = [i for i, c in enumerate(shapes.iso3) if c not in omit or c in chosen]
    world = _world_box(shapes, drawn)
    box = view or world
    unit = box[2] / NOMINAL_WIDTH_PX
    body: list[str] = []
    for i in drawn:
        code = shapes.iso3[i]
        if not shapes.paths[i]:
            continue
        step = colouring.step(code)
        body.append(
            f'<path data-iso3="{code}" class="s{step}" tabindex="0" d="{shapes.paths[i]}">'
            f"{_title(shown_names[i], colouring.hover(code))}</path>"
        )
    outline = [
        f'<path class="sel" d="{shapes.paths[i]}"/>'
        for i in drawn
        if shapes.iso3[i] in chosen and shapes.paths[i]
    ]
    dots: list[str] = []
    for i in drawn:
        code = shapes.iso3[i]
        coloured = code in colouring.step_by_country and colouring.step(code) > 0
        if code in markers:
            x, y = shapes.plane.point(*markers[code])
        elif shapes.tiny[i] and (coloured or not shapes.paths[i]):
            x, y = shapes.anchors[i]
        else:
            continue
        # a country too small to draw and not in the colouring (Monaco) keeps its marker for
        # the keyboard, a screen reader and the pointer, unseen until reached
        quiet = " quiet" if code not in markers and not coloured else ""
        dots.append(
            f'<circle data-iso3="{code}" class="mk s{colouring.step(code)}{quiet}" tabindex="0" '
            f'cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(4.5 * unit)}">'
            f"{_title(shown_names[i], colouring.hover(code))}</circle>"
        )
    texts = []
    for code in labels:
        i = shapes.index(code.upper())
        if i is None or i not in drawn:
            continue
        x, y = shapes.anchors[i]
        texts.append(
            f'<text class="lbl" data-for="{shapes.iso3[i]}" x="{_fmt(x)}" y="{_fmt(y)}">'
            f"{html.escape(shown_names[i])}</text>"
        )
    places = []
    for p in points:
        x, y = shapes.plane.point(p.lon, p.lat)
        places.append(
            f'<circle class="pt" tabindex="0" data-place="{html.escape(p.iso3)}" '
            f'cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(3.5 * unit)}">'
            f"<title>{html.escape(p.title)}</title></circle>"
        )
    aria = f"{label}: {colouring.title}" + (
        f" ({colouring.citation})" if colouring.citation else ""
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_box_attr(box)}" '
        f'data-world="{_box_attr(world)}" role="img" aria-label="{html.escape(aria)}" '
        f'preserveAspectRatio="xMidYMid meet">'
        f"{_style(colouring, unit)}"
        f'<g class="countries">{"".join(body)}</g>'
        f'<g class="outline">{"".join(outline)}</g>'
        f'<g class="markers">{"".join(dots)}</g>'
        f'<g class="points">{"".join(places)}</g>'
        f'<g class="labels">{"".join(texts)}</g>'
        "</svg>"
    )
    return SvgMap(svg, legend_html(colouring), box, world, tuple(shapes.iso3[i] for i in drawn))


def region_outlines(
    boundaries: gpd.GeoDataFrame,
    iso3: str,
    neighbours: Sequence[str],
    aspect: float = REGION_ASPECT,
) -> tuple[Outlines, tuple[float, float, float, float]]:
    """Outlines of the countries in view around ``iso3`` (finer boundaries, clipped to the
    view plus a margin, quantised for the view's size) and the view box to draw them in.

    Raises ``KeyError`` when ``iso3`` has no shape.
    """
    code = iso3.upper()
    gdf = boundaries[["iso3", "name", "geometry"]]
    lon0, lat0, lon1, lat1 = region_bounds([code, *[n.upper() for n in neighbours]], gdf)
    coarse = Plane()
    box = _fit(coarse.box((lon0, max(lat0, -85.0), lon1, min(lat1, 85.0))), aspect)
    plane = Plane(unit_m=coarse.unit_m * box[2] / REGION_UNITS)
    span = max(lon1 - lon0, lat1 - lat0)
    margin = span * 0.6 + 1.0
    window = shapely.box(
        lon0 - margin, max(-90, lat0 - margin), lon1 + margin, min(90, lat1 + margin)
    )
    clipped = gdf.geometry.intersection(window)
    keep = ~clipped.is_empty
    view = gpd.GeoDataFrame(
        {"iso3": gdf["iso3"][keep].to_numpy(), "name": gdf["name"][keep].to_numpy()},
        geometry=clipped[keep].make_valid().to_numpy(),
        crs=gdf.crs,
    )
    scale = coarse.unit_m / plane.unit_m
    fine_box = (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)
    return outlines(view, plane), fine_box
