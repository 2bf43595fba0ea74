"""Reference for `democdash bench`: a one-line page (cold start to its text)."""

import streamlit as st

st.write("ready")
