"""An index of the sources analysts added by the article they cite: saving an article looks up
which of its sources the records it cites already have, by that article, where it read every
added source of each cited record (a record cited by every article made each save slower than
the one before).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_added_sources_article", "added_sources", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_added_sources_article", table_name="added_sources")
