"""Editor sign-in against a real store (SQLite and PostgreSQL): parallel wrong passwords check
no more than the limits allow, an attacker cannot pause other clients or other accounts, the
global ceiling slows and never locks, counters and sessions survive a restart, and sessions
end on sign-out, on expiry and with a wrong secret."""

from __future__ import annotations

import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from democdash import auth
from democdash.settings import Settings
from democdash.store import open_store
from democdash.store import signin as signin_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAST = auth.MIN_ITERATIONS
PASSWORDS = {"alice": "alice's long password", "bob": "bob's own long password"}


@pytest.fixture(scope="module")
def cfg() -> auth.AuthConfig:
    hashes = {name: auth.hash_password(pw, iterations=FAST) for name, pw in PASSWORDS.items()}
    return auth.parse_auth_config({"passwords": hashes})


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("fresh_pg_url")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def open_(tmp_path, store_url):
    """`open_(readonly=False)`: the store at `store_url`, as a new process would open it."""
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data_dir)
    opened = []

    def _open(readonly: bool = False):
        settings = Settings(
            data_dir=data_dir, database_url=store_url, readonly=readonly, seeds_dir=None
        )
        opened.append(open_store(settings))
        return opened[-1]

    yield _open
    for store in opened:
        store.engine.dispose()


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The passwords compared (every call of `auth.verify_password`)."""
    seen: list[str] = []
    real = auth.verify_password

    def spy(password: str, encoded: str) -> bool:
        seen.append(password)
        return real(password, encoded)

    monkeypatch.setattr(auth, "verify_password", spy)
    return seen


def at_once(n: int, attempt) -> list[auth.SignInResult]:
    """`attempt(i)` in `n` threads released together."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = attempt(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_twelve_simultaneous_wrong_passwords_check_no_more_than_the_limit(open_, cfg, checks):
    store = open_()
    results = at_once(12, lambda i: auth.sign_in(store, cfg, "alice", f"guess {i}", "203.0.113.9"))
    assert len(checks) == auth.CLIENT_FREE_FAILURES
    wrong = [r for r in results if r.message == auth.WRONG_CREDENTIALS]
    paused = [r for r in results if r.message.startswith("Too many failed attempts")]
    assert len(wrong) == auth.CLIENT_FREE_FAILURES and len(paused) == 12 - len(wrong)
    assert store.login_failures(auth.client_bucket("203.0.113.9"))[0] == len(wrong)


def test_one_account_guessed_from_many_clients_at_once_checks_no_more_than_its_limit(
    open_, cfg, checks
):
    store = open_()
    results = at_once(
        12, lambda i: auth.sign_in(store, cfg, "alice", f"guess {i}", f"198.51.100.{i + 1}")
    )
    assert len(checks) == auth.ACCOUNT_FREE_FAILURES
    assert sum(r.message == auth.WRONG_CREDENTIALS for r in results) == len(checks)


def test_an_attacker_pauses_neither_other_clients_nor_other_accounts(open_, cfg):
    store = open_()
    attacker = "203.0.113.66"
    for i in range(40):  # guesses on alice, on bob and on names nobody has, as fast as allowed
        auth.sign_in(store, cfg, ["alice", "bob", f"x{i}"][i % 3], f"guess {i}", attacker)
    assert "Too many" in auth.sign_in(store, cfg, "bob", PASSWORDS["bob"], attacker).message
    # another client signs in to another account at once, and so does a third client
    for client in ("198.51.100.20", "2001:db8::20"):
        result = auth.sign_in(store, cfg, "bob", PASSWORDS["bob"], client)
        assert result.editor == "bob", result.message


def test_the_global_ceiling_slows_sign_in_and_never_locks_it(open_, cfg):
    store = open_()
    for i in range(auth.GLOBAL_FREE_FAILURES + 5):  # a botnet: one guess per address
        auth.sign_in(store, cfg, f"name{i}", "guess", f"2001:db8:{i:x}::1")
    assert store.login_failures(auth.GLOBAL_BUCKET)[0] == auth.GLOBAL_FREE_FAILURES + 5
    waited: list[float] = []
    result = auth.sign_in(
        store, cfg, "alice", PASSWORDS["alice"], "198.51.100.5", sleep=waited.append
    )
    assert result.editor == "alice" and waited == [auth.GLOBAL_DELAY_S]


def test_a_name_nobody_has_costs_a_check_and_answers_like_a_wrong_password(open_, cfg, monkeypatch):
    store = open_()
    burned: list[int] = []
    monkeypatch.setattr(auth, "burn_password_check", lambda pw, it: burned.append(it))
    nobody = auth.sign_in(store, cfg, "mallory", "some password", "203.0.113.9")
    wrong = auth.sign_in(store, cfg, "alice", "some password", "203.0.113.10")
    assert nobody.message == wrong.message == auth.WRONG_CREDENTIALS
    assert burned == [FAST]


