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

from democdash.briefs.model import Brief, BriefOption

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
#: The total-pages placeholder; unusual enough never to occur in a record's text.
PAGES_ALIAS = "{democdash-nb}"
ACCENT = (31, 78, 121)
GREY = (85, 85, 85)
BODY = 9.5
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
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages(PAGES_ALIAS)

    def header(self) -> None:
        self.set_y(8)
        self.set_font(FONT, "B", 8)
        self.set_text_color(0, 0, 0)
        self.cell(0, 5, self.handling, align="C")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, "B", 8)
        self.set_text_color(0, 0, 0)
        self.cell(0, 4, self.handling, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 7.5)
        self.cell(0, 4, f"Page {self.page_no()} of {PAGES_ALIAS}", align="C")


def _style(pdf: FPDF, style: str = "", size: float = BODY, colour=(0, 0, 0)) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)


def _refs(pdf: FPDF, refs: tuple[int, ...]) -> None:
    """Superscript note numbers at the current position."""
    if not refs:
        return
    text = ",".join(str(n) for n in refs)
    pdf.char_vpos = "SUP"
    # Never split a run of note numbers: start a new line when it does not fit.
    needed = pdf.get_string_width(text) + 2 * pdf.c_margin + 0.5
    if pdf.get_x() + needed > pdf.w - pdf.r_margin:
        pdf.ln(LINE)
    pdf.write(LINE, text)
    pdf.char_vpos = "LINE"


def _heading(pdf: FPDF, text: str, level: int = 1) -> None:
    size = {0: 18, 1: 13, 2: 10.5}[level]
    if level <= 1:
        pdf.ln(2)
    if pdf.will_page_break(size + 14):
        pdf.add_page()
    _style(pdf, "B", size, ACCENT)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _paragraph(pdf: FPDF, text: str, *, style: str = "", size: float = BODY, colour=(0, 0, 0)):
    _style(pdf, style, size, colour)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


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
    """A flowing paragraph of (text, style) runs and superscript refs, wrapped at the margins;
    with a bullet it hangs at `indent` mm."""
    left = pdf.l_margin
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
    _refs(pdf, refs)
    pdf.ln(LINE)
    pdf.set_left_margin(left)
    pdf.set_x(left)
    pdf.ln(0.8)


def _options_table(pdf: FPDF, brief: Brief) -> None:
    labels = ["#", "Option", "Instrument", "Positions", "Status"]
    widths = (8, 70, 22, 34, 40)
    if brief.ranked:
        labels = ["Rank", "Option", "Instrument", "Positions", "Status", "Score"]
        widths = (11, 58, 24, 31, 34, 16)
    _style(pdf, "", 8.5)
    head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        headings_style=head,
        line_height=4.2,
        padding=1.2,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for label in labels:
            row.cell(label)
        for i, opt in enumerate(brief.options, 1):
            row = table.row()
            first = str(i)
            if brief.ranked:
                first = str(opt.rank) if opt.rank is not None else "—"
            row.cell(first)
            row.cell(opt.title)
            row.cell(opt.instrument)
            row.cell(opt.positions)
            row.cell(opt.status_line)
            if brief.ranked:
                row.cell("" if opt.score is None else f"{opt.score:.2f}")
    pdf.ln(2)


def _option_detail(pdf: FPDF, i: int, opt: BriefOption, ranked: bool) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    _style(pdf, "B", 10.5, ACCENT)
    pdf.write(LINE + 0.5, f"{i}. {opt.title}")
    _refs(pdf, opt.refs)
    pdf.ln(LINE + 1.5)
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
    _runs(pdf, [("Rationale (our words): ", "B"), (opt.rationale or "not stated", "")], bullet="•")
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
                ],
                risk.refs,
                bullet="–",
                indent=5,
            )
    pdf.ln(1.5)


def render_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes (A4, DejaVu Sans embedded, handling line on every page)."""
    pdf = _BriefPDF(brief.handling)
    pdf.set_title(brief.title)
    pdf.set_subject(f"Policy options brief: {brief.country}")
    pdf.set_author("democdash")
    pdf.set_creator("democdash")
    pdf.set_keywords(f"{brief.iso3}; {brief.handling}")
    pdf.set_lang("en")
    pdf.add_page()

    _heading(pdf, brief.title, level=0)
    _paragraph(pdf, brief.data_as_of, style="I", size=8, colour=GREY)
    _paragraph(pdf, f"{brief.coverage} {brief.coverage_note}", size=8, colour=GREY)
    if brief.scenario:
        _runs(pdf, [("Scenario: ", "B"), (brief.scenario, "")])

    _heading(pdf, "Context")
    _runs(
        pdf,
        [
            (brief.context or f"No context for {brief.country} is recorded.", ""),
            (" (our summary of the sources)", "I"),
        ],
    )

    if brief.map_png:
        width = pdf.epw * 0.82
        pdf.ln(1)
        pdf.image(io.BytesIO(brief.map_png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
        _paragraph(
            pdf,
            f"{brief.country} (highlighted) and its land neighbours.",
            style="I",
            size=8,
            colour=GREY,
        )
    elif brief.map_caption:
        _paragraph(pdf, brief.map_caption, style="I", size=8, colour=GREY)

    _heading(pdf, "Key events")
    _paragraph(pdf, brief.events_note, size=8, colour=GREY)
    for ev in brief.events:
        _runs(
            pdf,
            [
                (f"{ev.date} · ", "B"),
                (f"{ev.type_label}: ", "B"),
                (f"{ev.summary} (according to {ev.according_to})", ""),
            ],
            ev.refs,
            bullet="•",
        )

    _heading(pdf, "Policy options")
    _paragraph(pdf, brief.options_note, size=8, colour=GREY)
    if brief.options:
        _options_table(pdf, brief)
        for i, opt in enumerate(brief.options, 1):
            _option_detail(pdf, i, opt, brief.ranked)

    _heading(pdf, "Sources")
    _paragraph(
        pdf,
        "Each note: the article, the paragraph number and a verbatim quote.",
        size=8,
        colour=GREY,
    )
    for fn in brief.footnotes:
        where = fn.location()
        _runs(
            pdf,
            [
                (f"{fn.citation} {where[:1].upper()}{where[1:]}: ", ""),
                (f"“{fn.quote}”", "I"),
            ],
            bullet=f"{fn.n}.",
            indent=0,
        )

    _heading(pdf, "Method")
    for line in brief.method_note:
        _runs(pdf, [(line, "")], bullet="•")
    return bytes(pdf.output())
