"""Editor sign-in in the store: the attempt counters and the editors' sessions.

A mixin that `Store` inherits (it uses the store's `_write` and `_read`). The rules (which
counters, when to pause or slow, how tokens look) live in `democdash.auth`; this module keeps
the counts and the sessions so that a reload or a server restart keeps both.

This is security bookkeeping, not content: it is written on a read-only store (or a visitor's
read-only view) too (`maintenance=True`: a visitor must be able to sign in, and a read-only
instance must still slow password guessing), and it does not bump `revision()` (no cache to
refresh). Timestamps are UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from democdash import auth
from democdash.store.audit import Tx
from democdash.store.schema import editor_sessions, login_attempts

#: Who the audit log names for sign-in bookkeeping before anyone is signed in.
SIGN_IN = "sign-in"


def _keys(limits: Sequence[auth.Limit]) -> str:
    """The counters an attempt touched, as the audit row's record id."""
    return ", ".join(limit.key for limit in limits)


def _now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class EditorSession:
    """A stored session: whose it is, the fingerprint of the password it was made with, and
    when it ends."""

    selector: str
    editor: str
    credential: str
    created_at: datetime
    expires_at: datetime


def _session(row: sa.Row) -> EditorSession:
    return EditorSession(
        selector=row.selector,
        editor=row.editor,
        credential=row.credential,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        expires_at=as_utc(row.expires_at),  # type: ignore[arg-type]
    )


