"""The store: migrations, seeding (validate first, curated rows only), revision, read-only,
all-or-nothing article saves, duplicates."""

import contextlib
import shutil
import threading
from pathlib import Path

import pytest

from democdash.models import Article, DateValue, Event, SourceRef
from democdash.settings import Settings
from democdash.store import DuplicateArticleError, ReadOnlyError, StoreError, open_store
from democdash.store.migrate import current_revision, head_revision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", folder)
    return folder


def make_settings(tmp_path, data_dir, readonly=False, url=None):
    return Settings(
        data_dir=data_dir,
        database_url=url or f"sqlite:///{tmp_path / 'store.sqlite'}",
        readonly=readonly,
        seeds_dir=None,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The store's database: SQLite in `tmp_path`, or a fresh PostgreSQL database (skipped
    without one, a failure when DEMOCDASH_REQUIRE_PG=1)."""
    if request.param == "postgresql":
        return request.getfixturevalue("fresh_pg_url")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def store(tmp_path, data_dir, store_url):
    opened = open_store(make_settings(tmp_path, data_dir, url=store_url))
    yield opened
    opened.engine.dispose()  # PostgreSQL: let the test database be dropped


def analyst_article(n=1):
    return Article(
        id=f"analyst-{n}",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=f"{n:064x}",
        origin="analyst",
    )


def analyst_event(n=1, article="analyst-1"):
    return Event(
        id=f"ev-analyst-{n}",
        date=DateValue(value="2024-06-01"),
        country="BLR",
        type="protest",
        summary="A protest reported by an analyst's article.",
        sources=[SourceRef(article=article, paragraph=1, quote="a protest took place")],
        origin="analyst",
    )


def test_open_migrates_to_head_and_seeds(store):
    assert current_revision(store.engine) == head_revision()
    assert store.counts() == {
        "articles": 1,
        "countries": 2,
        "actors": 3,
        "events": 3,
        "options": 1,
        "sanctions": 1,
        "risks": 1,
    }
    assert store.data_version().startswith("0.0.1+")


def test_frames_have_provenance_and_dates(store):
    events = store.events().set_index("id")
    assert events.loc["blr-2024-vote", "date"] == "Mar 2024"
    assert events.loc["blr-2024-detentions", "date"] == "not stated, before May 2024"
    assert events.loc["blr-2024-vote", "n_sources"] == 1
    sources = store.sources()
    assert set(sources.columns) >= {"kind", "record_id", "article", "paragraph", "quote"}
    assert len(sources) == 9  # 3 actors, 3 events, 1 option, 1 sanction, 1 risk


def test_revision_changes_with_every_write(store):
    before = store.revision()
    store.add_article(analyst_article(), "a protest took place", {"events": [analyst_event()]})
    assert store.revision() == before + 1
    store.add_source(
        "events",
        "blr-2024-vote",
        SourceRef(article="analyst-1", paragraph=1, quote="a protest took place"),
    )
    assert store.revision() == before + 2
    assert store.get("events", "blr-2024-vote").sources[-1].article == "analyst-1"


def test_a_revision_read_overlapping_a_write_is_not_remembered(store, monkeypatch):
    """A page asks for the revision with a max age; a read that raced a write (it read the
    value from before the write) must not be served as current after the write."""
    plain_read = store._read
    raced = []

    @contextlib.contextmanager
    def read_then_another_thread_writes():
        with plain_read() as conn:
            yield conn
        if not raced:  # the write lands after this read took its value
            raced.append(True)
            store.add_source(
                "events",
                "blr-2024-vote",
                SourceRef(article="analyst-1", paragraph=1, quote="a protest took place"),
            )

    store.add_article(analyst_article(), "a protest took place", {"events": [analyst_event()]})
    monkeypatch.setattr(store, "_read", read_then_another_thread_writes)
    before = store.revision(max_age=60)  # the value read before the write landed
    assert raced
    monkeypatch.setattr(store, "_read", plain_read)
    assert store.revision(max_age=60) == before + 1


def test_reseed_replaces_curated_rows_and_keeps_analyst_records(tmp_path, data_dir, store):
    store.add_article(analyst_article(), "text", {"events": [analyst_event()]})
    events = (data_dir / "events.yaml").read_text()
    (data_dir / "events.yaml").write_text(events.replace("Police detained", "Police held"))
    report = store.seed()
    assert report.applied
    assert store.get("events", "blr-2024-detentions").summary.startswith("Police held")
    assert store.get("events", "ev-analyst-1") is not None
    assert store.article_text("analyst-1") == "text"


def test_broken_data_keeps_what_is_stored(data_dir, store):
    before = (store.counts(), store.revision(), store.data_version())
    (data_dir / "events.yaml").write_text("- id: [unclosed\n")
    report = store.seed()
    assert not report.applied
    assert "events.yaml: broken YAML" in str(report.problems[0])
    assert (store.counts(), store.revision(), store.data_version()) == before


def test_unchanged_data_is_not_reseeded(store):
    revision = store.revision()
    assert not store.seed().applied
    assert store.revision() == revision


def test_readonly_refuses_every_write(tmp_path, data_dir, store, store_url):
    ro = open_store(make_settings(tmp_path, data_dir, readonly=True, url=store_url))
    before = ro.revision()
    with pytest.raises(ReadOnlyError, match="read-only"):
        ro.add_article(analyst_article(), "text")
    with pytest.raises(ReadOnlyError):
        ro.save_record("events", analyst_event())
    with pytest.raises(ReadOnlyError):
        ro.add_source("events", "blr-2024-vote", SourceRef(article="x", paragraph=1, quote="abc"))
    with pytest.raises(ReadOnlyError):
        ro.delete_record("events", "blr-2024-vote")
    assert ro.revision() == before


def test_article_save_is_all_or_nothing(store):
    before = store.counts()
    bad_source = (
        "events",
        "no-such-event",
        SourceRef(article="analyst-1", paragraph=1, quote="abc def"),
    )
    with pytest.raises(StoreError, match="no-such-event"):
        store.add_article(analyst_article(), "text", {"events": [analyst_event()]}, [bad_source])
    assert store.counts() == before
    assert store.article_text("analyst-1") is None


def test_duplicate_article_is_reported_not_stored(store):
    store.add_article(analyst_article(1), "text")
    twin = analyst_article(1).model_copy(update={"id": "analyst-twin"})
    with pytest.raises(DuplicateArticleError, match="already stored as 'analyst-1'"):
        store.add_article(twin, "text")
    assert store.counts()["articles"] == 2


def test_curated_records_cannot_be_deleted_from_the_app(store):
    with pytest.raises(StoreError, match="only through data/"):
        store.delete_record("events", "blr-2024-vote")


def test_concurrent_writers_lose_nothing(store):
    def add(n):
        store.add_article(
            analyst_article(n), f"text {n}", {"events": [analyst_event(n, f"analyst-{n}")]}
        )

    threads = [threading.Thread(target=add, args=(n,)) for n in range(1, 9)]
    start = store.revision()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.counts()["articles"] == 9
    assert store.counts()["events"] == 3 + 8
    assert store.revision() == start + 8


def test_revision_with_max_age_is_read_once_and_forgotten_on_own_writes(store):
    seen = store.revision(max_age=60)
    with store.engine.begin() as conn:  # a write from elsewhere, not through this object
        conn.exec_driver_sql("UPDATE store_state SET revision = revision + 1")
    assert store.revision(max_age=60) == seen  # within max_age: the value already read
    assert store.revision() == seen + 1  # without: read afresh
    store.add_article(analyst_article(), "text")
    assert store.revision(max_age=60) == seen + 2  # an own write is seen at once


def test_a_source_the_record_already_cites_is_not_added_again(store):
    """Its own (curated) citation and one added before are both skipped: no row, no audit
    row, no new revision."""
    own = SourceRef(
        article="fixture-gazette-2024",
        paragraph=2,
        quote="declared victory in the disputed vote of March 2024",
    )
    before = store.revision(), len(store.audit_trail())
    store.add_source("events", "blr-2024-vote", own)
    assert (store.revision(), len(store.audit_trail())) == before
    store.add_article(analyst_article(), "a protest took place", {"events": [analyst_event()]})
    added = SourceRef(article="analyst-1", paragraph=1, quote="a protest took place")
    store.add_source("events", "blr-2024-vote", added)
    store.add_source("events", "blr-2024-vote", added)
    sources = store.get("events", "blr-2024-vote").sources
    assert [s.article for s in sources] == ["fixture-gazette-2024", "analyst-1"]
