"""Map figure builders in democdash.maps: one stepped choropleth, markers, offline config."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from democdash import geo, maps

REPO_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    return geo.load_boundaries("world")


@pytest.fixture(scope="module")
def regional() -> gpd.GeoDataFrame:
    return geo.load_boundaries("regional")


@pytest.fixture
def figures() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("MMR", "Myanmar", "focus", 25, 8, 3, "coup, Feb 2021"),
            ("BLR", "Belarus", "focus", 12, 5, 4, "election, Aug 2020"),
            ("HKG", "Hong Kong", "secondary", 6, 2, 1, pd.NA),
            ("RUS", "Russia", "secondary", 3, 1, 2, ""),
            ("KAZ", "Kazakhstan", "mentioned", 1, 0, 0, "protests, Jan 2022"),
        ],
        columns=["iso3", "name", "role", "events", "options", "sanctions", "latest_event"],
    )


def _choropleths(fig: go.Figure) -> list[go.Choropleth]:
    return [t for t in fig.data if t.type == "choropleth"]


def _step(fig: go.Figure, iso3: str) -> int:
    trace = _choropleths(fig)[0]
    return trace.z[list(trace.locations).index(iso3)]


def test_world_map_shares_its_geometry_instead_of_copying_it(figures, world):
    # plotly deep-copies trace properties on every figure and to_dict(); the GeoJSON is
    # shared so a map is not paid for twice (and cached figures do not each hold a copy)
    fig = maps.world_map(figures, world)
    first, second = fig.to_dict(), fig.to_dict()
    assert first["data"][0]["geojson"] is second["data"][0]["geojson"]
    assert first["data"][0]["geojson"] is _choropleths(fig)[0].geojson
    # and it serialises as the plain GeoJSON it is
    sent = json.loads(fig.to_json())["data"][0]["geojson"]
    assert sent == json.loads(json.dumps(dict(first["data"][0]["geojson"])))
    assert sent["type"] == "FeatureCollection" and len(sent["features"]) > 200


def test_world_map_is_one_choropleth_over_all_countries(figures, world):
    fig = maps.world_map(figures, world)
    (trace,) = _choropleths(fig)
    assert trace.featureidkey == "properties.iso3"
    drawn = {f["properties"]["iso3"] for f in trace.geojson["features"]}
    assert set(trace.locations) == drawn
    expected = set(world["iso3"]) - maps.WORLD_OMIT
    assert drawn == expected  # countries with no row are drawn too, as the neutral base
    assert fig.layout.geo.projection.type == "natural earth"
    assert fig.layout.uirevision


def test_colour_scale_is_stepped_with_labelled_centres(figures, world):
    fig = maps.world_map(figures, world)
    trace = _choropleths(fig)[0]
    scale = [(float(stop), colour) for stop, colour in trace.colorscale]
    labels = list(trace.colorbar.ticktext)
    assert len(scale) == 2 * len(labels)
    for i in range(len(labels)):
        (start, c0), (end, c1) = scale[2 * i], scale[2 * i + 1]
        assert c0 == c1  # flat step: no blending inside a step
        assert end > start
    assert len({c for _, c in scale}) == len(labels)
    assert list(trace.colorbar.tickvals) == list(range(len(labels)))
    assert trace.zmin == -0.5 and trace.zmax == len(labels) - 0.5
    assert all(isinstance(z, int) and 0 <= z < len(labels) for z in trace.z)


def test_role_colouring(figures, world):
    fig = maps.world_map(figures, world, color_by="role")
    labels = list(_choropleths(fig)[0].colorbar.ticktext)
    assert labels[_step(fig, "MMR")] == "focus"
    assert labels[_step(fig, "RUS")] == "secondary"
    assert labels[_step(fig, "KAZ")] == "mentioned"
    assert _step(fig, "BRA") == 0  # not in the figures: neutral step
    assert "not in" in labels[0]


@pytest.mark.parametrize("column", ["events", "options"])
def test_count_colouring_is_binned_and_titled(figures, world, column):
    fig = maps.world_map(figures, world, color_by=column)
    trace = _choropleths(fig)[0]
    assert f"{column} recorded in our sources" in trace.colorbar.title.text.lower()
    ordered = figures.sort_values(column)
    steps = [_step(fig, iso3) for iso3 in ordered["iso3"]]
    assert steps == sorted(steps)  # more recorded -> same or higher step
    assert _step(fig, "BRA") == 0
    assert steps[-1] > 0


def test_unknown_colour_mode_is_rejected(figures, world):
    with pytest.raises(ValueError):
        maps.world_map(figures, world, color_by="population")  # type: ignore[arg-type]


def test_hong_kong_has_a_clickable_marker(figures, world):
    fig = maps.world_map(figures, world)
    markers = [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers"]
    assert markers
    codes = [row[0] for t in markers for row in t.customdata]
    assert "HKG" in codes
    trace = next(t for t in markers if "HKG" in [row[0] for row in t.customdata])
    i = [row[0] for row in trace.customdata].index("HKG")
    hkg = geo.load_boundaries("regional").set_index("iso3").geometry["HKG"]
    assert hkg.buffer(0.1).contains(shapely.Point(trace.lon[i], trace.lat[i]))


def test_hover_shows_name_role_and_counts(figures, world):
    fig = maps.world_map(figures, world)
    trace = _choropleths(fig)[0]
    for word in ("Role", "Events", "Options", "Sanctions", "Latest event"):
        assert word in trace.hovertemplate
    row = list(trace.customdata[list(trace.locations).index("MMR")])
    mmr = figures.set_index("iso3").loc["MMR"]
    assert mmr["name"] in row
    assert str(mmr["events"]) in row and str(mmr["options"]) in row
    assert mmr["latest_event"] in row
    hkg_row = list(trace.customdata[list(trace.locations).index("HKG")])
    assert "—" in hkg_row  # NA latest event shown as a dash, not "nan" or "<NA>"


def test_selected_countries_get_an_outline(figures, world):
    plain = maps.world_map(figures, world)
    assert not [t for t in plain.data if t.type == "scattergeo" and t.mode == "lines"]
    fig = maps.world_map(figures, world, selected=["BLR"])
    (outline,) = [t for t in fig.data if t.type == "scattergeo" and t.mode == "lines"]
    lons = [x for x in outline.lon if x is not None]
    lats = [y for y in outline.lat if y is not None]
    x0, y0, x1, y1 = world.set_index("iso3").geometry["BLR"].bounds
    assert min(lons) >= x0 - 1e-9 and max(lons) <= x1 + 1e-9
    assert min(lats) >= y0 - 1e-9 and max(lats) <= y1 + 1e-9
    assert len(_choropleths(fig)) == 1


def test_no_base_layer_needs_plotly_topojson(figures, world):
    geo_layout = maps.world_map(figures, world).layout.geo
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert getattr(geo_layout, f"show{layer}") is False, layer
    assert geo_layout.showframe is False


def test_region_map_zooms_and_highlights(figures, regional):
    neighbours = geo.neighbours_of("BLR")
    fig = maps.region_map(figures, regional, "BLR", neighbours)
    (trace,) = _choropleths(fig)
    top = len(trace.colorbar.ticktext) - 1
    assert _step(fig, "BLR") == top
    for n in neighbours:
        assert 0 < _step(fig, n) < top
    lon_range, lat_range = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    x0, y0, x1, y1 = regional.set_index("iso3").geometry["BLR"].bounds
    assert lon_range[0] <= x0 and lon_range[1] >= x1
    assert lat_range[0] <= y0 and lat_range[1] >= y1
    assert lon_range[1] - lon_range[0] < 90
    assert maps.figure_json_size(fig) < maps.figure_json_size(maps.world_map(figures, regional))


def test_plotly_config_points_at_local_topojson_stubs():
    config = maps.plotly_config()
    url = config["topojsonURL"]
    assert not url.startswith(("http:", "https:", "//"))
    assert url.endswith("/")
    assert config["displaylogo"] is False
    assert config.get("showSendToCloud") is False
    # Streamlit serves ./static/ at app/static/: the stub plotly.js asks for must be there
    assert url.startswith("app/static/")
    stub = REPO_DIR / "static" / url.removeprefix("app/static/") / "world_110m.json"
    topology = json.loads(stub.read_text())
    assert topology["type"] == "Topology"
    for name in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert topology["objects"][name]["type"] == "GeometryCollection"


def test_figure_json_size_counts_bytes(figures, world):
    fig = maps.world_map(figures, world)
    assert maps.figure_json_size(fig) == len(fig.to_json().encode("utf-8"))
