"""A brief as a Word document (.docx), written with python-docx.

Sources are numbered once in a list and referred to by number ("[1, 3]") in the text; the
quotes are in an annex. Page one is the bottom line up front (fitted to one page the way the
PDF measures it), the annexes follow in the full version. All text is 10 pt or larger. The
handling line is in every page's header and footer, with page numbers in the footer. Text
from the records goes into runs as plain text (Word does not interpret it).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from democdash.briefs.model import Brief, BriefOption, Support, refs_text
from democdash.briefs.page_one import page_one
from democdash.text import quoted

FONT = "Calibri"
GREY = RGBColor(0x55, 0x55, 0x55)
TABLE_STYLE = "Light List Accent 1"


#: Every text of the brief is at least this size.
BODY = Pt(10)
#: Text width of an A4 page with 2 cm margins.
TEXT_WIDTH_CM = 17.0


def _refs(paragraph: Paragraph, refs: tuple[int, ...]) -> None:
    """Source numbers after the text: " [1, 3]"."""
    if refs:
        paragraph.add_run(f" {refs_text(refs)}")


def _support(paragraph: Paragraph, support: Support) -> None:
    if support.text():
        _text(paragraph, f" ({support.text()})", italic=True)


def _text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    return run


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_footer(doc, handling: str) -> None:
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(head, handling, bold=True).font.size = BODY
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(foot, handling, bold=True).font.size = BODY
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(pages, "Page ").font.size = BODY
    _field(pages, "PAGE")
    _text(pages, " of ").font.size = BODY
    _field(pages, "NUMPAGES")


def _small(doc, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = _text(paragraph, text, italic=italic)
    run.font.color.rgb = GREY
    return paragraph


def _bullet(doc, label: str, text: str, refs: tuple[int, ...] = (), style="List Bullet"):
    paragraph = doc.add_paragraph(style=style)
    _text(paragraph, label, bold=True)
    _text(paragraph, text)
    _refs(paragraph, refs)
    return paragraph


def _numbered(doc, n: str, runs: list[tuple[str, bool, bool]]) -> Paragraph:
    para = doc.add_paragraph()
    para.paragraph_format.left_indent = Cm(0.8)
    para.paragraph_format.first_line_indent = Cm(-0.8)
    _text(para, f"{n}\t", bold=True)
    for text, bold, italic in runs:
        _text(para, text, bold=bold, italic=italic)
    return para


def _header_row(table, labels: list[str]) -> None:
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell.text = ""
        _text(cell.paragraphs[0], label, bold=True)
    # Repeat the header row on every page the table spans.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths (cells and grid) and the table font at the body size."""
    table.autofit = False
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = BODY
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid (LibreOffice reads this)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _page_one(doc, brief: Brief) -> None:
    from democdash.briefs.render_pdf import fit_page_one

    one = page_one(brief, fit_page_one(brief))
    doc.add_heading(brief.title, level=0)
    _text(doc.add_paragraph(), one.as_of, bold=True)
    doc.add_heading("Bottom line", level=1)
    if one.bottom_line:
        for sentence in one.bottom_line:
            _bullet(doc, "", sentence.text, sentence.refs)
    else:
        _small(doc, one.no_bottom_line, italic=True)
    doc.add_heading(one.options_heading, level=1)
    if one.options_note:
        _small(doc, one.options_note)
    for item in one.options:
        _numbered(doc, item.mark, [(item.head, True, False), (f" {item.rationale}", False, False)])
    if one.more:
        _small(doc, one.more, italic=True)
    doc.add_heading("Key risks", level=1)
    doc.add_paragraph(one.key_risks)
    doc.add_heading("What our sources do not cover", level=1)
    for gap in one.gaps:
        _bullet(doc, "", gap)
    if one.sources:
        doc.add_heading("Sources cited above", level=1)
        for source in one.sources:
            _numbered(doc, f"{source.n}.", [(source.line(), False, False)])
    if one.written_by:
        _small(doc, one.written_by, italic=True)


def _options_table(doc, brief: Brief) -> None:
    labels = ["#", "Option", "Instrument", "Status", "Support"]
    widths = [0.8, 6.4, 2.6, 3.6, 3.6]
    if brief.ranked:
        labels = ["Rank", "Option", "Status", "Support", "Score"]
        widths = [1.6, 6.4, 3.4, 3.6, 2.0]
    table = doc.add_table(rows=1, cols=len(labels))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header_row(table, labels)
    for i, opt in enumerate(brief.options, 1):
        cells = table.add_row().cells
        if brief.ranked:
            cells[0].text = str(opt.rank) if opt.rank is not None else "not scored"
            cells[2].text = opt.status_line
            cells[4].text = "" if opt.score is None else f"{opt.score:.2f}"
        else:
            cells[0].text = str(i)
            cells[2].text = opt.instrument
            cells[4].text = opt.support.text() or "not known"
        para = cells[1].paragraphs[0]
        _text(para, opt.title)
        _refs(para, opt.refs)
        cells[3].text = opt.status_line if not brief.ranked else (opt.support.text() or "not known")
    _widths(table, widths)


