"""The settings of the script run in progress, read from the environment once a run.

`democdash.settings.get_settings()` reads the environment afresh on every call (about 30 µs:
environment reads, a user lookup and a few `stat`s), so that a change is seen at once; a page
asked for it ten times or more a run, a sixth of an empty page's rerun. The frame holds the
run's settings here (`held`, around the page) and the UI asks `settings()`; outside a run (a
test calling a view's function, a fragment's own rerun) `settings()` reads them afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from democdash.settings import Settings, get_settings

_this_run: ContextVar[Settings | None] = ContextVar("democdash_run_settings", default=None)


@contextmanager
def held() -> Iterator[Settings]:
    """Within this block (a script run), `settings()` gives the settings read on entry."""
    current = get_settings()
    token = _this_run.set(current)
    try:
        yield current
    finally:
        _this_run.reset(token)


def settings() -> Settings:
    """The settings of the run in progress, else read from the environment now."""
    current = _this_run.get()
    return current if current is not None else get_settings()
