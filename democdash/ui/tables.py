"""`st.dataframe` for the app's shared tables: each converted to Arrow once, not every rerun.

Streamlit converts a pandas frame to Arrow on every call (about 1 ms for a small table, more
for a large one). The tables pages draw are mostly shared values made once per revision
(`data.derived`), the same object rerun after rerun, so their Arrow form is kept beside them
for as long as they live. A frame Arrow cannot take as it is goes to Streamlit unchanged, which
has its own fallbacks.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

_converted: dict[int, tuple[weakref.ref, pa.Table | pd.DataFrame]] = {}
_lock = threading.Lock()


def _forget(key: int) -> None:
    with _lock:
        _converted.pop(key, None)


def arrow(frame: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """`frame` as an Arrow table (without its index), converted once per frame object."""
    key = id(frame)
    with _lock:
        entry = _converted.get(key)
    if entry is not None and entry[0]() is frame:
        return entry[1]
    try:
        table: pa.Table | pd.DataFrame = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        table = frame
    with _lock:
        _converted[key] = (weakref.ref(frame, lambda _ref, k=key: _forget(k)), table)
    return table


def table(frame: pd.DataFrame, columns: Mapping[str, Any], **kwargs: Any):
    """`frame` (from its Arrow form) as a full-width table of the columns named in `columns`, in
    that order, each configured by its value there (an `st.column_config` column, or a label)."""
    return st.dataframe(
        arrow(frame),
        hide_index=True,
        width="stretch",
        column_order=list(columns),
        column_config=dict(columns),
        **kwargs,
    )
