import streamlit as st  # noqa: F401  (reference: an empty page, the cost of a rerun itself)
