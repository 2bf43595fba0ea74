"""Fixtures shared by every test tier.

- Every test runs against a throw-away store: `DEMOCDASH_HOME` and `DEMOCDASH_DATABASE_URL`
  point into the test's `tmp_path`, `DEMOCDASH_DATA_DIR` and `DEMOCDASH_READONLY` are unset
  (a test that wants otherwise sets them with `monkeypatch` itself).
- Streamlit caches are cleared around every test that has imported streamlit.
- Tiers that need something from outside the repo (a browser, PostgreSQL, the source texts)
  ask for it with `require(...)` or the `seeds_dir`, `extraction_dev_dir`, `pg_url` and
  `fresh_pg_url` fixtures: they skip with a reason on a developer's machine, and fail
  instead when CI sets `DEMOCDASH_REQUIRE_<TIER>=1` (BROWSER, PG, SEEDS).
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from democdash import settings

REPO_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_DIR.parent / "shared"

REQUIRE_BROWSER = "DEMOCDASH_REQUIRE_BROWSER"
REQUIRE_PG = "DEMOCDASH_REQUIRE_PG"
REQUIRE_SEEDS = "DEMOCDASH_REQUIRE_SEEDS"
ENV_TEST_PG_URL = "DEMOCDASH_TEST_PG_URL"
ENV_EXTRACTION_DEV_DIR = "DEMOCDASH_EXTRACTION_DEV_DIR"


def require(tier_env: str, reason: str) -> None:
    """Skip the test with `reason`, or fail it when the tier is required (`tier_env` is "1")."""
    if os.environ.get(tier_env, "").strip() == "1":
        pytest.fail(f"{reason} ({tier_env}=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(name="require", scope="session")
def require_fixture():
    """`require(tier_env, reason)` as a fixture, for tests and fixtures in any folder."""
    return require


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at an empty store in `tmp_path` instead of the developer's real one."""
    home = tmp_path / "democdash-home"
    home.mkdir()
    monkeypatch.setenv(settings.ENV_HOME, str(home))
    monkeypatch.setenv(settings.ENV_DATABASE_URL, f"sqlite:///{home / 'democdash.sqlite'}")
    monkeypatch.delenv(settings.ENV_READONLY, raising=False)
    monkeypatch.delenv(settings.ENV_DATA_DIR, raising=False)
    return home


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    """No `st.cache_data` / `st.cache_resource` entry survives from one test to the next."""
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches() -> None:
    st = sys.modules.get("streamlit")  # only if some test imported it: unit tests stay lean
    if st is None:
        return
    # Outside a run there is no runtime, and clearing logs a harmless warning about it.
    cache_logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = cache_logger.level
    cache_logger.setLevel(logging.ERROR)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
    finally:
        cache_logger.setLevel(level)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The source article texts: `DEMOCDASH_SEEDS_DIR`, else `../shared/seeds` beside the repo."""
    configured = os.environ.get(settings.ENV_SEEDS_DIR)
    path = Path(configured).expanduser() if configured else SHARED_DIR / "seeds"
    if not path.is_dir() or not any(path.iterdir()):
        require(
            REQUIRE_SEEDS,
            f"source texts not found at {path}: set {settings.ENV_SEEDS_DIR} to the folder of "
            "article texts (shared/seeds beside the repo is used when present)",
        )
    return path


@pytest.fixture(scope="session")
def extraction_dev_dir() -> Path:
    """The extraction dev set: `DEMOCDASH_EXTRACTION_DEV_DIR`, else `../shared/extraction-dev`."""
    configured = os.environ.get(ENV_EXTRACTION_DEV_DIR)
    path = Path(configured).expanduser() if configured else SHARED_DIR / "extraction-dev"
    if not path.is_dir() or not any(path.iterdir()):
        require(
            REQUIRE_SEEDS,
            f"extraction dev set not found at {path}: set {ENV_EXTRACTION_DEV_DIR} to it "
            "(shared/extraction-dev beside the repo is used when present)",
        )
    return path


@pytest.fixture(scope="session")
def pg_url() -> str:
    """SQLAlchemy URL of a reachable PostgreSQL database for tests (`DEMOCDASH_TEST_PG_URL`)."""
    how = (
        f"set {ENV_TEST_PG_URL}=postgresql+psycopg://USER:PASSWORD@127.0.0.1/DB for a "
        "PostgreSQL database whose user may CREATE DATABASE (.ci/run shows how to set one up)"
    )
    url = os.environ.get(ENV_TEST_PG_URL, "").strip()
    if not url:
        require(REQUIRE_PG, f"no PostgreSQL for tests: {how}")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any failure to connect means "not available"
        require(REQUIRE_PG, f"PostgreSQL at {ENV_TEST_PG_URL} not reachable ({exc}); {how}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def fresh_pg_url(pg_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test only (dropped afterwards)."""
    import sqlalchemy as sa

    base = sa.make_url(pg_url)
    name = f"democdash_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin, name: str, attempts: int = 20) -> None:
    """Drop a test database. `WITH (FORCE)` ends the test role's own sessions on it, but not
    a server process of another role (an autovacuum worker on the new database, say: one CI
    run's teardown failed on "must be a member of the role whose process is being
    terminated"): such a process ends by itself, so wait a little and try again."""
    import time

    import sqlalchemy as sa

    for attempt in range(attempts):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except sa.exc.DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)


@pytest.fixture(params=["sqlite", "postgresql"])
def fixture_settings(request, tmp_path: Path) -> settings.Settings:
    """Settings of a fresh store over a copy of tests/fixtures/data, once on SQLite and once on
    a fresh PostgreSQL database (the test runs on both)."""
    import shutil

    data_dir = tmp_path / "data"
    shutil.copytree(REPO_DIR / "tests" / "fixtures" / "data", data_dir)
    url = (
        request.getfixturevalue("fresh_pg_url")
        if request.param == "postgresql"
        else f"sqlite:///{tmp_path / 's.sqlite'}"
    )
    return settings.Settings(data_dir=data_dir, database_url=url, readonly=False, seeds_dir=None)


@pytest.fixture
def fixture_store(fixture_settings: settings.Settings):
    """A store opened (and seeded) on `fixture_settings`, its connections closed afterwards
    (PostgreSQL: so that the test database can be dropped)."""
    from democdash.store import open_store

    opened = open_store(fixture_settings)
    yield opened
    opened.engine.dispose()
