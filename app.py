"""democdash entry point: `streamlit run app.py`. Router and shared frame only."""

from democdash.ui.frame import run_app

run_app()
