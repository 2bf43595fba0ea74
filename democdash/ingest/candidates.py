"""Candidates from an extraction: the article record, and proposed events and policy options.

Each candidate carries its source (paragraph number from its offsets, and a quote of at most 30
words that is an exact substring of that paragraph), a summary or title written in our words
from its structured fields ("Coup in Myanmar", "Sanctions targeting Belarus": never the
article's sentence), its date as precisely as the text gives it, who claims it, and a `Match`
when a stored record is the same (see `democdash.ingest.matching`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pandas as pd

from democdash.extract.lists import after_marker
from democdash.extract.names import ActorIndex, find_actor
from democdash.extract.pipeline import Extractor
from democdash.ingest.matching import Match, RowIndex, match_event, match_option, record_texts
from democdash.ingest.meta import ArticleMeta, published_value, source_type
from democdash.models import MAX_QUOTE_WORDS, Article, DateValue, SourceRef, slugify
from democdash.text import ParagraphIndex, paragraphs, sha256
from democdash.vocab import STATUS_OF_STANCE, DateBasis, Instrument, OptionStatus, Origin

Kind = Literal["events", "options"]

#: Summaries of candidate events, in our words, by type ({country} is the country's name).
EVENT_SUMMARY = {
    "election": "Election in {country}",
    "protest": "Protest in {country}",
    "strike": "Strike in {country}",
    "crackdown": "Crackdown in {country}",
    "coup": "Coup in {country}",
    "sanction": "Sanctions concerning {country}",
    "diplomacy": "Diplomatic step concerning {country}",
    "legislation_reform": "Legislation or reform in {country}",
    "violence": "Violence in {country}",
    "statement": "Statement concerning {country}",
    "other": "Event in {country}",
}
#: Titles of candidate options, in our words, by instrument ({country}: the target's name).
OPTION_TITLE = {
    "sanctions": "Sanctions targeting {country}",
    "funding": "Funding or aid concerning {country}",
    "diplomacy": "Diplomatic steps concerning {country}",
    "mediation": "Mediation concerning {country}",
    "multilateral": "Multilateral steps concerning {country}",
    "trade": "Trade measures concerning {country}",
    "military": "Military steps concerning {country}",
    "rhetoric": "Public statements concerning {country}",
    "other": "Policy step concerning {country}",
}
_RELATIVE = re.compile(
    r"\b(?:today|yesterday|tomorrow|last|next|this|ago|earlier|later|weekend|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b\d{4}\b")
_WORD = re.compile(r"\S+")
_NAME_NOISE = re.compile(r"^(?:the\s+)|['’]s$", re.IGNORECASE)


@dataclass
class Candidate:
    """A proposed event or option, with the fields the analyst may edit in review.

    `label` is the summary (events) or title (options); `category` the event type or the
    instrument; `country` the event's country or the option's target; `location` the event's
    place as the article names it (a city; None for options); `date` the event date
    (None for options); `status` the option status (None for events). `match` is a stored
    record it is the same as (a strong match, offered as "add as source"); `possible_match` a
    weak one, to show without preselecting it. Options also carry the extraction's `stance`,
    `holder` ({text, kind, actor_id, iso3}) and `confidence`.
    """

    key: str
    kind: Kind
    label: str
    category: str
    country: str | None
    date: DateValue | None
    status: str | None
    source: SourceRef
    sentence: str
    start: int
    end: int
    actors: list[str] = field(default_factory=list)
    claimed_by: str = "author"
    stated_actor: str | None = None
    match: Match | None = None
    possible_match: Match | None = None
    stance: str | None = None
    holder: dict | None = None
    confidence: float | None = None
    location: str | None = None


class Existing:
    """What is already stored, for matching, linking and naming: frames from the store.

    `with_records` extends it with what an article of a batch saved: the matching indexes
    (`rows`, `quotes`, `known_ids`, `known_actors`) at once, the frames only when one is read
    (building small frames for every article cost more than matching them)."""

    _KINDS = ("events", "options", "sources", "countries", "actors")

    def __init__(
        self,
        events: pd.DataFrame,
        options: pd.DataFrame,
        sources: pd.DataFrame,
        countries: pd.DataFrame,
        actors: pd.DataFrame,
    ) -> None:
        self._frames = {
            "events": events,
            "options": options,
            "sources": sources,
            "countries": countries,
            "actors": actors,
        }
        # saved payloads not yet in the frames, by kind ((kind, payload) pairs for sources):
        # JSON texts of lists of them (`_hold`), not dicts, so that the garbage collector does
        # not walk every payload a long batch saved each time it collects
        self._pending: dict[str, list[str]] = {}
        self._indexes: dict = {}

    def _hold(self, kind: str, items: list[str]) -> None:
        """Keep saved payloads (or (kind, payload) pairs), each as JSON text, for the frame
        of `kind`."""
        self._pending.setdefault(kind, []).append(f"[{','.join(items)}]")

    def _frame(self, kind: str) -> pd.DataFrame:
        pending = self._pending.pop(kind, None)
        if pending:
            from democdash import frames

            items = [item for text in pending for item in json.loads(text)]
            added = (
                frames.sources_frame((k, p) for k, p in items)
                if kind == "sources"
                else frames.frame(kind, items)
            )
            self._frames[kind] = _concat(self._frames[kind], added)
        return self._frames[kind]

    @property
    def events(self) -> pd.DataFrame:
        return self._frame("events")

    @property
    def options(self) -> pd.DataFrame:
        return self._frame("options")

    @property
    def sources(self) -> pd.DataFrame:
        return self._frame("sources")

    @property
    def countries(self) -> pd.DataFrame:
        return self._frame("countries")

    @property
    def actors(self) -> pd.DataFrame:
        return self._frame("actors")

    def rows(self, kind: Kind) -> RowIndex:
        """The events' or options' rows grouped for matching (built once)."""
        key = ("rows", kind)
        if key not in self._indexes:
            self._indexes[key] = RowIndex(kind, self.events if kind == "events" else self.options)
        return self._indexes[key]

    def quotes(self, kind: Kind) -> dict[str, str]:
        """Each stored record's quotes joined, by record id (built once)."""
        key = ("quotes", kind)
        if key not in self._indexes:
            self._indexes[key] = record_texts(self.sources, kind)
        return self._indexes[key]

    def known_ids(self, kind: str) -> set[str]:
        """The ids (iso3 for countries) of the stored records of a kind (built once)."""
        key = ("ids", kind)
        if key not in self._indexes:
            column = "iso3" if kind == "countries" else "id"
            self._indexes[key] = set(self._frame(kind)[column])
        return self._indexes[key]

    @classmethod
    def from_store(cls, store) -> Existing:
        """Read the frames matching needs from a `democdash.store.Store`."""
        return cls(
            events=store.events(),
            options=store.options(),
            sources=store.sources(),
            countries=store.countries(),
            actors=store.actors(),
        )

    def country_names(self) -> dict[str, str]:
        """Country names by iso3 (built once)."""
        key = ("names", "countries")
        if key not in self._indexes:
            countries = self.countries
            self._indexes[key] = dict(zip(countries["iso3"], countries["name"], strict=True))
        return self._indexes[key]

    def known_actors(self) -> ActorIndex:
        """Actors as the extraction's `known_actors` (id, name, aliases, kind: only a
        person's name is matched by its surname alone), indexed for looking names up (built
        once)."""
        key = ("actors", None)
        if key not in self._indexes:
            self._indexes[key] = ActorIndex(
                _known_actor(row.id, row.name, row.aliases, getattr(row, "kind", None))
                for row in self.actors.itertuples(index=False)
            )
        return self._indexes[key]


