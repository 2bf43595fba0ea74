"""Batch intake on the add-article page: several files queued at once (each a draft in the
store, shown with its extracted counts and same-story flag), reviewed one at a time: open, skip
to the next, come back later (the queue survives a reload), save; a stored duplicate refused
with its title and a link to it; a near-duplicate flagged in the review and linked as the same
story on save.

AppTest cannot drive `st.file_uploader`: the files are queued with `ingest.queue.queue_files`,
what the page's upload calls in its worker (the browser test uploads them for real).
The fixture articles (tests/fixtures/batch): a and c are one wire story, b the same detentions
in other words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from democdash.ingest.candidates import ArticleMeta, Existing
from democdash.ingest.queue import queue_files, waiting
from democdash.settings import get_settings
from democdash.store import open_store
from democdash.ui import add_article_view as view

BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "batch"
NAMES = ["a-kyrgyzstan.txt", "b-bishkek-arrests.txt", "c-wire-copy.txt"]
TITLE_A = "Kyrgyzstan detains opposition figures"


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def store():
    return open_store(get_settings())


def queue(*names: str):
    files = [(n, (BATCH / n).read_bytes()) for n in names]
    s = store()
    return queue_files(
        s, "dana", files, ArticleMeta(published="2024-03-10"), Existing.from_store(s)
    )


def click(at, key: str):
    next(b for b in at.button if b.key == key).click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def open_article(at):
    candidates = at.session_state.get(view.CANDIDATES, None)
    return candidates.article.source_file if candidates is not None else None


def texts(at) -> str:
    return " ".join(shown(m.value) for m in [*at.markdown, *at.warning, *at.error, *at.success])


@pytest.fixture(autouse=True)
def editor(monkeypatch):
    monkeypatch.setenv("DEMOCDASH_EDITOR", "dana")


def test_several_files_are_queued_and_reviewed_one_at_a_time(open_app, app_test):
    found = queue(*NAMES)
    assert [q.status for q in found] == ["queued"] * 3
    at = open_app("add-article")
    page = texts(at)
    assert "Your queue: 3 articles waiting for review" in page
    assert f"**{TITLE_A}** · a-kyrgyzstan.txt · 2 events, 2 options proposed" in page
    assert "b-bishkek-arrests.txt · 2 events, 1 option proposed" in page, "a count in words"
    assert f"same story as “{TITLE_A}” (waiting in your queue): 3 of 3 sentences shared" in page, (
        "the near-duplicate is not flagged in the queue"
    )

    keys = [q.key for q in found]
    click(at, f"add_review_{keys[0]}")
    assert open_article(at) == NAMES[0]
    assert "**open below**" in texts(at)
    click(at, "add_skip")  # the next one opens; the first stays queued
    assert open_article(at) == NAMES[1]
    click(at, "add_later")  # closed, still queued
    assert open_article(at) is None
    assert len(waiting(store().drafts("dana"))) == 3

    from streamlit.testing.v1 import AppTest

    fresh = AppTest.from_file(str(app_test._script_path), default_timeout=30)  # a reload
    fresh.run()
    fresh.switch_page("pages/add-article.py")
    fresh.run()
    assert "Your queue: 3 articles waiting for review" in texts(fresh)
    click(fresh, f"add_review_{keys[1]}")
    assert open_article(fresh) == NAMES[1]
    click(fresh, "add_save")
    assert "Saved the article as arrests-in-bishkek-draw-criticism-" in texts(fresh)
    assert "Your queue: 2 articles waiting for review" in texts(fresh)
    assert [d.key for d in waiting(store().drafts("dana"))] == [keys[0], keys[2]]
    assert any(a.source_file == NAMES[1] for a in store().records("articles"))
    click(fresh, f"add_review_{keys[2]}")  # the next one: the last save's message is gone
    assert open_article(fresh) == NAMES[2]
    assert "Saved the article as" not in texts(fresh)


def test_a_near_duplicate_is_flagged_in_review_and_linked_on_save(open_app):
    found = queue(NAMES[0], NAMES[2])
    at = open_app("add-article")
    click(at, f"add_review_{found[0].key}")
    click(at, "add_save")
    original = next(a for a in store().records("articles") if a.source_file == NAMES[0])

    click(at, f"add_review_{found[1].key}")
    warning = " ".join(shown(w.value) for w in at.warning)
    assert f"Near-duplicate: same story as “{TITLE_A}”: 3 of 3 sentences shared" in warning
    click(at, "add_save")
    copy = next(a for a in store().records("articles") if a.source_file == NAMES[2])
    assert copy.same_story_as == original.id


def test_a_stored_article_is_refused_with_a_pointer_to_it(open_app):
    first = queue(NAMES[0])
    at = open_app("add-article")
    click(at, f"add_review_{first[0].key}")
    click(at, "add_save")
    stored = next(a for a in store().records("articles") if a.source_file == NAMES[0])

    again = queue(NAMES[0])
    assert [(q.status, q.duplicate_of) for q in again] == [("duplicate", stored.id)]
    at = open_app("add-article", state={view.BATCH_RESULT: again})
    errors = " ".join(shown(e.value) for e in at.error)
    assert f"a-kyrgyzstan.txt is already stored as “{TITLE_A}” ({stored.id})" in errors
    links = [el for el in at.get("page_link") if "Sources page" in el.proto.label]
    assert links and f"article={stored.id}" in links[0].proto.query_string
    assert waiting(store().drafts("dana")) == []  # nothing queued
