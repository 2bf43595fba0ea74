"""Reference for `democdash bench`: a one-line page (a visit, to its text on the page)."""

import streamlit as st

st.write("ready")