@dataclass
class Candidates:
    """An extracted article ready for review: the article record, its text and candidates:
    likely events and options, options folded as "also possible", and the sentences the
    analyst promoted to an event or an option (`promote`)."""

    article: Article
    text: str
    extraction: dict
    events: list[Candidate]
    options: list[Candidate]
    also_possible: list[Candidate] = field(default_factory=list)
    promoted: list[Candidate] = field(default_factory=list)

    @property
    def all(self) -> list[Candidate]:
        return [*self.events, *self.options, *self.also_possible, *self.promoted]

    def get(self, key: str) -> Candidate:
        return next(c for c in self.all if c.key == key)


def published_date(value: str | None) -> DateValue:
    """The publication date as given (YYYY, YYYY-MM or YYYY-MM-DD), or "not stated"."""
    checked = published_value(value)
    if checked is None:
        return DateValue(value=None, basis=DateBasis.NOT_STATED)
    return DateValue(value=checked, basis=DateBasis.STATED)


def article_id(meta: ArticleMeta, text_hash: str) -> str:
    """A stable id: a slug of the title (else the outlet) and the start of the text's hash."""
    stem = slugify(meta.title or meta.outlet or "article")[:50].strip("-") or "article"
    return f"{stem}-{text_hash[:8]}"


def build_article(text: str, meta: ArticleMeta) -> Article:
    """The `Article` record (origin analyst) for a text and what is known about it."""
    text_hash = sha256(text)
    published = published_date(meta.published)
    note = (
        "Publication date as given when the article was added."
        if published.is_dated
        else "No publication date was given when the article was added."
    )
    return Article(
        id=article_id(meta, text_hash),
        title=_blank(meta.title),
        outlet=_blank(meta.outlet),
        author=_blank(meta.author),
        source_type=source_type(meta.source_type),
        published=published,
        published_note=note,
        url=_blank(meta.url),
        source_file=_blank(meta.source_file),
        text_sha256=text_hash,
        paragraphs=max(1, len(paragraphs(text))),
        origin=Origin.ANALYST,
    )


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def source_at(
    article_id: str, text: str, start: int, end: int, index: ParagraphIndex | None = None
) -> SourceRef | None:
    """The source of a sentence at `start:end`: its paragraph number and a quote of at most
    30 words, an exact substring of that paragraph without a list's bullet or number (None
    if it holds no quotable words).
    `index` is the text's `ParagraphIndex`: pass one when finding many sources in a text
    (building it splits the text)."""
    para = (index or ParagraphIndex(text)).at_or_after(start)
    if para is None:
        return None
    lo, hi = max(start, para.start), min(end, para.end)
    lo = after_marker(text, lo)  # "- impose sanctions ...": the item's words, not its bullet
    words = list(_WORD.finditer(text, lo, hi))[:MAX_QUOTE_WORDS]
    if not words:
        return None
    quote = text[words[0].start() : words[-1].end()]
    if len(quote) < 3:
        return None
    return SourceRef(article=article_id, paragraph=para.number, quote=quote)


