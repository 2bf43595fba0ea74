"""How well a claim is supported: derived from its sources, never typed.

- Sources are counted by independent story: copies of one wire story (an article marked
  `same_story_as` another, a near-duplicate) count once, with the story they copy.
- A claim with two or more independent sources is `corroborated`; with one, `single-source`; a
  cited source that contradicts it (`contradicts` on the source, with its own quote) makes it
  `disputed`, whatever the count.
- An opinion piece is named as such wherever it is the only kind of source behind a claim.

Pure functions over JSON-ready payloads, so pages, briefs and exports share one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

CORROBORATED = "corroborated"
SINGLE_SOURCE = "single-source"
DISPUTED = "disputed"
#: How each standing reads on a page.
LABELS = {
    CORROBORATED: "corroborated (two or more independent sources)",
    SINGLE_SOURCE: "single source",
    DISPUTED: "disputed (a source contradicts it)",
}


@dataclass(frozen=True)
class Support:
    """A claim's standing, its independent stories, and whether it rests on opinion only."""

    standing: str
    stories: int
    reports: int
    opinion_only: bool

    @property
    def label(self) -> str:
        """E.g. "single source · opinion" or "corroborated (two or more independent sources)"."""
        text = LABELS[self.standing]
        return f"{text} · opinion" if self.opinion_only else text


def story_of(article_id: str, articles: Mapping[str, Mapping[str, Any]]) -> str:
    """The story an article belongs to: the article it copies (followed to the original),
    else itself."""
    seen = {article_id}
    current = article_id
    while True:
        original = (articles.get(current) or {}).get("same_story_as")
        if not original or original in seen:
            return current
        seen.add(original)
        current = original


def support(
    sources: Iterable[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]
) -> Support:
    """A claim's standing from its sources (payloads with `article` and an optional
    `contradicts`) and the articles (payloads by id, with `same_story_as`, `source_type`)."""
    sources = list(sources)
    backing = [s for s in sources if not s.get("contradicts")]
    stories = {story_of(s["article"], articles) for s in backing}
    kinds = {(articles.get(s["article"]) or {}).get("source_type") for s in backing}
    if any(s.get("contradicts") for s in sources):
        standing = DISPUTED
    elif len(stories) >= 2:
        standing = CORROBORATED
    else:
        standing = SINGLE_SOURCE
    return Support(
        standing=standing,
        stories=len(stories),
        reports=len({s["article"] for s in backing}),
        opinion_only=bool(kinds) and kinds == {"opinion"},
    )


#: How each standing reads in a table cell (short; `LABELS` says why).
SHORT_LABELS = {
    CORROBORATED: "corroborated",
    SINGLE_SOURCE: "single source",
    DISPUTED: "disputed",
}
#: Standings a reader may hide (URL `hide=single-source,disputed`).
HIDEABLE = (SINGLE_SOURCE, DISPUTED)


def reported_by(stories: int, reports: int) -> str:
    """ "reported by 2 sources", or "reported by 3 sources (2 independent)" when some of the
    articles copy one story; `stories` counts independent stories, `reports` articles."""
    count = max(int(reports), int(stories))
    noun = "source" if count == 1 else "sources"
    independent = f" ({int(stories)} independent)" if count != int(stories) else ""
    return f"reported by {count} {noun}{independent}"


def standing_text(standing: str, opinion_only: bool) -> str:
    """A standing in a table cell: "single source", "corroborated · opinion"..."""
    text = SHORT_LABELS.get(standing, standing or "")
    return f"{text} · opinion" if opinion_only else text


def with_support_columns(records: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A sourced kind's frame (with `articles`, `standing`, `stories`) with what a table shows
    of its support: `reports` (articles cited), `reported_by` (in words), `opinion_only`
    (every article cited is an opinion piece) and `standing_label` (short, "· opinion" added).
    A new frame; `records` is left as it is."""
    kinds = dict(zip(articles["id"], articles["source_type"], strict=True))
    cited = [list(ids) for ids in records["articles"]]
    reports = [len(ids) for ids in cited]
    stories = [0 if pd.isna(s) else int(s) for s in records["stories"]]
    opinion = [bool(ids) and all(kinds.get(a) == "opinion" for a in ids) for ids in cited]
    return records.assign(
        reports=reports,
        reported_by=[reported_by(s, r) for s, r in zip(stories, reports, strict=True)],
        opinion_only=opinion,
        standing_label=[
            standing_text(s if isinstance(s, str) else "", o)
            for s, o in zip(records["standing"], opinion, strict=True)
        ],
    )


def hide_standings(records: pd.DataFrame, hidden: Iterable[str]) -> pd.DataFrame:
    """`records` without those whose standing is among `hidden` (e.g. `single-source`,
    `disputed`); a record of no known standing is kept."""
    hidden = set(hidden)
    if not hidden or records.empty:
        return records
    return records[~records["standing"].isin(hidden)]


def opinion_note(records: pd.DataFrame, articles: pd.DataFrame, noun: str = "events") -> str:
    """What a profile says when some of a country's records rest on opinion pieces only, e.g.
    "All 6 events rest on one opinion piece only: International Business Times (Sheehan)..."
    ("" when none do). `records` carries `opinion_only` (see `with_support_columns`)."""
    if records.empty or not records["opinion_only"].any():
        return ""
    mine = records[records["opinion_only"]]
    cited = sorted({a for ids in mine["articles"] for a in ids})
    citations = dict(zip(articles["id"], articles["citation"], strict=True))
    pieces = "one opinion piece" if len(cited) == 1 else f"{len(cited)} opinion pieces"
    names = "; ".join(str(citations.get(a, a)).rstrip(".") for a in cited)
    if len(records) == 1:
        return f"Its one {noun.rstrip('s')} rests on {pieces} only (opinion): {names}."
    share = f"All {len(records)}" if len(mine) == len(records) else f"{len(mine)} of {len(records)}"
    return f"{share} {noun} rest on {pieces} only (opinion): {names}."
