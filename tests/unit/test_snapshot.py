"""A snapshot makes each derived value once, keeps a bounded number, and hands out frames a
caller may change without changing anyone else's; frames are read once per view date, and the
frames of the past dates used longest ago are let go."""

import threading
from datetime import date

import pandas as pd

from democdash.ui import snapshot
from democdash.ui.snapshot import Snapshot


class FakeStore:
    def __init__(self) -> None:
        self.reads: list[str] = []

    def frame(self, kind: str, as_of: date | None = None) -> pd.DataFrame:
        self.reads.append(kind if as_of is None else f"{kind}@{as_of.isoformat()}")
        return pd.DataFrame({"id": ["a", "b"], "kind": [kind, kind], "as_of": [as_of, as_of]})

    def sources(self, as_of: date | None = None) -> pd.DataFrame:
        return self.frame("sources", as_of)


def test_a_value_is_built_once_per_key():
    snap = Snapshot(FakeStore(), revision=1)
    calls = []
    first = snap.get(("x", 1), lambda: calls.append(1) or object())
    again = snap.get(("x", 1), lambda: calls.append(1) or object())
    other = snap.get(("x", 2), lambda: calls.append(2) or object())
    assert first is again and other is not first
    assert calls == [1, 2]


def test_frames_are_read_once_and_handed_out_as_independent_copies():
    store = FakeStore()
    snap = Snapshot(store, revision=1)
    mine = snap.frame("events")
    mine["kind"] = "changed"
    assert list(snap.frame("events")["kind"]) == ["events", "events"]
    assert store.reads == ["events"]


def test_least_recently_used_values_are_dropped_beyond_the_limit():
    snap = Snapshot(FakeStore(), revision=1, max_entries=2)
    snap.get("a", lambda: 1)
    snap.get("b", lambda: 2)
    snap.get("a", lambda: 1)  # "a" is now the most recently used
    snap.get("c", lambda: 3)
    assert len(snap) == 2
    assert snap.get("a", lambda: "rebuilt") == 1
    assert snap.get("b", lambda: "rebuilt") == "rebuilt"


def test_frames_stay_when_derived_values_overflow_the_limit():
    store = FakeStore()
    snap = Snapshot(store, revision=1, max_entries=2)
    snap.frame("options")
    for n in range(5):  # e.g. a page of option panels, one value each
        snap.get(("panel", n), lambda n=n: n)
    snap.frame("options")
    assert store.reads == ["options"]


def test_callers_that_build_at_once_all_get_the_one_value_stored():
    snap = Snapshot(FakeStore(), revision=1)
    seen: list[object] = []
    barrier = threading.Barrier(4, timeout=5)

    def build() -> object:
        barrier.wait()  # every caller is building before any has stored its value
        return object()

    def ask() -> None:
        seen.append(snap.get("shared", build))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and len({id(v) for v in seen}) == 1
    assert snap.get("shared", object) is seen[0]


def test_frames_are_read_once_per_view_date():
    store = FakeStore()
    snap = Snapshot(store, revision=1)
    march = date(2021, 3, 31)
    assert snap.frame("events", march)["as_of"].tolist() == [march, march]
    snap.frame("events", march)
    snap.frame("events")
    snap.sources(march)
    snap.sources(march)
    assert store.reads == ["events@2021-03-31", "events", "sources@2021-03-31"]


def test_past_view_dates_used_longest_ago_are_let_go_the_latest_frames_stay():
    store = FakeStore()
    snap = Snapshot(store, revision=1)
    snap.frame("events")
    days = [date(2020, 1, n) for n in range(1, snapshot.MAX_VIEW_DATES + 2)]
    for day in days:
        snap.frame("events", day)
    store.reads.clear()
    snap.frame("events")
    snap.frame("events", days[-1])
    assert store.reads == []
    snap.frame("events", days[0])  # the first date was dropped when the last one came
    assert store.reads == ["events@2020-01-01"]
