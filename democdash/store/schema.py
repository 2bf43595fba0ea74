"""Tables of the store (SQLAlchemy Core). Changes go through an Alembic migration too.

Records of every kind share one table keyed by (kind, id): the payload is the record's JSON as
defined by `democdash.models`, with the columns that queries and constraints need beside it.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
    sa.Column("data_version", sa.String(64), nullable=True),
    sa.Column("seeded_at", sa.DateTime(timezone=True), nullable=True),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("origin", sa.String(16), nullable=False),
    sa.Column("text_sha256", sa.String(64), nullable=True, unique=True),
    sa.Column("url", sa.String(2000), nullable=True, unique=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

article_texts = sa.Table(
    "article_texts",
    metadata,
    sa.Column(
        "article_id",
        sa.String(120),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("text", sa.Text, nullable=False),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("origin", sa.String(16), nullable=False),
    sa.Column("country", sa.String(3), nullable=True, index=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# -- scoring scenarios (migration 0002) -------------------------------------------------------

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("author", sa.String(80), nullable=False),
    sa.Column("shared", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("author", "name", name="uq_scenarios_author_name"),
)

# -- editor sign-in attempts (migration 0003) -------------------------------------------------

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("client_key", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
)

# -- the growing corpus's data model (migration 0004) -----------------------------------------

#: Every write to the store, in the same transaction: who, when, which record, before and after
#: (JSON, or None for an insert's before and a delete's after).
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("editor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(24), nullable=False),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("record_id", sa.String(300), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=True),
    sa.Index("ix_audit_log_record", "kind", "record_id"),
)

#: Sources an analyst added to a stored record (curated or not), kept apart from the record's
#: row so that reseeding curated data never drops them; reads merge them into the record.
added_sources = sa.Table(
    "added_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("record_id", sa.String(120), nullable=False),
    sa.Column("article_id", sa.String(120), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_added_sources_record", "kind", "record_id"),
    sa.Index("ix_added_sources_article", "article_id"),  # migration 0011
)

#: Ids that curated records had before (`former_ids`), so old links and references still work.
record_aliases = sa.Table(
    "record_aliases",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("old_id", sa.String(120), primary_key=True),
    sa.Column("new_id", sa.String(120), nullable=False),
)

#: Reliability grades of outlets and authors (their articles inherit them).
source_grades = sa.Table(
    "source_grades",
    metadata,
    sa.Column("subject", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# -- editor sessions (migration 0005) ---------------------------------------------------------

editor_sessions = sa.Table(
    "editor_sessions",
    metadata,
    sa.Column("selector", sa.String(32), primary_key=True),
    sa.Column("secret_sha256", sa.String(64), nullable=False),
    sa.Column("editor", sa.String(120), nullable=False, index=True),
    sa.Column("credential", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# -- editors' drafts (migration 0006) ---------------------------------------------------------

#: Work in progress per editor (an article under review: its text, metadata and decisions),
#: kept across reloads and restarts until it is saved or discarded.
drafts = sa.Table(
    "drafts",
    metadata,
    sa.Column("editor", sa.String(200), primary_key=True),
    sa.Column("key", sa.String(120), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# -- records linked as the same (migration 0007) ---------------------------------------------

#: An editor's finding that a record is the same as another (`same_as`): the two read as one
#: record, the `same_as` one, citing the sources of both; deleting the row splits them again.
record_links = sa.Table(
    "record_links",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("record_id", sa.String(120), primary_key=True),
    sa.Column("same_as", sa.String(120), nullable=False),
    sa.Column("linked_by", sa.String(200), nullable=False),
    sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
)

# -- indicator datasets an editor imported (migration 0008) ----------------------------------

#: A country-year dataset as imported: its YAML sidecar and CSV text kept whole (checked on
#: import, read back through the same checks), who imported it and when.
indicator_datasets = sa.Table(
    "indicator_datasets",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("sidecar", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("imported_by", sa.String(200), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

# -- editors' notes on records (migration 0009) ----------------------------------------------

#: An editor's note on a record (event, option, country, article, actor...): the team's words,
#: never a sourced fact; visible to editors, and to visitors only when `shareable`.
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("record_id", sa.String(120), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("shareable", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_notes_record", "kind", "record_id"),
)
