"""A note's Markdown as safe HTML: HTML in the text stays text, links are not clickable and
images are not fetched (the app stays offline and a note cannot reach outside): each shows as
its words followed by its address in brackets."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token


def _link_open(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return '<span class="note-link">'


def _link_close(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    opened = next((t for t in reversed(tokens[:idx]) if t.type == "link_open"), None)
    href = str(opened.attrs.get("href", "")) if opened is not None else ""
    return f"</span> [{html.escape(href)}]" if href else "</span>"


def _image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = html.escape(token.content or "image")
    src = html.escape(str(token.attrs.get("src", "")))
    return f"[image not shown: {alt}{' · ' + src if src else ''}]"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["html_block", "html_inline"])
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    return md


_MD = _parser()


def render(text: str) -> str:
    """The note's text as HTML with no tags beyond Markdown's text formatting."""
    return _MD.render(text or "")
