"""The analyst's own words for a country brief: a bottom line of up to three sentences, each
citing the articles it rests on, and key risks; per country and scoring scenario.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brief_notes",
        sa.Column("country", sa.String(3), primary_key=True),
        sa.Column("scenario", sa.String(200), primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("brief_notes")
