"""The shared frame: page config, navigation, coverage line, data problems, the view dates (as
of, since) with their banner, and the sources footer."""

from __future__ import annotations

import base64
import logging
import time
from contextlib import nullcontext
from contextvars import ContextVar
from typing import TYPE_CHECKING

import streamlit as st

from democdash import __version__
from democdash.malloc import fix_mmap_threshold
from democdash.settings import PACKAGE_DIR, REPO_DIR
from democdash.text import counted
from democdash.ui import auth as auth_ui
from democdash.ui import data, heap, per_run, since, viewdates
from democdash.ui import naming as names_ui
from democdash.ui.safe import md

if TYPE_CHECKING:
    import pandas as pd

# Once per server process (a module is imported once), before any data is read: the buffers of
# large frames go back to the system when freed instead of staying resident (democdash.malloc).
fix_mmap_threshold()

PAGES_DIR = REPO_DIR / "pages"
#: What the app is, under its name in the sidebar.
TAGLINE = "Democracy under pressure: events, options and sources"
#: Sources listed by name in the sidebar (beyond this, the latest ones and a link to the rest).
FOOTER_SOURCES = 5
#: A local favicon: a `:material/...:` page icon makes the browser fetch it from a font CDN.
ICON = PACKAGE_DIR / "ui" / "assets" / "icon.png"
#: The favicon as a data URL, read once: given as a file, Streamlit reads, hashes and serves it
#: again on every rerun of every page (0.5 ms, a fifth of an empty page's rerun) and the
#: browser fetches it on every visit; a data URL goes to the page as it is.
ICON_URL = "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")

#: (file in pages/, title, icon, url path); the first is the default page at "/". A page is
#: listed once its file exists. Pages have no icon of their own: Streamlit makes the active
#: page's icon the favicon, and a `:material/...:` one is fetched from a font CDN; without
#: one, the app's local icon (ICON) stays the favicon.
PAGES = [
    ("overview.py", "Overview", None, "overview"),
    ("events.py", "Events", None, "events"),
    ("options.py", "Policy options", None, "options"),
    ("countries.py", "Countries", None, "countries"),
    ("indicators.py", "Indicators", None, "indicators"),
    ("sources.py", "Sources", None, "sources"),
    ("add-article.py", "Add an article", None, "add-article"),
    ("activity.py", "Team activity", None, "activity"),
]


#: Pages that always work on the latest data, whatever the view dates (url paths): adding an
#: article matches what it finds against every stored record.
LATEST_ONLY = frozenset({"add-article"})


def available_pages() -> list[tuple[str, str, str, str]]:
    """The pages whose files exist."""
    return [page for page in PAGES if (PAGES_DIR / page[0]).is_file()]


#: True while `run_app` runs the selected page: the page is inside the frame.
_in_frame: ContextVar[bool] = ContextVar("democdash_in_frame", default=False)


def require_frame() -> None:
    """Called first by every page: make sure it runs inside the app's frame.

    The repo has a `pages/` folder, so a freshly started server runs the page a URL names on
    its own (Streamlit's first multipage mode) until some session has called `st.navigation`
    (AppTest starts every run in that mode). The first visitor of a shared link after a restart
    would get the page without its frame: no page config, navigation, naming control, sign-in.
    Outside the frame this draws the frame, which runs the page inside it, and stops the outer
    run: in the same run, so a click or a form submit that started it is not lost.
    """
    if _in_frame.get():
        return
    run_app()
    st.stop()


#: Where a session keeps its pages (`_pages`).
_PAGES_KEY = "_democdash_pages"


def _pages() -> list:
    """The session's `st.Page`s, made on its first run: making one resolves its file's path
    and checks it exists, about a tenth of an empty page's rerun for each of the eight. A
    page file added later shows to the sessions that start after it."""
    pages = st.session_state.get(_PAGES_KEY)
    if pages is None:
        pages = [
            st.Page(str(PAGES_DIR / file), title=title, icon=icon, url_path=path, default=i == 0)
            for i, (file, title, icon, path) in enumerate(available_pages())
        ]
        st.session_state[_PAGES_KEY] = pages
    return pages


def sidebar_heading() -> str:
    """The sidebar's heading: the app's name, what it is, its coverage and data version, as
    one Markdown (the words under the name as small grey text, as a caption shows them)."""
    line = f"{md(data.coverage().line())} · data version {md(data.data_version())}"
    return f"### democdash\n\n:small[:gray[{TAGLINE}]]\n\n:small[:gray[{line}]]"


def header() -> None:
    """The app's name, what it is, its coverage and data version (one element: it is on every
    page's every rerun, where the name and the words under it were two), and any problem
    found in `data/`."""
    report = data.seed_report()
    st.sidebar.markdown(sidebar_heading())
    if report and report.problems:
        lines = "\n".join(f"- {md(p)}" for p in report.problems[:20])
        st.error(
            "The data files have problems, so the last good data is still shown. "
            f"Fix these and reload:\n{lines}",
            icon=":material/error:",
        )


