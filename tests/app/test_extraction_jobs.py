"""Extraction off the request path: one extraction at a time per editor, others not held up."""

from __future__ import annotations

import threading

import pytest

from democdash.ui.extraction_jobs import Busy, Jobs


def test_one_extraction_at_a_time_per_editor():
    jobs = Jobs()
    gate = threading.Event()
    first = jobs.start("dana", "an article", gate.wait)
    with pytest.raises(Busy, match="still running"):
        jobs.start("dana", "another article", lambda: None)
    other = jobs.start("eli", "an article", lambda: "done")  # another editor is not held up
    assert other.future.result(timeout=5) == "done"
    gate.set()
    first.future.result(timeout=5)
    assert jobs.start("dana", "another article", lambda: 2).future.result(timeout=5) == 2
    jobs.forget("dana", jobs.running("dana"))
    assert jobs.running("dana") is None
