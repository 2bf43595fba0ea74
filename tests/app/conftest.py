"""AppTest fixtures: run the real entry point (`app.py`) in-process, no browser.

    def test_something(open_app):
        at = open_app("pages/overview.py", query={"country": "HKG"})
        assert at.title[0].value == "..."

`open_app` runs the app from `app.py` (so the shared frame runs too), switches to the page and
fails the test with the page's exceptions if the run raised any (pass `check=False` to look at
`at.exception` yourself). `app_test` gives an AppTest that has not run yet, for tests that need
to set `secrets`, `context` or the like first. The root conftest already gives every test an
empty store and clears Streamlit's caches around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

REPO_DIR = Path(__file__).resolve().parents[2]
APP_PATH = REPO_DIR / "app.py"
PAGES_DIR = REPO_DIR / "pages"
DEFAULT_TIMEOUT = 30


def page_path(page: str) -> str:
    """`"overview"`, `"overview.py"` or `"pages/overview.py"` -> `"pages/overview.py"`."""
    path = page if page.endswith(".py") else f"{page}.py"
    return path if "/" in path else f"pages/{path}"


def exception_report(at: AppTest) -> str:
    """The exceptions an AppTest run showed, as text for an assertion message."""
    return "\n\n".join(
        f"{exc.message}\n" + "\n".join(exc.stack_trace or []) for exc in at.exception
    )


@pytest.fixture
def app_test() -> Iterator[AppTest]:
    """A fresh `AppTest` of `app.py` (not run yet) with a 30 s timeout per run.

    Exceptions carry their real message (the app's config redacts them for visitors).
    """
    with patch_config_options({"client.showErrorDetails": "full"}):
        yield AppTest.from_file(APP_PATH, default_timeout=DEFAULT_TIMEOUT)


@pytest.fixture
def open_app(app_test: AppTest) -> Callable[..., AppTest]:
    """Open the app at a page with query parameters and session state, as a URL would.

    `open_app(page=None, query=None, state=None, check=True) -> AppTest`

    - `page`: a file in `pages/` (`"events"`, `"events.py"` or `"pages/events.py"`); `None`
      for the default page. The app runs once on its default page first, because
      `AppTest.switch_page` needs `st.navigation` to have registered the pages.
    - `query`: query parameters (`{"country": "HKG"}`; a list value repeats the key).
    - `state`: values put into `st.session_state` before the first run.
    - `check`: fail the test if the run showed an exception.
    """

    def _open(
        page: str | None = None,
        query: Mapping[str, str | list[str]] | None = None,
        state: Mapping[str, Any] | None = None,
        check: bool = True,
    ) -> AppTest:
        at = app_test
        for key, value in (state or {}).items():
            at.session_state[key] = value
        if page is not None:
            at.run()  # registers the pages of st.navigation
            at.switch_page(page_path(page))
        at.query_params = dict(query or {})
        at.run()
        if check:
            assert not at.exception, (
                f"the app raised on {page or 'its default page'} "
                f"(query {dict(query or {})}):\n{exception_report(at)}"
            )
        return at

    return _open


#: The overview's headline figures as they read ("**1,024** events recorded"), by what counts.
_FIGURE_LABELS = {
    "countries and territories": "countries",
    "country or territory": "countries",
    "events": "events",
    "event": "events",
    "policy options": "options",
    "policy option": "options",
    "sources": "sources",
    "source": "sources",
}
_FIGURE = re.compile(r"\*\*([\d,]+)\*\* (" + "|".join(_FIGURE_LABELS) + r")\b")


@pytest.fixture
def headline() -> Callable[[AppTest], dict[str, int]]:
    """The overview's headline figures, `headline(at) -> {"countries": 12, "events": 34,
    "options": 4, "sources": 2}`, read from its figures line."""

    def _read(at: AppTest) -> dict[str, int]:
        line = next(m.value for m in at.markdown if " recorded · **" in m.value)
        found = _FIGURE.findall(line)
        return {_FIGURE_LABELS[label]: int(n.replace(",", "")) for n, label in found}

    return _read
