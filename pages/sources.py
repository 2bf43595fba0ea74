"""Sources: every article with what was drawn from it; `?article=ID` opens one."""

import streamlit as st

from democdash.ui import data, frame, notes_view, urlstate
from democdash.ui import sources_view as sv
from democdash.ui.safe import md
from democdash.ui.urlstate import SOURCES

frame.require_frame()

state = urlstate.read(SOURCES)
articles = data.frame("articles")
citations = dict(zip(articles["id"], articles["citation"], strict=True))
ids = [None, *citations]

st.title("Sources")
choice = st.selectbox(
    "Source",
    options=ids,
    index=ids.index(state["article"]) if state["article"] in ids else 0,
    format_func=lambda i: "All sources" if i is None else citations[i],
)
if choice != state["article"]:
    state["article"] = choice
    urlstate.write(state, SOURCES)
    st.rerun()

article = sv.article(state["article"]) if state["article"] else None
if article is None:
    st.caption(
        "Every source our records rest on: its citation (what is known and what is not), how "
        "its date was inferred, and how many records were drawn from it."
    )
    sv.articles_list()
    sv.grading(articles)
else:
    sv.citation(article)
    kinds = list(sv.KIND_LABELS)
    state["kind"] = st.segmented_control(
        "Show records of kind",
        options=kinds,
        format_func=lambda k: f"{sv.KIND_LABELS[k]} ({article.counts[k]})",
        default=state["kind"],
        key=f"sources_kind_{state['kind']}",
        help="Leave empty to show every kind.",
    )
    sv.drawn(article, state["kind"])
    sv.quotes(article)
    sv.full_text(article)
    sv.grading(articles[articles["id"] == article.id])
    notes_view.notes_panel("articles", article.id, key="article_notes")
    st.caption(md("Statuses and dates are as reported in the source at the time."))

urlstate.write(state, SOURCES)
urlstate.copy_link(state, SOURCES)
