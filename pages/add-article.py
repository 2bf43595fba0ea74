"""Add an article: paste or upload it, extract candidates, review them, save what is accepted."""

import streamlit as st

from democdash.ui import add_article_view as view
from democdash.ui import frame

frame.require_frame()

st.title("Add an article")
st.caption(
    "Bring in a new source. The extraction proposes events and policy options by rule; you "
    "review them and save only what you accept, each with its paragraph and a verbatim quote. "
    "Saved records are marked as added by an analyst."
)
view.saved_message()

text, file_meta, token = view.article_input()
meta = view.metadata_form(file_meta, token)
if meta is not None:
    if text is None:
        st.error("Paste the article's text or upload a file first. Nothing was extracted.")
    else:
        view.run_extraction(text, meta)

candidates = st.session_state.get(view.CANDIDATES)
if candidates is not None:
    st.divider()
    st.subheader("Review")
    st.caption(candidates.article.citation())
    view.article_text(candidates)
    decisions = view.review(candidates)
    view.save(candidates, decisions)
    st.button("Discard these candidates", key="add_discard", on_click=view.discard)
