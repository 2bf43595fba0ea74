"""Cached access to the store for pages: one store per configuration, frames keyed on revision.

Domain code stays cache-free; this is the one place the app caches data. Every frame is keyed on
the store's revision, so a write anywhere (app or CLI) shows on the next rerun.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from democdash import aggregates, naming
from democdash.settings import get_settings
from democdash.store import SeedReport, Store, open_store
from democdash.ui import naming as names_ui


@st.cache_resource(show_spinner=False)
def _open(url: str, data_dir: str, readonly: bool) -> Store:
    return open_store(get_settings(), seed=False)


def store() -> Store:
    """The configured store (migrated; curated data seeded when `data/` changed)."""
    settings = get_settings()
    opened = _open(settings.database_url, str(settings.data_dir), settings.readonly)
    _seed(opened.url, str(settings.data_dir))
    return opened


@st.cache_data(ttl=10, show_spinner=False)
def _seed(url: str, data_dir: str) -> SeedReport:
    settings = get_settings()
    return _open(url, data_dir, settings.readonly).seed()


def seed_report() -> SeedReport | None:
    """What the last check of `data/` found (problems keep the stored data in use)."""
    return store().last_seed


@st.cache_data(max_entries=64, show_spinner=False)
def _frame(url: str, revision: int, kind: str) -> pd.DataFrame:
    return store().frame(kind)


@st.cache_data(max_entries=8, show_spinner=False)
def _sources(url: str, revision: int) -> pd.DataFrame:
    return store().sources()


def frame(kind: str) -> pd.DataFrame:
    """A kind's frame at the store's current revision (do not mutate: it is shared).

    Country names follow the naming setting (Burma / Myanmar, `democdash.ui.naming`).
    """
    s = store()
    df = _frame(s.url, s.revision(), kind)
    return naming.rename(df, names_ui.preference()) if kind == "countries" else df


def sources() -> pd.DataFrame:
    """Every source reference at the current revision."""
    s = store()
    return _sources(s.url, s.revision())


@st.cache_data(max_entries=8, show_spinner=False)
def _country_figures(url: str, revision: int) -> pd.DataFrame:
    return aggregates.country_figures(
        *(_frame(url, revision, kind) for kind in ("countries", "events", "options", "sanctions"))
    )


def country_figures() -> pd.DataFrame:
    """Per-country counts and latest event for maps and tables (names as set to be shown)."""
    s = store()
    return naming.rename(_country_figures(s.url, s.revision()), names_ui.preference())


@st.cache_resource(show_spinner=False, max_entries=4)
def _boundaries(data_dir: str, level: str):
    return store().boundaries(level)


def boundaries(level: str = "world"):
    """Boundaries at a level of detail, loaded once per data folder (shared: do not mutate)."""
    return _boundaries(str(get_settings().data_dir), level)
