"""The bench's AppTest subjects: which views are measured, and the reference apps' files.
(Here rather than in tests/unit: `democdash_bench.apptest` imports Streamlit's AppTest.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash.settings import bundled_data_dir
from democdash_bench import apptest, browser
from democdash_bench.peer import ENV_PEER_DATA, find_peer


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


def test_references_include_the_one_line_page_and_the_peer_when_given(tmp_path: Path):
    names = [s.name for s in apptest.references()]
    assert names == [apptest.EMPTY_NAME, apptest.MAP_ONLY_NAME, apptest.ONE_LINE_NAME]
    peer_script = tmp_path / "peer_app.py"
    peer_script.write_text("import streamlit as st\n")
    with_peer = apptest.references(peer_script)
    assert with_peer[-1].name == apptest.PEER_NAME


def test_the_peer_runs_unchanged_on_the_bundled_data(monkeypatch):
    # The bench reruns the shared peer in AppTest with PEER_DATA at the dataset's data folder.
    script, note = find_peer()
    if script is None:
        pytest.skip(note)
    monkeypatch.setenv(ENV_PEER_DATA, str(bundled_data_dir()))
    subject = apptest.references(script)[-1]
    subject.warm()
    assert subject.timing.error is None
    assert subject.at.get("plotly_chart"), "the peer drew no map"
    subject.rerun()
    assert subject.timing.error is None and len(subject.timing.wall_ms) == 1


def test_bench_runs_an_app_with_a_pages_folder_as_a_running_server_does(tmp_path, monkeypatch):
    """AppTest re-enters Streamlit's folder-based multipage mode on every run (a server does
    only before its first `st.navigation`); the bench's `server_like_pages` undoes that. When
    Streamlit changes how AppTest makes its PagesManager, this fails (see the bench's apptest)."""
    import streamlit.runtime.scriptrunner.script_runner as script_runner
    from streamlit.testing.v1 import AppTest

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.py").write_text("import streamlit as st\nst.write('page one')\n")
    (tmp_path / "app.py").write_text(
        "import streamlit as st\nst.navigation([st.Page('pages/one.py')]).run()\n"
    )
    folder_mode_runs = []
    real = script_runner._mpa_v1

    def counted(path: str) -> None:
        folder_mode_runs.append(path)
        real(path)

    monkeypatch.setattr(script_runner, "_mpa_v1", counted)
    at = AppTest.from_file(str(tmp_path / "app.py"))
    at.run()
    at.run()
    assert len(folder_mode_runs) == 2  # the harness work the bench must not count

    folder_mode_runs.clear()
    with apptest.server_like_pages():
        at.run()
        at.run()
    assert folder_mode_runs == []
    assert [m.value for m in at.markdown] == ["page one"]
    assert not at.exception


def test_bench_runs_compile_each_script_once_as_a_running_server_does(tmp_path, monkeypatch):
    """AppTest makes a new script cache for every run, so every run compiles the app and the
    page again (a server compiles each once); the bench's `server_like_pages` shares one cache.
    When Streamlit changes how AppTest makes its script caches, this fails."""
    import streamlit.runtime.scriptrunner.script_cache as script_cache
    from streamlit.testing.v1 import AppTest

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.py").write_text("import streamlit as st\nst.write('page one')\n")
    (tmp_path / "app.py").write_text(
        "import streamlit as st\nst.navigation([st.Page('pages/one.py')]).run()\n"
    )
    compiled: list[str] = []

    def counted(source, filename, *args, **kwargs):
        compiled.append(Path(filename).name)
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(script_cache, "compile", counted, raising=False)
    at = AppTest.from_file(str(tmp_path / "app.py"))
    with apptest.server_like_pages():
        at.run()
        at.run()
    assert sorted(compiled) == ["app.py", "one.py"]  # compiled the first time only
    assert [m.value for m in at.markdown] == ["page one"]

    compiled.clear()
    at.run()
    assert sorted(compiled) == ["app.py", "one.py"]  # AppTest alone: compiled on every run
