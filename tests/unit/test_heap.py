"""The app's long-lived data is frozen out of the server's collections (democdash/ui/heap.py),
and frozen garbage is collected at the next settle."""

from __future__ import annotations

import gc
import weakref

import pytest

from democdash.ui import heap


class _Node:
    """A container that can be in a cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()
    heap.grew()  # as a new process: whatever the next test makes settles


def test_a_run_that_made_data_freezes_it_once_in_a_server():
    heap.grew()
    assert heap.settle(server=True) is True
    assert gc.get_freeze_count() > 0
    assert not heap.pending()
    assert heap.settle(server=True) is False  # nothing new since: no collection


def test_nothing_is_frozen_outside_a_server():
    heap.grew()
    assert heap.settle(server=False) is False
    assert gc.get_freeze_count() == 0
    assert heap.pending()  # kept for a run that is in a server


def test_outside_a_server_by_default_here():
    # pytest is no Streamlit server: the default asks streamlit.runtime (not a public API:
    # this fails loudly if Streamlit moves it), which says so
    assert heap.in_server() is False
    heap.grew()
    assert heap.settle() is False


def test_frozen_garbage_is_collected_at_the_next_settle():
    node = _Node()
    watch = weakref.ref(node)
    heap.grew()
    heap.settle(server=True)
    del node
    gc.collect()
    assert watch() is not None  # frozen: a cycle waits
    heap.grew()
    heap.settle(server=True)
    assert watch() is None  # unfrozen first, then collected


def test_a_snapshot_reading_a_frame_says_it_grew(tmp_path):
    from democdash.ui.snapshot import Snapshot

    class _Store:
        def frame(self, kind, as_of=None):
            import pandas as pd

            return pd.DataFrame({"id": ["a"]})

    snapshot = Snapshot(_Store(), revision=1)  # type: ignore[arg-type]
    heap.grew()
    heap.settle(server=True)
    snapshot.frame("events")
    assert heap.pending()
    heap.settle(server=True)
    snapshot.frame("events")  # read once per snapshot: nothing new
    assert not heap.pending()
