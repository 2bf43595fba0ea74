"""The events page in a real browser: Belarus only, map and timeline drawn offline, a map click
toggles a country, and the Excel download carries its sources and share link."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from democdash import filters
from democdash.store import open_store

MAP_PATHS = "svg[role=img] path[data-iso3]"
TIMELINE_BARS = ".js-plotly-plot .barlayer .point path"
TIMELINE_LANES = ".js-plotly-plot .yaxislayer-above .ytick text"


def forgive_base_path_probes(page_log) -> None:
    """Streamlit's frontend, opened at a page path (/events), first probes
    /events/_stcore/health and /events/_stcore/host-config to find its base path; the 404s
    it logs are its own, not the page's. Any other console error still fails the test."""
    page_log.console_errors[:] = [
        e
        for e in page_log.console_errors
        if not re.search(r"404 .*/events/_stcore/(health|host-config)\)$", e)
    ]


def chosen_countries(page) -> list[str]:
    """The country chips of the filter (the first multiselect)."""
    tags = page.locator('[data-testid="stMultiSelect"]').first
    text = tags.locator('[data-testid="stMultiSelectTagsContainer"]').inner_text()
    return [line.strip() for line in text.splitlines() if line.strip()]


def expected_count(**kwargs) -> int:
    store = open_store()
    return len(
        filters.filter_events(
            store.frame("events"),
            filters.EventFilter(**kwargs),
            articles=store.frame("articles"),
            actors=store.frame("actors"),
            countries=store.frame("countries"),
        )
    )


def test_belarus_link_shows_only_belarus_with_map_and_timeline(open_page, page_log, screenshot):
    page = open_page("/events?country=BLR&view=map")
    page.wait_for_selector(MAP_PATHS)
    assert page.locator(MAP_PATHS).count() > 150
    page.get_by_role("tab", name="Timeline").click()  # only the open tab runs: a rerun
    page.wait_for_selector(TIMELINE_BARS)
    page.wait_for_function("() => /[?&]view=timeline/.test(location.href)")
    lanes = set(page.locator(TIMELINE_LANES).evaluate_all("els => els.map(e => e.textContent)"))
    assert lanes == {"Belarus", "Belarus · undated"}, lanes
    n = expected_count(countries=["BLR"])
    assert page.get_by_text(re.compile(rf"^{n} events$")).count() == 1
    assert chosen_countries(page) == ["Belarus"]
    assert not page_log.outside_requests, page_log.outside_requests
    screenshot("events-blr")
    forgive_base_path_probes(page_log)


def test_map_click_adds_a_country_to_the_filter(open_page, expect_rerun, page_log, shape_centre):
    page = open_page("/events?country=BLR&view=map")
    page.wait_for_selector(MAP_PATHS)
    target = shape_centre(page, "UKR")
    assert target, "Ukraine has no shape on the map"
    with expect_rerun():
        page.mouse.click(target["x"], target["y"])
    page.wait_for_function("() => /country=BLR(%2C|,)UKR/.test(location.href)")
    page.get_by_text("Ukraine", exact=True).first.wait_for()
    assert chosen_countries(page) == ["Belarus", "Ukraine"]
    forgive_base_path_probes(page_log)


def test_excel_download_has_sources_and_the_share_link(open_page, page_log):
    page = open_page("/events?country=BLR&from=2020-08")
    page.get_by_role("button", name="Download", exact=True).click()  # reruns, opens the menu
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel with sources").click()
    download = info.value
    assert re.fullmatch(
        r"democdash-events-BLR-\d{4}-\d{2}-\d{2}\.xlsx", download.suggested_filename
    )
    with open(download.path(), "rb") as file:
        wb = load_workbook(io.BytesIO(file.read()))
    assert wb.sheetnames == ["Events", "Sources", "Citations", "About"]
    assert wb["Events"].max_row - 1 == expected_count(
        countries=["BLR"], start=filters.period_bounds("2020-08")[0]
    )
    header = [c.value for c in wb["Sources"][1]]
    quotes = [row[header.index("quote")] for row in wb["Sources"].iter_rows(2, values_only=True)]
    assert quotes and all(quotes)
    about = dict(wb["About"].iter_rows(2, values_only=True))
    assert re.search(r"/events\?.*country=BLR", about["Share link"])
    assert "from=2020-08-01" in about["Share link"]
    forgive_base_path_probes(page_log)


def test_a_copied_events_link_reopens_the_timeline_in_a_fresh_context(
    open_page, page_log, browser, streamlit_server
):
    page = open_page("/events?country=BLR")
    page.get_by_role("tab", name="Timeline").click()
    page.wait_for_selector(TIMELINE_BARS)
    page.wait_for_function("() => /[?&]view=timeline/.test(location.href)")
    page.get_by_role("button", name=re.compile("Share this view")).click()  # reruns, opens
    code = page.locator('[data-testid="stPopoverBody"] code', has_text="view=").first
    code.wait_for()
    link = code.inner_text().strip()
    assert "view=timeline" in link and "country=BLR" in link, link
    fresh = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        other = fresh.new_page()
        other.goto(link, wait_until="domcontentloaded")
        other.wait_for_selector(TIMELINE_BARS, timeout=60_000)
        assert other.get_by_role("tab", name="Timeline").get_attribute("aria-selected") == "true"
    finally:
        fresh.close()
    forgive_base_path_probes(page_log)
