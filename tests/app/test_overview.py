"""Overview page: renders, restores the selected country from the URL, reacts to a map click
(handled once), and reports a bad code with one message."""

import re

import pytest

from democdash.aggregates import COVERAGE_NOTE
from democdash.store import open_store


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes article text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def subheaders(at):
    """The page's headings: subheaders, and Markdown's third-level headings (a heading opens
    the element of what it heads: the country panel, the sources)."""
    lines = [line for m in at.main.markdown for line in shown(m.value).split("\n")]
    return [shown(s.value) for s in at.subheader] + [h[4:] for h in lines if h.startswith("### ")]


def test_overview_shows_figures_map_and_sources(open_app, headline):
    at = open_app()
    figures = headline(at)
    assert figures["sources"] == 2
    assert figures["events"] >= 24
    assert set(figures) == {"countries", "events", "options", "sources"}
    assert not at.metric  # metric cards' code would load before the map draws
    assert "Sources" in subheaders(at)
    assert [c for c in at.get("bidi_component") if c.key.endswith("map")], (
        "the world map is not drawn"
    )
    assert not at.get("plotly_chart")  # a map needs no charting library
    # no table on a first visit (a table's code is 1.4 MB the browser would load before the
    # map draws): the sources are a list, each opening its source page
    assert not at.dataframe
    listed = " ".join(m.value for m in at.markdown)
    for article in open_store().frame("articles")["id"]:
        assert f"](sources?article={article})" in listed


def test_url_country_restores_the_panel(open_app):
    at = open_app(query={"country": "BLR"})
    assert "Belarus" in subheaders(at)
    panel = " ".join(m.value for m in at.markdown)
    assert "Latest events" in panel and "Policy options" in panel


def test_bad_country_code_gives_one_message_and_is_dropped(open_app):
    at = open_app(query={"country": "XXZ"})
    assert [shown(w.value) for w in at.warning] == [
        "Ignored in the link: unknown country code 'XXZ' in 'country'."
    ]
    assert "Belarus" not in subheaders(at)
    assert "country" not in at.query_params


def test_the_map_as_a_table_is_drawn_only_when_opened(open_app):
    at = open_app()

    def country_tables():
        return [d.value for d in at.dataframe if "iso3" in d.value.columns]

    assert not country_tables()  # closed: its table is not computed or sent
    at.session_state["overview_table"] = True
    at.run()
    (table,) = country_tables()
    assert sorted(table["iso3"]) == sorted(open_store().frame("countries")["iso3"])


def test_a_sources_line_counts_in_words():
    from democdash.ui.sources_view import drawn_line

    counts = {"events": 1, "options": 2, "sanctions": 1, "risks": 0}
    assert drawn_line(counts, 1) == "1 event, 2 options, 1 sanction · 1 quote cited"
    assert drawn_line({"events": 0}, 1_024) == "no records yet · 1,024 quotes cited"


@pytest.mark.parametrize("color", ["role", "events", "options"])
def test_the_coverage_note_and_the_boundaries_credit_are_said_once(open_app, color):
    at = open_app(query={"color": color})
    captions = " ".join(shown(c.value) for c in [*at.caption, *at.main.markdown])
    assert captions.count(COVERAGE_NOTE) == 1
    assert captions.count("Natural Earth") == 1
