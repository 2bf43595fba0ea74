"""The bench's AppTest subjects: which views are measured, and the reference apps' files.
(Here rather than in tests/unit: `democdash_bench.apptest` imports Streamlit's AppTest.)"""

from __future__ import annotations

from pathlib import Path

from democdash_bench import apptest, browser


def test_views_of_existing_pages_are_measured_with_their_parameter():
    subjects = apptest.view_subjects([("events.py", "events")])
    assert [(s.name, s.page) for s in subjects] == [
        ("events · view=map", "pages/events.py"),
        ("events · view=timeline", "pages/events.py"),
        ("events · as_of=2020-12, since=2020-06", "pages/events.py"),
    ]
    typical = apptest.TYPICAL_QUERY["events"]
    assert [s.query for s in subjects] == [
        {**typical, "view": "map"},
        {**typical, "view": "timeline"},
        {**typical, "as_of": "2020-12", "since": "2020-06"},
    ]
    # the overview coloured by an indicator is measured as a view of its own
    assert [s.name for s in apptest.view_subjects([("overview.py", "overview")])] == [
        "overview · color=indicator",
        "overview · as_of=2020-12, since=2020-06",
    ]
    # a view of a page that does not exist is not measured (nor opened for the memory pass)
    assert [s.name for s in apptest.view_subjects([("options.py", "options")])] == [
        "options · as_of=2020-12, since=2020-06"
    ]
    assert [name for _, name, _ in apptest.view_queries(["sources"])] == [
        "sources · as_of=2020-12, since=2020-06"
    ]


def test_a_reference_app_is_served_with_the_repos_static_files(tmp_path: Path):
    script = browser.beside_static(apptest.PLOTLY_ONLY_APP, tmp_path)
    assert script.read_text() == apptest.PLOTLY_ONLY_APP.read_text()
    stub = script.parent / "static" / "topojson" / "world_110m.json"
    assert stub.is_file()  # plotly.js asks for it; Streamlit serves static/ beside the script
