"""Opening the store for a command: failures as one line, and the read-only rule.

Under `DEMOCDASH_READONLY=1` a command never rewrites the store: `democdash seed` refuses, and
a reading command (info, export, brief) loads `data/` only into a store that was never seeded,
as the app does. `DEMOCDASH_HOSTED=1` restricts the app's visitors, not the operator's CLI (see
docs/hosting.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from democdash.cli.errors import store_failure
from democdash.settings import ENV_READONLY, Settings, get_settings

if TYPE_CHECKING:
    from democdash.store import Store

READONLY_SEED_REFUSED = (
    f"the store is read-only ({ENV_READONLY}=1): seeding would rewrite its curated records, "
    "so it is refused; nothing changed"
)


def open_cli_store(settings: Settings | None = None, *, seed: bool = True) -> Store:
    """The configured store, migrated and (with `seed`) seeded when `data/` changed, except
    that a read-only store is only seeded while it holds no data version (never seeded).

    A store that cannot be opened (server down, wrong password, not a database, a folder
    that cannot be made) ends the command: `error: cannot open the store URL: why`, exit 1,
    with the password hidden.
    """
    from democdash.store import open_store  # heavy (pandas, SQLAlchemy): only when run

    settings = settings or get_settings()
    try:
        store = open_store(settings, seed=False)
        if seed and (not settings.readonly or store.data_version() is None):
            store.seed()
    except Exception as exc:
        if not _is_opening_failure(exc):
            raise
        typer.echo(f"error: {store_failure(exc, settings.database_url, opening=True)}", err=True)
        raise typer.Exit(1) from None
    return store


def existing_store(settings: Settings | None = None) -> Store | None:
    """The configured store as it is, without creating, migrating or seeding it: None when
    there is none yet (no SQLite file), it cannot be reached, or its schema is not current."""
    from democdash.store import Store, migrate
    from democdash.store.engine import make_engine

    settings = settings or get_settings()
    url = sqlalchemy_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").expanduser().is_file():
        return None
    try:
        engine = make_engine(settings.database_url)
        if not migrate.is_current(engine):
            engine.dispose()
            return None
    except Exception as exc:
        if not _is_opening_failure(exc):
            raise
        return None
    return Store(settings, engine)


def sqlalchemy_url(url: str):
    """A database URL parsed by SQLAlchemy."""
    from sqlalchemy.engine import make_url

    return make_url(url)


def _is_opening_failure(exc: Exception) -> bool:
    """SQLAlchemy errors, a folder for the SQLite file that cannot be made, a missing driver."""
    import sqlalchemy.exc

    return isinstance(exc, sqlalchemy.exc.SQLAlchemyError | OSError | ImportError)


def refuse_seed_if_readonly(settings: Settings | None = None) -> None:
    """End `democdash seed` before it opens the store when `DEMOCDASH_READONLY` is set."""
    if (settings or get_settings()).readonly:
        typer.echo(f"error: {READONLY_SEED_REFUSED}", err=True)
        raise typer.Exit(1)
