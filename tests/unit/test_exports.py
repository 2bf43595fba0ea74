"""Exports round-trip: provenance columns, sources with quotes, the About part, and formula-like
text that stays text."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from democdash import exports, filters, frames
from democdash.exports import About
from democdash.geo import load_boundaries

FORMULA = '=HYPERLINK("http://evil.example","click")'
ARTICLES = [
    {
        "id": "nov-2020",
        "outlet": "The Example",
        "source_type": "analysis",
        "published": {"value": "2020-11"},
    },
    {
        "id": "mar-2021",
        "author": "A. Writer",
        "source_type": "opinion",
        "published": {"value": "2021-03"},
    },
]
ACTORS = [
    {
        "id": "luk",
        "name": "Alexander Lukashenko",
        "kind": "person",
        "role": "incumbent",
        "sources": [{"article": "nov-2020", "paragraph": 1, "quote": "the president said"}],
    }
]
COUNTRIES = [
    {"iso3": "BLR", "name": "Belarus", "role": "focus", "context": "x"},
    {"iso3": "MMR", "name": "Myanmar", "role": "focus", "context": "x"},
]
EVENTS = [
    {
        "id": "blr-vote",
        "date": {"text": "August", "value": "2020-08"},
        "country": "BLR",
        "type": "election",
        "actors": ["luk"],
        "claimed_by": "critics",
        "summary": FORMULA,
        "sources": [
            {"article": "nov-2020", "paragraph": 3, "quote": "a rigged election in August"},
            {"article": "mar-2021", "paragraph": 5, "quote": "-1 is not a formula"},
        ],
    },
    {
        "id": "blr-undated",
        "date": {"basis": "not_stated"},
        "country": "BLR",
        "type": "crackdown",
        "summary": "@mention and +plus, but plain otherwise.",
        "sources": [{"article": "nov-2020", "paragraph": 6, "quote": "torture was reported"}],
    },
]
SHARE = "http://127.0.0.1:8501/events?country=BLR&from=2020-08-01"


@pytest.fixture
def bundle() -> exports.EventExport:
    events = frames.frame("events", EVENTS)
    sources = frames.sources_frame(("events", e) for e in EVENTS)
    about = About(
        filters=filters.EventFilter(countries=["BLR"], start=date(2020, 8, 1)).describe(),
        share_link=SHARE,
        data_version="1.0.0+abc123",
        sources_span="2 sources, Nov 2020 to Mar 2021; statuses as reported then",
        generated_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    return exports.build_export(
        filters.sort_events(events),
        sources=sources,
        articles=frames.frame("articles", ARTICLES),
        actor_names={"luk": "Alexander Lukashenko"},
        country_names={"BLR": "Belarus"},
        about=about,
    )


def test_xlsx_has_events_sources_citations_and_about_sheets(bundle):
    wb = load_workbook(io.BytesIO(exports.events_xlsx(bundle)))
    assert wb.sheetnames == ["Events", "Sources", "Citations", "About"]
    events = list(wb["Events"].values)
    assert events[0] == tuple(exports.EVENT_COLUMNS)
    first = dict(zip(events[0], events[1], strict=True))
    assert first["id"] == "blr-vote"
    assert first["date"] == "Aug 2020"
    assert first["according_to"] == "unnamed critics"
    assert first["n_sources"] == 2
    assert first["actors"] == "Alexander Lukashenko"
    assert "rigged election in August" in first["sources"]
    undated = dict(zip(events[0], events[2], strict=True))
    assert undated["date"] == "not stated, before Nov 2020"

    sources = list(wb["Sources"].values)
    assert sources[0] == tuple(exports.SOURCE_COLUMNS)
    rows = [dict(zip(sources[0], row, strict=True)) for row in sources[1:]]
    assert {(r["event_id"], r["paragraph"], r["quote"]) for r in rows} == {
        ("blr-vote", 3, "a rigged election in August"),
        ("blr-vote", 5, "-1 is not a formula"),
        ("blr-undated", 6, "torture was reported"),
    }
    assert all(r["citation"] for r in rows)

    citations = {row[0]: row[1] for row in list(wb["Citations"].values)[1:]}
    assert set(citations) == {"nov-2020", "mar-2021"}
    assert "The Example" in citations["nov-2020"]

    about = dict(list(wb["About"].values)[1:])
    assert about["Share link"] == SHARE
    assert about["Data version"] == "1.0.0+abc123"
    assert about["Sources span"].startswith("2 sources, Nov 2020 to Mar 2021")
    assert about["Filter: Countries"] == "BLR"
    assert about["Filter: From"] == "2020-08-01"
    assert about["Generated at"] == "2026-01-02T03:04:05+00:00"


def test_xlsx_keeps_formula_like_text_as_text(bundle):
    wb = load_workbook(io.BytesIO(exports.events_xlsx(bundle)))
    ws = wb["Events"]
    column = exports.EVENT_COLUMNS.index("summary") + 1
    cell = ws.cell(row=2, column=column)
    assert cell.value == FORMULA
    assert cell.data_type == "s"
    quote = next(c for c in wb["Sources"]["F"] if c.value == "-1 is not a formula")
    assert quote.data_type == "s"
    assert not any(c.data_type == "f" for sheet in wb for row in sheet.iter_rows() for c in row)


def test_csv_round_trips_with_provenance_and_quotes_formula_like_cells(bundle):
    text = exports.events_csv(bundle).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == exports.EVENT_COLUMNS
    vote, undated = rows
    assert vote["summary"] == "'" + FORMULA
    assert undated["summary"] == "'@mention and +plus, but plain otherwise."
    assert vote["date"] == "Aug 2020"
    assert vote["n_sources"] == "2"
    assert vote["articles"] == "mar-2021; nov-2020"
    assert "nov-2020 ¶3: “a rigged election in August”" in vote["sources"]
    assert undated["according_to"] == "the article's author"


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("a=b", "a=b")],
)
def test_csv_safe(value, safe):
    assert exports.csv_safe(value) == safe
    assert exports.csv_safe(3) == 3


def test_json_has_about_events_with_quotes_and_articles(bundle):
    doc = json.loads(exports.events_json(bundle))
    assert doc["about"]["share_link"] == SHARE
    assert doc["about"]["data_version"] == "1.0.0+abc123"
    vote = doc["events"][0]
    assert vote["id"] == "blr-vote"
    assert vote["summary"] == FORMULA  # JSON is not a spreadsheet: values unchanged
    assert vote["articles"] == ["mar-2021", "nov-2020"]
    assert vote["actor_ids"] == ["luk"]
    assert [q["quote"] for q in vote["quotes"]] == [
        "a rigged election in August",
        "-1 is not a formula",
    ]
    assert vote["quotes"][0]["paragraph"] == 3
    assert vote["date_earliest"] == "2020-08-01"
    assert {a["article"] for a in doc["articles"]} == {"nov-2020", "mar-2021"}


def test_country_counts_geojson_joins_counts_with_boundaries(bundle):
    events = frames.frame("events", EVENTS)
    figures = filters.country_figures_for(
        events,
        frames.frame("countries", COUNTRIES),
        frames.frame("options", []),
        frames.frame("sanctions", []),
    )
    doc = json.loads(
        exports.country_counts_geojson(figures, load_boundaries("world"), bundle.about)
    )
    assert doc["type"] == "FeatureCollection"
    assert [f["properties"]["iso3"] for f in doc["features"]] == ["BLR"]  # MMR has none
    feature = doc["features"][0]
    assert feature["properties"]["events"] == 2
    assert feature["properties"]["counts"] == "records in our sources"
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert doc["democdash"]["share_link"] == SHARE


def test_file_names():
    day = date(2026, 11, 22)
    assert exports.file_name(["BLR"], "xlsx", day) == "democdash-events-BLR-2026-11-22.xlsx"
    assert exports.file_name([], "csv", day) == "democdash-events-all-2026-11-22.csv"
    assert (
        exports.file_name(["BLR", "RUS"], "geojson", day)
        == "democdash-event-counts-BLR-RUS-2026-11-22.geojson"
    )


def test_cli_export_writes_the_same_filtered_set_with_sources(tmp_path):
    from typer.testing import CliRunner

    from democdash.cli import app
    from democdash.store import open_store

    out = tmp_path / "blr.xlsx"
    args = ["export", "events", "--country", "BLR", "--from", "2020-08", "-f", "xlsx", "-o"]
    result = CliRunner().invoke(app, [*args, str(out)])
    assert result.exit_code == 0, result.output
    store = open_store()
    expected = filters.filter_events(
        store.frame("events"),
        filters.EventFilter(countries=["BLR"], start=date(2020, 8, 1)),
        articles=store.frame("articles"),
        actors=store.frame("actors"),
        countries=store.frame("countries"),
    )
    wb = load_workbook(out)
    assert [row[0] for row in wb["Events"].iter_rows(min_row=2, values_only=True)] == list(
        expected["id"]
    )
    assert wb["Sources"].max_row > 1
    about = dict(wb["About"].iter_rows(min_row=2, values_only=True))
    assert about["Share link"] == "http://localhost:8501/events?country=BLR&from=2020-08-01"


def test_cli_export_rejects_an_unknown_country_and_a_bad_date(tmp_path):
    from typer.testing import CliRunner

    from democdash.cli import app

    out = tmp_path / "x.csv"
    bad_country = CliRunner().invoke(
        app, ["export", "events", "--country", "XXZ", "-f", "csv", "-o", str(out)]
    )
    assert bad_country.exit_code == 2
    assert "unknown country code(s): XXZ" in bad_country.output
    bad_date = CliRunner().invoke(
        app, ["export", "events", "--to", "2020-13", "-f", "csv", "-o", str(out)]
    )
    assert bad_date.exit_code == 2
    assert "is not a date" in bad_date.output
    assert not out.exists()


def test_xlsx_clips_text_longer_than_an_excel_cell(bundle):
    long_summary = "x" * 100_000
    bundle.events.loc[bundle.events.index[0], "summary"] = long_summary
    wb = load_workbook(io.BytesIO(exports.events_xlsx(bundle)))
    column = exports.EVENT_COLUMNS.index("summary") + 1
    value = wb["Events"].cell(row=2, column=column).value
    assert len(value) == exports.EXCEL_CELL_LIMIT
    assert value.endswith(exports.CLIPPED)
