"""Real `streamlit run` servers measured from Debian's Chromium: visits and peak memory.

- A visit (issue 22: "a visitor opening the hosted link: warm server, fresh browser
  profile"): from the navigation's start in a fresh browser context to the first animation
  frame with the map's shapes in the page (a country of the SVG map), beside a one-line page's
  time to its text, a plotly-only page's and the peer's time to their plotly maps. The time is
  the page's own clock (`performance.now()`, which starts with the navigation), read by a check
  on every animation frame: Playwright's selector wait backs off to one check every 500 ms, and
  rounded a visit up by as much as that (visits came out at either about 1.0 s or 1.45 s).
  Every subject's server is started once and visited in turn (interleaved, so a change of
  load affects all alike). The first visit after each
  server's start (the script's first run: imports, first caches) is timed apart. Each visit
  counts the bytes the page receives over the websocket (the payload).
- Peak memory: the server's `VmHWM` (peak resident set, from `/proc/<pid>/status`, plus any
  child processes) after every page has been opened in the browser.

Requests that leave 127.0.0.1 are aborted. Chromium is Debian's (`DEMOCDASH_CHROMIUM`, or
`chromium` on the PATH); Playwright drives it, never downloading a browser.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from democdash.loadtest.stats import cpu_and_rss
from democdash.settings import REPO_DIR

if TYPE_CHECKING:  # playwright is in the bench and test extras only
    from playwright.sync_api import Page

#: The app's map drawn: a country of the SVG map; the plotly-only reference page is drawn when
#: its choropleth has a shape (CSS selectors, looked up in open shadow roots too).
MAP_SELECTOR = "svg[role=img] path[data-iso3]"
PLOTLY_MAP_SELECTOR = ".js-plotly-plot .choroplethlayer path"
#: The one-line page drawn: its text on the page.
TEXT_DRAWN_JS = """
() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
  .some((e) => e.textContent.trim() === "ready")
"""
#: Whether a CSS selector matches in the document or in any open shadow root.
_DEEP_MATCH_JS = """
(selector) => {
  if (document.querySelector(selector)) return true;
  const walk = (root) => [...root.querySelectorAll("*")].some(
    (el) => el.shadowRoot && (el.shadowRoot.querySelector(selector) || walk(el.shadowRoot)));
  return walk(document);
}
"""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
]
START_TIMEOUT_S = 120
PAGE_TIMEOUT_MS = 180_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# True once the app is connected, has finished its script run and shows no skeleton.
APP_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== "CONNECTED") return false;
  const state = app.dataset.testScriptState;
  if (state !== "notRunning" && state !== "compilationError") return false;
  return !document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]');
}
"""


class BrowserUnavailable(RuntimeError):
    """No Chromium or no Playwright: the browser measurements cannot run."""


