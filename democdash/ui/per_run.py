"""Values read once a script run: the settings, the naming setting and the view dates.

A page asks for these dozens of times a rerun, and each read costs more than it looks:
`democdash.settings.get_settings()` reads the environment afresh (about 30 µs: environment
reads, a user lookup, a few `stat`s), and a read of `st.session_state` goes through Streamlit's
locks and key lookups (several µs), and `democdash.ui.data.derived` reads both the naming
setting and the view dates on every call. Within `one_run()` (the frame's, around a page) each
is read on first use and kept; the code that changes one (`democdash.ui.naming`,
`democdash.ui.viewdates`) calls `forget`, so a change made during the run shows at once.
Outside a run (a test calling a view's function, a fragment's own rerun) every read is fresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from democdash.settings import Settings, get_settings

T = TypeVar("T")

_this_run: ContextVar[dict[Hashable, object] | None] = ContextVar("democdash_per_run", default=None)


@contextmanager
def one_run() -> Iterator[None]:
    """Within this block (a script run), `once` keeps what it reads."""
    token = _this_run.set({})
    try:
        yield
    finally:
        _this_run.reset(token)


def once(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, kept for the rest of the run under `key` (read afresh outside a run)."""
    kept = _this_run.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    return kept[key]  # type: ignore[return-value]


def forget(key: Hashable) -> None:
    """Read `key` afresh on its next use in this run (its value has just changed)."""
    kept = _this_run.get()
    if kept is not None:
        kept.pop(key, None)


def settings() -> Settings:
    """The settings in force, read from the environment once a run."""
    return once("settings", get_settings)
