"""The growing corpus's data model: positions and status histories, countries involved, an audit
log, analyst-added sources kept apart from curated rows, id aliases and source grades.

Stored payloads are rewritten in place, analyst records included, so nothing is lost:

- an option's single `proposed_by`, `status` and `status_as_of` become one position (held by
  `proposed_by`, its stance read from the status, citing the option's first source) and one
  status entry (the same source);
- a sanction's `status` and `as_of` become one status entry;
- an event's `countries_involved` starts as its own country;
- sources that cite an analyst's article inside a curated record (added there by `ingest`)
  move to `added_sources`, where reseeding no longer drops them.

The transformations are written out here, not imported, so this migration keeps working when
the models change again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The stance a position most likely had, given the status the old model recorded.
STANCE_OF_STATUS = {
    "recommended": "recommends",
    "proposed": "proposes",
    "pledged": "pledges",
    "planned": "proposes",
    "enacted": "proposes",
    "rejected": "refuses",
    "unknown": "proposes",
}
STATUS_OF_STANCE = {
    "recommends": "recommended",
    "proposes": "proposed",
    "pledges": "pledged",
    "demands": "proposed",
    "threatens": "proposed",
    "weighs": "unknown",
    "refuses": "rejected",
}
MIGRATED_BY = "migration 0004 (added before editors signed in)"

records = sa.table(
    "records",
    sa.column("kind", sa.String),
    sa.column("id", sa.String),
    sa.column("origin", sa.String),
    sa.column("payload", sa.Text),
)
articles = sa.table("articles", sa.column("id", sa.String), sa.column("origin", sa.String))


def _create_tables() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("record_id", sa.String(300), nullable=False),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
    )
    op.create_index("ix_audit_log_record", "audit_log", ["kind", "record_id"])
    op.create_table(
        "added_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(120), nullable=False),
        sa.Column("article_id", sa.String(120), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_added_sources_record", "added_sources", ["kind", "record_id"])
    op.create_table(
        "record_aliases",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("old_id", sa.String(120), primary_key=True),
        sa.Column("new_id", sa.String(120), nullable=False),
    )
    op.create_table(
        "source_grades",
        sa.Column("subject", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def upgrade_option(payload: dict) -> dict:
    """An option in the old shape (one proposer, one status) in the new one."""
    if "positions" in payload:
        return payload
    out = dict(payload)
    holder = out.pop("proposed_by", None) or "author"
    status = out.pop("status", None) or "unknown"
    as_of = out.pop("status_as_of", None) or {"basis": "not_stated"}
    source = out["sources"][0]
    out["positions"] = [
        {"holder": holder, "stance": STANCE_OF_STATUS.get(status, "proposes"), "source": source}
    ]
    out["statuses"] = [{"status": status, "as_of": as_of, "source": source}]
    return out


def upgrade_sanction(payload: dict) -> dict:
    """A sanction in the old shape (one status) in the new one."""
    if "statuses" in payload:
        return payload
    out = dict(payload)
    status = out.pop("status", None) or "unknown"
    as_of = out.pop("as_of", None) or {"basis": "not_stated"}
    out["statuses"] = [{"status": status, "as_of": as_of, "source": out["sources"][0]}]
    return out


def upgrade_event(payload: dict) -> dict:
    out = dict(payload)
    involved = list(out.get("countries_involved") or [])
    if out["country"] not in involved:
        involved.insert(0, out["country"])
    out["countries_involved"] = involved
    return out


UPGRADES = {"options": upgrade_option, "sanctions": upgrade_sanction, "events": upgrade_event}


def downgrade_option(payload: dict) -> dict:
    out = dict(payload)
    positions = out.pop("positions", [])
    statuses = out.pop("statuses", [])
    out["proposed_by"] = positions[0]["holder"] if positions else "author"
    latest = statuses[-1] if statuses else None
    out["status"] = latest["status"] if latest else "unknown"
    out["status_as_of"] = latest["as_of"] if latest else {"basis": "not_stated"}
    return out


def downgrade_sanction(payload: dict) -> dict:
    out = dict(payload)
    statuses = out.pop("statuses", [])
    latest = statuses[-1] if statuses else None
    out["status"] = latest["status"] if latest else "unknown"
    out["as_of"] = latest["as_of"] if latest else {"basis": "not_stated"}
    return out


def downgrade_event(payload: dict) -> dict:
    out = dict(payload)
    out.pop("countries_involved", None)
    return out


DOWNGRADES = {
    "options": downgrade_option,
    "sanctions": downgrade_sanction,
    "events": downgrade_event,
}
#: Fields the old schema did not know, dropped on downgrade.
NEW_FIELDS = ("credibility", "added_by", "former_ids")


def _rewrite(conn: sa.Connection, change) -> None:
    rows = conn.execute(sa.select(records.c.kind, records.c.id, records.c.payload)).all()
    for kind, record_id, raw in rows:
        payload = json.loads(raw)
        new = change(kind, payload)
        if new != payload:
            conn.execute(
                sa.update(records)
                .where(records.c.kind == kind, records.c.id == record_id)
                .values(payload=json.dumps(new, ensure_ascii=False))
            )


def upgrade() -> None:
    _create_tables()
    conn = op.get_bind()
    analyst_articles = set(
        conn.execute(sa.select(articles.c.id).where(articles.c.origin == "analyst")).scalars()
    )
    added = sa.table(
        "added_sources",
        sa.column("kind", sa.String),
        sa.column("record_id", sa.String),
        sa.column("article_id", sa.String),
        sa.column("payload", sa.Text),
        sa.column("added_by", sa.String),
        sa.column("added_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)

    def change(kind: str, payload: dict) -> dict:
        if payload.get("origin") == "curated" and "sources" in payload:
            kept, moved = [], []
            for source in payload["sources"]:
                (moved if source["article"] in analyst_articles else kept).append(source)
            if moved and kept:
                for source in moved:
                    conn.execute(
                        sa.insert(added).values(
                            kind=kind,
                            record_id=payload["id"],
                            article_id=source["article"],
                            payload=json.dumps(source, ensure_ascii=False),
                            added_by=MIGRATED_BY,
                            added_at=now,
                        )
                    )
                payload = {**payload, "sources": kept}
        upgrade_kind = UPGRADES.get(kind)
        return upgrade_kind(payload) if upgrade_kind else payload

    _rewrite(conn, change)


def downgrade() -> None:
    conn = op.get_bind()
    added = sa.table(
        "added_sources",
        sa.column("kind", sa.String),
        sa.column("record_id", sa.String),
        sa.column("payload", sa.Text),
    )
    extra: dict[tuple[str, str], list[dict]] = {}
    for kind, record_id, raw in conn.execute(
        sa.select(added.c.kind, added.c.record_id, added.c.payload)
    ):
        extra.setdefault((kind, record_id), []).append(json.loads(raw))

    def change(kind: str, payload: dict) -> dict:
        out = {k: v for k, v in payload.items() if k not in NEW_FIELDS}
        if "sources" in out:
            sources = [{k: s[k] for k in ("article", "paragraph", "quote")} for s in out["sources"]]
            for source in extra.get((kind, out["id"]), []):
                plain = {k: source[k] for k in ("article", "paragraph", "quote")}
                if plain not in sources:
                    sources.append(plain)
            out["sources"] = sources
        downgrade_kind = DOWNGRADES.get(kind)
        return downgrade_kind(out) if downgrade_kind else out

    _rewrite(conn, change)
    op.drop_table("source_grades")
    op.drop_table("record_aliases")
    op.drop_index("ix_added_sources_record", table_name="added_sources")
    op.drop_table("added_sources")
    op.drop_index("ix_audit_log_record", table_name="audit_log")
    op.drop_table("audit_log")