def banner_text() -> str:
    """What the view dates banner says: what is shown as of the date and how many sources it
    hides, what is marked new since the since date (made once per revision and dates)."""
    dates = data.view()
    parts = []
    if dates.as_of:
        n = len(data.latest_frame("articles")) - len(data.frame("articles"))
        hidden = f"{counted(n, 'source')} hidden" if n else "none of them hidden"
        parts.append(
            f"**As of {dates.as_of_label()}:** showing what our sources had published by then; "
            f"{hidden}. Summaries and titles are our words, written from every source: where a "
            "later source is hidden, the quotes are what was out by then. Clear the date in "
            "the sidebar's panel for the latest."
        )
    if dates.since:
        marked = (
            "nothing can be new before the as-of date"
            if dates.nothing_new
            else f"{since.counts_line(since.the_digest())}, marked {since.BADGES['new']}"
        )
        parts.append(f"**New since {dates.since_label()}:** {marked}.")
    # no text from records here: dates as words, counts and a badge
    return " ".join(parts)


def view_dates_banner(problems: list[str]) -> None:
    """Say which view dates are in force (what is shown, what is marked) and where to change
    them; and what was dropped from the link, if a date was not one. One element: it is on
    every page's every rerun."""
    if problems:
        st.warning(
            md("Ignored in the link: " + "; ".join(problems) + "."), icon=":material/link_off:"
        )
    dates = viewdates.current()
    if viewdates.held() != dates:
        st.caption("This page works on the latest data; the dates set apply to the other pages.")
        return
    if not dates.as_of and not dates.since:
        return
    st.info(data.derived(("view dates banner",), banner_text), icon=":material/history:")


def sidebar_footer() -> None:
    """The sources every figure rests on, with the app's version: one element below a rule
    (it is on every page's every rerun), and a link to the rest past `FOOTER_SOURCES`."""

    def build() -> tuple[str, int]:
        articles = data.frame("articles")
        heading, citations = footer_sources(articles)
        listed = "\n\n".join(md(c) for c in citations)
        return f"---\n\n{heading}\n\n{listed}\n\n", len(articles)

    sources, total = data.derived(("sidebar sources",), build)  # sorted once per revision
    with st.sidebar:
        st.caption(
            f"{sources}democdash {__version__} · statuses as reported in the sources at the time"
        )
        if total > FOOTER_SOURCES:
            st.page_link("pages/sources.py", label=f"All {total:,} sources", icon=":material/list:")


def footer_sources(articles: pd.DataFrame, limit: int = FOOTER_SOURCES) -> tuple[str, list[str]]:
    """The sidebar's sources heading and citations: every source up to `limit`; beyond, the
    `limit` published last, newest first (the oldest of a thousand say little), and the
    heading says so."""
    if len(articles) <= limit:
        return f"**Sources** ({len(articles)})", list(articles["citation"])
    latest = articles.sort_values(
        "published_latest", ascending=False, na_position="last", kind="stable"
    ).head(limit)
    return f"**Sources** ({len(articles):,}; the {limit} latest)", list(latest["citation"])


#: What a page says while the store cannot be reached (the load test looks for its start).
STORE_UNAVAILABLE = (
    "The store is unavailable, retrying every few seconds: nothing was changed, and the page "
    "comes back by itself once the database answers again."
)


def store_unavailable(exc: Exception) -> None:
    """Say the store is unavailable, wait a little, and run the page again."""
    logging.getLogger(__name__).warning("store unavailable, retrying: %s", exc)
    st.warning(STORE_UNAVAILABLE, icon=":material/cloud_off:")
    time.sleep(data.STORE_RETRY_S)
    st.rerun()


def run_app() -> None:
    """Configure the page, draw the frame and run the selected page; while the store cannot be
    reached, say so and retry (a database restart must not leave an error on screen)."""
    st.set_page_config(page_title="democdash", page_icon=ICON_URL, layout="wide")
    nav = st.navigation(_pages())
    try:
        with per_run.one_run():
            _run_page(nav)
    except data.STORE_UNAVAILABLE_ERRORS as exc:
        store_unavailable(exc)
    heap.settle()  # data this run made to last: out of the collector's way (ui/heap.py)


def _run_page(nav) -> None:
    problems = viewdates.sync()  # before any data is read: it sets what every page shows
    latest = viewdates.latest_only() if nav.url_path in LATEST_ONLY else nullcontext()
    with latest, data.one_store_per_run():
        header()
        names_ui.sidebar_control()  # before the page: it sets the names every page shows
        viewdates.sidebar_control()
        auth_ui.sidebar_control()  # editor sign-in / sign-out on a hosted instance
        view_dates_banner(problems)
        inside = _in_frame.set(True)
        try:
            nav.run()
        finally:
            _in_frame.reset(inside)
        sidebar_footer()
