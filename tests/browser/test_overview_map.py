"""The overview's SVG world map in a real browser: drawn offline with every country, a click
or the keyboard selects, hover shows the value, the region zoom follows ?country=, an event
with a place shows as a point; the selection survives a rerun."""

import re

from democdash import geo
from tests.browser.conftest import DEEP_QUERY_JS

SHAPES = "svg[role=img] path[data-iso3]"
MAP = "svg[role=img]"
#: The ISO code of the focused country (focus inside the map component's shadow root), or null.
FOCUSED_COUNTRY_JS = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a && a.dataset ? a.dataset.iso3 || null : null;
}"""


#: A country's box on screen on the first SVG map: its marker's when it has one (Hong Kong).
SHAPE_BOX_JS = (
    "code => {"
    + DEEP_QUERY_JS
    + """
  const shape = deepQuery(`svg[role=img] circle.mk[data-iso3="${code}"]`)[0] ||
    deepQuery(`svg[role=img] path[data-iso3="${code}"]`)[0];
  const r = shape.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
}
"""
)


def _map(page):
    page.wait_for_selector(SHAPES)
    return page.locator(MAP).first


def test_the_svg_map_draws_offline_with_every_country(open_page, screenshot):
    page = open_page("/")
    _map(page)
    drawn = set(
        page.locator("svg[role=img] [data-iso3]").evaluate_all(
            "els => els.map(e => e.dataset.iso3)"
        )
    )
    expected = set(geo.load_boundaries("world")["iso3"]) - {"ATA"}
    assert expected <= drawn, sorted(expected - drawn)
    assert page.locator('svg[role=img] circle.mk[data-iso3="HKG"]').count() == 1
    # Monaco, too small to draw and not in the sources, is reached but not seen
    monaco = page.locator('svg[role=img] circle.mk[data-iso3="MCO"]')
    assert monaco.evaluate("e => getComputedStyle(e).opacity") == "0"
    assert (
        page.locator('svg[role=img] circle.mk[data-iso3="HKG"]').evaluate(
            "e => getComputedStyle(e).opacity"
        )
        == "1"
    )
    assert page.locator(".js-plotly-plot").count() == 0  # no charting library for a map
    screenshot("overview")


def test_the_country_labels_do_not_cover_each_other(open_page, map_labels):
    """At world zoom Hong Kong's label met Myanmar's; a label moves below one it would cover."""
    page = open_page("/")
    _map(page)
    labels = map_labels(page)
    assert {"Belarus", "Myanmar", "Hong Kong SAR (China)"} <= {text for text, _ in labels}
    overlapping = [
        (a, b)
        for i, (a, (left, top, right, bottom)) in enumerate(labels)
        for b, (l2, t2, r2, b2) in labels[i + 1 :]
        if left < r2 and l2 < right and top < b2 and t2 < bottom
    ]
    assert overlapping == []


def test_a_label_wider_than_its_country_stands_above_it(open_page, map_labels):
    """At world zoom "Belarus" was written across Belarus and its white halo hid the focus
    country; a label wider than its country (or than Hong Kong's marker) stands just above it,
    and one as narrow as its country (Russia) stays on it."""
    page = open_page("/")
    _map(page)
    labels = dict(map_labels(page))
    for name, code in [("Belarus", "BLR"), ("Hong Kong SAR (China)", "HKG")]:
        shape = page.evaluate(SHAPE_BOX_JS, code)
        left, top, right, bottom = labels[name]
        assert right - left > shape["right"] - shape["left"], name  # wider than the country
        assert bottom <= shape["top"] + 0.5, (name, labels[name], shape)
    russia = page.evaluate(SHAPE_BOX_JS, "RUS")
    left, top, right, bottom = labels["Russia"]
    assert russia["top"] < top and bottom < russia["bottom"]


def test_clicking_belarus_selects_it_and_a_rerun_keeps_it(open_page, expect_rerun, shape_centre):
    page = open_page("/")
    _map(page)
    target = shape_centre(page, "BLR")
    assert target, "Belarus has no shape on the map"
    with expect_rerun():
        page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"country=BLR"))
    page.get_by_role("heading", name="Belarus").wait_for()  # the run after the URL's change
    assert page.get_by_role("heading", name="Belarus").count() == 1
    # another rerun (changing the colouring) must not toggle the selection off
    with expect_rerun():
        page.get_by_role("radio", name="Events", exact=True).click()
    assert "country=BLR" in page.url
    assert page.get_by_role("heading", name="Belarus").count() == 1


def test_hover_shows_the_country_and_its_value(open_page, shape_centre):
    page = open_page("/")
    _map(page)
    target = shape_centre(page, "BLR")
    page.mouse.move(target["x"], target["y"])
    tip = page.locator(".dd-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Belarus: role: focus")
    assert "events:" in tip.inner_text()


def test_the_keyboard_reaches_a_country_and_enter_selects_it(open_page, expect_rerun):
    page = open_page("/")
    _map(page)
    # Tab from the element before the map (the colouring control) into the map
    page.get_by_role("radio", name="Role", exact=True).focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_COUNTRY_JS)
        if focused:
            break
    assert focused, "Tab never reached a country on the map"
    assert page.locator(".dd-tip").inner_text().split(":")[0]  # focus shows its name too
    with expect_rerun():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"country={focused}"))


def test_the_region_zoom_follows_the_country_in_the_link(open_page):
    page = open_page("/?country=BLR")
    svg = _map(page)
    view = [float(v) for v in svg.get_attribute("viewBox").split()]
    world = [float(v) for v in svg.get_attribute("data-world").split()]
    assert view[2] < world[2] / 5
    box = page.locator('svg[role=img] path[data-iso3="BLR"]').evaluate(
        "p => { const b = p.getBBox(); return [b.x, b.y, b.width, b.height]; }"
    )
    assert view[0] <= box[0] and box[0] + box[2] <= view[0] + view[2]
    assert view[1] <= box[1] and box[1] + box[3] <= view[1] + view[3]
    page.get_by_role("button", name="Show the whole world").click()
    assert svg.get_attribute("viewBox") == svg.get_attribute("data-world")
