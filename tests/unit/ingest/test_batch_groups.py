"""`BatchIngest(group=N)`: several articles share one write transaction (each in a savepoint)
and the store ends up as with one transaction per article: the same records, the same audit
rows; a bad article is reported and the rest saved; nothing is left uncommitted after close."""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash.extract import load_extractor
from democdash.extract.pipeline import MAX_TEXT_CHARS
from democdash.ingest.batch import BatchIngest
from democdash.ingest.bench import synthetic_corpus
from democdash.ingest.meta import ArticleMeta
from democdash.settings import Settings, bundled_data_dir
from democdash.store import open_store


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def fresh_store(folder: Path, name: str):
    return open_store(
        Settings(
            data_dir=bundled_data_dir(),
            database_url=f"sqlite:///{folder / name}",
            readonly=False,
            seeds_dir=None,
        )
    )


def meta(text: str) -> ArticleMeta:
    return ArticleMeta(title=text.split("\n", 1)[0], published="2024-06-15")


def stored(store) -> dict:
    """What a batch leaves: every record and article, and the audit rows of the batch."""
    trail = store.audit_trail()
    trail = trail[trail["editor"] == "tester"]
    return {
        "records": {k: store.payloads(k) for k in ("articles", "events", "options", "actors")},
        "audit": sorted(
            zip(trail["action"], trail["kind"], trail["record_id"], trail["after"], strict=True)
        ),
        "revision": store.revision(),
    }


def test_grouped_saves_leave_the_store_as_one_transaction_per_article(tmp_path, extractor):
    texts = synthetic_corpus(12, 300, seed=5)
    texts.insert(7, texts[2])  # an exact repeat, refused inside a group
    results = []
    for name, group in (("alone.sqlite", 1), ("grouped.sqlite", 5)):
        store = fresh_store(tmp_path, name)
        try:
            with BatchIngest(store, extractor=extractor, by="tester", group=group) as batch:
                outcomes = [batch.ingest(text, meta(text)) for text in texts]
            results.append(([(o.article_id, o.duplicate_of) for o in outcomes], stored(store)))
        finally:
            store.engine.dispose()
    alone, grouped = results
    assert grouped[0][7][1] == grouped[0][2][0]  # the repeat points to the saved article
    assert grouped == alone
    assert len(alone[1]["audit"]) > 12


def test_a_bad_article_in_a_group_is_reported_and_the_rest_saved(tmp_path, extractor):
    texts = synthetic_corpus(5, 200, seed=8)
    texts[2] = "Too long\n\n" + "word " * (MAX_TEXT_CHARS // 5 + 1)
    store = fresh_store(tmp_path, "bad.sqlite")
    try:
        saved, failed = [], []
        with BatchIngest(store, extractor=extractor, by="tester", group=10) as batch:
            for number, text in enumerate(texts):
                try:
                    saved.append(batch.ingest(text, meta(text)).article_id)
                except ValueError:
                    failed.append(number)
        assert failed == [2]
        stored_ids = set(store.articles()["id"])
        assert set(saved) <= stored_ids and len(saved) == 4
        trail = store.audit_trail(kind="articles")
        assert set(trail["record_id"]) >= set(saved)
    finally:
        store.engine.dispose()


def test_a_group_commits_when_full_and_at_close(tmp_path, extractor):
    texts = synthetic_corpus(3, 200, seed=9)
    store = fresh_store(tmp_path, "close.sqlite")
    try:
        batch = BatchIngest(store, extractor=extractor, by="tester", group=2, group_seconds=60)
        first = batch.ingest(texts[0], meta(texts[0])).article_id
        assert store.get("articles", first) is None  # in the open group, not committed yet
        second = batch.ingest(texts[1], meta(texts[1])).article_id
        assert store.get("articles", second) is not None  # the group was full: committed
        third = batch.ingest(texts[2], meta(texts[2])).article_id
        assert store.get("articles", third) is None
        batch.close()
        assert store.get("articles", third) is not None
    finally:
        store.engine.dispose()
