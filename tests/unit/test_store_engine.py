"""The SQLite engine's connection settings: WAL, and no fsync on every commit."""

from __future__ import annotations

from democdash.store.engine import make_engine


def test_sqlite_runs_in_wal_with_synchronous_normal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        with engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    finally:
        engine.dispose()
    assert mode == "wal"
    assert synchronous == 1  # NORMAL (FULL is 2): safe from corruption under WAL
