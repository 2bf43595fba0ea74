"""The plotly.js preload (democdash.ui.preload): sent on a session's first run, gone once the
page is drawn, never sent again in that session."""

from democdash.ui import preload


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
