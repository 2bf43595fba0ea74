"""Editor sign-in in the app: who is writing in this session, and the sidebar control.

The rules live in `democdash.auth`; this module reads the secrets (`[auth]`), `st.user` (OIDC
through `st.login`), the browser's session cookie and the session, and draws the sign-in /
sign-out control.

- Local run (no `DEMOCDASH_HOSTED`): everyone edits, as the local editor of the settings
  (`DEMOCDASH_EDITOR`, else `local:<OS user>`); no control is shown.
- Hosted: read-only unless signed in, by name and password (a hash per editor under
  `[auth.passwords]`, within the sign-in limits) or by OIDC with an e-mail on `[auth] editors`.
  Without either configured nobody can sign in: read-only.
- A read-only store (`DEMOCDASH_READONLY`) refuses writes whoever is signed in.

A password sign-in lasts `auth.SESSION_DAYS` days, across reloads and server restarts: the
browser keeps a session token in a cookie (written by a tiny custom component, since Streamlit
sets no cookie of ours), the store keeps its hash. Each new session reads the cookie from
`st.context.cookies`. Sign-out deletes the stored session and clears the cookie. An OIDC
sign-in lasts as long as Streamlit's own identity cookie.
"""

from __future__ import annotations

import importlib.util
import logging
import secrets
import time
from typing import Any

import streamlit as st

from democdash import auth
from democdash.ui import per_run
from democdash.ui.safe import md

log = logging.getLogger(__name__)

#: session_state key of this session's password sign-in: {"editor", "cookie", "credential",
#: "checked_at"} (the cookie value is kept so that a sign-out can end the stored session).
SESSION_KEY = "democdash_editor_session"
#: session_state key of a cookie value that no longer signs in (signed out, expired, revoked):
#: the browser may still send it until the cookie is cleared, so it is not looked up again.
REJECTED_KEY = "democdash_editor_rejected_cookie"
#: session_state key of the cookie change the browser still has to make: {"value", "nonce"}.
COOKIE_KEY = "democdash_editor_cookie_write"
#: A session that found its editor in the store checks again after this many seconds, so a
#: sign-out in another tab or a revoked session takes effect within that time.
RECHECK_S = 30.0

_COOKIE_JS = """
const acknowledged = new Set();
export default function ({ data, setStateValue }) {
  if (!data || !data.name || acknowledged.has(data.nonce)) return;
  const attributes = ["Path=/", "SameSite=Strict", `Max-Age=${data.value ? data.max_age : 0}`];
  if (window.location.protocol === "https:") attributes.push("Secure");
  document.cookie = `${data.name}=${data.value || ""}; ${attributes.join("; ")}`;
  acknowledged.add(data.nonce);
  setStateValue("done", data.nonce);
}
"""

#: Writes or clears the session cookie in the page itself (components v2 mount without an
#: iframe, so `document.cookie` is the app's own), then says so (`done`: the write's nonce).
_cookie_writer = st.components.v2.component("democdash_session_cookie", js=_COOKIE_JS)


def config() -> auth.AuthConfig:
    """The sign-in configuration from the `[auth]` secrets (none when there are no secrets)."""
    try:
        section: Any = st.secrets.get("auth")
    except Exception:  # no secrets file, or a broken one: nothing configured
        section = None
    cfg = auth.parse_auth_config(_plain(section))
    if cfg.oidc and importlib.util.find_spec("authlib") is None:
        return auth.AuthConfig(
            passwords=cfg.passwords,
            editors=cfg.editors,
            problems=(
                *cfg.problems,
                'OIDC sign-in needs the Authlib package (pip install "streamlit[auth]"); it is off',
            ),
        )
    return cfg


def _plain(section: Any) -> Any:
    """A secrets section (and its sub-sections) as plain dicts."""
    if hasattr(section, "to_dict"):
        return section.to_dict()
    return section


def _oidc_user() -> tuple[bool, str | None]:
    """(logged in through OIDC, verified e-mail or None)."""
    try:
        user = st.user
        logged_in = bool(user.get("is_logged_in", False))
        email = user.get("email") if logged_in else None
        verified = user.get("email_verified", True) is not False
    except Exception:  # st.user outside a run or on an old host
        return False, None
    return logged_in, (str(email) if email and verified else None)


# -- who is signed in -----------------------------------------------------------------------


def _signin_store():
    from democdash.ui import data  # data imports this module: import late

    return data.signin_store()


def _cookie_from_browser() -> str | None:
    """The session cookie the browser sent when this session's connection opened."""
    try:
        value = st.context.cookies.get(auth.SESSION_COOKIE)
    except Exception:  # outside a run
        return None
    return value if isinstance(value, str) else None


def _configured(cfg: auth.AuthConfig, editor: str, credential: str) -> bool:
    """Whether a session's editor is still in the secrets with the password it signed in with
    (removing an editor, or giving them a new hash, ends their sessions)."""
    encoded = cfg.password_hash(editor)
    return bool(encoded) and auth.credential_id(encoded) == credential


