"""The team activity page's pieces: the audit trail filtered, exported and revertible, and
the notes search (editors only)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from democdash import activity, exports
from democdash.text import counted
from democdash.ui import auth as auth_ui
from democdash.ui import data, notes_view, tables
from democdash.ui.safe import md

#: The page's tabs (changes, team notes): only the open one runs.
TABS_KEY = "activity_tab"


def editors_only() -> bool:
    """True for editors; visitors are told what the page is and how to sign in."""
    if auth_ui.is_editor():
        return True
    st.info("The team's activity and notes are for editors: sign in (sidebar) to see them.")
    return False


def _filtered(rows: pd.DataFrame) -> pd.DataFrame:
    left, middle, right = st.columns(3)
    who = left.multiselect("Who", sorted(rows["who"].unique()), key="activity_who")
    kinds = middle.multiselect("Kind", sorted(rows["kind"].unique()), key="activity_kind")
    words = right.text_input("Record or detail contains", key="activity_words").strip().lower()
    if who:
        rows = rows[rows["who"].isin(who)]
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    if words:
        hay = (rows["record"].astype(str) + " " + rows["detail"].astype(str)).str.lower()
        rows = rows[hay.str.contains(words, regex=False)]
    return rows


def changes_section() -> None:
    """Every change, newest first, with filters, downloads and the revert control."""
    housekeeping = st.toggle("Include sign-ins, sessions and drafts", key="activity_all")
    store = data.store()
    # made once per entry added to the trail (not on every rerun of every editor's page)
    rows = data.derived(
        ("activity changes", store.audit_mark(), housekeeping),
        lambda: activity.changes(store.audit_trail(), housekeeping=housekeeping),
    )
    rows = _filtered(rows)
    st.caption(counted(len(rows), "change"))
    tables.table(rows, notes_view.CHANGE_COLUMNS)
    table_downloads(
        lambda: rows.drop(columns=["revertible"]).assign(when=rows["when"].astype(str)),
        "activity",
        "Activity",
        ("Download CSV", "Download Excel"),
    )
    notes_view.revert_control(rows, "activity")


def table_downloads(
    table: Callable[[], pd.DataFrame], name: str, sheet: str, labels: tuple[str, str]
) -> None:
    """CSV and Excel buttons side by side for the table `table()` makes
    (`democdash-<name>.csv/.xlsx`); the table and each file are made on a click, not on
    every rerun."""
    row = st.container(horizontal=True)  # side by side, each as wide as its words
    row.download_button(
        labels[0],
        data=lambda: exports.frame_csv(table()),
        file_name=f"democdash-{name}.csv",
        mime="text/csv",
        on_click="ignore",  # a file, not a change: no rerun (which would renew both buttons)
        icon=":material/download:",
        key=f"activity_{name}_csv",
    )
    row.download_button(
        labels[1],
        data=lambda: exports.frame_xlsx(table(), sheet),
        file_name=f"democdash-{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key=f"activity_{name}_xlsx",
    )


def notes_section() -> None:
    """The team's notes, searchable, each with the record it is on."""
    words = st.text_input("Search the notes", key="activity_note_search")
    found = data.store().search_notes(words, viewer=notes_view.viewer())
    st.caption(counted(len(found), "note"))
    if found:
        table_downloads(
            lambda: notes_table(found), "notes", "Notes", ("Notes as CSV", "Notes as Excel")
        )
    for note in found:
        st.markdown(f"**{md(note.kind)}** · `{md(note.record_id)}`")
        st.html(notes_view.note_html(note))


def notes_table(notes) -> pd.DataFrame:
    """The notes shown, one row each, for an editor's export: the record, who wrote it when,
    whether visitors may see it, and its text (the team's words, not a sourced fact)."""
    return pd.DataFrame(
        [
            {
                "kind": n.kind,
                "record": n.record_id,
                "author": n.author,
                "updated_utc": n.updated_at.strftime("%Y-%m-%d %H:%M"),
                "shareable": "yes" if n.shareable else "editors only",
                "note": n.text,
            }
            for n in notes
        ],
        columns=["kind", "record", "author", "updated_utc", "shareable", "note"],
    )
