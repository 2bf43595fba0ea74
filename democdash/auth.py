"""Editor sign-in for a hosted instance: who the editors are, password hashes, sign-in limits,
session tokens, and who may write.

Plain Python (no streamlit): `democdash.ui.auth` draws the controls, reads the secrets and the
browser's cookie; the store keeps the attempt counters and the sessions
(`democdash.store.signin`); this module holds the rules so that they are tested on their own.

- Each editor signs in as themselves: by OIDC with an e-mail on `[auth] editors`, or by name and
  password with a hash per editor under `[auth.passwords]` (`name = "pbkdf2_sha256$..."`, made
  by `democdash hash-password NAME`). A password is never stored; checks compare in constant
  time. The old shared `[auth] password_hash` is refused with a warning saying what to do.
- Sign-in limits (`limits_for`, `decide`): failures are counted per account (the name typed),
  per client (its address) and for everyone together. An attempt is counted *before* its
  password is compared, in one write transaction with the check, so parallel guesses cannot
  overtake the count. The account and client limits pause; the global ceiling only slows
  (a small added delay), so nobody can lock every editor out.
- A password sign-in gives a session token (`new_session_token`): the browser keeps it in a
  cookie, the store keeps only a hash of its secret part, with the editor and an expiry.
- A hosted instance (`DEMOCDASH_HOSTED=1`) is read-only to everyone who has not signed in as an
  editor. A local run (not hosted) keeps full editing, as the local editor of the settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

ALGORITHM = "pbkdf2_sha256"
#: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
DEFAULT_ITERATIONS = 600_000
#: Iterations below this are refused: a hash that cheap is not worth protecting with.
MIN_ITERATIONS = 100_000
SALT_BYTES = 16
MIN_PASSWORD_CHARS = 12

#: The longest editor name or e-mail (a scenario's author holds at most 80 characters).
MAX_EDITOR_NAME = 80
_SLUG_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")
_EMAIL_NAME = re.compile(r"[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+")

# -- sign-in limits ---------------------------------------------------------------------------
#: Failures one client may make (whatever the accounts) before it is paused.
CLIENT_FREE_FAILURES = 3
#: Failures on one account (from any client) before the account's password sign-in pauses.
ACCOUNT_FREE_FAILURES = 5
#: Failures of everyone together (within `GLOBAL_FORGET_S`) above which every attempt is slowed.
GLOBAL_FREE_FAILURES = 30
#: The first pause after the free failures, doubled by each further failure, capped.
BASE_PAUSE_S = 2.0
MAX_PAUSE_S = 15 * 60.0
#: The delay added to every attempt while the global ceiling is exceeded (slows, never locks).
GLOBAL_DELAY_S = 2.0
#: A bucket forgets its failures after this long without a new one.
FORGET_S = 24 * 3600.0
GLOBAL_FORGET_S = 15 * 60.0

#: Bucket key of the global ceiling.
GLOBAL_BUCKET = "global"

# -- sessions ---------------------------------------------------------------------------------
#: How long a password sign-in lasts (across reloads and server restarts).
SESSION_DAYS = 14
#: The browser cookie that carries the session token.
SESSION_COOKIE = "democdash_editor"

READ_ONLY_MESSAGE = "This is a read-only view; sign in as an editor to add articles or save scores."
WRONG_CREDENTIALS = "Wrong name or password."
LEGACY_PASSWORD_HASH = (
    "[auth] password_hash (one password shared by every editor) is no longer accepted, so "
    "password sign-in with it is off. Give each editor their own: run `democdash hash-password "
    "NAME` for each editor, paste the printed lines under [auth.passwords], and remove "
    "password_hash (see docs/hosting.md)."
)


class PasswordHashError(ValueError):
    """A configured password hash that is not in the `pbkdf2_sha256$...` format."""


# == editor names =============================================================================


def editor_name(name: str) -> str:
    """An editor's sign-in name, normalised (trimmed, lower case), or `ValueError` saying what
    a name may be: a short slug (`alice`, `a.smith`) or an e-mail address."""
    cleaned = (name or "").strip().lower()
    if not cleaned:
        raise ValueError("an editor name is needed")
    if len(cleaned) > MAX_EDITOR_NAME:
        raise ValueError(f"an editor name has at most {MAX_EDITOR_NAME} characters")
    if not (_SLUG_NAME.fullmatch(cleaned) or _EMAIL_NAME.fullmatch(cleaned)):
        raise ValueError(
            f"{name.strip()!r} is not an editor name: use letters, digits, '.', '_' or '-' "
            "(starting and ending with a letter or digit), or an e-mail address"
        )
    return cleaned


def toml_key(name: str) -> str:
    """`name` as a TOML key: bare when it can be, else quoted (an e-mail, a dotted name)."""
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'


# == password hashes ==========================================================================


def hash_password(
    password: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None
) -> str:
    """The `pbkdf2_sha256$<iterations>$<salt_b64>$<hash_b64>` value to put in the secrets."""
    if not password:
        raise ValueError("the password is empty")
    if iterations < MIN_ITERATIONS:
        raise ValueError(f"at least {MIN_ITERATIONS} iterations")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = base64.b64encode
    return f"{ALGORITHM}${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def parse_hash(encoded: str) -> tuple[int, bytes, bytes]:
    """(iterations, salt, digest) of a stored hash; `PasswordHashError` names what is wrong."""
    parts = (encoded or "").strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise PasswordHashError(
            f"the password hash must look like {ALGORITHM}$<iterations>$<salt>$<hash> "
            "(make one with `democdash hash-password NAME`)"
        )
    try:
        iterations = int(parts[1])
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except ValueError as exc:
        raise PasswordHashError(f"the password hash is malformed ({exc})") from None
    if iterations < MIN_ITERATIONS or not salt or len(digest) != 32:
        raise PasswordHashError(
            f"the password hash is too weak or truncated (iterations >= {MIN_ITERATIONS}, "
            "a salt, a 32-byte digest)"
        )
    return iterations, salt, digest


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches the stored hash, compared in constant time."""
    iterations, salt, expected = parse_hash(encoded)
    actual = hashlib.pbkdf2_hmac("sha256", (password or "").encode("utf-8"), salt, iterations)
    return hmac.compare_digest(actual, expected)


