"""Schema upgrades keep every record: a store written at an earlier revision (0001, or 0002 of
an earlier release) upgraded to head, on SQLite and PostgreSQL, and a downgrade/upgrade round
trip. (The upgrade of a store made by the release before the data-model change, with analyst
records in it, is in test_migration_0004.py.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command

from democdash import auth
from democdash.models import Article, DateValue
from democdash.scoring import new_scenario
from democdash.settings import Settings
from democdash.store import Store, migrate
from democdash.store.brief_notes import BottomLineSentence, BriefNotes, brief_notes_table
from democdash.store.engine import make_engine
from democdash.store.schema import editor_sessions, login_attempts


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "postgresql":
        url = request.getfixturevalue("fresh_pg_url")
    else:
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _write_0001_records(conn: sa.Connection, n: int = 25) -> dict[str, set]:
    """Rows as the 0001 schema had them, written with plain SQL (no current table object)."""
    now = datetime(2025, 1, 1, tzinfo=UTC)
    ids = {"articles": set(), "records": set()}
    for i in range(n):
        article = Article(
            id=f"old-{i}",
            source_type="reporting",
            published=DateValue(value="2024-06-02"),
            text_sha256=f"{i:064x}",
            origin="analyst",
        )
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, origin, text_sha256, url, payload, created_at) "
                "VALUES (:id, 'analyst', :sha, NULL, :payload, :now)"
            ),
            {"id": article.id, "sha": article.text_sha256, "payload": article.model_dump_json(),
             "now": now},
        )  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO article_texts (article_id, text) VALUES (:id, :text)"),
            {"id": article.id, "text": f"text of old article {i} with “quotes” and č"},
        )
        # an event as the 0001 schema stored it (the model had fewer fields then)
        event = {
            "id": f"ev-old-{i}",
            "sources": [{"article": article.id, "paragraph": 1, "quote": "old text"}],
            "claimed_by": "author",
            "origin": "analyst",
            "date": DateValue(value="2024-06-01").model_dump(mode="json"),
            "country": "BLR",
            "location": None,
            "type": "protest",
            "cameo": None,
            "actors": [],
            "summary": f"An older record {i}.",
        }
        conn.execute(
            sa.text(
                "INSERT INTO records (kind, id, origin, country, payload, updated_at) "
                "VALUES ('events', :id, 'analyst', 'BLR', :payload, :now)"
            ),
            {"id": event["id"], "payload": json.dumps(event), "now": now},
        )
        ids["articles"].add(article.id)
        ids["records"].add(("events", event["id"]))
    conn.execute(sa.text("UPDATE store_state SET revision = 41, data_version = 'old-data'"))
    return ids


def _snapshot(conn: sa.Connection, tables=("articles", "article_texts", "records", "store_state")):
    return {
        table: sorted(
            tuple(str(v) for v in row)
            for row in conn.execute(sa.text(f"SELECT * FROM {table}")).all()
        )
        for table in tables
    }


UNCHANGED = ("articles", "article_texts", "store_state")


def _store(engine: sa.Engine, tmp_path) -> Store:
    settings = Settings(
        data_dir=tmp_path / "no-data",
        database_url=engine.url.render_as_string(hide_password=False),
        readonly=False,
        seeds_dir=None,
    )
    return Store(settings, engine)


@pytest.mark.parametrize("start", ["0001", "0002", "0003"])
def test_upgrade_to_head_keeps_every_record(engine, tmp_path, start):
    migrate.upgrade(engine, start)
    with engine.begin() as conn:
        ids = _write_0001_records(conn)
        before = _snapshot(conn)
        if start >= "0002":  # later releases also had scenarios
            conn.execute(
                sa.text(
                    "INSERT INTO scenarios (name, author, shared, payload, created_at, updated_at)"
                    " VALUES ('kept', 'alice', :shared, :payload, :now, :now)"
                ),
                {
                    "shared": True,
                    "payload": new_scenario("kept", "alice").model_dump_json(),
                    "now": datetime(2025, 1, 1, tzinfo=UTC),
                },
            )
        if start >= "0003":  # and failed sign-in attempts
            conn.execute(
                sa.text(
                    "INSERT INTO login_attempts (client_key, failures, last_failed_at)"
                    " VALUES ('old-client', 2, :now)"
                ),
                {"now": datetime(2025, 1, 1, tzinfo=UTC)},
            )

    store = _store(engine, tmp_path)
    store.migrate()  # what the app does on start
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        assert _snapshot(conn, UNCHANGED) == {t: before[t] for t in UNCHANGED}
    assert store.revision() == 41 and store.data_version() == "old-data"
    assert {a["id"] for a in store.payloads("articles")} == ids["articles"]
    assert store.article_text("old-3").endswith("“quotes” and č")
    upgraded = store.get("events", "ev-old-7")
    assert upgraded.sources[0].article == "old-7" and upgraded.countries_involved == ["BLR"]
    assert {("events", e.id) for e in store.records("events")} == ids["records"]
    if start >= "0002":
        assert [s.name for s in store.scenarios("bob")] == ["kept"]
    if start >= "0003":
        assert store.login_failures("old-client")[0] == 2
    # The new tables work after the upgrade.
    assert store.claim_sign_in_attempt(auth.limits_for("alice", "203.0.113.9")).allowed
    assert store.login_failures(auth.account_bucket("alice"))[0] == 1
    token = auth.new_session_token()
    store.create_editor_session(token, "alice", "credential")
    assert store.editor_session(token.cookie).editor == "alice"
    line = BottomLineSentence(text="Kept.", sources=["old-3"])
    store.save_brief_notes(BriefNotes(country="BLR", bottom_line=[line]), by="alice")
    assert store.brief_notes("BLR").bottom_line == [line]


def test_downgrade_and_upgrade_round_trip_keeps_records(engine, tmp_path):
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        _write_0001_records(conn, n=5)
        before = _snapshot(conn)
    migrate.upgrade(engine)
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0001")
    assert migrate.current_revision(engine) == "0001"
    assert not sa.inspect(engine).has_table(login_attempts.name)
    assert not sa.inspect(engine).has_table(editor_sessions.name)
    assert not sa.inspect(engine).has_table(brief_notes_table.name)
    assert not sa.inspect(engine).has_table("indicator_datasets")
    assert not sa.inspect(engine).has_table("notes")
    with engine.connect() as conn:
        assert _snapshot(conn) == before  # the downgrade gives back exactly what was there
    migrate.upgrade(engine)
    events = _store(engine, tmp_path).records("events")
    assert len(events) == 5 and {e.origin for e in events} == {"analyst"}


def test_schema_head_constant_matches_the_migration_scripts():
    # Store.migrate() skips importing Alembic when the database is at SCHEMA_HEAD.
    assert migrate.head_revision() == migrate.SCHEMA_HEAD
