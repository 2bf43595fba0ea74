"""Take a screenshot of each page (for the README and for review): `python scripts/screenshots.py
[PATH?QUERY ...]`. Starts `streamlit run app.py` on a free local port with a throw-away store,
and uses Debian's chromium through Playwright (no browser download); requests that would leave
127.0.0.1 are blocked and listed."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from democdash.ui.bench.browser import APP_IDLE_JS, Browser, server

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
#: Time for the charts' drawing to settle after the script run has finished.
SETTLE_MS = 2500


def main(paths: list[str]) -> None:
    home = tempfile.mkdtemp()
    env = dict(os.environ, DEMOCDASH_HOME=home, DEMOCDASH_DATABASE_URL=f"sqlite:///{home}/s.db")
    OUT.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    try:
        with server(REPO / "app.py", env, Path(home)) as running:
            running.wait_healthy()
            page = browser.new_page(height=1000)
            for path in paths or ["/"]:
                page.goto(f"{running.url}{path}")
                page.wait_for_timeout(1500)  # the script run starts after the page connects
                page.wait_for_function(APP_IDLE_JS)
                page.wait_for_timeout(SETTLE_MS)
                name = path.strip("/").split("?")[0] or "overview"
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{path} -> {target}")
    finally:
        browser.close()
    print("outside requests (blocked):", browser.outside or "none")


if __name__ == "__main__":
    main(sys.argv[1:])
