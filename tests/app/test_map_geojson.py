"""The world maps' GeoJSON is made once per boundary level and reused by every new figure."""

from __future__ import annotations

from democdash import maps


def test_a_new_figure_reuses_the_levels_geojson(open_app, monkeypatch):
    made: list[int] = []
    given: list[object] = []
    boundary_geojson, world_map = maps.boundary_geojson, maps.world_map

    def counted(boundaries):
        made.append(len(boundaries))
        return boundary_geojson(boundaries)

    def recorded(*args, **kwargs):
        given.append(kwargs.get("geojson"))
        return world_map(*args, **kwargs)

    monkeypatch.setattr(maps, "boundary_geojson", counted)
    monkeypatch.setattr(maps, "world_map", recorded)

    at = open_app("overview", query={"color": "role"})
    at.session_state["overview_color"] = "events"  # a new colouring: a new figure
    at.run()
    assert not at.exception
    at.query_params["country"] = "BLR"  # a new selection: another new figure
    at.run()
    assert not at.exception

    assert len(given) == 3, "each colouring and selection builds its own figure"
    assert given[0] is not None, "the world map was built without the prebuilt GeoJSON"
    assert all(g is given[0] for g in given), "the GeoJSON was made again for a new figure"
    assert len(made) == 1


def test_each_boundary_level_has_its_own_geojson(open_app, monkeypatch):
    given: list[tuple[int, object]] = []
    world_map = maps.world_map

    def recorded(figures, boundaries, *args, **kwargs):
        coordinates = int(boundaries.geometry.count_coordinates().sum())
        given.append((coordinates, kwargs.get("geojson")))
        return world_map(figures, boundaries, *args, **kwargs)

    monkeypatch.setattr(maps, "world_map", recorded)

    # the app opens on the overview (world level), then the events map (compact level)
    at = open_app("events", query={"country": "BLR", "view": "map"})
    at.session_state["ev_map"] = {"selection": {"points": [{"location": "RUS"}]}}
    at.run()  # a click adds Russia: a new compact figure
    assert not at.exception

    by_level: dict[int, list[object]] = {}
    for coordinates, geojson in given:
        by_level.setdefault(coordinates, []).append(geojson)
    assert len(by_level) == 2, "expected figures at two boundary levels"
    compact, world = (by_level[level] for level in sorted(by_level))
    assert len(compact) == 2, "the click did not build a new events map"
    assert compact[0] is not None and compact[0] is compact[1]
    assert world[0] is not None and world[0] is not compact[0]


def test_a_geojson_that_no_longer_fits_its_boundaries_is_made_again(open_app, monkeypatch):
    # the GeoJSON and the boundaries sit in separate caches, emptied separately: when the
    # boundaries were read again from a changed file, the old GeoJSON must not be drawn
    from democdash.ui import data, mapview

    at = open_app("overview", query={"color": "role"})
    assert not at.exception
    kept = mapview.boundary_geojson("world")
    assert mapview.boundary_geojson("world") is kept
    compact = data.boundaries("compact")
    monkeypatch.setattr(data, "boundaries", lambda level="world": compact)
    remade = mapview.boundary_geojson("world")
    assert remade is not kept and remade.fits(compact)
    assert not kept.fits(compact)
