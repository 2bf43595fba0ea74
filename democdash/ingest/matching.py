"""Is a candidate the same as a stored record? Then it is offered as an added source, not a
duplicate.

Rules (each threshold is a named constant, tested with the real data and fixtures):

- an event matches a stored event only when the country and the event type are the same and
  the dates agree: both dated with overlapping bounds, or (weakly) one of them undated and the
  words overlap a lot (`EVENT_UNDATED_MIN`); when either date is coarse (a season, a year or
  wider) or open-ended ("since August 2020, continuing", which overlaps every later date) the
  words must overlap too (`EVENT_COARSE_MIN`);
- an option matches a stored option with the same target and instrument whose title and quotes
  share enough words with the candidate's sentence (`OPTION_MIN`).

Word overlap is the Jaccard index of content words (lower-cased, three letters or more, common
function words left out). Of several matches the closest wins.

Every match has a `strength`: `strong` when an event's dates agree at day, week or month
precision, neither of them open-ended (or an option's words overlap by `OPTION_STRONG_MIN`),
else `weak`. Only a strong match may be preselected as "add as source"; a weak one is shown as
a possible match (`democdash.ingest.candidates.Candidate.possible_match`).
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

EVENT_COARSE_MIN = 0.12
EVENT_UNDATED_MIN = 0.3
OPTION_MIN = 0.2
OPTION_STRONG_MIN = 0.3
STRONG = "strong"
WEAK = "weak"
FINE_PRECISIONS = frozenset({"day", "week", "month"})

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset(
    {
        "the",
        "and",
        "for",
        "that",
        "with",
        "from",
        "this",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "been",
        "being",
        "its",
        "their",
        "his",
        "her",
        "they",
        "them",
        "than",
        "then",
        "but",
        "not",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "also",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "more",
        "most",
        "such",
        "some",
        "other",
        "only",
        "very",
        "just",
        "said",
        "says",
        "say",
        "while",
        "there",
        "here",
        "our",
        "out",
        "all",
        "any",
        "one",
        "two",
        "new",
    }
)


@dataclass(frozen=True)
class Match:
    """A stored record a candidate is the same as: its id, a label to show, how close, and
    whether the match is `strong` (may be preselected) or `weak` (shown, not preselected)."""

    record_id: str
    label: str
    score: float
    strength: str = STRONG

    @property
    def is_strong(self) -> bool:
        return self.strength == STRONG


def tokens(text: str | None) -> set[str]:
    """Content words of a text, for word overlap."""
    words = _WORD.findall((text or "").lower().replace("’", "'"))
    return {w.split("'")[0] for w in words if len(w) >= 3 and w not in _STOP}


def similarity(a: str | None, b: str | None) -> float:
    """Jaccard index of the content words of two texts (0 when either has none)."""
    return _jaccard(tokens(a), tokens(b))


def _jaccard(ta: set[str] | frozenset[str], tb: set[str] | frozenset[str]) -> float:
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb) if len(ta) <= len(tb) else len(tb & ta)
    return shared / (len(ta) + len(tb) - shared)


def bounds_overlap(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """Whether two date ranges share a day; a missing start or end is open on that side."""
    a_lo, a_hi = a[0] or date.min, a[1] or date.max
    b_lo, b_hi = b[0] or date.min, b[1] or date.max
    return a_lo <= b_hi and b_lo <= a_hi


def record_texts(sources: pd.DataFrame, kind: str) -> dict[str, str]:
    """Every record's quotes joined into one text per record id (from `Store.sources()`)."""
    rows = sources[sources["kind"] == kind]
    return rows.groupby("record_id")["quote"].apply(lambda q: " ".join(q)).to_dict()


def _day(value) -> date | None:
    if value is None or type(value) is date:
        return value
    return None if pd.isna(value) else pd.Timestamp(value).date()


#: The columns matching reads, by kind, and the two it groups rows by.
_MATCH_COLUMNS = {
    "events": (
        ("country", "type"),
        ["id", "summary", "date_value", "date_earliest", "date_latest", "open_end", "precision"],
    ),
    "options": (("target", "instrument"), ["id", "title"]),
}


