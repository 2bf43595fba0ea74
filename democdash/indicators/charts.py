"""Indicator charts: a country's trajectory with its interval band, our sourced events marked
on it at their dates (a month is drawn as a span, never as a day), the regime type as a band
under it; and small multiples of several countries, one indicator at a time.

Annual values are drawn at mid-year (V-Dem's indices are day-weighted means over the year).
Every hover names the citation; event hovers carry the quote and its source.
"""

from __future__ import annotations

import html
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from democdash.indicators.colouring import CATEGORY_COLOURS, LEVEL_COLOURS
from democdash.indicators.spec import ColumnSpec
from democdash.indicators.table import IndicatorTable

LINE_COLOUR = "#08519c"
BAND_COLOUR = "rgba(49, 130, 189, 0.2)"
EVENT_COLOUR = "#6a3d9a"  # purple: apart from the line (blue) and the regime band
#: Columns an events frame passed in must have (the view adds quote and citation).
EVENT_COLUMNS = ("id", "summary", "date_earliest", "date_latest", "when", "quote", "citation")


def _mid_year(years: pd.Series) -> pd.Series:
    return pd.to_datetime(years.astype(int).astype(str) + "-07-02")


def _wrap(text: object, width: int = 60) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text or ""), width))


def dated(events: pd.DataFrame) -> pd.DataFrame:
    """The events with both date bounds known (they can be placed on a line)."""
    if events.empty:
        return events
    return events[events["date_earliest"].notna() & events["date_latest"].notna()]


def undated(events: pd.DataFrame) -> pd.DataFrame:
    """The events a chart cannot place (a bound unknown): views list them apart."""
    if events.empty:
        return events
    return events[events["date_earliest"].isna() | events["date_latest"].isna()]


def _value_hover(column: ColumnSpec, rows: pd.DataFrame, citation: str) -> list[str]:
    texts = []
    for _, row in rows.iterrows():
        interval = ""
        if column.interval is not None and pd.notna(row["low"]):
            interval = f" ({column.interval_label}: {row['low']:.3f}–{row['high']:.3f})"
        texts.append(
            f"<b>{int(row['year'])}</b>: {html.escape(str(row['label']))}{html.escape(interval)}"
            f"<br>{html.escape(column.label)} · {html.escape(citation)}"
        )
    return texts


def _numeric_y(column: ColumnSpec, rows: pd.DataFrame) -> pd.Series:
    if column.kind == "categorical":
        keys = list(column.categories)
        return rows["value"].map(lambda v: keys.index(str(v)))
    return rows["value"]


def _add_line(
    fig: go.Figure, table: IndicatorTable, country: str, name: str, row: int = 1, col: int = 1
) -> pd.DataFrame:
    column = table.column(name)
    rows = table.series(country, name)
    if rows.empty:
        return rows
    x = _mid_year(rows["year"])
    if column.interval is not None and rows["low"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=pd.concat([x, x[::-1]]),
                y=pd.concat([rows["high"], rows["low"][::-1]]),
                fill="toself",
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                hoverinfo="skip",
                name=column.interval_label,
                legendgroup="band",
                showlegend=row == 1 and col == 1,
            ),
            row=row,
            col=col,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=_numeric_y(column, rows),
            mode="lines+markers",
            line={
                "color": LINE_COLOUR,
                "width": 2,
                "shape": "hv" if column.kind != "numeric" else "linear",
            },
            marker={"size": 5},
            hovertext=_value_hover(column, rows, table.spec.short_citation),
            hoverinfo="text",
            name=column.label,
            legendgroup="line",
            showlegend=row == 1 and col == 1,
        ),
        row=row,
        col=col,
    )
    return rows


def _event_traces(events: pd.DataFrame, line: pd.DataFrame, column: ColumnSpec) -> list[go.Scatter]:
    """Each dated event on the line: a marker at its middle, a span for its bounds."""
    placed = dated(events)
    if placed.empty or line.empty:
        return []
    xs = _mid_year(line["year"]).to_numpy(dtype="datetime64[ns]").astype("int64")
    ys = _numeric_y(column, line).to_numpy(dtype=float)
    span_x: list[object] = []
    span_y: list[object] = []
    mid_x, mid_y, hover = [], [], []
    for _, event in placed.iterrows():
        start = pd.Timestamp(event["date_earliest"])
        end = pd.Timestamp(event["date_latest"])
        middle = start + (end - start) / 2
        y = float(np.interp(middle.as_unit("ns").value, xs, ys))
        if end > start:
            span_x += [start, end, None]
            span_y += [y, y, None]
        mid_x.append(middle)
        mid_y.append(y)
        hover.append(
            f"<b>{html.escape(str(event['when']))}</b><br>{_wrap(event['summary'])}"
            f"<br><i>“{_wrap(event['quote'])}”</i><br>{html.escape(str(event['citation']))}"
        )
    traces = []
    if span_x:
        traces.append(
            go.Scatter(
                x=span_x,
                y=span_y,
                mode="lines",
                line={"color": EVENT_COLOUR, "width": 5},
                opacity=0.6,
                hoverinfo="skip",
                name="event's date span",
            )
        )
    traces.append(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            marker={
                "symbol": "diamond",
                "size": 11,
                "color": EVENT_COLOUR,
                "line": {"width": 1, "color": "#ffffff"},
            },
            hovertext=hover,
            hoverinfo="text",
            customdata=[[i] for i in placed["id"]],
            name="event in our sources",
        )
    )
    return traces


