"""Add an article in a real browser: paste it, extract, accept a candidate with its control,
save, then see the event on /events?country=KGZ (count line and the map's KGZ shape)."""

from __future__ import annotations

import re

ARTICLE = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said.\n\n"
    "The European Union should impose targeted sanctions on the officials responsible for the "
    "arrests, the author argues."
)
KGZ_SHAPE_JS = """
() => [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')]
        .some(p => p.__data__ && p.__data__.loc === 'KGZ')
"""


def test_paste_accept_save_and_see_it_on_events(open_page, expect_rerun, screenshot):
    page = open_page("/")
    page.wait_for_selector(".js-plotly-plot .choroplethlayer path")
    nav = page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Add an article")
    with expect_rerun():  # as a new user would: through the navigation
        nav.click()
    page.get_by_role("heading", name="Add an article").wait_for()
    main = page.locator('[data-testid="stMain"]')
    # Leaving the text area commits it. The rerun that follows shows nothing new and can be
    # too quick to observe (its running and idle states may reach the page in one render), so
    # it is not awaited; the form's submit below carries the committed text in any case.
    main.get_by_role("textbox", name="Article text").fill(ARTICLE)
    main.get_by_role("textbox", name="Title").click()
    main.get_by_role("textbox", name="Title").fill("Kyrgyzstan detains opposition figures")
    main.get_by_role("textbox", name="Published").fill("2024-03-10")
    with expect_rerun():
        main.get_by_role("button", name="Extract candidates").click()
    page.get_by_text(re.compile(r"Found \d+ candidate events")).wait_for()
    screenshot("add-article-review")

    main.get_by_text("1. Crackdown in Kyrgyzstan").wait_for()
    with expect_rerun():  # the first candidate event's own control
        main.get_by_role("radio", name="Accept", exact=True).first.click()
    page.get_by_text(re.compile(r"1 new events")).first.wait_for()
    with expect_rerun():
        main.get_by_role("button", name="Save the article and the accepted records").click()
    success = main.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    assert "Saved the article as kyrgyzstan-detains-opposition-figures-" in success.inner_text()
    screenshot("add-article-saved")

    with expect_rerun():  # the success message links to the country's events
        main.get_by_role("link", name="See its events").click()
    assert "country=KGZ" in page.url
    page.get_by_text(re.compile(r"1 event\s+recorded in our sources match")).wait_for()
    page.get_by_role("tab", name="Map and counts").click()
    page.wait_for_selector(".js-plotly-plot .choroplethlayer path")
    assert page.evaluate(KGZ_SHAPE_JS), "Kyrgyzstan is not drawn on the events map"
    screenshot("add-article-events-kgz")