def burn_password_check(password: str, iterations: int = DEFAULT_ITERATIONS) -> None:
    """Spend what one password check costs, for a name nobody has: the time a refusal takes
    then does not tell which editor names exist."""
    hashlib.pbkdf2_hmac("sha256", (password or "").encode("utf-8"), b"no-editor", iterations)


def credential_id(encoded_hash: str) -> str:
    """A short fingerprint of an editor's configured hash, kept with their sessions: a new
    password (a new hash in the secrets) ends every session made with the old one."""
    return hashlib.sha256(encoded_hash.strip().encode("utf-8")).hexdigest()[:32]


# == the [auth] secrets =======================================================================


@dataclass(frozen=True)
class AuthConfig:
    """What the `[auth]` section of the secrets configures for editor sign-in.

    `passwords`: editor name -> password hash (`[auth.passwords]`). `editors`: e-mail addresses
    allowed to edit after an OIDC sign-in (`st.login`); an empty list lets nobody edit through
    OIDC. `oidc`: whether OIDC is configured (redirect_uri, cookie_secret and a provider).
    `problems`: configuration errors to show to the operator.
    """

    passwords: Mapping[str, str] = field(default_factory=dict)
    editors: tuple[str, ...] = ()
    oidc: bool = False
    oidc_providers: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def can_sign_in(self) -> bool:
        """Whether any editor sign-in is configured."""
        return bool(self.passwords) or self.oidc

    def password_hash(self, name: str) -> str | None:
        """The configured hash of an editor name (None: no such editor)."""
        return self.passwords.get(name)

    @property
    def iterations(self) -> int:
        """The largest iteration count configured (what a check for an unknown name costs)."""
        counts = [int(h.split("$")[1]) for h in self.passwords.values()]
        return max(counts, default=DEFAULT_ITERATIONS)


_OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")


def _parse_passwords(raw: object, problems: list[str]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.append(
            '[auth.passwords] must be a table of `name = "pbkdf2_sha256$..."` lines; '
            "password sign-in is off"
        )
        return {}
    passwords: dict[str, str] = {}
    for key, value in raw.items():
        try:
            name = editor_name(str(key))
        except ValueError as exc:
            problems.append(f"[auth.passwords] {key!r}: {exc}; this editor cannot sign in")
            continue
        if name in passwords:
            problems.append(f"[auth.passwords] {key!r}: {name!r} is listed twice; both are off")
            passwords[name] = ""
            continue
        try:
            parse_hash(str(value))
        except PasswordHashError as exc:
            problems.append(f"[auth.passwords] {name!r}: {exc}; this editor cannot sign in")
            continue
        passwords[name] = str(value).strip()
    return {name: h for name, h in passwords.items() if h}


def parse_auth_config(auth_section: Mapping | None) -> AuthConfig:
    """The sign-in configuration from the `[auth]` secrets section (missing: nothing set)."""
    section = dict(auth_section or {})
    problems: list[str] = []
    if str(section.get("password_hash") or "").strip():
        problems.append(LEGACY_PASSWORD_HASH)
    passwords = _parse_passwords(section.get("passwords"), problems)
    raw_editors = section.get("editors") or []
    if isinstance(raw_editors, str):
        raw_editors = [raw_editors]
    editors = tuple(sorted({str(e).strip().lower() for e in raw_editors if str(e).strip()}))
    providers: list[str] = []
    if all(section.get(k) for k in _OIDC_KEYS):
        providers.append("default")
    for name, value in section.items():
        if name == "passwords":
            continue
        if isinstance(value, Mapping) and all(value.get(k) for k in _OIDC_KEYS):
            providers.append(str(name))
    has_shared = bool(section.get("redirect_uri")) and bool(section.get("cookie_secret"))
    if providers and not has_shared:
        problems.append("[auth] OIDC needs redirect_uri and cookie_secret; OIDC sign-in is off")
    oidc = bool(providers) and has_shared
    if oidc and not editors:
        problems.append("[auth] editors is empty: OIDC users can sign in but nobody may edit")
    return AuthConfig(
        passwords=passwords,
        editors=editors,
        oidc=oidc,
        oidc_providers=tuple(providers) if oidc else (),
        problems=tuple(problems),
    )


def is_allowed_editor(email: str | None, editors: Iterable[str]) -> bool:
    """Whether an OIDC user's e-mail is on the editors allow-list (case-insensitive)."""
    return bool(email) and email.strip().lower() in {e.strip().lower() for e in editors}


def may_write(*, hosted: bool, store_readonly: bool, signed_in_editor: bool) -> bool:
    """Whether this session may write: never on a read-only store; on a hosted instance only
    a signed-in editor; a local run (not hosted) keeps full editing."""
    if store_readonly:
        return False
    return signed_in_editor or not hosted


# == the client's address =====================================================================


def client_address(
    remote_ip: str | None, headers: Mapping[str, str] | None, proxy_header: str | None
) -> str | None:
    """The address of the client that signs in, or None when it cannot be told.

    Without a proxy setting, the connection's own address (`remote_ip`). With `proxy_header`
    set (only when a proxy in front sets it), that header instead: for `X-Forwarded-For` its
    last entry, the address the nearest proxy saw (earlier entries come from the client and
    can be forged); for any other header (`X-Real-IP`) its whole value. A value that is not an
    IP address counts as unknown.
    """
    raw: str | None = remote_ip
    if proxy_header:
        value = None
        for key, item in (headers or {}).items():
            if key.lower() == proxy_header.lower():
                value = item
        if proxy_header.lower() == "x-forwarded-for" and value:
            value = value.split(",")[-1]
        raw = value
    try:
        return str(ipaddress.ip_address((raw or "").strip()))
    except ValueError:
        return None


def client_bucket(address: str) -> str:
    """The bucket key of a client address: a hash (addresses are personal data), and for IPv6
    its /64 network (one household or server holds a whole /64)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped is None:
        network = ipaddress.ip_network(f"{ip}/64", strict=False)
        address = str(network)
    elif ip.version == 6 and ip.ipv4_mapped is not None:
        address = str(ip.ipv4_mapped)
    return "client:" + hashlib.sha256(address.encode("ascii")).hexdigest()[:40]


def account_bucket(name: str) -> str:
    """The bucket key of an account name (a hash: also names nobody has, as typed)."""
    typed = (name or "").strip().lower()
    return "account:" + hashlib.sha256(typed.encode("utf-8", "replace")).hexdigest()[:40]


# == sign-in limits ===========================================================================


@dataclass(frozen=True)
class Limit:
    """One counter that a sign-in attempt is checked against and counted in.

    `mode` "pause": after `free` failures each further one doubles a pause (from `BASE_PAUSE_S`
    up to `MAX_PAUSE_S`) during which attempts are refused. "slow": past `free`, attempts wait
    `GLOBAL_DELAY_S` first but are never refused. Failures are forgotten after `forget_s`
    without a new one.
    """

    key: str
    what: Literal["account", "client", "global"]
    free: int
    mode: Literal["pause", "slow"] = "pause"
    forget_s: float = FORGET_S


def limits_for(account: str, address: str | None) -> tuple[Limit, ...]:
    """The counters an attempt on `account` from `address` goes through: the account, the
    client (when its address is known) and the global ceiling."""
    limits = [Limit(account_bucket(account), "account", ACCOUNT_FREE_FAILURES)]
    if address:
        limits.append(Limit(client_bucket(address), "client", CLIENT_FREE_FAILURES))
    limits.append(
        Limit(GLOBAL_BUCKET, "global", GLOBAL_FREE_FAILURES, mode="slow", forget_s=GLOBAL_FORGET_S)
    )
    return tuple(limits)


@dataclass(frozen=True)
class Bucket:
    """A counter as stored: consecutive failures and the time of the last one (UTC)."""

    failures: int = 0
    last_failed_at: datetime | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may check its password now.

    `allowed` False: refused for `retry_after_s` seconds by the `blocked_by` limit ("account"
    or "client"); nothing was counted. `allowed` True: counted; wait `delay_s` first (the
    global ceiling).
    """

    allowed: bool
    retry_after_s: float = 0.0
    delay_s: float = 0.0
    blocked_by: str | None = None


def pause_seconds(failures: int, free: int) -> float:
    """How long sign-in pauses after `failures` consecutive failures (0 while still free)."""
    if failures < free:
        return 0.0
    return min(BASE_PAUSE_S * 2 ** min(failures - free, 32), MAX_PAUSE_S)


def current_failures(bucket: Bucket, limit: Limit, now: datetime) -> int:
    """The failures a bucket still counts at `now` (0 once forgotten)."""
    if bucket.last_failed_at is None:
        return 0
    if now - bucket.last_failed_at > timedelta(seconds=limit.forget_s):
        return 0
    return bucket.failures


def decide(limits: Sequence[Limit], buckets: Mapping[str, Bucket], now: datetime) -> Verdict:
    """The verdict on an attempt, from the stored counters of its limits (pure: the store calls
    it inside the transaction that also counts the attempt)."""
    wait, blocked_by, delay = 0.0, None, 0.0
    for limit in limits:
        bucket = buckets.get(limit.key, Bucket())
        failures = current_failures(bucket, limit, now)
        if limit.mode == "slow":
            if failures >= limit.free:
                delay = GLOBAL_DELAY_S
            continue
        if bucket.last_failed_at is None:
            continue
        elapsed = (now - bucket.last_failed_at).total_seconds()
        left = pause_seconds(failures, limit.free) - elapsed
        if left > wait:
            wait, blocked_by = left, limit.what
    if wait > 0:
        return Verdict(False, retry_after_s=wait, blocked_by=blocked_by)
    return Verdict(True, delay_s=delay)


def counted(limit: Limit, bucket: Bucket, now: datetime) -> Bucket:
    """The bucket after one more failure at `now`."""
    return Bucket(current_failures(bucket, limit, now) + 1, now)


# == session tokens ===========================================================================


@dataclass(frozen=True)
class SessionToken:
    """A new session token: `cookie` goes to the browser (`<selector>.<secret>`); the store
    keeps `selector` and `secret_sha256` only, so a copy of the store signs nobody in."""

    selector: str
    secret: str = field(repr=False)

    @property
    def cookie(self) -> str:
        return f"{self.selector}.{self.secret}"

    @property
    def secret_sha256(self) -> str:
        return secret_digest(self.secret)


def new_session_token() -> SessionToken:
    """A random token: a 96-bit lookup selector and a 256-bit secret (URL-safe base64)."""
    return SessionToken(secrets.token_urlsafe(12), secrets.token_urlsafe(32))


def secret_digest(secret: str) -> str:
    """The hash of a token's secret part, as the store keeps it."""
    return hashlib.sha256(secret.encode("ascii", "replace")).hexdigest()


def split_cookie(value: str | None) -> tuple[str, str] | None:
    """(selector, secret) of a cookie value, or None when it is not a token of ours."""
    selector, dot, secret = (value or "").strip().partition(".")
    ok = re.fullmatch(r"[A-Za-z0-9_-]{16}", selector) and re.fullmatch(r"[A-Za-z0-9_-]{43}", secret)
    return (selector, secret) if dot and ok else None


def secret_matches(secret: str, stored_sha256: str) -> bool:
    """Whether a cookie's secret matches the stored hash, compared in constant time."""
    return hmac.compare_digest(secret_digest(secret), stored_sha256 or "")


# == one sign-in, from start to end ===========================================================


class SignInStore(Protocol):
    """What `sign_in` needs from the store (`democdash.store.signin.EditorSignIn`)."""

    def claim_sign_in_attempt(self, limits: Sequence[Limit]) -> Verdict: ...

    def settle_sign_in_attempt(self, limits: Sequence[Limit], *, succeeded: bool) -> None: ...

    def create_editor_session(
        self, token: SessionToken, editor: str, credential: str, days: int = SESSION_DAYS
    ) -> None: ...


@dataclass(frozen=True)
class SignInResult:
    """What a sign-in attempt gave: the editor and their new token, or a message why not."""

    editor: str | None
    token: SessionToken | None
    message: str


def sign_in(
    store: SignInStore,
    cfg: AuthConfig,
    name: str,
    password: str,
    address: str | None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> SignInResult:
    """Check an editor's name and password within the limits; on success a new session.

    The attempt is counted (and the limits checked) in one store transaction before the
    password is compared, so parallel attempts never check more passwords than the limits
    allow. A name nobody has costs the same time and gets the same answer as a wrong password.
    `sleep` waits out the global ceiling's delay.
    """
    if not cfg.passwords:
        return SignInResult(None, None, "Password sign-in is not configured on this instance.")
    limits = limits_for(name, address)
    verdict = store.claim_sign_in_attempt(limits)
    if not verdict.allowed:
        return SignInResult(
            None, None, f"Too many failed attempts: try again in {verdict.retry_after_s:.0f} s."
        )
    if verdict.delay_s:
        sleep(verdict.delay_s)
    try:
        editor = editor_name(name)
    except ValueError:
        editor = None
    encoded = cfg.password_hash(editor) if editor else None
    if editor and encoded and verify_password(password, encoded):
        store.settle_sign_in_attempt(limits, succeeded=True)
        token = new_session_token()
        store.create_editor_session(token, editor, credential_id(encoded))
        return SignInResult(editor, token, f"Signed in as editor {editor}.")
    if not encoded:
        burn_password_check(password, cfg.iterations)
    return SignInResult(None, None, WRONG_CREDENTIALS)
