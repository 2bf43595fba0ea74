"""Take a screenshot of each page (for the README and for review): `python scripts/screenshots.py
[--viewport] [PATH?QUERY ...]`, e.g. "/events?country=BLR" -> docs/screenshots/events.png.
Starts `streamlit run app.py` on a free local port with a throw-away store, and uses Debian's
chromium through Playwright (no browser download); requests that would leave 127.0.0.1 are
blocked and listed. Each picture shows the whole page, main column and sidebar down to its
end (at most `MAX_SCREENSHOT_HEIGHT` pixels); `--viewport` takes only the first screen."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from democdash_bench.browser import (
    APP_IDLE_JS,
    MAX_SCREENSHOT_HEIGHT,
    Browser,
    save_full_page,
    server,
)

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1400, 1000
#: Time for the charts' drawing to settle after the script run has finished.
SETTLE_MS = 2500


def main(paths: list[str], viewport_only: bool = False, out: Path = OUT) -> None:
    """Write <out>/<page>.png for every path ("/" is the overview; default out:
    docs/screenshots). Two paths to one page get numbered names (options.png, options-2.png)."""
    home = tempfile.mkdtemp()
    env = dict(os.environ, DEMOCDASH_HOME=home, DEMOCDASH_DATABASE_URL=f"sqlite:///{home}/s.db")
    out.mkdir(parents=True, exist_ok=True)
    taken: dict[str, int] = {}
    browser = Browser()
    try:
        with server(REPO / "app.py", env, Path(home)) as running:
            running.wait_healthy()
            page = browser.new_page(WIDTH, HEIGHT)
            for path in paths or ["/"]:
                page.goto(f"{running.url}{path}")
                page.wait_for_timeout(1500)  # the script run starts after the page connects
                page.wait_for_function(APP_IDLE_JS)
                page.wait_for_timeout(SETTLE_MS)
                name = path.strip("/").split("?")[0] or "overview"
                taken[name] = taken.get(name, 0) + 1
                if taken[name] > 1:
                    name = f"{name}-{taken[name]}"
                target = out / f"{name}.png"
                if viewport_only:
                    page.screenshot(path=str(target))
                    print(f"{path} -> {target} (first {HEIGHT} px)")
                    continue
                height = save_full_page(page, target)
                cut = f", cut at {MAX_SCREENSHOT_HEIGHT}" if height > MAX_SCREENSHOT_HEIGHT else ""
                print(f"{path} -> {target} ({height} px{cut})")
    finally:
        browser.close()
    print("outside requests (blocked):", browser.outside or "none")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: URL paths (with their query) and `--viewport`."""
    parser = argparse.ArgumentParser(description="Screenshot pages into docs/screenshots/.")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH?QUERY", help='e.g. "/events?country=BLR" (default /)'
    )
    parser.add_argument(
        "--viewport",
        action="store_true",
        help=f"only the first {WIDTH}x{HEIGHT} screen",
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help="folder for the pictures (default docs/screenshots)"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse_args()
    main(args.paths, viewport_only=args.viewport, out=args.out)
