"""The data model, defined once: every data file, store row and export is one of these.

Provenance rules (see docs/data.md): every record cites at least one source, a verbatim quote of
at most 30 words from a numbered paragraph of an article; summaries, context and rationales are
our own words; unknown stays unknown.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from democdash import dates
from democdash.vocab import (
    ActorKind,
    ActorRole,
    CountryRole,
    DateBasis,
    EventType,
    Instrument,
    OptionStatus,
    Origin,
    Precision,
    SanctionStatus,
    SanctionType,
    SourceType,
)

MAX_QUOTE_WORDS = 30
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
ISO3_PATTERN = r"^[A-Z]{3}$"

#: `claimed_by` and `proposed_by` may name an actor id or one of these.
AUTHOR = "author"
UNNAMED_CRITICS = "critics"
SPECIAL_CLAIMANTS = frozenset({AUTHOR, UNNAMED_CRITICS})

RecordId = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
Iso3 = Annotated[str, Field(pattern=ISO3_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, str_strip_whitespace=True)


class DateValue(_Model):
    """A date as precisely as the source gives it, never more.

    `text` is the source's own wording (or None); `value` an EDTF-style value (see
    `democdash.dates`); `earliest`/`latest` the bounds, derived from `value` unless narrowed
    explicitly (e.g. "early 2019"). An undated event has basis `not_stated`, no value, and is
    bounded above by its article's date.
    """

    text: str | None = None
    value: str | None = None
    precision: Precision = Precision.UNKNOWN
    approximate: bool = False
    open_end: bool = False
    earliest: date | None = None
    latest: date | None = None
    basis: DateBasis = DateBasis.STATED

    @field_validator("value")
    @classmethod
    def _parsable(cls, value: str | None) -> str | None:
        if value is not None:
            dates.parse_value(value)
        return value

    @model_validator(mode="after")
    def _derive_bounds(self) -> DateValue:
        if self.value is None:
            if self.basis != DateBasis.NOT_STATED and self.precision != Precision.UNKNOWN:
                raise ValueError("a date with no value must have basis 'not_stated'")
            if self.earliest and self.latest and self.latest < self.earliest:
                raise ValueError("latest is before earliest")
            return self
        lo, hi, precision, approx, open_end = dates.parse_value(self.value)
        if self.precision == Precision.UNKNOWN:
            self.precision = precision
        self.approximate = self.approximate or approx
        self.open_end = self.open_end or open_end
        if self.earliest is None:
            self.earliest = lo
        elif lo and self.earliest < lo:
            raise ValueError(f"earliest {self.earliest} is outside {self.value}")
        if self.latest is None and not self.open_end:
            self.latest = hi
        elif hi and self.latest and self.latest > hi:
            raise ValueError(f"latest {self.latest} is outside {self.value}")
        if self.earliest and self.latest and self.latest < self.earliest:
            raise ValueError("latest is before earliest")
        return self

    @property
    def is_dated(self) -> bool:
        return self.value is not None

    def display(self) -> str:
        """The date as the source gives it: "Aug 2020", "early 2019", "not stated, before ..."."""
        if self.value is None:
            if self.earliest and self.latest:
                return (
                    f"not stated, between {dates.month_label(self.earliest)} "
                    f"and {dates.month_label(self.latest)}"
                )
            if self.latest:
                return f"not stated, before {dates.month_label(self.latest)}"
            return "not stated"
        assert self.earliest is not None
        low = dates.bound_label(self.earliest, self.precision)
        if self.open_end:
            return f"since {low} (continuing)"
        high = dates.bound_label(self.latest, self.precision) if self.latest else low
        core = low if high == low else f"{low} to {high}"
        if self.approximate:
            if self.text and self.basis == DateBasis.STATED:
                return self.text  # the source's own approximation, e.g. "early 2019"
            return f"about {core}"
        return core


class SourceRef(_Model):
    """Where a record comes from: article id, paragraph number (from 1), verbatim quote."""

    article: RecordId
    paragraph: int = Field(ge=1)
    quote: str = Field(min_length=3)

    @field_validator("quote")
    @classmethod
    def _short_quote(cls, quote: str) -> str:
        words = len(quote.split())
        if words > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has {words} words; at most {MAX_QUOTE_WORDS} are allowed")
        return quote


class Article(_Model):
    """A source article. Unknown metadata stays None; the date carries how it was inferred."""

    id: RecordId
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    source_type: SourceType
    published: DateValue
    published_note: str | None = Field(
        default=None, description="How the publication date was established, in our words."
    )
    url: str | None = Field(default=None, max_length=2000)
    source_file: str | None = Field(
        default=None, description="File name of the text, for checking quotes; never bundled."
    )
    text_sha256: str | None = None
    paragraphs: int | None = Field(default=None, ge=1)
    language: str = "en"
    origin: Origin = Origin.CURATED

    def citation(self) -> str:
        """A citation that says what is known and what is not."""
        author = self.author or "author not stated"
        title = f"“{self.title}”" if self.title else "untitled (no title in the text)"
        outlet = self.outlet or "outlet not stated"
        when = self.published.display() if self.published else "date not stated"
        return f"{author}, {title}, {outlet}, {when}."


class _Sourced(_Model):
    id: RecordId
    sources: list[SourceRef] = Field(min_length=1)
    claimed_by: str = AUTHOR
    origin: Origin = Origin.CURATED


class Country(_Model):
    """A country or territory (Hong Kong is "Hong Kong SAR (China)")."""

    iso3: Iso3
    name: str
    role: CountryRole
    context: str = Field(min_length=1, description="A short context paragraph in our words.")
    alt_names: list[str] = Field(default_factory=list)
    origin: Origin = Origin.CURATED

    @field_validator("iso3")
    @classmethod
    def _known_code(cls, iso3: str) -> str:
        if not is_iso3(iso3):
            raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
        return iso3


class Actor(_Sourced):
    """A person, government, party, organisation or movement."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    country: Iso3 | None = None
    role: ActorRole
    description: str | None = None


