"""Take a screenshot of each page (for the README and for review): `python scripts/screenshots.py
[PATH?QUERY ...]`. Starts `streamlit run app.py` on a free local port with a throw-away store,
and uses Debian's chromium through Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from democdash.ui.bench.browser import CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(paths: list[str]) -> None:
    port = free_port()
    home = tempfile.mkdtemp()
    env = dict(os.environ, DEMOCDASH_HOME=home, DEMOCDASH_DATABASE_URL=f"sqlite:///{home}/s.db")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            outside = []
            page.on(
                "request",
                lambda r: (
                    outside.append(r.url)
                    if "127.0.0.1" not in r.url and not r.url.startswith(("data:", "blob:"))
                    else None
                ),
            )
            for path in paths or ["/"]:
                page.goto(f"http://127.0.0.1:{port}{path}")
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
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1:])
