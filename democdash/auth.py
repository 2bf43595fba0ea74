"""Editor sign-in for a hosted instance: password hashes, sign-in pauses, who may write.

Plain Python (no streamlit): `democdash.ui.auth` draws the controls and reads the secrets,
the store keeps the failed-attempt counters (`Store.login_failures`), and this module holds
the rules so that they are tested on their own.

- A password is never stored: secrets hold `pbkdf2_sha256$<iterations>$<salt>$<hash>` (salt
  and hash in base64), made by `democdash hash-password`; checks compare in constant time.
- Failed attempts are counted per client (a hash of the user agent and address) and in one
  global bucket, in the store, so a reload or a restart does not reset the pause. After
  `FREE_FAILURES` failures each further one doubles the pause, up to `MAX_PAUSE_S`.
- A hosted instance (`DEMOCDASH_HOSTED=1`) is read-only to everyone who has not signed in as an
  editor; without a password or OIDC configured nobody can sign in, so it stays read-only.
  A local run (not hosted) keeps full editing, as before.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

ALGORITHM = "pbkdf2_sha256"
#: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
DEFAULT_ITERATIONS = 600_000
#: Iterations below this are refused: a hash that cheap is not worth protecting with.
MIN_ITERATIONS = 100_000
SALT_BYTES = 16

#: Failures allowed before any pause, per client and for the global bucket.
FREE_FAILURES = 3
GLOBAL_FREE_FAILURES = 20
#: The first pause after the free failures, doubled by each further failure, capped.
BASE_PAUSE_S = 2.0
MAX_PAUSE_S = 15 * 60.0

#: The bucket that counts every failure whoever made it (changing user agent does not help).
GLOBAL_CLIENT = "global"

READ_ONLY_MESSAGE = "This is a read-only view; sign in as an editor to add articles or save scores."


class PasswordHashError(ValueError):
    """A configured password hash that is not in the `pbkdf2_sha256$...` format."""


def hash_password(
    password: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None
) -> str:
    """The `pbkdf2_sha256$<iterations>$<salt_b64>$<hash_b64>` line to put in secrets."""
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
            "(make one with `democdash hash-password`)"
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


def pause_seconds(failures: int, free: int = FREE_FAILURES) -> float:
    """How long sign-in pauses after `failures` consecutive failures (0 while still free)."""
    if failures < free:
        return 0.0
    return min(BASE_PAUSE_S * 2 ** (failures - free), MAX_PAUSE_S)


def pause_remaining(
    failures: int, last_failed_at: datetime | None, now: datetime, free: int = FREE_FAILURES
) -> float:
    """Seconds until the next attempt is allowed (0 when it is allowed now)."""
    if last_failed_at is None:
        return 0.0
    elapsed = (now - last_failed_at).total_seconds()
    return max(0.0, pause_seconds(failures, free) - elapsed)


def client_key(user_agent: str | None, address: str | None) -> str:
    """A bucket name for one client: a hash of its user agent and address, never the raw
    values (they are personal data). Without either, the shared `anonymous` bucket."""
    if not user_agent and not address:
        return "anonymous"
    raw = f"{user_agent or ''}|{address or ''}".encode("utf-8", "replace")
    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass(frozen=True)
class AuthConfig:
    """What the `[auth]` section of the secrets configures for editor sign-in.

    `password_hash`: the editor password's hash (one shared editor password).
    `editors`: e-mail addresses allowed to edit after an OIDC sign-in (`st.login`); an empty
    list lets nobody edit through OIDC. `oidc`: whether OIDC is configured (redirect_uri,
    cookie_secret and a provider). `problems`: configuration errors to show to the operator.
    """

    password_hash: str | None = None
    editors: tuple[str, ...] = ()
    oidc: bool = False
    oidc_providers: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def can_sign_in(self) -> bool:
        """Whether any editor sign-in is configured."""
        return bool(self.password_hash) or self.oidc


_OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")


def parse_auth_config(auth_section: Mapping | None) -> AuthConfig:
    """The sign-in configuration from the `[auth]` secrets section (missing: nothing set)."""
    section = dict(auth_section or {})
    problems: list[str] = []
    password_hash = str(section.get("password_hash") or "").strip() or None
    if password_hash:
        try:
            parse_hash(password_hash)
        except PasswordHashError as exc:
            problems.append(f"[auth] password_hash: {exc}; password sign-in is off")
            password_hash = None
    raw_editors = section.get("editors") or []
    if isinstance(raw_editors, str):
        raw_editors = [raw_editors]
    editors = tuple(sorted({str(e).strip().lower() for e in raw_editors if str(e).strip()}))
    providers: list[str] = []
    if all(section.get(k) for k in _OIDC_KEYS):
        providers.append("default")
    for name, value in section.items():
        if isinstance(value, Mapping) and all(value.get(k) for k in _OIDC_KEYS):
            providers.append(str(name))
    has_shared = bool(section.get("redirect_uri")) and bool(section.get("cookie_secret"))
    if providers and not has_shared:
        problems.append("[auth] OIDC needs redirect_uri and cookie_secret; OIDC sign-in is off")
    oidc = bool(providers) and has_shared
    if oidc and not editors:
        problems.append("[auth] editors is empty: OIDC users can sign in but nobody may edit")
    return AuthConfig(
        password_hash=password_hash,
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
