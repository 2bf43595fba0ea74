"""The analyst's review, as a pure function: decisions and edits in, records to save out.

The page collects, per candidate, an action (accept as a new record, reject, or add the article
as a source of the stored record it matches) and the fields edited in the review table;
`apply_review` checks them and builds the models. The CLI uses `default_decisions` (every
candidate accepted, matched ones as added sources). Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import ValidationError

from democdash import dates as date_values
from democdash.ingest.candidates import NEW_NAME, Candidate, Candidates, claimant
from democdash.models import (
    Actor,
    Country,
    DateValue,
    Event,
    OptionStatusEntry,
    PolicyOption,
    Position,
    SourceRef,
    is_iso3,
    slugify,
)
from democdash.vocab import (
    CAMEO_ROOT,
    STANCE_OF_STATUS,
    ActorKind,
    ActorRole,
    CountryRole,
    DateBasis,
    EventType,
    Instrument,
    OptionStatus,
    Origin,
    Stance,
)

Action = Literal["accept", "reject", "add_source"]
ACCEPT: Action = "accept"
REJECT: Action = "reject"
ADD_SOURCE: Action = "add_source"
ACTIONS: tuple[Action, ...] = (ACCEPT, REJECT, ADD_SOURCE)
#: Fields of a candidate the review may edit.
EDITABLE = (
    "label",
    "category",
    "country",
    "date",
    "location",
    "status",
    "stance",
    "holder",
    "claimed_by",
)
#: How an edit names someone the store does not know yet: `name:Lithuania's president`.
SPECIAL_HOLDERS = ("author", "critics")
#: The claimant value that names whoever holds the position (followed when the holder is
#: edited): what the review shows for a claim named as the holder's.
SAME_AS_HOLDER = "holder"


@dataclass
class Decision:
    """What the analyst decided for one candidate, and the fields they edited.

    `edits` maps field names in `EDITABLE` to new values: `label` (summary or title),
    `category` (event type or instrument), `country` (ISO3 or empty), `date` (an EDTF-style
    value such as 2024-03 or 2024-03-05, or empty for "not stated"), `location` (an event's
    place as the article names it, or empty), `status` (option status),
    and for options `stance` (a `Stance`), `holder` (who holds the position) and `claimed_by`
    (who makes the claim, "named in the article"): an actor id, `author`, `critics`, or
    `name:<name as the article gives it>` for someone not stored yet (saved as a new actor).
    """

    action: Action
    edits: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReviewResult:
    """What a review saves: new records, sources added to stored records, and what was left
    out. `problems` (one sentence each, naming the candidate) block the save."""

    events: list[Event] = field(default_factory=list)
    options: list[PolicyOption] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    added_sources: list[tuple[str, str, SourceRef]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def new_records(self) -> dict[str, list]:
        """The records for `Store.add_article(new_records=...)`."""
        return {
            "countries": self.countries,
            "actors": self.actors,
            "events": self.events,
            "options": self.options,
        }

    def summary(self) -> str:
        """One line: what will be (or was) saved, and how many candidates were left out."""
        return (
            f"{len(self.events)} new events, {len(self.options)} new policy options, "
            f"{len(self.added_sources)} added sources to stored records, "
            f"{len(self.countries)} new countries, {len(self.actors)} new actors; "
            f"{len(self.rejected)} left out"
        )


def default_decisions(candidates: Candidates) -> dict[str, Decision]:
    """Every likely candidate accepted: matched ones as an added source, the others as new
    records (the options folded as "also possible" are left out)."""
    likely = [*candidates.events, *candidates.options]
    return {c.key: Decision(ADD_SOURCE if c.match else ACCEPT) for c in likely}


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def apply_edits(candidate: Candidate, edits: Mapping[str, Any]) -> tuple[Candidate, list[str]]:
    """The candidate with `edits` applied, and a problem per edit that cannot be applied."""
    if not edits:  # accepted as extracted (every candidate of a batch)
        return candidate, []
    problems: list[str] = []
    changes: dict[str, Any] = {}
    name = _describe(candidate)
    for key, raw in edits.items():
        if key not in EDITABLE:
            problems.append(f"{name}: {key!r} cannot be edited")
            continue
        value = _clean(raw)
        if key == "label":
            if value is None:
                problems.append(f"{name}: the summary or title is empty")
            else:
                changes["label"] = value
        elif key == "category":
            vocab = EventType if candidate.kind == "events" else Instrument
            if value not in {v.value for v in vocab}:
                what = "event type" if candidate.kind == "events" else "instrument"
                problems.append(f"{name}: {value!r} is not an {what}")
            else:
                changes["category"] = value
        elif key == "country":
            code = value.upper() if value else None
            if code and not is_iso3(code):
                problems.append(f"{name}: {value!r} is not an ISO 3166-1 alpha-3 country code")
            else:
                changes["country"] = code
        elif key == "status":
            if candidate.kind != "options" or value not in {s.value for s in OptionStatus}:
                problems.append(f"{name}: {value!r} is not an option status")
            else:
                changes["status"] = value
        elif key == "stance":
            if candidate.kind != "options" or value not in {s.value for s in Stance}:
                problems.append(f"{name}: {value!r} is not a stance")
            else:
                changes["stance"] = value
        elif key in ("holder", "claimed_by"):
            if candidate.kind != "options":
                problems.append(f"{name}: only options have a position here")
            elif value is None or value == NEW_NAME.strip() or value == NEW_NAME:
                problems.append(f"{name}: say who {_WHO[key]}")
            elif key == "holder":
                changes["holder"] = _named(value, candidate.holder)
            else:
                changes["claimed_by"] = value
        elif key == "location":
            if candidate.kind != "events":
                problems.append(f"{name}: only events have a place")
            else:
                changes["location"] = value
        elif key == "date":
            if candidate.kind != "events":
                problems.append(f"{name}: only events have a date here")
                continue
            current = candidate.date.value if candidate.date else None
            if value == current:
                continue
            if value is None:
                latest = candidate.date.latest if candidate.date else None
                changes["date"] = DateValue(basis=DateBasis.NOT_STATED, latest=latest)
                continue
            try:
                date_values.parse_value(value)
            except date_values.DateValueError as exc:
                problems.append(f"{name}: date {exc}")
                continue
            text = candidate.date.text if candidate.date else None
            changes["date"] = DateValue(text=text, value=value, basis=DateBasis.INFERRED)
    if changes.get("claimed_by") == SAME_AS_HOLDER or (
        "claimed_by" not in edits and "holder" in changes and follows_holder(candidate)
    ):
        changes["claimed_by"] = people_value(changes.get("holder", candidate.holder))
    return replace(candidate, **changes), problems


def follows_holder(candidate: Candidate) -> bool:
    """Whether the candidate's claim is named as its holder's (a named holder, by default:
    `candidates.claimant`), so that it follows an edited holder."""
    held = candidate.holder or {}
    named = candidate.claimed_by not in SPECIAL_HOLDERS
    return named and candidate.claimed_by == claimant(held.get("actor_id"), held)


def people_value(holder: Mapping[str, Any] | None) -> str:
    """A holder as a people value (what `holder` and `claimed_by` edits take): an actor id,
    `author`, `critics`, or `name:<words>` for someone named in the article but not stored."""
    holder = holder or {}
    if holder.get("actor_id"):
        return str(holder["actor_id"])
    if holder.get("kind") in SPECIAL_HOLDERS or not holder.get("text"):
        return "critics" if holder.get("kind") == "critics" else "author"
    return f"{NEW_NAME}{holder['text']}"


_WHO = {"holder": "holds the position", "claimed_by": "is named in the article"}


def _named(value: str, extracted: Mapping[str, Any] | None) -> dict[str, Any]:
    """A holder as the review gives it: `author`/`critics`, an actor id, or a new name."""
    if value in SPECIAL_HOLDERS:
        return {"text": None, "kind": value, "actor_id": None, "iso3": None}
    if value.startswith(NEW_NAME):
        kind = (extracted or {}).get("kind")
        iso3 = (extracted or {}).get("iso3")
        return {
            "text": value[len(NEW_NAME) :].strip(),
            "kind": kind,
            "actor_id": None,
            "iso3": iso3,
        }
    return {"text": None, "kind": "actor", "actor_id": value, "iso3": None}


def _describe(candidate: Candidate) -> str:
    kind = "event" if candidate.kind == "events" else "option"
    return f"Candidate {kind} {candidate.key.split('-')[-1]} (“{candidate.label}”)"


def _event(candidate: Candidate, record_id: str, origin_claim: str) -> Event:
    return Event(
        id=record_id,
        sources=[candidate.source],
        claimed_by=origin_claim,
        origin=Origin.ANALYST,
        date=candidate.date or DateValue(basis=DateBasis.NOT_STATED),
        country=candidate.country,
        location=candidate.location,
        type=candidate.category,
        cameo=CAMEO_ROOT.get(EventType(candidate.category)),
        actors=candidate.actors,
        summary=candidate.label,
    )


def _option(
    candidate: Candidate, record_id: str, as_of: DateValue, people: _People
) -> PolicyOption:
    """An option with the position the review shows (who holds it, which stance) and its
    status as of the article's date, both citing the candidate's sentence: what review shows
    is what is saved."""
    status = OptionStatus(candidate.status or OptionStatus.UNKNOWN)
    stance = candidate.stance or STANCE_OF_STATUS[status]
    holder = people.id_of(candidate.holder, candidate)
    claimed = candidate.claimed_by
    if claimed == people_value(candidate.holder):
        claimed = holder  # the holder's claim: the holder's actor (one new actor, not two)
    elif claimed.startswith(NEW_NAME):
        claimed = people.id_of(_named(claimed, None), candidate)
    return PolicyOption(
        id=record_id,
        claimed_by=claimed,
        origin=Origin.ANALYST,
        title=candidate.label,
        instrument=candidate.category,
        actors=candidate.actors,
        positions=[Position(holder=holder, stance=stance, source=candidate.source)],
        target=candidate.country,
        statuses=[OptionStatusEntry(status=status, as_of=as_of, source=candidate.source)],
    )


#: The actor kind a new holder gets, from the kind the extraction saw.
_ACTOR_KIND = {
    "person": ActorKind.PERSON,
    "government": ActorKind.GOVERNMENT,
    "organisation": ActorKind.ORGANISATION,
    "movement": ActorKind.MOVEMENT,
}


class _People:
    """Holders the review names who are not stored yet: one new analyst actor each (the same
    name twice in one article is one actor), citing the sentence that names them."""

    def __init__(self) -> None:
        self.new: dict[str, Actor] = {}

    def id_of(self, holder: Mapping[str, Any] | None, candidate: Candidate) -> str:
        holder = holder or {}
        if holder.get("actor_id"):
            return str(holder["actor_id"])
        name = (holder.get("text") or "").strip()
        if holder.get("kind") in SPECIAL_HOLDERS or not name:
            return "critics" if holder.get("kind") == "critics" else "author"
        iso3 = holder.get("iso3")
        actor_id = slugify(f"{iso3 or 'actor'}-{name}")
        if actor_id not in self.new:
            self.new[actor_id] = Actor(
                id=actor_id,
                name=name,
                kind=_ACTOR_KIND.get(holder.get("kind") or "", ActorKind.ORGANISATION),
                country=iso3,
                role=ActorRole.OTHER,
                description="Named in an analyst's article as holding a position on a step "
                "still ahead; no description written yet.",
                sources=[candidate.source],
                origin=Origin.ANALYST,
            )
        return actor_id


def new_country(iso3: str, article_title: str | None) -> Country:
    """A country not yet in the store, added so the map shows what was drawn from the article.

    Its context says only where it came from: nothing about the country is invented."""
    from democdash.extract.gazetteer import country_name

    where = f"the article “{article_title}”" if article_title else "an article"
    return Country(
        iso3=iso3,
        name=country_name(iso3),
        role=CountryRole.MENTIONED,
        context=f"Added by an analyst with records drawn from {where}; no context written yet.",
        origin=Origin.ANALYST,
    )


def apply_review(
    candidates: Candidates,
    decisions: Mapping[str, Decision],
    known_countries: Iterable[str] = (),
) -> ReviewResult:
    """The records a review saves: accepted candidates as new events and options (ids from the
    article's hash), matched ones as sources added to the stored record, and a new `Country`
    for each code the accepted records use that is not in `known_countries`.

    A candidate without a decision is left out (counted as rejected). Edits that cannot be
    applied, an accepted event without a country, or "add as source" without a match are
    problems: `result.ok` is False and nothing should be saved.
    """
    result = ReviewResult()
    article = candidates.article
    short = (article.text_sha256 or article.id)[:8]
    known = set(known_countries)
    added: dict[str, Country] = {}
    people = _People()
    for index, original in enumerate(candidates.all, start=1):
        decision = decisions.get(original.key)
        if decision is None or decision.action == REJECT:
            result.rejected.append(original.key)
            continue
        candidate, problems = apply_edits(original, decision.edits)
        result.problems.extend(problems)
        if problems:
            continue
        if decision.action == ADD_SOURCE:
            # a weak match is offered without being chosen; the analyst may still choose it
            match = candidate.match or candidate.possible_match
            if match is None:
                result.problems.append(
                    f"{_describe(candidate)}: no stored record to add this source to"
                )
            else:
                result.added_sources.append((candidate.kind, match.record_id, candidate.source))
            continue
        if decision.action != ACCEPT:
            result.problems.append(f"{_describe(candidate)}: unknown action {decision.action!r}")
            continue
        code = (candidate.country or "").lower()
        try:
            if candidate.kind == "events":
                if not candidate.country:
                    result.problems.append(
                        f"{_describe(candidate)}: choose the country it happened in"
                    )
                    continue
                record_id = f"{code}-{candidate.category}-{short}-{index}".replace("_", "-")
                result.events.append(_event(candidate, record_id, candidate.claimed_by))
            else:
                record_id = f"opt-{code or 'any'}-{candidate.category}-{short}-{index}"
                result.options.append(_option(candidate, record_id, article.published, people))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            result.problems.append(f"{_describe(candidate)}: {where}: {first['msg']}")
            continue
        if candidate.country and candidate.country not in known and candidate.country not in added:
            added[candidate.country] = new_country(candidate.country, article.title)
    result.actors = list(people.new.values())
    for actor in result.actors:  # a new holder's country is shown on the map like the others
        if actor.country and actor.country not in known and actor.country not in added:
            added[actor.country] = new_country(actor.country, article.title)
    result.countries = list(added.values())
    return result
