"""The overview's world map in a real browser: drawn offline, clickable, selection kept."""

import re


def test_map_shapes_are_drawn_offline(open_page, screenshot):
    page = open_page("/")
    page.wait_for_selector(".js-plotly-plot .choroplethlayer path")
    assert page.locator(".js-plotly-plot .choroplethlayer path").count() > 150
    assert page.locator(".js-plotly-plot .trace.scattergeo path").count() >= 1  # HKG marker
    screenshot("overview")


def test_clicking_belarus_selects_it_and_a_rerun_keeps_it(open_page, expect_rerun, shape_centre):
    page = open_page("/")
    page.wait_for_selector(".js-plotly-plot .choroplethlayer path")
    target = shape_centre(page, "BLR")
    assert target, "Belarus has no shape on the map"
    with expect_rerun():
        page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"country=BLR"))
    assert page.get_by_role("heading", name="Belarus").count() == 1
    # another rerun (changing the colouring) must not toggle the selection off
    with expect_rerun():
        page.get_by_role("radio", name="Events", exact=True).click()
    assert "country=BLR" in page.url
    assert page.get_by_role("heading", name="Belarus").count() == 1
