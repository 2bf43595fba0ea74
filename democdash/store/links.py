"""Records an editor links as the same: one event reported in two articles, typed twice.

A mixin that `Store` inherits. A link says a record is the same as another (`same_as`, the one
kept): reads then give the kept record citing the sources of both, the linked record no longer
appears on its own, and its id leads to the kept one (old links keep working). Unlinking
splits them again; both are audited. Links live apart from the records' rows, so a reseed of
curated data keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from democdash.store.audit import Tx
from democdash.store.schema import record_links, records


class LinkError(ValueError):
    """A link that cannot be made (unknown record, a record linked to itself)."""


def merge_linked(payloads: list[dict[str, Any]], links: dict[str, str]) -> list[dict[str, Any]]:
    """The payloads with each linked record folded into the one it is the same as: its
    sources cited there (each once), itself left out. A link to a record not among the
    payloads (hidden as of a date, say) leaves the linked one as it is."""
    if not links:
        return payloads
    by_id = {p["id"]: p for p in payloads}
    folded: set[str] = set()
    for record_id, same_as in links.items():
        kept, linked = by_id.get(same_as), by_id.get(record_id)
        if kept is None or linked is None:
            continue
        seen = {(s["article"], s["paragraph"], s["quote"]) for s in kept.get("sources", [])}
        merged = list(kept.get("sources", []))
        for source in linked.get("sources", []):
            key = (source["article"], source["paragraph"], source["quote"])
            if key not in seen:
                seen.add(key)
                merged.append(source)
        kept["sources"] = merged
        folded.add(record_id)
    return [p for p in payloads if p["id"] not in folded]


class RecordLinks:
    """Linking records as the same, and splitting them (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]

    def record_links(self, kind: str) -> dict[str, str]:
        """Linked record id -> the id of the record it is the same as, for one kind."""
        with self._read() as conn:
            return links_of(conn, kind)

    def link_records(self, kind: str, record_id: str, same_as: str, *, by: str | None = None):
        """Say `record_id` is the same as `same_as` (the one kept); records already linked
        to `record_id` follow it to `same_as`."""
        if record_id == same_as:
            raise LinkError("a record cannot be linked to itself")

        def link(tx: Tx) -> None:
            current = links_of(tx.conn, kind)
            target = current.get(same_as, same_as)  # link to the record kept, not a copy
            if target == record_id:
                raise LinkError(f"{same_as!r} is already linked to {record_id!r}")
            for key in (record_id, target):
                if not _exists(tx, kind, key):
                    raise LinkError(f"there is no {kind} record {key!r}")
            now = datetime.now(UTC)
            moved = [r for r, s in current.items() if s == record_id]
            for key in [record_id, *moved]:
                tx.execute(
                    sa.delete(record_links).where(
                        record_links.c.kind == kind, record_links.c.record_id == key
                    )
                )
                tx.execute(
                    sa.insert(record_links).values(
                        kind=kind, record_id=key, same_as=target, linked_by=tx.editor, linked_at=now
                    )
                )
                tx.audit(
                    "linked",
                    kind,
                    key,
                    before={"same_as": current.get(key)},
                    after={"same_as": target},
                )
            self._bump(tx)

        self._write(link, by=by)

    def unlink_record(self, kind: str, record_id: str, *, by: str | None = None) -> None:
        """Split a linked record from the one it was the same as (nothing if it is not)."""

        def unlink(tx: Tx) -> None:
            where = (record_links.c.kind == kind) & (record_links.c.record_id == record_id)
            before = tx.execute(sa.select(record_links.c.same_as).where(where)).scalar()
            if before is None:
                return
            tx.execute(sa.delete(record_links).where(where))
            tx.audit("unlinked", kind, record_id, before={"same_as": before}, after=None)
            self._bump(tx)

        self._write(unlink, by=by)


def links_of(conn: sa.Connection, kind: str) -> dict[str, str]:
    """Linked record id -> the record kept, for one kind (read on `conn`)."""
    rows = conn.execute(
        sa.select(record_links.c.record_id, record_links.c.same_as).where(
            record_links.c.kind == kind
        )
    )
    return {r[0]: r[1] for r in rows}


def _exists(tx: Tx, kind: str, key: str) -> bool:
    row = tx.execute(
        sa.select(records.c.payload).where(records.c.kind == kind, records.c.id == key)
    ).first()
    return row is not None and bool(json.loads(row[0]))
