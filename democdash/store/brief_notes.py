"""The analyst's own words for a country brief, in the store: its bottom line and key risks.

A mixin that `Store` inherits. A brief opens with a bottom line of up to three sentences the
analyst writes (never generated), each citing the articles it rests on, and the key risks as
the analyst sees them; both are kept per country and per scoring scenario (none: ""), apart
from the curated records, so a reseed keeps them. Every save is audited (before and after)
and bumps the store's revision, so a brief built before it is rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator

from democdash.store.audit import Tx
from democdash.store.schema import metadata

#: At most this many sentences in a bottom line: a director reads it first.
MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 320
MAX_SOURCES_PER_SENTENCE = 8
MAX_RISKS_CHARS = 700
#: The key a brief without a scoring scenario keeps its notes under.
NO_SCENARIO = ""

# -- the table (migration 0010) ------------------------------------------------------------------

#: One row per (country, scenario): the analyst's bottom line and key risks as JSON.
brief_notes_table = sa.Table(
    "brief_notes",
    metadata,
    sa.Column("country", sa.String(3), primary_key=True),
    sa.Column("scenario", sa.String(200), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("a sentence of the bottom line must be one line")
    return value


class BottomLineSentence(_Model):
    """One sentence of the bottom line and the articles (ids) it rests on."""

    text: str = Field(min_length=1, max_length=MAX_SENTENCE_CHARS)
    sources: list[str] = Field(min_length=1, max_length=MAX_SOURCES_PER_SENTENCE)

    @field_validator("text")
    @classmethod
    def _text_one_line(cls, value: str) -> str:
        return _one_line(value)


class BriefNotes(_Model):
    """What the analyst wrote for one country's brief (under one scenario, or none)."""

    country: str = Field(pattern=r"^[A-Z]{3}$")
    scenario: str = Field(default=NO_SCENARIO, max_length=200)
    bottom_line: list[BottomLineSentence] = Field(default_factory=list, max_length=MAX_SENTENCES)
    key_risks: str | None = Field(default=None, max_length=MAX_RISKS_CHARS)
    updated_by: str | None = None
    updated_at: datetime | None = None

    @field_validator("key_risks")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    @property
    def empty(self) -> bool:
        """Nothing written: no bottom line and no key risks."""
        return not self.bottom_line and not self.key_risks


def _content(notes: BriefNotes) -> dict:
    return notes.model_dump(mode="json", include={"bottom_line", "key_risks"})


class BriefNotesStore:
    """The analyst's bottom line and key risks per country and scenario (mixed into `Store`)."""

    # Provided by `Store`.
    _write: Callable[..., object]
    _read: Callable[[], AbstractContextManager[sa.Connection]]
    _bump: Callable[[Tx], None]

    def brief_notes(self, country: str, scenario: str | None = None) -> BriefNotes | None:
        """The notes written for `country`'s brief under `scenario` (an address
        `author/name`; None: no scenario), or None when nothing is written."""
        table = brief_notes_table
        with self._read() as conn:
            row = conn.execute(
                sa.select(table).where(
                    (table.c.country == country.upper())
                    & (table.c.scenario == (scenario or NO_SCENARIO))
                )
            ).first()
        if row is None:
            return None
        updated = row.updated_at
        if updated.tzinfo is None:  # SQLite gives them back naive
            updated = updated.replace(tzinfo=UTC)
        return BriefNotes.model_validate(
            {
                **json.loads(row.payload),
                "country": row.country,
                "scenario": row.scenario,
                "updated_by": row.updated_by,
                "updated_at": updated,
            }
        )

    def save_brief_notes(self, notes: BriefNotes, *, by: str | None = None) -> None:
        """Keep `notes` for its country and scenario (replacing what was there); notes with
        nothing written remove the row. Audited with before and after."""
        table = brief_notes_table
        where = (table.c.country == notes.country) & (table.c.scenario == notes.scenario)
        record_id = f"{notes.country}/{notes.scenario or '-'}"

        def save(tx: Tx) -> None:
            before = tx.execute(sa.select(table.c.payload).where(where)).scalar()
            tx.execute(sa.delete(table).where(where))
            after = None if notes.empty else _content(notes)
            if after is not None:
                tx.execute(
                    sa.insert(table).values(
                        country=notes.country,
                        scenario=notes.scenario,
                        payload=json.dumps(after, ensure_ascii=False),
                        updated_by=tx.editor,
                        updated_at=datetime.now(UTC),
                    )
                )
            if before is None and after is None:
                return
            tx.audit(
                "brief_notes",
                "brief_notes",
                record_id,
                before=before,
                after=after,
            )
            self._bump(tx)

        self._write(save, by=by)
