"""Hosted sharing: a visitor with the link browses but cannot change anything (the store itself
refuses, the page says why); each editor signs in with their own name and password from the
secrets (the old shared password is refused with what to do instead) and stays signed in
across a reload and a restart; failed attempts pause that account across reloads; private
scenarios open for their signed-in author only; a local run keeps full editing as the local
editor; a hosted visitor sees quotes, not full article texts.

AppTest cannot send a browser cookie, so a "reload" here is a new AppTest whose
`_cookie_from_browser` returns the cookie the sign-in asked the browser to keep (the browser
test `tests/browser/test_password_sign_in.py` does it with a real cookie).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from democdash import auth
from democdash.models import Article, DateValue
from democdash.settings import ENV_HOSTED, ENV_READONLY, get_settings
from democdash.store import open_store
from democdash.ui import auth as auth_ui

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"
PASSWORDS = {"alice": "alice's long password", "bob": "bob's own long password"}
HASHES = {
    name: auth.hash_password(pw, iterations=auth.MIN_ITERATIONS) for name, pw in PASSWORDS.items()
}
SECRETS = {"auth": {"passwords": HASHES}}


def shown(text: str) -> str:
    """Text as the reader sees it (markdown escapes and word joiners removed)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def sidebar_text(at) -> str:
    return "\n".join(shown(c.value) for c in at.sidebar.caption)


def page_messages(at) -> str:
    return "\n".join(shown(e.value) for e in [*at.error, *at.info, *at.warning])


@pytest.fixture
def hosted(monkeypatch):
    monkeypatch.setenv(ENV_HOSTED, "1")


@pytest.fixture
def browser_cookie(monkeypatch) -> dict[str, str | None]:
    """The cookie the browser sends when a session opens: set `["value"]` to send one."""
    jar: dict[str, str | None] = {"value": None}
    monkeypatch.setattr(auth_ui, "_cookie_from_browser", lambda: jar["value"])
    return jar


def new_app() -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=30)


def run_with_secrets(app_test, secrets=None, page=None, query=None):
    at = app_test
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.query_params = dict(query or {})
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at, name, password):
    at.sidebar.text_input(key="auth_name").input(name)
    at.sidebar.text_input(key="auth_password").input(password)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def cookie_asked_for(at) -> str | None:
    """The cookie value this session asked the browser to keep (None: to clear it)."""
    return at.session_state[auth_ui.COOKIE_KEY]["value"]


