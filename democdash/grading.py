"""How far to trust a source and a claim: the Admiralty grades analysts give, and inheritance.

An article's reliability (A-F) is its own grade when an analyst gave it one, else its outlet's,
else its author's; otherwise it is unassessed. A claim's credibility (1-6) is the grade given to
that source of the record, else the record's own grade; otherwise unassessed. Nothing here
guesses a grade: unassessed stays unassessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from democdash.vocab import CREDIBILITY_MEANING, RELIABILITY_MEANING

UNASSESSED = "unassessed"


@dataclass(frozen=True)
class Grade:
    """A grade in force and where it comes from (`"article"`, `"outlet: The Atlantic"`...)."""

    grade: str
    by: str
    on: str
    inherited_from: str

    def label(self, meanings: Mapping[str, str]) -> str:
        """E.g. "B (usually reliable), graded by alice on 2026-12-01, from its outlet"."""
        own = self.inherited_from in ("article", "claim")
        origin = "" if own else f", from its {self.inherited_from}"
        meaning = meanings.get(self.grade, "")
        return f"{self.grade} ({meaning}), graded by {self.by} on {self.on}{origin}"


def _grade(raw: Mapping[str, Any] | None, inherited_from: str) -> Grade | None:
    if not raw:
        return None
    return Grade(str(raw["grade"]), str(raw["by"]), str(raw["on"]), inherited_from)


def grade_index(grades: Iterable[Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Outlet and author grades (`SourceGrade` models or their dicts) by (subject, name folded)."""
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for grade in grades:
        data = grade.model_dump(mode="json") if hasattr(grade, "model_dump") else grade
        found[(data["subject"], data["name"].strip().casefold())] = data["reliability"]
    return found


def article_reliability(
    article: Mapping[str, Any], grades: Mapping[tuple[str, str], Mapping[str, Any]]
) -> Grade | None:
    """The reliability grade in force for an article (payload), or None when unassessed."""
    own = _grade(article.get("reliability"), "article")
    if own:
        return own
    for subject in ("outlet", "author"):
        name = article.get(subject)
        if name:
            found = grades.get((subject, str(name).strip().casefold()))
            if found:
                return _grade(found, f"{subject}: {name}")
    return None


def claim_credibility(source: Mapping[str, Any], record: Mapping[str, Any]) -> Grade | None:
    """The credibility grade in force for one source of a record (payloads), or None."""
    return _grade(source.get("credibility"), "claim") or _grade(record.get("credibility"), "record")


def reliability_label(grade: Grade | None) -> str:
    """A reliability grade in words, "unassessed" when there is none."""
    return grade.label(RELIABILITY_MEANING) if grade else UNASSESSED


def credibility_label(grade: Grade | None) -> str:
    """A credibility grade in words, "unassessed" when there is none."""
    return grade.label(CREDIBILITY_MEANING) if grade else UNASSESSED