class Event(_Sourced):
    """One actor-action-place-time, reported by one or more sources."""

    date: DateValue
    country: Iso3
    location: str | None = None
    type: EventType
    cameo: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    actors: list[RecordId] = Field(default_factory=list)
    summary: str = Field(min_length=1)


class PolicyOption(_Sourced):
    """A recommendation, proposal, pledge or plan, as reported at the time."""

    title: str
    instrument: Instrument
    actors: list[RecordId] = Field(default_factory=list, description="Who would act.")
    proposed_by: str = AUTHOR
    target: Iso3 | None = None
    status: OptionStatus = OptionStatus.UNKNOWN
    status_as_of: DateValue
    rationale: str | None = None
    constraints: str | None = None
    risks: list[RecordId] = Field(default_factory=list)
    related_events: list[RecordId] = Field(default_factory=list)
    sanctions: list[RecordId] = Field(default_factory=list)


class SanctionTarget(_Model):
    """Who or what a sanction is aimed at."""

    kind: Literal["person", "entity", "country", "group"]
    name: str
    actor: RecordId | None = None
    country: Iso3 | None = None


class Sanction(_Sourced):
    """Who sanctions whom, how, and its status as of the source's date."""

    imposed_by: list[RecordId] = Field(min_length=1)
    target_country: Iso3
    targets: list[SanctionTarget] = Field(min_length=1)
    type: SanctionType = SanctionType.UNSPECIFIED
    status: SanctionStatus = SanctionStatus.UNKNOWN
    as_of: DateValue
    summary: str = Field(min_length=1)


class Risk(_Sourced):
    """A risk or constraint the sources name, and what it threatens."""

    title: str
    description: str = Field(min_length=1)
    threatens_options: list[RecordId] = Field(default_factory=list)
    threatens_countries: list[Iso3] = Field(default_factory=list)


SOURCED_KINDS: dict[str, type[_Sourced]] = {
    "actors": Actor,
    "events": Event,
    "options": PolicyOption,
    "sanctions": Sanction,
    "risks": Risk,
}

#: Every kind of record, in the order files are loaded and validated.
KINDS: dict[str, type[_Model]] = {
    "articles": Article,
    "countries": Country,
    **SOURCED_KINDS,
}


def is_iso3(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code (and XKX, the code in common use for Kosovo)."""
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def record_key(kind: str, record: _Model) -> str:
    """The identifying key of a record (iso3 for countries, id otherwise)."""
    return record.iso3 if kind == "countries" else record.id  # type: ignore[attr-defined]


def slugify(text: str) -> str:
    """A stable id fragment from text."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60] or "x"
