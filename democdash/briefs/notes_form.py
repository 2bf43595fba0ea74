"""The brief panel's form for the analyst's bottom line and key risks, as pure functions.

AppTest cannot drive every widget, so what the form's values mean (which sentences are kept,
which sources a country's brief may cite, what is refused) is decided here and unit-tested.
"""

from __future__ import annotations

import pandas as pd
from pydantic import ValidationError

from democdash.store.brief_notes import (
    MAX_SENTENCE_CHARS,
    MAX_SENTENCES,
    BottomLineSentence,
    BriefNotes,
)


class NotesFormError(ValueError):
    """A bottom line or key risks that cannot be kept as written; the message says why."""


def country_sources(
    sources: pd.DataFrame, events: pd.DataFrame, options: pd.DataFrame, iso3: str
) -> list[str]:
    """The articles a country's brief may cite: those its events and the options aimed at it
    rest on, in order of first citation."""
    ids = set(events.loc[events["country"] == iso3, "id"]) | set(
        options.loc[options["target"] == iso3, "id"]
    )
    mine = sources[sources["kind"].isin(["events", "options"]) & sources["record_id"].isin(ids)]
    return list(dict.fromkeys(mine["article"]))


def notes_from_form(
    country: str,
    scenario: str | None,
    sentences: list[tuple[str, list[str]]],
    key_risks: str,
) -> BriefNotes:
    """The notes the form's values say: each non-empty sentence with its sources (a sentence
    must name at least one), the key risks; blank sentences are dropped."""
    kept = [(text.strip(), list(src)) for text, src in sentences if text.strip()]
    if len(kept) > MAX_SENTENCES:
        raise NotesFormError(f"a bottom line has at most {MAX_SENTENCES} sentences")
    for i, (text, src) in enumerate(kept, 1):
        if len(text) > MAX_SENTENCE_CHARS:
            raise NotesFormError(
                f"sentence {i} of the bottom line has {len(text)} characters; at most "
                f"{MAX_SENTENCE_CHARS} are kept"
            )
        if not src:
            raise NotesFormError(
                f"sentence {i} of the bottom line (“{text[:40]}”) names no source: pick the "
                "sources it rests on"
            )
    try:
        return BriefNotes(
            country=country,
            scenario=scenario or "",
            bottom_line=[BottomLineSentence(text=t, sources=s) for t, s in kept],
            key_risks=key_risks.strip() or None,
        )
    except ValidationError as exc:
        what = "the key risks" if exc.errors()[0]["loc"][0] == "key_risks" else "the bottom line"
        raise NotesFormError(f"{what}: {exc.errors()[0]['msg']}") from None
