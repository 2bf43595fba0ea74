"""Take a screenshot of each page (for the README and for review): `python scripts/screenshots.py
[PATH?QUERY ...]`. Starts `streamlit run app.py` on a free local port with a throw-away store,
and uses Debian's chromium through Playwright (no browser download)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from democdash.ui.bench.browser import CHROMIUM_ARGS, chromium_executable, is_local, server

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"


def main(paths: list[str]) -> None:
    home = tempfile.mkdtemp()
    env = dict(os.environ, DEMOCDASH_HOME=home, DEMOCDASH_DATABASE_URL=f"sqlite:///{home}/s.db")
    with server(REPO / "app.py", env, Path(home)) as running:
        running.wait_healthy()
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            outside = []
            page.on(
                "request",
                lambda r: None if is_local(r.url) else outside.append(r.url),
            )
            for path in paths or ["/"]:
                page.goto(f"{running.url}{path}")
                page.wait_for_selector('[data-testid="stApp"]')
                time.sleep(1.5)
                page.wait_for_function(
                    "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000
                )
                time.sleep(2.5)
                name = path.strip("/").split("?")[0] or "overview"
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{path} -> {target}")
            print("outside requests:", outside or "none")
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
