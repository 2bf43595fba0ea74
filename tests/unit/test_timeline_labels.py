"""The timeline reads without hovering: every dated mark carries a short title that fits
where it is drawn, no two labels in a row overlap, and a country's undated events are one
labelled group whose click lists them."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from democdash import filters, frames, timeline

SRC = {"article": "mar-2021", "paragraph": 1, "quote": "a quote from March"}
ARTICLES = [{"id": "mar-2021", "source_type": "opinion", "published": {"value": "2021-03"}}]
SENTENCE = (
    "Protesters gathered again in the capital to demand the release of political prisoners "
    "and new elections under international observation"
)
WORDS = SENTENCE.split(" ")


def _event(id_, date_, country="BLR", type_="protest", words=12):
    return {
        "id": id_,
        "date": date_,
        "country": country,
        "type": type_,
        "summary": f"{id_}: " + " ".join(WORDS[:words]) + ".",
        "sources": [SRC],
    }


def dense_country() -> list[dict]:
    """A busy country (more than Belarus has): days, months, open intervals and a year, many
    of them at the same time, and undated events with and without bounds."""
    events = []
    types = itertools.cycle(["protest", "crackdown", "election", "strike", "sanction"])
    for n in range(14):  # days, two a month, some on the same day
        events.append(_event(f"day{n}", {"value": f"2020-{n % 7 + 6:02d}-{n % 2 * 9 + 9:02d}"}))
    for n in range(8):
        month = {"value": f"2020-{n + 3:02d}"}
        events.append(_event(f"month{n}", month, type_=next(types), words=4 + n))
    for n in range(4):
        events.append(_event(f"open{n}", {"value": f"2020-{n * 2 + 5:02d}/.."}, words=16))
    events.append(_event("year", {"value": "2020"}, type_="legislation_reform"))
    for n in range(13):
        bounds = {"earliest": "2020-09-01"} if n % 3 == 0 else {}
        events.append(_event(f"undated{n}", {"basis": "not_stated", **bounds}, type_="statement"))
    events.append(_event("mmr-day", {"value": "2021-02-01"}, country="MMR", type_="coup"))
    return events


def figure(events):
    frame = frames.frame("events", events)
    src = filters.source_dates(frame, frames.frame("articles", ARTICLES))
    return timeline.timeline_figure(frame, src, {"BLR": "Belarus", "MMR": "Myanmar"})


def marks(fig) -> list[dict]:
    """Each mark with its label as the figure draws it: its row, its span and its label's
    extent on the x axis (ms), at the nominal plot width the layout was made for."""
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    px = (x1 - x0) / timeline.PLOT_PX  # time per pixel at PLOT_PX (wider plots: less)
    out = []
    for trace in fig.data:
        for i, cd in enumerate(trace.customdata or []):
            text = (trace.text[i] if trace.text is not None else "") or ""
            if trace.type == "bar":
                start = pd.Timestamp(trace.base[i])
                end = start + pd.Timedelta(milliseconds=trace.x[i])
                where = trace.textposition[i] if text else "none"
            else:  # a marker: its label starts after it
                start = end = pd.Timestamp(trace.x[i])
                where = "marker" if text else "none"
            width = timeline.label_px(text.strip())
            if where == "inside":
                extent = (start, start + px * width)
            elif where == "outside":
                extent = (end, end + px * width)
            elif where == "marker":
                extent = (end, end + px * (width + 5))
            else:
                extent = (start, end)
            out.append(
                {
                    "id": cd[1],
                    "row": trace.y[i],
                    "start": start,
                    "end": end,
                    "text": text.strip(),
                    "where": where,
                    "extent": extent,
                    "trace": trace.type,
                }
            )
    return out


def test_short_title_cuts_at_whole_words_with_an_ellipsis():
    summary = "Lukashenko claimed a sixth presidential term in a vote widely considered rigged."
    short = timeline.short_title(summary, 30)
    assert short == "Lukashenko claimed a sixth…"
    assert len(short) <= 30 and summary.startswith(short[:-1])
    assert timeline.short_title("Short enough.", 30) == "Short enough."
    assert timeline.short_title("Supercalifragilisticexpialidocious", 10) == "Supercali…"
    assert timeline.short_title("Ends with a clause, then more words", 20) == "Ends with a clause…"


def test_every_dated_event_is_labelled_with_its_shortened_summary():
    events = dense_country()
    by_id = {e["id"]: e["summary"] for e in events}
    labelled = {}
    for m in marks(figure(events)):
        if m["text"] and not m["id"].startswith(timeline.GROUP_PREFIX):
            labelled.setdefault(m["id"], m)
    dated = {e["id"] for e in events if "value" in e["date"]}
    assert set(labelled) == dated, "a dated event without a label"
    for event_id, m in labelled.items():
        text = m["text"]
        assert len(text) <= timeline.LABEL_MAX
        if m["where"] != "inside":  # beside a mark: the short bound
            assert len(text) <= timeline.LABEL_CHARS
        if text != by_id[event_id]:
            assert text.endswith("…") and by_id[event_id].startswith(text[:-1]), text
            # whole words: the cut falls before a space (or punctuation) of the summary
            assert by_id[event_id][len(text) - 1] in " ,;:.", text


def test_labels_fit_their_place_and_no_two_in_a_row_overlap():
    fig = figure(dense_country())
    ms = [m for m in marks(fig) if m["trace"] == "bar" or m["where"] == "marker"]
    for m in ms:
        if m["where"] == "inside":  # the bar holds it
            assert m["extent"][1] <= m["end"], m["text"]
    # what each event takes in its row: its bar, its marker, its label
    taken: dict[tuple[float, str], tuple[pd.Timestamp, pd.Timestamp]] = {}
    for m in ms:
        lo, hi = min(m["start"], m["extent"][0]), max(m["end"], m["extent"][1])
        was = taken.get((m["row"], m["id"]), (lo, hi))
        taken[(m["row"], m["id"])] = (min(was[0], lo), max(was[1], hi))
    by_row: dict[float, list[tuple[pd.Timestamp, pd.Timestamp, str]]] = {}
    for (row, event_id), (lo, hi) in taken.items():
        by_row.setdefault(row, []).append((lo, hi, event_id))
    assert len(by_row) > 3
    for row, items in by_row.items():
        spans = sorted(items)
        for (_, end, a), (start, _, b) in itertools.pairwise(spans):
            assert end <= start, f"row {row}: {a} and its label run into {b}"


def test_plotly_hides_inside_labels_it_cannot_fit_rather_than_shrinking_them():
    fig = figure(dense_country())
    assert fig.layout.uniformtext.mode == "hide"
    assert fig.layout.uniformtext.minsize >= timeline.LABEL_FONT_PX - 1


def test_undated_events_are_one_group_per_country_labelled_with_their_count():
    events = dense_country()
    fig = figure(events)
    groups = [m for m in marks(fig) if m["id"].startswith(timeline.GROUP_PREFIX)]
    assert [g["id"] for g in groups] == [timeline.GROUP_PREFIX + "BLR"]
    assert groups[0]["text"] == "13 undated events · click to list"
    (trace,) = [t for t in fig.data if t.name == "Undated events"]
    ids = trace.customdata[0][2]
    assert sorted(ids) == sorted(e["id"] for e in events if e["id"].startswith("undated"))
    assert "<b>13 undated events · Belarus</b>" in trace.customdata[0][0]
    assert "… and 1 more" in trace.customdata[0][0]  # the hover lists the first twelve
    undated_rows = {g["row"] for g in groups}
    assert not [m for m in marks(fig) if m["row"] in undated_rows and m not in groups]
    assert timeline.drawn_ids(fig) == {e["id"] for e in events}


def test_one_undated_event_is_counted_in_the_singular():
    events = [_event("d", {"value": "2020-08"}), _event("u", {"basis": "not_stated"})]
    (group,) = [m for m in marks(figure(events)) if m["id"].startswith(timeline.GROUP_PREFIX)]
    assert group["text"] == "1 undated event · click to list"


def test_hover_keeps_the_full_text_date_country_and_sources_count():
    events = dense_country()
    fig = figure(events)
    (m,) = [m for m in marks(fig) if m["id"] == "open0" and m["trace"] == "bar"]
    (trace,) = [t for t in fig.data if t.type == "bar" and "open0" in [c[1] for c in t.customdata]]
    hover = next(c[0] for c in trace.customdata if c[1] == "open0")
    assert "since May 2020 (continuing)" in hover and "Belarus" in hover
    assert "1 source cited" in hover
    summary = next(e["summary"] for e in events if e["id"] == "open0")
    assert summary.split()[-1] in hover  # the whole summary, not the label
    assert m["text"] != summary


@pytest.mark.parametrize(
    ("customdata", "expected"),
    [
        (["hover", "blr-2020-protests", []], timeline.Pick(event="blr-2020-protests")),
        (["hover", "undated:BLR", ["a", "b"]], timeline.Pick(undated_of="BLR")),
    ],
)
def test_a_click_picks_the_event_or_the_undated_group(customdata, expected):
    assert timeline.picked([{"customdata": customdata, "curve_number": 0}]) == expected


def test_a_click_without_customdata_picks_nothing():
    assert timeline.picked([]) is None
    assert timeline.picked([{"x": 1}]) is None
