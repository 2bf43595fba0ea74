"""Editor sessions: a password sign-in lasts across reloads and restarts (token hashes only).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "editor_sessions",
        sa.Column("selector", sa.String(32), primary_key=True),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        sa.Column("editor", sa.String(120), nullable=False),
        sa.Column("credential", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_editor_sessions_editor", "editor_sessions", ["editor"])
    op.create_index("ix_editor_sessions_expires_at", "editor_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_editor_sessions_expires_at", table_name="editor_sessions")
    op.drop_index("ix_editor_sessions_editor", table_name="editor_sessions")
    op.drop_table("editor_sessions")
