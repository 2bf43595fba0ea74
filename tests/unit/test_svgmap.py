"""The server-made SVG map: every country drawn, titled, quantised, small; region zoom."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from democdash import geo, mapstyle, svgmap
from democdash.indicators.colouring import Colouring

SVG_NS = "{http://www.w3.org/2000/svg}"
PAYLOAD_BUDGET = 250_000


@pytest.fixture(scope="module")
def world() -> svgmap.Outlines:
    return svgmap.outlines(geo.load_boundaries("world"))


@pytest.fixture(scope="module")
def role_map(world: svgmap.Outlines) -> svgmap.SvgMap:
    figures = _figures()
    colouring = mapstyle.figures_colouring(figures, "role", world.iso3)
    return svgmap.draw(world, colouring, selected=["BLR"], labels=["BLR", "HKG"])


def _figures():
    import pandas as pd

    return pd.DataFrame(
        {
            "iso3": ["BLR", "HKG", "USA"],
            "name": ["Belarus", "Hong Kong", "United States"],
            "role": ["focus", "focus", "secondary"],
            "events": [12, 3, 1],
            "options": [4, 1, 0],
        }
    )


def _tree(m: svgmap.SvgMap) -> ET.Element:
    return ET.fromstring(m.svg)


def _countries(root: ET.Element) -> dict[str, ET.Element]:
    shapes = {}
    for el in root.iter():
        code = el.get("data-iso3")
        if code and el.tag in (f"{SVG_NS}path", f"{SVG_NS}circle"):
            shapes.setdefault(code, el)
    return shapes


def test_every_country_of_the_boundaries_is_drawn_and_clickable(world, role_map):
    root = _tree(role_map)
    drawn = _countries(root)
    expected = set(world.iso3) - svgmap.WORLD_OMIT
    assert expected <= set(drawn), sorted(expected - set(drawn))
    assert "ATA" not in drawn  # Antarctica is left off the world map
    for el in drawn.values():
        assert el.get("tabindex") == "0"


def test_one_path_per_country_with_a_title_naming_it_and_its_value(role_map):
    root = _tree(role_map)
    paths = root.find(f"{SVG_NS}g[@class='countries']").findall(f"{SVG_NS}path")
    codes = [p.get("data-iso3") for p in paths]
    assert len(codes) == len(set(codes))
    by_code = dict(zip(codes, paths, strict=True))
    title = by_code["BLR"].find(f"{SVG_NS}title").text
    assert title.startswith("Belarus: role: focus")
    assert "events: 12" in title
    assert by_code["FRA"].find(f"{SVG_NS}title").text.endswith("not in our sources")
    assert root.get("role") == "img"
    assert "Role in our sources" in root.get("aria-label")


def test_colours_follow_the_colouring_steps(role_map):
    root = _tree(role_map)
    drawn = _countries(root)
    focus = [v for v, _, _ in mapstyle.ROLE_STEPS].index("focus")
    assert f"s{focus}" in drawn["BLR"].get("class")
    assert drawn["FRA"].get("class") == "s0"
    style = root.find(f"{SVG_NS}style").text
    assert f".s{focus}{{fill:{mapstyle.ROLE_STEPS[focus][2]}}}" in style


def test_coordinates_are_quantised_integers(role_map):
    root = _tree(role_map)
    for path in root.iter(f"{SVG_NS}path"):
        d = path.get("d")
        numbers = re.findall(r"-?[\d.]+", d)
        assert numbers and all("." not in n for n in numbers), d[:80]
        assert set(re.sub(r"[-\d ]", "", d)) <= {"M", "l", "z"}


def test_world_map_payload_is_within_budget(role_map):
    assert role_map.size <= PAYLOAD_BUDGET


def test_hong_kong_has_a_clickable_marker(role_map):
    root = _tree(role_map)
    markers = root.find(f"{SVG_NS}g[@class='markers']")
    hkg = [c for c in markers if c.get("data-iso3") == "HKG"]
    assert len(hkg) == 1
    assert "Hong Kong" in hkg[0].find(f"{SVG_NS}title").text
    assert "quiet" not in hkg[0].get("class")


def test_a_country_too_small_to_draw_and_not_coloured_has_an_unseen_marker(world, role_map):
    """Monaco vanishes when quantised: its marker stays for the keyboard and a screen reader,
    but a grey dot off the coast of France on the world map said nothing to a reader."""
    assert world.tiny[world.index("MCO")] and not world.paths[world.index("MCO")]
    root = _tree(role_map)
    markers = {c.get("data-iso3"): c for c in root.find(f"{SVG_NS}g[@class='markers']")}
    assert "quiet" in markers["MCO"].get("class").split()
    assert markers["MCO"].get("tabindex") == "0"
    assert ".mk.quiet:not(:hover):not(:focus){opacity:0}" in root.find(f"{SVG_NS}style").text


def test_focus_countries_are_labelled_and_the_selection_outlined(role_map):
    root = _tree(role_map)
    labels = [(t.text, t.get("data-for")) for t in root.find(f"{SVG_NS}g[@class='labels']")]
    # each label names its country's code: the map's script places it beside a small one
    assert labels == [("Belarus", "BLR"), ("Hong Kong", "HKG")]
    outline = root.find(f"{SVG_NS}g[@class='outline']")
    assert len(outline) == 1


def test_region_view_frames_the_selected_country(world):
    view = svgmap.region_view(world, "BLR", geo.neighbours_of("BLR"))
    x, y, w, h = view
    full = svgmap.draw(world, _colouring(world)).world_box
    assert w < full[2] / 5  # a region, not the world
    assert w / h == pytest.approx(svgmap.REGION_ASPECT)
    # Minsk and the whole of Belarus are inside the view
    for lon, lat in [(27.56, 53.9), (23.2, 51.3), (32.7, 56.1)]:
        px, py = world.plane.point(lon, lat)
        assert x <= px <= x + w and y <= py <= y + h
    m = svgmap.draw(world, _colouring(world), view=view)
    assert _tree(m).get("viewBox") == " ".join(svgmap._fmt(v) for v in view)


def test_region_outlines_are_clipped_and_finer(world):
    shapes, box = svgmap.region_outlines(
        geo.load_boundaries("regional"), "BLR", geo.neighbours_of("BLR")
    )
    assert {"BLR", "POL", "UKR", "RUS", "LTU", "LVA"} <= set(shapes.iso3)
    assert "USA" not in shapes.iso3
    assert shapes.plane.unit_m < world.plane.unit_m / 2
    assert box[2] == pytest.approx(svgmap.REGION_UNITS)
    colouring = mapstyle.region_colouring(None, "BLR", geo.neighbours_of("BLR"), shapes.iso3)
    m = svgmap.draw(shapes, colouring, selected=["BLR"], view=box, omit=frozenset())
    assert 'data-iso3="BLR" class="s3"' in m.svg
    assert 'data-iso3="POL" class="s1"' in m.svg


def test_indicator_colouring_draws_with_its_citation(world):
    colouring = Colouring(
        "Electoral democracy, 2021",
        ("no value", "low", "high"),
        ("#bdbdbd", "#eff3ff", "#08519c"),
        {"BLR": 1, "FRA": 2},
        {"BLR": "0.12", "FRA": "0.85"},
        "V-Dem v15",
    )
    m = svgmap.draw(world, colouring)
    assert "Electoral democracy, 2021 (V-Dem v15)" in m.legend
    assert "<title>France: 0.85</title>" in m.svg
    assert "<title>Chad: no value in this file · V-Dem v15</title>" in m.svg


def test_names_and_titles_are_escaped(world):
    colouring = Colouring("<b>x</b>", ("a",), ("#fff",), {}, {"BLR": "<script>"}, "")
    m = svgmap.draw(world, colouring)
    assert "<script>" not in m.svg and "<b>x</b>" not in m.legend
    ET.fromstring(m.svg)  # still well-formed


def _colouring(world: svgmap.Outlines) -> Colouring:
    return mapstyle.figures_colouring(None, "events", world.iso3)


def test_the_signature_is_made_when_drawn_and_changes_with_the_markup(world, role_map):
    again = svgmap.draw(
        world,
        mapstyle.figures_colouring(_figures(), "role", world.iso3),
        selected=["BLR"],
        labels=["BLR", "HKG"],
    )
    other = svgmap.draw(
        world,
        mapstyle.figures_colouring(_figures(), "role", world.iso3),
        selected=["USA"],
        labels=["BLR", "HKG"],
    )
    # the component redraws the map only when the signature it is sent changes
    assert role_map.signature == again.signature
    assert other.svg != role_map.svg and other.signature != role_map.signature
    assert len(role_map.signature) == 16
