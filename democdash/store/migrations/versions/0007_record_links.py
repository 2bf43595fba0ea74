"""Records linked as the same: two events (or options...) an editor found to be one, read as
one record citing the sources of both; unlinking splits them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_links",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("record_id", sa.String(120), primary_key=True),
        sa.Column("same_as", sa.String(120), nullable=False),
        sa.Column("linked_by", sa.String(200), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("record_links")
