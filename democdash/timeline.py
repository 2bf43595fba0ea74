"""The events timeline (a Plotly figure): lanes by country, coloured by type, drawing each date
only as precisely as the sources give it, each mark labelled with a short title.

- A dated event is a bar over its whole span: a month-precision event covers its month, a
  year-precision one its year. Spans of a week or less also get a diamond so they stay visible.
- An open interval ("since Aug 2020, continuing") runs to its latest source's date and ends in
  an arrow: it was still going on when the source was written.
- Every dated mark carries a short title (its summary cut at whole words): inside the bar when
  it fits, beside it otherwise. The layout reserves each label's room (at a nominal plot width,
  `PLOT_PX`) so that no two labels in a row overlap; inside labels that the real width cannot
  fit are hidden by Plotly rather than shrunk or overprinted.
- A country's undated events are one hatched group in its "undated" lane, over their bounds,
  labelled with their count ("13 undated events"); clicking it lists them (`picked`).
- Nothing is dropped: an event with no bound at all is in its country's group.

Events that do not overlap (labels included) share a row, so a country's lane stays compact.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from democdash import filters
from democdash.text import counted
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
GROUP_COLOUR = "#6F6F6F"
LABEL_COLOUR = "#262730"
DAY = pd.Timedelta(days=1)
#: Spans shorter than this also get a marker (a day is invisible on a multi-year axis).
SHORT_SPAN = pd.Timedelta(days=8)
ROW_HEIGHT = 28
#: Bars' thickness in rows: room for a label inside (11 px text and Plotly's padding).
BAR_WIDTH = 0.78
HOVER = "%{customdata[0]}<extra></extra>"
#: A label beside its mark is at most this many characters, ellipsis included; one inside a
#: long bar may take the bar's room up to `LABEL_MAX`.
LABEL_CHARS = 36
LABEL_MAX = 70
LABEL_FONT_PX = 11
#: Width of an average character of the label font, a little generous (Plotly cannot measure
#: text before drawing, so the layout reserves room from the character count).
CHAR_PX = 6.4
#: The plot area's width the layout is computed for (the Events page's main column, less the
#: lane names, at a 1400 px wide window); wider plots only add room between labels.
PLOT_PX = 760
#: Room kept between a mark and its label, and after a label.
PAD_PX = 10
#: `customdata[1]` of the undated group of a country: this prefix and the country's code.
GROUP_PREFIX = "undated:"
#: Hover text lists at most this many of a group's events.
GROUP_HOVER_LIMIT = 12
KEY_TEXT = (
    "Bar: the span the date covers (a month-precision date spans its month); ◆ marks a "
    "short one. ▶: continuing when the source was written. Hatched grey: the events whose "
    "date the sources do not state, one group per country over their bounds (from the left "
    "edge when no earlier bound is known); click it to list them. Click a bar to open its "
    "event. Hover for the full summary."
)


@dataclass(frozen=True)
class _Item:
    """One mark: an event's span, or a country's undated group (`ids` its events)."""

    id: str
    country: str
    type: str
    start: pd.Timestamp
    end: pd.Timestamp  # exclusive
    kind: str  # dated | open | group
    hover: str
    #: The full text the label is cut from (the event's summary; the group's label).
    text: str
    label: str = ""
    ids: tuple[str, ...] = ()
    row: float = 0.0
    #: Where the label goes: "inside" the bar, "outside" after it, or after its marker.
    place: str = "inside"
    #: The right end of the mark with its label (what must not overlap in a row).
    reach: pd.Timestamp | None = None


@dataclass(frozen=True)
class Pick:
    """What a click on the timeline picked: one event, or a country's undated group."""

    event: str | None = None
    undated_of: str | None = None