def event_date(event: dict, found_dates: Iterable[dict], published: DateValue) -> DateValue:
    """An event's date from the extraction: its ISO value and precision, the source's wording,
    and how it was established (stated, year inferred, relative to publication); undated
    events are "not stated", bounded above by the article's date."""
    iso, precision = event.get("date"), event.get("precision")
    if not iso:
        return DateValue(value=None, basis=DateBasis.NOT_STATED, latest=published.latest)
    wording = next(
        (
            d["text"]
            for d in found_dates
            if event["start"] <= d["start"] < event["end"] and d["iso"] == iso
        ),
        None,
    )
    if precision == "week":
        year, week, _ = date.fromisoformat(iso).isocalendar()
        value = f"{year}-W{week:02d}"
    elif precision == "season":
        value = iso[:4]
    else:
        value = iso
    if wording and _RELATIVE.search(wording):
        basis = DateBasis.RELATIVE
    elif wording and not _YEAR.search(wording):
        basis = DateBasis.YEAR_INFERRED
    else:
        basis = DateBasis.STATED
    return DateValue(
        text=wording,
        value=value,
        precision="season" if precision == "season" else "unknown",
        basis=basis,
    )


#: What an event word names, for specific summaries (stems of `democdash.extract.events`).
TRIGGER_NOUNS = (
    ("forced", "Forced landing of a plane"),
    ("to land", "Forced landing of a plane"),
    ("hijack", "Hijacking of a plane"),
    ("divert", "Diversion of a plane"),
    ("arrest", "Arrest"),
    ("detain", "Detentions"),
    ("detention", "Detentions"),
    ("jail", "Jailing"),
    ("imprison", "Imprisonment"),
    ("raid", "Raid"),
    ("censor", "Censorship"),
    ("banned", "Ban"),
    ("dissolved", "Dissolution"),
    ("tear gas", "Police violence against protesters"),
    ("beat", "Beatings"),
    ("referendum", "Referendum"),
    ("run-off", "Run-off vote"),
    ("runoff", "Run-off vote"),
    ("strike", "Strike"),
    ("walkout", "Walkout"),
    ("rall", "Rally"),
    ("march", "March"),
    ("killed", "Killings"),
    ("killing", "Killings"),
    ("shot", "Shooting"),
    ("clash", "Clashes"),
    ("attack", "Attack"),
    ("bomb", "Bombing"),
    ("massacre", "Massacre"),
    ("amendment", "Constitutional amendment"),
    ("constitution", "Constitutional change"),
    ("decree", "Decree"),
    ("summit", "Summit"),
    ("talks", "Talks"),
    ("treat", "Treaty"),
    ("agreement", "Agreement"),
    ("visit", "Visit"),
    ("embargo", "Embargo"),
)


