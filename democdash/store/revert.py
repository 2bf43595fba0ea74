"""Reverting an analyst-made change from the audit trail: the record put back as it was
before that change, itself audited. Curated records change only through `data/`.

A mixin that `Store` inherits. Only the latest state can be reverted: when the record changed
again since, the revert is refused with the later change named, so nothing is lost silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa

from democdash.models import KINDS
from democdash.store.audit import Tx
from democdash.store.schema import added_sources, audit_log, records
from democdash.vocab import Origin

#: The audited actions on records that a revert can undo.
REVERTIBLE = ("insert", "update", "delete", "add_source")


class RevertError(ValueError):
    """A change that cannot be reverted (unknown, curated, or changed again since)."""


def _json(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def revertible(action: str, kind: str) -> bool:
    """Whether an audited change of this action and kind can be reverted from the trail."""
    return action in REVERTIBLE and kind in KINDS and kind != "articles"


class ChangeReverts:
    """Reverting one audited change (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]
    _row_from_payload: Callable[[str, str], dict[str, Any]]

    def revert_change(self, change_id: int, *, by: str | None = None) -> str:
        """Undo the audited change `change_id`; returns what was done, in words."""

        def revert(tx: Tx) -> str:
            change = tx.execute(sa.select(audit_log).where(audit_log.c.id == change_id)).first()
            if change is None:
                raise RevertError(f"There is no change {change_id} in the audit trail.")
            if not revertible(change.action, change.kind):
                raise RevertError(
                    f"Change {change_id} ({change.action} on {change.kind}) cannot be reverted "
                    "here: only analysts' changes to records can."
                )
            if change.action == "add_source":
                return self._revert_source(tx, change)
            where = (records.c.kind == change.kind) & (records.c.id == change.record_id)
            current = tx.execute(
                sa.select(records.c.payload, records.c.origin).where(where)
            ).first()
            if current is not None and current.origin != Origin.ANALYST.value:
                raise RevertError("Curated records change only through data/ and validation.")
            now_payload = _json(current.payload) if current is not None else None
            if now_payload != _json(change.after):
                raise RevertError(
                    f"{change.kind} record {change.record_id!r} changed again after change "
                    f"{change_id}: revert the later change first (see its history)."
                )
            tx.execute(sa.delete(records).where(where))
            if change.before is not None:
                tx.execute(
                    sa.insert(records).values(**self._row_from_payload(change.kind, change.before))
                )
            tx.audit(
                "reverted",
                change.kind,
                change.record_id,
                before=current.payload if current is not None else None,
                after=change.before,
            )
            self._bump(tx)
            done = {"insert": "removed", "update": "put back as before", "delete": "restored"}
            return f"{change.kind} record {change.record_id!r} {done[change.action]}"

        return self._write(revert, by=by)  # type: ignore[return-value]

    def _revert_source(self, tx: Tx, change: sa.Row) -> str:
        source = _json(change.after)
        rows = tx.execute(
            sa.select(added_sources.c.id, added_sources.c.payload).where(
                added_sources.c.kind == change.kind,
                added_sources.c.record_id == change.record_id,
            )
        ).all()
        match = next((r.id for r in rows if json.loads(r.payload) == source), None)
        if match is None:
            raise RevertError(
                f"The source added by change {change.id} is no longer on "
                f"{change.kind} record {change.record_id!r}."
            )
        tx.execute(sa.delete(added_sources).where(added_sources.c.id == match))
        tx.audit("source_removed", change.kind, change.record_id, before=source, after=None)
        self._bump(tx)
        return f"the source from {source['article']} removed from {change.record_id!r}"
