"""GeoJSON made once per boundaries frame (maps.boundary_geojson) and shared by world maps.

A figure drawn with the prebuilt GeoJSON must be the same figure, byte for byte, as one that
writes its own; and it must use the prebuilt features, not write them again.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from democdash import geo, maps


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    return geo.load_boundaries("world")


@pytest.fixture(scope="module")
def compact(world) -> gpd.GeoDataFrame:
    return geo.compact(world)


def _figures(*rows: tuple) -> pd.DataFrame:
    columns = ["iso3", "name", "role", "events", "options", "sanctions", "latest_event"]
    return pd.DataFrame(list(rows), columns=columns)


FIGURES = _figures(
    ("MMR", "Myanmar", "focus", 25, 8, 3, "coup, Feb 2021"),
    ("BLR", "Belarus", "focus", 12, 5, 4, "election, Aug 2020"),
    ("HKG", "Hong Kong", "secondary", 6, 2, 1, pd.NA),
    ("KAZ", "Kazakhstan", "mentioned", 1, 0, 0, "protests <Jan 2022>"),
)
#: Antarctica is left off the world map unless the data mention it.
WITH_ANTARCTICA = pd.concat([FIGURES, _figures(("ATA", "Antarctica", "mentioned", 2, 0, 0, ""))])


@pytest.mark.parametrize("level", ["world", "compact"])
@pytest.mark.parametrize(
    ("figures", "color_by", "selected"),
    [
        (FIGURES, "role", None),
        (FIGURES, "events", ["BLR"]),
        (WITH_ANTARCTICA, "options", ["BLR", "HKG", "ATA"]),
        (FIGURES.iloc[:0], "role", []),
    ],
    ids=["role", "events-selected", "with-antarctica", "no-figures"],
)
def test_prebuilt_geojson_gives_the_same_figure_json(request, level, figures, color_by, selected):
    boundaries = request.getfixturevalue(level)
    prebuilt = maps.boundary_geojson(boundaries)
    fresh = maps.world_map(figures, boundaries, color_by, selected)
    shared = maps.world_map(figures, boundaries, color_by, selected, geojson=prebuilt)
    assert shared.to_json() == fresh.to_json()


def test_figures_share_the_prebuilt_features(world):
    prebuilt = maps.boundary_geojson(world)
    built = {id(f) for f in prebuilt.collection["features"]}

    drawn = maps.world_map(FIGURES, world, geojson=prebuilt).data[0].geojson
    assert drawn["features"], "the world map draws no country"
    assert {id(f) for f in drawn["features"]} <= built
    # Antarctica (not in the data) is left off, as without the prebuilt GeoJSON
    assert "ATA" in {f["properties"]["iso3"] for f in prebuilt.collection["features"]}
    assert "ATA" not in {f["properties"]["iso3"] for f in drawn["features"]}

    # when nothing is left off, the figure holds the prebuilt collection itself
    everything = maps.world_map(WITH_ANTARCTICA, world, geojson=prebuilt).data[0].geojson
    assert everything is prebuilt.collection


def test_countries_without_a_shape_are_left_off_as_before(world):
    holes = world.copy()
    holes.loc[holes["iso3"] == "FRA", "geometry"] = shapely.Polygon()
    holes.loc[holes["iso3"] == "DEU", "geometry"] = None
    prebuilt = maps.boundary_geojson(holes)
    codes = {f["properties"]["iso3"] for f in prebuilt.collection["features"]}
    assert not codes & {"FRA", "DEU"}
    assert "POL" in codes

    shared = maps.world_map(FIGURES, holes, "role", ["FRA"], geojson=prebuilt)
    assert shared.to_json() == maps.world_map(FIGURES, holes, "role", ["FRA"]).to_json()


def test_geojson_of_other_boundaries_is_refused(world, compact):
    # world and compact have the same countries; only their shapes differ
    with pytest.raises(ValueError, match="other boundaries"):
        maps.world_map(FIGURES, compact, geojson=maps.boundary_geojson(world))
