"""Team notes and a record's history on the pages: the team's own words, framed apart from
the sourced facts; editors write notes and see who changed a record, and revert an analyst's
change. A note's text is rendered by `democdash.note_text` (HTML off, links and images shown
as text) and mounted with `st.html`, so nothing in it runs or is fetched.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from democdash import activity, note_text
from democdash.store.notes import Note, NoteError
from democdash.store.revert import RevertError
from democdash.ui import auth as auth_ui
from democdash.ui import data, tables
from democdash.ui.safe import md

NOTE_STYLE = (
    "border-left:3px solid #8c6d1f;padding:0.2rem 0.8rem;margin:0.2rem 0 0.6rem;background:#fbf7ec"
)


def viewer() -> str | None:
    """Who reads notes: an editor sees the team's notes, a visitor only shareable ones."""
    return auth_ui.current_editor() if auth_ui.is_editor() else None


def noted_records(who: str | None) -> frozenset[tuple[str, str]]:
    """(kind, record id) of every record with a note `who` may read (once per revision)."""
    return data.derived(
        ("noted records", who),
        lambda: frozenset((n.kind, n.record_id) for n in data.store().search_notes(viewer=who)),
    )


def any_notes(kind: str, record_ids: list[str]) -> bool:
    """Whether any of these records has a note this session may read."""
    noted = noted_records(viewer())
    return any((kind, r) in noted for r in record_ids)


def note_html(note: Note) -> str:
    """A note as framed HTML: its rendered text and who wrote it when."""
    sharing = "shared with visitors" if note.shareable else "editors only"
    byline = f"{note.author}, {note.updated_at:%d %b %Y %H:%M} UTC · {sharing}"
    return (
        f'<div class="team-note" style="{NOTE_STYLE}">{note_text.render(note.text)}'
        f'<div style="font-size:0.8rem;color:#6b6b6b">Team note: {html.escape(byline)}</div></div>'
    )


def panel_key(key: str) -> str:
    """The session state key that says whether the notes panel drawn with `key` is open (set
    True to open it). Kept apart from the expander's own state: the expander's label carries
    the count, so adding the first note makes it a new widget, which would start closed."""
    return f"{key}_panel"


def notes_panel(kind: str, record_id: str, key: str) -> None:
    """A record's team notes in an expander, and (for editors) a form to add one and the
    record's change history. The notes, form and history are drawn only while it is open:
    closed, it is one element on the page's every rerun."""
    who = viewer()
    found = data.derived(
        ("notes for", kind, record_id, who),
        lambda: tuple(data.store().notes_for(kind, record_id, viewer=who)),
    )
    editor = auth_ui.can_write()
    if not found and not editor:
        return
    is_open, expander_key = panel_key(key), f"{key}_expander"
    panel = st.expander(
        f"Team notes ({len(found)})",
        icon=":material/sticky_note_2:",
        expanded=st.session_state.get(is_open, False),
        key=expander_key,
        on_change=lambda: st.session_state.update({is_open: st.session_state[expander_key]}),
    )
    if not panel.open:
        return
    with panel:
        st.caption("The team's own words: not from the sources, never counted as a fact.")
        for note in found:
            st.html(note_html(note))
            mine = editor and note.author == auth_ui.current_editor()
            if mine and st.button("Delete this note", key=f"{key}_delete_{note.id}"):
                _delete(note.id)
        if editor:
            _add_form(kind, record_id, key)
            history(kind, record_id, key)


def _delete(note_id: int) -> None:
    try:
        data.store().delete_note(note_id, by=auth_ui.current_editor())
    except NoteError as exc:
        st.error(md(exc))
        return
    st.rerun()


def _add_form(kind: str, record_id: str, key: str) -> None:
    with st.form(f"{key}_note_form", clear_on_submit=True):
        text = st.text_area(
            "Add a note",
            max_chars=10_000,
            help="Markdown. Links and images are shown as text, never opened or fetched.",
        )
        shareable = st.checkbox("Shareable with visitors (otherwise editors only)")
        sent = st.form_submit_button("Save the note")
    if not sent:
        return
    try:
        data.store().add_note(
            kind, record_id, text, shareable=shareable, by=auth_ui.current_editor()
        )
    except NoteError as exc:
        st.error(md(exc))
        return
    st.rerun()


def history(kind: str, record_id: str, key: str) -> None:
    """Who changed this record and when (editors), with a revert for analysts' changes."""
    rows = data.derived(("record history", kind, record_id), lambda: _history(kind, record_id))
    if rows is None:
        return
    st.markdown("**History of this record**")
    tables.table(rows, CHANGE_COLUMNS)
    revert_control(rows, key)


def _history(kind: str, record_id: str) -> pd.DataFrame | None:
    trail = data.store().audit_trail(record_id=record_id)
    trail = trail[trail["kind"].isin([kind, f"notes/{kind}"])]
    return None if trail.empty else activity.changes(trail)


CHANGE_COLUMNS = {
    "id": st.column_config.NumberColumn("Change", format="%d"),
    "when": st.column_config.DatetimeColumn("When (UTC)", format="D MMM YYYY, HH:mm"),
    "who": "Who",
    "what": "What",
    "kind": "Kind",
    "record": "Record",
    "detail": st.column_config.TextColumn("Detail", width="large"),
}


def revert_control(rows, key: str) -> None:
    """Pick one of the revertible changes shown and revert it (audited)."""
    candidates = rows[rows["revertible"]]
    if candidates.empty or not auth_ui.can_write():
        return
    labels = {
        int(r.id): f"{r.id}: {r.what} {r.kind} {r.record} by {r.who}"
        for r in candidates.itertuples()
    }
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        "Revert an analyst's change", list(labels), format_func=labels.get, key=f"{key}_revert"
    )
    if right.button("Revert", key=f"{key}_revert_go"):
        try:
            done = data.store().revert_change(int(chosen), by=auth_ui.current_editor())
        except RevertError as exc:
            st.error(md(exc))
            return
        st.success(md(f"Reverted: {done}."))