def event_summary(
    event_type: str,
    country_name: str | None,
    trigger: str | None = None,
    people: Iterable[str] = (),
    when: str | None = None,
) -> str:
    """A candidate event's summary in our words: its type and country, then what happened
    (from the event word found), who was named and when ("Crackdown in Belarus: forced
    landing of a plane involving Roman Protasevich, 2021-05-23"), never the article's
    sentence."""
    template = EVENT_SUMMARY.get(event_type, EVENT_SUMMARY["other"])
    if country_name:
        summary = template.format(country=country_name)
    else:
        summary = template.split(" {country}")[0].rsplit(" ", 1)[0] + " (country not stated)"
    noun = next((n for stem, n in TRIGGER_NOUNS if trigger and stem in trigger), None)
    details = []
    if noun and noun.split()[0].lower() not in summary.lower():
        details.append(noun[0].lower() + noun[1:])
    names = list(dict.fromkeys(people))[:2]
    if names:
        details.append("involving " + " and ".join(names))
    if details:
        summary += ": " + " ".join(details)
    if when:
        summary += f", {when}"
    return summary


def option_title(instrument: str, country_name: str | None) -> str:
    """A candidate option's title in our words, from its instrument and target."""
    template = OPTION_TITLE.get(instrument, OPTION_TITLE["other"])
    if country_name:
        return template.format(country=country_name)
    return template.split(" {country}")[0].rsplit(" ", 1)[0] + " (target not stated)"


_INSTRUMENTS = frozenset(i.value for i in Instrument)


def instrument(value: str | None) -> str:
    """The extraction's instrument in our vocabulary (anything else becomes other)."""
    return value if value in _INSTRUMENTS else Instrument.OTHER.value


def _name_key(name: str) -> str:
    return _NAME_NOISE.sub("", name.strip()).strip().lower()


def link_actor(name: str | None, known_actors: Iterable[Mapping], people: Iterable[Mapping]):
    """The id of a known actor that `name` (an option's holder as the article names it) is:
    a match on the actor's name or an alias, across transliterations ("Lukashenka" is the
    store's "Lukashenko", `democdash.extract.names`), or a person the extraction linked."""
    if not name:
        return None
    found = find_actor(name, known_actors)
    if found is not None:
        return found
    key = _name_key(name)
    for person in people:
        if person.get("actor_id") and any(
            _name_key(m["text"]) == key for m in person.get("mentions", [])
        ):
            return person["actor_id"]
    return None


class _Spans:
    """Items with a `start` offset, sorted once, found by span in O(log n) (looking through
    every item for every candidate made building candidates quadratic in the text's length)."""

    def __init__(self, items: Iterable[tuple[int, object]]):
        self._items = sorted(items, key=lambda item: item[0])
        self._starts = [start for start, _ in self._items]

    def within(self, start: int, end: int) -> list:
        lo = bisect_left(self._starts, start)
        return [item for _, item in self._items[lo : bisect_left(self._starts, end, lo)]]


