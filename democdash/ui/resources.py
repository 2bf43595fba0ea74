"""Built resources the app keeps between reruns, cached here at the UI edge (domain code has no
caches): the extraction pipeline's `Extractor`, one per version of the gazetteer CSV."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from democdash.extract import Extractor, load_extractor
from democdash.extract.gazetteer import gazetteer_path
from democdash.ui import heap


@st.cache_resource(show_spinner=False, max_entries=2)
def _extractor(path: str, mtime: float) -> Extractor:
    # `mtime` is only part of the cache key (a name starting with "_" would not be): an edited
    # CSV, with a new modification time, gets a new extractor
    del mtime
    heap.grew()
    return load_extractor(Path(path))


def extractor() -> Extractor:
    """The extractor for the gazetteer CSV in force (`democdash.settings` data folder), built
    once per path and modification time of the CSV and shared by every session."""
    path = gazetteer_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        mtime = 0.0  # pycountry's names only, as `load_gazetteer` does without the CSV
    return _extractor(str(path), mtime)