def save_scenario(at, name="pressure", shared=False):
    gen = at.session_state["options_scenario_gen"]
    at.text_input(key=f"options_scn_name_{gen}").input(name)
    at.checkbox(key=f"options_scn_shared_{gen}").set_value(shared)
    at.button(key="options_scn_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def stored_scenarios() -> list[str]:
    """Every stored scenario's address, private or shared, whoever wrote it."""
    with open_store(get_settings()).engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT author, name FROM scenarios ORDER BY author, name"))
        return [f"{author}/{name}" for author, name in rows]


def test_local_run_keeps_full_editing_as_the_local_editor(app_test):
    at = run_with_secrets(app_test, page="options", query={"tab": "score"})
    assert auth.READ_ONLY_MESSAGE not in sidebar_text(at)
    assert not [e for e in at.sidebar.expander if e.label == "Editor sign-in"]
    save_scenario(at)
    assert stored_scenarios() == [f"{get_settings().local_editor}/pressure"]


def test_hosted_visitor_cannot_write_and_is_told_why(app_test, hosted):
    at = run_with_secrets(app_test, page="options", query={"tab": "score"})
    assert auth.READ_ONLY_MESSAGE in sidebar_text(at)
    assert "Editor sign-in is not configured" in sidebar_text(at)
    assert "Sign in as an editor to score" in page_messages(at)
    assert at.button(key="options_scn_save").disabled
    assert stored_scenarios() == []


def _save_through_the_store() -> None:
    import streamlit as st

    from democdash import scoring
    from democdash.store import ReadOnlyError
    from democdash.ui import data

    try:
        data.store().save_scenario(scoring.new_scenario("slipped through", "alice"))
    except ReadOnlyError as exc:
        st.write(f"refused: {exc}")


def test_a_visitors_store_refuses_what_a_button_let_through(hosted):
    at = AppTest.from_function(_save_through_the_store, default_timeout=30).run()
    assert not at.exception, [e.message for e in at.exception]
    (said,) = [shown(m.value) for m in at.markdown]
    assert said.startswith("refused:") and auth.READ_ONLY_MESSAGE in said
    assert stored_scenarios() == []


def test_the_old_shared_password_is_refused_and_the_operator_told_what_to_do(app_test, hosted):
    shared = {"auth": {"password_hash": HASHES["alice"]}}
    at = run_with_secrets(app_test, shared)
    warnings = "\n".join(shown(w.value) for w in at.sidebar.warning)
    assert "password_hash" in warnings and "democdash hash-password NAME" in warnings
    assert "Editor sign-in is not configured" in sidebar_text(at)
    assert not [t for t in at.sidebar.text_input if t.key == "auth_password"]


def test_wrong_password_is_refused_and_the_account_pause_survives_a_reload(
    app_test, hosted, monkeypatch, browser_cookie
):
    monkeypatch.setattr(auth, "BASE_PAUSE_S", 120.0)  # no race with the clock in this test
    at = run_with_secrets(app_test, SECRETS)
    for _ in range(auth.ACCOUNT_FREE_FAILURES):
        sign_in(at, "alice", "not the password")
        assert auth.WRONG_CREDENTIALS in page_messages(at)
    store = open_store(get_settings())
    assert store.login_failures(auth.account_bucket("alice"))[0] == auth.ACCOUNT_FREE_FAILURES

    reloaded = run_with_secrets(new_app(), SECRETS)
    sign_in(reloaded, "alice", PASSWORDS["alice"])  # even the right password waits out the pause
    assert "Too many failed attempts" in page_messages(reloaded)
    assert auth.READ_ONLY_MESSAGE in sidebar_text(reloaded)
    sign_in(reloaded, "bob", PASSWORDS["bob"])  # another account is not paused
    assert "Signed in as editor bob" in sidebar_text(reloaded)


def test_editor_signs_in_writes_as_themselves_and_signs_out(app_test, hosted, browser_cookie):
    at = run_with_secrets(app_test, SECRETS, "options", {"tab": "score"})
    sign_in(at, "Alice", PASSWORDS["alice"])
    assert "Signed in as editor alice" in sidebar_text(at)
    assert auth.READ_ONLY_MESSAGE not in sidebar_text(at)
    assert any("You score and save scenarios as alice" in shown(c.value) for c in at.caption)
    save_scenario(at, name="editor scenario")
    assert stored_scenarios() == ["alice/editor scenario"]
    cookie = cookie_asked_for(at)
    assert open_store(get_settings()).editor_session(cookie).editor == "alice"
    assert [w.key for w in at.sidebar.get("bidi_component")] == ["auth_cookie_writer"]

    next(b for b in at.sidebar.button if b.label == "Sign out").click().run()
    assert auth.READ_ONLY_MESSAGE in sidebar_text(at)
    assert cookie_asked_for(at) is None  # the browser is told to drop the cookie
    assert open_store(get_settings()).editor_session(cookie) is None  # and the store forgot it


def test_a_sign_in_lasts_across_a_reload_and_a_restart_until_sign_out(
    app_test, hosted, browser_cookie
):
    at = run_with_secrets(app_test, SECRETS)
    sign_in(at, "alice", PASSWORDS["alice"])
    browser_cookie["value"] = cookie_asked_for(at)

    reloaded = run_with_secrets(new_app(), SECRETS)  # a new session with the browser's cookie
    assert "Signed in as editor alice" in sidebar_text(reloaded)
    import streamlit as st

    st.cache_resource.clear()  # a server restart: the store is opened afresh
    restarted = run_with_secrets(new_app(), SECRETS, "options", {"tab": "score"})
    assert "Signed in as editor alice" in sidebar_text(restarted)
    assert not restarted.button(key="options_scn_save").disabled

    next(b for b in restarted.sidebar.button if b.label == "Sign out").click().run()
    # the browser may send the old cookie until it has cleared it: it signs nobody in
    again = run_with_secrets(new_app(), SECRETS)
    assert auth.READ_ONLY_MESSAGE in sidebar_text(again)
    assert "Signed in as editor" not in sidebar_text(again)


def test_a_new_password_or_a_removed_editor_ends_their_sessions(app_test, hosted, browser_cookie):
    at = run_with_secrets(app_test, SECRETS)
    sign_in(at, "alice", PASSWORDS["alice"])
    browser_cookie["value"] = cookie_asked_for(at)
    rotated = {"passwords": {**HASHES, "alice": auth.hash_password("x" * 20, iterations=100_000)}}
    assert "Signed in as editor" not in sidebar_text(run_with_secrets(new_app(), {"auth": rotated}))
    removed = {"auth": {"passwords": {"bob": HASHES["bob"]}}}
    assert "Signed in as editor" not in sidebar_text(run_with_secrets(new_app(), removed))


def test_a_cookie_that_is_not_a_live_session_signs_nobody_in(app_test, hosted, browser_cookie):
    browser_cookie["value"] = auth.new_session_token().cookie  # well formed, never stored
    at = run_with_secrets(app_test, SECRETS)
    assert auth.READ_ONLY_MESSAGE in sidebar_text(at)
    assert cookie_asked_for(at) is None  # and the browser is told to drop it, in this run
    (writer,) = at.sidebar.get("bidi_component")
    assert writer.key == "auth_cookie_writer"


def test_private_scenarios_open_for_their_signed_in_author_only(hosted, browser_cookie):
    alice = run_with_secrets(new_app(), SECRETS, "options", {"tab": "score"})
    sign_in(alice, "alice", PASSWORDS["alice"])
    save_scenario(alice, "quiet")
    save_scenario(alice, "open", shared=True)
    assert sorted(stored_scenarios()) == ["alice/open", "alice/quiet"]

    # bob signs in as himself: alice's private scenario is not listed, nor opened by its link,
    # and there is no name to type that would make him alice
    bob = run_with_secrets(new_app(), SECRETS)
    sign_in(bob, "bob", PASSWORDS["bob"])
    bob.switch_page("pages/options.py")
    bob.query_params = {"tab": "score", "scenario": "alice/quiet"}
    bob.run()
    assert "No saved scenario 'alice/quiet' that you can open" in page_messages(bob)
    assert bob.session_state["options_scenario"].address != "alice/quiet"
    assert bob.selectbox(key="options_scn_pick").options == ["alice/open"]
    assert [t.label for t in bob.text_input if "name" in t.label.lower()] == ["Scenario name"]

    # a visitor sees the shared one only and cannot save
    visitor = run_with_secrets(
        new_app(), SECRETS, "options", {"tab": "score", "scenario": "alice/quiet"}
    )
    assert visitor.session_state["options_scenario"].address != "alice/quiet"
    picker = visitor.selectbox(key="options_scn_pick")
    assert picker.label == "Shared scenarios" and picker.options == ["alice/open"]
    assert visitor.button(key="options_scn_save").disabled

    # alice, back with her cookie, opens it by its link
    browser_cookie["value"] = cookie_asked_for(alice)
    again = run_with_secrets(
        new_app(), SECRETS, "options", {"tab": "score", "scenario": "alice/quiet"}
    )
    assert again.session_state["options_scenario"].address == "alice/quiet"


def test_read_only_store_refuses_even_a_signed_in_editor(app_test, hosted, monkeypatch):
    monkeypatch.setenv(ENV_READONLY, "1")
    at = run_with_secrets(app_test, SECRETS, "options", {"tab": "score"})
    assert "Read-only instance" in sidebar_text(at)
    assert not [t for t in at.sidebar.text_input if t.key == "auth_password"]
    assert at.button(key="options_scn_save").disabled


def _analyst_article_with_text() -> str:
    text = "FULL-TEXT-MARKER paragraph one.\n\nParagraph two of the analyst's article."
    article = Article(
        id="analyst-fulltext",
        title="An analyst's article",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256="f" * 64,
        origin="analyst",
    )
    open_store(get_settings()).add_article(article, text)
    return text


def test_hosted_visitor_sees_quotes_not_full_texts(app_test, hosted):
    _analyst_article_with_text()
    at = run_with_secrets(app_test, page="sources", query={"article": "analyst-fulltext"})
    assert not any("FULL-TEXT-MARKER" in c.value for c in at.code)
    assert "quotes only" in "\n".join(shown(c.value) for c in at.caption)


def test_local_editor_sees_the_full_text(app_test):
    text = _analyst_article_with_text()
    at = run_with_secrets(app_test, page="sources", query={"article": "analyst-fulltext"})
    assert any(c.value == text for c in at.code)


def test_a_scenario_saved_on_a_local_run_carries_the_configured_editor(app_test, monkeypatch):
    monkeypatch.setenv("DEMOCDASH_EDITOR", "carol")
    at = run_with_secrets(app_test, page="options", query={"tab": "score"})
    save_scenario(at, "mine")
    assert stored_scenarios() == ["carol/mine"]
