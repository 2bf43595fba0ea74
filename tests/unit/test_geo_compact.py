"""geo.compact on the bundled world boundaries: restored small countries do not overlap."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from democdash import geo


@pytest.fixture(scope="module")
def world() -> gpd.GeoDataFrame:
    return geo.load_boundaries("world")


@pytest.fixture(scope="module")
def small(world: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return geo.compact(world)


def _overlaps(gdf: gpd.GeoDataFrame) -> dict[tuple[str, str], float]:
    """Area shared by each pair of intersecting shapes (pairs with a positive area only)."""
    shapes = gdf.geometry.to_numpy()
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    areas = shapely.area(shapely.intersection(shapes[left], shapes[right]))
    codes = gdf["iso3"].to_numpy()
    return {
        (codes[i], codes[j]): float(a) for i, j, a in zip(left, right, areas, strict=True) if a > 0
    }


def test_compact_shapes_overlap_no_more_than_the_world_level(world, small):
    # the world level is the reference: whatever its rounding left, compact may not add to it
    world_overlaps = _overlaps(world)
    world_max = max(world_overlaps.values(), default=0.0)
    compact_overlaps = _overlaps(small)
    worse = {pair: area for pair, area in compact_overlaps.items() if area > world_max}
    assert not worse, f"compact pairs overlapping more than the world level's {world_max}: {worse}"
    assert sum(compact_overlaps.values()) <= sum(world_overlaps.values())


def test_compact_keeps_every_world_country_non_empty(world, small):
    assert set(world["iso3"]) <= set(small["iso3"])
    assert not shapely.is_empty(small.geometry.to_numpy()).any()
    assert shapely.is_valid(small.geometry.to_numpy()).all()
    assert list(small.columns) == list(world.columns)
    assert small.index.equals(world.index)
    assert small.crs == world.crs


def test_restored_hong_kong_still_meets_china(world, small):
    # Hong Kong keeps its world-level shape (too small to simplify); China gives up the area
    # it covers and still shares a border with it, with no overlap
    shapes = small.set_index("iso3").geometry
    assert shapes["HKG"].equals(world.set_index("iso3").geometry["HKG"])
    assert shapes["HKG"].touches(shapes["CHN"])
