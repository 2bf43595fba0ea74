"""A brief as PDF, written with fpdf2 and an embedded Unicode font.

fpdf2's core fonts cannot encode "č" or curly quotes, both in the sources, so DejaVu Sans (which
ships with matplotlib) is embedded. The handling line is in every page's header and footer,
with page numbers. Record text is written as plain text (no markdown or HTML is interpreted).
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from democdash.briefs.model import FITS, Brief, BriefOption, Fit, refs_text
from democdash.briefs.page_one import page_one
from democdash.text import quoted

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
#: The total-pages placeholder; unusual enough never to occur in a record's text.
PAGES_ALIAS = "{democdash-nb}"
ACCENT = (31, 78, 121)
GREY = (85, 85, 85)
#: Every text of the brief is at least this size (points), notes and tables included.
BODY = 10.0
LINE = 5.0


def font_dir() -> Path:
    """Matplotlib's bundled TrueType fonts (DejaVu Sans)."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _BriefPDF(FPDF):
    def __init__(self, handling: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.handling = handling
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(font_dir() / name))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=24)
        self.alias_nb_pages(PAGES_ALIAS)

    def header(self) -> None:
        self.set_y(8)
        self.set_font(FONT, "B", BODY)
        self.set_text_color(0, 0, 0)
        self.cell(0, 5, self.handling, align="C")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-22)
        self.set_font(FONT, "B", BODY)
        self.set_text_color(0, 0, 0)
        self.cell(0, 5, self.handling, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", BODY)
        self.cell(0, 5, f"Page {self.page_no()} of {PAGES_ALIAS}", align="C")


def _style(pdf: FPDF, style: str = "", size: float = BODY, colour=(0, 0, 0)) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)


