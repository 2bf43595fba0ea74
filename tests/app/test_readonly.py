"""Hosted sharing: a visitor with the link browses but cannot change anything (the store itself
refuses, the page says why), an editor signs in with the password from the secrets, failed
attempts pause sign-in across reloads, a local run keeps full editing, and a hosted visitor
sees quotes, not full article texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from democdash import auth
from democdash.models import Article, DateValue
from democdash.settings import ENV_HOSTED, ENV_READONLY, get_settings
from democdash.store import open_store

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"
PASSWORD = "a long editor password"
HASH = auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS)


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes source text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def sidebar_text(at) -> str:
    return "\n".join(shown(c.value) for c in at.sidebar.caption)


def page_messages(at) -> str:
    return "\n".join(shown(e.value) for e in [*at.error, *at.info, *at.warning])


@pytest.fixture
def hosted(monkeypatch):
    monkeypatch.setenv(ENV_HOSTED, "1")


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


def sign_in(at, password):
    at.sidebar.text_input(key="auth_password").input(password)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def save_scenario(at, author="alice", name="pressure"):
    at.text_input(key="scorer").input(author).run()
    gen = at.session_state["options_scenario_gen"]
    at.text_input(key=f"options_scn_name_{gen}").input(name).run()
    at.button(key="options_scn_save").click().run()
    return open_store(get_settings()).scenarios(author)


def test_local_run_keeps_full_editing(app_test):
    at = run_with_secrets(app_test, page="options", query={"tab": "score"})
    assert auth.READ_ONLY_MESSAGE not in sidebar_text(at)
    assert not [e for e in at.sidebar.expander if e.label == "Editor sign-in"]
    assert [s.name for s in save_scenario(at)] == ["pressure"]


def test_hosted_visitor_cannot_write_and_is_told_why(app_test, hosted):
    at = run_with_secrets(app_test, page="options", query={"tab": "score"})
    assert auth.READ_ONLY_MESSAGE in sidebar_text(at)
    assert "Editor sign-in is not configured" in sidebar_text(at)
    assert save_scenario(at) == []  # the store refused
    assert "read-only view; sign in as an editor" in page_messages(at)


def test_wrong_password_is_refused_and_the_pause_survives_a_reload(app_test, hosted, monkeypatch):
    monkeypatch.setattr(auth, "BASE_PAUSE_S", 120.0)  # no race with the clock in this test
    secrets = {"auth": {"password_hash": HASH}}
    at = run_with_secrets(app_test, secrets)
    for _ in range(auth.FREE_FAILURES):
        sign_in(at, "not the password")
        assert "Wrong password" in page_messages(at)
    store = open_store(get_settings())
    assert store.login_failures("anonymous")[0] == auth.FREE_FAILURES  # AppTest has no client
    assert store.login_failures(auth.GLOBAL_CLIENT)[0] == auth.FREE_FAILURES

    reloaded = run_with_secrets(AppTest.from_file(APP_PATH, default_timeout=30), secrets)
    sign_in(reloaded, PASSWORD)  # even the right password waits out the pause
    assert "Too many failed attempts" in page_messages(reloaded)
    assert auth.READ_ONLY_MESSAGE in sidebar_text(reloaded)


def test_editor_signs_in_writes_and_signs_out(app_test, hosted):
    at = run_with_secrets(app_test, {"auth": {"password_hash": HASH}}, "options", {"tab": "score"})
    assert save_scenario(at) == []
    sign_in(at, PASSWORD)
    assert "Signed in as editor" in sidebar_text(at)
    assert auth.READ_ONLY_MESSAGE not in sidebar_text(at)
    assert [s.name for s in save_scenario(at, name="editor scenario")] == ["editor scenario"]
    next(b for b in at.sidebar.button if b.label == "Sign out").click().run()
    assert auth.READ_ONLY_MESSAGE in sidebar_text(at)


def test_read_only_store_refuses_even_a_signed_in_editor(app_test, hosted, monkeypatch):
    monkeypatch.setenv(ENV_READONLY, "1")
    at = run_with_secrets(app_test, {"auth": {"password_hash": HASH}}, "options", {"tab": "score"})
    assert "Read-only instance" in sidebar_text(at)
    assert save_scenario(at) == []


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
