"""Every page opens from a deep link as a new visitor would (a fresh browser context each time):
inside the app's frame, with its state kept in the URL, no page error and no request leaving
127.0.0.1 (the `page` fixture fails the test on either). The country profile draws its region
map offline, and a click on a neighbour opens the neighbour's profile."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from democdash.ui.frame import available_pages

#: A deep link per page (url path -> path and query); a page without one here gets
#: `?country=BLR`, so a new page is covered as soon as its file exists.
DEEP_LINKS = {
    "overview": "/?country=BLR&color=events",
    "events": "/events?country=BLR",
    "options": "/options?country=BLR",
    "countries": "/countries?country=BLR&tab=events",
    "sources": "/sources?article=atlantic-2020-belarus-biden&kind=options",
    "add-article": "/add-article",
}
PAGES = [path for _, _, _, path in available_pages()]
SHAPES = "svg[role=img] path[data-iso3]"


def deep_link(url_path: str) -> str:
    return DEEP_LINKS.get(url_path, f"/{url_path}?country=BLR")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("url_path", PAGES)
def test_every_page_renders_from_a_deep_link(open_page, screenshot, in_frame, url_path):
    link = deep_link(url_path)
    page = open_page(link)
    in_frame(page)
    heading = page.locator('[data-testid="stMainBlockContainer"] h1').first
    heading.wait_for()
    assert heading.is_visible()
    assert query_of(page.url) == query_of(link), f"the link's state was not kept: {page.url}"
    screenshot(f"deep-link-{url_path}")


def wait_for_shapes(page, at_least: int = 6) -> None:
    """Wait until the map has drawn real country shapes (not just an empty plot)."""
    page.wait_for_selector(SHAPES)
    assert page.locator(SHAPES).count() >= at_least


def test_country_profile_draws_its_region_map_offline(open_page, screenshot, shape_centre):
    page = open_page("/countries?country=BLR")
    wait_for_shapes(page)
    assert shape_centre(page, "BLR"), "Belarus has no shape on its own map"
    assert page.get_by_role("heading", name="Belarus", exact=True).count() == 1
    screenshot("countries-blr")


def test_clicking_a_neighbour_opens_its_profile(open_page, expect_rerun, shape_centre):
    page = open_page("/countries?country=BLR")
    wait_for_shapes(page)
    target = shape_centre(page, "POL")
    assert target, "Poland has no shape on the Belarus map"
    with expect_rerun():
        page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"country=POL"))
    page.get_by_role("heading", name="Poland", exact=True).wait_for()


def test_naming_setting_travels_in_the_link(open_page):
    page = open_page("/countries?country=MMR&names=burma")
    page.get_by_role("heading", name="Burma", exact=True).wait_for()
    assert query_of(page.url) == {"country": ["MMR"], "names": ["burma"]}
    events = page.locator('[data-testid="stPageLink"] a', has_text="Events").first
    assert query_of(events.get_attribute("href")) == {"country": ["MMR"], "names": ["burma"]}
