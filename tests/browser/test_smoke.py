"""The real app in a real browser: it renders, stays on this machine and raises nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

from PIL import Image


def test_home_page_renders_offline(open_page, page_log, screenshot):
    page = open_page("/")
    assert "democdash" in page.title()
    heading = page.locator('[data-testid="stMainBlockContainer"] h1').first
    assert heading.is_visible(), "the home page shows no heading"
    assert page_log.requests, "no request was recorded: the request log is not wired"
    assert not page_log.outside_requests, page_log.outside_requests
    path = screenshot("home")
    assert path.stat().st_size > 10_000, f"{path} is suspiciously small"


def test_the_favicon_is_the_apps_icon_inline(open_page, page_log):
    """The app's icon is the favicon, as a data URL: no file Streamlit reads, hashes and
    serves again on every rerun, and no request for it on a visit."""
    page = open_page("/")
    icon = page.locator('link[rel~="icon"]').first
    icon.wait_for(state="attached")
    assert icon.get_attribute("href").startswith("data:image/png;base64,")
    served = [url for url in page_log.requests if urlsplit(url).path.startswith("/media/")]
    assert not served, served


def test_every_page_in_navigation_renders(open_page, screenshot):
    links = (
        open_page("/")
        .locator('[data-testid="stSidebarNav"] a')
        .evaluate_all("links => links.map(a => a.href)")
    )
    for path in sorted({urlsplit(href).path for href in links} - {"/"}):
        open_page(path)
        screenshot("page-" + path.strip("/"))


def test_screenshot_shows_a_long_page_to_its_end(open_page, screenshot):
    """Streamlit scrolls inside its main container, so a plain screenshot stops at the
    viewport; the shared helper grows the viewport to the content for the picture."""
    page = open_page("/countries?country=BLR")
    viewport = page.viewport_size
    scale = page.evaluate("window.devicePixelRatio")
    with Image.open(screenshot("countries-blr-full")) as image:
        height = image.height / scale
    assert height > viewport["height"], "the picture stops at the viewport"
    assert page.viewport_size == viewport, "the viewport was not put back"


# The guards themselves, on a page of the server that needs no app run.


def test_outside_request_is_blocked_and_recorded(page, page_log):
    page.goto("/_stcore/health")
    outcome = page.evaluate(
        "() => fetch('http://outside.invalid/probe').then(() => 'loaded', () => 'blocked')"
    )
    assert outcome == "blocked"
    assert page_log.outside_requests == ["http://outside.invalid/probe"]
    page_log.outside_requests.clear()  # forgiven: this test made it on purpose
    page_log.console_errors.clear()  # Chromium logs the blocked fetch


def test_page_error_is_recorded(page, page_log):
    page.goto("/_stcore/health")
    page.evaluate("() => { setTimeout(() => { throw new Error('smoke-boom'); }, 0); }")
    page.wait_for_timeout(200)
    assert any("smoke-boom" in error for error in page_log.page_errors), page_log.page_errors
    page_log.page_errors.clear()  # forgiven: this test made it on purpose


def test_the_overview_links_to_other_pages_show_their_whole_labels(open_page):
    """Issue 20: the overview's links read "Policy opt" and "Country p" when squeezed into
    columns; in a wrapping row each is as wide as its words, at a wide and a narrow window."""
    page = open_page("/?country=BLR")
    for width in (1400, 900):
        page.set_viewport_size({"width": width, "height": 1000})
        links = page.locator('[data-testid="stMain"] [data-testid="stPageLink"]')
        links.first.wait_for()
        labels = links.evaluate_all(
            """links => links.map(l => {
                const text = l.querySelector('[data-testid="stMarkdownContainer"]') || l;
                return [text.innerText, text.scrollWidth <= text.clientWidth + 1];
            })"""
        )
        assert {label for label, _ in labels} >= {"Events", "Policy options", "Country profile"}
        assert all(whole for _, whole in labels), (width, labels)
