"""Candidates as review tables and the article with its mentions marked, as plain text.

The page shows these (never as HTML or markdown) and gives the edited table back to
`table_edits`, which turns it into the `edits` of each `Decision` (`democdash.ingest.review`):
the logic of an edit lives here, where unit tests reach it, not in the table widget.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from democdash.ingest.candidates import Candidate

#: Markers around a highlighted mention in the plain-text view of the article.
OPEN, CLOSE = "⟦", "⟧"

#: Columns of the review table, and which of them the analyst may edit (-> candidate field).
TABLE_COLUMNS = [
    "key",
    "label",
    "category",
    "country",
    "date",
    "status",
    "according_to",
    "paragraph",
    "quote",
    "match",
]
EDITABLE_COLUMNS = {
    "events": {"label": "label", "category": "category", "country": "country", "date": "date"},
    "options": {"label": "label", "category": "category", "country": "country", "status": "status"},
}


def candidates_frame(candidates: Iterable[Candidate]) -> pd.DataFrame:
    """One row per candidate: its editable fields, who claims it, its source and its match."""
    rows = [
        {
            "key": c.key,
            "label": c.label,
            "category": c.category,
            "country": c.country,
            "date": c.date.value if c.date else None,
            "status": c.status,
            "according_to": c.stated_actor or "the article's author",
            "paragraph": c.source.paragraph,
            "quote": c.source.quote,
            "match": f"{c.match.record_id}: {c.match.label}" if c.match else None,
        }
        for c in candidates
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def _value(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def table_edits(candidates: Iterable[Candidate], edited: pd.DataFrame) -> dict[str, dict]:
    """The fields changed in the edited review table, per candidate key.

    Only editable columns count; a value equal to the candidate's (blank equal to None) is no
    edit; rows are found by `key`, so sorting the table changes nothing.
    """
    by_key = {c.key: c for c in candidates}
    original = candidates_frame(by_key.values()).set_index("key")
    edits: dict[str, dict] = {}
    for row in edited.to_dict("records"):
        key = row.get("key")
        if key not in by_key:
            continue
        columns = EDITABLE_COLUMNS[by_key[key].kind]
        for column, field in columns.items():
            if column not in row:
                continue
            new, old = _value(row[column]), _value(original.at[key, column])
            if new != old:
                edits.setdefault(key, {})[field] = new
    return edits


def mention_spans(extraction: dict) -> list[tuple[int, int, str]]:
    """(start, end, what) of every country, date and person mention, in text order, without
    overlaps (the earlier, then the longer, wins)."""
    spans: list[tuple[int, int, str]] = []
    for country in extraction.get("countries", []):
        spans += [(m["start"], m["end"], f"country {country['iso3']}") for m in country["mentions"]]
    for found in extraction.get("dates", []):
        spans.append((found["start"], found["end"], f"date {found['iso']}"))
    for person in extraction.get("people", []):
        spans += [(m["start"], m["end"], f"person {person['name']}") for m in person["mentions"]]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def highlighted(text: str, extraction: dict) -> str:
    """The article text with each mention wrapped in ⟦ ⟧, to be shown as plain text."""
    parts: list[str] = []
    pos = 0
    for start, end, _ in mention_spans(extraction):
        parts += [text[pos:start], OPEN, text[start:end], CLOSE]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def mentions_frame(text: str, extraction: dict) -> pd.DataFrame:
    """The mentions as a table: what was found, the text, and its character offsets."""
    rows = [
        {"found": what, "text": text[start:end], "start": start, "end": end}
        for start, end, what in mention_spans(extraction)
    ]
    return pd.DataFrame(rows, columns=["found", "text", "start", "end"])
