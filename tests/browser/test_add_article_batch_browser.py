"""Batch intake in a real browser: three files uploaded in one go (two reporting the same
arrests, one a wire copy of another), extracted with a progress bar into the queue, then
walked: open one, skip to the next, come back later, save, and the wire copy flagged as the
same story in its review and saved linked to it."""

from __future__ import annotations

import re

# Our own test texts, unique to this test (the server's store is shared by the session).
ORIGINAL = (
    "Armenian police detain protest organisers\n\n"
    "Police in Armenia detained nine organisers of the Yerevan rallies on June 12, 2024, "
    "their party said in a statement.\n\n"
    "Thousands of people marched to the government building the next evening, demanding the "
    "release of the nine organisers.\n\n"
    "The Council of Europe should send observers to the trials of the organisers, the author "
    "argues."
)
OTHER = (
    "Yerevan arrests alarm rights groups\n\n"
    "Nine rally organisers were taken into custody by Armenian police on June 12, 2024, their "
    "party reported.\n\n"
    "Rights groups in Yerevan said the arrests were meant to discourage further marches."
)
COPY = ORIGINAL.replace(
    "Armenian police detain protest organisers", "Rally organisers held in Armenia"
)


def test_three_files_uploaded_at_once_are_queued_and_walked(
    queue_files, open_queued, expect_rerun, screenshot
):
    page = queue_files(
        {"armenia.txt": ORIGINAL, "yerevan.txt": OTHER, "copy.txt": COPY}, "2024-06-14"
    )
    main = page.locator('[data-testid="stMain"]')
    queue = main.locator(".st-key-add_queue")
    for title in (
        "Armenian police detain protest organisers",
        "Yerevan arrests alarm rights groups",
        "Rally organisers held in Armenia",
    ):
        queue.get_by_text(title).first.wait_for()
    queue.get_by_text(
        re.compile(r"same story as “Armenian police detain protest organisers”.*3 of 3 sentences")
    ).wait_for()
    screenshot("add-article-queue")

    open_queued("Armenian police detain protest organisers")
    with expect_rerun():  # skip: the next one in the queue opens
        main.get_by_role("button", name="Skip (next in the queue)").click()
    main.get_by_text(re.compile(r"Title:\s*Yerevan arrests alarm rights groups")).wait_for()
    with expect_rerun():  # come back later: closed, still queued
        main.get_by_role("button", name="Come back later").click()
    page.get_by_role("heading", name="Review").wait_for(state="detached")
    queue.get_by_text("Yerevan arrests alarm rights groups").first.wait_for()

    open_queued("Armenian police detain protest organisers")
    with expect_rerun():
        main.get_by_role("button", name="Save the article and the accepted records").click()
    main.locator('[data-testid="stAlertContentSuccess"]').filter(
        has_text="Saved the article as armenian-police-detain-protest-organisers-"
    ).wait_for()

    open_queued("Rally organisers held in Armenia")
    main.get_by_text(
        re.compile(
            r"Near-duplicate: same story as “Armenian police detain protest organisers”: "
            r"3 of 3 sentences shared"
        )
    ).wait_for()
    screenshot("add-article-near-duplicate")
    with expect_rerun():
        main.get_by_role("button", name="Save the article and the accepted records").click()
    main.locator('[data-testid="stAlertContentSuccess"]').filter(
        has_text="Saved the article as rally-organisers-held-in-armenia-"
    ).wait_for()
    queue.get_by_text("Yerevan arrests alarm rights groups").first.wait_for()
    # the saved copy leaves the queue once the page has redrawn it
    queue.get_by_text("Rally organisers held in Armenia").first.wait_for(state="detached")
