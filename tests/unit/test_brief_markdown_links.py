"""Markdown briefs hold no live outside link, in the renderers people open them with.

Bare addresses in record text (a citation's URL, a quote naming a site, a hostile title) are
rendered by three real renderers: markdown-it-py as CommonMark with linkify and as its
GFM-like preset, and cmark-gfm (GitHub's own) with its autolink extension. Every `href` in the
HTML must stay inside the document (`#...` footnotes) or be the map beside it.
"""

from __future__ import annotations

import itertools
import re
from html import unescape

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt

from democdash.briefs import build_brief
from democdash.briefs.render_md import esc, render_md
from democdash.store import open_store

ADDRESSES = [
    "https://evil.com/path?q=1#frag",
    "http://127.0.0.1:8501/events",
    "HTTPS://EVIL.COM",
    "ftp://evil.com/file",
    "//evil.com/protocol-relative",
    "www.evil.com",
    "WWW.evil.org/x",
    "evil.com",
    "evil.co.uk/path",
    "sub.evil.io:8080/a_b",
    "me@evil.com",
    "mailto:me@evil.com",
    "xmpp:me@evil.com",
    "пример.рф",
    "xn--80ak6aa92e.com",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
]
AROUND = [
    ("", ""),
    ("(", ")."),
    ("*", "*"),
    ("_", "_"),
    ("~", "~"),
    ('"', '",'),
    ("see:", ";"),
    ("[x](", ")"),
    ("<", ">"),
    ("", "|next"),
    ("`", "`"),
    ("**", "**!"),
]


def _renderers():
    gfm_like = MarkdownIt("gfm-like")
    linkify = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    extensions = ["autolink", "table", "strikethrough", "tagfilter"]

    def github(text: str) -> str:
        return cmarkgfm.markdown_to_html_with_extensions(
            text, options=Options.CMARK_OPT_FOOTNOTES, extensions=extensions
        )

    return {
        "markdown-it gfm-like": gfm_like.render,
        "markdown-it linkify": linkify.render,
        "cmark-gfm": github,
    }


RENDERERS = _renderers()
HREF = re.compile(r"""href="([^"]*)\"""")


def outside_links(html: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [h for h in HREF.findall(html) if not h.startswith("#") and h not in allowed]


def test_the_renderers_do_link_bare_addresses():
    # the check below means something only if these renderers link what esc() is given
    for name, render in RENDERERS.items():
        assert outside_links(render("see https://evil.com/x now")), name
        assert outside_links(render("mailto:me@evil.com")), name


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_no_address_in_record_text_becomes_a_link(name):
    render = RENDERERS[name]
    texts = [
        f"Text {before}{address}{after} more." for address in ADDRESSES for before, after in AROUND
    ]
    paragraph = "\n\n".join(esc(t) for t in texts)
    table = "| a | b |\n|---|---|\n" + "\n".join(f"| {esc(t)} | x |" for t in texts)
    listed = "\n".join(f"- {esc(t)}" for t in texts)
    headings = "\n\n".join(f"## {esc(t)}" for t in texts)
    notes = "\n".join(f"[^{i}]: {esc(t)}" for i, t in enumerate(texts, 1))
    refs = "".join(f"[^{i}]" for i in range(1, len(texts) + 1))
    for document in (paragraph, table, listed, headings, f"{refs}\n\n{notes}"):
        html = render(document)
        assert outside_links(html) == [], outside_links(html)[:5]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_an_address_still_reads_as_itself_in_code(name, address):
    text = f"Source: {address}."
    html = RENDERERS[name](esc(text))
    assert "<code>" in html
    assert unescape(re.sub(r"<[^>]+>", "", html)).strip() == text


def test_ordinary_prose_is_not_put_in_code():
    prose = "The U.S. and e.g. the EU, at 3.5 p.m. on No.10: a 2020-08-09 vote (contested)."
    assert "`" not in esc(prose)


def test_a_long_run_without_spaces_is_escaped_in_linear_time():
    import time

    started = time.perf_counter()
    for text in ("a." * 100_000, "a-" * 100_000 + "@", "w" * 200_000, "@a" * 50_000):
        esc(text)
    assert time.perf_counter() - started < 5  # a quadratic pattern takes minutes here


def test_a_brief_with_addresses_everywhere_has_no_outside_link():
    store = open_store()
    frames = {
        kind: store.frame(kind)
        for kind in ("countries", "actors", "articles", "events", "options", "risks")
    }
    frames["sources"] = store.sources()
    options = frames["options"].copy()
    mine = options.index[options["target"] == "BLR"]
    for row, address in zip(mine, itertools.cycle(ADDRESSES), strict=False):
        options.loc[row, "title"] = f"Fund {address} now"
        options.loc[row, "rationale"] = f"As {address} argues (see {address})."
    frames["options"] = options
    articles = frames["articles"].copy()
    articles["citation"] = [
        f"{c} https://evil.com/a/{i} www.evil.org" for i, c in enumerate(articles["citation"])
    ]
    frames["articles"] = articles
    brief = build_brief(frames, "BLR", include_map=False)
    document = render_md(brief).decode("utf-8")
    assert "Fund `https://evil.com/path?q=1#frag` now" in document
    for name, render in RENDERERS.items():
        assert outside_links(render(document)) == [], name
