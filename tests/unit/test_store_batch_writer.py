"""`Store.batch_writer`: many articles saved in one write transaction, each in a savepoint of
its own and audited as `add_article` audits it; a failing article is undone alone, the others
stand (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from democdash.models import Article, DateValue, SourceRef
from democdash.settings import Settings
from democdash.store import DuplicateArticleError, ReadOnlyError, StoreError, open_store


@pytest.fixture
def store(fixture_store):
    return fixture_store


def article(n: int) -> Article:
    return Article(
        id=f"batch-{n}",
        title=f"Batch article {n}",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=f"{n:064x}",
        origin="analyst",
    )


def source(n: int) -> SourceRef:
    return SourceRef(article=f"batch-{n}", paragraph=1, quote=f"quote of article {n}")


def saved_ids(store) -> set[str]:
    return set(store.articles()["id"]) & {f"batch-{n}" for n in range(1, 6)}


def test_a_failing_article_is_undone_alone_and_the_others_are_saved_and_audited(store):
    before = store.revision()
    failures = []
    with store.batch_writer(by="batcher") as writer:
        for n in range(1, 6):
            # the third cites a record that is not stored: it fails after its article row
            # and audit row were written, which must go with it
            record = "blr-2024-vote" if n != 3 else "no-such-event"
            try:
                writer.add_article(
                    article(n), f"text {n}", added_sources=[("events", record, source(n))]
                )
            except StoreError as exc:
                failures.append((n, str(exc)))
    assert failures == [(3, "No events record 'no-such-event' to add a source to.")]
    assert saved_ids(store) == {"batch-1", "batch-2", "batch-4", "batch-5"}
    assert store.article_text("batch-3") is None
    trail = store.audit_trail()
    inserted = trail[(trail["action"] == "insert") & (trail["kind"] == "articles")]
    assert set(inserted["record_id"]) >= {"batch-1", "batch-2", "batch-4", "batch-5"}
    assert "batch-3" not in set(trail["record_id"])
    added = trail[(trail["action"] == "add_source") & (trail["record_id"] == "blr-2024-vote")]
    assert len(added) == 4 and set(added["editor"]) == {"batcher"}
    cited = {s.article for s in store.get("events", "blr-2024-vote").sources}
    assert cited >= {"batch-1", "batch-2", "batch-4", "batch-5"} and "batch-3" not in cited
    assert store.revision() == before + 4  # one step per saved article, as alone


def test_reads_through_the_writer_see_the_batch_and_a_repeat_is_refused(store):
    with store.batch_writer() as writer:
        writer.add_article(article(1), "text 1")
        assert writer.find_duplicate(article(1).text_sha256, None) == "batch-1"
        assert store.find_duplicate(article(1).text_sha256, None) is None  # not committed yet
        with pytest.raises(DuplicateArticleError) as refused:
            writer.add_article(article(1), "text 1")
        assert refused.value.existing_id == "batch-1"
        writer.add_article(article(2), "text 2")
    assert saved_ids(store) == {"batch-1", "batch-2"}


def test_an_error_out_of_the_block_saves_nothing(store):
    revision = store.revision()
    with pytest.raises(RuntimeError), store.batch_writer() as writer:
        writer.add_article(article(1), "text 1")
        raise RuntimeError("the batch stops")
    assert saved_ids(store) == set()
    assert store.revision() == revision


def test_a_read_only_store_refuses_a_batch(fixture_settings):
    open_store(fixture_settings).engine.dispose()  # filled once
    settings = Settings(**{**fixture_settings.__dict__, "readonly": True})
    readonly = open_store(settings)
    try:
        with pytest.raises(ReadOnlyError), readonly.batch_writer():
            pass
    finally:
        readonly.engine.dispose()


def test_a_source_cited_on_a_linked_record_goes_to_the_record_kept(store):
    store.link_records("events", "blr-2024-detentions", "blr-2024-vote", by="editor")
    with store.batch_writer() as writer:
        writer.add_article(
            article(1), "text 1", added_sources=[("events", "blr-2024-detentions", source(1))]
        )
    trail = store.audit_trail()
    added = trail[trail["action"] == "add_source"]
    assert list(added["record_id"]) == ["blr-2024-vote"]
    assert "batch-1" in {s.article for s in store.get("events", "blr-2024-vote").sources}


def test_a_repeat_refused_by_the_database_leaves_no_trace_and_the_batch_goes_on(store):
    """The save reads no duplicate first: the articles table's unique text hash and URL refuse
    it. The refused article is in no row, no audit row and no step of the revision, and
    the articles around it are saved, each one step, as if saved alone."""
    before = store.revision()
    by_url = article(3).model_copy(update={"url": "https://example.org/one"})
    with store.batch_writer() as writer:
        writer.add_article(article(1), "text 1")
        writer.add_article(by_url, "text 3")
        same_text = article(1).model_copy(update={"id": "batch-4"})
        same_url = article(5).model_copy(update={"url": by_url.url})
        for repeat, original in ((same_text, "batch-1"), (same_url, "batch-3")):
            with pytest.raises(DuplicateArticleError) as refused:
                writer.add_article(
                    repeat, "a repeat", added_sources=[("events", "blr-2024-vote", source(4))]
                )
            assert refused.value.existing_id == original
        writer.add_article(article(2), "text 2")
        assert writer.revision() == before + 3  # reads through the writer count its saves
        assert store.revision() == before  # nothing committed yet
    assert saved_ids(store) == {"batch-1", "batch-2", "batch-3"}
    assert store.revision() == before + 3
    trail = store.audit_trail()
    assert not {"batch-4", "batch-5"} & set(trail["record_id"])
    assert "batch-4" not in {s.article for s in store.get("events", "blr-2024-vote").sources}


def test_a_source_already_added_is_not_added_again_whatever_its_kind(store):
    """Which sources the cited records already have is read for every kind in one query,
    by the article cited: one already added on an event and one on an option are both
    skipped, the new one on each kind is added."""
    store.add_source("events", "blr-2024-vote", source(1), by="editor")
    store.add_source("options", "opt-targeted-sanctions", source(1), by="editor")
    other = SourceRef(article="batch-1", paragraph=2, quote="another quote of article 1")
    with store.batch_writer(by="batcher") as writer:
        writer.add_article(
            article(1),
            "text 1",
            added_sources=[
                ("events", "blr-2024-vote", source(1)),
                ("options", "opt-targeted-sanctions", source(1)),
                ("events", "blr-2024-vote", other),
                ("options", "opt-targeted-sanctions", other),
            ],
        )
    trail = store.audit_trail()
    added = trail[(trail["action"] == "add_source") & (trail["editor"] == "batcher")]
    assert sorted(added["record_id"]) == ["blr-2024-vote", "opt-targeted-sanctions"]
    for kind, record_id in (("events", "blr-2024-vote"), ("options", "opt-targeted-sanctions")):
        cited = [s for s in store.get(kind, record_id).sources if s.article == "batch-1"]
        assert sorted(s.quote for s in cited) == sorted([source(1).quote, other.quote])
