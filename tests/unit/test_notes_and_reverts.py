"""Editors' notes on records and reverting an analyst's change from the audit trail, on SQLite
and PostgreSQL: notes are audited, private to editors unless shareable, changed only by their
author, searchable; a hostile note renders as text; a revert puts a record back as it was,
is audited, and is refused for curated records and for records changed again since."""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash.models import DateValue, Event, SourceRef
from democdash.note_text import render
from democdash.store import open_store
from democdash.store.notes import NoteError
from democdash.store.revert import RevertError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(fixture_settings):
    return open_store(fixture_settings)


def _curated_event(store) -> str:
    return store.frame("events")["id"].iloc[0]


def _analyst_event(store, summary: str = "Protesters marched in the capital.") -> Event:
    article = store.frame("articles")["id"].iloc[0]
    country = store.frame("countries")["iso3"].iloc[0]
    return Event(
        id="analyst-march",
        date=DateValue(value="2021-01"),
        country=country,
        type="protest",
        summary=summary,
        origin="analyst",
        sources=[SourceRef(article=article, paragraph=1, quote="marched")],
    )


def test_notes_are_the_teams_words_private_unless_shareable(store) -> None:
    event = _curated_event(store)
    private = store.add_note("events", event, "Check against **ACLED**.", by="ana")
    shared = store.add_note(
        "events", event, "Confirmed by our Minsk contact.", shareable=True, by="ben"
    )
    assert [n.text for n in store.notes_for("events", event, viewer="carl")] == [
        private.text,
        shared.text,
    ]
    assert [n.id for n in store.notes_for("events", event, viewer=None)] == [shared.id]
    assert [n.id for n in store.search_notes("acled", viewer="carl")] == [private.id]
    assert store.search_notes("acled", viewer=None) == []
    trail = store.audit_trail(kind="notes/events")
    assert list(trail["editor"]) == ["ben", "ana"] and set(trail["action"]) == {"note_added"}


def test_only_the_author_edits_or_deletes_a_note(store) -> None:
    event = _curated_event(store)
    note = store.add_note("events", event, "first words", by="ana")
    with pytest.raises(NoteError, match="Only its author"):
        store.edit_note(note.id, "taken over", shareable=True, by="ben")
    edited = store.edit_note(note.id, "second words", shareable=True, by="ana")
    assert edited.text == "second words" and edited.shareable
    with pytest.raises(NoteError, match="Only its author"):
        store.delete_note(note.id, by="ben")
    store.delete_note(note.id, by="ana")
    assert store.notes_for("events", event, viewer="ana") == []
    actions = list(store.audit_trail(kind="notes/events")["action"])
    assert actions == ["note_deleted", "note_edited", "note_added"]


@pytest.mark.parametrize(
    ("kind", "record", "text", "words"),
    [
        ("events", "no-such-event", "x", "There is no events record"),
        ("scenarios", "x", "x", "Notes go on"),
        ("events", None, "   ", "needs some text"),
        ("events", None, "x" * 10_001, "at most 10,000 characters"),
    ],
)
def test_a_bad_note_is_refused_and_nothing_is_written(store, kind, record, text, words) -> None:
    with pytest.raises(NoteError, match=words):
        store.add_note(kind, record or _curated_event(store), text, by="ana")
    assert store.search_notes(viewer="ana") == []


def test_a_hostile_note_renders_as_text_and_fetches_nothing() -> None:
    shown = render(
        "<script>alert(1)</script> <img src=x onerror=alert(1)> "
        "![map](http://203.0.113.9/x.png) [click](javascript:alert(1))"
    )
    assert "<script" not in shown and "<img" not in shown and "<a " not in shown
    assert "&lt;script&gt;" in shown
    assert "[image not shown: map · http://203.0.113.9/x.png]" in shown
    assert "href" not in shown


def test_an_analysts_change_is_reverted_and_the_revert_audited(store) -> None:
    store.save_record("events", _analyst_event(store), by="ana")
    store.save_record("events", _analyst_event(store, "Thousands marched."), by="ana")
    trail = store.audit_trail(kind="events", record_id="analyst-march")
    update_id = int(trail[trail["action"] == "update"]["id"].iloc[0])
    assert "put back as before" in store.revert_change(update_id, by="ben")
    assert store.get("events", "analyst-march").summary == "Protesters marched in the capital."
    latest = store.audit_trail(kind="events", record_id="analyst-march").iloc[0]
    assert (latest["action"], latest["editor"]) == ("reverted", "ben")
    store.save_record("events", _analyst_event(store, "Fewer marched."), by="ana")
    insert_id = int(trail[trail["action"] == "insert"]["id"].iloc[0])
    with pytest.raises(RevertError, match="changed again after change"):
        store.revert_change(insert_id, by="ben")


def test_a_deleted_record_is_restored_and_curated_changes_are_refused(store) -> None:
    store.save_record("events", _analyst_event(store), by="ana")
    store.delete_record("events", "analyst-march", by="ana")
    trail = store.audit_trail(kind="events", record_id="analyst-march")
    delete_id = int(trail[trail["action"] == "delete"]["id"].iloc[0])
    assert "restored" in store.revert_change(delete_id, by="ben")
    assert store.get("events", "analyst-march") is not None
    note = store.add_note("events", _curated_event(store), "a note", by="ana")
    note_change = int(store.audit_trail(kind="notes/events")["id"].iloc[0])
    with pytest.raises(RevertError, match="cannot be reverted here"):
        store.revert_change(note_change, by="ben")
    with pytest.raises(RevertError, match="no change"):
        store.revert_change(10**9, by="ben")
    assert store.notes_for("events", _curated_event(store), viewer="ana")[0].id == note.id
