"""Editor sign-in rules: password hashes compared in constant time, the growing pause, the
[auth] secrets, who may write, and the failed-attempt counter kept in the store (SQLite and
PostgreSQL) across a restart and on a read-only store."""

from __future__ import annotations

import hmac
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash import auth
from democdash.settings import Settings
from democdash.store import ReadOnlyError, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAST = auth.MIN_ITERATIONS  # the cheapest allowed hash keeps the tests quick


def test_hash_verifies_its_password_only():
    encoded = auth.hash_password("correct horse battery", iterations=FAST)
    algorithm, iterations, _salt, _digest = encoded.split("$")
    assert (algorithm, int(iterations)) == ("pbkdf2_sha256", FAST)
    assert "correct" not in encoded
    assert auth.verify_password("correct horse battery", encoded)
    assert not auth.verify_password("correct horse batterz", encoded)
    assert not auth.verify_password("", encoded)


def test_each_hash_has_its_own_salt():
    one = auth.hash_password("same password", iterations=FAST)
    two = auth.hash_password("same password", iterations=FAST)
    assert one != two
    assert auth.verify_password("same password", one) and auth.verify_password("same password", two)


def test_password_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    encoded = auth.hash_password("pw-for-timing", iterations=FAST)
    assert auth.verify_password("pw-for-timing", encoded)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "bad",
    [
        "plain-text-password",
        "md5$1$abc$def",
        "pbkdf2_sha256$notanumber$AAAA$AAAA",
        "pbkdf2_sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "=",  # too few iterations
        "pbkdf2_sha256$600000$AAAA$AAAA",  # digest truncated
    ],
)
def test_malformed_hashes_are_refused(bad):
    with pytest.raises(auth.PasswordHashError):
        auth.verify_password("anything", bad)


def test_pause_is_free_at_first_then_doubles_up_to_a_cap():
    free = auth.FREE_FAILURES
    assert [auth.pause_seconds(n) for n in range(free)] == [0.0] * free
    pauses = [auth.pause_seconds(n) for n in range(free, free + 4)]
    assert pauses == [auth.BASE_PAUSE_S * 2**i for i in range(4)]
    assert auth.pause_seconds(free + 40) == auth.MAX_PAUSE_S


def test_pause_remaining_counts_down_from_the_last_failure():
    last = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    n = auth.FREE_FAILURES + 2  # a pause of 4 x BASE
    full = auth.pause_seconds(n)
    assert auth.pause_remaining(n, last, last) == full
    assert auth.pause_remaining(n, last, last + timedelta(seconds=1)) == full - 1
    assert auth.pause_remaining(n, last, last + timedelta(seconds=full + 1)) == 0
    assert auth.pause_remaining(0, None, last) == 0


def test_client_key_hides_the_raw_values():
    key = auth.client_key("Mozilla/5.0", "203.0.113.9")
    assert "203.0.113.9" not in key and "Mozilla" not in key
    assert key == auth.client_key("Mozilla/5.0", "203.0.113.9")
    assert key != auth.client_key("Mozilla/5.0", "203.0.113.10")
    assert auth.client_key(None, None) == "anonymous"


def test_auth_config_from_secrets():
    good = auth.hash_password("editor password", iterations=FAST)
    cfg = auth.parse_auth_config({"password_hash": good, "editors": ["Ana@Example.org "]})
    assert cfg.password_hash == good and cfg.can_sign_in and not cfg.oidc
    assert cfg.editors == ("ana@example.org",)
    assert not cfg.problems

    assert not auth.parse_auth_config(None).can_sign_in
    assert not auth.parse_auth_config({}).can_sign_in

    broken = auth.parse_auth_config({"password_hash": "hunter2"})
    assert broken.password_hash is None and not broken.can_sign_in
    assert "password_hash" in broken.problems[0]


