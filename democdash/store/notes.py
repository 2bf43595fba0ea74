"""Editors' notes on records: the team's own words beside the sourced facts, never mixed in.

A mixin that `Store` inherits. Any editor may write a note on an event, option, sanction, risk,
actor, country or article; only its author edits or removes it; every write is audited. Notes
are private to editors unless marked shareable: a visitor (viewer None) sees shareable notes
only. The text is Markdown, shown with HTML off and links and images not followed
(`democdash.notes.render`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from democdash.store.audit import Tx
from democdash.store.schema import articles, notes, records

#: What a note may be attached to (`kind` as the store names it).
NOTE_KINDS = ("events", "options", "sanctions", "risks", "actors", "countries", "articles")
MAX_NOTE_CHARS = 10_000


class NoteError(ValueError):
    """A note that cannot be written (empty, too long, unknown record, not the author's)."""


@dataclass(frozen=True)
class Note:
    """One note as stored."""

    id: int
    kind: str
    record_id: str
    author: str
    text: str
    shareable: bool
    created_at: datetime
    updated_at: datetime


def _clean(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise NoteError("A note needs some text.")
    if len(text) > MAX_NOTE_CHARS:
        raise NoteError(f"A note is at most {MAX_NOTE_CHARS:,} characters ({len(text):,} given).")
    return text


def _visible(query: sa.Select, viewer: str | None) -> sa.Select:
    return query if viewer else query.where(notes.c.shareable.is_(True))


class EditorNotes:
    """Writing and reading notes (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]

    def add_note(
        self,
        kind: str,
        record_id: str,
        text: str,
        *,
        shareable: bool = False,
        by: str | None = None,
    ) -> Note:
        """Attach a note to a stored record."""
        if kind not in NOTE_KINDS:
            raise NoteError(f"Notes go on {', '.join(NOTE_KINDS)}, not {kind!r}.")
        body = _clean(text)

        def add(tx: Tx) -> Note:
            if not _record_exists(tx, kind, record_id):
                raise NoteError(f"There is no {kind} record {record_id!r} to note.")
            now = datetime.now(UTC)
            values = {
                "kind": kind,
                "record_id": record_id,
                "author": tx.editor,
                "text": body,
                "shareable": shareable,
                "created_at": now,
                "updated_at": now,
            }
            note_id = tx.execute(sa.insert(notes).values(**values).returning(notes.c.id)).scalar()
            note = Note(id=int(note_id), **values)
            tx.audit("note_added", f"notes/{kind}", record_id, after=_plain(note))
            self._bump(tx)
            return note

        return self._write(add, by=by)  # type: ignore[return-value]

    def edit_note(self, note_id: int, text: str, *, shareable: bool, by: str | None = None) -> Note:
        """Change a note's text or sharing (its author only)."""
        body = _clean(text)

        def edit(tx: Tx) -> Note:
            before = _own(tx, note_id)
            now = datetime.now(UTC)
            changed = Note(
                **{**before.__dict__, "text": body, "shareable": shareable, "updated_at": now}
            )
            tx.execute(
                sa.update(notes)
                .where(notes.c.id == note_id)
                .values(text=body, shareable=shareable, updated_at=changed.updated_at)
            )
            tx.audit(
                "note_edited",
                f"notes/{before.kind}",
                before.record_id,
                before=_plain(before),
                after=_plain(changed),
            )
            self._bump(tx)
            return changed

        return self._write(edit, by=by)  # type: ignore[return-value]

    def delete_note(self, note_id: int, *, by: str | None = None) -> None:
        """Remove a note (its author only)."""

        def delete(tx: Tx) -> None:
            before = _own(tx, note_id)
            tx.execute(sa.delete(notes).where(notes.c.id == note_id))
            tx.audit(
                "note_deleted", f"notes/{before.kind}", before.record_id, before=_plain(before)
            )
            self._bump(tx)

        self._write(delete, by=by)

    def notes_for(self, kind: str, record_id: str, *, viewer: str | None) -> list[Note]:
        """A record's notes, oldest first, as `viewer` may see them (None: a visitor)."""
        query = sa.select(notes).where(notes.c.kind == kind, notes.c.record_id == record_id)
        return self._notes(_visible(query, viewer).order_by(notes.c.id))

    def search_notes(self, words: str = "", *, viewer: str | None) -> list[Note]:
        """Notes whose text holds `words` (any case; every note when empty), newest first."""
        query = sa.select(notes)
        if words.strip():
            pattern = "%" + words.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
            query = query.where(sa.func.lower(notes.c.text).like(pattern, escape="\\"))
        return self._notes(_visible(query, viewer).order_by(notes.c.id.desc()))

    def _notes(self, query: sa.Select) -> list[Note]:
        with self._read() as conn:
            return [Note(**row._mapping) for row in conn.execute(query)]


def _plain(note: Note) -> dict:
    return {"id": note.id, "author": note.author, "text": note.text, "shareable": note.shareable}


def _own(tx: Tx, note_id: int) -> Note:
    row = tx.execute(sa.select(notes).where(notes.c.id == note_id)).first()
    if row is None:
        raise NoteError(f"There is no note {note_id}.")
    note = Note(**row._mapping)
    if note.author != tx.editor:
        raise NoteError(f"Only its author ({note.author}) may change note {note_id}.")
    return note


def _record_exists(tx: Tx, kind: str, record_id: str) -> bool:
    if kind == "articles":
        query = sa.select(articles.c.id).where(articles.c.id == record_id)
    else:
        query = sa.select(records.c.id).where(records.c.kind == kind, records.c.id == record_id)
    return tx.execute(query).first() is not None