def short_title(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` in at most `limit` characters: whole words and an ellipsis when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = textwrap.shorten(text, width=limit, placeholder="…")
    if cut == "…":  # a first word longer than the limit
        return text[: limit - 1] + "…"
    head = cut[:-1].rstrip(" ,;:.-–(")
    return head + "…"


def label_px(text: str) -> float:
    """The width a label is expected to take on screen, in pixels (see `CHAR_PX`)."""
    return len(text) * CHAR_PX


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width) or [""])


def _sources_words(n: object) -> str:
    count = int(n) if isinstance(n, int | float) and pd.notna(n) else 0
    return f"{counted(count, 'source')} cited"


def _hover(e: dict, when: str, country: str, note: str) -> str:
    return (
        f"<b>{html.escape(when)}</b>{html.escape(note)}<br>"
        f"{html.escape(label(e['type']))} · {html.escape(country)} · "
        f"{_sources_words(e.get('n_sources'))}<br>{_wrap(e['summary'])}"
    )


def _group_hover(country: str, members: list[tuple[str, str]]) -> str:
    """The group's hover: its count, then the first events (date as given: title)."""
    n = len(members)
    lines = [
        f"<b>{counted(n, 'undated event')} · {html.escape(country)}</b>",
        "Dates not stated in the sources; click to list them with their quotes.",
    ]
    lines += [
        f"{html.escape(when)}: {html.escape(short_title(summary, 60))}"
        for when, summary in members[:GROUP_HOVER_LIMIT]
    ]
    if n > GROUP_HOVER_LIMIT:
        lines.append(f"… and {n - GROUP_HOVER_LIMIT} more")
    return "<br>".join(lines)


def _items(events: pd.DataFrame, source_dates: pd.Series, names: dict[str, str]) -> list[_Item]:
    """Each dated event as a drawable span, each country's undated events as one group;
    unbounded sides filled in from the data's own range."""
    src = source_dates.reindex(events["id"]).to_numpy()
    known = pd.concat(
        [events["date_earliest"], events["date_latest"], pd.Series(src, dtype="datetime64[ns]")]
    ).dropna()
    right = known.max() + DAY if len(known) else pd.Timestamp.today().normalize()
    left = known.min() if len(known) else right - DAY
    labels = filters.date_labels(events, source_dates)
    items: list[_Item] = []
    undated: dict[str, list[tuple[dict, pd.Timestamp | None, pd.Timestamp, str]]] = {}
    for e, source, when in zip(events.to_dict("records"), src, labels, strict=True):
        lo, hi = e["date_earliest"], e["date_latest"]
        name = names.get(e["country"], e["country"])
        source = pd.Timestamp(source) if pd.notna(source) else None
        if pd.isna(e["date_value"]):
            upper = pd.Timestamp(hi) if pd.notna(hi) else source
            end = (upper or right - DAY) + DAY
            start = pd.Timestamp(lo) if pd.notna(lo) else None
            undated.setdefault(e["country"], []).append((e, start, end, when))
            continue
        if e["open_end"]:
            end = (source or right - DAY) + DAY
            note = f" (as of {source:%b %Y})" if source is not None else ""
            kind = "open"
        else:
            end, note, kind = pd.Timestamp(hi) + DAY, "", "dated"
        start = pd.Timestamp(lo) if pd.notna(lo) else end - DAY
        hover = _hover(e, when, name, note)
        items.append(_Item(e["id"], e["country"], e["type"], start, end, kind, hover, e["summary"]))
    for country, members in undated.items():
        name = names.get(country, country)
        starts = [s for _, s, _, _ in members if s is not None]
        n = len(members)
        items.append(
            _Item(
                id=GROUP_PREFIX + country,
                country=country,
                type="",
                start=min(starts) if starts else left,
                end=max(end for _, _, end, _ in members),
                kind="group",
                hover=_group_hover(name, [(when, e["summary"]) for e, _, _, when in members]),
                text=f"{counted(n, 'undated event')} · click to list",
                ids=tuple(e["id"] for e, _, _, _ in members),
            )
        )
    return items


def _placed_label(item: _Item, px: pd.Timedelta) -> _Item:
    """The item's label and where it goes, and how far right the item reaches with it, when
    one pixel is `px` of time: inside a bar that holds a short title (as much of the text as
    fits, up to `LABEL_MAX`), else after the bar or its marker (`LABEL_CHARS`)."""
    width = (item.end - item.start) / px
    fits = int((width - PAD_PX) // CHAR_PX)
    if item.kind == "dated" and item.end - item.start <= SHORT_SPAN:
        text = short_title(item.text, LABEL_CHARS)
        return replace(item, label=text, place="marker", reach=item.end + px * _room(text, 8))
    if item.kind == "group" or fits < LABEL_CHARS:
        text = item.text if item.kind == "group" else short_title(item.text, LABEL_CHARS)
        if label_px(text) + PAD_PX <= width:
            return replace(item, label=text, place="inside", reach=item.end)
        if item.kind == "open":  # after the arrow that ends the bar
            return replace(item, label=text, place="marker", reach=item.end + px * _room(text, 8))
        return replace(item, label=text, place="outside", reach=item.end + px * _room(text))
    text = short_title(item.text, min(fits, LABEL_MAX))
    return replace(item, label=text, place="inside", reach=item.end)


def _room(text: str, marker: float = 0) -> float:
    """Pixels a label beside its mark takes (with the gap to the mark and after the label)."""
    return marker + label_px(text) + PAD_PX


def _pack(items: list[_Item], gap: pd.Timedelta) -> list[list[_Item]]:
    """Greedy interval packing: rows of items that do not overlap, labels included (earliest
    first)."""
    rows: list[list[_Item]] = []
    ends: list[pd.Timestamp] = []
    for item in sorted(items, key=lambda i: (i.start, i.end, i.id)):
        reach = item.reach or item.end
        for n, end in enumerate(ends):
            if item.start >= end + gap:
                rows[n].append(item)
                ends[n] = max(end, reach)
                break
        else:
            rows.append([item])
            ends.append(reach)
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
        lanes = ((name, ("dated", "open")), (f"{name} · undated", ("group",)))
        for lane, kinds in lanes:
            chosen = [i for i in mine if i.kind in kinds]
            if not chosen:
                continue
            rows = _pack(chosen, gap)
            ticks.append(y + (len(rows) - 1) / 2)
            labels.append(lane)
            for row in rows:
                placed += [replace(item, row=y) for item in row]
                y += 1
        separators.append(y - 0.2)
        y += 0.6
    return placed, ticks, labels, separators[:-1]


def _ms(delta: pd.Timedelta) -> float:
    return delta / pd.Timedelta(milliseconds=1)


def _customdata(items: list[_Item]) -> list[list[object]]:
    return [[i.hover, i.id, list(i.ids)] for i in items]


def _spans(items: list[_Item]) -> dict:
    """What every horizontal bar trace of the timeline shares: each item's span on its row,
    with its hover."""
    return {
        "orientation": "h",
        "base": [i.start for i in items],
        "x": [_ms(i.end - i.start) for i in items],
        "y": [i.row for i in items],
        "customdata": _customdata(items),
        "hovertemplate": HOVER,
    }


def _bar(items: list[_Item], colour: str, name: str, show: bool) -> go.Bar:
    """Solid bars, each labelled inside or after it (no label where a marker carries it)."""
    return go.Bar(
        **_spans(items),
        width=BAR_WIDTH,
        marker={"color": colour, "line": {"color": colour, "width": 1}},
        text=[i.label if i.place in ("inside", "outside") else "" for i in items],
        textposition=[i.place if i.place in ("inside", "outside") else "none" for i in items],
        insidetextanchor="start",
        constraintext="inside",
        cliponaxis=False,
        textfont={"size": LABEL_FONT_PX},
        outsidetextfont={"size": LABEL_FONT_PX, "color": LABEL_COLOUR},
        name=name,
        legendgroup=name,
        showlegend=show,
    )


def _group_bar(items: list[_Item]) -> go.Bar:
    """The undated groups: hatched grey bars over their bounds, labelled with their count."""
    return go.Bar(
        **_spans(items),
        width=0.8,
        marker={
            "color": "#f4f4f4",
            "line": {"color": GROUP_COLOUR, "width": 1},
            "pattern": {"shape": "/", "fgcolor": "#c8c8c8", "solidity": 0.15},
        },
        text=[i.label for i in items],
        textposition=[i.place for i in items],
        insidetextanchor="start",
        insidetextfont={"color": LABEL_COLOUR, "size": LABEL_FONT_PX + 1},
        outsidetextfont={"color": LABEL_COLOUR, "size": LABEL_FONT_PX + 1},
        constraintext="inside",
        cliponaxis=False,
        name="Undated events",
        showlegend=False,
    )


def _markers(items: list[_Item], colour: str, name: str, symbol: str, at_end: bool) -> go.Scatter:
    """Markers (a short span's diamond, an open end's arrow), each followed by its item's
    label where the label goes after the marker."""
    labelled = any(i.place == "marker" for i in items)
    return go.Scatter(
        x=[(i.end - DAY) if at_end else i.start + (i.end - i.start) / 2 for i in items],
        y=[i.row for i in items],
        mode="markers+text" if labelled else "markers",
        text=[f"  {i.label}" if i.place == "marker" else "" for i in items] if labelled else None,
        textposition="middle right",
        textfont={"size": LABEL_FONT_PX, "color": LABEL_COLOUR},
        marker={
            "symbol": symbol,
            "size": 10,
            "color": colour,
            "line": {"color": "white", "width": 1.5},
        },
        customdata=_customdata(items),
        hovertemplate=HOVER,
        cliponaxis=False,
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
    bound end there. Every dated event is in the figure as a bar whose `customdata[1]` is its
    id (markers for short spans repeat it); each country's undated events are one group whose
    `customdata[1]` is `GROUP_PREFIX` + its country and `customdata[2]` their ids. Hover text
    is HTML-escaped.
    """
    names = country_names or {}
    fig = go.Figure()
    if events.empty:
        note = {"text": "No events to show", "showarrow": False, "xref": "paper", "yref": "paper"}
        fig.update_layout(height=120, annotations=[note])
        return fig
    items = _items(events, source_dates, names)
    lo = min(i.start for i in items)
    hi = max(i.end for i in items)
    longest = _room("x" * LABEL_CHARS, 8)
    # the data's span fills the plot less a margin and the room of one label after its end
    px = max(hi - lo, DAY) / max(PLOT_PX - longest - 2 * PAD_PX, PLOT_PX / 3)
    items = [_placed_label(i, px) for i in items]
    gap = px * 4
    order = (
        events.assign(_name=events["country"].map(lambda c: names.get(c, c)))
        .sort_values("_name")["country"]
        .drop_duplicates()
        .tolist()
    )
    placed, ticks, labels, separators = _layout_rows(items, order, names, gap)
    dated = [i for i in placed if i.kind != "group"]
    types = [t for t in TYPE_COLOURS if any(i.type == t for i in dated)]
    types += sorted({i.type for i in dated} - set(types))
    for t in types:
        colour = TYPE_COLOURS.get(t, "#6F6F6F")
        name = label(t)
        mine = [i for i in dated if i.type == t]
        fig.add_trace(_bar(mine, colour, name, True))
        if short := [i for i in mine if i.kind == "dated" and i.place == "marker"]:
            fig.add_trace(_markers(short, colour, name, "diamond", at_end=False))
        if opened := [i for i in mine if i.kind == "open"]:
            fig.add_trace(_markers(opened, colour, name, "triangle-right", at_end=True))
    if groups := [i for i in placed if i.kind == "group"]:
        fig.add_trace(_group_bar(groups))
    rows = max((i.row for i in placed), default=0) + 1
    # at most PLOT_PX pixels of the scale `px`: a plot that wide or wider has room for all
    left = lo - px * PAD_PX
    right = max(i.reach or i.end for i in placed) + px * PAD_PX
    fig.update_layout(
        barmode="overlay",
        height=int(110 + ROW_HEIGHT * rows),
        margin={"l": 10, "r": 10, "t": 36, "b": 30},
        uniformtext={"mode": "hide", "minsize": LABEL_FONT_PX - 1},
        xaxis={
            "type": "date",
            "showgrid": True,
            "gridcolor": "#eeeeee",
            "range": [left, right],
        },
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
    """The event ids a timeline figure draws, directly or in an undated group (for tests and
    checks that nothing was dropped)."""
    ids: set[str] = set()
    for trace in fig.data:
        for cd in trace.customdata or []:
            ids.update(cd[2] if str(cd[1]).startswith(GROUP_PREFIX) else [cd[1]])
    return ids


def picked(points: Sequence[dict]) -> Pick | None:
    """What the clicked points (a Plotly selection's `points`, each with its `customdata`)
    picked: the first point's event, or its undated group's country; None for nothing."""
    for point in points:
        data = point.get("customdata")
        if not data or len(data) < 2:
            continue
        key = str(data[1])
        if key.startswith(GROUP_PREFIX):
            return Pick(undated_of=key.removeprefix(GROUP_PREFIX))
        return Pick(event=key)
    return None