class RowIndex:
    """A frame's rows grouped by (country, type) for events, (target, instrument) for options,
    as plain tuples: built once for a batch of articles and extended with what each saves,
    instead of filtering the whole frame for every candidate."""

    def __init__(self, kind: str, frame: pd.DataFrame) -> None:
        self.kind = kind
        self.groups: dict[tuple, list] = {}
        # events: by group, the positions of rows dated within a short span by each month
        # they touch, and of the others (undated, open or long): a candidate dated within a
        # short span can only match the rows of its months and the others
        self._by_month: dict[tuple, dict[tuple[int, int], list[int]]] = {}
        self._loose: dict[tuple, list[int]] = {}
        # record id -> (the quotes its words were read with, its summary's or title's and
        # quotes' content words): read once per record, again when its quotes change
        self._words: dict[str, tuple[str, frozenset[str]]] = {}
        # events: record id -> its date bounds as `match_event` compares them (read once)
        self._bounds: dict[str, tuple[date | None, date | None]] = {}
        self.add(frame)

    def words(self, row, quotes: Mapping[str, str]) -> frozenset[str]:
        """`tokens` of a row's summary (events) or title (options) and its record's quotes."""
        quote = quotes.get(row.id, "")
        known = self._words.get(row.id)
        if known is not None and known[0] == quote:
            return known[1]
        if known is not None and _appended(known[0], quote):
            # quotes are only ever appended after a space, and no word spans a space
            found = known[1] | tokens(quote[len(known[0]) :])
        else:
            label = row.summary if self.kind == "events" else row.title
            found = frozenset(tokens(f"{label} {quote}"))
        self._words[row.id] = (quote, found)
        return found

    def bounds(self, row) -> tuple[date | None, date | None]:
        """An event row's date bounds as `match_event` compares them (`_stored_bounds`)."""
        return self._bounds[row.id]

    def add(self, frame: pd.DataFrame) -> None:
        """Index more rows (a frame of the same kind)."""
        keys, columns = _MATCH_COLUMNS[self.kind]
        if frame.empty:
            return
        row_type = _ROW_TYPES[self.kind]
        for row in frame[[*keys, *columns]].itertuples(index=False):
            self._add(row_type(*row))

    def _add(self, row) -> None:
        if self.kind == "events":  # dates read once, not for every candidate compared
            dated = row.date_value is not None and not pd.isna(row.date_value)
            row = row._replace(
                date_value=row.date_value if dated else None,
                date_earliest=_day(row.date_earliest),
                date_latest=_day(row.date_latest),
            )
        group = self.groups.setdefault((row[0], row[1]), [])
        group.append(row)
        if self.kind == "events":
            self._bounds[row.id] = _stored_bounds(row)
            months = _short_span_months(self._bounds[row.id] if row.date_value else None)
            if months is None:
                self._loose.setdefault((row[0], row[1]), []).append(len(group) - 1)
            else:
                by_month = self._by_month.setdefault((row[0], row[1]), {})
                for month in months:
                    by_month.setdefault(month, []).append(len(group) - 1)

    def add_payloads(self, payloads: Iterable[Mapping]) -> None:
        """Index more records given as stored payloads (JSON-ready dicts, as `Store.
        add_article` saves them), without making a frame of them: the row holds what the
        frame's would for matching (a date's bounds as ISO strings, missing ones None)."""
        keys = _MATCH_COLUMNS[self.kind][0]
        row_type = _ROW_TYPES[self.kind]
        for p in payloads:
            if self.kind == "events":
                d = p.get("date") or {}
                values = (
                    p["id"],
                    p["summary"],
                    d.get("value"),
                    d.get("earliest"),
                    d.get("latest"),
                    bool(d.get("open_end")),
                    d.get("precision"),
                )
            else:
                values = (p["id"], p.get("title"))
            self._add(row_type(*(p.get(k) for k in keys), *values))

    def rows(self, a: str, b: str, near: tuple[date | None, date | None] | None = None) -> list:
        """The rows of a group, in the order indexed; with `near` (an event candidate's date
        bounds), only those whose dates may overlap them, or that are not dated in a short
        span (the others cannot match it: `match_event`)."""
        group = self.groups.get((a, b), [])
        months = _short_span_months(near)
        if months is None or self.kind != "events":
            return group
        by_month = self._by_month.get((a, b), {})
        positions = set(self._loose.get((a, b), ()))
        for month in months:
            positions.update(by_month.get(month, ()))
        return [group[position] for position in sorted(positions)]


_ROW_TYPES = {
    kind: namedtuple(f"{kind.title()}Row", [*keys, *columns])
    for kind, (keys, columns) in _MATCH_COLUMNS.items()
}


#: Longest date span, in days, indexed by month (`RowIndex`).
_SHORT_SPAN_DAYS = 62


