"""Initial schema: store state, articles with their texts, records of every kind.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
        sa.Column("data_version", sa.String(64), nullable=True),
        sa.Column("seeded_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.execute("INSERT INTO store_state (id, revision) VALUES (1, 0)")
    op.create_table(
        "articles",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=True, unique=True),
        sa.Column("url", sa.String(2000), nullable=True, unique=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "article_texts",
        sa.Column(
            "article_id",
            sa.String(120),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_records_country", "records", ["country"])


def downgrade() -> None:
    op.drop_index("ix_records_country", table_name="records")
    op.drop_table("records")
    op.drop_table("article_texts")
    op.drop_table("articles")
    op.drop_table("store_state")
