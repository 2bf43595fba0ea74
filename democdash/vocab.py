"""Controlled vocabularies, defined once: values stored in data files and the labels shown."""

from __future__ import annotations

from enum import StrEnum


class SourceType(StrEnum):
    OPINION = "opinion"
    REPORTING = "reporting"
    ANALYSIS = "analysis"
    OFFICIAL = "official"


class Precision(StrEnum):
    """How precisely a date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    UNKNOWN = "unknown"


class DateBasis(StrEnum):
    """Where a date comes from."""

    STATED = "stated"
    YEAR_INFERRED = "year_inferred"
    RELATIVE = "relative_to_publication"
    INFERRED = "inferred_from_context"
    NOT_STATED = "not_stated"


class CountryRole(StrEnum):
    FOCUS = "focus"
    SECONDARY = "secondary"
    MENTIONED = "mentioned"


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    PARTY = "party"
    ORGANISATION = "organisation"
    MOVEMENT = "movement"


class ActorRole(StrEnum):
    INCUMBENT = "incumbent"
    OPPOSITION = "opposition"
    EXTERNAL_BACKER = "external_backer"
    MEDIATOR = "mediator"
    EXTERNAL_CRITIC = "external_critic"
    SECURITY_FORCES = "security_forces"
    OFFICIAL = "official"
    COMMENTATOR = "commentator"
    INTERNATIONAL = "international"
    OTHER = "other"


class EventType(StrEnum):
    """Event vocabulary (ACLED-like, with optional CAMEO root codes)."""

    ELECTION = "election"
    PROTEST = "protest"
    STRIKE = "strike"
    CRACKDOWN = "crackdown"
    COUP = "coup"
    SANCTION = "sanction"
    DIPLOMACY = "diplomacy"
    LEGISLATION_REFORM = "legislation_reform"
    VIOLENCE = "violence"
    STATEMENT = "statement"
    OTHER = "other"


class Instrument(StrEnum):
    SANCTIONS = "sanctions"
    FUNDING = "funding"
    DIPLOMACY = "diplomacy"
    MEDIATION = "mediation"
    MULTILATERAL = "multilateral"
    TRADE = "trade"
    MILITARY = "military"
    RHETORIC = "rhetoric"
    OTHER = "other"


class Stance(StrEnum):
    """A position on a step still ahead, in the vocabulary of the extraction rules."""

    RECOMMENDS = "recommends"
    PROPOSES = "proposes"
    PLEDGES = "pledges"
    DEMANDS = "demands"
    THREATENS = "threatens"
    WEIGHS = "weighs"
    REFUSES = "refuses"


class OptionStatus(StrEnum):
    RECOMMENDED = "recommended"
    PROPOSED = "proposed"
    PLEDGED = "pledged"
    PLANNED = "planned"
    ENACTED = "enacted"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


class SanctionType(StrEnum):
    TRAVEL = "travel"
    FINANCIAL = "financial"
    TRADE = "trade"
    ARMS = "arms"
    UNSPECIFIED = "unspecified"


class SanctionStatus(StrEnum):
    IN_FORCE = "in_force"
    PROPOSED = "proposed"
    PLEDGED = "pledged"
    LIFTED = "lifted"
    UNKNOWN = "unknown"


class Reliability(StrEnum):
    """How reliable a source (outlet, author or article) is, as an analyst graded it (the
    Admiralty system's letter)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Credibility(StrEnum):
    """How credible one claim is, as an analyst graded it (the Admiralty system's number)."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"


#: What each grade means, in the Admiralty system's words.
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}


class Origin(StrEnum):
    """Curated records come from `data/`; analyst records from the app or the CLI."""

    CURATED = "curated"
    ANALYST = "analyst"


#: A CAMEO root code for each event type where one fits (optional column in the data).
CAMEO_ROOT = {
    EventType.PROTEST: "14",
    EventType.STRIKE: "14",
    EventType.CRACKDOWN: "17",
    EventType.COUP: "18",
    EventType.SANCTION: "16",
    EventType.DIPLOMACY: "04",
    EventType.VIOLENCE: "18",
    EventType.STATEMENT: "01",
}


def label(value: str) -> str:
    """A human label for a vocabulary value: `legislation_reform` -> `Legislation / reform`."""
    special = {
        "legislation_reform": "Legislation / reform",
        "external_backer": "External backer",
        "external_critic": "External critic",
        "security_forces": "Security forces",
        "relative_to_publication": "relative to publication",
        "year_inferred": "year inferred from context",
        "inferred_from_context": "inferred from context",
        "not_stated": "not stated",
        "in_force": "in force",
    }
    text = special.get(str(value), str(value).replace("_", " "))
    return text[:1].upper() + text[1:]


#: The status a position implies when nothing else is known of the option (a review's default).
STATUS_OF_STANCE = {
    Stance.RECOMMENDS: OptionStatus.RECOMMENDED,
    Stance.PROPOSES: OptionStatus.PROPOSED,
    Stance.PLEDGES: OptionStatus.PLEDGED,
    Stance.DEMANDS: OptionStatus.PROPOSED,
    Stance.THREATENS: OptionStatus.PROPOSED,
    Stance.WEIGHS: OptionStatus.UNKNOWN,
    Stance.REFUSES: OptionStatus.REJECTED,
}
#: The stance a status most likely stands for, when only the status is known.
STANCE_OF_STATUS = {
    OptionStatus.RECOMMENDED: Stance.RECOMMENDS,
    OptionStatus.PROPOSED: Stance.PROPOSES,
    OptionStatus.PLEDGED: Stance.PLEDGES,
    OptionStatus.PLANNED: Stance.PROPOSES,
    OptionStatus.ENACTED: Stance.PROPOSES,
    OptionStatus.REJECTED: Stance.REFUSES,
    OptionStatus.UNKNOWN: Stance.PROPOSES,
}
