"""Editor sign-in by name and password on a hosted instance, in a real browser.

The sign-in sets the session cookie in the page (Path=/, SameSite=Strict, 14 days, Secure only
over https); the editor stays signed in across a reload and a server restart (a new session
reads the cookie and finds its stored session); sign-out clears the cookie and the stored
session, and a reload stays signed out.
"""

from __future__ import annotations

import time

import pytest

from democdash import auth
from democdash_bench.browser import APP_IDLE_JS, free_port

EDITOR, PASSWORD = "alice", "alice's long password"


@pytest.fixture
def hosted(tmp_path, launch_server):
    """`hosted()`: start (or restart) a hosted instance on one port and one store, with
    alice's password hash in its secrets; a context manager yielding the server."""
    port = free_port()
    secrets_file = tmp_path / "secrets.toml"
    encoded = auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS)
    secrets_file.write_text(f'[auth.passwords]\n{EDITOR} = "{encoded}"\n')
    env = {
        "DEMOCDASH_HOSTED": "1",
        "DEMOCDASH_HOME": str(tmp_path),
        "DEMOCDASH_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
    }
    return lambda: launch_server(tmp_path, env, ["--secrets.files", str(secrets_file)], port)


def session_cookie(page) -> dict | None:
    found = [c for c in page.context.cookies() if c["name"] == auth.SESSION_COOKIE]
    return found[0] if found else None


def test_a_password_sign_in_lasts_across_a_reload_and_a_restart(
    page, open_url, in_frame, hosted, expect_rerun
):
    sidebar = page.locator('[data-testid="stSidebar"]')
    with hosted() as server:
        open_url(server.url + "/")
        in_frame(page)
        sidebar.get_by_text(auth.READ_ONLY_MESSAGE).wait_for()
        sidebar.get_by_text("Editor sign-in").click()
        sidebar.get_by_label("Editor name").fill(EDITOR)
        sidebar.get_by_label("Password", exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name="Sign in").click()
        sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
        page.wait_for_function(f"document.cookie.includes('{auth.SESSION_COOKIE}=')")
        cookie = session_cookie(page)
        assert cookie is not None and cookie["path"] == "/" and cookie["sameSite"] == "Strict"
        assert not cookie["secure"]  # plain http on 127.0.0.1; Secure over https
        lifetime = cookie["expires"] - time.time()
        assert abs(lifetime - auth.SESSION_DAYS * 86400) < 300

        open_url(server.url + "/options?tab=score")  # a reload: a new session
        sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
        page.get_by_text(f"You score and save scenarios as {EDITOR}").wait_for()

        # a link from another site (localhost is another site than 127.0.0.1) opens signed in
        # too: SameSite=Strict holds the cookie back from the page request, not from the
        # websocket that the app's own page opens
        other_site = server.url.replace("127.0.0.1", "localhost")
        page.goto(other_site + "/_stcore/health")
        with page.expect_navigation():
            page.evaluate("url => { window.location.href = url; }", server.url + "/")
        assert page.url.startswith(server.url)
        sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
        page.wait_for_function(APP_IDLE_JS)
        page.goto("about:blank")  # the browser stays; only the server stops

    with hosted() as server:  # the server restarts on the same port and store
        open_url(server.url + "/")
        sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()

        with expect_rerun():
            sidebar.get_by_role("button", name="Sign out").click()
        sidebar.get_by_text(auth.READ_ONLY_MESSAGE).wait_for()
        page.wait_for_function(f"!document.cookie.includes('{auth.SESSION_COOKIE}=')")
        assert session_cookie(page) is None

        open_url(server.url + "/")  # and a reload stays signed out
        sidebar.get_by_text(auth.READ_ONLY_MESSAGE).wait_for()
        assert sidebar.get_by_text("Signed in as editor").count() == 0


def test_a_wrong_password_says_so_and_sets_no_cookie(page, open_url, hosted):
    sidebar = page.locator('[data-testid="stSidebar"]')
    with hosted() as server:
        open_url(server.url + "/")
        sidebar.get_by_text("Editor sign-in").click()
        sidebar.get_by_label("Editor name").fill(EDITOR)
        sidebar.get_by_label("Password", exact=True).fill("not the password")
        sidebar.get_by_role("button", name="Sign in").click()
        sidebar.get_by_text(auth.WRONG_CREDENTIALS).wait_for()
        assert session_cookie(page) is None
        assert sidebar.get_by_text(auth.READ_ONLY_MESSAGE).count() == 1