def test_oidc_is_configured_only_with_its_shared_keys():
    provider = {
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    shared = {"redirect_uri": "https://app.example/oauth2callback", "cookie_secret": "x" * 32}
    default = auth.parse_auth_config({**shared, **provider, "editors": ["a@example.org"]})
    assert default.oidc and default.oidc_providers == ("default",) and not default.problems
    named = auth.parse_auth_config({**shared, "microsoft": provider, "editors": "a@example.org"})
    assert named.oidc_providers == ("microsoft",) and named.editors == ("a@example.org",)
    missing = auth.parse_auth_config(provider)
    assert not missing.oidc and "redirect_uri" in missing.problems[0]
    nobody = auth.parse_auth_config({**shared, **provider})
    assert nobody.oidc and "editors is empty" in nobody.problems[0]


def test_editor_allow_list_is_case_insensitive_and_needs_an_address():
    assert auth.is_allowed_editor("Ana@Example.org", ["ana@example.org"])
    assert not auth.is_allowed_editor("eve@example.org", ["ana@example.org"])
    assert not auth.is_allowed_editor(None, ["ana@example.org"])
    assert not auth.is_allowed_editor("", [""])


@pytest.mark.parametrize(
    ("hosted", "readonly", "editor", "allowed"),
    [
        (False, False, False, True),  # a laptop run keeps full editing
        (True, False, False, False),  # a hosted visitor reads only
        (True, False, True, True),  # a hosted editor writes
        (True, True, True, False),  # a read-only store refuses everyone
        (False, True, True, False),
    ],
)
def test_who_may_write(hosted, readonly, editor, allowed):
    assert (
        auth.may_write(hosted=hosted, store_readonly=readonly, signed_in_editor=editor) is allowed
    )


def test_hash_password_command_prints_a_line_that_verifies():
    from democdash.cli import app

    result = CliRunner().invoke(
        app,
        ["hash-password", "--iterations", str(FAST)],
        input="a long editor password\na long editor password\n",
    )
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("password_hash = "))
    encoded = line.split('"')[1]
    assert auth.verify_password("a long editor password", encoded)
    assert "a long editor password" not in line


def test_hash_password_command_refuses_a_short_password():
    from democdash.cli import app

    result = CliRunner().invoke(app, ["hash-password"], input="short\nshort\n")
    assert result.exit_code == 2
    assert "password_hash" not in result.output


# -- the counter in the store -------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("fresh_pg_url")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def _open(tmp_path, url, readonly=False):
    data_dir = tmp_path / "data"
    if not data_dir.exists():
        shutil.copytree(FIXTURES / "data", data_dir)
    settings = Settings(data_dir=data_dir, database_url=url, readonly=readonly, seeds_dir=None)
    return open_store(settings)


def test_failed_attempts_survive_a_restart_and_clear_on_success(tmp_path, store_url):
    store = _open(tmp_path, store_url)
    revision = store.revision()
    assert store.login_failures("client-a") == (0, None)
    before = datetime.now(UTC)
    assert store.record_login_failure("client-a", auth.GLOBAL_CLIENT) == {
        "client-a": 1,
        auth.GLOBAL_CLIENT: 1,
    }
    store.record_login_failure("client-a", auth.GLOBAL_CLIENT)
    store.record_login_failure("client-b", auth.GLOBAL_CLIENT)
    store.engine.dispose()

    restarted = _open(tmp_path, store_url)  # a new process, as after a restart
    failures, last = restarted.login_failures("client-a")
    assert failures == 2
    assert last is not None and last.tzinfo is not None and last >= before - timedelta(seconds=1)
    assert restarted.login_failures(auth.GLOBAL_CLIENT)[0] == 3
    assert restarted.revision() == revision  # bookkeeping, not content: no cache refresh
    restarted.clear_login_failures("client-a")
    assert restarted.login_failures("client-a") == (0, None)
    assert restarted.login_failures("client-b")[0] == 1
    restarted.engine.dispose()


def test_attempts_are_counted_on_a_read_only_store(tmp_path, store_url):
    _open(tmp_path, store_url).engine.dispose()
    ro = _open(tmp_path, store_url, readonly=True)
    assert ro.record_login_failure("client-a") == {"client-a": 1}
    assert ro.login_failures("client-a")[0] == 1
    with pytest.raises(ReadOnlyError):
        ro.delete_record("events", "blr-2024-vote")  # content stays refused
    ro.engine.dispose()