def _actors_in(people: _Spans, start: int, end: int) -> list[str]:
    """The linked actors of the people mentioned between `start` and `end`."""
    return list(dict.fromkeys(actor for actor in people.within(start, end) if actor))


def _name(iso3: str | None, names: Mapping[str, str]) -> str | None:
    if not iso3:
        return None
    if iso3 in names:
        return names[iso3]
    from democdash.extract.gazetteer import country_name

    return country_name(iso3)


class _Context:
    """What turning one extracted item into a candidate needs, read once per article."""

    def __init__(self, result: dict, text: str, article: Article, existing: Existing):
        self.result, self.text, self.article = result, text, article
        self.names = existing.country_names()
        self.known = existing.known_actors()
        self.people = result.get("people", [])
        self.existing = existing
        self.event_quotes = existing.quotes("events")
        self.option_quotes = existing.quotes("options")
        self.index = ParagraphIndex(text)
        self.dates = _Spans((d["start"], d) for d in result.get("dates", []))
        self.mentioned = _Spans(
            (m["start"], person.get("actor_id"))
            for person in self.people
            for m in person["mentions"]
        )
        self.names_at = _Spans(
            (m["start"], person["name"]) for person in self.people for m in person["mentions"]
        )

    def event(self, key: str, event: dict) -> Candidate | None:
        """A candidate event from an extracted event (None when it holds no quotable words)."""
        source = source_at(self.article.id, self.text, event["start"], event["end"], self.index)
        if source is None:
            return None
        found = self.dates.within(event["start"], event["end"])
        when = event_date(event, found, self.article.published)
        country = event.get("country")
        kind = event["type"] if event["type"] in EVENT_SUMMARY else "other"
        bounds = (when.earliest, when.latest) if when.is_dated else None
        match = match_event(
            country,
            kind,
            bounds,
            str(when.precision),
            event["sentence"],
            self.existing.rows("events"),
            self.event_quotes,
        )
        named = list(dict.fromkeys(self.names_at.within(event["start"], event["end"])))
        return Candidate(
            key=key,
            kind="events",
            label=event_summary(
                kind, _name(country, self.names), event.get("trigger"), named, when.value
            ),
            category=kind,
            country=country,
            date=when,
            status=None,
            source=source,
            sentence=event["sentence"],
            start=event["start"],
            end=event["end"],
            actors=_actors_in(self.mentioned, event["start"], event["end"]),
            match=match if match and match.is_strong else None,
            possible_match=match if match and not match.is_strong else None,
            location=event.get("place"),
        )

    def option(self, key: str, option: dict) -> Candidate | None:
        """A candidate option from an extracted option item (None when it holds no quotable
        words): its position (holder, stance) as the extraction reads it."""
        source = source_at(self.article.id, self.text, option["start"], option["end"], self.index)
        if source is None:
            return None
        target = option.get("target")
        tool = instrument(option.get("instrument"))
        holder = option.get("holder") or {}
        stated = holder.get("text")
        actor = holder.get("actor_id") or link_actor(stated, self.known, self.people)
        if actor and not holder.get("actor_id"):
            holder = {**holder, "actor_id": actor}
        acting = option.get("acting") or {}
        acts = acting.get("actor_id") or link_actor(acting.get("text"), self.known, self.people)
        stance = option.get("stance")
        status = STATUS_OF_STANCE.get(stance or "", OptionStatus.UNKNOWN)
        match = match_option(
            target, tool, option["sentence"], self.existing.rows("options"), self.option_quotes
        )
        return Candidate(
            key=key,
            kind="options",
            label=option_title(tool, _name(target, self.names)),
            category=tool,
            country=target,
            date=None,
            status=str(status),
            source=source,
            sentence=option["sentence"],
            start=option["start"],
            end=option["end"],
            actors=[acts] if acts else ([actor] if actor else []),
            claimed_by=claimant(actor, holder),
            stated_actor=stated,
            match=match if match and match.is_strong else None,
            possible_match=match if match and not match.is_strong else None,
            stance=stance,
            holder=holder or None,
            confidence=option.get("confidence"),
        )


