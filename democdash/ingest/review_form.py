"""The review as the page shows it, in pure functions: each candidate's fields with their
current values, the choices a field offers, the edits the analyst's values amount to, and the
article's sentences marked with what was proposed in them.

The page draws one card per candidate from `fields(candidate)` and gives the widget values
back to `edits(candidate, values)`, which turns them into the `edits` of a `Decision`
(`democdash.ingest.review`): what an edit means is decided here, where unit tests reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

from democdash.ingest.candidates import Candidate, Candidates
from democdash.ingest.review import (
    NEW_NAME,
    SAME_AS_HOLDER,
    follows_holder,
    people_value,
)
from democdash.vocab import EventType, Instrument, OptionStatus, Stance, label

#: What a special holder or claimant reads as.
PEOPLE_LABELS = {
    "author": "the article's author",
    "critics": "unnamed critics",
    SAME_AS_HOLDER: "the one who holds this position",
}
#: The choice that opens a text box for someone the store does not know.
SOMEONE_ELSE = "someone-else"
#: A country field left empty ("not stated").
NO_COUNTRY = ""


@dataclass(frozen=True)
class Field:
    """One editable field of a candidate: its name in `review.EDITABLE`, its label, its
    value now, and its choices (None: free text)."""

    name: str
    label: str
    value: str
    choices: tuple[str, ...] | None = None


def all_country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-3 code (and XKX), for a country picker."""
    return sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def country_label(code: str, names: Mapping[str, str]) -> str:
    """ "Belarus (BLR)": the stored name, else pycountry's; "not stated" for none."""
    if not code:
        return "not stated"
    if code in names:
        return f"{names[code]} ({code})"
    found = pycountry.countries.get(alpha_3=code)
    return f"{getattr(found, 'common_name', None) or found.name} ({code})" if found else code


def country_choices(names: Mapping[str, str]) -> list[str]:
    """Every code, "not stated" first, then ordered by name (so typing a name finds it)."""
    codes = all_country_codes()
    return [NO_COUNTRY, *sorted(codes, key=lambda c: country_label(c, names).lower())]


def holder_value(candidate: Candidate) -> str:
    """Who holds the position now, as a choice value (`review.people_value`)."""
    return people_value(candidate.holder)


def people_choices(
    current: Iterable[str], actor_names: Mapping[str, str], claimant: bool = False
) -> list[str]:
    """Choices for who holds a position or is named: the author, unnamed critics (for a
    claimant, the one who holds the position), the current values, every stored actor (by
    name), and "someone else" (a new name)."""
    special = ["author", "critics", *([SAME_AS_HOLDER] if claimant else [])]
    first = [*special, *(c for c in current if c not in special)]
    stored = sorted(actor_names, key=lambda a: actor_names[a].lower())
    return list(dict.fromkeys([*first, *stored, SOMEONE_ELSE]))


def person_label(value: str, actor_names: Mapping[str, str]) -> str:
    """How a people choice reads: "the article's author", "Joe Biden", "Lithuania's president
    (named in the article; saved as a new actor)", "Someone else…"."""
    if value in PEOPLE_LABELS:
        return PEOPLE_LABELS[value]
    if value == SOMEONE_ELSE:
        return "Someone else…"
    if value.startswith(NEW_NAME):
        return f"{value[len(NEW_NAME) :]} (named in the article; saved as a new actor)"
    return actor_names.get(value, value)


def fields(candidate: Candidate) -> list[Field]:
    """The fields a card shows for a candidate, with their values now."""
    is_event = candidate.kind == "events"
    out = [
        Field("label", "Summary (our words)" if is_event else "Title (our words)", candidate.label),
        Field(
            "category",
            "Type" if is_event else "Instrument",
            candidate.category,
            tuple(v.value for v in (EventType if is_event else Instrument)),
        ),
        Field("country", "Country" if is_event else "Target", candidate.country or NO_COUNTRY),
    ]
    if is_event:
        when = (candidate.date.value or "") if candidate.date else ""
        out.append(Field("date", "Date", when))
        out.append(Field("location", "Place (a town or city, as named)", candidate.location or ""))
        return out
    return [
        *out,
        Field("holder", "Who holds this position", holder_value(candidate)),
        Field("stance", "Stance", candidate.stance or "", tuple(s.value for s in Stance)),
        Field(
            "status",
            "Status as of the article",
            candidate.status or OptionStatus.UNKNOWN.value,
            tuple(s.value for s in OptionStatus),
        ),
        Field(
            "claimed_by",
            "Named in the article (whose claim it is)",
            SAME_AS_HOLDER if follows_holder(candidate) else candidate.claimed_by,
        ),
    ]


def edits(candidate: Candidate, values: Mapping[str, Any]) -> dict[str, Any]:
    """The edits the analyst's values amount to: each field whose value differs from the
    candidate's. A people field set to "someone else" takes the typed name (`<field>_name`)."""
    changed: dict[str, Any] = {}
    for field in fields(candidate):
        if field.name not in values:
            continue
        value = values[field.name]
        value = "" if value is None else str(value).strip()
        if field.name in ("holder", "claimed_by") and value == SOMEONE_ELSE:
            typed = str(values.get(f"{field.name}_name") or "").strip()
            value = f"{NEW_NAME}{typed}"
        if value != field.value:
            changed[field.name] = value
    return changed


def title_of(candidate: Candidate, values: Mapping[str, Any]) -> str:
    """The candidate's summary or title as the analyst left it (edited or not)."""
    edited = str(values.get("label") or "").strip()
    return edited or candidate.label


def position_of(
    candidate: Candidate, values: Mapping[str, Any], actor_names: Mapping[str, str]
) -> str | None:
    """Who holds an option's position and its stance, as a card says them at a glance ("Held
    by: the article's author · recommends", "Held by: Gitanas Nauseda · demands"), following
    the analyst's edits; None for an event."""
    if candidate.kind == "events":
        return None
    changed = edits(candidate, values)
    holder = changed.get("holder") or holder_value(candidate)
    if holder.startswith(NEW_NAME):
        who = holder[len(NEW_NAME) :] or "someone else"
    else:
        who = person_label(holder, actor_names)
    stance = changed.get("stance", candidate.stance or "") or "stance not stated"
    return f"Held by: {who} · {stance}"


def category_label(value: str) -> str:
    """A vocabulary value in words."""
    return label(value) if value else "not stated"


@dataclass(frozen=True)
class MarkedSentence:
    """A sentence of the article, with what was proposed in it: `marks` among "event",
    "option", "possible", "promoted"; `keys` the candidates it holds."""

    index: int
    paragraph: int
    text: str
    marks: tuple[str, ...]
    keys: tuple[str, ...]


def _mark(key: str, kind: str) -> str:
    if key.startswith("possible-"):
        return "possible"
    if key.startswith("sentence-"):
        return "promoted"
    return "event" if kind == "events" else "option"


def marked_sentences(candidates: Candidates) -> list[MarkedSentence]:
    """Every sentence of the article in order, marked with the candidates it holds (a
    candidate belongs to the sentence its text starts in)."""
    sentences = candidates.extraction.get("sentences", [])
    held: dict[int, list[Candidate]] = {}
    starts = [s["start"] for s in sentences]
    for candidate in candidates.all:
        at = _sentence_index(starts, candidate.start)
        if at is not None:
            held.setdefault(at, []).append(candidate)
    return [
        MarkedSentence(
            index=i,
            paragraph=int(s.get("paragraph") or 1),
            text=s["text"],
            marks=tuple(dict.fromkeys(_mark(c.key, c.kind) for c in held.get(i, []))),
            keys=tuple(c.key for c in held.get(i, [])),
        )
        for i, s in enumerate(sentences)
    ]


def _sentence_index(starts: list[int], offset: int) -> int | None:
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return i if i >= 0 else None