def test_success_clears_the_account_and_client_and_gives_a_session(open_, cfg):
    store = open_()
    revision = store.revision()
    address = "203.0.113.9"
    auth.sign_in(store, cfg, "alice", "typo", address)
    result = auth.sign_in(store, cfg, " Alice ", PASSWORDS["alice"], address)
    assert result.editor == "alice" and result.token is not None
    assert store.login_failures(auth.account_bucket("alice")) == (0, None)
    assert store.login_failures(auth.client_bucket(address)) == (0, None)
    assert store.login_failures(auth.GLOBAL_BUCKET)[0] == 1  # the typo, not the success
    session = store.editor_session(result.token.cookie)
    assert session is not None and session.editor == "alice"
    assert session.credential == auth.credential_id(cfg.password_hash("alice"))
    assert session.expires_at - session.created_at == timedelta(days=auth.SESSION_DAYS)
    assert store.revision() == revision  # bookkeeping, not content: no cache refresh


def test_counters_and_sessions_survive_a_restart(open_, cfg):
    store = open_()
    auth.sign_in(store, cfg, "alice", "typo", "203.0.113.9")
    token = auth.sign_in(store, cfg, "bob", PASSWORDS["bob"], "198.51.100.1").token
    store.engine.dispose()
    restarted = open_()  # a new process, as after a server restart
    failures, last = restarted.login_failures(auth.account_bucket("alice"))
    assert failures == 1 and last is not None and last.tzinfo is not None
    assert restarted.editor_session(token.cookie).editor == "bob"


def test_a_session_ends_on_sign_out_expiry_or_a_wrong_secret(open_):
    store = open_()
    token = auth.new_session_token()
    store.create_editor_session(token, "alice", "cred")
    assert store.editor_session(token.cookie).editor == "alice"
    forged = f"{token.selector}.{auth.new_session_token().secret}"
    assert store.editor_session(forged) is None
    assert store.editor_session("not-a-token") is None
    assert [s.editor for s in store.editor_sessions()] == ["alice"]
    store.end_editor_session(token.selector)
    assert store.editor_session(token.cookie) is None

    expired = auth.new_session_token()
    store.create_editor_session(expired, "alice", "cred", days=0)
    assert store.editor_session(expired.cookie) is None
    assert store.editor_sessions() == []


def test_an_editors_sessions_end_together(open_):
    store = open_()
    tokens = [auth.new_session_token() for _ in range(3)]
    for token, editor in zip(tokens, ["alice", "alice", "bob"], strict=True):
        store.create_editor_session(token, editor, "cred")
    assert store.end_editor_sessions("alice") == 2
    assert [store.editor_session(t.cookie) is None for t in tokens] == [True, True, False]


def test_sign_in_works_on_a_read_only_store(open_, cfg):
    open_().engine.dispose()
    readonly = open_(readonly=True)  # a visitor's view is read-only: they must sign in anyway
    result = auth.sign_in(readonly, cfg, "alice", PASSWORDS["alice"], "203.0.113.9")
    assert readonly.editor_session(result.token.cookie).editor == "alice"
    auth.sign_in(readonly, cfg, "alice", "typo", "203.0.113.9")
    assert readonly.login_failures(auth.account_bucket("alice"))[0] == 1


def test_counters_quiet_for_a_day_are_deleted(open_, cfg, monkeypatch):
    store = open_()
    auth.sign_in(store, cfg, "mallory", "guess", "203.0.113.9")
    real_now = signin_store._now
    monkeypatch.setattr(
        signin_store, "_now", lambda: real_now() + timedelta(seconds=auth.FORGET_S + 60)
    )
    auth.sign_in(store, cfg, "bob", "typo", "198.51.100.1")
    assert store.login_failures(auth.account_bucket("mallory")) == (0, None)
    assert store.login_failures(auth.client_bucket("203.0.113.9")) == (0, None)
    assert store.login_failures(auth.account_bucket("bob"))[0] == 1


def test_the_operator_lists_and_ends_an_editors_sessions():
    from typer.testing import CliRunner

    from democdash.cli import app
    from democdash.settings import get_settings

    store = open_store(get_settings())
    tokens = {name: auth.new_session_token() for name in ("alice", "bob")}
    for name, token in tokens.items():
        store.create_editor_session(token, name, "cred")
    listed = CliRunner().invoke(app, ["editor-sessions"])
    assert listed.exit_code == 0, listed.output
    assert [line.split("\t")[0] for line in listed.output.splitlines()] == ["alice", "bob"]
    assert all(
        t.secret not in listed.output and t.selector not in listed.output for t in tokens.values()
    )
    ended = CliRunner().invoke(app, ["editor-sessions", "--end", "Alice"])
    assert ended.exit_code == 0 and "Ended 1 session of alice" in ended.output
    assert store.editor_session(tokens["alice"].cookie) is None
    assert store.editor_session(tokens["bob"].cookie).editor == "bob"
    bad = CliRunner().invoke(app, ["editor-sessions", "--end", "not a name"])
    assert bad.exit_code == 2 and "editor name" in bad.output
