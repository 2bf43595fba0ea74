"""Editor sign-in through OIDC on a hosted instance, end to end.

Streamlit's `st.login` against a local OpenID provider (oidc-provider-mock on 127.0.0.1): the
browser goes to the provider, picks a user and comes back signed in. Only an address on
`[auth] editors` becomes an editor (and writes as that address); anyone else stays read-only;
signing out ends it.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator

import pytest

from democdash.auth import READ_ONLY_MESSAGE
from democdash_bench.browser import free_port

EDITOR = "editor@example.org"
VISITOR = "visitor@example.org"
#: The provider's sign-in page styles itself from a CDN; the test answers that request locally.
PROVIDER_CSS = re.compile(r"^https://cdn\.jsdelivr\.net/")


@pytest.fixture(scope="module")
def provider(require) -> Iterator[str]:
    """A local OpenID provider that knows an editor and a visitor (both e-mails verified)."""
    try:
        import oidc_provider_mock
        import werkzeug.serving
    except ImportError:
        require(
            "DEMOCDASH_REQUIRE_BROWSER",
            'the OIDC test needs oidc-provider-mock: pip install -e ".[test]"',
        )
    app = oidc_provider_mock.app(
        user_claims=[
            oidc_provider_mock.User(sub="editor", claims={"email": EDITOR, "email_verified": True}),
            oidc_provider_mock.User(
                sub="visitor", claims={"email": VISITOR, "email_verified": True}
            ),
        ]
    )
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def hosted(provider: str, tmp_path_factory, launch_server):
    """A hosted instance (read-only unless signed in) whose `[auth]` points at the provider."""
    base = tmp_path_factory.mktemp("oidc-server")
    port = free_port()
    secrets_file = base / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "democdash-test"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        f'editors = ["{EDITOR}"]\n'
    )
    env = {
        "DEMOCDASH_HOSTED": "1",
        "DEMOCDASH_HOME": str(base),
        "DEMOCDASH_DATABASE_URL": f"sqlite:///{base / 'store.sqlite'}",
    }
    with launch_server(base, env, ["--secrets.files", str(secrets_file)], port) as server:
        yield server


def says(text: str, email: str) -> re.Pattern[str]:
    """`text` then `email`, as the sidebar shows it (`md()` puts a word joiner after the @ so
    the address is not made a link)."""
    return re.compile(re.escape(text) + r"\s+" + re.escape(email).replace("@", "@\u2060?"))


def answer_provider_css(page) -> list[str]:
    """Serve the provider page's stylesheet locally (it never leaves the machine); returns the
    pages that asked for it."""
    asked: list[str] = []

    def _fulfil(route) -> None:
        asked.append(route.request.frame.url)
        route.fulfill(status=200, content_type="text/css", body="")

    page.route(PROVIDER_CSS, _fulfil)
    return asked


def forgive_provider_css(page_log, asked: list[str], provider: str) -> None:
    """The page guard counts every request to another host; the provider's stylesheet is the
    test provider's own (answered locally above), so it is forgiven, and only it."""
    assert asked and all(url.startswith(provider) for url in asked), asked
    page_log.outside_requests[:] = [
        url for url in page_log.outside_requests if not PROVIDER_CSS.match(url)
    ]


def sign_in(page, provider: str, hosted_url: str, user: str) -> None:
    """Through the sidebar's OIDC button to the provider, pick `user`, and back to the app."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Editor sign-in").click()
    sidebar.get_by_role("button", name="Sign in with your account").click()
    page.wait_for_url(f"{provider}/**")
    page.get_by_role("button", name=user, exact=True).click()
    page.wait_for_url(f"{hosted_url}/**")


@pytest.fixture
def sidebar(page, page_log, open_url, in_frame, hosted, provider):
    """The hosted app's home page opened (not signed in); yields its sidebar. The provider's
    stylesheet is answered locally and forgiven at the end, and only it."""
    asked = answer_provider_css(page)
    open_url(hosted.url + "/")
    in_frame(page)
    yield page.locator('[data-testid="stSidebar"]')
    forgive_provider_css(page_log, asked, provider)


def test_an_editor_on_the_list_signs_in_and_out(page, sidebar, open_url, hosted, provider):
    sidebar.get_by_text(READ_ONLY_MESSAGE).wait_for()
    sign_in(page, provider, hosted.url, "editor")
    sidebar.get_by_text(says("Signed in as editor", EDITOR)).wait_for()
    assert sidebar.get_by_text(READ_ONLY_MESSAGE).count() == 0
    # the sign-in lasts across pages (Streamlit's identity cookie), and the editor writes as
    # their address: the options page scores and saves as them, without asking a name
    open_url(hosted.url + "/add-article")
    sidebar.get_by_text(says("Signed in as editor", EDITOR)).wait_for()
    open_url(hosted.url + "/options?tab=score")
    page.get_by_text(says("You score and save scenarios as", EDITOR)).wait_for()

    # Streamlit's logout ends the session at the provider too (its end-session page), then
    # comes back read-only
    sidebar.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{provider}/**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{hosted.url}/**")
    sidebar.get_by_text(READ_ONLY_MESSAGE).wait_for()
    assert sidebar.get_by_text("Signed in as editor").count() == 0


def test_a_user_not_on_the_list_stays_read_only(page, sidebar, hosted, provider):
    sign_in(page, provider, hosted.url, "visitor")
    sidebar.get_by_text(says("Signed in as", VISITOR)).wait_for()
    sidebar.get_by_text("which is not on the editors list").wait_for()
    assert sidebar.get_by_text(READ_ONLY_MESSAGE).count() == 1
    assert sidebar.get_by_text("Signed in as editor").count() == 0
