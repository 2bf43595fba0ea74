"""The timeline draws every event, each only as precisely as its sources give its date."""

from __future__ import annotations

import pandas as pd

from democdash import filters, frames, timeline

SRC = {"article": "mar-2021", "paragraph": 1, "quote": "a quote from March"}
ARTICLES = [{"id": "mar-2021", "source_type": "opinion", "published": {"value": "2021-03"}}]


def _event(id_, date_, country="BLR", type_="protest", summary=None):
    return {
        "id": id_,
        "date": date_,
        "country": country,
        "type": type_,
        "summary": summary or f"Summary of {id_}.",
        "sources": [SRC],
    }


EVENTS = [
    _event("month", {"value": "2020-08"}, type_="election"),
    _event("day", {"value": "2021-02-01"}, country="MMR", type_="coup"),
    _event("open", {"value": "2020-08/.."}),
    _event("before", {"basis": "not_stated"}, type_="statement"),
    _event("between", {"basis": "not_stated", "earliest": "2020-10-01"}, type_="crackdown"),
    _event("html", {"value": "2020"}, summary="<b>bold</b> <script>alert(1)</script>"),
]
NAMES = {"BLR": "Belarus", "MMR": "Myanmar"}


def figure():
    events = frames.frame("events", EVENTS)
    src = filters.source_dates(events, frames.frame("articles", ARTICLES))
    return timeline.timeline_figure(events, src, NAMES)


def traces_with(fig, event_id):
    return [
        (trace, i)
        for trace in fig.data
        for i, cd in enumerate(trace.customdata or [])
        if cd[1] == event_id
    ]


def bar_span(fig, event_id):
    (trace, i), *_ = [(t, i) for t, i in traces_with(fig, event_id) if t.type == "bar"]
    start = pd.Timestamp(trace.base[i])
    return start, start + pd.Timedelta(milliseconds=trace.x[i]), trace


def test_every_event_is_drawn_nothing_dropped():
    assert timeline.drawn_ids(figure()) == {e["id"] for e in EVENTS}


def test_month_precision_event_spans_its_month():
    start, end, trace = bar_span(figure(), "month")
    assert (start, end) == (pd.Timestamp("2020-08-01"), pd.Timestamp("2020-09-01"))
    assert trace.marker.color == timeline.TYPE_COLOURS["election"]


def test_open_interval_runs_to_its_source_date_and_ends_in_an_arrow():
    fig = figure()
    start, end, _ = bar_span(fig, "open")
    assert (start, end) == (pd.Timestamp("2020-08-01"), pd.Timestamp("2021-04-01"))
    symbols = {t.marker.symbol for t, _ in traces_with(fig, "open") if t.type == "scatter"}
    assert symbols == {"triangle-right"}


def test_day_precision_event_gets_a_visible_marker():
    fig = figure()
    start, end, _ = bar_span(fig, "day")
    assert end - start == pd.Timedelta(days=1)
    markers = [(t, i) for t, i in traces_with(fig, "day") if t.type == "scatter"]
    assert [t.marker.symbol for t, _ in markers] == ["diamond"]
    assert pd.Timestamp(markers[0][0].x[markers[0][1]]) == pd.Timestamp("2021-02-01 12:00")


def test_undated_events_are_one_group_in_their_countrys_undated_lane():
    fig = figure()
    lanes = dict(zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True))
    assert "Belarus · undated" in lanes and "Belarus" in lanes
    (group, i), *more = traces_with(fig, timeline.GROUP_PREFIX + "BLR")
    assert not more, "one mark for the group"
    assert set(group.customdata[i][2]) == {"before", "between"}
    assert not traces_with(fig, "before") and not traces_with(fig, "between")
    assert group.marker.pattern.shape == "/"  # hatched: somewhere in these bounds
    # over the group's bounds: the earliest stated bound to the article's date
    start = pd.Timestamp(group.base[i])
    assert start == pd.Timestamp("2020-10-01")
    assert start + pd.Timedelta(milliseconds=group.x[i]) == pd.Timestamp("2021-04-01")
    dated_rows = {t.y[i] for t, i in traces_with(fig, "month") + traces_with(fig, "open")}
    assert group.y[i] > max(dated_rows)


def test_hover_text_is_escaped_and_says_the_date_as_given():
    fig = figure()
    (trace, i), *_ = traces_with(fig, "html")
    hover = trace.customdata[i][0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    (trace, i), *_ = traces_with(fig, timeline.GROUP_PREFIX + "BLR")
    assert "not stated, before Mar 2021" in trace.customdata[i][0]


def test_legend_has_one_entry_per_type():
    names = [t.name for t in figure().data if t.showlegend]
    # the undated statement and crackdown are in the (grey) undated group, not the legend
    assert sorted(names) == ["Coup", "Election", "Protest"]


def test_legend_sits_above_the_lanes_clear_of_the_date_labels():
    legend = figure().layout.legend
    assert legend.yanchor == "bottom" and legend.y >= 1, "a legend below runs into the dates"


def test_an_empty_selection_gives_an_empty_figure_with_a_note():
    fig = timeline.timeline_figure(frames.frame("events", []), pd.Series(dtype="datetime64[ns]"))
    assert not fig.data
    assert fig.layout.annotations[0].text == "No events to show"
