"""`democdash bench`: how fast the app is, measured against references in the same run.

- `results`: the figures of a run, the budgets, the terminal table and the results file
  (plain Python, no streamlit: unit-tested).
- `apptest`: warm rerun times of every page and of two reference apps (AppTest).
- `browser`: cold start to a drawn map and the server's peak memory (Chromium).
- `runner`: prepares the datasets once and runs everything.
- `apps/`: the reference apps (an empty page, a one-line page, the map only).

Import the submodules you need: this package imports nothing heavy by itself.
"""
