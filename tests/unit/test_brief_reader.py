"""A brief a director reads: the bottom line up front (the analyst's own words from the store,
never generated), ranked options with scores and rationales, key risks, gaps, the as-of date;
short (one page) and full versions; each source once in a numbered list; each claim's standing
and grade; text at 10 pt or more, inside the margins; no developer vocabulary in any format.

Files are read back with python-docx and pypdf. Expectations come from the store.
"""

from __future__ import annotations

import io
import re
from datetime import date
from enum import StrEnum
from pathlib import Path

import matplotlib
import pytest
from docx import Document
from docx.shared import Cm, Pt
from matplotlib.ft2font import FT2Font, LoadFlags
from pydantic import BaseModel
from pypdf import PdfReader
from typer.testing import CliRunner

from democdash import models, scoring, vocab
from democdash.briefs import FORMATS, VERSIONS, build_brief, render
from democdash.briefs.notes_form import NotesFormError, country_sources, notes_from_form
from democdash.models import ClaimGrade, CredibilityGrade, ReliabilityGrade, SourceGrade
from democdash.store import open_store
from democdash.store.brief_notes import BottomLineSentence, BriefNotes

TODAY = date(2026, 11, 22)
MM = 72 / 25.4
MIN_PT = 10.0
#: Nothing is drawn closer to the paper's edge than this (points).
EDGE = 10 * MM


# -- what must never reach a reader, derived from the code ----------------------------------------


def developer_words() -> set[str]:
    """Field names with underscores (pydantic models in democdash.models) and vocabulary values
    with underscores or that are not words (democdash.vocab), as a reader must never see them."""
    found = set()
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            found |= {name for name in value.model_fields if "_" in name}
    for value in vars(vocab).values():
        if isinstance(value, type) and issubclass(value, StrEnum):
            found |= {
                m.value
                for m in value
                if "_" in m.value or not re.fullmatch(r"[A-Za-z]+|\d", m.value)
            }
    return found


def leaks(text: str) -> list[str]:
    """Developer words in `text` (addresses left out: a URL may hold anything)."""
    text = re.sub(r"https?://\S+", " ", text)
    return sorted(
        w for w in developer_words() if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
    )


def test_the_developer_word_list_is_derived_and_catches_the_old_leak():
    words = developer_words()
    assert {
        "claimed_by",
        "text_sha256",
        "same_story_as",
        "in_force",
        "legislation_reform",
    } <= words
    assert leaks("an in_force sanction, claimed_by author") == ["claimed_by", "in_force"]


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def store():
    return open_store()


def _notes(store) -> BriefNotes:
    articles = list(store.frame("articles")["id"])
    return BriefNotes(
        country="BLR",
        bottom_line=[
            BottomLineSentence(
                text="Minsk will not bend while Moscow pays.", sources=[articles[-1]]
            ),
            BottomLineSentence(text="Targeted sanctions matter most.", sources=articles[:2]),
        ],
        key_risks="Russian police may be sent in; sanctions may push Minsk closer to Moscow.",
    )


def _scenario(store, n: int = 3) -> scoring.Scenario:
    options = store.options().query("target == 'BLR'")
    scenario = scoring.new_scenario("plan", "tester", shared=True)
    for i, option_id in enumerate(options["id"][:n]):
        for criterion in ("impact", "feasibility"):
            scenario = scoring.set_score(
                scenario, option_id, criterion, 5 - i, f"Why {criterion} {i}: it reads so", "tester"
            )
    return scenario


def _ranked(store, notes: bool = True):
    scenario = _scenario(store)
    if notes:
        store.save_brief_notes(_notes(store), by="alice")
        store.save_brief_notes(
            _notes(store).model_copy(update={"scenario": scenario.address}), by="alice"
        )
    ranking = scoring.rank(store.options().query("target == 'BLR'"), scenario)
    return build_brief(store, "BLR", ranking=ranking, scenario=scenario, today=TODAY)


