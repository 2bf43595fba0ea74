"""Briefs carry V-Dem's figures for the country with their citation, framed as outside data;
as of a date, only the years before it, with a note that the coding is later."""

from __future__ import annotations

from democdash.briefs import build_brief, render
from democdash.store import open_store
from tests.unit.test_brief_reader import docx_body, leaks, pdf_text


def test_every_brief_format_carries_the_indicator_figures_with_their_citation() -> None:
    store = open_store()
    brief = build_brief(store, "BLR", include_map=False)
    (vdem,) = brief.indicators
    assert vdem.lines[0].startswith("Electoral democracy index (index, 0-1):")
    assert "0.173 (2021)" in vdem.lines[0] and "68% interval in 2024: 0.147–0.172" in vdem.lines[0]
    assert vdem.lines[-1].endswith("closed autocracy 2024.")
    md = render(brief, "md").decode("utf-8")
    docx = docx_body(render(brief, "docx"))
    pdf = " ".join(pdf_text(render(brief, "pdf")))
    for text in (md, docx, pdf):
        assert "0.173 (2021)" in text
        assert "V-Dem Country-Year Dataset v15" in text
        assert "outside data, not our sources" in text
        assert leaks(text) == []


def test_as_of_a_date_the_brief_lists_only_the_years_before_it() -> None:
    brief = build_brief(open_store(), "BLR", include_map=False, as_of="2021-03")
    (vdem,) = brief.indicators
    assert "0.211 (2020)" in vdem.lines[0] and "(2021)" not in vdem.lines[0]
    assert "published later than" in vdem.note
