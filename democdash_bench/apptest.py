"""Warm rerun times of the app's pages and of the reference apps, with Streamlit's AppTest.

A page is opened as a URL would open it (the real `app.py`, `switch_page`, typical query
parameters), run once to warm the caches, then rerun `runs` times; each rerun is timed on the
wall clock and on process CPU time (which other load on the machine does not inflate). A full
garbage collection runs before each timed rerun: at scale, one collection takes 0.1-0.3 s and
would otherwise land on whichever page happened to trigger it (the map-only reference measured
70-250 ms from one rerun to the next without it).

Every run is made as a running server makes it (`server_like_pages`): AppTest starts each run as
a freshly started server does before any session has called `st.navigation` (it resets
`PagesManager.uses_pages_directory`), so for an app with a `pages/` folder every AppTest run
first builds Streamlit's old folder-based page list (a glob, a `Page` per file) and navigates
twice. A server does that only for the first run after it starts. Measured on the bundled data,
that harness work was 0.7 ms a rerun, a third of the empty page's whole rerun. AppTest also
makes a new script cache for every run, so every run compiled `app.py` and the page's file
again; a server keeps one cache and compiles a script once. The runs share one cache here
(measured on the bundled data: the options page's rerun was about 0.5 ms of compiling).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import streamlit.testing.v1.app_test as app_test_module
import streamlit.testing.v1.local_script_runner as local_runner_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from democdash.settings import REPO_DIR
from democdash_bench.results import WARM_RUNS, Timing

APP_PATH = REPO_DIR / "app.py"
APPS_DIR = Path(__file__).resolve().parent / "apps"
EMPTY_APP = APPS_DIR / "empty.py"
ONE_LINE_APP = APPS_DIR / "one_line.py"
MAP_ONLY_APP = APPS_DIR / "map_only.py"
PLOTLY_ONLY_APP = APPS_DIR / "plotly_only.py"

#: The query parameters a page is typically opened with (a country selected), by url path.
TYPICAL_QUERY: dict[str, dict[str, str]] = {
    "overview": {"country": "BLR"},
    "events": {"country": "BLR"},
    "options": {"country": "BLR"},
    "countries": {"country": "BLR"},
}
#: The other views measured and judged like pages (tabs that run only when open): those with a
#: map or a chart, as (url path, query parameter, value). Not measured: the options page's
#: compare, score and brief tabs and the countries page's options and quotes tabs.
VIEWS = [
    ("events", "view", "map"),
    ("events", "view", "timeline"),
    ("countries", "tab", "events"),
    ("overview", "color", "indicator"),
    ("countries", "tab", "indicators"),
]
#: The view dates every page is measured with too (`democdash.ui.viewdates`): on the bundled
#: data the 2021 article is hidden and the 2020 one marked new; on the scale fixture (an article
#: every three days from 2016) about half the articles are hidden and sixty marked new.
DATED_QUERY = {"as_of": "2020-12", "since": "2020-06"}
TIMEOUT_S = 300


class _ServerLikePagesManager(PagesManager):
    """A `PagesManager` for an app that calls `st.navigation`, as a server has it after its
    first session: not in the folder-based (v1) multipage mode."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


#: The one script cache of the bench's runs, as a server has one for all its sessions.
_SCRIPT_CACHE = ScriptCache()


def _shared_script_cache() -> ScriptCache:
    return _SCRIPT_CACHE


@contextmanager
def server_like_pages() -> Iterator[None]:
    """AppTest runs made inside run the app as a running server does (see the module's
    docstring). Relies on AppTest making its `PagesManager` and its script caches per run from
    its modules' names (tests/app/test_bench_subjects.py fails if Streamlit changes that)."""
    saved = (
        app_test_module.PagesManager,
        app_test_module.ScriptCache,
        local_runner_module.ScriptCache,
    )
    app_test_module.PagesManager = _ServerLikePagesManager
    app_test_module.ScriptCache = local_runner_module.ScriptCache = _shared_script_cache
    try:
        yield
    finally:
        (
            app_test_module.PagesManager,
            app_test_module.ScriptCache,
            local_runner_module.ScriptCache,
        ) = saved


