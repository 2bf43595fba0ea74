"""Add articles: paste one or upload several, extract candidates (files queue for review), review
them one at a time as you read, save, skip or come back later."""

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
    view.batch_result()
    sent = view.input_form()
    if sent is not None:
        view.start(sent)
    else:
        view.pick_up()
    view.queue_panel()

candidates = st.session_state.get(view.CANDIDATES)
if candidates is not None:
    st.divider()
    st.header("Review")
    view.about(candidates)
    view.reader_and_panel(candidates)
    decisions = view.review(candidates)
    view.save_draft(candidates)
    view.save(candidates, decisions)
    view.queue_buttons(candidates)
    st.button("Discard this review", key="add_discard", on_click=view.discard, args=(candidates,))
