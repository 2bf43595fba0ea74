"""Add an article: paste or upload it, extract candidates, review them as you read, save."""

import streamlit as st

from democdash.ui import add_article_view as view
from democdash.ui import frame

frame.require_frame()

st.title("Add an article")
st.caption(
    "Bring in a new source. The extraction proposes events and policy options; you review them "
    "while reading the article, make any sentence it missed an event or an option, and save "
    "only what you accept, each with its paragraph and a verbatim quote. Saved records are "
    "marked as added by you."
)
view.saved_message()
if view.sign_in_notice():
    view.offer_draft()
    sent = view.input_form()
    if sent is not None:
        view.start_extraction(*sent)
    else:
        view.pick_up()

candidates = st.session_state.get(view.CANDIDATES)
if candidates is not None:
    st.divider()
    st.header("Review")
    view.about(candidates)
    view.reader_and_panel(candidates)
    decisions = view.review(candidates)
    view.save_draft(candidates)
    view.save(candidates, decisions)
    st.button("Discard this review", key="add_discard", on_click=view.discard, args=(candidates,))
