"""Cached access to the store for pages: one store per configuration, frames keyed on revision.

Domain code stays cache-free; this is the one place the app caches data. Every frame is keyed on
the store's revision, so a write anywhere (app or CLI) shows on the next rerun.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import streamlit as st

from democdash import aggregates, auth, naming
from democdash.settings import get_settings
from democdash.store import SeedReport, Store, open_store
from democdash.ui import auth as auth_ui
from democdash.ui import naming as names_ui


@st.cache_resource(show_spinner=False)
def _open(url: str, data_dir: str, readonly: bool) -> Store:
    return open_store(get_settings(), seed=False)


@st.cache_resource(show_spinner=False)
def _viewer(url: str, data_dir: str, readonly: bool) -> Store:
    """A read-only view of the configured store, sharing its engine (for visitors)."""
    base = _open(url, data_dir, readonly)
    view = Store(dataclasses.replace(base.settings, readonly=True), base.engine)
    view.readonly_message = f"{auth.READ_ONLY_MESSAGE} Nothing was changed."
    return view


def store() -> Store:
    """The configured store (migrated; curated data seeded when `data/` changed).

    A session that may not write (a hosted instance's visitor who has not signed in as an
    editor, see `democdash.ui.auth`) gets a read-only view: every write refuses in the store.
    """
    settings = get_settings()
    opened = _open(settings.database_url, str(settings.data_dir), settings.readonly)
    _seed(opened.url, str(settings.data_dir))
    if settings.hosted and not opened.readonly and not auth_ui.can_write():
        return _viewer(settings.database_url, str(settings.data_dir), settings.readonly)
    return opened


def can_write() -> bool:
    """Whether this session may add articles, records or scenarios (see `democdash.ui.auth`)."""
    return auth_ui.can_write()


def can_see_full_texts() -> bool:
    """Whether full article texts may be shown: only to editors of a writable store.

    A hosted read-only view shows quotes, not full texts (the texts are not ours to publish).
    """
    return auth_ui.can_write()


#: A rerun asks for the store's revision many times; one read per this many seconds is enough
#: (this process's own writes are seen at once, another process's within this time).
REVISION_MAX_AGE = 1.0


@st.cache_resource(ttl=10, show_spinner=False)
def _seed(url: str, data_dir: str) -> SeedReport:
    settings = get_settings()
    return _open(url, data_dir, settings.readonly).seed()


def seed_report() -> SeedReport | None:
    """What the last check of `data/` found (problems keep the stored data in use)."""
    store()  # opens and seeds
    settings = get_settings()
    return _open(settings.database_url, str(settings.data_dir), settings.readonly).last_seed


# Frames are cached as shared objects (`st.cache_resource`) and handed out as shallow copies:
# `st.cache_data` unpickles a full copy on every call (0.2-0.5 s for the 10,000-event scale
# frame, several calls per page). Under pandas' copy-on-write a shallow copy costs next to
# nothing, and a caller's column writes land in its copy, never in the cached frame.


@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_frame(url: str, revision: int, kind: str) -> pd.DataFrame:
    return store().frame(kind)


def _frame(url: str, revision: int, kind: str) -> pd.DataFrame:
    return _shared_frame(url, revision, kind).copy(deep=False)


@st.cache_resource(max_entries=8, show_spinner=False)
def _shared_sources(url: str, revision: int) -> pd.DataFrame:
    return store().sources()


def _sources(url: str, revision: int) -> pd.DataFrame:
    return _shared_sources(url, revision).copy(deep=False)


def frame(kind: str) -> pd.DataFrame:
    """A kind's frame at the store's current revision (do not mutate: it is shared).

    Country names follow the naming setting (Burma / Myanmar, `democdash.ui.naming`).
    """
    s = store()
    df = _frame(s.url, s.revision(REVISION_MAX_AGE), kind)
    return naming.rename(df, names_ui.preference()) if kind == "countries" else df


def sources() -> pd.DataFrame:
    """Every source reference at the current revision."""
    s = store()
    return _sources(s.url, s.revision(REVISION_MAX_AGE))


@st.cache_resource(max_entries=8, show_spinner=False)
def _shared_country_figures(url: str, revision: int) -> pd.DataFrame:
    return aggregates.country_figures(
        *(_frame(url, revision, kind) for kind in ("countries", "events", "options", "sanctions"))
    )


def _country_figures(url: str, revision: int) -> pd.DataFrame:
    return _shared_country_figures(url, revision).copy(deep=False)


def country_figures() -> pd.DataFrame:
    """Per-country counts and latest event for maps and tables (names as set to be shown)."""
    s = store()
    return naming.rename(
        _country_figures(s.url, s.revision(REVISION_MAX_AGE)), names_ui.preference()
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _boundaries(data_dir: str, level: str):
    return store().boundaries(level)


def boundaries(level: str = "world"):
    """Boundaries at a level of detail, loaded once per data folder (shared: do not mutate)."""
    return _boundaries(str(get_settings().data_dir), level)


@st.cache_resource(max_entries=8, show_spinner=False)
def _coverage(url: str, revision: int) -> aggregates.Coverage:
    return aggregates.coverage(_frame(url, revision, "articles"))


def coverage() -> aggregates.Coverage:
    """How many sources the data rests on and their span, at the current revision."""
    s = store()
    return _coverage(s.url, s.revision(REVISION_MAX_AGE))


@st.cache_resource(max_entries=8, show_spinner=False)
def _drawn(url: str, revision: int) -> pd.DataFrame:
    return aggregates.drawn_from_articles(
        _frame(url, revision, "articles"), _sources(url, revision)
    )


def drawn_from_articles() -> pd.DataFrame:
    """Per article: its citation and what was drawn from it (shared: do not mutate)."""
    s = store()
    return _drawn(s.url, s.revision(REVISION_MAX_AGE)).copy(deep=False)


@st.cache_data(show_spinner=False)
def _boundaries_credit(data_dir: str) -> str:
    from democdash import geo

    return geo.boundaries_credit(Path(data_dir))


def boundaries_credit() -> str:
    """The boundaries' credit and disclaimer line (read once per data folder)."""
    return _boundaries_credit(str(get_settings().data_dir))
