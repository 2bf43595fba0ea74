"""`democdash.ui.tables`: shared tables go to Streamlit as Arrow made once, with their columns."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest


def _one_table() -> None:
    import pandas as pd
    import streamlit as st

    from democdash.ui import tables

    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "hidden": [0, 0]})
    tables.table(frame, {"b": st.column_config.TextColumn("Bee"), "a": "Ay"})


def test_table_shows_the_named_columns_in_order_with_their_labels():
    at = AppTest.from_function(_one_table).run()
    assert not at.exception
    (shown,) = at.dataframe
    assert list(shown.proto.column_order) == ["b", "a"]  # "hidden" is not shown
    config = json.loads(shown.proto.columns)
    assert config["b"]["label"] == "Bee" and config["a"]["label"] == "Ay"
    assert config["_index"]["hidden"] is True
    assert shown.value["b"].tolist() == ["x", "y"]


def test_a_frame_is_converted_to_arrow_once_while_it_lives():
    from democdash.ui import tables

    frame = pd.DataFrame({"a": [1, 2]})
    first = tables.arrow(frame)
    assert tables.arrow(frame) is first
    assert first.column_names == ["a"]  # without the index
    assert tables.arrow(frame.copy()) is not first  # another frame, another conversion
