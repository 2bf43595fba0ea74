"""Editors' drafts in the store: work in progress (an article under review) per editor.

A mixin that `Store` inherits. A draft is a JSON object under (editor, key); only its editor
reads or writes it. Drafts are not content: writing one does not bump `revision()` (no page
shows them but their editor's), but every write is audited like any other, and a read-only
store refuses them like any other write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from democdash.store.audit import Tx
from democdash.store.schema import drafts

#: The largest draft kept (the article text is most of it), in characters of JSON.
MAX_DRAFT_CHARS = 4_000_000


class DraftTooLargeError(ValueError):
    """A draft over `MAX_DRAFT_CHARS`."""


@dataclass(frozen=True)
class Draft:
    """One stored draft: its key, kind, content and when it was last saved."""

    key: str
    kind: str
    payload: dict[str, Any]
    updated_at: datetime


class EditorDrafts:
    """Drafts per editor (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]

    def save_draft(self, editor: str, key: str, kind: str, payload: dict[str, Any]) -> None:
        """Keep (or replace) an editor's draft under `key`."""
        raw = json.dumps(payload, ensure_ascii=False, default=str)
        if len(raw) > MAX_DRAFT_CHARS:
            raise DraftTooLargeError(
                f"the draft has {len(raw):,} characters; at most {MAX_DRAFT_CHARS:,} are kept"
            )
        where = (drafts.c.editor == editor) & (drafts.c.key == key)

        def save(tx: Tx) -> None:
            existed = tx.execute(sa.select(drafts.c.key).where(where)).first() is not None
            tx.execute(sa.delete(drafts).where(where))
            tx.execute(
                sa.insert(drafts).values(
                    editor=editor, key=key, kind=kind, payload=raw, updated_at=datetime.now(UTC)
                )
            )
            # the audit row says which draft changed, not its text (it may be a whole article)
            tx.audit("draft_saved" if existed else "draft_started", "drafts", f"{editor}/{key}")

        self._write(save, by=editor)

    def draft(self, editor: str, key: str) -> Draft | None:
        """An editor's draft, or None."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(drafts).where((drafts.c.editor == editor) & (drafts.c.key == key))
            ).first()
        return _draft(row) if row else None

    def drafts(self, editor: str, kind: str | None = None) -> list[Draft]:
        """An editor's drafts (of one kind), most recent first."""
        query = sa.select(drafts).where(drafts.c.editor == editor)
        if kind is not None:
            query = query.where(drafts.c.kind == kind)
        with self._read() as conn:
            rows = conn.execute(query.order_by(drafts.c.updated_at.desc())).all()
        return [_draft(r) for r in rows]

    def delete_draft(self, editor: str, key: str) -> None:
        """Forget an editor's draft (saved or discarded); nothing happens if there is none."""
        where = (drafts.c.editor == editor) & (drafts.c.key == key)

        def delete(tx: Tx) -> None:
            if tx.execute(sa.delete(drafts).where(where)).rowcount:
                tx.audit("draft_deleted", "drafts", f"{editor}/{key}")

        self._write(delete, by=editor)


def _draft(row: sa.Row) -> Draft:
    updated = row.updated_at
    if updated.tzinfo is None:  # SQLite gives them back naive
        updated = updated.replace(tzinfo=UTC)
    return Draft(key=row.key, kind=row.kind, payload=json.loads(row.payload), updated_at=updated)
