"""democdash entry point: `streamlit run app.py`. Router and shared frame only."""

from democdash.ui.preload import plotly_js

# Before the heavy imports: the browser starts loading plotly.js for the map meanwhile.
preloading = plotly_js()

from democdash.ui.frame import run_app  # noqa: E402

run_app()
if preloading is not None:
    preloading.empty()
