"""The options page in a real browser: Belarus's options with their sources, the map drawn,
the comparison reachable, nothing requested from outside 127.0.0.1 (the fixture fails the
test on any outside request or page error)."""

from __future__ import annotations

import re

BLR_OPTION = 'Keep and "significantly expand" sanctions on Belarusian officials'
BLR_QUOTE = "Biden has pledged that he would not only maintain the current sanctions"


def forgive_base_path_probes(page_log) -> None:
    """Opening a page's own address (/options) makes Streamlit's frontend probe
    /options/_stcore/health and /options/_stcore/host-config before it finds the server's
    base path: those two 404s are forgiven, every other console error still fails the test."""
    page_log.console_errors[:] = [
        e for e in page_log.console_errors if not ("404" in e and "/options/_stcore/" in e)
    ]


def test_belarus_options_show_with_their_sources_offline(open_page, page_log, screenshot):
    page = open_page("/options?country=BLR")
    main = page.locator('[data-testid="stMainBlockContainer"]')
    main.get_by_text(BLR_OPTION, exact=True).first.wait_for()
    assert main.get_by_text("Pledged, as of about Nov 2020").first.is_visible()
    quote = main.get_by_text(BLR_QUOTE).first
    quote.scroll_into_view_if_needed()
    assert quote.is_visible(), "the option's source quote is not shown"
    assert main.get_by_text("atlantic", exact=False).count() or main.get_by_text("¶ 5").count(), (
        "no citation with a paragraph number next to the quote"
    )
    # the curated data has 11 options for Belarus; another test on this server may add one
    count = main.get_by_text(re.compile(r"^(\d+) options recorded in our sources")).first
    assert count.is_visible() and int(count.inner_text().split()[0]) >= 11
    # grouped by who would act, the United States' choices first
    header = main.get_by_text(re.compile(r"^Who would act: United States \((\d+)\)$")).first
    assert header.is_visible()
    # the map is drawn (real shapes), shaded by options recorded
    page.wait_for_selector("svg[role=img] path[data-iso3]")
    assert page.locator("svg[role=img] path[data-iso3]").count() > 100
    assert not page_log.outside_requests, page_log.outside_requests
    screenshot("options-blr")
    forgive_base_path_probes(page_log)


def test_compare_two_options_side_by_side(open_page, page_log, screenshot):
    page = open_page(
        "/options?tab=compare&option=opt-blr-expand-sanctions-lukashenko,"
        "opt-blr-maintain-expand-sanctions"
    )
    main = page.locator('[data-testid="stMainBlockContainer"]')
    main.get_by_text("Extend U.S. sanctions to Lukashenko and his closest allies").first.wait_for()
    assert main.get_by_text(BLR_OPTION).first.is_visible()
    assert main.get_by_text("Who would act:").count() == 2
    screenshot("options-compare")
    forgive_base_path_probes(page_log)


def test_the_scenario_files_download_one_right_after_the_other(open_page, page_log):
    """A download starts no rerun, so the next button's file is still there when it is
    clicked at once (a rerun renewed every button's file: "Deferred file ... not found")."""
    import json

    page = open_page("/options?tab=score")
    main = page.locator('[data-testid="stMain"]')
    names = []
    for label in ("Scenario (JSON)", "Scores (CSV)", "Ranking (CSV)", "Ranking (JSON)"):
        with page.expect_download() as info:
            main.get_by_role("button", name=label).click()
        names.append(info.value.suggested_filename)
        if label == "Ranking (JSON)":
            with open(info.value.path(), encoding="utf-8") as file:
                assert json.load(file)  # a whole file, not an error page
    assert [name.rsplit(".", 1)[1] for name in names] == ["json", "csv", "csv", "json"]
    forgive_base_path_probes(page_log)
