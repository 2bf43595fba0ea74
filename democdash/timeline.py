"""The events timeline (a Plotly figure): lanes by country, coloured by type, drawing each date
only as precisely as the sources give it.

- A dated event is a bar over its whole span: a month-precision event covers its month, a
  year-precision one its year. Spans of a week or less also get a diamond so they stay visible.
- An open interval ("since Aug 2020, continuing") runs to its latest source's date and ends in
  an arrow: it was still going on when the source was written.
- An undated event sits in its country's "undated" lane: a hatched bar over its stated bounds
  ("between Aug and Nov 2020"), or a hollow marker at its upper bound ("before Nov 2020").
- Nothing is dropped: an event with no bound at all is drawn at the right edge of the axis.

Events that do not overlap share a row, so a country's lane stays compact.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from democdash import filters
from democdash.vocab import EventType, label

#: Okabe-Ito (colour-blind safe) plus greys, one per event type.
TYPE_COLOURS: dict[str, str] = {
    EventType.ELECTION: "#0072B2",
    EventType.PROTEST: "#E69F00",
    EventType.STRIKE: "#F0E442",
    EventType.CRACKDOWN: "#D55E00",
    EventType.COUP: "#000000",
    EventType.SANCTION: "#CC79A7",
    EventType.DIPLOMACY: "#56B4E9",
    EventType.LEGISLATION_REFORM: "#009E73",
    EventType.VIOLENCE: "#882255",
    EventType.STATEMENT: "#999999",
    EventType.OTHER: "#6F6F6F",
}
DAY = pd.Timedelta(days=1)
#: Spans shorter than this also get a marker (a day is invisible on a multi-year axis).
SHORT_SPAN = pd.Timedelta(days=8)
ROW_HEIGHT = 22
HOVER = "%{customdata[0]}<extra></extra>"
UNDATED_KINDS = ("undated_span", "undated_before")
KEY_TEXT = (
    "Bar: the span the date covers (a month-precision date spans its month). ▶: continuing "
    "when the source was written. Hatched: not stated, somewhere in this span. ◁ hollow: not "
    "stated, before this date (the source's date)."
)


@dataclass(frozen=True)
class _Item:
    id: str
    country: str
    type: str
    start: pd.Timestamp
    end: pd.Timestamp  # exclusive
    kind: str  # dated | open | undated_span | undated_before
    hover: str
    row: float = 0.0


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width) or [""])


def _hover(e: pd.Series, when: str, country: str, note: str) -> str:
    return (
        f"<b>{html.escape(when)}</b>{html.escape(note)}<br>"
        f"{html.escape(label(e['type']))} · {html.escape(country)}<br>{_wrap(e['summary'])}"
    )


def _items(events: pd.DataFrame, source_dates: pd.Series, names: dict[str, str]) -> list[_Item]:
    """Each event as a drawable span; unbounded sides filled in from the data's own range."""
    src = source_dates.reindex(events["id"]).to_numpy()
    known = pd.concat(
        [events["date_earliest"], events["date_latest"], pd.Series(src, dtype="datetime64[ns]")]
    ).dropna()
    right = known.max() + DAY if len(known) else pd.Timestamp.today().normalize()
    labels = filters.date_labels(events, source_dates)
    items = []
    for e, source, when in zip(events.to_dict("records"), src, labels, strict=True):
        lo, hi = e["date_earliest"], e["date_latest"]
        name = names.get(e["country"], e["country"])
        source = pd.Timestamp(source) if pd.notna(source) else None
        if pd.notna(e["date_value"]) and e["open_end"]:
            end = (source or right - DAY) + DAY
            note = f" (as of {source:%b %Y})" if source is not None else ""
            kind = "open"
        elif pd.notna(e["date_value"]):
            end, note, kind = pd.Timestamp(hi) + DAY, "", "dated"
        else:
            upper = pd.Timestamp(hi) if pd.notna(hi) else source
            end = (upper or right - DAY) + DAY
            kind = "undated_span" if pd.notna(lo) else "undated_before"
            note = "" if upper is not None else " (no bound known: drawn at the right edge)"
        start = pd.Timestamp(lo) if pd.notna(lo) else end - DAY
        hover = _hover(pd.Series(e), when, name, note)
        items.append(_Item(e["id"], e["country"], e["type"], start, end, kind, hover))
    return items


def _pack(items: list[_Item], gap: pd.Timedelta) -> list[list[_Item]]:
    """Greedy interval packing: rows of items that do not overlap (earliest first)."""
    rows: list[list[_Item]] = []
    ends: list[pd.Timestamp] = []
    for item in sorted(items, key=lambda i: (i.start, i.end, i.id)):
        for n, end in enumerate(ends):
            if item.start >= end + gap:
                rows[n].append(item)
                ends[n] = max(end, item.end)
                break
        else:
            rows.append([item])
            ends.append(item.end)
    return rows