#: A name the store does not know yet, as a people value ("name:Ales Marchuk").
NEW_NAME = "name:"
#: Holders named well enough to be whose claim an option is (not the author, not unknown).
_CLAIMANT_KINDS = frozenset(("person", "government", "organisation", "movement"))


def claimant(actor: str | None, holder: Mapping) -> str:
    """Who an option's claim is named as coming from, by default: the holder when it is a
    stored actor or named in the article as a person, government, organisation or movement
    (a quoted speaker's demand is the speaker's claim, as the curated records have it), else
    the article's author."""
    if actor:
        return actor
    named = (holder.get("text") or "").strip()
    return f"{NEW_NAME}{named}" if named and holder.get("kind") in _CLAIMANT_KINDS else "author"


def build_candidates(
    result: dict,
    text: str,
    meta: ArticleMeta,
    existing: Existing,
    article: Article | None = None,
) -> Candidates:
    """Candidates for review from an extraction `result` of `text` (the JSON contract): the
    likely events and options, and the options folded as "also possible". `article` is
    `build_article(text, meta)` when the caller has made it already."""
    article = article or build_article(text, meta)
    ctx = _Context(result, text, article, existing)
    events = _numbered("event", ctx.event, result.get("events", []))
    options = _numbered("option", ctx.option, result.get("policy_options", []))
    possible = _numbered("possible", ctx.option, result.get("policy_options_also_possible", []))
    return Candidates(article, text, result, events, options, also_possible=possible)


def _numbered(prefix: str, make, items: Iterable[dict]) -> list[Candidate]:
    out: list[Candidate] = []
    for item in items:
        made = make(f"{prefix}-{len(out) + 1}", item)
        if made is not None:
            out.append(made)
    return out


def promote(
    candidates: Candidates,
    existing: Existing,
    sentence: int,
    kind: Kind,
    *,
    extractor: Extractor | None = None,
) -> Candidate | None:
    """A sentence the extraction did not propose, as a candidate event or option prefilled
    with what the pipeline sees in it (its countries, date, people, stance, holder, who
    would act and instrument); its quote is the sentence (at most 30 words of it).
    `sentence` is its index in the extraction's `sentences`; None when it holds no quotable
    words. `extractor` describes a sentence the extraction left undescribed (built for the
    call when not given)."""
    entry = candidates.extraction["sentences"][sentence]
    if kind == "options" and entry.get("stance") is None:
        from democdash.extract import describe_sentence, load_extractor

        meta = candidates.extraction.get("article", {})
        described = describe_sentence(
            candidates.text,
            entry["start"],
            extractor=extractor or load_extractor(),
            title=meta.get("title"),
            published=meta.get("published"),
            known_actors=existing.known_actors(),
        )
        entry = described or entry
    ctx = _Context(candidates.extraction, candidates.text, candidates.article, existing)
    countries = list(entry.get("countries") or [])
    key = f"sentence-{sentence + 1}-{'event' if kind == 'events' else 'option'}"
    span = {"sentence": entry["text"], "start": entry["start"], "end": entry["end"]}
    if kind == "events":
        dated = list(entry.get("dates") or [])
        event = {
            **span,
            "type": entry.get("event_type") or "other",
            "country": countries[0] if countries else None,
            "date": dated[0] if dated else None,
            "precision": _precision(dated[0]) if dated else None,
        }
        return ctx.event(key, event)
    holder = entry.get("holder") or {}
    target = next((c for c in countries if c != holder.get("iso3")), None)
    option = {
        **span,
        "stance": entry.get("stance"),
        "holder": holder,
        "acting": entry.get("acting"),
        "instrument": entry.get("instrument"),
        "target": target or (countries[0] if countries else None),
        "confidence": entry.get("option_confidence"),
    }
    return ctx.option(key, option)


def _precision(iso: str) -> str:
    return {4: "year", 7: "month"}.get(len(iso), "day")


