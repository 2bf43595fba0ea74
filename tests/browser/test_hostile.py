"""Hostile inputs in a real browser: every payload (tests/fixtures/hostile.py) is seeded into one
store, one server serves it, and each page is loaded once, also with hostile URL parameters.
No dialog opens, no script runs, no element from a payload exists, nothing leaves 127.0.0.1
(the `page` fixture fails on it), and the payloads show as text."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import quote

import pytest

from democdash.settings import Settings, bundled_data_dir
from democdash.store import open_store
from democdash.ui.frame import available_pages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

_spec = importlib.util.spec_from_file_location("democdash_test_hostile", FIXTURES / "hostile.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

# What a payload would leave in the DOM had it been rendered as HTML or markdown.
_DOM_PROBE = """
() => {
  const outside = (v) => (v || "").includes("203.0.113.5");
  return {
    scripts: [...document.scripts]
      .filter(s => s.textContent.includes("alert(1)") || outside(s.src)).length,
    handlers: document.querySelectorAll("[onerror],[onload],[onclick],[onmouseover]").length,
    jsLinks: [...document.querySelectorAll("a[href]")]
      .filter(a => a.getAttribute("href").trim().toLowerCase().startsWith("javascript:")).length,
    outside: [...document.querySelectorAll("[src],[href],[srcset]")]
      .filter(e => outside(e.getAttribute("src")) || outside(e.getAttribute("href"))
                   || outside(e.getAttribute("srcset"))).length,
    styles: [...document.querySelectorAll("style")].filter(s => outside(s.textContent)).length,
    redText: document.querySelectorAll('[data-testid="stMarkdownColoredText"]').length,
    math: document.querySelectorAll(".katex").length,
  };
}
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, launch_server):
    base = tmp_path_factory.mktemp("hostile-server")
    url = f"sqlite:///{base / 'hostile.sqlite'}"
    settings = Settings(
        data_dir=bundled_data_dir(), database_url=url, readonly=False, seeds_dir=None
    )
    store = open_store(settings)
    hostile.seed_hostile(store)
    store.engine.dispose()
    with launch_server(base, {"DEMOCDASH_DATABASE_URL": url, "DEMOCDASH_HOME": str(base)}) as s:
        yield s


def hostile_paths() -> list[str]:
    """Every page once (with Belarus, where the hostile records are), plus hostile parameters."""
    paths = []
    for n, (_file, _title, _icon, url_path) in enumerate(available_pages()):
        query = {"sources": "?article=hostile-script", "add-article": ""}
        paths.append(f"/{'' if n == 0 else url_path}{query.get(url_path, '?country=BLR')}")
    script, img = hostile.PAYLOADS["script"], hostile.PAYLOADS["img"]
    paths += [
        f"/events?country={quote(script)}&q={quote(img)}&actor={quote(script)}",
        f"/?country={quote('javascript:alert(1)')}&color={quote(img)}",
        f"/sources?article={quote(hostile.PAYLOADS['svg'])}",
    ]
    return paths


def test_hostile_text_stays_text_on_every_page(page, open_url, hostile_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for path in hostile_paths():
        open_url(hostile_server.url + path)
        found[path] = page.evaluate(_DOM_PROBE)
    assert not dialogs, f"a dialog opened: {dialogs}"
    for path, probe in found.items():
        assert not any(probe.values()), f"{path}: payload markup in the DOM: {probe}"

    # Each source's page cites it: its title (the payload) is there, as text.
    main = page.locator('[data-testid="stMain"]')
    for key in [*hostile.MARKUP, "directive", "latex", *hostile.FORMULAS]:
        open_url(f"{hostile_server.url}/sources?article={hostile.article_id(key)}")
        shown = main.inner_text().replace("\u2060", "")
        assert hostile.PAYLOADS[key] in shown, f"{key} not shown as text"
        assert not any(page.evaluate(_DOM_PROBE).values()), f"{key}: payload markup in the DOM"
    assert not dialogs
