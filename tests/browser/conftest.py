"""Browser tests: one real `streamlit run app.py` per test session, driven by Debian's Chromium.

    def test_map_draws(open_page, screenshot):
        page = open_page("/map?country=HKG")       # waits until the script run has finished
        page.wait_for_selector("svg[role=img] path[data-iso3]")
        screenshot("map-hkg")                      # tests/browser/artifacts/map-hkg.png

    def test_click_selects(open_page, expect_rerun):
        page = open_page("/")
        with expect_rerun():                       # waits for the rerun the click causes
            page.get_by_role("button", name="Apply").click()

Every request is recorded (`page_log`); a request that leaves 127.0.0.1/localhost is aborted
and, like any page error or console error, fails the test at teardown. The server's output goes
to a log file whose tail is shown with a failing test; a failing test also leaves a screenshot
in `tests/browser/artifacts/`. Chromium is Debian's (`/usr/bin/chromium`, or
`DEMOCDASH_CHROMIUM`): never `playwright install`. Without it the tests skip, or fail when
`DEMOCDASH_REQUIRE_BROWSER=1`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from democdash_bench.browser import (
    APP_IDLE_JS,
    CHROMIUM_ARGS,
    BrowserUnavailable,
    chromium_executable,
    is_local,
    save_full_page,
    server,
)
from democdash_bench.browser import Server as StreamlitServer

BROWSER_DIR = Path(__file__).resolve().parent
REPO_DIR = BROWSER_DIR.parents[1]
APP_PATH = REPO_DIR / "app.py"
ARTIFACTS_DIR = BROWSER_DIR / "artifacts"

REQUIRE_BROWSER = "DEMOCDASH_REQUIRE_BROWSER"
# Console errors that are Streamlit's own normal behaviour, not a fault of the app: opened at
# /events, the client first looks for its server under /events/_stcore/ (404), then at /.
BENIGN_CONSOLE_ERRORS = [
    re.compile(
        r"status of 404 .*\(http://(127\.0\.0\.1|localhost):\d+/.+/_stcore/(health|host-config)\)$"
    ),
]
SERVER_START_TIMEOUT_S = 60
SERVER_LOG_LINES = 80  # of the server's log shown with a failing test
APP_TIMEOUT_MS = 60_000  # generous: a loaded 2-core machine can take long; passing costs nothing

SERVER_KEY = pytest.StashKey["StreamlitServer"]()
REPORTS_KEY = pytest.StashKey[dict]()

# Counts the script runs the page has finished (stApp's data-test-script-state turning to
# "notRunning"), so that `expect_rerun` can tell a new run from the one before the click.
_RUN_COUNTER_JS = """
window.__democdashRuns = 0;
new MutationObserver((mutations) => {
  for (const m of mutations) {
    if (m.target.getAttribute("data-test-script-state") === "notRunning"
        && m.oldValue !== "notRunning") window.__democdashRuns += 1;
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-test-script-state"]});
"""


# --------------------------------------------------------------------------- collection


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_console_errors: a console error does not fail this browser test"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Mark every test in this folder, and keep them on one xdist worker (`--dist loadgroup`)
    # so that one streamlit server serves them all.
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(REPORTS_KEY, {})[report.when] = report
    server = item.config.stash.get(SERVER_KEY, None)
    if report.failed and server is not None:
        report.sections.append(
            ("streamlit server log (last lines)", server.log_tail(SERVER_LOG_LINES))
        )
    return report


# --------------------------------------------------------------------------- server


def _server_env(drop: set[str], overrides: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without `drop`, plus `overrides` (and unbuffered, plain logs)."""
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(PYTHONUNBUFFERED="1", NO_COLOR="1", **overrides)
    return env


@contextmanager
def _healthy_server(
    base: Path, env: Mapping[str, str], args: Sequence[str] = (), port: int | None = None
) -> Iterator[StreamlitServer]:
    """`streamlit run app.py` (log in `base`), started and stopped by the bench module's
    `server`; yields once healthy and fails the test (with the log's tail) if it never is."""
    with server(APP_PATH, env, base, args, port) as running:
        try:
            running.wait_healthy(SERVER_START_TIMEOUT_S, lines=SERVER_LOG_LINES)
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield running


@pytest.fixture(scope="session")
def streamlit_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StreamlitServer]:
    """One headless `streamlit run app.py` on 127.0.0.1 for the whole session, on an empty store."""
    base = tmp_path_factory.mktemp("streamlit-server")
    home = base / "democdash-home"
    home.mkdir()
    env = _server_env(
        {"DEMOCDASH_READONLY", "DEMOCDASH_DATA_DIR"},
        {
            "DEMOCDASH_HOME": str(home),
            "DEMOCDASH_DATABASE_URL": f"sqlite:///{home / 'democdash.sqlite'}",
        },
    )
    # Tests read the real error, not the redacted one.
    with _healthy_server(base, env, ["--client.showErrorDetails", "full"]) as running:
        request.config.stash[SERVER_KEY] = running
        try:
            yield running
        finally:
            del request.config.stash[SERVER_KEY]


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser(require: Callable[[str, str], None]):
    """Headless Debian Chromium through Playwright's sync API (its own fresh profile)."""
    try:
        executable = chromium_executable()
    except BrowserUnavailable:
        require(
            REQUIRE_BROWSER,
            "no Chromium: install Debian's package (apt-get install chromium) or set "
            "DEMOCDASH_CHROMIUM to a Chromium binary; never `playwright install`",
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(REQUIRE_BROWSER, 'playwright is not installed: pip install -e ".[test]"')
    with sync_playwright() as playwright:
        # launch() gives the browser a new, empty --user-data-dir of its own.
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class PageLog:
    """What a page did: every request, and what counts against the test."""

    requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def record_request(self, url: str) -> None:
        self.requests.append(url)
        if not is_local(url):
            self.record_blocked(url)

    def record_blocked(self, url: str) -> None:
        if url not in self.outside_requests:
            self.outside_requests.append(url)

    def problems(self, console_errors_allowed: bool = False) -> list[str]:
        found = [f"request leaving 127.0.0.1 (blocked): {url}" for url in self.outside_requests]
        found += [f"page error: {error}" for error in self.page_errors]
        if not console_errors_allowed:
            found += [f"console error: {text}" for text in self.console_errors]
        return found


@pytest.fixture
def page_log() -> PageLog:
    """The record of the `page` fixture's requests and errors (clear a list to forgive it)."""
    return PageLog()


@pytest.fixture
def context(browser, streamlit_server: StreamlitServer, page_log: PageLog):
    """A fresh browser context on the server (`page.goto("/...")` works), outside blocked."""
    ctx = browser.new_context(
        base_url=streamlit_server.url,
        viewport={"width": 1400, "height": 900},
        service_workers="block",
    )

    def _route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            page_log.record_blocked(route.request.url)
            route.abort("blockedbyclient")

    ctx.route("**/*", _route)
    ctx.add_init_script(_RUN_COUNTER_JS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, page_log: PageLog, request: pytest.FixtureRequest):
    """A page that fails the test at teardown on an outside request or a page/console error."""
    pg = context.new_page()
    pg.set_default_timeout(APP_TIMEOUT_MS)
    pg.on("request", lambda req: page_log.record_request(req.url))
    pg.on("websocket", lambda ws: page_log.record_request(ws.url))
    pg.on("pageerror", lambda error: page_log.page_errors.append(str(error)))

    def _console(msg) -> None:
        text = f"{msg.text} ({msg.location.get('url', '')})"
        if msg.type == "error" and not any(p.search(text) for p in BENIGN_CONSOLE_ERRORS):
            page_log.console_errors.append(text)

    pg.on("console", _console)
    yield pg
    problems = page_log.problems(
        console_errors_allowed=request.node.get_closest_marker("allow_console_errors") is not None
    )
    call = request.node.stash.get(REPORTS_KEY, {}).get("call")
    if call is not None and call.failed:  # one failure is enough: add to it, keep a picture
        _save_screenshot(pg, f"{request.node.name}-FAILED")
        if problems:
            call.sections.append(("the page misbehaved too", "\n".join(problems)))
    elif problems:
        pytest.fail("the page misbehaved:\n" + "\n".join(problems), pytrace=False)
    pg.close()


def wait_for_app(pg, timeout_ms: int = APP_TIMEOUT_MS, check: bool = True) -> None:
    """Wait until Streamlit is connected and idle; with `check`, fail on a shown exception."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        pg.wait_for_function(APP_IDLE_JS, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        state = pg.evaluate(
            """() => { const a = document.querySelector('[data-testid="stApp"]');
                       return a && [a.dataset.testScriptState, a.dataset.testConnectionState]; }"""
        )
        pytest.fail(
            f"the app at {pg.url} was not idle after {timeout_ms / 1000:.0f} s "
            f"(script and connection state: {state})",
            pytrace=False,
        )
    if not check:
        return
    state = pg.get_attribute('[data-testid="stApp"]', "data-test-script-state")
    assert state != "compilationError", f"the script did not compile at {pg.url}"
    exceptions = pg.locator('[data-testid="stException"]')
    if exceptions.count():
        pytest.fail(
            f"the app shows an exception at {pg.url}:\n" + "\n".join(exceptions.all_inner_texts()),
            pytrace=False,
        )


@pytest.fixture
def open_page(page, streamlit_server: StreamlitServer) -> Callable[..., object]:
    """`open_page(path="/", check=True) -> Page`: go to a path ("/events?country=HKG") and wait
    until the script run has finished; with `check`, fail if the app shows an exception."""

    def _open(path: str = "/", check: bool = True):
        page.goto(streamlit_server.url + "/" + path.lstrip("/"), wait_until="domcontentloaded")
        wait_for_app(page, check=check)
        return page

    return _open


#: Every element matching a selector, in the document and in open shadow roots (the map
#: component mounts in one), as a page function body's helper.
DEEP_QUERY_JS = """
const deepQuery = (sel) => {
  const out = [];
  const walk = (root) => {
    out.push(...root.querySelectorAll(sel));
    root.querySelectorAll("*").forEach((el) => el.shadowRoot && walk(el.shadowRoot));
  };
  walk(document);
  return out;
};
"""

#: The screen position of a point inside a country's shape on the page's first SVG map (the
#: point of a grid over its box that is in its fill, nearest the box's centre), or null
#: when the country has no shape.
SHAPE_CENTRE_JS = (
    "code => {"
    + DEEP_QUERY_JS
    + """
  const path = deepQuery(`svg[role=img] path[data-iso3="${code}"]`)[0];
  if (!path) return null;
  const box = path.getBBox();
  const svg = path.ownerSVGElement;
  let best = null, bestD = Infinity;
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const p = svg.createSVGPoint();
    p.x = box.x + box.width * i / 20; p.y = box.y + box.height * j / 20;
    if (!path.isPointInFill(p)) continue;
    const d = (i - 10) ** 2 + (j - 10) ** 2;
    if (d < bestD) { bestD = d; best = p; }
  }
  if (!best) return null;
  const screen = best.matrixTransform(path.getScreenCTM());
  return {x: screen.x, y: screen.y};
}
"""
)


@pytest.fixture
def shape_centre() -> Callable[..., dict | None]:
    """`shape_centre(page, "BLR") -> {"x", "y"} | None`: where to click a country on a map."""
    return lambda pg, code: pg.evaluate(SHAPE_CENTRE_JS, code)


#: Each label of the page's SVG maps: its text and its box on screen (left, top, right, bottom).
MAP_LABELS_JS = (
    "() => {"
    + DEEP_QUERY_JS
    + """
  return deepQuery("svg[role=img] text.lbl").map((e) => {
    const r = e.getBoundingClientRect();
    return [e.textContent, [r.left, r.top, r.right, r.bottom]];
  });
}
"""
)


@pytest.fixture
def map_labels() -> Callable[..., list]:
    """`map_labels(page) -> [(text, (left, top, right, bottom)), ...]`: the maps' labels."""
    return lambda pg: [(text, tuple(box)) for text, box in pg.evaluate(MAP_LABELS_JS)]