def _layout_rows(
    items: list[_Item], order: list[str], names: dict[str, str], gap: pd.Timedelta
) -> tuple[list[_Item], list[float], list[str], list[float]]:
    """Give every item a y position; country blocks top to bottom, undated lane last in each.

    Returns the placed items, tick positions and labels, and the y of each block separator.
    """
    placed: list[_Item] = []
    ticks: list[float] = []
    labels: list[str] = []
    separators: list[float] = []
    y = 0.0
    for country in order:
        mine = [i for i in items if i.country == country]
        name = names.get(country, country)
        lanes = ((name, ("dated", "open")), (f"{name} · undated", UNDATED_KINDS))
        for lane, kinds in lanes:
            chosen = [i for i in mine if i.kind in kinds]
            if not chosen:
                continue
            # "before X" markers get a little room to the left so they do not sit on each other
            rows = _pack(
                [
                    i if i.kind != "undated_before" else _replace(i, start=i.end - gap * 2)
                    for i in chosen
                ],
                gap,
            )
            ticks.append(y + (len(rows) - 1) / 2)
            labels.append(lane)
            for row in rows:
                for item in row:
                    original = next(c for c in chosen if c.id == item.id)
                    placed.append(_replace(original, row=y))
                y += 1
        separators.append(y - 0.2)
        y += 0.6
    return placed, ticks, labels, separators[:-1]


def _replace(item: _Item, **changes: object) -> _Item:
    return _Item(**{**item.__dict__, **changes})


def _ms(delta: pd.Timedelta) -> float:
    return delta / pd.Timedelta(milliseconds=1)


def _bar(items: list[_Item], colour: str, name: str, show: bool, hatched: bool) -> go.Bar:
    return go.Bar(
        orientation="h",
        base=[i.start for i in items],
        x=[_ms(i.end - i.start) for i in items],
        y=[i.row for i in items],
        customdata=[[i.hover, i.id] for i in items],
        hovertemplate=HOVER,
        width=0.7,
        marker={
            "color": "white" if hatched else colour,
            "line": {"color": colour, "width": 1},
            "pattern": {"shape": "/", "fgcolor": colour, "solidity": 0.35} if hatched else {},
        },
        name=name,
        legendgroup=name,
        showlegend=show,
    )


def _markers(items: list[_Item], colour: str, name: str, symbol: str, at_end: bool) -> go.Scatter:
    return go.Scatter(
        x=[(i.end - DAY) if at_end else i.start + (i.end - i.start) / 2 for i in items],
        y=[i.row for i in items],
        mode="markers",
        marker={
            "symbol": symbol,
            "size": 10,
            "color": colour,
            "line": {"color": colour if symbol.endswith("open") else "white", "width": 1.5},
        },
        customdata=[[i.hover, i.id] for i in items],
        hovertemplate=HOVER,
        name=name,
        legendgroup=name,
        showlegend=False,
    )


def timeline_figure(
    events: pd.DataFrame,
    source_dates: pd.Series,
    country_names: dict[str, str] | None = None,
) -> go.Figure:
    """A timeline of `events` (the events frame, any subset) by country, coloured by type.

    `source_dates` gives, per event id, its latest source's publication date
    (`filters.source_dates`): open intervals run to it and undated events without a stated
    bound end there. Every event is in the figure once as a bar or marker whose `customdata[1]`
    is its id (markers for short spans repeat it). Hover text is HTML-escaped.
    """
    names = country_names or {}
    fig = go.Figure()
    if events.empty:
        note = {"text": "No events to show", "showarrow": False, "xref": "paper", "yref": "paper"}
        fig.update_layout(height=120, annotations=[note])
        return fig
    items = _items(events, source_dates, names)
    known = [i.start for i in items] + [i.end for i in items]
    span = max(known) - min(known)
    gap = max(span / 150, DAY)
    order = (
        events.assign(_name=events["country"].map(lambda c: names.get(c, c)))
        .sort_values("_name")["country"]
        .drop_duplicates()
        .tolist()
    )
    placed, ticks, labels, separators = _layout_rows(items, order, names, gap)
    types = [t for t in TYPE_COLOURS if any(i.type == t for i in placed)]
    types += sorted({i.type for i in placed} - set(types))
    for t in types:
        colour = TYPE_COLOURS.get(t, "#6F6F6F")
        name = label(t)
        mine = [i for i in placed if i.type == t]
        solid = [i for i in mine if i.kind in ("dated", "open")]
        hatched = [i for i in mine if i.kind == "undated_span"]
        before = [i for i in mine if i.kind == "undated_before"]
        fig.add_trace(_bar(solid, colour, name, True, hatched=False))
        if hatched:
            fig.add_trace(_bar(hatched, colour, name, False, hatched=True))
        short = [i for i in solid if i.kind == "dated" and i.end - i.start <= SHORT_SPAN]
        if short:
            fig.add_trace(_markers(short, colour, name, "diamond", at_end=False))
        if opened := [i for i in solid if i.kind == "open"]:
            fig.add_trace(_markers(opened, colour, name, "triangle-right", at_end=True))
        if before:
            fig.add_trace(_markers(before, colour, name, "triangle-left-open", at_end=True))
    rows = max((i.row for i in placed), default=0) + 1
    fig.update_layout(
        barmode="overlay",
        height=int(110 + ROW_HEIGHT * rows),
        margin={"l": 10, "r": 10, "t": 36, "b": 30},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#eeeeee"},
        yaxis={
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [html.escape(t) for t in labels],
            "range": [rows - 0.4, -0.6],
            "showgrid": False,
            "zeroline": False,
        },
        # above the lanes: below them, a short timeline's date labels run into the legend
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "title": {"text": "Type"},
        },
        plot_bgcolor="white",
        paper_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"align": "left"},
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": y,
                "y1": y,
                "line": {"color": "#cccccc", "width": 1},
            }
            for y in separators
        ],
    )
    return fig


def drawn_ids(fig: go.Figure) -> set[str]:
    """The event ids a timeline figure draws (for tests and checks that nothing was dropped)."""
    return {cd[1] for trace in fig.data for cd in (trace.customdata or [])}
