"""A brief as a Word document (.docx), written with python-docx.

python-docx cannot write real Word footnotes, so notes are numbered endnotes in a "Sources"
section, referred to by superscript numbers in the text. The handling line is in every page's
header and footer, with page numbers in the footer. Text from the records goes into runs as
plain text (Word does not interpret it).
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

from democdash.briefs.model import Brief, BriefOption

FONT = "Calibri"
GREY = RGBColor(0x55, 0x55, 0x55)
TABLE_STYLE = "Light List Accent 1"


def _refs(paragraph: Paragraph, refs: tuple[int, ...]) -> None:
    """Superscript note numbers after the text: ¹ ² ... (as "1, 2")."""
    if refs:
        run = paragraph.add_run(",".join(str(n) for n in refs))
        run.font.superscript = True


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
    _text(head, handling, bold=True).font.size = Pt(9)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(foot, handling, bold=True).font.size = Pt(9)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(pages, "Page ").font.size = Pt(8)
    _field(pages, "PAGE")
    _text(pages, " of ").font.size = Pt(8)
    _field(pages, "NUMPAGES")


def _small(doc, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = _text(paragraph, text, italic=italic)
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    return paragraph


def _bullet(doc, label: str, text: str, refs: tuple[int, ...] = ()) -> Paragraph:
    paragraph = doc.add_paragraph(style="List Bullet")
    _text(paragraph, label, bold=True)
    _text(paragraph, text)
    _refs(paragraph, refs)
    return paragraph


def _header_row(table, labels: list[str]) -> None:
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell.text = ""
        _text(cell.paragraphs[0], label, bold=True)
    # Repeat the header row on every page the table spans.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _events(doc, brief: Brief) -> None:
    doc.add_heading("Key events", level=1)
    _small(doc, brief.events_note)
    if not brief.events:
        return
    table = doc.add_table(rows=1, cols=3)
    table.style = TABLE_STYLE
    _header_row(table, ["Date (as known)", "Event (our summary)", "According to"])
    for ev in brief.events:
        cells = table.add_row().cells
        cells[0].text = ev.date
        para = cells[1].paragraphs[0]
        _text(para, f"{ev.type_label}: ", bold=True)
        _text(para, ev.summary)
        _refs(para, ev.refs)
        cells[2].text = ev.according_to
    _widths(table, [3.2, 10.3, 3.5])


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths (cells and grid) and a compact table font."""
    table.autofit = False
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid (LibreOffice reads this)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _options_table(doc, brief: Brief) -> None:
    labels = ["#", "Option", "Instrument", "Positions", "Status"]
    widths = [0.8, 6.6, 2.5, 3.4, 3.7]
    if brief.ranked:
        labels = ["Rank", "Option", "Instrument", "Positions", "Status", "Score"]
        widths = [1.4, 5.6, 2.5, 3.0, 3.0, 1.5]
    table = doc.add_table(rows=1, cols=len(labels))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header_row(table, labels)
    for i, opt in enumerate(brief.options, 1):
        cells = table.add_row().cells
        first = str(i)
        if brief.ranked:
            first = str(opt.rank) if opt.rank is not None else "—"
        cells[0].text = first
        _refs_cell = cells[1].paragraphs[0]
        _text(_refs_cell, opt.title)
        _refs(_refs_cell, opt.refs)
        cells[2].text = opt.instrument
        cells[3].text = opt.positions
        cells[4].text = opt.status_line
        if brief.ranked:
            cells[5].text = "" if opt.score is None else f"{opt.score:.2f}"
    _widths(table, widths)


def _option_detail(doc, i: int, opt: BriefOption, ranked: bool) -> None:
    heading = doc.add_heading(level=2)
    _text(heading, f"{i}. {opt.title}")
    _refs(heading, opt.refs)
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
    _bullet(doc, "Rationale (our words): ", opt.rationale or "not stated")
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
        _refs(para, risk.refs)


def render_docx(brief: Brief) -> bytes:
    """The brief as .docx bytes: title, data-as-of line, map, context, events, options table
    and details, numbered sources, method note; handling line in header and footer."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    props = doc.core_properties
    props.title = brief.title
    props.subject = f"Policy options brief: {brief.country}"
    props.author = "democdash"
    props.keywords = f"{brief.iso3}; {brief.handling}"

    _header_footer(doc, brief.handling)
    doc.add_heading(brief.title, level=0)
    _small(doc, brief.data_as_of, italic=True)
    _small(doc, f"{brief.coverage} {brief.coverage_note}")
    if brief.scenario:
        para = doc.add_paragraph()
        _text(para, "Scenario: ", bold=True)
        _text(para, brief.scenario)

    doc.add_heading("Context", level=1)
    para = doc.add_paragraph(brief.context or f"No context for {brief.country} is recorded.")
    _text(para, " (our summary of the sources)", italic=True).font.color.rgb = GREY

    if brief.map_png:
        doc.add_picture(io.BytesIO(brief.map_png), width=Cm(15.5))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _small(doc, f"{brief.country} (highlighted) and its land neighbours.", italic=True)
    elif brief.map_caption:
        _small(doc, brief.map_caption, italic=True)

    _events(doc, brief)

    doc.add_heading("Policy options", level=1)
    _small(doc, brief.options_note)
    if brief.options:
        _options_table(doc, brief)
        for i, opt in enumerate(brief.options, 1):
            _option_detail(doc, i, opt, brief.ranked)

    doc.add_heading("Sources", level=1)
    _small(doc, "Each note: the article, the paragraph number and a verbatim quote.")
    for fn in brief.footnotes:
        para = doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(0.8)
        para.paragraph_format.first_line_indent = Cm(-0.8)
        para.paragraph_format.space_after = Pt(3)
        where = fn.location()
        _text(para, f"{fn.n}.\t", bold=True)
        _text(para, f"{fn.citation} {where[:1].upper()}{where[1:]}: ")
        _text(para, f"“{fn.quote}”", italic=True)

    doc.add_heading("Method", level=1)
    for line in brief.method_note:
        doc.add_paragraph(line, style="List Bullet")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