def _heading(pdf: FPDF, text: str, level: int = 1) -> None:
    size = {0: 16, 1: 12.5, 2: 11}[level]
    if level <= 1:
        pdf.ln(1.5)
    if pdf.will_page_break(size + 14):
        pdf.add_page()
    _style(pdf, "B", size, ACCENT)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str, *, style: str = "", colour=(0, 0, 0)) -> None:
    _style(pdf, style, BODY, colour)
    pdf.multi_cell(0, LINE, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _keep_together(pdf: FPDF, runs: list[tuple[str, str]], indent: float) -> None:
    """Start a new page rather than split a short paragraph across two."""
    width = 0.0
    for text, style in runs:
        _style(pdf, style)
        width += pdf.get_string_width(text)
    lines = math.ceil(width / max(pdf.epw - indent - 4, 10)) + 1
    if lines * LINE < pdf.eph / 3 and pdf.will_page_break(lines * LINE):
        pdf.add_page()


def _runs(
    pdf: FPDF,
    runs: list[tuple[str, str]],
    refs: tuple[int, ...] = (),
    *,
    bullet: str | None = None,
    indent: float = 0.0,
) -> None:
    """A flowing paragraph of (text, style) runs and its source numbers ("[1, 3]"), wrapped
    at the margins; with a bullet it hangs at `indent` mm."""
    left = pdf.l_margin
    if refs:
        runs = [*runs, (f" {refs_text(refs)}", "")]
    _keep_together(pdf, runs, indent + (8 if bullet else 0))
    if bullet is not None:
        _style(pdf)
        hang = 4 if len(bullet) == 1 else 8
        pdf.set_x(left + indent)
        pdf.cell(hang, LINE, bullet)
        pdf.set_left_margin(left + indent + hang)
    # fpdf2 wraps a write() only at spaces inside it: a run that starts with a long word at
    # the end of a line would be cut mid-word. Each run's trailing space therefore starts the
    # next run, giving the line a place to break.
    carry = ""
    for text, style in runs:
        _style(pdf, style)
        body = text.rstrip(" ")
        pdf.write(LINE, carry + body)
        carry = text[len(body) :]
    _style(pdf)
    pdf.ln(LINE)
    pdf.set_left_margin(left)
    pdf.set_x(left)
    pdf.ln(0.6)


def _support(support) -> tuple[str, str]:
    text = support.text()
    return (f" ({text})", "I") if text else ("", "")


def _page_one(pdf: FPDF, brief: Brief, fit: Fit) -> None:
    """The bottom line up front: what the analyst concludes, ranks and fears, what our sources
    do not cover, and as of when."""
    one = page_one(brief, fit)
    _heading(pdf, brief.title, level=0)
    _paragraph(pdf, one.as_of, style="B")
    _heading(pdf, "Bottom line")
    if one.bottom_line:
        for sentence in one.bottom_line:
            _runs(pdf, [(sentence.text, "")], sentence.refs, bullet="•")
    else:
        _paragraph(pdf, one.no_bottom_line, style="I", colour=GREY)
    _heading(pdf, one.options_heading)
    if one.options_note:
        _paragraph(pdf, one.options_note, colour=GREY)
    for item in one.options:
        runs = [(item.head, "B")]
        if item.rationale:
            runs.append((f" {item.rationale}", ""))
        _runs(pdf, runs, bullet=item.mark)
    if one.more:
        _paragraph(pdf, one.more, style="I", colour=GREY)
    _heading(pdf, "Key risks")
    _paragraph(pdf, one.key_risks, style="" if brief.key_risks else "I")
    _heading(pdf, "What our sources do not cover")
    for gap in one.gaps:
        _runs(pdf, [(gap, "")], bullet="•")
    if one.sources:
        _heading(pdf, "Sources cited above")
        for source in one.sources:
            _runs(pdf, [(source.line(), "")], bullet=f"{source.n}.")
    if one.written_by:
        _paragraph(pdf, one.written_by, style="I", colour=GREY)


def _options_table(pdf: FPDF, brief: Brief) -> None:
    labels = ["#", "Option", "Instrument", "Status", "Support"]
    widths = (8, 66, 24, 38, 38)
    if brief.ranked:
        labels = ["Rank", "Option", "Status", "Support", "Score"]
        widths = (12, 70, 38, 38, 16)
    _style(pdf, "", BODY)
    head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        headings_style=head,
        line_height=4.6,
        padding=1.2,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for label in labels:
            row.cell(label)
        for i, opt in enumerate(brief.options, 1):
            row = table.row()
            if brief.ranked:
                row.cell(str(opt.rank) if opt.rank is not None else "not scored")
                row.cell(f"{opt.title} {refs_text(opt.refs)}")
                row.cell(opt.status_line)
                row.cell(opt.support.text() or "not known")
                row.cell("" if opt.score is None else f"{opt.score:.2f}")
            else:
                row.cell(str(i))
                row.cell(f"{opt.title} {refs_text(opt.refs)}")
                row.cell(opt.instrument)
                row.cell(opt.status_line)
                row.cell(opt.support.text() or "not known")
    pdf.ln(2)


def _option_detail(pdf: FPDF, i: int, opt: BriefOption, ranked: bool) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    _runs(
        pdf,
        [(f"C{i}. {opt.title}", "B"), *([_support(opt.support)] if opt.support.text() else [])],
        opt.refs,
    )
    for position in opt.position_lines or ():
        _runs(pdf, [("Position: ", "B"), (position.text, "")], position.refs, bullet="•")
    if not opt.position_lines:
        _runs(pdf, [("Positions: ", "B"), (opt.who, "")], bullet="•")
    _runs(
        pdf,
        [("Instrument: ", "B"), (opt.instrument, ""), ("  Target: ", "B"), (opt.target, "")],
        bullet="•",
    )
    _runs(pdf, [("Status: ", "B"), (opt.status_line, "")], bullet="•")
    if opt.history:
        _runs(pdf, [("Status over time: ", "B"), (" → ".join(opt.history), "")], bullet="•")
    if ranked:
        if opt.rank is None:
            _runs(pdf, [("Score: ", "B"), (opt.score_note or "not scored", "")], bullet="•")
        else:
            score = "" if opt.score is None else f", score {opt.score:.2f}"
            note = f" ({opt.score_note})" if opt.score_note else ""
            _runs(pdf, [(f"Rank {opt.rank}", "B"), (score + note, "")], bullet="•")
            if opt.score_rationales:
                _runs(
                    pdf, [("Analyst's rationale: ", "B"), (opt.analyst_rationale(), "")], bullet="•"
                )
    _runs(
        pdf,
        [("Rationale in the sources (our words): ", "B"), (opt.rationale or "not stated", "")],
        bullet="•",
    )
    if opt.constraints:
        _runs(pdf, [("Constraints (our words): ", "B"), (opt.constraints, "")], bullet="•")
    if not opt.risks:
        _runs(pdf, [("Risks: ", "B"), ("none recorded in our sources", "")], bullet="•")
    else:
        _runs(pdf, [("Risks the sources name:", "B")], bullet="•")
        for risk in opt.risks:
            _runs(
                pdf,
                [
                    (f"{risk.title}: ", "B"),
                    (f"{risk.description} (according to {risk.according_to})", ""),
                    _support(risk.support),
                ],
                risk.refs,
                bullet="–",
                indent=5,
            )
    pdf.ln(1)


def _annexes(pdf: FPDF, brief: Brief) -> None:
    pdf.add_page()
    _heading(pdf, "Annex A: Context and timeline")
    _paragraph(pdf, brief.data_as_of, style="I", colour=GREY)
    _paragraph(pdf, f"{brief.coverage} {brief.coverage_note}", colour=GREY)
    _runs(
        pdf,
        [
            (brief.context or f"No context for {brief.country} is recorded.", ""),
            (" (our summary of the sources)", "I"),
        ],
    )
    for summary in brief.indicators:
        _runs(pdf, [(summary.title, "B"), (" (outside data, not our sources)", "I")])
        for line in summary.lines:
            _paragraph(pdf, f"- {line}")
        if summary.note:
            _paragraph(pdf, summary.note, style="I", colour=GREY)
        _paragraph(pdf, f"Source: {summary.citation}", style="I", colour=GREY)
    if brief.map_png:
        width = pdf.epw * 0.7
        pdf.ln(1)
        pdf.image(io.BytesIO(brief.map_png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
        _paragraph(
            pdf, f"{brief.country} (highlighted) and its land neighbours.", style="I", colour=GREY
        )
    elif brief.map_caption:
        _paragraph(pdf, brief.map_caption, style="I", colour=GREY)
    _paragraph(pdf, brief.events_note, colour=GREY)
    for ev in brief.events:
        _runs(
            pdf,
            [
                (f"{ev.date} · ", "B"),
                (f"{ev.type_label}: ", "B"),
                (f"{ev.summary} (according to {ev.according_to})", ""),
                _support(ev.support),
            ],
            ev.refs,
            bullet="•",
        )

    _heading(pdf, "Annex B: Actors")
    if not brief.actors:
        _paragraph(pdf, "No actors recorded in our sources.", colour=GREY)
    for actor in brief.actors:
        runs = [(f"{actor.name}", "B"), (f" ({actor.role}): " if actor.role else ": ", "")]
        runs += [(actor.description or "no description recorded", ""), _support(actor.support)]
        _runs(pdf, runs, actor.refs, bullet="•")

    _heading(pdf, "Annex C: All options, with every position")
    if brief.scenario:
        _runs(pdf, [("Scenario: ", "B"), (brief.scenario, "")])
    _paragraph(pdf, brief.options_note, colour=GREY)
    if brief.options:
        _options_table(pdf, brief)
        for i, opt in enumerate(brief.options, 1):
            _option_detail(pdf, i, opt, brief.ranked)

    _heading(pdf, "Annex D: Quotes")
    _paragraph(
        pdf, "Each quote is verbatim from the numbered source, at the paragraph given.", colour=GREY
    )
    for n, quotes in brief.annex_quotes().items():
        for note in quotes:
            where = note.location()
            _runs(
                pdf,
                [(f"{where[:1].upper()}{where[1:]}: ", ""), (quoted(note.quote), "I")],
                bullet=f"{n}.",
            )

    _heading(pdf, "Sources")
    for source in brief.sources:
        _runs(pdf, [(source.line(), "")], bullet=f"{source.n}.")

    _heading(pdf, "Method")
    for line in brief.method_note:
        _runs(pdf, [(line, "")], bullet="•")


def _document(brief: Brief) -> _BriefPDF:
    pdf = _BriefPDF(brief.handling)
    pdf.set_title(brief.title)
    pdf.set_subject(f"Policy options brief: {brief.country}")
    pdf.set_author("democdash")
    pdf.set_creator("democdash")
    pdf.set_keywords(f"{brief.iso3}; {brief.handling}")
    pdf.set_lang("en")
    pdf.add_page()
    return pdf


def fit_page_one(brief: Brief) -> Fit:
    """The roomiest fit with which page one fits on one page (the tightest if none does)."""
    for fit in FITS:
        pdf = _document(brief)
        _page_one(pdf, brief, fit)
        if pdf.page == 1:
            return fit
    return FITS[-1]


def render_pdf(brief: Brief, version: str = "full") -> bytes:
    """The brief as PDF bytes (A4, DejaVu Sans embedded, handling line on every page): page
    one (the bottom line up front) alone in the "short" version, then the annexes in the
    "full" one."""
    pdf = _document(brief)
    _page_one(pdf, brief, fit_page_one(brief))
    if version == "full":
        _annexes(pdf, brief)
    return bytes(pdf.output())
