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
