"""Page one of a brief, the bottom line up front, as plain text blocks every renderer lays out.

The analyst's own bottom line (never generated: until written it says so), the analyst's
ranked options with their scores and rationales from the chosen scenario, the key risks as the
analyst wrote them, what our sources do not cover (derived), the as-of date, and the sources
page one cites. A `Fit` says how much of the ranked options to show so the page stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass

from democdash.briefs.model import (
    NO_BOTTOM_LINE,
    NO_KEY_RISKS,
    BottomLineSentence,
    Brief,
    BriefSource,
    Fit,
)


@dataclass(frozen=True)
class RankedItem:
    """One ranked option on page one: its mark ("1."), title and score, the rationale."""

    mark: str
    head: str
    rationale: str


@dataclass(frozen=True)
class PageOne:
    """Page one's text, in reading order."""

    as_of: str
    bottom_line: tuple[BottomLineSentence, ...]
    no_bottom_line: str
    options_heading: str
    options_note: str | None
    options: tuple[RankedItem, ...]
    more: str | None
    key_risks: str
    gaps: tuple[str, ...]
    sources: tuple[BriefSource, ...]
    written_by: str | None


def page_one(brief: Brief, fit: Fit) -> PageOne:
    """Page one of `brief`, with as many ranked options and as much of each rationale as
    `fit` allows (the rest is in the full version's annex)."""
    top, more = brief.top_options(fit)
    unscored = sum(1 for o in brief.options if o.rank is None)
    if brief.ranked:
        heading = "Options as the analyst ranks them"
        note = (
            f"Scenario {brief.scenario}: the weighted mean of the analyst's 1-5 scores, highest "
            "first; the analyst's judgement, not a fact from the sources."
        )
    else:
        heading = "Options as the analyst ranks them"
        note = (
            f"Not ranked: no scoring scenario was chosen. The {len(brief.options)} options "
            "reported in our sources are in the full version's Annex C."
            if brief.options
            else "No policy options are recorded in our sources."
        )
    items = []
    for opt in top:
        score = "not scored" if opt.score is None else f"score {opt.score:.2f}"
        rationale = opt.analyst_rationale(fit.rationale_chars) if fit.rationale_chars else ""
        items.append(RankedItem(f"{opt.rank}.", f"{opt.title} ({score}).", rationale))
    rest = []
    if more:
        rest.append(f"{more} more ranked")
    if brief.ranked and unscored:
        rest.append(f"{unscored} not scored")
    more_line = None
    if rest or (brief.ranked and fit.rationale_chars == 0):
        shown = " and ".join(rest)
        more_line = (
            f"{shown[:1].upper()}{shown[1:]}: " if shown else ""
        ) + "the full version's Annex C gives every option with the analyst's full rationale."
    written_by = None
    if brief.notes_by and (brief.bottom_line or brief.key_risks):
        written_by = f"Bottom line and key risks written by {brief.notes_by}."
    return PageOne(
        as_of=brief.as_of_line,
        bottom_line=brief.bottom_line,
        no_bottom_line=NO_BOTTOM_LINE,
        options_heading=heading,
        options_note=note,
        options=tuple(items),
        more=more_line,
        key_risks=brief.key_risks or NO_KEY_RISKS,
        gaps=brief.gaps,
        sources=tuple(brief.page_one_sources()),
        written_by=written_by,
    )