def _band_traces(table: IndicatorTable, country: str, band: str) -> list[go.Bar]:
    column = table.column(band)
    rows = table.series(country, band)
    keys = list(column.categories)
    palette = CATEGORY_COLOURS.get(len(keys)) or LEVEL_COLOURS[: len(keys)]
    traces = []
    year_ms = 365 * 24 * 3600 * 1000
    for key, colour in zip(keys, palette, strict=True):
        part = rows[rows["value"].astype(str) == key]
        if part.empty:
            continue
        traces.append(
            go.Bar(
                x=_mid_year(part["year"]),
                y=[1] * len(part),
                width=[year_ms] * len(part),
                marker={"color": colour, "line": {"width": 0}},
                name=column.categories[key],
                hovertext=[
                    f"{int(y)}: {html.escape(column.categories[key])}<br>"
                    f"{html.escape(column.label)} · {html.escape(table.spec.short_citation)}"
                    for y in part["year"]
                ],
                hoverinfo="text",
                legendgroup="band-" + key,
            )
        )
    return traces


def trajectory(
    table: IndicatorTable,
    country: str,
    name: str,
    events: pd.DataFrame | None = None,
    band: str | None = None,
) -> go.Figure:
    """One country's indicator over time: the line, its interval band where the file has one,
    our dated events on it (hover: date, summary, quote, source), and `band` (a categorical
    column such as the regime type) as a strip under it."""
    column = table.column(name)
    with_band = band is not None and not table.series(country, band).empty
    fig = make_subplots(
        rows=2 if with_band else 1,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.84, 0.16] if with_band else [1.0],
        vertical_spacing=0.04,
    )
    line = _add_line(fig, table, country, name)
    for trace in _event_traces(events if events is not None else pd.DataFrame(), line, column):
        fig.add_trace(trace, row=1, col=1)
    if with_band:
        for trace in _band_traces(table, country, band):
            fig.add_trace(trace, row=2, col=1)
        fig.update_yaxes(
            showticklabels=False,
            showgrid=False,
            title_text=table.column(band).label,
            title_font={"size": 10},
            row=2,
            col=1,
        )
    if column.kind == "categorical":
        fig.update_yaxes(
            tickmode="array",
            tickvals=list(range(len(column.categories))),
            ticktext=list(column.categories.values()),
            row=1,
            col=1,
        )
    elif column.minimum is not None and column.maximum is not None:
        fig.update_yaxes(range=[column.minimum, column.maximum], row=1, col=1)
    fig.update_yaxes(title_text=column.label, row=1, col=1)
    fig.update_layout(
        height=420 if with_band else 360,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        bargap=0,
        hovermode="closest",
        legend={"orientation": "h", "y": -0.12},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def small_multiples(
    table: IndicatorTable, countries: list[tuple[str, str]], name: str, columns: int = 3
) -> go.Figure:
    """One small chart per (code, name) country, same axes, one indicator: trajectories side
    by side. A country without values in the file says so in its panel."""
    column = table.column(name)
    rows = max(1, math.ceil(len(countries) / columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=[html.escape(n) for _, n in countries],
        vertical_spacing=0.12,
    )
    for i, (code, label) in enumerate(countries):
        r, c = i // columns + 1, i % columns + 1
        drawn = _add_line(fig, table, code, name, row=r, col=c)
        if drawn.empty:
            fig.add_annotation(
                text=f"no values for {html.escape(label)} in this file",
                showarrow=False,
                row=r,
                col=c,
                x=0.5,
                y=0.5,
                xref="x domain",
                yref="y domain",
            )
    if column.kind == "numeric" and column.minimum is not None and column.maximum is not None:
        fig.update_yaxes(range=[column.minimum, column.maximum])
    fig.update_layout(
        height=240 * rows,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=False,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig
