"""Which of its sentence's dates an event takes, and whether it had happened by the article's
publication.

The date nearest the event word, where a date in a clause set aside by commas, dashes or
brackets away from the event word, or in a wire dateline, counts only when there is no other
("Apple Daily, founded in 1995, was raided on 17 June" is dated 17 June); a sentence's only
date, told in a relative clause about another noun well after the event word ("has sentenced
45 activists ... under the law that Beijing imposed on the city in 2020"), is not the
event's. An event dated after publication has not happened: a report tells what happened by
its date ("a referendum is expected in June" in a March brief is a plan).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import islice

from democdash.extract.datelines import dateline_end
from democdash.extract.sentences import Sentence
from democdash.extract.tense import PAST_FORMS


def nearest_date(
    dates: Sequence[dict], first: int, sentence: Sentence, at: int, folded: str
) -> dict | None:
    """Of the dates from `dates[first]` inside a sentence, the one nearest the event word at
    `at`, where a date set aside between commas (or dashes, brackets), away from the event
    word, in the sentence's dateline, or counted from the event itself counts only when there
    is no other: "Apple Daily, founded in 1995, was raided on 17 June" is dated 17 June,
    "MOSCOW, Jan 18 (Reuters) - Police detained Navalny on Sunday" Sunday, "Five years after
    the stolen election of August 2020" August 2020."""
    text, start, end = sentence
    if first >= len(dates) or dates[first]["start"] >= end:
        return None
    if first + 1 == len(dates) or dates[first + 1]["start"] >= end:
        only = dates[first]  # the sentence's only date, unless another verb's
        return None if _in_a_relative_clause(folded, only, at) else only
    filed = start + dateline_end(text)
    best, best_key = None, (True, 0)
    for found in islice(dates, first, None):
        if found["start"] >= end:
            break
        lo, hi = (at, found["start"]) if found["start"] >= at else (found["end"], at)
        aside = (
            found["start"] < filed
            or _set_aside(folded, start, end, found, at)
            or _counted_from(found, folded, at)
        )
        key = (aside, max(0, hi - lo))
        if best is None or key < best_key:
            best, best_key = found, key
    return best


#: What may stand between an anaphoric date and the event it is counted from: "the", a
#: possessive or up to two more words ("a week after the raid", "after his arrest").
_COUNTED_FROM = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,2}")


def _counted_from(found: dict, folded: str, at: int) -> bool:
    """Whether an anaphoric date ends right before the event word at `at` ("Five years after
    the stolen election", "a week after the raid"): it is counted from the event, so it is
    not when the event happened."""
    return (
        found.get("kind") == "anaphoric"
        and found["end"] <= at
        and _COUNTED_FROM.fullmatch(folded, found["end"], at) is not None
    )


#: A relative clause: its pronoun and, within a few words, its own verb in the past ("the
#: law that Beijing imposed on the city in 2020", "a movement which began in 2019").
_RELATIVE_CLAUSE = re.compile(
    rf"\b(?:that|which|who|whom)\s+(?:[\w’'-]+\s+){{0,3}}?(?:[a-z]+ed|{PAST_FORMS})\b"
)


#: How many words after the event word a relative clause may open and still be the event's.
_OWN_CLAUSE_WORDS = 6


def _in_a_relative_clause(folded: str, found: dict, at: int) -> bool:
    """Whether a date after the event word at `at` is told in a relative clause that comes
    between them, the time of that clause's verb: "has sentenced 45 activists under the
    law that Beijing imposed on the city in 2020" was not sentenced in 2020."""
    if found["start"] <= at:
        return False
    clause = _RELATIVE_CLAUSE.search(folded, at, found["start"])
    # right after the event's own noun it tells of the event ("the protests that rocked
    # Hong Kong last year", "the mutiny which happened in Kati on 18 August")
    return clause is not None and len(folded[at : clause.start()].split()) > _OWN_CLAUSE_WORDS


#: Clause marks: commas, semicolons, dashes and brackets.
_CLAUSE_MARK = re.compile(r"[,;()\[\]—–]|\s-\s")


def _set_aside(folded: str, start: int, end: int, found: dict, at: int) -> bool:
    """Whether a date (`found`) lies in a clause set aside from the event word at `at`:
    between the clause marks around it in its sentence (`start`-`end` of `folded`), an
    opening one before it and a closing one after it, with the event word outside them."""
    marks = list(_CLAUSE_MARK.finditer(folded, start, found["start"]))
    before = marks[-1] if marks else None
    after = _CLAUSE_MARK.search(folded, found["end"], end)
    if before is None or after is None or before.group() in ")]" or after.group() in "([":
        return False
    return not before.end() <= at < after.start()


def happened_by(event: dict, published: date) -> bool:
    """Whether an event's date (None: unknown) begins on or before the `published` day: "a
    referendum is expected in June" in a March report has not happened."""
    when = event.get("date")
    if not when:
        return True
    try:
        return first_day(str(when)) <= published
    except ValueError:
        return True


def first_day(iso: str) -> date:
    """The first day an ISO date (a year, a month or a day) covers."""
    if len(iso) >= 10:
        return date.fromisoformat(iso[:10])
    if len(iso) >= 7:
        return date(int(iso[:4]), int(iso[5:7]), 1)
    return date(int(iso[:4]), 1, 1)
