"""Team notes in a real browser: an editor writes a hostile note on an event (a script, an
event handler, an image and a link to an address outside 127.0.0.1); it shows as text, no
script runs, nothing is fetched (the browser fixtures fail the test on any outside request)."""

from __future__ import annotations

import re

HOSTILE = (
    "Check <script>window.__pwned = 1</script> this "
    '<img src="http://203.0.113.9/x.png" onerror="window.__pwned = 2"> '
    "![map](http://203.0.113.9/map.png) [source](http://203.0.113.9/page)"
)


def test_a_hostile_note_is_shown_as_text_and_fetches_nothing(open_page, expect_rerun):
    page = open_page("/events?event=blr-2020-presidential-election")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(re.compile(r"Team notes \(\d+\)")).first.click()
    main.get_by_role("textbox", name="Add a note").fill(HOSTILE)
    with expect_rerun():
        main.get_by_role("button", name="Save the note").click()
    note = main.locator(".team-note").last
    note.wait_for(state="attached")
    if not note.is_visible():  # the rerun closed the expander: open it as the editor would
        main.get_by_text(re.compile(r"Team notes \(\d+\)")).first.click()
    note.wait_for()
    text = note.inner_text()
    assert "<script>" in text and "onerror" in text  # shown as the words typed
    assert "[image not shown: map · http://203.0.113.9/map.png]" in text
    assert "[http://203.0.113.9/page]" in text
    assert note.locator("img, a, script").count() == 0
    assert page.evaluate("window.__pwned === undefined")


def test_the_activity_page_runs_its_notes_tab_when_it_is_opened(
    open_page, expect_rerun, screenshot
):
    page = open_page("/activity")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(re.compile(r"^[\d,]+ changes?$")).wait_for()
    assert main.get_by_role("textbox", name="Search the notes").count() == 0  # not run yet
    with expect_rerun():
        main.get_by_role("tab", name="Team notes").click()
    main.get_by_role("textbox", name="Search the notes").wait_for()
    main.get_by_text(re.compile(r"^\d+ notes?$")).wait_for()
    screenshot("activity-notes")


def test_the_activity_exports_download_one_right_after_the_other(open_page):
    """A download starts no rerun: a rerun renews both buttons' files, and a click on the
    other button before the new ones arrive found no file ("Deferred file ... not found")."""
    import csv
    import io

    from openpyxl import load_workbook

    page = open_page("/activity")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(re.compile(r"^[\d,]+ changes?$")).wait_for()
    with page.expect_download() as first:
        main.get_by_role("button", name="Download CSV").click()
    with page.expect_download() as second:
        main.get_by_role("button", name="Download Excel").click()
    assert first.value.suggested_filename == "democdash-activity.csv"
    assert second.value.suggested_filename == "democdash-activity.xlsx"
    with open(first.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    with open(second.value.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    assert rows and sheet.max_row - 1 == len(rows)  # one header row, the same changes
