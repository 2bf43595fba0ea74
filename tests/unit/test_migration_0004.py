"""The data-model upgrade (0004) on a store made by the release before it (schema 0003, with
analyst records, sources written into curated rows, scenarios and sign-in counts in it), on
SQLite and PostgreSQL: nothing is lost, every record reads as the new model, analyst sources
survive the reseed that follows, and `democdash validate` passes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from democdash.settings import REPO_DIR, Settings
from democdash.store import Store, migrate
from democdash.store.engine import make_engine
from democdash.validate import validate_dir

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store_0003" / "store.json"
DATA_DIR = REPO_DIR / "data"
#: Columns stored as timestamps (the fixture holds them as ISO strings).
TIMESTAMPS = {"seeded_at", "created_at", "updated_at", "last_failed_at"}
TABLES = ("store_state", "articles", "article_texts", "records", "scenarios", "login_attempts")


@pytest.fixture(scope="module")
def old() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "postgresql":
        url = request.getfixturevalue("fresh_pg_url")
    else:
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _value(column: str, value):
    return datetime.fromisoformat(value) if column in TIMESTAMPS and value else value


def load_0003(engine: sa.Engine, old: dict) -> None:
    """A database at schema 0003 holding exactly the fixture's rows."""
    assert old["alembic_version"] == "0003"
    migrate.upgrade(engine, "0003")
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        conn.execute(sa.delete(meta.tables["store_state"]))
        for table in TABLES:
            rows = [{k: _value(k, v) for k, v in row.items()} for row in old[table]]
            if rows:
                conn.execute(sa.insert(meta.tables[table]), rows)
        if engine.dialect.name == "postgresql":  # keep the id sequence past the loaded rows
            conn.execute(
                sa.text(
                    "SELECT setval(pg_get_serial_sequence('scenarios', 'id'), "
                    "(SELECT max(id) FROM scenarios))"
                )
            )


def store_of(engine: sa.Engine, tmp_path) -> Store:
    settings = Settings(
        data_dir=DATA_DIR,
        database_url=engine.url.render_as_string(hide_password=False),
        readonly=False,
        seeds_dir=None,
    )
    return Store(settings, engine)


def analyst_rows(old: dict, kind: str) -> list[dict]:
    return [
        json.loads(r["payload"])
        for r in old["records"]
        if r["kind"] == kind and r["origin"] == "analyst"
    ]


def curated_sources_from_analyst_articles(old: dict) -> list[tuple[str, str, dict]]:
    analyst_articles = {a["id"] for a in old["articles"] if a["origin"] == "analyst"}
    return [
        (r["kind"], r["id"], s)
        for r in old["records"]
        if r["origin"] == "curated"
        for s in json.loads(r["payload"]).get("sources", [])
        if s["article"] in analyst_articles
    ]


def test_the_fixture_holds_what_the_upgrade_must_keep(old):
    # the cases this test file is about are really in the old store
    assert analyst_rows(old, "options") and analyst_rows(old, "events")
    assert any(r["id"] == "VEN" and r["origin"] == "analyst" for r in old["records"])
    assert len(curated_sources_from_analyst_articles(old)) == 2
    assert {bool(s["shared"]) for s in old["scenarios"]} == {True, False}
    assert old["login_attempts"]


def test_upgrade_keeps_everything_and_reads_as_the_new_model(engine, tmp_path, old):
    load_0003(engine, old)
    store = store_of(engine, tmp_path)
    store.migrate()
    assert migrate.current_revision(engine) == migrate.head_revision()

    # articles, texts, scenarios, sign-in counts and the revision: unchanged
    assert {a["id"] for a in store.payloads("articles")} == {a["id"] for a in old["articles"]}
    for row in old["article_texts"]:
        assert store.article_text(row["article_id"]) == row["text"]
    with engine.connect() as conn:
        names = set(conn.execute(sa.text("SELECT author || '/' || name FROM scenarios")).scalars())
        failures = dict(
            conn.execute(sa.text("SELECT client_key, failures FROM login_attempts")).all()
        )
    assert names == {f"{s['author']}/{s['name']}" for s in old["scenarios"]}
    assert failures == {r["client_key"]: r["failures"] for r in old["login_attempts"]}
    assert store.revision() == old["store_state"][0]["revision"]

    # every record is still there and validates as the new model
    for kind in ("countries", "actors", "events", "options", "sanctions", "risks"):
        before = {r["id"] for r in old["records"] if r["kind"] == kind}
        assert {store_key(kind, r) for r in store.records(kind)} == before, kind

    # an analyst option's single proposer and status became a position and a status entry
    for payload in analyst_rows(old, "options"):
        option = store.get("options", payload["id"])
        [position] = option.positions
        [status] = option.statuses
        assert position.holder == payload["proposed_by"]
        assert (
            position.source.model_dump(exclude={"credibility", "contradicts"})
            == payload["sources"][0]
        )
        assert status.status == payload["status"]
        assert status.as_of.model_dump(mode="json") == payload["status_as_of"]
        assert option.title == payload["title"] and option.added_by is None

    # an analyst event keeps its fields and involves its own country
    for payload in analyst_rows(old, "events"):
        event = store.get("events", payload["id"])
        assert event.countries_involved == [payload["country"]]
        assert event.summary == payload["summary"]
        assert [s.quote for s in event.sources] == [s["quote"] for s in payload["sources"]]

    # sources analysts added to curated records left the curated rows and are still cited
    moved = curated_sources_from_analyst_articles(old)
    with engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT kind, record_id, payload FROM added_sources")).all()
    assert sorted((k, r, json.loads(p)["quote"]) for k, r, p in kept) == sorted(
        (k, r, s["quote"]) for k, r, s in moved
    )
    for kind, record_id, source in moved:
        quotes = [s.quote for s in store.get(kind, record_id).sources]
        assert source["quote"] in quotes


def store_key(kind: str, record) -> str:
    return record.iso3 if kind == "countries" else record.id


def test_the_reseed_after_the_upgrade_keeps_analyst_work(engine, tmp_path, old):
    load_0003(engine, old)
    store = store_of(engine, tmp_path)
    store.migrate()
    report = store.seed()  # data/ changed with this release: the app reseeds on start
    assert report.applied and not report.problems
    moved = curated_sources_from_analyst_articles(old)
    for kind, record_id, source in moved:
        current = store.resolve_id(kind, record_id)
        assert source["quote"] in [s.quote for s in store.get(kind, current).sources]
    for kind in ("options", "events"):
        for payload in analyst_rows(old, kind):
            assert store.get(kind, payload["id"]).origin == "analyst"
    assert store.get("countries", "VEN").origin == "analyst"  # not in data/: stays the analyst's
    assert validate_dir(DATA_DIR).ok


def test_downgrade_gives_the_old_shapes_back(engine, tmp_path, old):
    load_0003(engine, old)
    migrate.upgrade(engine)
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0003")
    with engine.connect() as conn:
        rows = {
            (k, i): json.loads(p)
            for k, i, p in conn.execute(sa.text("SELECT kind, id, payload FROM records"))
        }
    for record in old["records"]:
        assert rows[(record["kind"], record["id"])] == json.loads(record["payload"])
