"""The plotly.js preload (democdash.ui.preload): sent on a session's first run, gone once the
page is drawn, never sent again in that session."""

import json

from streamlit.testing.v1 import AppTest

from democdash.ui import preload


def _preload_kept() -> None:
    import streamlit as st

    from democdash.ui import preload

    st.session_state["slots"] = st.session_state.get("slots", 0) + (preload.plotly_js() is not None)


def test_the_first_run_sends_a_blank_static_chart_and_later_runs_none():
    at = AppTest.from_function(_preload_kept).run()
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and at.session_state["slots"] == 1
    assert json.loads(charts[0].proto.config)["staticPlot"] is True
    assert json.loads(charts[0].proto.spec)["data"] == []  # blank: no trace to draw
    at.run()
    assert at.get("plotly_chart") == [] and at.session_state["slots"] == 1


def test_first_run_marks_the_session_and_leaves_only_the_map(app_test):
    app_test.run()
    assert not app_test.exception
    assert app_test.session_state[preload._SENT] is True
    charts = app_test.get("plotly_chart")
    assert len(charts) == 1, "the blank preload chart is still on the page"
    assert '"choropleth"' in charts[0].proto.spec


def test_a_rerun_sends_no_placeholder(app_test):
    app_test.run()
    first = [node.type for node in app_test.main.children.values()]
    app_test.run()
    again = [node.type for node in app_test.main.children.values()]
    assert first[0] == "empty", "the first run has no preload placeholder"
    assert again == first[1:], "a rerun changed the page beyond dropping the placeholder"