def _password_editor(cfg: auth.AuthConfig) -> str | None:
    """The editor of this session's password sign-in (from the session, else the cookie)."""
    held: dict | None = st.session_state.get(SESSION_KEY)
    if held and not _configured(cfg, held["editor"], held["credential"]):
        _forget_session(held.get("cookie"))
        return None
    if held and time.monotonic() - held["checked_at"] < RECHECK_S:
        return held["editor"]
    cookie = held["cookie"] if held else _cookie_from_browser()
    if not cookie or cookie == st.session_state.get(REJECTED_KEY):
        return None
    try:
        found = _signin_store().editor_session(cookie)
    except Exception:  # the store cannot say: nobody is signed in (fail closed)
        log.warning("editor sign-in: the store could not look up a session", exc_info=True)
        return None
    if found is None or not _configured(cfg, found.editor, found.credential):
        _forget_session(cookie)
        return None
    st.session_state[SESSION_KEY] = {
        "editor": found.editor,
        "cookie": cookie,
        "credential": found.credential,
        "checked_at": time.monotonic(),
    }
    return found.editor


def _forget_session(cookie: str | None) -> None:
    """This session no longer uses `cookie` (and the browser is told to drop it)."""
    st.session_state.pop(SESSION_KEY, None)
    if cookie:
        st.session_state[REJECTED_KEY] = cookie
        _write_cookie(None)


def _hosted_editor(cfg: auth.AuthConfig | None = None) -> str | None:
    """Who is signed in as an editor on a hosted instance: a password sign-in's name, or an
    OIDC e-mail on the allow-list; None for a visitor."""
    cfg = cfg or config()
    editor = _password_editor(cfg)
    if editor:
        return editor
    if not cfg.oidc:
        return None
    logged_in, email = _oidc_user()
    if logged_in and auth.is_allowed_editor(email, cfg.editors):
        return str(email).strip().lower()
    return None


def current_editor() -> str | None:
    """Who is writing in this session: the signed-in editor (name or e-mail) on a hosted
    instance, None when nobody is signed in there; on a local run the local editor of the
    settings (`DEMOCDASH_EDITOR`, else `local:<OS user>`). Pass it to store writes as the
    author; scenarios private to it are the ones this session may open."""
    settings = per_run.settings()
    if not settings.hosted:
        return settings.local_editor
    return _hosted_editor()


def signed_in_editor(cfg: auth.AuthConfig | None = None) -> bool:
    """Whether this session signed in as an editor (password, or OIDC on the allow-list)."""
    return _hosted_editor(cfg) is not None


def is_editor() -> bool:
    """Whether this session edits: always on a local run, else only after signing in."""
    return not per_run.settings().hosted or signed_in_editor()


def can_write() -> bool:
    """Whether this session may write to the store (editor, and the store is not read-only)."""
    settings = per_run.settings()
    if settings.readonly:
        return False
    return auth.may_write(
        hosted=settings.hosted, store_readonly=False, signed_in_editor=is_editor()
    )


def write_notice() -> bool:
    """For pages with write controls: show why writing is off (if it is); return can_write().

    Use it to disable the controls: `ok = auth_ui.write_notice(); st.button(..., disabled=not
    ok)`. The store refuses anyway (`ReadOnlyError`); this says so before anyone tries.
    """
    if can_write():
        return True
    if per_run.settings().readonly:
        st.info(
            "This instance is read-only (DEMOCDASH_READONLY): nothing can be added or saved.",
            icon=":material/lock:",
        )
    else:
        st.info(auth.READ_ONLY_MESSAGE, icon=":material/lock:")
    return False


# -- signing in and out ---------------------------------------------------------------------


def client_address() -> str | None:
    """The address of this session's client, as the sign-in limits count it (see
    `auth.client_address`: the proxy's header only when `DEMOCDASH_PROXY_CLIENT_HEADER` says
    a proxy in front sets it)."""
    try:
        remote = st.context.ip_address
        headers = dict(st.context.headers)
    except Exception:  # outside a run
        remote, headers = None, {}
    remote = remote if isinstance(remote, str) else None  # None locally (and in AppTest)
    address = auth.client_address(remote, headers, per_run.settings().proxy_client_header)
    if address is None:
        log.warning(
            "editor sign-in: the client's address is unknown, so only the per-account limit "
            "and the global ceiling apply (behind a proxy, set DEMOCDASH_PROXY_CLIENT_HEADER)"
        )
    return address


def try_password(name: str, password: str) -> tuple[bool, str]:
    """Sign in by name and password within the limits; (signed in, message to show)."""
    cfg = config()
    try:
        result = auth.sign_in(_signin_store(), cfg, name, password, client_address())
    except Exception:  # cannot count attempts: do not check passwords either (fail closed)
        log.warning("editor sign-in: the store cannot record sign-in attempts", exc_info=True)
        return False, "Sign-in is unavailable: the store cannot record sign-in attempts."
    if result.editor is None or result.token is None:
        return False, result.message
    encoded = cfg.password_hash(result.editor) or ""
    st.session_state[SESSION_KEY] = {
        "editor": result.editor,
        "cookie": result.token.cookie,
        "credential": auth.credential_id(encoded),
        "checked_at": time.monotonic(),
    }
    st.session_state.pop(REJECTED_KEY, None)
    _write_cookie(result.token.cookie)
    return True, result.message


