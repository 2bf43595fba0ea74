"""The shared frame: page config, navigation, coverage line and sources footer."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from democdash.settings import REPO_DIR

PAGES_DIR = REPO_DIR / "pages"


def _page(file: str, title: str, icon: str, url_path: str | None = None, default: bool = False):
    return st.Page(
        str(PAGES_DIR / file), title=title, icon=icon, url_path=url_path, default=default
    )


def run_app() -> None:
    """Configure the page, draw the frame and run the selected page."""
    st.set_page_config(page_title="democdash", page_icon=":material/public:", layout="wide")
    pages = [
        _page("overview.py", "Overview", ":material/public:", default=True),
    ]
    nav = st.navigation(pages)
    st.sidebar.caption("democdash")
    nav.run()


__all__ = ["run_app", "Path"]