def _stored_bounds(row) -> tuple[date | None, date | None]:
    """A stored event's date bounds as `match_event` compares them."""
    stored = (_day(row.date_earliest), _day(row.date_latest))
    if not row.open_end and stored[1] is None:
        stored = (stored[0], stored[0])
    return stored


def _short_span_months(bounds: tuple[date | None, date | None] | None) -> list | None:
    """The (year, month)s a date span touches, when it is closed and short; else None."""
    if bounds is None or bounds[0] is None or bounds[1] is None:
        return None
    lo, hi = bounds
    if (hi - lo).days > _SHORT_SPAN_DAYS or hi < lo:
        return None
    months = [(lo.year, lo.month)]
    while months[-1] != (hi.year, hi.month):
        year, month = months[-1]
        months.append((year + month // 12, month % 12 + 1))
    return months


def _appended(before: str, after: str) -> bool:
    """Whether `after` is `before` with more text appended after a space."""
    return after.startswith(before) and (not before or after[len(before) : len(before) + 1] == " ")


def _rows(frame: pd.DataFrame | RowIndex, a: str, b: str, kind: str, near=None):
    if isinstance(frame, RowIndex):
        return frame.rows(a, b, near)
    first, second = _MATCH_COLUMNS[kind][0]
    return frame[(frame[first] == a) & (frame[second] == b)].itertuples(index=False)


def _empty(frame: pd.DataFrame | RowIndex) -> bool:
    return not frame.groups if isinstance(frame, RowIndex) else frame.empty


def _stored_words(
    frame: pd.DataFrame | RowIndex, row, label: str, quotes: Mapping[str, str]
) -> set[str] | frozenset[str]:
    if isinstance(frame, RowIndex):
        return frame.words(row, quotes)
    return tokens(f"{label} {quotes.get(row.id, '')}")


def match_event(
    country: str | None,
    event_type: str,
    bounds: tuple[date | None, date | None] | None,
    precision: str | None,
    text: str,
    events: pd.DataFrame | RowIndex,
    quotes: Mapping[str, str],
) -> Match | None:
    """The stored event a candidate is the same as, or None (rules in the module docstring).

    `bounds` is the candidate's (earliest, latest), None when undated; `text` its sentence.
    `events` is the events frame (`democdash.frames`) or its `RowIndex`, `quotes` from
    `record_texts`.
    """
    if not country or _empty(events):
        return None
    best: Match | None = None
    words = tokens(text)
    bounds_of = events.bounds if isinstance(events, RowIndex) else _stored_bounds
    for row in _rows(events, country, event_type, "events", bounds):
        stored_dated = row.date_value is not None and not pd.isna(row.date_value)
        strength = WEAK
        if bounds is None or not stored_dated:
            sim = _jaccard(words, _stored_words(events, row, row.summary, quotes))
            ok = sim >= EVENT_UNDATED_MIN
        else:
            stored = bounds_of(row)
            if not bounds_overlap(bounds, stored):
                continue  # dates apart: not the same event, whatever the words
            sim = _jaccard(words, _stored_words(events, row, row.summary, quotes))
            # an open end ("since August 2020, continuing") overlaps every later date: it says
            # no more than a coarse date does about which event is meant
            fine = (
                precision in FINE_PRECISIONS
                and str(row.precision) in FINE_PRECISIONS
                and None not in (bounds[1], stored[1])
            )
            ok = fine or sim >= EVENT_COARSE_MIN
            strength = STRONG if ok and fine else WEAK
            sim += 0.5 if ok else 0.0  # an overlapping date counts more than words
        if ok and (best is None or (strength == STRONG, sim) > (best.is_strong, best.score)):
            best = Match(row.id, str(row.summary), round(sim, 3), strength)
    return best


def match_option(
    target: str | None,
    instrument: str,
    text: str,
    options: pd.DataFrame | RowIndex,
    quotes: Mapping[str, str],
) -> Match | None:
    """The stored option a candidate is the same as, or None (rules in the module docstring);
    `options` is the options frame or its `RowIndex`."""
    if not target or _empty(options):
        return None
    best: Match | None = None
    words = tokens(text)
    for row in _rows(options, target, instrument, "options"):
        sim = _jaccard(words, _stored_words(options, row, row.title, quotes))
        if sim >= OPTION_MIN and (best is None or sim > best.score):
            strength = STRONG if sim >= OPTION_STRONG_MIN else WEAK
            best = Match(row.id, str(row.title), round(sim, 3), strength)
    return best
