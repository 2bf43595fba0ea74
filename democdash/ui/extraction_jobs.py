"""Extraction off the request path: each extraction runs in a worker thread of this process,
at most one at a time per editor and `WORKERS` in all, so one long paste does not hold up
other visitors' pages; the page shows its progress and picks the result up when it is ready.

Kept with `st.cache_resource` (one per process, cleared with Streamlit's caches); the work
itself is plain `democdash.ingest` code given everything it needs (no Streamlit in a thread).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

#: Extractions running at once in this process (the machine's cores are shared with pages).
WORKERS = 2


class Busy(RuntimeError):
    """This editor already has an extraction running."""


@dataclass
class Job:
    """One extraction: its future, what it is about and when it started."""

    editor: str
    what: str
    future: Future
    started: float = field(default_factory=time.monotonic)
    #: How far a batch has got, written by the worker: done, total and the current file.
    progress: dict[str, Any] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def done(self) -> bool:
        return self.future.done()


class Jobs:
    """The process's extraction workers and the job each editor has running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="extract")
        self._running: dict[str, Job] = {}

    def start(
        self,
        editor: str,
        what: str,
        work: Callable[[], Any],
        progress: dict[str, Any] | None = None,
    ) -> Job:
        """Start `work` for `editor`; `Busy` while their previous extraction still runs.
        `progress` is a dict the work updates (done, total, name) for the page to show."""
        with self._lock:
            current = self._running.get(editor)
            if current is not None and not current.done:
                raise Busy(
                    f"Your extraction of {current.what} is still running "
                    f"({current.seconds:.0f} s so far): wait for it to finish."
                )
            job = Job(editor, what, self._pool.submit(work), progress=progress or {})
            self._running[editor] = job
            return job

    def running(self, editor: str) -> Job | None:
        """The editor's latest job (running or finished and not yet picked up)."""
        with self._lock:
            return self._running.get(editor)

    def forget(self, editor: str, job: Job) -> None:
        """Drop a finished job once its result has been picked up."""
        with self._lock:
            if self._running.get(editor) is job:
                del self._running[editor]


@st.cache_resource(show_spinner=False)
def jobs() -> Jobs:
    """This process's extraction jobs."""
    return Jobs()