def _exceptions(at: AppTest) -> str | None:
    if not at.exception:
        return None
    return "; ".join(str(exc.message).splitlines()[0][:160] for exc in at.exception)


class Subject:
    """One app to time: a reference script, or the app switched to one of its pages."""

    def __init__(
        self,
        name: str,
        script: Path,
        page: str | None = None,
        query: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.timing = Timing(name)
        # Streamlit warns of a "missing ScriptRunContext" for every AppTest made outside a
        # run: harmless here, and 25 lines of it hid the bench's progress
        context_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
        level = context_log.level
        context_log.setLevel(logging.ERROR)
        try:
            self.at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
        finally:
            context_log.setLevel(level)
        self.page = page
        self.query = dict(query or {})

    def warm(self) -> None:
        """Open the page as a URL would and run it once, to fill the caches."""
        with server_like_pages():
            if self.page is not None:
                self.at.run()  # registers the pages of st.navigation
                self.at.switch_page(self.page)
            self.at.query_params = dict(self.query)
            self.at.run()
        self.timing.error = _exceptions(self.at)

    def rerun(self) -> None:
        """One timed rerun (skipped once the page has failed)."""
        if self.timing.error:
            return
        gc.collect()  # so that no rerun pays for the garbage another page left behind
        with server_like_pages():
            wall, cpu = time.perf_counter(), time.process_time()
            self.at.run()
            self.timing.cpu_ms.append((time.process_time() - cpu) * 1000)
            self.timing.wall_ms.append((time.perf_counter() - wall) * 1000)
        self.timing.error = _exceptions(self.at)


EMPTY_NAME = "(empty page)"
MAP_ONLY_NAME = "(map-only page)"
ONE_LINE_NAME = "(one-line page)"
PEER_NAME = "(peer)"


def references(peer: Path | None = None) -> list[Subject]:
    """The empty page, the map-only page (with the overview's typical selection), the one-line
    page and, when given, the peer's script (its data folder set by the caller's environment)."""
    return [
        Subject(EMPTY_NAME, EMPTY_APP),
        Subject(MAP_ONLY_NAME, MAP_ONLY_APP, query=TYPICAL_QUERY["overview"]),
        Subject(ONE_LINE_NAME, ONE_LINE_APP),
        *([Subject(PEER_NAME, peer)] if peer is not None else []),
    ]


def page_subject(file: str, url_path: str) -> Subject:
    """One page of the app (`file` in pages/), opened with its typical query."""
    return Subject(url_path, APP_PATH, page=f"pages/{file}", query=TYPICAL_QUERY.get(url_path, {}))


def view_queries(url_paths: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(url path, name, query) of the other views of the given pages: e.g. the events page's
    map tab (its typical query plus the view's parameter), and every page with its typical
    query and the view dates `DATED_QUERY` set."""
    views = [
        (path, f"{path} · {param}={value}", {**TYPICAL_QUERY.get(path, {}), param: value})
        for path, param, value in VIEWS
        if path in url_paths
    ]
    dated = ", ".join(f"{k}={v}" for k, v in DATED_QUERY.items())
    return views + [
        (path, f"{path} · {dated}", {**TYPICAL_QUERY.get(path, {}), **DATED_QUERY})
        for path in url_paths
    ]


def view_subjects(pages: list[tuple[str, str]]) -> list[Subject]:
    """The other views of the pages that exist (`pages`: file in pages/, url path)."""
    files = dict((path, file) for file, path in pages)
    return [
        Subject(name, APP_PATH, page=f"pages/{files[path]}", query=query)
        for path, name, query in view_queries(list(files))
    ]


def time_subjects(
    subjects: list[Subject], runs: int = WARM_RUNS, progress: Callable[[str], None] | None = None
) -> list[Timing]:
    """Warm every subject, then rerun them in turn `runs` times (interleaved, so that a change
    of load on the machine affects pages and references alike); returns their timings."""
    for subject in subjects:
        if progress:
            progress(f"warming {subject.name}")
        subject.warm()
    for i in range(runs):
        if progress:
            progress(f"rerun {i + 1}/{runs}")
        for subject in subjects:
            subject.rerun()
    return [subject.timing for subject in subjects]
