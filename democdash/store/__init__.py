"""The store: SQLite by default, any SQLAlchemy URL in DEMOCDASH_DATABASE_URL."""

from democdash.store.store import (
    DuplicateArticleError,
    ReadOnlyError,
    SeedReport,
    Store,
    StoreError,
    open_store,
)

__all__ = [
    "DuplicateArticleError",
    "ReadOnlyError",
    "SeedReport",
    "Store",
    "StoreError",
    "open_store",
]
