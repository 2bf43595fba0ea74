"""A cached chart is sent exactly as plotly would send it, in one orjson call per rerun."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.io import _json as plotly_json

from democdash.ui.mapview import FrozenFigure


def _figure() -> go.Figure:
    """A chart with what made plotly clean a figure in Python: numpy arrays, dates, NaN,
    pandas timestamps and text that the JSON escapes."""
    days = pd.date_range("2020-08-01", periods=4, freq="D")
    figure = go.Figure(
        go.Scatter(
            x=days.to_numpy(),
            y=np.array([0.5, np.nan, 0.25, 1.0]),
            customdata=np.array([["e1", "BLR"], ["e2", "BLR"], ["e3", "RUS"], ["e4", "UKR"]]),
            hovertext=["<b>Minsk</b>", "“quoted”", "a & b", "</script>"],
        )
    )
    figure.add_vline(x=pd.Timestamp("2020-08-09"))
    figure.update_layout(height=300, title="Protests")
    return figure


def test_a_frozen_figure_is_sent_as_the_figure_itself():
    figure = _figure()
    assert pio.to_json(FrozenFigure(figure), validate=False) == pio.to_json(figure, validate=False)


def test_a_frozen_figure_is_serialised_without_plotlys_python_walk(monkeypatch):
    frozen = FrozenFigure(_figure())

    def walked(*args, **kwargs):
        raise AssertionError("plotly walked the figure in Python")

    monkeypatch.setattr(plotly_json, "clean_to_json_compatible", walked)
    assert '"Protests"' in pio.to_json(frozen, validate=False)
    with pytest.raises(AssertionError, match="walked"):  # a plain figure still needs the walk
        pio.to_json(_figure(), validate=False)