@pytest.fixture
def in_frame() -> Callable[..., None]:
    """`in_frame(page)`: assert the page ran through app.py (the app's navigation and sidebar
    heading are there). On a cold server Streamlit first runs a deep-linked page on its own
    (legacy `pages/` mode); `frame.require_frame` reruns it through app.py: this waits for it."""

    def _check(pg) -> None:
        pg.locator('[data-testid="stSidebarNav"] a', has_text="Overview").wait_for()
        pg.wait_for_function(APP_IDLE_JS, timeout=APP_TIMEOUT_MS)
        nav = pg.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Overview" in nav and "Countries" in nav, f"not the app's navigation: {nav!r}"
        assert pg.locator('[data-testid="stSidebar"] h3', has_text="democdash").count() == 1

    return _check


#: How long `expect_rerun` waits to see the run counted before it settles for an idle app.
RUN_SEEN_MS = 15_000


@pytest.fixture
def expect_rerun(page) -> Callable[..., object]:
    """`with expect_rerun(): <click>`: wait for the script run the action starts to finish.

    The run is seen by the page's script-state attribute turning back to "notRunning". A quick
    run can come and go without the attribute ever showing it (React drew both states in one
    commit): three CI runs timed out here with the run's result on screen. So after
    `RUN_SEEN_MS` without a counted run, an idle app is taken as the run done; each test then
    waits for what the run should have drawn, which fails the test if it never ran."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    @contextmanager
    def _expect(timeout_ms: int = APP_TIMEOUT_MS, check: bool = True):
        before = page.evaluate("window.__democdashRuns")
        yield page
        # not counted in time: the idle app below is the run's end (see the docstring)
        with suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                "n => window.__democdashRuns > n",
                arg=before,
                timeout=min(RUN_SEEN_MS, timeout_ms),
            )
        wait_for_app(page, timeout_ms, check=check)

    return _expect


def choose(radio) -> None:
    """Pick a radio choice (a candidate card's Accept, say) unless it is already picked; done
    once the control shows it and the app is idle. Not `expect_rerun`: waiting for a finished
    run timed out in CI with the choice shown as made (a value the session already held
    starts no run)."""
    from playwright.sync_api import expect

    if radio.get_attribute("aria-checked") != "true":
        radio.click()
        expect(radio).to_have_attribute("aria-checked", "true")
    wait_for_app(radio.page)


@pytest.fixture
def queue_files(open_page, expect_rerun, tmp_path) -> Callable[..., object]:
    """`queue_files({file name: text}, published)`: on Add an article, upload the texts as
    files in one go, extract them and wait until all are queued; returns the page."""

    def _queue(texts: Mapping[str, str], published: str):
        paths = []
        for name, text in texts.items():
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        pg = open_page("/add-article")
        main = pg.locator('[data-testid="stMain"]')
        with expect_rerun():
            main.get_by_text("Upload a file").click()
        main.get_by_role("textbox", name="Published").fill(published)
        main.locator('input[type="file"]').set_input_files(paths)
        for path in paths:  # all are attached before the form is sent
            main.get_by_text(path.name).first.wait_for()
        with expect_rerun():
            main.get_by_role("button", name="Extract candidates").click()
        main.get_by_text(f"Queued {len(paths)} of {len(paths)} files for review").wait_for(
            timeout=60_000
        )
        return pg

    return _queue


@pytest.fixture
def open_queued(page, expect_rerun) -> Callable[[str], None]:
    """`open_queued(title)`: open the queued article titled `title` for review."""

    def _open(title: str) -> None:
        main = page.locator('[data-testid="stMain"]')
        bold = page.locator("strong", has_text=re.compile("^" + re.escape(title) + "$"))
        entry = main.locator('[data-testid="stHorizontalBlock"]').filter(has=bold).last
        with expect_rerun():
            entry.get_by_role("button", name="Review").click()
        page.get_by_role("heading", name="Review").wait_for()
        main.get_by_text(re.compile(r"Title:\s*" + re.escape(title))).first.wait_for()

    return _open


def _save_screenshot(pg, name: str) -> Path:
    """Save the whole app (grown to its content's height for the picture) as a PNG."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / f"{re.sub(r'[^A-Za-z0-9._-]+', '_', name)}.png"
    save_full_page(pg, path)
    return path


@pytest.fixture
def screenshot(page) -> Callable[[str], Path]:
    """`screenshot(name) -> Path`: save the whole page to tests/browser/artifacts/NAME.png."""
    return lambda name: _save_screenshot(page, name)


# --------------------------------------------------------------------------- more servers


@contextmanager
def launch_streamlit(
    base: Path,
    env_overrides: dict[str, str],
    args: Sequence[str] = (),
    port: int | None = None,
) -> Iterator[StreamlitServer]:
    """Another `streamlit run app.py` (logs in `base`), e.g. on a store seeded by the test:
    `env_overrides` sets DEMOCDASH_DATABASE_URL, DEMOCDASH_HOSTED and the like, `args` adds
    command-line options, `port` fixes its port. Stopped on exit. Pages of it open with the
    `open_url` fixture (same guards as `open_page`)."""
    env = _server_env(
        {"DEMOCDASH_READONLY", "DEMOCDASH_DATA_DIR", "DEMOCDASH_HOSTED"}, env_overrides
    )
    with _healthy_server(base, env, args, port) as running:
        yield running


@pytest.fixture
def open_url(page) -> Callable[..., object]:
    """`open_url(url, check=True) -> Page`: like `open_page`, for a full URL (another server)."""

    def _open(url: str, check: bool = True):
        page.goto(url, wait_until="domcontentloaded")
        wait_for_app(page, check=check)
        return page

    return _open


@pytest.fixture(scope="session")
def launch_server() -> Callable[..., object]:
    """`with launch_server(folder, env, args=(), port=None) as server:`: `launch_streamlit` as a
    fixture."""
    return launch_streamlit
