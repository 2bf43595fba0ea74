"""The data model, defined once: every data file, store row and export is one of these.

Provenance rules (see docs/data.md): every record cites at least one source, a verbatim quote of
at most 30 words from a numbered paragraph of an article; summaries, context and rationales are
our own words; unknown stays unknown.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Literal, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from democdash import dates
from democdash.vocab import (
    ActorKind,
    ActorRole,
    CountryRole,
    Credibility,
    DateBasis,
    EventType,
    Instrument,
    OptionStatus,
    Origin,
    Precision,
    Reliability,
    SanctionStatus,
    SanctionType,
    SourceType,
    Stance,
)

MAX_QUOTE_WORDS = 30
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
ISO3_PATTERN = r"^[A-Z]{3}$"

#: `claimed_by` and a position's `holder` may name an actor id or one of these.
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


class ReliabilityGrade(_Model):
    """An analyst's grade of a source's reliability (Admiralty A-F), with who and when."""

    grade: Reliability
    by: str = Field(min_length=1, max_length=120)
    on: date
    note: str | None = None


class CredibilityGrade(_Model):
    """An analyst's grade of one claim's credibility (Admiralty 1-6), with who and when."""

    grade: Credibility
    by: str = Field(min_length=1, max_length=120)
    on: date
    note: str | None = None


class SourceRef(_Model):
    """Where a record comes from: article id, paragraph number (from 1), verbatim quote.

    `credibility` grades this claim (the record as this source states it); without one, the
    record's own `credibility` applies, and without that it is unassessed.
    """

    article: RecordId
    paragraph: int = Field(ge=1)
    quote: str = Field(min_length=3)
    credibility: CredibilityGrade | None = None
    contradicts: bool = Field(
        default=False,
        description="This source says the record is not so (its quote says how): the record "
        "is disputed.",
    )

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
    url_note: str | None = Field(
        default=None, description="How the URL was found, when the text itself does not give it."
    )
    reliability: ReliabilityGrade | None = Field(
        default=None,
        description="The article's own grade; without one it inherits its outlet's or author's.",
    )
    added_by: str | None = Field(default=None, description="Who added it (analyst articles).")
    same_story_as: RecordId | None = Field(
        default=None,
        description="The stored article this one copies (the same wire story in another "
        "outlet, most sentences shared): the two count as one source.",
    )
    source_file: str | None = Field(
        default=None, description="File name of the text, for checking quotes; never bundled."
    )
    text_sha256: str | None = None
    paragraphs: int | None = Field(default=None, ge=1)
    language: str = "en"
    origin: Origin = Origin.CURATED

    def citation(self) -> str:
        """A short citation naming what is known: "The Atlantic, about Nov 2020." (author,
        title and outlet where known, then the date as known). What is not known, the address
        and how it was found are on the source's own page (`reference`)."""
        parts = [self.author, f"“{self.title}”" if self.title else None, self.outlet]
        known = [p for p in parts if p]
        when = self.published.display() if self.published else "date not stated"
        if not known:
            known = ["Source with no author, title or outlet in the text"]
        return f"{', '.join([*known, when])}."

    def reference(self) -> str:
        """The full reference: every field, saying which are not stated, and the address
        with how it was found when the text does not give it."""
        author = self.author or "author not stated"
        title = f"“{self.title}”" if self.title else "untitled (no title in the text)"
        outlet = self.outlet or "outlet not stated"
        when = self.published.display() if self.published else "date not stated"
        cited = f"{author}, {title}, {outlet}, {when}."
        if self.url:
            found = " (a public copy found later)" if self.url_note else ""
            cited += f" {self.url}{found}"
        return cited


class _Sourced(_Model):
    id: RecordId
    sources: list[SourceRef] = Field(min_length=1)
    claimed_by: str = AUTHOR
    origin: Origin = Origin.CURATED
    credibility: CredibilityGrade | None = None
    added_by: str | None = Field(default=None, description="Who wrote it (analyst records).")
    former_ids: list[RecordId] = Field(
        default_factory=list, description="Ids this record had before, so old links still work."
    )

    def source_refs(self) -> list[tuple[str, SourceRef]]:
        """Every source reference the record holds, with its field path (for validation)."""
        return [(f"sources.{i}", s) for i, s in enumerate(self.sources)]


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
    aliases: list[str] = Field(default_factory=list, description="Other names the sources use.")
    search_aliases: list[str] = Field(
        default_factory=list,
        description="Spellings we add so that searches and article matching find the actor; "
        "not from the sources (e.g. other transliterations).",
    )
    kind: ActorKind
    country: Iso3 | None = None
    role: ActorRole
    description: str | None = None


class Event(_Sourced):
    """One actor-action-place-time, reported by one or more sources."""

    date: DateValue
    country: Iso3
    location: str | None = None
    countries_involved: list[Iso3] = Field(
        default_factory=list,
        description="Every country the event involves; always includes `country` (where it "
        "happened), which is added when missing.",
    )
    type: EventType
    cameo: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    actors: list[RecordId] = Field(default_factory=list)
    summary: str = Field(min_length=1)

    @model_validator(mode="after")
    def _involves_its_country(self) -> Event:
        if self.country not in self.countries_involved:
            self.countries_involved = [self.country, *self.countries_involved]
        return self


class Position(_Model):
    """Who holds a position on an option (an actor id, `author` or `critics`), which stance,
    and where it is said; `date` when the text dates the position itself (otherwise it holds
    as of its source's publication)."""

    holder: str = Field(min_length=1, max_length=120)
    stance: Stance
    source: SourceRef
    date: DateValue | None = None


