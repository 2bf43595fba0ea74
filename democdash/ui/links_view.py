"""Editors link two records as the same (one event reported in two articles, typed twice) and
split a linked record apart again; visitors see no such controls.

The store keeps the links apart from the records and audits both moves
(`democdash.store.links`): the record shown here is kept, the one picked is folded into it
(its sources cited here, its id leading here).
"""

from __future__ import annotations

import streamlit as st

from democdash.store.links import LinkError
from democdash.ui import auth as auth_ui
from democdash.ui import data
from democdash.ui.safe import md


def _editor() -> str | None:
    return auth_ui.current_editor() if auth_ui.can_write() else None


def linked_to(kind: str, record_id: str) -> list[str]:
    """The ids of the records folded into `record_id` (linked as the same), sorted."""
    return sorted(r for r, same in data.store().record_links(kind).items() if same == record_id)


def controls(kind: str, record_id: str, others: dict[str, str], key: str) -> None:
    """For editors: pick another record (`others`: id -> label) to link as the same as
    `record_id` (kept), and split each record linked to it apart again."""
    who = _editor()
    if who is None:
        return
    noun = kind.rstrip("s")
    with st.expander(f"Same {noun} as another? Link or split", icon=":material/link:"):
        choices = [i for i in others if i != record_id]
        other = st.selectbox(
            f"The other {noun} (folded into this one)",
            choices,
            index=None,
            format_func=lambda i: others.get(i, i),
            key=f"{key}_other",
            placeholder=f"Pick the {noun} that reports the same",
        )
        if st.button(f"Link as the same {noun}", key=f"{key}_link", disabled=other is None):
            try:
                data.store().link_records(kind, str(other), record_id, by=who)
            except LinkError as exc:
                st.error(md(f"Not linked: {exc}."))
            else:
                st.toast(f"Linked {other} to {record_id}.")
                st.rerun()
        linked = linked_to(kind, record_id)
        if not linked:
            st.caption(f"No other {noun} is linked to this one.")
        for other_id in linked:
            row = st.columns([3, 1], vertical_alignment="center")
            row[0].markdown(md(f"Linked as the same: {other_id}"))
            if row[1].button("Split apart", key=f"{key}_split_{other_id}"):
                data.store().unlink_record(kind, other_id, by=who)
                st.toast(f"Split {other_id} apart from {record_id}.")
                st.rerun()
