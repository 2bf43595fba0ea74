"""Overview: headline figures and the articles everything is drawn from."""

import streamlit as st

from democdash.ui import data, views

st.title("Democracy under pressure")
views.headline_figures()
st.subheader("Sources")
views.articles_table(data.frame("articles"), data.sources())
