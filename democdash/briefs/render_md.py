"""A brief as Markdown (GitHub-flavoured tables; sources numbered once, cited as "[1, 3]").

Every piece of text from the records is escaped, so a quote or a title can never turn into a
link, an image, emphasis, HTML or a table break: it reads exactly as stored. Bare addresses
(`https://...`, `www....`, `name@host.org`, `host.org/path`) are put in code spans, where no
renderer makes links: GFM's autolinks, markdown-it's linkify and Streamlit's remark-gfm all
link such text, escaped or not.
"""

from __future__ import annotations

import re

from democdash.briefs.model import FITS, Brief, BriefOption, Support, refs_text
from democdash.briefs.page_one import page_one
from democdash.text import quoted

#: Characters with inline meaning in CommonMark/GFM (emphasis, code, links, images, HTML,
#: entities, tables, strikethrough, math, escapes): escaped wherever they occur.
_INLINE = re.compile(r"([\\`*_\[\]<>|~$&!])")
#: Block markers that only matter at the start of a line: headings, lists, quotes, rules.
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#+=.)-])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A run of characters an address is kept in: backticks, pipes, angle brackets and brackets
#: end one (they stay outside the code span, escaped as text where they mean something).
_RUN = re.compile(r"[^\s`|<>()\[\]{}]+")
#: Signs of an address in a run, each found in linear time (runs may be long): a scheme or
#: `//` before a host, `www.`, `mailto:` or `xmpp:`, an e-mail's `@host.`.
_ADDRESS_SIGN = re.compile(r"(?i)//[^/]|(?:^|[^a-z0-9.-])(?:www\.|mailto:|xmpp:)|@[\w-]+\.")
_HOST_PART = re.compile(r"[\w.-]+")
#: Opening and closing punctuation around an address belongs to the sentence.
_LEADING = "'\"‘“«*_~"
_TRAILING = ".,;:!?'\"’”»*_~"


def _looks_like_host(part: str) -> bool:
    """`example.org`, `пример.рф`, `xn--p1ai.xn--p1ai`: a label, a dot and a label that starts
    with two letters (a possible top-level domain) or `xn--`. Generous on purpose: a word
    kept in a code span by mistake still reads the same, a missed address becomes a link."""
    labels = part.split(".")
    return any(
        labels[i - 1]
        and (labels[i][:4].lower() == "xn--" or (len(labels[i]) > 1 and labels[i][:2].isalpha()))
        for i in range(1, len(labels))
    )


def _is_address(run: str) -> bool:
    """Whether some Markdown renderer (GFM autolinks, linkify) could make a link of `run`."""
    return bool(_ADDRESS_SIGN.search(run)) or any(
        _looks_like_host(m.group()) for m in _HOST_PART.finditer(run)
    )


