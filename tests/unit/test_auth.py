"""Editor sign-in rules: editor names, password hashes compared in constant time, the [auth]
secrets (a hash per editor, the shared password refused), the client's address behind a proxy,
the sign-in limits (per account, per client, a global ceiling that slows), session tokens, who
may write, and `democdash hash-password NAME`."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from democdash import auth

FAST = auth.MIN_ITERATIONS  # the cheapest allowed hash keeps the tests quick
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


# -- editor names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("alice", "alice"),
        ("  Alice ", "alice"),
        ("a.smith-2", "a.smith-2"),
        ("Ana.Lopez@Example.org", "ana.lopez@example.org"),
        ("x" * auth.MAX_EDITOR_NAME, "x" * auth.MAX_EDITOR_NAME),
    ],
)
def test_editor_names_are_short_slugs_or_addresses(typed, name):
    assert auth.editor_name(typed) == name


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "alice smith", "al/ice", "-alice", "alice.", "local:root", "a\nb", "x" * 81, "@x"],
)
def test_other_names_are_refused_with_what_a_name_may_be(bad):
    with pytest.raises(ValueError, match="editor name"):
        auth.editor_name(bad)


def test_toml_keys_are_quoted_when_they_must_be():
    assert auth.toml_key("alice") == "alice"
    assert auth.toml_key("a.smith") == '"a.smith"'  # a bare dotted key would nest tables
    assert auth.toml_key("ana@example.org") == '"ana@example.org"'


# -- password hashes ------------------------------------------------------------------------


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


# -- the [auth] secrets ---------------------------------------------------------------------


def test_each_editor_has_their_own_password_hash():
    alice = auth.hash_password("alice's own password", iterations=FAST)
    ana = auth.hash_password("ana's own password", iterations=FAST)
    cfg = auth.parse_auth_config(
        {"passwords": {"Alice": alice, "ana@example.org": ana}, "editors": ["Ana@Example.org "]}
    )
    assert dict(cfg.passwords) == {"alice": alice, "ana@example.org": ana}
    assert cfg.password_hash("alice") == alice and cfg.password_hash("bob") is None
    assert cfg.can_sign_in and not cfg.oidc and not cfg.problems
    assert cfg.editors == ("ana@example.org",)
    assert cfg.iterations == FAST

    assert not auth.parse_auth_config(None).can_sign_in
    assert not auth.parse_auth_config({}).can_sign_in


def test_the_old_shared_password_is_refused_with_what_to_do_instead():
    shared = auth.hash_password("one password for everyone", iterations=FAST)
    cfg = auth.parse_auth_config({"password_hash": shared})
    assert not cfg.can_sign_in and not cfg.passwords
    (problem,) = cfg.problems
    assert "password_hash" in problem and "no longer accepted" in problem
    assert "democdash hash-password NAME" in problem and "[auth.passwords]" in problem
    # beside per-editor hashes it is still refused, and still reported
    alice = auth.hash_password("alice's own password", iterations=FAST)
    both = auth.parse_auth_config({"password_hash": shared, "passwords": {"alice": alice}})
    assert list(both.passwords) == ["alice"] and both.problems == (auth.LEGACY_PASSWORD_HASH,)


def test_a_bad_editor_entry_is_named_and_only_it_is_off():
    good = auth.hash_password("a good long password", iterations=FAST)
    cfg = auth.parse_auth_config(
        {"passwords": {"alice": good, "bob": "hunter2", "not a name": good, "ALICE": good}}
    )
    assert dict(cfg.passwords) == {}  # alice listed twice (as alice and ALICE): both off
    problems = "\n".join(cfg.problems)
    assert "'bob'" in problems and "password hash" in problems
    assert "'not a name'" in problems and "'ALICE'" in problems
    cfg = auth.parse_auth_config({"passwords": {"alice": good, "bob": "hunter2"}})
    assert list(cfg.passwords) == ["alice"]
    assert auth.parse_auth_config({"passwords": "nope"}).problems[0].startswith("[auth.passwords]")


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


# -- the client's address -------------------------------------------------------------------


def test_without_a_proxy_setting_the_connection_address_counts_and_headers_are_ignored():
    forged = {"X-Forwarded-For": "198.51.100.7", "X-Real-IP": "198.51.100.8"}
    assert auth.client_address("203.0.113.9", forged, None) == "203.0.113.9"
    assert auth.client_address(None, forged, None) is None  # localhost: Streamlit gives None


def test_behind_a_proxy_its_header_counts_and_forged_hops_do_not():
    # nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent
    headers = {"x-forwarded-for": "198.51.100.7, 10.0.0.1,  203.0.113.9"}
    assert auth.client_address(None, headers, "X-Forwarded-For") == "203.0.113.9"
    assert auth.client_address("10.0.0.2", {"X-Real-IP": "203.0.113.10"}, "X-Real-IP") == (
        "203.0.113.10"
    )
    assert auth.client_address("10.0.0.2", {}, "X-Real-IP") is None  # the proxy did not set it
    assert auth.client_address(None, {"X-Real-IP": "not-an-ip"}, "X-Real-IP") is None


def test_client_buckets_hide_the_address_and_group_an_ipv6_network():
    key = auth.client_bucket("203.0.113.9")
    assert "203.0.113" not in key and key == auth.client_bucket("203.0.113.9")
    assert key != auth.client_bucket("203.0.113.10")
    assert auth.client_bucket("2001:db8:1:2::1") == auth.client_bucket("2001:db8:1:2:ffff::9")
    assert auth.client_bucket("2001:db8:1:2::1") != auth.client_bucket("2001:db8:1:3::1")
    assert auth.client_bucket("::ffff:203.0.113.9") == key
    assert auth.account_bucket(" Alice") == auth.account_bucket("alice") != key


# -- the sign-in limits ---------------------------------------------------------------------


def fail(limits, buckets, times: int, at: datetime = NOW) -> dict[str, auth.Bucket]:
    """`times` failures counted at `at` in every limit."""
    for _ in range(times):
        for limit in limits:
            buckets[limit.key] = auth.counted(limit, buckets.get(limit.key, auth.Bucket()), at)
    return buckets


def test_pause_is_free_at_first_then_doubles_up_to_a_cap():
    free = auth.CLIENT_FREE_FAILURES
    assert [auth.pause_seconds(n, free) for n in range(free)] == [0.0] * free
    pauses = [auth.pause_seconds(n, free) for n in range(free, free + 4)]
    assert pauses == [auth.BASE_PAUSE_S * 2**i for i in range(4)]
    assert auth.pause_seconds(free + 400, free) == auth.MAX_PAUSE_S


def test_a_client_pauses_after_its_free_failures_whatever_the_account():
    buckets: dict[str, auth.Bucket] = {}
    for i in range(auth.CLIENT_FREE_FAILURES):
        limits = auth.limits_for(f"name-{i}", "203.0.113.9")  # a new account each time
        assert auth.decide(limits, buckets, NOW).allowed
        fail(limits, buckets, 1)
    verdict = auth.decide(auth.limits_for("another", "203.0.113.9"), buckets, NOW)
    assert not verdict.allowed and verdict.blocked_by == "client"
    assert verdict.retry_after_s == auth.BASE_PAUSE_S
    later = NOW + timedelta(seconds=auth.BASE_PAUSE_S)
    assert auth.decide(auth.limits_for("another", "203.0.113.9"), buckets, later).allowed


def test_an_account_pauses_after_its_free_failures_from_any_clients():
    buckets: dict[str, auth.Bucket] = {}
    for i in range(auth.ACCOUNT_FREE_FAILURES):
        fail(auth.limits_for("alice", f"203.0.113.{i}"), buckets, 1)  # one try per address
    verdict = auth.decide(auth.limits_for("alice", "198.51.100.1"), buckets, NOW)
    assert not verdict.allowed and verdict.blocked_by == "account"
    # another account from a fresh client is not paused
    assert auth.decide(auth.limits_for("bob", "198.51.100.1"), buckets, NOW).allowed


def test_the_global_ceiling_slows_and_never_refuses():
    buckets: dict[str, auth.Bucket] = {}
    for i in range(auth.GLOBAL_FREE_FAILURES + 50):
        fail(auth.limits_for(f"name-{i}", f"2001:db8:{i:x}::1"), buckets, 1)
    verdict = auth.decide(auth.limits_for("bob", "198.51.100.1"), buckets, NOW)
    assert verdict.allowed and verdict.delay_s == auth.GLOBAL_DELAY_S
    quiet = NOW + timedelta(seconds=auth.GLOBAL_FORGET_S + 1)
    assert auth.decide(auth.limits_for("bob", "198.51.100.1"), buckets, quiet).delay_s == 0


def test_failures_are_forgotten_after_a_quiet_day():
    limits = auth.limits_for("alice", "203.0.113.9")
    buckets = fail(limits, {}, 12)
    assert not auth.decide(limits, buckets, NOW + timedelta(minutes=1)).allowed
    next_day = NOW + timedelta(seconds=auth.FORGET_S + 1)
    assert auth.decide(limits, buckets, next_day).allowed
    (account,) = [lim for lim in limits if lim.what == "account"]
    assert auth.counted(account, buckets[account.key], next_day).failures == 1


def test_without_a_known_address_there_is_no_client_limit():
    assert [lim.what for lim in auth.limits_for("alice", None)] == ["account", "global"]
    assert [lim.what for lim in auth.limits_for("alice", "203.0.113.9")] == [
        "account",
        "client",
        "global",
    ]


# -- session tokens -------------------------------------------------------------------------


def test_a_session_token_keeps_its_secret_out_of_the_store_and_of_reprs():
    token = auth.new_session_token()
    assert auth.split_cookie(token.cookie) == (token.selector, token.secret)
    assert token.secret not in repr(token)
    assert token.secret_sha256 != token.secret and len(token.secret_sha256) == 64
    assert auth.secret_matches(token.secret, token.secret_sha256)
    assert not auth.secret_matches(auth.new_session_token().secret, token.secret_sha256)
    assert auth.new_session_token().cookie != token.cookie


@pytest.mark.parametrize("bad", [None, "", "nodot", "a.b", "x" * 16 + "." + "y" * 42, "%.%"])
def test_cookie_values_that_are_not_our_tokens_are_ignored(bad):
    assert auth.split_cookie(bad) is None


def test_a_token_secret_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    token = auth.new_session_token()
    assert auth.secret_matches(token.secret, token.secret_sha256)
    assert calls == [1]


def test_a_new_password_changes_the_credential_its_sessions_carry():
    one = auth.hash_password("first long password", iterations=FAST)
    two = auth.hash_password("second long password", iterations=FAST)
    assert auth.credential_id(one) == auth.credential_id(one) != auth.credential_id(two)


# -- `democdash hash-password NAME` ---------------------------------------------------------


def run_hash_password(*args: str, password: str = "a long editor password"):
    from democdash.cli import app

    return CliRunner().invoke(
        app, ["hash-password", *args, "--iterations", str(FAST)], input=f"{password}\n{password}\n"
    )


def test_hash_password_prints_the_editors_line_that_verifies():
    result = run_hash_password("Alice")
    assert result.exit_code == 0, result.output
    assert "[auth.passwords]" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("alice = "))
    encoded = line.split('"')[1]
    assert auth.verify_password("a long editor password", encoded)
    assert "a long editor password" not in line
    cfg = auth.parse_auth_config({"passwords": {"alice": encoded}})
    assert cfg.password_hash("alice") == encoded and not cfg.problems


def test_hash_password_quotes_an_address_as_a_toml_key():
    import tomllib

    result = run_hash_password("ana@example.org")
    assert result.exit_code == 0, result.output
    table = tomllib.loads(result.output[result.output.index("[auth.passwords]") :])
    encoded = table["auth"]["passwords"]["ana@example.org"]
    assert auth.verify_password("a long editor password", encoded)


def test_hash_password_refuses_a_bad_name_and_a_short_password():
    bad = run_hash_password("not a name")
    assert bad.exit_code == 2 and "editor name" in bad.output
    assert "pbkdf2" not in bad.output
    short = run_hash_password("alice", password="short")
    assert short.exit_code == 2 and "12 characters" in short.output
    assert "pbkdf2" not in short.output
    from democdash.cli import app

    missing = CliRunner().invoke(app, ["hash-password"], input="x\nx\n")
    assert missing.exit_code == 2 and "Missing argument 'NAME'" in missing.output
