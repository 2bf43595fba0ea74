"""The audit hook: every write transaction records who changed which record, before and after.

Writes run through `Store._write`, which hands the write function a `Tx`: the connection, the
editor, and `Tx.audit()` to record a change in the same transaction. A listener on the engine
counts the statements that change rows of audited tables in each transaction; `Tx.check()`
refuses to commit a transaction that changed data without writing an audit row, so a write path
that forgets its audit row fails loudly instead of going unrecorded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from democdash.store.schema import audit_log

#: Tables whose writes need no audit row of their own: the audit log itself, the store's
#: revision counter, Alembic's bookkeeping and an article's text (audited with its article).
UNAUDITED_TABLES = frozenset({"audit_log", "store_state", "alembic_version", "article_texts"})
_DML = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)\"?", re.IGNORECASE)
_COUNTER = "democdash_audited_dml"
_INSERT_AUDIT = sa.insert(audit_log)
#: `json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)`, the encoder made once.
_JSON = json.JSONEncoder(ensure_ascii=False, default=str, sort_keys=True)


class UnauditedWriteError(RuntimeError):
    """A transaction changed stored data without recording who did it (a programming error)."""


def track_writes(engine: sa.Engine) -> None:
    """Count, per connection, the statements that change audited tables (idempotent)."""
    if event.contains(engine, "after_cursor_execute", _count_dml):
        return
    event.listen(engine, "after_cursor_execute", _count_dml)


def _count_dml(conn, cursor, statement, parameters, context, executemany) -> None:
    # a statement that changed no row (a delete that found nothing) needs no audit row; an
    # unknown count (-1, some drivers' executemany) is taken as a change
    match = _DML.match(statement)
    if match and match.group(1).lower() not in UNAUDITED_TABLES and cursor.rowcount != 0:
        conn.info[_COUNTER] = conn.info.get(_COUNTER, 0) + 1


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if hasattr(value, "model_dump_json"):
        return value.model_dump_json()
    return _JSON.encode(value)


@dataclass
class Tx:
    """One write transaction: its connection, who is writing, and the audit rows written."""

    conn: sa.Connection
    editor: str
    audited: int = 0

    def __post_init__(self) -> None:
        self.conn.info[_COUNTER] = 0

    def execute(self, statement, parameters=None):
        """Run a statement in this transaction."""
        return self.conn.execute(statement, parameters)

    def audit(
        self, action: str, kind: str, record_id: str, before: Any = None, after: Any = None
    ) -> None:
        """Record one change: `before` None for a new record, `after` None for a removed one
        (models, dicts or JSON strings)."""
        self.audit_many([(action, kind, record_id, before, after)])

    def audit_many(self, changes: list[tuple[str, str, str, Any, Any]]) -> None:
        """Record many changes (action, kind, record id, before, after) in one statement."""
        if not changes:
            return
        at = datetime.now(UTC)
        self.conn.execute(
            _INSERT_AUDIT,
            [
                {
                    "at": at,
                    "editor": self.editor[:200],
                    "action": action,
                    "kind": kind,
                    "record_id": str(record_id)[:300],
                    "before": _json(before),
                    "after": _json(after),
                }
                for action, kind, record_id, before, after in changes
            ],
        )
        self.audited += len(changes)

    def check(self) -> None:
        """Refuse to commit data changes that have no audit row (raises, so nothing commits)."""
        if self.conn.info.get(_COUNTER, 0) and not self.audited:
            raise UnauditedWriteError(
                "a write changed stored data without an audit row; nothing was saved"
            )