def _end_password_session() -> None:
    """Delete this session's stored editor session and have the browser drop its cookie."""
    held: dict | None = st.session_state.get(SESSION_KEY)
    cookie = held.get("cookie") if held else _cookie_from_browser()
    parts = auth.split_cookie(cookie)
    if parts:
        try:
            _signin_store().end_editor_session(parts[0])
        except Exception:  # the stored session then expires on its own
            log.warning("editor sign-out: the store could not end the session", exc_info=True)
    _forget_session(cookie)


def sign_out() -> None:
    """End this session's editor sign-in: the stored session is deleted and the cookie
    cleared; for OIDC, Streamlit's logout (which starts afresh)."""
    _end_password_session()
    if _oidc_user()[0]:
        st.logout()


def _write_cookie(value: str | None) -> None:
    """Have the browser set (value) or clear (None) the session cookie on the next run."""
    st.session_state[COOKIE_KEY] = {"value": value, "nonce": secrets.token_hex(8)}


def _cookie_control() -> None:
    """Mount the cookie writer while the browser still has a cookie change to make; it stops
    once the browser reports the change done."""
    pending: dict | None = st.session_state.get(COOKIE_KEY)
    if not pending:
        return
    result = _cookie_writer(
        key="auth_cookie_writer",
        data={
            "name": auth.SESSION_COOKIE,
            "value": pending["value"],
            "max_age": auth.SESSION_DAYS * 24 * 3600,
            "nonce": pending["nonce"],
        },
        on_done_change=lambda: None,
    )
    if result.get("done") == pending["nonce"]:
        st.session_state.pop(COOKIE_KEY, None)


def _sign_out_clicked() -> None:
    # A callback runs before the script, so the rest of this run is already read-only.
    _end_password_session()
    st.session_state[_LOGOUT_KEY] = True


def _password_submitted() -> None:
    # A callback: the check runs once per submit, before the script, whatever reruns follow.
    ok, message = try_password(
        st.session_state.get(_NAME_KEY) or "", st.session_state.get(_PASSWORD_KEY) or ""
    )
    st.session_state[_MESSAGE_KEY] = (ok, message)


_NAME_KEY = "auth_name"
_PASSWORD_KEY = "auth_password"
_MESSAGE_KEY = "auth_message"
_LOGOUT_KEY = "auth_logout"


def sidebar_control() -> None:
    """Sign-in / sign-out in the sidebar of a hosted instance (nothing on a local run)."""
    settings = per_run.settings()
    if not settings.hosted:
        return
    if st.session_state.pop(_LOGOUT_KEY, False) and _oidc_user()[0]:
        st.logout()
    cfg = config()
    editor = _hosted_editor(cfg)  # first: finding a stale cookie asks the browser to drop it
    with st.sidebar:
        _cookie_control()
        for problem in cfg.problems:
            st.warning(md(problem), icon=":material/warning:")
        if settings.readonly:
            st.caption(":material/lock: Read-only instance: nothing can be added or saved.")
            return
        outcome = st.session_state.pop(_MESSAGE_KEY, None)
        if editor:
            st.caption(f":material/edit: Signed in as editor {md(editor)}")
            st.button(
                "Sign out",
                key="auth_sign_out",
                icon=":material/logout:",
                on_click=_sign_out_clicked,
            )
            return
        st.caption(f":material/lock: {auth.READ_ONLY_MESSAGE}")
        if not cfg.can_sign_in:
            st.caption("Editor sign-in is not configured on this instance.")
            return
        logged_in, email = _oidc_user()
        if logged_in:
            st.caption(
                f"Signed in as {md(email or 'an unverified address')}, which is not on the "
                "editors list."
            )
            st.button(
                "Sign out",
                key="auth_sign_out",
                icon=":material/logout:",
                on_click=_sign_out_clicked,
            )
        with st.expander("Editor sign-in", icon=":material/login:", expanded=outcome is not None):
            if cfg.passwords:
                with st.form("auth_password_form", clear_on_submit=True, border=False):
                    st.text_input("Editor name", key=_NAME_KEY, max_chars=auth.MAX_EDITOR_NAME)
                    st.text_input("Password", type="password", key=_PASSWORD_KEY)
                    st.form_submit_button(
                        "Sign in",
                        icon=":material/login:",
                        key="auth_sign_in",
                        on_click=_password_submitted,
                    )
                if outcome is not None and not outcome[0]:
                    st.error(md(outcome[1]), icon=":material/error:")
            for provider in cfg.oidc_providers:
                label = "Sign in with your account" if provider == "default" else provider
                if st.button(label, key=f"auth_oidc_{provider}", icon=":material/badge:"):
                    st.login(None if provider == "default" else provider)
