"""The app starts from its entry point, and every page in `pages/` is in the navigation and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
PAGE_FILES = sorted(p.name for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_"))


def test_home_page_runs_and_shows_a_title(open_app):
    at = open_app()
    assert at.title, "the default page shows no st.title heading"
    assert at.main.children, "the default page's main area is empty"


def test_there_are_pages():
    assert PAGE_FILES, f"no page files in {PAGES_DIR}"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_is_in_navigation_and_runs(open_app, page):
    # switch_page raises ValueError when st.navigation did not register this file.
    at = open_app(f"pages/{page}")
    assert at.main.children, f"pages/{page} shows nothing in the main area"


def test_a_session_makes_its_pages_once(open_app, monkeypatch):
    import streamlit as st

    from democdash.ui import frame

    made: list[str] = []
    real = st.Page

    def counted(page, **kwargs):
        made.append(str(page))
        return real(page, **kwargs)

    monkeypatch.setattr(frame.st, "Page", counted)
    at = open_app()
    at.run()
    at.run()
    assert len(made) == len(frame.available_pages())  # the first run only
    assert [p.title for p in at.session_state[frame._PAGES_KEY]] == [
        title for _, title, _, _ in frame.available_pages()
    ]


def test_the_sidebar_sources_are_made_once_per_revision(open_app, monkeypatch):
    """The sidebar's sources are on every page's every rerun: sorted and worded once."""
    from democdash.ui import frame

    made: list[int] = []
    real = frame.footer_sources

    def counted(articles, *args, **kwargs):
        made.append(len(articles))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(frame, "footer_sources", counted)
    at = open_app()
    at.run()
    at.run()
    assert len(made) == 1
    assert any("Sources" in c.value for c in at.sidebar.caption)
