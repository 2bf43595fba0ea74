"""Database engines: SQLite tuned for a laptop app beside a CLI, PostgreSQL for a shared team
store, or any SQLAlchemy URL.

On both SQLite and PostgreSQL a write transaction (execution option `immediate=True`) takes one
store-wide write lock before its first statement, so writers queue instead of racing: a
duplicate check, a read-modify-write of a record and the `revision` increment all see every
write committed before them, and totals stay exact with any number of app threads and CLI
processes writing at once.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`; for SQLite, WAL mode, a busy timeout and immediate write locks.

    SQLite runs with `synchronous=NORMAL`: under WAL the database cannot be corrupted by a
    crash at any point (each transaction, with its audit rows, is all there or not at all);
    what it gives up is only that the last transactions before a power cut or an OS crash
    (not a crash of the app) may be lost, for no fsync on every commit, which cost more
    than the rest of saving an article on this hardware.

    Writes open their transaction with `BEGIN IMMEDIATE` (execution option `immediate=True`)
    so two writers queue for the lock instead of failing halfway through.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


#: Key of the PostgreSQL transaction-level advisory lock that serialises democdash writers
#: (and migrations) on one database; any constant works as long as every writer uses it.
PG_WRITE_LOCK_KEY = 0x64656D6F  # "demo"


def _postgresql_engine(url: str) -> sa.Engine:
    """PostgreSQL (psycopg 3): `immediate=True` transactions take the advisory write lock.

    `pg_advisory_xact_lock` is released by COMMIT or ROLLBACK, also when the client dies
    (the server ends its session), so a killed writer never leaves the lock held.
    """
    engine = sa.create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")

    return engine
