"""`democdash loadtest`: simulated visitors over Streamlit's own websocket protocol (no
browser) and editors writing through the store, against a running instance.

- `session`: one browserless Streamlit session (`BrowserlessSession.visit`).
- `visitors`: the realistic links visitors open, and a visitor's loop.
- `runner`: runs visitors, editors and the process sampler together; the report.
"""
