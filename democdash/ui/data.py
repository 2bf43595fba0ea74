"""Cached access to the store for pages: one store per configuration, frames keyed on revision.

Domain code stays cache-free; this is the one place the app caches data. Every frame is keyed on
the store's revision, so a write anywhere (app or CLI) shows on the next rerun.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from democdash import aggregates, auth, naming
from democdash.settings import Settings, get_settings
from democdash.store import SeedReport, Store, open_store
from democdash.ui import auth as auth_ui
from democdash.ui import naming as names_ui
from democdash.ui.snapshot import Snapshot

T = TypeVar("T")


#: How often the curated `data/` folder is checked for changes (and reseeded if it changed).
SEED_CHECK_S = 10.0

#: A rerun asks for the store's revision many times; one read per this many seconds is enough
#: (this process's own writes are seen at once, another process's within this time).
REVISION_MAX_AGE = 1.0

#: Snapshots kept per store: the current one and the one before (a session still drawing it).
SNAPSHOTS_KEPT = 2


class _Registry:
    """What this process keeps for the app: one opened store per configuration, when its
    `data/` was last checked, and the snapshots of its latest revisions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stores: dict[tuple, Store] = {}
        self.viewers: dict[tuple, Store] = {}
        self.checked_at: dict[tuple, float] = {}
        self.snapshots: dict[str, OrderedDict[int, Snapshot]] = {}

    def opened(self, settings: Settings) -> Store:
        key = (settings.database_url, str(settings.data_dir), settings.readonly)
        opened = self.stores.get(key)
        if opened is None:
            with self.lock:
                opened = self.stores.get(key) or open_store(settings, seed=False)
                self.stores[key] = opened
        now = time.monotonic()
        if now - self.checked_at.get(key, -SEED_CHECK_S) >= SEED_CHECK_S:
            self.checked_at[key] = now
            opened.seed()
        return opened

    def viewer(self, settings: Settings, base: Store) -> Store:
        """A read-only view of `base`, sharing its engine (for visitors)."""
        key = (settings.database_url, str(settings.data_dir), settings.readonly)
        if key not in self.viewers:
            view = Store(dataclasses.replace(base.settings, readonly=True), base.engine)
            view.readonly_message = f"{auth.READ_ONLY_MESSAGE} Nothing was changed."
            self.viewers[key] = view
        return self.viewers[key]

    def snapshot(self, store: Store, revision: int) -> Snapshot:
        with self.lock:
            kept = self.snapshots.setdefault(store.url, OrderedDict())
            if revision not in kept:
                kept[revision] = Snapshot(store, revision)
                while len(kept) > SNAPSHOTS_KEPT:
                    kept.popitem(last=False)
            return kept[revision]


# In `st.cache_resource`, so that clearing Streamlit's caches clears this too; a call without
# arguments costs microseconds, where one with arguments hashes them (see `snapshot`).
@st.cache_resource(show_spinner=False)
def _registry() -> _Registry:
    return _Registry()


def _opened() -> Store:
    return _registry().opened(get_settings())


def store() -> Store:
    """The configured store (migrated; curated data seeded when `data/` changed).

    A session that may not write (a hosted instance's visitor who has not signed in as an
    editor, see `democdash.ui.auth`) gets a read-only view: every write refuses in the store.
    """
    settings = get_settings()
    opened = _registry().opened(settings)
    if settings.hosted and not opened.readonly and not auth_ui.can_write():
        return _registry().viewer(settings, opened)
    return opened


def can_write() -> bool:
    """Whether this session may add articles, records or scenarios (see `democdash.ui.auth`)."""
    return auth_ui.can_write()


def can_see_full_texts() -> bool:
    """Whether full article texts may be shown: only to editors of a writable store.

    A hosted read-only view shows quotes, not full texts (the texts are not ours to publish).
    """
    return auth_ui.can_write()


def seed_report() -> SeedReport | None:
    """What the last check of `data/` found (problems keep the stored data in use)."""
    return _opened().last_seed


def snapshot() -> Snapshot:
    """The data at the store's current revision, with what has been derived from it."""
    opened = _opened()
    return _registry().snapshot(opened, opened.revision(REVISION_MAX_AGE))


def data_version() -> str:
    """The version of `data/` seeded into the store ("not seeded" before the first seeding)."""
    snap = snapshot()
    return snap.get(("data version",), snap.store.data_version) or "not seeded"


def derived(key: Hashable, build: Callable[[], T]) -> T:
    """A value derived from the current revision's data (a figure, a view model), made once
    per revision, `key` and naming setting, and shared by every session: it must not be
    mutated.

    `key` names what `build` makes and everything it depends on besides the data and the
    naming setting (the selection, the tab...). The naming setting (Burma / Myanmar,
    `democdash.ui.naming`) is added to the key here, since almost every derived value shows a
    country name: callers need not (and should not) put it in `key` themselves. The few values
    that show no name are then kept once per setting, a small price for one rule.
    """
    return snapshot().get((key, names_ui.preference()), build)


def frame(kind: str) -> pd.DataFrame:
    """A kind's frame at the store's current revision (a shallow copy of a shared frame).

    Country names follow the naming setting (Burma / Myanmar, `democdash.ui.naming`).
    """
    snap = snapshot()
    if kind != "countries":
        return snap.frame(kind)
    preference = names_ui.preference()
    return snap.get(
        ("countries named", preference),
        lambda: naming.rename(snap.frame("countries"), preference),
    ).copy(deep=False)


def sources() -> pd.DataFrame:
    """Every source reference at the current revision."""
    return snapshot().sources()


def country_figures() -> pd.DataFrame:
    """Per-country counts and latest event for maps and tables (names as set to be shown)."""
    snap = snapshot()
    preference = names_ui.preference()

    def build() -> pd.DataFrame:
        figures = snap.get(
            ("country figures",),
            lambda: aggregates.country_figures(
                *(snap.frame(kind) for kind in ("countries", "events", "options", "sanctions"))
            ),
        )
        return naming.rename(figures.copy(deep=False), preference)

    return snap.get(("country figures named", preference), build).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=6)
def _boundaries(data_dir: str, level: str):
    if level == "compact":
        from democdash import geo

        return geo.compact(_boundaries(data_dir, "world"))
    return _opened().boundaries(level)


def boundaries(level: str = "world"):
    """Boundaries at a level of detail (`world`, `regional`, or `compact`: the world level
    simplified for column-wide maps), loaded once per data folder (shared: do not mutate)."""
    return _boundaries(str(get_settings().data_dir), level)


def coverage() -> aggregates.Coverage:
    """How many sources the data rests on and their span, at the current revision."""
    snap = snapshot()
    return snap.get(("coverage",), lambda: aggregates.coverage(snap.frame("articles")))


def drawn_from_articles() -> pd.DataFrame:
    """Per article: its citation and what was drawn from it, one frame per revision (shared:
    copy it before adding columns)."""
    snap = snapshot()
    return snap.get(
        ("drawn from articles",),
        lambda: aggregates.drawn_from_articles(snap.frame("articles"), snap.sources()),
    )


@st.cache_data(show_spinner=False)
def _boundaries_credit(data_dir: str) -> str:
    from democdash import geo

    return geo.boundaries_credit(Path(data_dir))


def boundaries_credit() -> str:
    """The boundaries' credit and disclaimer line (read once per data folder)."""
    return _boundaries_credit(str(get_settings().data_dir))


def signin_store() -> Store:
    """The opened store itself, for sign-in bookkeeping (attempts and editor sessions, which
    are written for visitors too): who is signed in cannot be asked through `store()`, which
    depends on who is signed in."""
    return _opened()
