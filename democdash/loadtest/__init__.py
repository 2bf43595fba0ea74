"""A team's layout and the load on it (no streamlit import here).

- `team`: N app servers (`streamlit run app.py`) behind nginx over one PostgreSQL store, with
  the security headers a careful host sets; `scripts/serve-team` runs it.
- `stats`: percentiles, per-process CPU and memory sampling, the report.
- `writers`: editors writing through the store's public interface, and the check that every
  committed write is stored once.

The visitors' side (Streamlit's own websocket protocol) is `democdash.ui.loadtest`.
"""
