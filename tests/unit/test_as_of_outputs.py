"""Exports and briefs as of a date: they carry the date (About sheet and JSON `about`, the
brief's title and data line, file names) and hold only what our sources had published by then;
`democdash export events --as-of` and `democdash brief --as-of`. And a status history as steps,
each with its source, for options and sanctions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from democdash import exports, frames
from democdash import options_view_model as ovm
from democdash.briefs import brief_filename, build_brief, render
from democdash.cli import app
from democdash.exports import About
from democdash.settings import REPO_DIR, Settings
from democdash.store import open_store

NOV_2020 = "atlantic-2020-belarus-biden"
MAR_2021 = "sheehan-2021-democracy-abroad"
PROMISE = "opt-usa-promote-democracy-abroad"


def about(as_of: str | None) -> About:
    return About(
        filters=[("Countries", "Belarus")],
        share_link="http://127.0.0.1:8501/events?as_of=2020-12",
        data_version="1",
        sources_span="1 source",
        generated_at=datetime(2026, 1, 2, tzinfo=UTC),
        as_of=as_of,
    )


def test_the_about_part_says_as_of_when(tmp_path):
    rows = dict(about("2020-12").rows())
    assert rows["As of"] == "December 2020: only what our sources had published by then"
    assert about("2020-12").as_dict()["as_of"] == "2020-12"
    assert dict(about(None).rows())["As of"] == "the latest"
    assert about(None).as_dict()["as_of"] is None


def test_file_names_carry_the_as_of_date():
    day = date(2026, 11, 22)
    assert (
        exports.file_name(["BLR"], "xlsx", day, as_of="2020-12")
        == "democdash-events-BLR-as-of-2020-12-2026-11-22.xlsx"
    )
    assert (
        brief_filename("BLR", "pdf", day, as_of="2020-12")
        == "democdash-brief-BLR-as-of-2020-12-2026-11-22.pdf"
    )


@pytest.fixture
def store():
    return open_store()


def test_cli_export_as_of_holds_what_was_known_then(tmp_path, store):
    out = tmp_path / "events.xlsx"
    args = ["export", "events", "--as-of", "2020-12", "-f", "xlsx", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "as of December 2020" in result.output
    wb = load_workbook(out)
    ids = [row[0] for row in wb["Events"].iter_rows(min_row=2, values_only=True)]
    known = store.frame("events", as_of="2020-12")
    assert sorted(ids) == sorted(known["id"])
    assert len(ids) < len(store.frame("events"))
    cited = {row[3] for row in wb["Sources"].iter_rows(min_row=2, values_only=True)}
    assert cited == {NOV_2020}
    rows = dict(wb["About"].iter_rows(min_row=2, values_only=True))
    assert rows["As of"].startswith("December 2020: only what our sources had published")
    assert rows["Share link"] == "http://localhost:8501/events?as_of=2020-12"

    out = tmp_path / "events.json"
    args = ["export", "events", "--as-of", "2020-12", "-f", "json", "-o", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["about"]["as_of"] == "2020-12"


def test_cli_export_refuses_a_bad_as_of_date(tmp_path):
    out = tmp_path / "x.csv"
    bad = CliRunner().invoke(
        app, ["export", "events", "--as-of", "2021-13", "-f", "csv", "-o", str(out)]
    )
    assert bad.exit_code == 2
    assert "'2021-13' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)" in bad.output
    assert not out.exists()


def test_a_brief_as_of_a_date_says_so_and_cites_only_what_was_out(store):
    brief = build_brief(store, "BLR", as_of="2020-12", include_map=False, today=date(2026, 1, 2))
    assert brief.title == "Belarus: policy options brief, as of December 2020"
    assert brief.data_as_of.startswith("As of December 2020: only what our sources had published")
    assert {f.article for f in brief.footnotes} == {NOV_2020}
    assert "of the 1 source published by then" in brief.coverage
    assert brief.context is None  # written from every source: not shown as of a past date
    text = render(brief, "md").decode()
    assert "as of December 2020" in text

    latest = build_brief(store, "BLR", include_map=False, today=date(2026, 1, 2))
    assert latest.title == "Belarus: policy options brief" and latest.context
    assert MAR_2021 in {f.article for f in latest.footnotes}


def test_a_brief_shows_the_status_as_of_its_date(store):
    old = build_brief(store, "USA", option_ids=[PROMISE], as_of="2020-12", include_map=False)
    [option] = old.options
    assert option.status_line == "Pledged, as of about Nov 2020" and option.history == ()
    new = build_brief(store, "USA", option_ids=[PROMISE], include_map=False)
    [option] = new.options
    assert option.status_line == "Planned, as of about Mar 2021"
    assert option.history == ("Pledged (about Nov 2020)", "Planned (about Mar 2021)")


def test_cli_brief_as_of(tmp_path):
    out = tmp_path / "usa.md"
    args = ["brief", "-c", "USA", "-f", "md", "-o", str(out), "--no-map", "--no-texts"]
    result = CliRunner().invoke(app, [*args, "--option", PROMISE, "--as-of", "2020-12"])
    assert result.exit_code == 0, result.output
    assert "United States: policy options brief, as of December 2020" in result.output
    text = out.read_text(encoding="utf-8")
    assert "Pledged, as of about Nov 2020" in text and "Planned" not in text
    bad = CliRunner().invoke(app, [*args, "--as-of", "March"])
    assert bad.exit_code == 2 and "is not a date" in bad.output


# -- status over time, each step with its source ------------------------------------------

ARTICLES = [
    {
        "id": "nov",
        "outlet": "The Example",
        "source_type": "reporting",
        "published": {"value": "2020-11"},
    },
    {
        "id": "mar",
        "outlet": "Other Post",
        "source_type": "reporting",
        "published": {"value": "2021-03"},
    },
]
SANCTION = {
    "id": "blr-asset-freeze",
    "imposed_by": ["eu"],
    "target_country": "BLR",
    "targets": [{"kind": "person", "name": "Someone"}],
    "type": "financial",
    "summary": "An asset freeze.",
    "statuses": [
        {
            "status": "in_force",
            "as_of": {"value": "2021-03"},
            "source": {"article": "mar", "paragraph": 5, "quote": "the freeze took effect"},
        },
        {
            "status": "proposed",
            "as_of": {"value": "2020-11"},
            "source": {"article": "nov", "paragraph": 2, "quote": "a freeze was proposed"},
        },
    ],
}


def test_a_sanctions_status_history_reads_as_steps_with_their_sources():
    sanctions = frames.frame("sanctions", [SANCTION])
    articles = frames.frame("articles", ARTICLES)
    citations = dict(zip(articles["id"], articles["citation"], strict=True))
    steps = ovm.status_steps(sanctions.iloc[0]["status_history"], citations)
    assert [(s.status, s.as_of, s.article, s.paragraph) for s in steps] == [
        ("Proposed", "Nov 2020", "nov", 2),
        ("In force", "Mar 2021", "mar", 5),
    ]
    assert ovm.steps_line(steps) == (
        f"Proposed, as of Nov 2020 ({citations['nov']} ¶ 2) → "
        f"In force, as of Mar 2021 ({citations['mar']} ¶ 5)"
    )
    assert ovm.steps_line([]) == "not stated"


def test_an_option_panel_shows_its_sanctions_status_over_time(tmp_path):
    store = open_store(Settings(REPO_DIR / "data", f"sqlite:///{tmp_path / 's.db'}", False, None))
    frames_ = {k: store.frame(k) for k in ("actors", "countries", "events", "risks", "articles")}
    lookups = ovm.Lookups.from_frames(
        frames_["actors"],
        frames_["countries"],
        frames_["events"],
        frames.frame(
            "sanctions",
            [
                {
                    **SANCTION,
                    "statuses": [
                        {**s, "source": {**s["source"], "article": a}}
                        for s, a in zip(SANCTION["statuses"], (MAR_2021, NOV_2020), strict=True)
                    ],
                }
            ],
        ),
        frames_["risks"],
        store.sources(),
        frames_["articles"],
    )
    option = store.frame("options").set_index("id").loc["opt-blr-maintain-expand-sanctions"]
    panel = ovm.option_panel(
        {**option.to_dict(), "id": option.name, "sanctions": ["blr-asset-freeze"]}, lookups
    )
    [line] = panel.sanctions
    assert line.startswith(
        "An asset freeze. By European Union. Status: Proposed, as of Nov 2020 (The Atlantic"
    )
    assert "¶ 2) → In force, as of Mar 2021 (Ivan Sascha Sheehan" in line