def chromium_executable() -> str:
    """Debian's Chromium: `DEMOCDASH_CHROMIUM`, else `chromium` on PATH, else /usr/bin/chromium."""
    for candidate in (
        os.environ.get("DEMOCDASH_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BrowserUnavailable(
        "no Chromium: apt-get install chromium (or set DEMOCDASH_CHROMIUM); or pass --skip-browser"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run` (its own process group) at `url`."""

    url: str
    process: subprocess.Popen
    log: Path

    def healthy(self) -> bool:
        """Whether the server answers its health check (never through a proxy)."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(f"{self.url}/_stcore/health", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def wait_healthy(self, timeout_s: float = START_TIMEOUT_S, lines: int = 15) -> None:
        """Return once healthy; `RuntimeError` with the log's last `lines` if the server exits
        or is not healthy within `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {self.process.returncode} before it was healthy:\n"
                    f"{self.log_tail(lines)}"
                )
            if self.healthy():
                return
            time.sleep(0.05)
        raise RuntimeError(f"streamlit not healthy after {timeout_s} s:\n{self.log_tail(lines)}")

    def log_tail(self, lines: int = 15) -> str:
        """The last `lines` lines of the server's output, or "(empty)"."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) or "(empty)"

    def stop(self) -> None:
        """Stop the server's whole process group: SIGTERM, then SIGKILL after 10 s."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@contextmanager
def server(
    script: Path,
    env: Mapping[str, str],
    log_dir: Path,
    args: Sequence[str] = (),
    port: int | None = None,
) -> Iterator[Server]:
    """Start `streamlit run script` on a free local port from the repo (so its
    `.streamlit/config.toml` applies), with `env` as its whole environment, extra command-line
    `args` (e.g. `["--client.showErrorDetails", "full"]`) and its output in a new log file in
    `log_dir`; stopped on leaving the block. Call `wait_healthy()` before opening pages. The port
    is a free one unless given (an OIDC redirect address must be known before the start)."""
    port = port or free_port()
    fd, log_name = tempfile.mkstemp(prefix="streamlit-", suffix=".log", dir=log_dir)
    os.close(fd)
    log = Path(log_name)
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *args,
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO_DIR,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        yield running
    finally:
        running.stop()


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (a loopback host, or a data:/blob:/about: URL)."""
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS


class Browser:
    """Headless Chromium through Playwright; every outside request is aborted and counted."""

    def __init__(self) -> None:
        executable = chromium_executable()
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise BrowserUnavailable(
                'playwright is not installed: pip install -e ".[bench]"; or pass --skip-browser'
            ) from exc
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        self.outside: list[str] = []

    def new_page(self, width: int = 1400, height: int = 900) -> Page:
        """A page of `width` × `height` pixels in a fresh context (no cache carried over from
        the last server)."""
        context = self._browser.new_context(
            viewport={"width": width, "height": height}, service_workers="block"
        )

        def route(r) -> None:
            if is_local(r.request.url):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort("blockedbyclient")

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        return page

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()


# Streamlit scrolls inside its main container and its sidebar, not the document, so the
# document's height is the viewport's: the tallest of the three is the whole app's height.
CONTENT_HEIGHT_JS = """
() => Math.max(document.documentElement.scrollHeight,
  ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
     .map(el => el.scrollHeight))
"""
#: Tallest picture `save_full_page` takes, in CSS pixels (a longer page is cut at the bottom).
MAX_SCREENSHOT_HEIGHT = 8000
#: Time for charts to re-lay out after the viewport grows.
RELAYOUT_MS = 300


def save_full_page(
    page: Page,
    path: Path | str,
    max_height: int = MAX_SCREENSHOT_HEIGHT,
    settle_ms: int = RELAYOUT_MS,
) -> int:
    """Save a PNG of the whole app at `path`, down to the end of the main column and sidebar.

    Playwright's `full_page=True` sees only the document, which Streamlit keeps at the
    viewport's height, so the viewport is grown to the content's height (at most `max_height`)
    for the picture and put back afterwards; grown again if the content grew with it (elements
    sized to the window). Returns the content's height in CSS pixels: more than `max_height`
    means the picture is cut."""
    viewport = page.viewport_size
    height = page.evaluate(CONTENT_HEIGHT_JS)
    try:
        if viewport:
            shown = viewport["height"]
            for _ in range(3):  # content sized to the window can grow with it; not forever
                if height <= shown or shown >= max_height:
                    break
                shown = min(height, max_height)
                page.set_viewport_size({"width": viewport["width"], "height": shown})
                page.wait_for_timeout(settle_ms)
                height = page.evaluate(CONTENT_HEIGHT_JS)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    return height


#: The peer's map drawn: plotly's `choropleth_map` is a MapLibre map on a WebGL canvas, with no
#: SVG shapes to wait for; it is drawn once MapLibre has loaded the style and the choropleth's
#: source and holds the trace's fill layer.
PLOTLY_MAPLIBRE_DRAWN_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot
    && gd._fullLayout.map._subplot.map;
  if (!map || !map.isStyleLoaded() || !map.loaded()) return false;
  return map.getStyle().layers
    .some(l => l.id.startsWith('plotly-trace-layer') && l.type === 'fill');
}
"""


@dataclass(frozen=True)
class VisitedApp:
    """An app whose visits are timed: its script, its environment and what "drawn" means
    (a selector present, or a JS predicate true when `drawn_js` is set)."""

    name: str
    script: Path
    drawn: str
    env: Mapping[str, str]
    drawn_js: bool = False


@dataclass(frozen=True)
class Visit:
    """One visit: seconds to drawn, and the bytes the visit received over the
    websocket (every message of the visit's script run, counted once the app is idle)."""

    seconds: float
    payload_bytes: int
    #: requests that left 127.0.0.1 during the visit (all aborted)
    outside: tuple[str, ...] = ()


def drawn_at_ms(page: Page, subject: VisitedApp) -> float:
    """The page's clock (ms since its navigation started) at the first animation frame in
    which `subject` is drawn."""
    if subject.drawn_js:
        check, arg = f"({subject.drawn})()", None
    else:
        check, arg = f"({_DEEP_MATCH_JS})(arg)", subject.drawn
    handle = page.wait_for_function(
        f"(arg) => {check} && performance.now()", arg=arg, polling="raf", timeout=PAGE_TIMEOUT_MS
    )
    return float(handle.json_value())


def visit(browser: Browser, subject: VisitedApp, url: str, path: str = "/") -> Visit:
    """Open `path` of a running server in a fresh browser context: seconds from the
    navigation's start to the subject drawn (`drawn_at_ms`), and the bytes the visit received
    (counted once the app is idle)."""
    received: list[int] = []
    blocked_before = len(browser.outside)

    def count(frame: str | bytes) -> None:
        received.append(len(frame.encode() if isinstance(frame, str) else frame))

    page = browser.new_page()
    try:
        page.on("websocket", lambda ws: ws.on("framereceived", count))
        page.goto(url + path, wait_until="commit")
        seconds = drawn_at_ms(page, subject) / 1000
        page.wait_for_function(APP_IDLE_JS, timeout=PAGE_TIMEOUT_MS)
        return Visit(seconds, sum(received), tuple(browser.outside[blocked_before:]))
    finally:
        page.context.close()


def beside_static(script: Path, workdir: Path) -> Path:
    """A copy of `script` in `workdir` with the repo's `static/` folder beside it: Streamlit
    serves `static/` from the main script's folder, and the maps' topojson stubs live there."""
    folder = workdir / f"{script.stem}-app"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(script, folder / script.name)
    if not (folder / "static").exists():
        shutil.copytree(REPO_DIR / "static", folder / "static")
    return folder / script.name


@dataclass(frozen=True)
class Visits:
    """Each subject's first visit after its server started, its visits to the warm server, and
    the CPU seconds its server spent per warm visit (by subject name)."""

    first: dict[str, Visit]
    warm: dict[str, list[Visit]]
    server_cpu_s: dict[str, float] = field(default_factory=dict)


#: Seconds to wait after the last visit before reading the servers' CPU time: a server's work
#: after a run (Streamlit's garbage collection) ends after the page looks idle.
CPU_SETTLE_S = 2.0


def visits(
    browser: Browser,
    subjects: Sequence[VisitedApp],
    log_dir: Path,
    runs: int = 11,
    progress: Callable[[str], None] | None = None,
) -> Visits:
    """Start every subject's server, visit each once (the first visit), then `runs` times in
    turn, each in a fresh browser context; and the CPU each server spent over the warm visits
    (its script runs, the work after them, serving the page's files), per visit."""
    with ExitStack() as stack:
        running = {}
        for subject in subjects:
            started = stack.enter_context(server(subject.script, subject.env, log_dir))
            started.wait_healthy()
            running[subject.name] = started
        first = {s.name: visit(browser, s, running[s.name].url) for s in subjects}
        warm: dict[str, list[Visit]] = {subject.name: [] for subject in subjects}
        time.sleep(CPU_SETTLE_S)
        before = {name: cpu_and_rss(s.process.pid)[0] for name, s in running.items()}
        for i in range(runs):
            if progress:
                progress(f"visit {i + 1}/{runs}")
            for subject in subjects:
                warm[subject.name].append(visit(browser, subject, running[subject.name].url))
        time.sleep(CPU_SETTLE_S)
        cpu = {
            name: (cpu_and_rss(s.process.pid)[0] - before[name]) / max(runs, 1)
            for name, s in running.items()
        }
    return Visits(first, warm, cpu)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return found


def _vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its descendants, in MB (2**20 bytes)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _vm_hwm_kb(current)
        todo += _children(current)
    return total / 1024


def memory_after_pages(
    browser: Browser,
    paths: list[tuple[str, Mapping[str, str]]],
    env: Mapping[str, str],
    log_dir: Path,
    progress: Callable[[str], None] | None = None,
) -> float:
    """Open every page (url path, query) in the app on one server; its peak memory in MB."""
    with server(REPO_DIR / "app.py", env, log_dir) as running:
        running.wait_healthy()
        page = browser.new_page()
        try:
            for url_path, query in paths:
                if progress:
                    progress(f"memory: /{url_path}")
                suffix = f"?{urlencode(query)}" if query else ""
                page.goto(f"{running.url}/{url_path}{suffix}", wait_until="domcontentloaded")
                page.wait_for_timeout(500)  # the script run starts after the page connects
                page.wait_for_function(APP_IDLE_JS, timeout=PAGE_TIMEOUT_MS)
        finally:
            page.context.close()
        return peak_memory_mb(running.process.pid)