class OptionStatusEntry(_Model):
    """One step of an option's status history: the status as of a date, and where it is said."""

    status: OptionStatus
    as_of: DateValue
    source: SourceRef


class SanctionStatusEntry(_Model):
    """One step of a sanction's status history."""

    status: SanctionStatus
    as_of: DateValue
    source: SourceRef


StatusT = TypeVar("StatusT", OptionStatusEntry, SanctionStatusEntry)


def _latest(entries: list[StatusT]) -> StatusT:
    """The entry with the latest as-of date (the later one in the list on a tie)."""
    return max(
        reversed(entries),
        key=lambda e: e.as_of.latest or e.as_of.earliest or date.min,
    )


def _merge_sources(record: _Sourced, extra: list[SourceRef]) -> None:
    """Add to `record.sources` each of `extra` not cited yet (same article, paragraph, quote)."""
    seen = {(s.article, s.paragraph, s.quote) for s in record.sources}
    for source in extra:
        key = (source.article, source.paragraph, source.quote)
        if key not in seen:
            seen.add(key)
            record.sources.append(source)


def _unique_refs(refs: list[tuple[str, SourceRef]]) -> list[tuple[str, SourceRef]]:
    """Each distinct source once, at the first field path that holds it."""
    seen: set[tuple[str, int, str]] = set()
    unique = []
    for loc, ref in refs:
        key = (ref.article, ref.paragraph, ref.quote)
        if key not in seen:
            seen.add(key)
            unique.append((loc, ref))
    return unique


class PolicyOption(_Sourced):
    """A step someone could take, the positions taken on it, and its status over time.

    `sources` lists every source the option cites: the sources of its positions and status
    entries are added to it on validation, so a data file need not repeat them.
    """

    sources: list[SourceRef] = Field(default_factory=list)
    title: str
    instrument: Instrument
    actors: list[RecordId] = Field(default_factory=list, description="Who would act.")
    positions: list[Position] = Field(min_length=1)
    target: Iso3 | None = None
    statuses: list[OptionStatusEntry] = Field(min_length=1)
    rationale: str | None = None
    constraints: str | None = None
    risks: list[RecordId] = Field(default_factory=list)
    related_events: list[RecordId] = Field(default_factory=list)
    sanctions: list[RecordId] = Field(default_factory=list)

    @property
    def latest_status(self) -> OptionStatusEntry:
        """The newest status entry, whatever the view date (see `democdash.asof` for one)."""
        return _latest(self.statuses)

    @model_validator(mode="after")
    def _cite_every_source(self) -> PolicyOption:
        _merge_sources(self, [p.source for p in self.positions])
        _merge_sources(self, [s.source for s in self.statuses])
        return self

    def source_refs(self) -> list[tuple[str, SourceRef]]:
        return _unique_refs(
            [
                *((f"positions.{i}.source", p.source) for i, p in enumerate(self.positions)),
                *((f"statuses.{i}.source", s.source) for i, s in enumerate(self.statuses)),
                *super().source_refs(),
            ]
        )


class SanctionTarget(_Model):
    """Who or what a sanction is aimed at."""

    kind: Literal["person", "entity", "country", "group"]
    name: str
    actor: RecordId | None = None
    country: Iso3 | None = None


class Sanction(_Sourced):
    """Who sanctions whom, how, and its status over time (as for options)."""

    sources: list[SourceRef] = Field(default_factory=list)
    imposed_by: list[RecordId] = Field(min_length=1)
    target_country: Iso3
    targets: list[SanctionTarget] = Field(min_length=1)
    type: SanctionType = SanctionType.UNSPECIFIED
    statuses: list[SanctionStatusEntry] = Field(min_length=1)
    summary: str = Field(min_length=1)

    @property
    def latest_status(self) -> SanctionStatusEntry:
        """The newest status entry, whatever the view date (see `democdash.asof` for one)."""
        return _latest(self.statuses)

    @model_validator(mode="after")
    def _cite_every_source(self) -> Sanction:
        _merge_sources(self, [s.source for s in self.statuses])
        return self

    def source_refs(self) -> list[tuple[str, SourceRef]]:
        return _unique_refs(
            [
                *((f"statuses.{i}.source", s.source) for i, s in enumerate(self.statuses)),
                *super().source_refs(),
            ]
        )


class Risk(_Sourced):
    """A risk or constraint the sources name, and what it threatens."""

    title: str
    description: str = Field(min_length=1)
    threatens_options: list[RecordId] = Field(default_factory=list)
    threatens_countries: list[Iso3] = Field(default_factory=list)


class SourceGrade(_Model):
    """An analyst's reliability grade for an outlet, an author or one article (`name` is the
    article's id); articles without a grade of their own inherit their outlet's or author's
    (`democdash.grading`)."""

    subject: Literal["outlet", "author", "article"]
    name: str = Field(min_length=1, max_length=200)
    reliability: ReliabilityGrade


class ClaimGrade(_Model):
    """An analyst's credibility grade for a claim: one source of a record (`source`), or the
    record as a whole (no `source`), which its sources without a grade of their own take."""

    kind: Literal["actors", "events", "options", "sanctions", "risks"]
    record_id: RecordId
    source: SourceRef | None = None
    credibility: CredibilityGrade


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
    """A stable id fragment from text, letters folded to ASCII ("Nausėda" -> "nauseda")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:60] or "x"