def _option_detail(doc, i: int, opt: BriefOption, ranked: bool) -> None:
    heading = doc.add_heading(level=2)
    _text(heading, f"C{i}. {opt.title}")
    _refs(heading, opt.refs)
    _support(heading, opt.support)
    for position in opt.position_lines:
        _bullet(doc, "Position: ", position.text, position.refs)
    if not opt.position_lines:
        _bullet(doc, "Positions: ", opt.who)
    _bullet(doc, "Instrument: ", f"{opt.instrument} · Target: {opt.target}")
    _bullet(doc, "Status: ", opt.status_line)
    if opt.history:
        _bullet(doc, "Status over time: ", " → ".join(opt.history))
    if ranked:
        if opt.rank is None:
            _bullet(doc, "Score: ", opt.score_note or "not scored")
        else:
            note = f" ({opt.score_note})" if opt.score_note else ""
            score = "" if opt.score is None else f", score {opt.score:.2f}"
            _bullet(doc, f"Rank {opt.rank}", f"{score}{note}")
            if opt.score_rationales:
                _bullet(doc, "Analyst's rationale: ", opt.analyst_rationale())
    _bullet(doc, "Rationale in the sources (our words): ", opt.rationale or "not stated")
    if opt.constraints:
        _bullet(doc, "Constraints (our words): ", opt.constraints)
    if not opt.risks:
        _bullet(doc, "Risks: ", "none recorded in our sources")
        return
    _bullet(doc, "Risks the sources name:", "")
    for risk in opt.risks:
        para = doc.add_paragraph(style="List Bullet 2")
        _text(para, f"{risk.title}: ", bold=True)
        _text(para, f"{risk.description} (according to {risk.according_to})")
        _support(para, risk.support)
        _refs(para, risk.refs)


def _annexes(doc, brief: Brief) -> None:
    doc.add_page_break()
    doc.add_heading("Annex A: Context and timeline", level=1)
    _small(doc, brief.data_as_of, italic=True)
    _small(doc, f"{brief.coverage} {brief.coverage_note}")
    para = doc.add_paragraph(brief.context or f"No context for {brief.country} is recorded.")
    _text(para, " (our summary of the sources)", italic=True).font.color.rgb = GREY
    for summary in brief.indicators:
        para = doc.add_paragraph()
        _text(para, summary.title, bold=True)
        _text(para, " (outside data, not our sources)", italic=True)
        for line in summary.lines:
            doc.add_paragraph(line, style="List Bullet")
        if summary.note:
            _small(doc, summary.note, italic=True)
        _small(doc, f"Source: {summary.citation}", italic=True)
    if brief.map_png:
        doc.add_picture(io.BytesIO(brief.map_png), width=Cm(13))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _small(doc, f"{brief.country} (highlighted) and its land neighbours.", italic=True)
    elif brief.map_caption:
        _small(doc, brief.map_caption, italic=True)
    _small(doc, brief.events_note)
    for ev in brief.events:
        para = doc.add_paragraph(style="List Bullet")
        _text(para, f"{ev.date} · {ev.type_label}: ", bold=True)
        _text(para, f"{ev.summary} (according to {ev.according_to})")
        _support(para, ev.support)
        _refs(para, ev.refs)

    doc.add_heading("Annex B: Actors", level=1)
    if not brief.actors:
        _small(doc, "No actors recorded in our sources.")
    for actor in brief.actors:
        para = doc.add_paragraph(style="List Bullet")
        _text(para, actor.name, bold=True)
        _text(para, f" ({actor.role}): " if actor.role else ": ")
        _text(para, actor.description or "no description recorded")
        _support(para, actor.support)
        _refs(para, actor.refs)

    doc.add_heading("Annex C: All options, with every position", level=1)
    if brief.scenario:
        para = doc.add_paragraph()
        _text(para, "Scenario: ", bold=True)
        _text(para, brief.scenario)
    _small(doc, brief.options_note)
    if brief.options:
        _options_table(doc, brief)
        for i, opt in enumerate(brief.options, 1):
            _option_detail(doc, i, opt, brief.ranked)

    doc.add_heading("Annex D: Quotes", level=1)
    _small(doc, "Each quote is verbatim from the numbered source, at the paragraph given.")
    for n, quotes in brief.annex_quotes().items():
        for note in quotes:
            where = note.location()
            _numbered(
                doc,
                f"{n}.",
                [
                    (f"{where[:1].upper()}{where[1:]}: ", False, False),
                    (quoted(note.quote), False, True),
                ],
            )

    doc.add_heading("Sources", level=1)
    for source in brief.sources:
        _numbered(doc, f"{source.n}.", [(source.line(), False, False)])

    doc.add_heading("Method", level=1)
    for line in brief.method_note:
        doc.add_paragraph(line, style="List Bullet")


def render_docx(brief: Brief, version: str = "full") -> bytes:
    """The brief as .docx bytes: page one (the bottom line up front) alone in the "short"
    version, then the annexes in the "full" one; handling line in header and footer."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY
    normal.paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].paragraph_format.space_before = Pt(6)
        doc.styles[name].paragraph_format.space_after = Pt(3)
    props = doc.core_properties
    props.title = brief.title
    props.subject = f"Policy options brief: {brief.country}"
    props.author = "democdash"
    props.keywords = f"{brief.iso3}; {brief.handling}"

    _header_footer(doc, brief.handling)
    _page_one(doc, brief)
    if version == "full":
        _annexes(doc, brief)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