def _escape_text(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def _code(run: str) -> str:
    """An address run in a code span; punctuation around it stays outside, escaped."""
    inner = run.lstrip(_LEADING).rstrip(_TRAILING)
    if not inner:
        return _escape_text(run)
    head = run[: len(run) - len(run.lstrip(_LEADING))]
    tail = run[len(head) + len(inner) :]
    return f"{_escape_text(head)}`{inner}`{_escape_text(tail)}"


def esc(value: object) -> str:
    """Text escaped for Markdown, so it reads exactly as stored: characters with inline meaning
    are backslash-escaped everywhere, addresses are put in code spans (never linked), a
    heading or list marker at the start is escaped too, control characters are dropped and
    line breaks become spaces."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text).replace("\r", " ").replace("\n", " ")
    parts, start = [], 0
    for found in _RUN.finditer(text):
        if _is_address(found.group()):
            parts += [_escape_text(text[start : found.start()]), _code(found.group())]
            start = found.end()
    text = "".join([*parts, _escape_text(text[start:])])
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def _refs(refs: tuple[int, ...]) -> str:
    return f" {esc(refs_text(refs))}" if refs else ""


def _support(support: Support) -> str:
    return f" *({esc(support.text())})*" if support.text() else ""


def _score(option: BriefOption) -> str:
    return "" if option.score is None else f"{option.score:.2f}"


def _option_table(brief: Brief) -> list[str]:
    head = ["Option", "Instrument", "Status", "Support"]
    if brief.ranked:
        head = ["Rank", *head, "Score"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, opt in enumerate(brief.options, 1):
        cells = [
            f"{i}. {esc(opt.title)}{_refs(opt.refs)}",
            esc(opt.instrument),
            esc(opt.status_line),
            esc(opt.support.text() or "not known"),
        ]
        if brief.ranked:
            rank = str(opt.rank) if opt.rank is not None else "not scored"
            cells = [rank, f"{esc(opt.title)}{_refs(opt.refs)}", *cells[1:], _score(opt)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _option_detail(i: int, opt: BriefOption, ranked: bool) -> list[str]:
    lines = [f"### C{i}. {esc(opt.title)}{_refs(opt.refs)}{_support(opt.support)}", ""]
    for position in opt.position_lines:
        lines.append(f"- **Position:** {esc(position.text)}{_refs(position.refs)}")
    if not opt.position_lines:
        lines.append(f"- **Positions:** {esc(opt.who)}")
    lines.append(f"- **Instrument:** {esc(opt.instrument)} · **Target:** {esc(opt.target)}")
    lines.append(f"- **Status:** {esc(opt.status_line)}")
    if opt.history:
        lines.append(f"- **Status over time:** {esc(' → '.join(opt.history))}")
    if ranked:
        if opt.rank is None:
            lines.append(f"- **Score:** {esc(opt.score_note or 'not scored')}")
        else:
            note = f" ({esc(opt.score_note)})" if opt.score_note else ""
            lines.append(f"- **Rank {opt.rank}**, score {_score(opt)}{note}")
            if opt.score_rationales:
                lines.append(f"- **Analyst's rationale:** {esc(opt.analyst_rationale())}")
    lines.append(
        f"- **Rationale in the sources** (our words): {esc(opt.rationale or 'not stated')}"
    )
    if opt.constraints:
        lines.append(f"- **Constraints** (our words): {esc(opt.constraints)}")
    if opt.risks:
        lines.append("- **Risks the sources name:**")
        for risk in opt.risks:
            lines.append(
                f"  - {esc(risk.title)}: {esc(risk.description)} "
                f"(according to {esc(risk.according_to)}){_support(risk.support)}"
                f"{_refs(risk.refs)}"
            )
    else:
        lines.append("- **Risks:** none recorded in our sources")
    return [*lines, ""]


def _page_one(brief: Brief) -> list[str]:
    one = page_one(brief, FITS[0])
    out = [f"# {esc(brief.title)}", "", f"**{esc(one.as_of)}**", "", "## Bottom line", ""]
    if one.bottom_line:
        out += [f"- {esc(s.text)}{_refs(s.refs)}" for s in one.bottom_line]
    else:
        out.append(f"*{esc(one.no_bottom_line)}*")
    out += ["", f"## {esc(one.options_heading)}", ""]
    if one.options_note:
        out += [f"*{esc(one.options_note)}*", ""]
    for item in one.options:
        out.append(f"{esc(item.mark)} **{esc(item.head)}** {esc(item.rationale)}  ")
    if one.options:
        out.append("")
    if one.more:
        out += [f"*{esc(one.more)}*", ""]
    out += ["## Key risks", "", esc(one.key_risks), "", "## What our sources do not cover", ""]
    out += [f"- {esc(gap)}" for gap in one.gaps]
    if one.sources:
        out += ["", "## Sources cited above", ""]
        out += [f"{s.n}\\. {esc(s.line())}  " for s in one.sources]
    if one.written_by:
        out += ["", f"*{esc(one.written_by)}*"]
    return [*out, ""]


def _annexes(brief: Brief, map_link: str | None) -> list[str]:
    out = ["## Annex A: Context and timeline", "", f"*{esc(brief.data_as_of)}*", ""]
    out += [esc(brief.coverage), "", f"*{esc(brief.coverage_note)}*", ""]
    out += [
        esc(brief.context) + " *(our summary of the sources)*"
        if brief.context
        else f"No context for {esc(brief.country)} is recorded in our sources.",
        "",
    ]
    for summary in brief.indicators:
        out += [f"**{esc(summary.title)}** (outside data, not our sources)", ""]
        out += [f"- {esc(line)}" for line in summary.lines]
        if summary.note:
            out += [f"- *{esc(summary.note)}*"]
        out += ["", f"*Source: {esc(summary.citation)}*", ""]
    if map_link and brief.map_png:
        out += [f"![{esc(brief.country)} and its neighbours]({map_link})", ""]
        out += [f"*{esc(brief.map_caption or '')}*", ""]
    elif brief.map_png:
        out += ["The map of the country and its neighbours is in the Word and PDF versions.", ""]
    else:
        out += [esc(brief.map_caption or "No map."), ""]
    out += [esc(brief.events_note), ""]
    for ev in brief.events:
        out.append(
            f"- **{esc(ev.date)}** · {esc(ev.type_label)}: {esc(ev.summary)} "
            f"(according to {esc(ev.according_to)}){_support(ev.support)}{_refs(ev.refs)}"
        )
    out += ["", "## Annex B: Actors", ""]
    for actor in brief.actors:
        role = f" ({esc(actor.role)})" if actor.role else ""
        out.append(
            f"- **{esc(actor.name)}**{role}: {esc(actor.description or 'no description recorded')}"
            f"{_support(actor.support)}{_refs(actor.refs)}"
        )
    if not brief.actors:
        out.append("No actors recorded in our sources.")
    out += ["", "## Annex C: All options, with every position", ""]
    if brief.scenario:
        out += [f"Scenario: **{esc(brief.scenario)}**", ""]
    out += [esc(brief.options_note), ""]
    if brief.options:
        out += [*_option_table(brief), ""]
        for i, opt in enumerate(brief.options, 1):
            out += _option_detail(i, opt, brief.ranked)
    out += ["## Annex D: Quotes", ""]
    out += ["Each quote is verbatim from the numbered source, at the paragraph given.", ""]
    for n, quotes in brief.annex_quotes().items():
        for note in quotes:
            where = note.location()
            out.append(
                f"- {esc(refs_text([n]))} {esc(where[:1].upper() + where[1:])}: "
                f"{esc(quoted(note.quote))}"
            )
    out += ["", "## Sources", ""]
    out += [f"{s.n}\\. {esc(s.line())}  " for s in brief.sources]
    out += ["", "## Method", ""]
    out += [f"- {esc(line)}" for line in brief.method_note]
    return [*out, ""]


def render_md(brief: Brief, map_link: str | None = None, version: str = "full") -> bytes:
    """The brief as UTF-8 Markdown: page one (the bottom line up front), then in the "full"
    version the annexes. `map_link` is a relative path to the map PNG saved beside the file
    (the CLI writes one); without it the brief says the map is in the Word and PDF versions."""
    handling = f"**{esc(brief.handling)}**"
    out = [handling, "", *_page_one(brief)]
    if version == "full":
        out += _annexes(brief, map_link)
    out += ["---", "", handling, ""]
    return "\n".join(out).encode("utf-8")
