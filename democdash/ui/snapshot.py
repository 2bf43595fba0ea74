"""The store's data at one revision, and what pages derive from it, each computed once.

A page asks for data dozens of times a rerun (frames, names, per-country figures, figures for
a selection). Resolving each request through `st.cache_resource` hashes its arguments (about
0.1 ms a call) and, for a frame argument, the frame itself; a snapshot instead holds every
value made from one revision under a plain key, shared by all sessions. A write makes a new
revision, hence a new snapshot: nothing in an old one is ever invalidated piecemeal.

Frames are read per view date too (`as_of`, see `democdash.asof`): the latest frames stay for
the snapshot's life, those of past dates for the `MAX_VIEW_DATES` dates used last, so going back
to a date seen a moment ago reads nothing again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from democdash.ui import heap

if TYPE_CHECKING:
    import pandas as pd

    from democdash.store import Store

T = TypeVar("T")

#: Derived values a snapshot keeps (aggregates, figures and view models for recent
#: selections); the least recently used beyond this are made again when next asked for. The
#: revision's frames are kept apart and never pushed out: rebuilding one means reading the store.
MAX_ENTRIES = 256
#: Past view dates whose frames a snapshot keeps (the latest frames are always kept).
MAX_VIEW_DATES = 6


class Snapshot:
    """Values derived from one store revision, made on first request (thread-safe)."""

    def __init__(self, store: Store, revision: int, max_entries: int = MAX_ENTRIES) -> None:
        self.store = store
        self.revision = revision
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._stored: dict[tuple[Hashable, date | None], pd.DataFrame] = {}
        self._view_dates: OrderedDict[date, None] = OrderedDict()
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

    def _read(
        self, key: Hashable, as_of: date | None, read: Callable[[], pd.DataFrame]
    ) -> pd.DataFrame:
        """A frame read from the store once per snapshot and view date (outside the LRU of
        derived values; a past date's frames go when `MAX_VIEW_DATES` later dates came)."""
        found = self._stored.get((key, as_of))
        if found is None:
            value = read()
            heap.grew()
            with self._lock:
                found = self._stored.setdefault((key, as_of), value)
        if as_of is not None:
            with self._lock:
                self._view_dates[as_of] = None
                self._view_dates.move_to_end(as_of)
                while len(self._view_dates) > MAX_VIEW_DATES:
                    gone, _ = self._view_dates.popitem(last=False)
                    for stored in [k for k in self._stored if k[1] == gone]:
                        del self._stored[stored]
        return found

    def frame(self, kind: str, as_of: date | None = None) -> pd.DataFrame:
        """A kind's frame as known at the end of `as_of` (None: the latest), as a shallow copy
        (under copy-on-write a caller's writes stay its own)."""
        return self._read(kind, as_of, lambda: self.store.frame(kind, as_of)).copy(deep=False)

    def sources(self, as_of: date | None = None) -> pd.DataFrame:
        """Every source reference known at the end of `as_of` (shallow copy)."""
        return self._read("sources", as_of, lambda: self.store.sources(as_of)).copy(deep=False)

    def __len__(self) -> int:
        return len(self._values)
