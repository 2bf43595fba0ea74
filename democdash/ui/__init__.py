"""Streamlit layer: the only part of democdash that imports streamlit."""
