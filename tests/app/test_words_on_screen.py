"""Words on screen: no page shows a raw vocabulary value ("in_force", "legislation_reform").
The list is derived from `democdash.vocab` (values with underscores or that are not words, as
`tests/unit/test_brief_reader.py` derives its developer words); every page and view is opened
and all the text it shows is read: markdown, captions, headings, messages, labels, the options
of every picker and the shown columns of every table."""

from __future__ import annotations

import re
from enum import StrEnum

import pandas as pd
import pytest

from democdash import vocab

#: Every page and view, as a link opens it.
VIEWS = [
    ("overview", {"country": "BLR"}),
    ("events", {"country": "BLR"}),
    ("events", {"country": "BLR", "view": "map"}),
    ("events", {"country": "BLR", "view": "timeline"}),
    ("options", {"country": "BLR"}),
    ("options", {"country": "BLR", "group": "instrument"}),
    ("options", {"country": "BLR", "tab": "score"}),
    ("countries", {"country": "BLR"}),
    ("countries", {"country": "BLR", "tab": "events"}),
    ("countries", {"country": "BLR", "tab": "options"}),
    ("countries", {"country": "BLR", "tab": "quotes"}),
    ("sources", {}),
    ("sources", {"kind": "sanctions"}),
    ("sources", {"kind": "events"}),
    ("sources", {"kind": "options"}),
    ("sources", {"kind": "actors"}),
    ("indicators", {}),
]


def raw_values() -> set[str]:
    """Vocabulary values a reader must never see as they are stored."""
    found = set()
    for value in vars(vocab).values():
        if isinstance(value, type) and issubclass(value, StrEnum):
            found |= {
                m.value
                for m in value
                if "_" in m.value or not re.fullmatch(r"[A-Za-z]+|\d", m.value)
            }
    return found


def shown_cells(table) -> list[str]:
    """The text of a table's shown columns (`column_order` when the page set one)."""
    frame: pd.DataFrame = table.value
    order = list(getattr(table.proto, "column_order", []) or [])
    columns = [c for c in order if c in frame.columns] or list(frame.columns)
    cells: list[str] = []  # headers are the column config's labels, not these keys
    for column in columns:
        cells += [str(v) for v in frame[column].explode().dropna()]
    return cells


def page_text(at) -> str:
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "code",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in getattr(at, kind):
            parts += [widget.label, *(str(o) for o in widget.options)]
    for kind in ("button", "checkbox", "toggle", "text_input"):
        parts += [str(w.label) for w in getattr(at, kind)]
    parts += [t.label for t in at.tabs] + [e.label for e in at.expander]
    for table in at.dataframe:
        parts += shown_cells(table)
    return re.sub(r"https?://\S+|\(\?[^)]*\)", " ", "\n".join(parts))


def test_the_list_is_derived_and_has_the_values_seen_on_screen():
    assert {"in_force", "legislation_reform"} <= raw_values()


@pytest.mark.parametrize(("page", "query"), VIEWS, ids=[f"{p}-{q}" for p, q in VIEWS])
def test_no_page_shows_a_raw_vocabulary_value(open_app, page, query):
    at = open_app(page, query=query)
    text = page_text(at)
    found = sorted(
        w for w in raw_values() if re.search(rf"(?<![\w/=-]){re.escape(w)}(?![\w-])", text)
    )
    assert not found, f"{page} {query} shows {found}"


def test_the_sidebar_cites_what_is_known_and_leaves_unknowns_to_the_sources_page(open_app):
    at = open_app("overview")
    # as the reader sees it (the app backslash-escapes source text for markdown)
    sidebar = re.sub(r"\\(.)", r"\1", "\n".join(str(c.value) for c in at.sidebar.caption))
    assert "The Atlantic, about Nov 2020." in sidebar
    for unknown in ("untitled", "no title", "author not stated", "not stated"):
        assert unknown not in sidebar.lower(), unknown
