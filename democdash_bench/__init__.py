"""`democdash bench`: how fast the app is, measured against references in the same run.

The benchmark lives beside the app, not inside it: it drives the app from outside, as a
visitor would (AppTest reruns, real `streamlit run` servers opened in Chromium), and the app
never imports it (tests/test_architecture.py). Only `democdash/cli/bench_cmds.py` loads it.

- `results`: the figures of a run, the budgets, the terminal table and the results file
  (plain Python, no streamlit: unit-tested).
- `apptest`: warm rerun times of every page and of the reference apps (AppTest).
- `browser`: a visit to a drawn map (warm server, fresh browser), the payload it receives
  and the server's peak memory (Chromium).
- `runner`: prepares the datasets once and runs everything.
- `apps/`: the reference apps (an empty page, a one-line page, the map only, plotly only).
- The peer (`../shared/bench/peer_app.py`, run unchanged when present): what a capable analyst
  writes in an afternoon with the same stack, measured beside the app for context.

The batch-intake bench stays with the code it measures (`democdash.ingest.bench`), as does the
extraction bench (`democdash.extract.bench`). Import the submodules you need: this package
imports nothing heavy by itself.
"""
