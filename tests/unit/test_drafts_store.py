"""Editors' drafts in the store: kept per editor across a restart, replaced, listed, deleted;
another editor never sees them; refused on a read-only store; size-capped."""

import dataclasses
from pathlib import Path

import pytest

from democdash.settings import Settings
from democdash.store import ReadOnlyError, open_store
from democdash.store.drafts import MAX_DRAFT_CHARS, DraftTooLargeError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def settings(fixture_settings) -> Settings:
    return fixture_settings


def test_a_draft_survives_a_restart_for_its_editor_only(settings):
    store = open_store(settings)
    revision = store.revision()
    store.save_draft(
        "alice", "a1", "article", {"text": "Zwei Absätze.", "decisions": {"e-1": "accept"}}
    )
    store.save_draft("alice", "a2", "article", {"text": "second"})
    store.save_draft("alice", "a1", "article", {"text": "Zwei Absätze, edited."})
    assert store.revision() == revision  # work in progress is not content
    store.engine.dispose()

    restarted = open_store(settings)
    kept = restarted.draft("alice", "a1")
    assert kept.payload == {"text": "Zwei Absätze, edited."} and kept.kind == "article"
    assert [d.key for d in restarted.drafts("alice")] == ["a1", "a2"]  # most recent first
    assert restarted.draft("bob", "a1") is None and restarted.drafts("bob") == []
    restarted.delete_draft("alice", "a1")
    assert [d.key for d in restarted.drafts("alice", kind="article")] == ["a2"]
    restarted.engine.dispose()


def test_drafts_are_refused_on_a_read_only_store_and_capped(settings):
    open_store(settings).engine.dispose()
    readonly = open_store(dataclasses.replace(settings, readonly=True))
    with pytest.raises(ReadOnlyError):
        readonly.save_draft("alice", "a1", "article", {"text": "x"})
    readonly.engine.dispose()
    store = open_store(settings)
    with pytest.raises(DraftTooLargeError, match="at most"):
        store.save_draft("alice", "big", "article", {"text": "x" * MAX_DRAFT_CHARS})
    assert store.drafts("alice") == []
    store.engine.dispose()
