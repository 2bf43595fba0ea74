"""The store's data at one revision, and what pages derive from it, each computed once.

A page asks for data dozens of times a rerun (frames, names, per-country figures, figures for
a selection). Resolving each request through `st.cache_resource` hashes its arguments (about
0.1 ms a call) and, for a frame argument, the frame itself; a snapshot instead holds every
value made from one revision under a plain key, shared by all sessions. A write makes a new
revision, hence a new snapshot: nothing in an old one is ever invalidated piecemeal.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from democdash.store import Store

T = TypeVar("T")

#: Derived values a snapshot keeps (aggregates, figures and view models for recent
#: selections); the least recently used beyond this are made again when next asked for. The
#: revision's frames are kept apart and never pushed out: rebuilding one means reading the store.
MAX_ENTRIES = 256


class Snapshot:
    """Values derived from one store revision, made on first request (thread-safe)."""

    def __init__(self, store: Store, revision: int, max_entries: int = MAX_ENTRIES) -> None:
        self.store = store
        self.revision = revision
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._stored: dict[Hashable, pd.DataFrame] = {}
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value under `key`, made by `build()` the first time it is asked for.

        Two sessions asking at once may both build it; the first stored wins, so every caller
        sees the same object afterwards. Values are shared: callers must not mutate them.
        """
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
        value = build()
        with self._lock:
            value = self._values.setdefault(key, value)  # type: ignore[assignment]
            self._values.move_to_end(key)
            while len(self._values) > self._max_entries:
                self._values.popitem(last=False)
        return value

    def _read(self, key: Hashable, read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A frame read from the store once per snapshot (outside the LRU of derived values)."""
        found = self._stored.get(key)
        if found is None:
            value = read()
            with self._lock:
                found = self._stored.setdefault(key, value)
        return found

    def frame(self, kind: str) -> pd.DataFrame:
        """A kind's frame as a shallow copy (under copy-on-write a caller's writes stay its own)."""
        return self._read(("frame", kind), lambda: self.store.frame(kind)).copy(deep=False)

    def sources(self) -> pd.DataFrame:
        """Every source reference (shallow copy)."""
        return self._read(("sources",), self.store.sources).copy(deep=False)

    def __len__(self) -> int:
        return len(self._values)