def docx_body(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def text_of(data: bytes, fmt: str) -> str:
    if fmt == "docx":
        return docx_body(data)
    if fmt == "pdf":
        return "\n".join(pdf_text(data))
    return re.sub(r"\\(.)", r"\1", data.decode("utf-8"))


# -- page one -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_page_one_says_the_bottom_line_is_not_written_until_it_is(store, fmt):
    brief = build_brief(store, "BLR", today=TODAY, include_map=False)
    assert brief.bottom_line == () and brief.key_risks is None
    text = text_of(render(brief, fmt, version="short"), fmt)
    assert "Bottom line not yet written." in text
    assert "Key risks not yet written." in text
    assert "As of 22 Nov 2026" in text
    assert "What our sources do not cover" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_page_one_opens_with_the_analysts_bottom_line_ranking_and_risks(store, fmt):
    brief = _ranked(store)
    numbers = {s.article: s.n for s in brief.sources}
    articles = list(store.frame("articles")["id"])
    assert brief.bottom_line[1].refs == (numbers[articles[0]], numbers[articles[1]])
    text = " ".join(text_of(render(brief, fmt, version="short"), fmt).split())
    first = text.index("Minsk will not bend while Moscow pays.")
    assert first < text.index("Options as the analyst ranks them") < text.index("Key risks")
    assert f"Minsk will not bend while Moscow pays. [{brief.bottom_line[0].refs[0]}]" in text
    assert "Russian police may be sent in" in text
    top = next(o for o in brief.options if o.rank == 1)
    assert f"{top.title} (score {top.score:.2f})." in text
    assert "Impact 5: Why impact 0: it reads so." in text  # the rationale, not just the number
    for source in brief.page_one_sources():
        assert source.citation in text
    if fmt != "md":
        assert "Annex D: Quotes" not in text  # short: page one only
    full = text_of(render(brief, fmt), fmt)
    for heading in ("Annex A", "Annex B: Actors", "Annex C", "Annex D: Quotes", "Sources"):
        assert heading in full


def test_notes_follow_the_scenario_they_were_written_under(store):
    store.save_brief_notes(_notes(store), by="alice")
    plain = build_brief(store, "BLR", today=TODAY, include_map=False)
    assert plain.bottom_line[0].text == "Minsk will not bend while Moscow pays."
    assert plain.notes_by.startswith("alice, ")
    scenario = _scenario(store)
    ranking = scoring.rank(store.options().query("target == 'BLR'"), scenario)
    other = build_brief(store, "BLR", ranking=ranking, scenario=scenario, include_map=False)
    assert other.bottom_line == ()  # nothing written under that scenario yet


def test_gaps_are_derived_from_the_records(store):
    brief = build_brief(store, "BLR", today=TODAY, include_map=False)
    articles = store.frame("articles")
    newest = articles.loc[articles["published_latest"].idxmax(), "published"]
    assert any(f"published after {newest}" in g for g in brief.gaps)
    events = store.frame("events").query("country == 'BLR'")
    absent = set(vocab.EventType) - set(events["type"]) - {vocab.EventType.OTHER}
    line = next(g for g in brief.gaps if g.startswith("No events of these types"))
    assert all(vocab.label(t.value).lower() in line for t in absent)
    single = sum(
        1
        for c in [*brief.events, *brief.options, *(r for o in brief.options for r in o.risks)]
        if c.support.standing.startswith("single source")
    )
    assert any(g.startswith(f"{single} of the ") for g in brief.gaps)


# -- citations, standing and grades ---------------------------------------------------------------


def test_each_source_once_by_what_is_known_and_claims_show_standing_and_grade(store):
    articles = store.frame("articles")
    graded = articles.iloc[0]
    store.save_source_grade(
        SourceGrade(
            subject="article",
            name=graded["id"],
            reliability=ReliabilityGrade(grade="B", by="alice", on="2026-12-01"),
        ),
        by="alice",
    )
    option = store.options().query("target == 'BLR'").iloc[0]
    store.grade_claim(
        ClaimGrade(
            kind="options",
            record_id=option["id"],
            credibility=CredibilityGrade(grade="2", by="alice", on="2026-12-01"),
        ),
        by="alice",
    )
    brief = build_brief(store, "BLR", today=TODAY, include_map=False)
    for fmt in FORMATS:
        text = " ".join(text_of(render(brief, fmt), fmt).split())
        assert "untitled" not in text and "no title in the text" not in text
        for source in brief.sources:  # listed once, by number
            assert text.count(source.citation) == 1 + (source in brief.page_one_sources())
        assert "Reliability B (usually reliable)" in text
        assert "credibility 2 (probably true)" in text
        assert "(single source" in text or "(corroborated" in text
    mine = next(o for o in brief.options if o.id == option["id"])
    assert mine.support.credibility == "2 (probably true)"
    words = {"single-source": "single source"}.get(option["standing"], option["standing"])
    assert mine.support.standing.startswith(words)


# -- nothing for developers reaches a reader ------------------------------------------------------


def test_no_field_names_or_raw_vocabulary_in_any_brief(store):
    for iso3 in store.frame("countries").query("role == 'focus'")["iso3"]:
        if iso3 == "BLR":
            brief = _ranked(store, notes=False)
        else:
            brief = build_brief(store, iso3, today=TODAY, include_map=False)
        for fmt in FORMATS:
            for version in VERSIONS:
                text = text_of(render(brief, fmt, version=version), fmt)
                assert leaks(text) == [], (iso3, fmt, version)


# -- layout read back: one page, 10 pt, inside the margins ----------------------------------------


def _fonts() -> dict[str, FT2Font]:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {
        style: FT2Font(str(folder / name))
        for style, name in {
            "": "DejaVuSans.ttf",
            "Bold": "DejaVuSans-Bold.ttf",
            "Oblique": "DejaVuSans-Oblique.ttf",
        }.items()
    }


def _width(fonts: dict[str, FT2Font], font_name: str, text: str, size: float) -> float:
    style = "Bold" if "Bold" in font_name else "Oblique" if "Oblique" in font_name else ""
    font = fonts[style]
    font.set_size(size, 72)
    font.set_text(text, flags=LoadFlags.NO_HINTING)  # unhinted: the PDF's own advances
    return font.get_width_height()[0] / 64


def pdf_runs(data: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """Every text run of a PDF: page, text, size (pt), x, y, width (pt)."""
    fonts = _fonts()
    runs = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if not text.strip():
                return
            scale = (tm[0] * cm[0]) or 1
            size = font_size * abs(scale)
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            name = str((font_dict or {}).get("/BaseFont", ""))
            runs.append((number, text, size, x, y, _width(fonts, name, text.rstrip("\n"), size)))

        page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("notes", [False, True])
def test_short_pdf_is_one_page_at_10_pt_inside_the_margins(store, notes):
    brief = _ranked(store, notes=notes)
    data = render(brief, "pdf", version="short")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    runs = pdf_runs(data)
    assert len(runs) > 30
    for _, text, size, x, y, w in runs:
        assert size >= MIN_PT - 0.01, (text, size)
        assert x >= EDGE and x + w <= width - EDGE, (text, x, w)
        assert EDGE <= y <= height - EDGE, (text, y)
    full = render(brief, "pdf")
    for _, text, size, x, _y, w in pdf_runs(full):
        assert size >= MIN_PT - 0.01, (text, size)
        assert x >= EDGE and x + w <= width - EDGE, (text, x, w)


def _docx_sizes(doc) -> list[tuple[str, float]]:
    """Each run's effective size: its own, else its paragraph style's (up the chain)."""
    out = []
    parts = [
        *doc.paragraphs,
        *(p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs),
    ]
    for section in doc.sections:
        parts += [*section.header.paragraphs, *section.footer.paragraphs]
    for para in parts:
        for run in para.runs:
            size = run.font.size
            style = para.style
            while size is None and style is not None:
                size = style.font.size
                style = style.base_style
            size = size or doc.styles["Normal"].font.size
            out.append((run.text, size.pt))
    return out


def test_short_word_file_is_one_page_at_10_pt_inside_the_margins(store):
    brief = _ranked(store)
    doc = Document(io.BytesIO(render(brief, "docx", version="short")))
    for text, size in _docx_sizes(doc):
        assert size >= MIN_PT, (text, size)
    xml = doc.element.body.xml
    assert 'w:type="page"' not in xml  # no page break: page one only
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert min(section.left_margin, section.right_margin, section.top_margin) >= Cm(1.5)
    # Lay page one out with DejaVu Sans, wider than the document's Calibri, so the estimate
    # errs long: each paragraph's lines at 1.2 x its size, plus its spacing.
    fonts = _fonts()
    used = 0.0
    for para in doc.paragraphs:
        runs = para.runs or []
        size = max((s for t, s in _docx_sizes_of(doc, para)), default=10.0)
        width = sum(
            _width(fonts, "Bold" if r.bold else "", r.text.replace("\t", " "), size) for r in runs
        )
        indent = (para.paragraph_format.left_indent or 0) / 12700
        lines = max(1, -(-width // (text_width / 12700 - indent - 18)))
        spacing = (para.style.paragraph_format.space_before or Pt(0)).pt + (
            para.style.paragraph_format.space_after or Pt(3)
        ).pt
        used += lines * size * 1.2 + spacing
    assert used <= text_height / 12700, (used, text_height / 12700)
    full = Document(io.BytesIO(render(brief, "docx")))
    for shape in full.inline_shapes:
        assert shape.width <= text_width


def _docx_sizes_of(doc, para) -> list[tuple[str, float]]:
    one = type(
        "One", (), {"paragraphs": [para], "tables": (), "sections": (), "styles": doc.styles}
    )
    return _docx_sizes(one)


# -- CLI and form ---------------------------------------------------------------------------------


def test_cli_writes_the_short_version(tmp_path):
    from democdash.cli import app

    out = tmp_path / "short.pdf"
    args = ["brief", "-c", "BLR", "-f", "pdf", "-o", str(out), "--no-texts", "--version", "short"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "short" in result.output and "bottom line not yet written" in result.output
    assert len(PdfReader(out).pages) == 1
    full = tmp_path / "full.pdf"
    result = CliRunner().invoke(app, [*args[:6], str(full), "--no-texts"])
    assert len(PdfReader(full).pages) > 2


def test_the_form_keeps_written_sentences_with_their_sources(store):
    choices = country_sources(store.sources(), store.frame("events"), store.frame("options"), "BLR")
    assert choices and set(choices) <= set(store.frame("articles")["id"])
    notes = notes_from_form(
        "BLR", "a/b", [("One.", choices[:1]), ("  ", []), ("Two.", choices)], "Risky."
    )
    assert [s.text for s in notes.bottom_line] == ["One.", "Two."]
    assert notes.scenario == "a/b" and notes.key_risks == "Risky."
    with pytest.raises(NotesFormError, match=r"sentence 1 .* names no source"):
        notes_from_form("BLR", None, [("Unsourced.", [])], "")
    with pytest.raises(NotesFormError, match="at most"):
        notes_from_form("BLR", None, [("x" * 400, choices[:1])], "")
