"""Reseeding curated data without losing analyst work.

Curated rows are replaced wholesale by what `data/` holds; everything analysts made stays:

- sources analysts added to any record live in `added_sources`, not in the record's row, so a
  reseed leaves them alone;
- a curated record that arrives for a key an analyst record already holds (an analyst's article
  created country VEN, then VEN is added to `countries.csv`) takes its place: curated wins, the
  analyst record's sources become added sources of the curated one, and every link to the key
  keeps working;
- a curated record's `former_ids` become aliases, and analyst records that refer to a former
  id are rewritten to the new one.

`plan()` says what a reseed would do without writing (`democdash validate` shows it); `apply()`
does it inside the caller's write transaction, with an audit row for each analyst record it
changes and one for the dataset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from democdash.datafiles import Dataset
from democdash.models import KINDS, record_key
from democdash.store.audit import Tx
from democdash.store.schema import added_sources, articles, record_aliases, records
from democdash.vocab import Origin

RECORD_KINDS = [k for k in KINDS if k != "articles"]
#: Who the audit log names for changes made by reseeding.
SEED_EDITOR = "data/ (reseed)"


@dataclass
class SeedPlan:
    """What a reseed will do to analyst records: which it replaces, which it rewrites."""

    superseded: list[tuple[str, str]] = field(default_factory=list)
    rewritten: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The plan in words, for the command line."""
        out = [
            f"{kind} {key}: an analyst record will be replaced by the curated one "
            "(curated data wins; its sources and links are kept)"
            for kind, key in self.superseded
        ]
        out += [
            f"{kind} {key}: references to renamed curated records will be updated"
            for kind, key in self.rewritten
        ]
        return out


def aliases(dataset: Dataset) -> dict[str, dict[str, str]]:
    """Former id -> current id, per kind, from the curated records' `former_ids`."""
    found: dict[str, dict[str, str]] = {}
    for kind in RECORD_KINDS:
        for record in dataset.records[kind]:
            for old in getattr(record, "former_ids", []):
                found.setdefault(kind, {})[old] = record_key(kind, record)
    return found


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    """`value` with every string that is a former id replaced by the current id."""
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _renamed(v, renames)) for k, v in value.items()}
    return value


def _analyst_rows(conn: sa.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    rows = conn.execute(
        sa.select(records.c.kind, records.c.id, records.c.payload).where(
            records.c.origin == Origin.ANALYST.value
        )
    )
    return [(kind, key, json.loads(raw)) for kind, key, raw in rows]


def plan(conn: sa.Connection, dataset: Dataset) -> SeedPlan:
    """What reseeding `dataset` would do to the analyst records stored now."""
    curated = {(kind, record_key(kind, r)) for kind in RECORD_KINDS for r in dataset.records[kind]}
    renames = {old: new for per_kind in aliases(dataset).values() for old, new in per_kind.items()}
    result = SeedPlan()
    for kind, key, payload in _analyst_rows(conn):
        if (kind, key) in curated:
            result.superseded.append((kind, key))
        elif renames and _renamed(payload, renames) != payload:
            result.rewritten.append((kind, key))
    return result


def _cited(payload: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {(s["article"], s["paragraph"], s["quote"]) for s in payload.get("sources", [])}


def apply(tx: Tx, dataset: Dataset, record_row, dump) -> SeedPlan:
    """Replace the curated rows by `dataset` in `tx`, keeping analyst work (see the module)."""
    conn = tx.conn
    now = datetime.now(UTC)
    curated = {
        (kind, record_key(kind, r)): r for kind in RECORD_KINDS for r in dataset.records[kind]
    }
    done = SeedPlan()
    analyst = _analyst_rows(conn)
    for kind, key, payload in analyst:
        record = curated.get((kind, key))
        if record is None:
            continue
        keep = _cited(json.loads(dump(record)))
        for source in payload.get("sources", []):
            if (source["article"], source["paragraph"], source["quote"]) not in keep:
                conn.execute(
                    sa.insert(added_sources).values(
                        kind=kind,
                        record_id=key,
                        article_id=source["article"],
                        payload=json.dumps(source, ensure_ascii=False),
                        added_by=payload.get("added_by") or SEED_EDITOR,
                        added_at=now,
                    )
                )
        conn.execute(sa.delete(records).where(records.c.kind == kind, records.c.id == key))
        tx.audit("superseded", kind, key, before=payload, after=dump(record))
        done.superseded.append((kind, key))
    conn.execute(sa.delete(records).where(records.c.origin == Origin.CURATED.value))
    conn.execute(sa.delete(articles).where(articles.c.origin == Origin.CURATED.value))
    now_rows = [
        {
            "id": a.id,
            "origin": str(a.origin),
            "text_sha256": a.text_sha256,
            "url": a.url,
            "payload": dump(a),
            "created_at": now,
        }
        for a in dataset.articles
    ]
    if now_rows:
        conn.execute(sa.insert(articles), now_rows)
    rows = [record_row(kind, r) for (kind, _), r in curated.items()]
    if rows:
        conn.execute(sa.insert(records), rows)
    _apply_aliases(tx, dataset, analyst, done)
    return done


def _apply_aliases(tx: Tx, dataset: Dataset, analyst, done: SeedPlan) -> None:
    conn = tx.conn
    conn.execute(sa.delete(record_aliases))
    by_kind = aliases(dataset)
    alias_rows = [
        {"kind": kind, "old_id": old, "new_id": new}
        for kind, renames in by_kind.items()
        for old, new in renames.items()
    ]
    if not alias_rows:
        return
    conn.execute(sa.insert(record_aliases), alias_rows)
    renames = {old: new for per_kind in by_kind.values() for old, new in per_kind.items()}
    superseded = set(done.superseded)
    for kind, key, payload in analyst:
        if (kind, key) in superseded:
            continue
        new = _renamed(payload, renames)
        if new != payload:
            conn.execute(
                sa.update(records)
                .where(records.c.kind == kind, records.c.id == key)
                .values(payload=json.dumps(new, ensure_ascii=False), updated_at=datetime.now(UTC))
            )
            tx.audit("references", kind, key, before=payload, after=new)
            done.rewritten.append((kind, key))
    for kind, renames_of_kind in by_kind.items():
        for old, new in renames_of_kind.items():
            moved = conn.execute(
                sa.update(added_sources)
                .where(added_sources.c.kind == kind, added_sources.c.record_id == old)
                .values(record_id=new)
            )
            if moved.rowcount:
                tx.audit(
                    "references",
                    "added_sources",
                    f"{kind}/{new}",
                    before={"record_id": old, "rows": moved.rowcount},
                    after={"record_id": new, "rows": moved.rowcount},
                )
