"""Hostile inputs without a browser: markdown escaping renders every payload as plain text, the
store keeps them unchanged on SQLite and PostgreSQL, exports keep formulas as text, and uploads
are limited on the server side (size, type, binary data) with the config matching settings."""

from __future__ import annotations

import csv
import html
import importlib.util
import io
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from democdash import exports, settings
from democdash.extract.documents import DocumentError, read_bytes
from democdash.settings import MAX_UPLOAD_BYTES, Settings
from democdash.store import open_store
from democdash.ui.safe import md

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _load_fixture_module(name: str):
    """Import tests/fixtures/NAME.py by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"democdash_test_{name}", FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _load_fixture_module("hostile")
FORMULAS, PAYLOADS = hostile.FORMULAS, hostile.PAYLOADS
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TAG = re.compile(r"<(script|img|svg|a|iframe|style)\b", re.IGNORECASE)
ATTRIBUTE = re.compile(r"<[a-z]+[^>]*\s(href|src|on\w+)=", re.IGNORECASE)


def rendered_text(markdown: str) -> tuple[str, str]:
    """(HTML, visible text) of CommonMark with raw HTML allowed, the strictest renderer case."""
    out = MarkdownIt("commonmark", {"html": True}).render(markdown)
    text = html.unescape(re.sub(r"<[^>]+>", "", out)).strip()
    return out, text


@pytest.mark.parametrize("key", list(PAYLOADS))
def test_escaped_text_renders_as_the_text_itself(key):
    payload = PAYLOADS[key]
    out, text = rendered_text(md(payload))
    assert not TAG.search(out), out[:300]
    assert not ATTRIBUTE.search(out), out[:300]  # no real element carries a link or handler
    expected = CONTROL.sub("", payload).replace("\n", " ").strip()
    assert text.replace("\u2060", "") == expected  # word joiners keep URLs from linking


@pytest.mark.parametrize(
    "text", ["see http://203.0.113.5/x", "HTTPS://203.0.113.5", "www.example.org", "a@b.org"]
)
def test_bare_urls_and_addresses_cannot_become_links(text):
    # Streamlit's GFM markdown links bare URLs in text nodes, whatever the escaping: the
    # visible text after escapes must not hold a linkable URL any more.
    visible = re.sub(r"\\(.)", r"\1", md(text))
    assert not re.search(r"(?i)(https?://|www\.|@[a-z])", visible), visible
    assert visible.replace("\u2060", "") == text


def test_escaping_hides_streamlit_directives_and_math():
    # Streamlit adds :color[...], :material/...:, emoji shortcodes and $math$ to markdown:
    # their opening punctuation is escaped, so none of them can start.
    for key in ("directive", "latex"):
        escaped = md(PAYLOADS[key])
        assert not re.search(r"(?<!\\)[:$\[]", escaped), escaped


@pytest.fixture(params=["sqlite", "postgresql"])
def hostile_store(request, tmp_path):
    url = (
        request.getfixturevalue("fresh_pg_url")
        if request.param == "postgresql"
        else f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    )
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data_dir)
    store = open_store(
        Settings(data_dir=data_dir, database_url=url, readonly=False, seeds_dir=None)
    )
    hostile.seed_hostile(store)
    yield store
    store.engine.dispose()


def test_the_store_keeps_hostile_text_unchanged(hostile_store):
    for key, payload in PAYLOADS.items():
        article = hostile_store.get("articles", hostile.article_id(key))
        assert (article.title, article.outlet) == (payload.strip(), payload.strip())
        event = hostile_store.get("events", f"hostile-event-{key}")
        assert event.summary == payload.strip()
    # NUL cannot be stored in PostgreSQL text: it is dropped from article texts everywhere.
    text = hostile_store.article_text(hostile.article_id("control"))
    assert "\x00" not in text and "\x01\x07" in text


def test_exports_keep_formulas_as_text(hostile_store):
    events = hostile_store.events()
    events = events[events["id"].str.startswith("hostile-event-")]
    export = exports.build_export(
        events,
        sources=hostile_store.sources(),
        articles=hostile_store.articles(),
        actor_names={},
        country_names={},
        about=exports.About(filters=[], share_link="", data_version="x", sources_span="x"),
    )
    workbook = load_workbook(io.BytesIO(exports.events_xlsx(export)))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for key in FORMULAS:
        assert by_value[PAYLOADS[key]].data_type == "s"

    rows = list(csv.reader(io.StringIO(exports.events_csv(export).decode("utf-8-sig"))))
    summaries = {row[rows[0].index("summary")] for row in rows[1:]}
    for key in FORMULAS:
        assert "'" + PAYLOADS[key] in summaries
        assert PAYLOADS[key] not in summaries


def test_upload_size_and_type_are_limited_in_the_reader():
    with pytest.raises(DocumentError, match="over the limit"):
        read_bytes(b"a" * (MAX_UPLOAD_BYTES + 1), "big.txt")
    with pytest.raises(DocumentError, match="unsupported file type"):
        read_bytes(b"MZ\x90\x00", "<script>alert(1)</script>.exe")
    with pytest.raises(DocumentError, match="binary data"):
        read_bytes(b"%PDF-1.7 fake", "looks-like-text.txt")
    with pytest.raises(DocumentError, match="empty"):
        read_bytes(b"", "empty.txt")
    text, _ = read_bytes(b"<script>alert(1)</script> kept as text", "=cmd|' /C calc'!A0.txt")
    assert text == "<script>alert(1)</script> kept as text"


def test_server_upload_limit_matches_the_settings():
    config = tomllib.loads((settings.REPO_DIR / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_UPLOAD_BYTES
    # Hardened production settings (docs/hosting.md explains each one).
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["magicEnabled"] is False
