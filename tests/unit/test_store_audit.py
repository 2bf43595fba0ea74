"""The audit hook: every write path of the store's public interface writes its audit row (who,
when, which record, before and after) in the same transaction; a write without one is refused.

The walk below must name every public method that writes: a new one fails
`test_every_write_path_is_walked` until it is added here with its expected audit rows.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from democdash import auth, scoring
from democdash.models import (
    Article,
    ClaimGrade,
    CredibilityGrade,
    DateValue,
    Event,
    ReliabilityGrade,
    SourceGrade,
    SourceRef,
)
from democdash.store import ReadOnlyError, Store, open_store
from democdash.store.audit import UnauditedWriteError
from democdash.store.brief_notes import BottomLineSentence, BriefNotes
from democdash.store.schema import records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(fixture_settings):
    opened = open_store(replace(fixture_settings, local_editor="alice"), seed=False)
    yield opened
    opened.engine.dispose()


def article(n: int = 1) -> Article:
    return Article(
        id=f"analyst-{n}",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=f"{n:064x}",
        origin="analyst",
    )


def event(n: int = 1, article: str = "analyst-1") -> Event:
    return Event(
        id=f"analyst-event-{n}",
        date=DateValue(value="2024-06-01"),
        country="BLR",
        type="protest",
        summary=f"Analyst event {n}.",
        sources=[SourceRef(article=article, paragraph=1, quote="marchers filled the square")],
        origin="analyst",
    )


def trail(store: Store) -> list[tuple]:
    rows = store.audit_trail().sort_values("id")
    return list(zip(rows["editor"], rows["action"], rows["kind"], rows["record_id"], strict=True))


def after(store: Store, n: int = 1) -> list[dict | None]:
    rows = store.audit_trail().head(n)
    return [json.loads(a) if isinstance(a, str) else None for a in rows["after"]][::-1]


def before(store: Store, n: int = 1) -> list[dict | None]:
    rows = store.audit_trail().head(n)
    return [json.loads(b) if isinstance(b, str) else None for b in rows["before"]][::-1]


#: Every public method of Store that writes (walked in the test after the next).
WALKED = {
    "seed",
    "add_article",
    "save_record",
    "add_source",
    "delete_record",
    "save_source_grade",
    "save_scenario",
    "delete_scenario",
    "claim_sign_in_attempt",
    "settle_sign_in_attempt",
    "create_editor_session",
    "end_editor_session",
    "end_editor_sessions",
    "save_draft",
    "delete_draft",
    "grade_claim",
    "link_records",
    "unlink_record",
    "import_indicator",
    "remove_indicator",
    "add_note",
    "edit_note",
    "delete_note",
    "revert_change",
    "save_brief_notes",
}


def test_every_write_path_is_walked():
    writers = {
        name
        for name, member in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_")
        and any(call in inspect.getsource(member) for call in ("self._write(", "self._save_"))
    }
    assert writers == WALKED


def test_each_write_path_writes_its_audit_rows(store):
    seen: list[tuple] = []

    def new_rows() -> list[tuple]:
        rows = trail(store)
        fresh = rows[len(seen) :]
        seen.extend(fresh)
        return fresh

    report = store.seed()
    assert report.applied
    assert new_rows() == [("data/ (reseed)", "seed", "dataset", report.data_version)]
    assert after(store)[0]["counts"]["events"] == 3

    store.add_article(article(), "marchers filled the square", {"events": [event()]}, by="bob")
    assert new_rows() == [
        ("bob", "insert", "articles", "analyst-1"),
        ("bob", "insert", "events", "analyst-event-1"),
    ]
    assert after(store)[0]["added_by"] == "bob"  # the record carries its author

    changed = event().model_copy(update={"summary": "Edited."})
    store.save_record("events", changed)  # no `by`: the local editor
    assert new_rows() == [("alice", "update", "events", "analyst-event-1")]
    assert before(store)[0]["summary"] == "Analyst event 1."
    assert after(store)[0]["summary"] == "Edited."

    source = SourceRef(article="analyst-1", paragraph=1, quote="marchers filled the square")
    store.add_source("events", "blr-2024-detentions", source, by="carol")
    assert new_rows() == [("carol", "add_source", "events", "blr-2024-detentions")]
    assert after(store)[0]["quote"] == "marchers filled the square"

    store.delete_record("events", "analyst-event-1", by="bob")
    assert new_rows() == [("bob", "delete", "events", "analyst-event-1")]
    assert before(store)[0]["summary"] == "Edited." and after(store) == [None]

    grade = SourceGrade(
        subject="outlet",
        name="Fixture Gazette",
        reliability=ReliabilityGrade(grade="C", by="bob", on="2026-12-01"),
    )
    store.save_source_grade(grade, by="bob")
    assert new_rows() == [("bob", "grade", "source_grades", "outlet/Fixture Gazette")]
    claim = ClaimGrade(
        kind="events",
        record_id="blr-2024-detentions",
        credibility=CredibilityGrade(grade="2", by="bob", on="2026-12-01"),
    )
    store.grade_claim(claim, by="bob")
    assert new_rows() == [
        ("bob", "grade", "source_grades", "claim/events/blr-2024-detentions/record")
    ]

    store.add_article(article(3), "text", {"events": [event(3, article="analyst-3")]}, by="bob")
    new_rows()
    store.link_records("events", "analyst-event-3", "blr-2024-detentions", by="carol")
    assert new_rows() == [("carol", "linked", "events", "analyst-event-3")]
    store.unlink_record("events", "analyst-event-3", by="carol")
    assert new_rows() == [("carol", "unlinked", "events", "analyst-event-3")]
    store.unlink_record("events", "analyst-event-3")  # not linked: nothing written
    assert new_rows() == []

    store.save_scenario(scoring.new_scenario("plan", "bob"), by="bob")
    assert new_rows() == [("bob", "insert", "scenarios", "bob/plan")]
    store.delete_scenario("plan", "bob", "bob")
    assert new_rows() == [("bob", "delete", "scenarios", "bob/plan")]

    limits = auth.limits_for("bob", "203.0.113.9")
    keys = ", ".join(limit.key for limit in limits)
    assert store.claim_sign_in_attempt(limits).allowed
    assert new_rows() == [("sign-in", "sign_in_attempt", "sign_in", keys)]
    store.settle_sign_in_attempt(limits, succeeded=True)
    assert new_rows() == [("sign-in", "sign_in_succeeded", "sign_in", keys)]
    store.settle_sign_in_attempt(limits, succeeded=False)  # a failure stays counted: no write
    assert new_rows() == []

    token = auth.new_session_token()
    store.create_editor_session(token, "bob", "credential")
    assert new_rows() == [("bob", "session_started", "editor_sessions", "bob")]
    assert token.secret_sha256 not in store.audit_trail().to_string()  # never the secret
    store.end_editor_session(token.selector)
    assert new_rows() == [("sign-in", "session_ended", "editor_sessions", "bob")]
    store.end_editor_session(token.selector)  # nothing to end: nothing written, nothing audited
    assert new_rows() == []
    store.create_editor_session(auth.new_session_token(), "bob", "credential")
    new_rows()
    assert store.end_editor_sessions("bob") == 1
    assert new_rows() == [("alice", "sessions_ended", "editor_sessions", "bob")]

    store.save_draft("bob", "article-1", "article", {"text": "A long article text."})
    store.save_draft("bob", "article-1", "article", {"text": "A longer article text."})
    assert new_rows() == [
        ("bob", "draft_started", "drafts", "bob/article-1"),
        ("bob", "draft_saved", "drafts", "bob/article-1"),
    ]
    assert "article text" not in store.audit_trail().to_string()  # which draft, not its text
    store.delete_draft("bob", "article-1")
    assert new_rows() == [("bob", "draft_deleted", "drafts", "bob/article-1")]
    store.delete_draft("bob", "article-1")  # none left: nothing written, nothing audited
    assert new_rows() == []

    indicators = FIXTURES / "indicators"
    sidecar, values = (indicators / "small.yaml").read_bytes(), (indicators / "small.csv")
    store.import_indicator(sidecar, values.read_bytes(), "small.csv", by="bob")
    assert new_rows() == [("bob", "imported", "indicators", "test-index")]
    store.remove_indicator("test-index", by="bob")
    assert new_rows() == [("bob", "removed", "indicators", "test-index")]

    note = store.add_note("events", "blr-2024-detentions", "Check the figures.", by="bob")
    store.edit_note(note.id, "Checked the figures.", shareable=True, by="bob")
    store.delete_note(note.id, by="bob")
    assert new_rows() == [
        ("bob", "note_added", "notes/events", "blr-2024-detentions"),
        ("bob", "note_edited", "notes/events", "blr-2024-detentions"),
        ("bob", "note_deleted", "notes/events", "blr-2024-detentions"),
    ]

    store.add_article(article(4), "text", {"events": [event(4, article="analyst-4")]}, by="bob")
    inserted = int(store.audit_trail(kind="events", record_id="analyst-event-4")["id"].iloc[0])
    new_rows()
    store.revert_change(inserted, by="carol")
    assert new_rows() == [("carol", "reverted", "events", "analyst-event-4")]
    line = BottomLineSentence(text="Minsk will not bend.", sources=["analyst-3"])
    store.save_brief_notes(BriefNotes(country="BLR", bottom_line=[line]), by="bob")
    assert new_rows() == [("bob", "brief_notes", "brief_notes", "BLR/-")]
    assert after(store)[0]["bottom_line"][0]["text"] == "Minsk will not bend."
    store.save_brief_notes(BriefNotes(country="BLR"), by="bob")  # emptied: removed
    assert new_rows() == [("bob", "brief_notes", "brief_notes", "BLR/-")]
    assert after(store) == [None]
    store.save_brief_notes(BriefNotes(country="BLR"), by="bob")  # nothing there: nothing audited
    assert new_rows() == []


def test_a_write_without_its_audit_row_is_refused_and_nothing_changes(store):
    store.seed()
    before_revision = store.revision()

    def sneaky(tx):
        tx.execute(sa.delete(records).where(records.c.kind == "events"))

    with pytest.raises(UnauditedWriteError, match="without an audit row"):
        store._write(sneaky)
    assert store.counts()["events"] == 3 and store.revision() == before_revision


def test_a_refused_write_audits_nothing(store, tmp_path):
    store.seed()
    count = len(store.audit_trail())
    readonly = Store(dataclasses.replace(store.settings, readonly=True), store.engine)
    with pytest.raises(ReadOnlyError):
        readonly.add_article(article(2), "text")
    assert len(store.audit_trail()) == count


def test_the_audit_mark_moves_with_every_entry_drafts_included(store: Store) -> None:
    empty = store.audit_mark()
    store.seed()
    seeded = store.audit_mark()
    assert seeded > empty and seeded == int(store.audit_trail()["id"].max())
    revision = store.revision()
    store.save_draft("alice", "add-article", "article", {"text": "A draft."})
    assert store.revision() == revision and store.audit_mark() > seeded