class EditorSignIn:
    """Sign-in attempts and editor sessions (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]

    # == sign-in attempts =====================================================================

    def login_failures(self, key: str) -> tuple[int, datetime | None]:
        """(failures counted, time of the last one) of one counter, as stored."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(login_attempts.c.failures, login_attempts.c.last_failed_at).where(
                    login_attempts.c.client_key == key
                )
            ).first()
        if row is None:
            return 0, None
        return int(row[0]), as_utc(row[1])

    @staticmethod
    def _buckets(conn: sa.Connection | Tx, keys: Iterable[str]) -> dict[str, auth.Bucket]:
        rows = conn.execute(
            sa.select(
                login_attempts.c.client_key,
                login_attempts.c.failures,
                login_attempts.c.last_failed_at,
            ).where(login_attempts.c.client_key.in_(list(keys)))
        )
        return {r[0]: auth.Bucket(int(r[1]), as_utc(r[2])) for r in rows}

    @staticmethod
    def _store_bucket(
        conn: sa.Connection | Tx, key: str, bucket: auth.Bucket, exists: bool
    ) -> None:
        values = {"failures": bucket.failures, "last_failed_at": bucket.last_failed_at}
        if exists:
            conn.execute(
                sa.update(login_attempts).where(login_attempts.c.client_key == key).values(values)
            )
        else:
            conn.execute(sa.insert(login_attempts).values(client_key=key, **values))

    def claim_sign_in_attempt(self, limits: Sequence[auth.Limit]) -> auth.Verdict:
        """Check the limits and, when the attempt is allowed, count it as a failure, in one
        write transaction (under the store-wide write lock): an attempt is counted before its
        password is compared, so parallel attempts queue here and see each other's counts.
        `settle_sign_in_attempt` takes the count back when the password was right."""

        def claim(tx: Tx) -> auth.Verdict:
            now = _now()
            buckets = self._buckets(tx, (limit.key for limit in limits))
            verdict = auth.decide(limits, buckets, now)
            if verdict.allowed:
                counts = {}
                for limit in limits:
                    before = buckets.get(limit.key)
                    after = auth.counted(limit, before or auth.Bucket(), now)
                    self._store_bucket(tx, limit.key, after, before is not None)
                    counts[limit.key] = after.failures
                self._forget_old_attempts(tx, now)
                tx.audit("sign_in_attempt", "sign_in", _keys(limits), after=counts)
            return verdict

        return self._write(claim, by=SIGN_IN, maintenance=True)  # type: ignore[return-value]

    def settle_sign_in_attempt(self, limits: Sequence[auth.Limit], *, succeeded: bool) -> None:
        """After the password check: on success the account's and the client's counters are
        cleared and the global one takes this attempt back (a failure stays counted)."""
        if not succeeded:
            return

        def settle(tx: Tx) -> None:
            for limit in limits:
                where = login_attempts.c.client_key == limit.key
                if limit.mode == "slow":
                    tx.execute(
                        sa.update(login_attempts)
                        .where(where & (login_attempts.c.failures > 0))
                        .values(failures=login_attempts.c.failures - 1)
                    )
                else:
                    tx.execute(sa.delete(login_attempts).where(where))
            tx.audit("sign_in_succeeded", "sign_in", _keys(limits))

        self._write(settle, by=SIGN_IN, maintenance=True)

    @staticmethod
    def _forget_old_attempts(conn: sa.Connection | Tx, now: datetime) -> None:
        """Counters quiet for longer than any limit remembers are deleted (the table stays
        small whatever names are tried)."""
        cutoff = now - timedelta(seconds=max(auth.FORGET_S, auth.GLOBAL_FORGET_S))
        conn.execute(sa.delete(login_attempts).where(login_attempts.c.last_failed_at < cutoff))

    # == editor sessions ======================================================================

    def create_editor_session(
        self,
        token: auth.SessionToken,
        editor: str,
        credential: str,
        days: int = auth.SESSION_DAYS,
    ) -> None:
        """Store a new session (the hash of its secret, never the secret) that ends in `days`;
        expired sessions are deleted on the way."""

        def create(tx: Tx) -> None:
            now = _now()
            tx.execute(sa.delete(editor_sessions).where(editor_sessions.c.expires_at < now))
            tx.execute(
                sa.insert(editor_sessions).values(
                    selector=token.selector,
                    secret_sha256=token.secret_sha256,
                    editor=editor,
                    credential=credential,
                    created_at=now,
                    expires_at=now + timedelta(days=days),
                )
            )
            tx.audit(
                "session_started",
                "editor_sessions",
                editor,
                after={"selector": token.selector, "days": days},
            )

        self._write(create, by=editor, maintenance=True)

    def editor_session(self, cookie: str | None) -> EditorSession | None:
        """The live session a cookie value names, or None: not a token of ours, unknown,
        expired, or its secret does not match (compared in constant time)."""
        parts = auth.split_cookie(cookie)
        if parts is None:
            return None
        selector, secret = parts
        with self._read() as conn:
            row = conn.execute(
                sa.select(editor_sessions).where(editor_sessions.c.selector == selector)
            ).first()
        if row is None or not auth.secret_matches(secret, row.secret_sha256):
            return None
        session = _session(row)
        return session if session.expires_at > _now() else None

    def end_editor_session(self, selector: str) -> None:
        """End one session (sign-out): its token no longer signs anyone in."""

        def end(tx: Tx) -> None:
            where = editor_sessions.c.selector == selector
            editor = tx.execute(sa.select(editor_sessions.c.editor).where(where)).scalar()
            if tx.execute(sa.delete(editor_sessions).where(where)).rowcount:
                tx.audit("session_ended", "editor_sessions", editor, before={"selector": selector})

        self._write(end, by=SIGN_IN, maintenance=True)

    def end_editor_sessions(self, editor: str) -> int:
        """End every session of one editor (a lost laptop); returns how many there were."""

        def end(tx: Tx) -> int:
            done = tx.execute(sa.delete(editor_sessions).where(editor_sessions.c.editor == editor))
            ended = int(done.rowcount or 0)
            if ended:
                tx.audit("sessions_ended", "editor_sessions", editor, before={"sessions": ended})
            return ended

        return self._write(end, maintenance=True)  # type: ignore[return-value]

    def editor_sessions(self) -> list[EditorSession]:
        """Every live session (for the operator: whose, since and until when; no secrets)."""
        now = _now()
        with self._read() as conn:
            rows = conn.execute(
                sa.select(editor_sessions)
                .where(editor_sessions.c.expires_at > now)
                .order_by(editor_sessions.c.editor, editor_sessions.c.created_at)
            ).all()
        return [_session(row) for row in rows]
