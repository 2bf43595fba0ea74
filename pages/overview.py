"""Overview page."""

import streamlit as st

st.title("democdash")
st.write("Overview")
