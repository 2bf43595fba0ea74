"""A team's layout in CI: 2 app servers behind nginx over one PostgreSQL store.

Through nginx: the security headers on every response; a visitor's session kept on one server
(websocket included); an editor signed in in a real browser stays signed in when the server
they were on goes away and nginx moves them to the other; no Content-Security-Policy violation
and no request leaving 127.0.0.1 on pages that draw maps and charts. Across servers: a write
shows on every server on its next rerun. Skipped without nginx, a failure when
DEMOCDASH_REQUIRE_NGINX=1 (CI installs Debian's nginx-light).
"""

from __future__ import annotations

import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from democdash import auth
from democdash.loadtest import team as team_mod
from democdash.loadtest import writers
from democdash.settings import get_settings
from democdash.store import open_store
from democdash.ui import data as data_module
from democdash.ui.loadtest.session import BrowserlessSession
from democdash_bench.browser import free_port

REQUIRE_NGINX = "DEMOCDASH_REQUIRE_NGINX"
EDITOR, PASSWORD = "alice", "alice's long password"

IDLE_APP = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)

CSP_LISTENER_JS = """
document.addEventListener('securitypolicyviolation', e => window.__cspViolation(
  `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`
));
"""


@pytest.fixture(scope="module")
def team(pg_url, require, tmp_path_factory) -> Iterator[team_mod.Team]:
    """2 app servers and nginx over a fresh PostgreSQL database, alice an editor."""
    import uuid

    import sqlalchemy as sa

    if team_mod.nginx_binary() is None:
        require(REQUIRE_NGINX, "nginx is not installed: apt-get install nginx-light (Debian)")
    workdir = tmp_path_factory.mktemp("team")
    secrets_file = workdir / "secrets.toml"
    encoded = auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS)
    secrets_file.write_text(f'[auth.passwords]\n{EDITOR} = "{encoded}"\n')
    base = sa.make_url(pg_url)
    name = f"democdash_test_team_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    config = team_mod.TeamConfig(
        database_url=base.set(database=name).render_as_string(hide_password=False),
        app_ports=[free_port(), free_port()],
        proxy_port=free_port(),
        workdir=workdir,
        secrets_file=secrets_file,
        extra_env={"DEMOCDASH_HOME": str(workdir)},
    )
    try:
        with team_mod.Team(config) as running:
            yield running
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _headers(url: str, method: str = "GET", data: bytes | None = None) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, data=data, method=method), timeout=10) as r:
            return r.status, dict(r.headers.items())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items())


def test_the_proxy_sets_the_security_headers_and_keeps_xsrf_on(team):
    for path in ["/", "/events?country=BLR", "/_stcore/health", "/app/static/no-such-file"]:
        status, headers = _headers(team.url + path)
        assert status in (200, 404), path
        for name, value in team_mod.SECURITY_HEADERS.items():
            assert headers.get(name) == value, f"{name} on {path}: {headers.get(name)!r}"
    csp = team_mod.content_security_policy()
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "http" not in csp and "*" not in csp  # names no outside origin
    # An upload without Streamlit's XSRF token is refused: the protection stays on.
    status, _ = _headers(team.url + "/_stcore/upload_file/x/y", "PUT", b"--")
    assert status == 403


def test_a_visitor_stays_on_one_server_and_a_write_shows_on_every_server(team, monkeypatch):
    with BrowserlessSession(team.url) as first, BrowserlessSession(team.url) as second:
        assert first.affinity and first.affinity != second.affinity
        assert first.visit("events", "country=BLR").error is None
    app_sessions = [BrowserlessSession(team.app_url(i)) for i in range(2)]
    try:
        for session in app_sessions:
            assert session.visit("sources").error is None
        article = writers.article_for(EDITOR, 1, "ci")
        monkeypatch.setenv("DEMOCDASH_DATABASE_URL", team.config.database_url)
        store = open_store(get_settings(), seed=False)
        try:
            store.add_article(article, text="A text.", by=EDITOR)
        finally:
            store.engine.dispose()
        # each server's next rerun shows it, once its revision read is older than
        # REVISION_MAX_AGE (a rerun asks the store at most once a second)
        time.sleep(data_module.REVISION_MAX_AGE + 0.1)
        for session in app_sessions:
            view = session.visit("sources")
            assert view.error is None and view.contains(article.title), session.base_url
    finally:
        for session in app_sessions:
            session.close()


def _open(page, url: str) -> None:
    """Open `url` and wait for the app to be idle, with locators only: Playwright's
    `wait_for_function` evaluates strings, which this strict policy forbids."""
    page.goto(url, wait_until="domcontentloaded")
    page.locator(IDLE_APP).wait_for()
    page.locator('[data-testid="stAppSkeleton"], [data-testid="stSkeleton"]').first.wait_for(
        state="detached"
    )
    assert page.locator('[data-testid="stException"]').count() == 0, url


def _wait_for_cookie(page, name: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not any(c["name"] == name for c in page.context.cookies()):
        assert time.monotonic() < deadline, f"no cookie {name}"
        time.sleep(0.1)


def test_an_editor_signed_in_through_nginx_stays_signed_in_on_the_other_server(team, page, context):
    violations: list[str] = []
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER_JS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    _open(page, team.url + "/")
    page.wait_for_selector("svg[role=img] path[data-iso3]")  # the map component ran under the CSP
    sidebar.get_by_text("Editor sign-in").click()
    sidebar.get_by_label("Editor name").fill(EDITOR)
    sidebar.get_by_label("Password", exact=True).fill(PASSWORD)
    sidebar.get_by_role("button", name="Sign in").click()
    sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
    _wait_for_cookie(page, auth.SESSION_COOKIE)

    _open(page, team.url + "/events?country=BLR&view=timeline")
    sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
    page.wait_for_selector(".js-plotly-plot")  # the timeline: plotly ran under the CSP
    on = team.served_by("/_stcore/host-config")[-1]
    index = [f"127.0.0.1:{p}" for p in team.config.app_ports].index(on)
    team.stop_app(index, signal.SIGKILL)  # the server this editor is on crashes
    try:
        _open(page, team.url + "/options?tab=score")  # nginx moves them to the other one
        sidebar.get_by_text(f"Signed in as editor {EDITOR}").wait_for()
        page.get_by_text(f"You score and save scenarios as {EDITOR}").wait_for()
        assert team.served_by("/_stcore/host-config")[-1] != on
    finally:
        team.start_app(index)
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)
