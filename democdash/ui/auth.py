"""Editor sign-in in the app: who may write in this session, and the sidebar control.

The rules live in `democdash.auth`; this module reads the secrets (`[auth]`), `st.user` (OIDC
through `st.login`) and the session, and draws the sign-in / sign-out control.

- Local run (no `DEMOCDASH_HOSTED`): everyone edits, as before; no control is shown.
- Hosted: read-only unless signed in, by the editor password (`[auth] password_hash`, checked
  in constant time, failures counted in the store with a growing pause) or by OIDC with an
  e-mail on `[auth] editors`. Without either configured nobody can sign in: read-only.
- A read-only store (`DEMOCDASH_READONLY`) refuses writes whoever is signed in.

A password sign-in lasts for the browser session (a reload signs out); an OIDC sign-in lasts
as long as Streamlit's identity cookie.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from democdash import auth
from democdash.settings import get_settings
from democdash.ui.safe import md

#: session_state key of a password sign-in (True while this session is signed in).
SESSION_KEY = "democdash_editor_password"


def config() -> auth.AuthConfig:
    """The sign-in configuration from the `[auth]` secrets (none when there are no secrets)."""
    try:
        section: Any = st.secrets.get("auth")
    except Exception:  # no secrets file, or a broken one: nothing configured
        section = None
    cfg = auth.parse_auth_config(section.to_dict() if hasattr(section, "to_dict") else section)
    if cfg.oidc and importlib.util.find_spec("authlib") is None:
        return auth.AuthConfig(
            password_hash=cfg.password_hash,
            editors=cfg.editors,
            problems=(
                *cfg.problems,
                'OIDC sign-in needs the Authlib package (pip install "streamlit[auth]"); it is off',
            ),
        )
    return cfg


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


def signed_in_editor(cfg: auth.AuthConfig | None = None) -> bool:
    """Whether this session signed in as an editor (password, or OIDC on the allow-list)."""
    if st.session_state.get(SESSION_KEY) is True:
        return True
    cfg = cfg or config()
    if not cfg.oidc:
        return False
    logged_in, email = _oidc_user()
    return logged_in and auth.is_allowed_editor(email, cfg.editors)


def is_editor() -> bool:
    """Whether this session edits: always on a local run, else only after signing in."""
    return not get_settings().hosted or signed_in_editor()


def can_write() -> bool:
    """Whether this session may write to the store (editor, and the store is not read-only)."""
    settings = get_settings()
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
    if get_settings().readonly:
        st.info(
            "This instance is read-only (DEMOCDASH_READONLY): nothing can be added or saved.",
            icon=":material/lock:",
        )
    else:
        st.info(auth.READ_ONLY_MESSAGE, icon=":material/lock:")
    return False


def _client_keys() -> tuple[str, str]:
    try:
        agent = st.context.headers.get("User-Agent")
        address = st.context.ip_address
    except Exception:
        agent = address = None
    address = address if isinstance(address, str) else None  # None locally (and in AppTest)
    agent = agent if isinstance(agent, str) else None
    return auth.client_key(agent, address), auth.GLOBAL_CLIENT


def _pause_left(store, keys: tuple[str, str]) -> float:
    now = datetime.now(UTC)
    client, shared = keys
    n, last = store.login_failures(client)
    g, g_last = store.login_failures(shared)
    return max(
        auth.pause_remaining(n, last, now),
        auth.pause_remaining(g, g_last, now, free=auth.GLOBAL_FREE_FAILURES),
    )


def try_password(password: str) -> tuple[bool, str]:
    """Check the editor password with the stored pause; (signed in, message to show)."""
    from democdash.ui import data  # data imports this module: import late

    cfg = config()
    if not cfg.password_hash:
        return False, "Password sign-in is not configured on this instance."
    store = data.store()
    keys = _client_keys()
    try:
        left = _pause_left(store, keys)
        if left > 0:
            return False, f"Too many failed attempts: try again in {left:.0f} s."
        if auth.verify_password(password, cfg.password_hash):
            store.clear_login_failures(keys[0])
            store.clear_login_failures(keys[1])
            st.session_state[SESSION_KEY] = True
            return True, "Signed in as an editor."
        counts = store.record_login_failure(*keys)
    except Exception:  # cannot count attempts: do not check passwords either (fail closed)
        return False, "Sign-in is unavailable: the store cannot record sign-in attempts."
    wait = auth.pause_seconds(counts.get(keys[0], 0))
    more = f" Wait {wait:.0f} s before the next try." if wait else ""
    return False, f"Wrong password.{more}"


def sign_out() -> None:
    """End this session's editor sign-in (OIDC: Streamlit's logout, which starts afresh)."""
    st.session_state.pop(SESSION_KEY, None)
    logged_in, _ = _oidc_user()
    if logged_in:
        st.logout()


def _sign_out_clicked() -> None:
    # A callback runs before the script, so the rest of this run is already read-only.
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[_LOGOUT_KEY] = True


def _password_submitted() -> None:
    # A callback: the check runs once per submit, before the script, whatever reruns follow.
    ok, message = try_password(st.session_state.get(_PASSWORD_KEY) or "")
    st.session_state[_MESSAGE_KEY] = (ok, message)


_PASSWORD_KEY = "auth_password"
_MESSAGE_KEY = "auth_message"
_LOGOUT_KEY = "auth_logout"


def sidebar_control() -> None:
    """Sign-in / sign-out in the sidebar of a hosted instance (nothing on a local run)."""
    settings = get_settings()
    if not settings.hosted:
        return
    if st.session_state.pop(_LOGOUT_KEY, False) and _oidc_user()[0]:
        st.logout()
    cfg = config()
    with st.sidebar:
        for problem in cfg.problems:
            st.warning(md(problem), icon=":material/warning:")
        if settings.readonly:
            st.caption(":material/lock: Read-only instance: nothing can be added or saved.")
            return
        outcome = st.session_state.pop(_MESSAGE_KEY, None)
        if signed_in_editor(cfg):
            _, email = _oidc_user()
            who = f"Signed in as editor {md(email)}" if email else "Signed in as editor"
            st.caption(f":material/edit: {who}")
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
            if cfg.password_hash:
                with st.form("auth_password_form", clear_on_submit=True, border=False):
                    st.text_input("Editor password", type="password", key=_PASSWORD_KEY)
                    st.form_submit_button(
                        "Sign in",
                        icon=":material/login:",
                        key="auth_sign_in",
                        on_click=_password_submitted,
                    )
                if outcome is not None and not outcome[0]:
                    st.error(outcome[1], icon=":material/error:")
            for provider in cfg.oidc_providers:
                label = "Sign in with your account" if provider == "default" else provider
                if st.button(label, key=f"auth_oidc_{provider}", icon=":material/badge:"):
                    st.login(None if provider == "default" else provider)
