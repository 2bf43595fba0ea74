"""The view dates of a page: "as of" (what was known by then) and "since" (what is new since).

`as_of=2021-03` shows what our sources had published by the end of March 2021 (the rule is
`democdash.asof`'s, applied by the store's reads); `since=2021-01` marks what our sources
published from 1 January 2021 on (by the as-of date, see `democdash.digest`). Both take
`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; none means "the latest" and "nothing marked".

Countries carry no sources of their own, so as of a date that leaves a source out, a country is
listed when a record known by then concerns it, and its context paragraph (our words, written
from every source, later ones included) is not shown (`known_countries`).

Pure: text in, values out; the app (`democdash.ui.viewdates`), the CLI and briefs use it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from democdash import asof

if TYPE_CHECKING:
    import pandas as pd

#: The kinds whose known records say which countries are listed as of a past date.
KNOWN_KINDS = ("events", "options", "sanctions", "actors", "risks")
_VIEW_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
USAGE = "use YYYY, YYYY-MM or YYYY-MM-DD"


def parse(text: str) -> str:
    """A view date as its canonical text (`"2021"`, `"2021-03"`, `"2021-03-01"`), or a
    `ValueError` that says what is wrong with it."""
    raw = str(text).strip()
    match = _VIEW_DATE.match(raw)
    if match is None:
        raise ValueError(f"{raw[:40]!r} is not a date ({USAGE})")
    try:
        asof.period_end(raw)
    except ValueError:
        raise ValueError(f"{raw[:40]!r} is not a date ({USAGE})") from None
    return raw


def first_day(text: str) -> date:
    """The first day of a view date's period: "2021" -> 1 Jan 2021, "2021-03" -> 1 Mar 2021."""
    year, month, day = _VIEW_DATE.match(parse(text)).groups()  # type: ignore[union-attr]
    return date(int(year), int(month or 1), int(day or 1))


def label(text: str) -> str:
    """A view date as words: "2021", "March 2021", "1 March 2021"."""
    year, month, day = _VIEW_DATE.match(parse(text)).groups()  # type: ignore[union-attr]
    if month is None:
        return year
    name = calendar.month_name[int(month)]
    return f"{name} {year}" if day is None else f"{int(day)} {name} {year}"


@dataclass(frozen=True)
class ViewDates:
    """The view dates in force: `as_of` and `since` as canonical text (None: not set).

    Hashable, so caches can key on it."""

    as_of: str | None = None
    since: str | None = None

    @classmethod
    def of(cls, as_of: str | None = None, since: str | None = None) -> ViewDates:
        """From texts as typed (`ValueError` naming the bad one); empty means not set."""
        values = {}
        for name, value in (("as_of", as_of), ("since", since)):
            text = (value or "").strip()
            try:
                values[name] = parse(text) if text else None
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
        return cls(**values)

    @property
    def as_of_end(self) -> date | None:
        """The last day whose publications count (None: everything counts)."""
        return asof.period_end(self.as_of) if self.as_of else None

    @property
    def since_start(self) -> date | None:
        """The first day of publication that counts as new (None: nothing is marked new)."""
        return first_day(self.since) if self.since else None

    @property
    def nothing_new(self) -> bool:
        """True when `since` starts after the as-of date: nothing can be new in between."""
        start, end = self.since_start, self.as_of_end
        return start is not None and end is not None and start > end

    def as_of_label(self) -> str:
        """ "March 2021", or "the latest" when no as-of date is set."""
        return label(self.as_of) if self.as_of else "the latest"

    def since_label(self) -> str:
        """ "January 2021" ("" when no since date is set)."""
        return label(self.since) if self.since else ""

    def query(self) -> dict[str, str]:
        """As URL parameters (`{}` for the latest with nothing marked)."""
        return {k: v for k, v in (("as_of", self.as_of), ("since", self.since)) if v}

    def describe(self) -> list[tuple[str, str]]:
        """(item, value) lines for an export's About part or a brief."""
        lines = []
        if self.as_of:
            lines.append(
                ("As of", f"{self.as_of_label()}: only what our sources had published by then")
            )
        if self.since:
            lines.append(("New since", f"{self.since_label()}: published from then on"))
        return lines


def later_sources(known: pd.DataFrame, latest: pd.DataFrame) -> dict[str, int]:
    """{record id: how many of its source articles the as-of date hides}, for the records of a
    kind known as of a date (`known`) that later articles report too (`latest`: the same kind
    with everything). Their summaries, titles and rationales are our words, written from every
    source: what they say may come from those later articles."""
    now = dict(zip(latest["id"], latest["articles"], strict=True))
    found = {}
    for record_id, cited in zip(known["id"], known["articles"], strict=True):
        hidden = len(set(now.get(record_id, ())) - set(cited))
        if hidden:
            found[record_id] = hidden
    return found


def later_note(hidden: int, dates: ViewDates) -> str:
    """What a record's detail says when the as-of date hides some of its sources."""
    sources = "a later source" if hidden == 1 else f"{hidden} later sources"
    return (
        f"Our words here also draw on {sources}, hidden as of {dates.as_of_label()}: "
        "the quotes are what was published by then."
    )


def concerned_countries(frames: Mapping[str, pd.DataFrame]) -> set[str]:
    """ISO codes that the given records concern: where events happened and every country they
    involve, options' targets, sanctions' target countries, actors' countries and the countries
    risks threaten (`frames` by kind; a missing kind counts nothing)."""
    found: set[str] = set()

    def add(values: Iterable[object]) -> None:
        found.update(v for v in values if isinstance(v, str))

    if (events := frames.get("events")) is not None:
        add(events["country"])
        add(c for codes in events["countries_involved"] for c in codes)
    if (options := frames.get("options")) is not None:
        add(options["target"])
    if (sanctions := frames.get("sanctions")) is not None:
        add(sanctions["target_country"])
    if (actors := frames.get("actors")) is not None:
        add(actors["country"])
    if (risks := frames.get("risks")) is not None:
        add(c for codes in risks["threatens_countries"] for c in codes)
    return found


def known_countries(
    countries: pd.DataFrame, known: Mapping[str, pd.DataFrame], all_articles: Iterable[str]
) -> pd.DataFrame:
    """The countries frame as of a date, from the frames `known` by then (by kind, `articles`
    among them) and the ids of every article stored: unchanged when the date leaves no article
    out; otherwise only the countries the known records concern, and no context paragraph (it
    was written from every source, later ones included, and cites none)."""
    if set(known["articles"]["id"]) >= set(all_articles):
        return countries
    kept = countries[countries["iso3"].isin(concerned_countries(known))]
    return kept.assign(context=None).reset_index(drop=True)
