"""Run the Alembic migrations programmatically (no alembic.ini, no logging reconfiguration).

Alembic (with Mako and Pygments) takes a noticeable part of a cold start, so it is imported only
when a database is actually behind: `is_current` answers from `SCHEMA_HEAD` and one query.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest migration id; a unit test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0011"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config pointing at the bundled migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration id, as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: sa.Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: sa.Engine) -> bool:
    """True when the database is at the newest migration (no Alembic import needed)."""
    return current_revision(engine) == SCHEMA_HEAD


def upgrade(engine: sa.Engine, target: str = "head") -> None:
    """Bring the schema to `target` inside one locked transaction."""
    from alembic import command

    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        command.upgrade(alembic_config(conn), target)
