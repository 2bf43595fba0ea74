"""V-Dem in a real browser (issue 21): the overview coloured by the electoral index for 2021
shows Myanmar, Belarus and Hong Kong with their values on hover, a year change redraws the
map, Belarus's profile draws the line with our events on it; nothing leaves 127.0.0.1 (the
browser fixtures fail the test on any outside request)."""

import re

SHAPES = "svg[role=img] path[data-iso3]"


def _hover_text(page, shape_centre, iso3: str) -> str:
    target = shape_centre(page, iso3)
    assert target, f"{iso3} has no shape on the map"
    page.mouse.move(target["x"], target["y"])
    tip = page.locator(".dd-tip")
    tip.wait_for(state="visible")
    return tip.inner_text()


def _title(page, iso3: str) -> str:
    return page.locator(f'svg[role=img] [data-iso3="{iso3}"] > title').first.text_content()


def test_the_overview_coloured_by_the_electoral_index(open_page, expect_rerun, shape_centre):
    page = open_page("/?color=indicator&year=2021")
    page.wait_for_selector(SHAPES)
    assert "0.107" in _hover_text(page, shape_centre, "MMR")
    assert "0.173" in _hover_text(page, shape_centre, "BLR")
    assert "Electoral democracy index, 2021: 0.212" in _title(page, "HKG")
    assert "V-Dem v15, coded 2025" in _title(page, "HKG")
    slider = page.get_by_role("slider", name="Year")
    with expect_rerun():
        slider.focus()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"year=2019"))
    page.wait_for_function(
        """() => [...document.querySelectorAll('*')].some(e => e.shadowRoot &&
             e.shadowRoot.querySelector('[data-iso3="MMR"] > title')?.textContent
               .includes('2019: 0.422'))"""
    )


def test_belarus_profile_draws_the_line_with_our_events(open_page):
    page = open_page("/countries?country=BLR&tab=indicators")
    page.wait_for_selector(".js-plotly-plot .scatterlayer")
    names = page.locator(".js-plotly-plot .legendtext").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert "Electoral democracy index" in names
    assert "event in our sources" in names
    assert "68% interval" in names
    assert page.get_by_text("Coppedge, Michael", exact=False).count() >= 1