def with_records(
    existing: Existing,
    new_records: Mapping[str, Iterable],
    added_sources: Iterable[tuple[str, str, SourceRef]] = (),
) -> Existing:
    """`existing` and the records an article just saved (models, as `ReviewResult.
    new_records()` gives them) and the sources it added to stored records: what matching the
    next article of a batch needs, without reading every record from the store again. A new
    country or actor already known is not added twice (the store cites it instead).

    The matching indexes and the payloads not yet in frames are extended in place and handed
    on (`existing` is not to be used afterwards); frames are built from the new payloads only
    when read."""
    extended = Existing(**existing._frames)
    # handed on, not copied: copying every saved payload after each article made a batch
    # quadratic (and each copy a large young object for the garbage collector to walk)
    extended._pending = existing._pending
    indexes = existing._indexes
    added: dict[str, list[dict]] = {}
    sourced: list[tuple[str, dict]] = []
    held_sources: list[str] = []
    for kind, records in new_records.items():
        if kind not in ("events", "options", "countries", "actors"):
            continue
        key = "iso3" if kind == "countries" else "id"
        known = existing.known_ids(kind)
        saved = [(r.model_dump(mode="json"), r) for r in records]
        saved = [(p, r) for p, r in saved if p[key] not in known]
        if not saved:
            continue
        # in the order the frames keep (by id), so that matching breaks ties as it did
        saved.sort(key=lambda pair: pair[0][key])
        payloads = [p for p, _ in saved]
        known.update(p[key] for p in payloads)
        added[kind] = payloads
        # the JSON text of each, as the store writes it, made once for both frames
        texts = [r.model_dump_json() for _, r in saved]
        extended._hold(kind, texts)
        if kind in ("events", "options"):
            sourced += [(kind, p) for p in payloads]
            held_sources += [f'["{kind}",{text}]' for text in texts]
    cited = [
        (kind, {"id": record_id, "sources": [source.model_dump(mode="json")]})
        for kind, record_id, source in added_sources
    ]
    if cited:
        sourced += cited
        held_sources.append(json.dumps(cited)[1:-1])  # the items, in one call
    if held_sources:
        extended._hold("sources", held_sources)
    requoted = {kind: _joined_quotes(sourced, kind) for kind in ("events", "options")}
    for (what, kind), index in indexes.items():
        if what == "rows":
            index.add_payloads(added.get(kind, ()))
            index.requote(requoted[kind])  # their words are read again before matching
        elif what == "quotes":
            for record_id, quote in requoted[kind].items():
                index[record_id] = f"{index[record_id]} {quote}" if record_id in index else quote
        elif what == "actors" and "actors" in added:
            index = index.extended(_actor_labels(p) for p in added["actors"])
        elif what == "names" and "countries" in added:
            index = {**index, **{p["iso3"]: p.get("name") for p in added["countries"]}}
        extended._indexes[(what, kind)] = index
    return extended


def _actor_labels(payload: Mapping) -> dict:
    """An actor payload as the extraction's `known_actors` entry (its aliases as the actors
    frame lists them: its own and its search aliases)."""
    aliases = [*payload.get("aliases", []), *payload.get("search_aliases", [])]
    return _known_actor(payload["id"], payload.get("name"), aliases, payload.get("kind"))


def _known_actor(actor_id: str, name: str | None, aliases, kind) -> dict:
    """One `known_actors` entry, whether read from the store or saved in this batch (the kind
    as text: only a person's name is matched by its surname alone)."""
    return {
        "id": actor_id,
        "name": name,
        "aliases": list(aliases or []),
        "kind": str(kind) if kind else None,
    }


def _joined_quotes(items: Iterable[tuple[str, Mapping]], kind: str) -> dict[str, str]:
    """`record_texts` of (kind, payload) pairs, without building a sources frame."""
    quotes: dict[str, list[str]] = {}
    for item_kind, payload in items:
        if item_kind == kind:
            for source in payload.get("sources", []):
                quotes.setdefault(payload["id"], []).append(source["quote"])
    return {record_id: " ".join(q) for record_id, q in quotes.items()}


def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    if a.empty:
        return b
    if b.empty:
        return a
    return pd.concat([a, b], ignore_index=True)
