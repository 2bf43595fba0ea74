"""The view dates of every page (`as_of`, `since`, see `democdash.viewdate`): read from the URL by
the shared frame, kept in the session, set in the sidebar, carried in links between pages.

The URL wins when it names a view date (a shared link opens as its sender saw it); when a page
switch has cleared the URL, the session's dates are put back into it. A value that is not a
date is dropped from the URL with one message. `democdash.ui.data` keys every frame and derived
value on `current()`, so each date's data is made once per store revision.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

import streamlit as st

from democdash import viewdate
from democdash.ui import per_run
from democdash.viewdate import ViewDates

#: Session key of the `ViewDates` in force.
STATE_KEY = "view_dates"
PARAMS = ("as_of", "since")
AS_OF_KEY = "viewdates_as_of"
SINCE_KEY = "viewdates_since"
PANEL_KEY = "viewdates_panel"
#: The range the date pickers offer.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


#: True while a page that works on the latest data runs (see `latest_only`).
_latest_only: ContextVar[bool] = ContextVar("democdash_latest_only", default=False)


def current() -> ViewDates:
    """The view dates in force in this session (none set, or on a page that works on the
    latest data: the latest, nothing marked new)."""
    if _latest_only.get():
        return ViewDates()
    return held()


def held() -> ViewDates:
    """The session's view dates, even while a page that works on the latest data runs; read
    once a run (`per_run`): every derived value's key holds them."""
    return per_run.once(STATE_KEY, lambda: st.session_state.get(STATE_KEY) or ViewDates())


@contextmanager
def latest_only() -> Iterator[None]:
    """Within this block, every read is of the latest data whatever the view dates (a page
    that writes, such as adding an article, matches against everything stored); the dates stay
    in the session and the URL for the other pages."""
    token = _latest_only.set(True)
    try:
        yield
    finally:
        _latest_only.reset(token)


def query() -> dict[str, str]:
    """The view dates as query parameters, for links between pages (`{}` when not set)."""
    return held().query()


def sync() -> list[str]:
    """Take the view dates from the URL if it names one, else put the session's into the URL.

    Returns what was dropped from the URL (a value that is not a date), as readable lines.
    """
    problems: list[str] = []
    if any(name in st.query_params for name in PARAMS):
        values: dict[str, str | None] = {}
        for name in PARAMS:
            raw = str(st.query_params.get(name) or "").strip()
            try:
                values[name] = viewdate.parse(raw) if raw else None
            except ValueError:
                values[name] = None
                problems.append(f"{name}={raw[:40]!r} is not a date ({viewdate.USAGE})")
                del st.query_params[name]
        dates = ViewDates(**values)
    else:
        dates = held()
        for name, value in dates.query().items():
            st.query_params[name] = value
    if st.session_state.get(STATE_KEY) != dates:
        st.session_state[STATE_KEY] = dates
        per_run.forget(STATE_KEY)
    return problems


def set_dates(dates: ViewDates) -> None:
    """Make `dates` the view dates in force, in the session and in the URL."""
    st.session_state[STATE_KEY] = dates
    per_run.forget(STATE_KEY)
    for name in PARAMS:
        value = dates.query().get(name)
        if value:
            st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


def _picked(key: str, text: str | None, shown: date | None) -> str | None:
    """A picker's date as a view date: the one in force as written when the picker still shows
    it ("2021-03" stays a month), else the day picked (None when cleared)."""
    value = st.session_state.get(key)
    if value == shown:
        return text
    return value.isoformat() if isinstance(value, date) else None


def _changed() -> None:
    dates = held()
    set_dates(
        ViewDates(
            as_of=_picked(AS_OF_KEY, dates.as_of, dates.as_of_end),
            since=_picked(SINCE_KEY, dates.since, dates.since_start),
        )
    )


def _seed(key: str, shown: date | None) -> None:
    """Show the date in force in a picker (after a link or a page switch changed it)."""
    seen = f"{key}__shown"
    if st.session_state.get(seen) != shown or key not in st.session_state:
        st.session_state[key] = shown
        st.session_state[seen] = shown


def panel_label(dates: ViewDates) -> str:
    """The sidebar panel's title, which says the dates in force while it is closed."""
    if not dates.as_of and not dates.since:
        return "Dates: the latest"
    parts = [f"As of {dates.as_of_label()}" if dates.as_of else "The latest"]
    if dates.since:
        parts.append(f"new since {dates.since_label()}")
    return " · ".join(parts)


def sidebar_control() -> None:
    """The as-of and since pickers, in a sidebar panel that runs only when opened."""
    dates = held()
    panel = st.sidebar.expander(
        panel_label(dates), icon=":material/event:", key=PANEL_KEY, on_change="rerun"
    )
    if not panel.open:
        return
    _seed(AS_OF_KEY, dates.as_of_end)
    _seed(SINCE_KEY, dates.since_start)
    with panel:
        # value=None: an empty default makes the picker clearable; the date in force is put
        # in by _seed (session state), which a None default allows without a warning
        st.date_input(
            "As of (empty: the latest)",
            value=None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=AS_OF_KEY,
            on_change=_changed,
            help="Show only what our sources had published by the end of this day: records, "
            "quotes and statuses as they stood then. The link keeps it (as_of=YYYY-MM-DD; "
            "as_of=2021-03 means by the end of March 2021).",
        )
        st.date_input(
            "Mark what is new since (empty: nothing)",
            value=None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=SINCE_KEY,
            on_change=_changed,
            help="Mark what our sources published from this day on (by the as-of date); the "
            "overview lists it. The link keeps it (since=YYYY-MM-DD, or since=2021-01).",
        )
