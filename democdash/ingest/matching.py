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

A batch matches through a `RowIndex` of the stored records, which compares a candidate only
with the records these rules leave it a chance to match: those sharing enough of its words to
reach a threshold (an inverted index from word to records), and for a dated event those dated
in the months its dates touch; the match found is the one comparing every record finds.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

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


#: Content words: a set, or a tuple of distinct words (what an index holds: the garbage
#: collector stops walking a tuple of strings, where it walks a set's every time).
Words = set[str] | frozenset[str] | tuple[str, ...]


def tokens(text: str | None) -> set[str]:
    """Content words of a text, for word overlap."""
    lowered = (text or "").lower()
    if "'" not in lowered and "’" not in lowered:  # most texts: no word to cut at an apostrophe
        return {w for w in _WORD.findall(lowered) if len(w) >= 3 and w not in _STOP}
    words = _WORD.findall(lowered.replace("’", "'"))
    return {w.split("'")[0] for w in words if len(w) >= 3 and w not in _STOP}


def similarity(a: str | None, b: str | None) -> float:
    """Jaccard index of the content words of two texts (0 when either has none)."""
    return _jaccard(tokens(a), tokens(b))


def _jaccard(ta: set[str] | frozenset[str], tb: Words) -> float:
    """The Jaccard index of a set of words and other words (a set, or a tuple of distinct
    words)."""
    if not ta or not tb:
        return 0.0
    shared = len(ta.intersection(tb))
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

#: A month as (year, month).
Month = tuple[int, int]
#: Longest date span, in days, indexed by month (`RowIndex`): a year's.
_SHORT_SPAN_DAYS = 366


class _Postings:
    """An inverted index of some rows' content words: the positions of the rows under each
    word, to find the rows that share enough words with a text without comparing them all.
    The positions under a word are a tuple, not a set: the garbage collector stops walking a
    tuple of numbers, and a batch holds one for every word of every group."""

    def __init__(self) -> None:
        self.members: set[int] = set()
        self.positions: dict[str, tuple[int, ...]] = {}

    def add(self, position: int) -> None:
        """A row to index (filed under no word yet)."""
        self.members.add(position)

    def post(self, position: int, before: Words, words: Words) -> None:
        """File a row under its words, and no longer under those it has lost (a word no row
        holds is dropped); `before`: the words it is filed under."""
        gained = set(words).difference(before)
        if len(words) - len(gained) < len(before):  # some lost: not only quotes appended
            for word in set(before).difference(words):
                kept = tuple(p for p in self.positions[word] if p != position)
                if kept:
                    self.positions[word] = kept
                else:
                    del self.positions[word]
        positions = self.positions
        for word in gained:
            positions[word] = (*positions.get(word, ()), position)

    def sharing(self, words: set[str] | frozenset[str], least: float) -> set[int]:
        """Every row that may share enough of `words` for a Jaccard index of at least
        `least`, and some that do not.

        Such a row shares `s >= least * len(words)` of them (its index is `s / (len(words) +
        len(row) - s)`), at least `need`, all among the words some row here holds: so it
        holds one of any `len(held) - need + 1` of those (none when fewer are held). The ones
        looked up are the rarest, leaving out the words most rows hold (the country's name,
        the type's word)."""
        if least <= 0:
            return set(self.members)
        need = _words_needed(len(words), least)
        if need is None or not self.positions:
            return set()
        # the rows under each of the words, fewest first
        held = sorted((self.positions[w] for w in words if w in self.positions), key=len)
        return set().union(*held[: max(0, len(held) - need + 1)])


def _words_needed(count: int, least: float) -> int | None:
    """The fewest words, of a text of `count` content words, that another text must share
    for a Jaccard index of at least `least` (`least` above 0); None when none is enough."""
    need = max(1, math.ceil(least * count))
    # as `_jaccard`'s floats compare: the product may round either way
    while need > 1 and (need - 1) / count >= least:
        need -= 1
    while need <= count and need / count < least:
        need += 1
    return need if need <= count else None


class _Group:
    """The stored rows of one group (same country and type, or target and instrument), in the
    order indexed, and what finds the few of them a candidate may match: events dated within a
    year by the months they touch, and inverted indexes of the words of the undated rows
    (options: every row), of those dated within a year and of those dated over a longer or
    open span."""

    def __init__(self) -> None:
        self.rows: list = []
        # events: each row's date bounds as `match_event` compares them (None: undated)
        self.bounds: list[tuple[date | None, date | None] | None] = []
        self.undated = _Postings()
        self.short = _Postings()
        self.wide = _Postings()
        # by position: the index a row's words are posted in and the words posted (none
        # until read); the positions whose words are not read yet, or may have changed
        self.postings: list[_Postings] = []
        self.posted: list[tuple[str, ...]] = []
        self.unread: set[int] = set()
        # events: positions of the rows dated within a year, by each month their dates touch;
        # of those dated over a longer or open span, the finely dated (`_finely_dated`)
        self.by_month: dict[Month, tuple[int, ...]] = {}
        self.wide_fine: list[int] = []

    def append(self, row, bounds: tuple[date | None, date | None] | None, fine: bool) -> int:
        """Add a row (its words to be read) dated within `bounds` (None: undated, and every
        option); `fine`: finely dated. Its position."""
        position = len(self.rows)
        self.rows.append(row)
        self.bounds.append(bounds)
        self.posted.append(())
        self.unread.add(position)
        months = _short_span_months(bounds)
        if bounds is None:
            postings = self.undated
        elif months is None:
            postings = self.wide
            if fine:
                self.wide_fine.append(position)
        else:
            postings = self.short
            for month in months:
                self.by_month[month] = (*self.by_month.get(month, ()), position)
        postings.add(position)
        self.postings.append(postings)
        return position

    def post(self, position: int, words: tuple[str, ...]) -> None:
        """File a row under its words as read now."""
        before = self.posted[position]
        if words is not before and words != before:
            self.postings[position].post(position, before, words)
            self.posted[position] = words

    def sharing(self, words: set[str] | frozenset[str], least: float) -> set[int]:
        """Rows that may share enough words for a Jaccard index of `least`, dated or not."""
        found = self.undated.sharing(words, least)
        return found | self.short.sharing(words, least) | self.wide.sharing(words, least)

    def at(self, positions: Iterable[int]) -> list[Compared]:
        """The rows at these positions, in the order indexed, each with its date bounds and
        words (`Compared`)."""
        return [(self.rows[p], self.bounds[p], self.posted[p]) for p in sorted(positions)]

    def dated_near(
        self,
        bounds: tuple[date | None, date | None],
        words: set[str] | frozenset[str],
        least: float,
        fine: bool,
    ) -> set[int]:
        """The dated rows a dated candidate may match (`match_event`): those dated within a
        year in the months its dates touch; of those dated over a longer or open span, the
        finely dated (when the candidate is) and those that may share enough words for a
        Jaccard index of `least`. When the candidate's own dates are long or open: every dated
        row that may share enough words (every row when it is finely dated too)."""
        months = _short_span_months(bounds)
        if months is None:
            if fine:
                return set(range(len(self.rows)))
            return self.short.sharing(words, least) | self.wide.sharing(words, least)
        near = {p for month in months for p in self.by_month.get(month, ())}
        near |= self.wide.sharing(words, least)
        return near.union(self.wide_fine) if fine else near


class RowIndex:
    """A frame's rows grouped by (country, type) for events, (target, instrument) for options,
    as plain tuples: built once for a batch of articles and extended with what each saves,
    instead of filtering the whole frame for every candidate.

    `group` gives a group's rows with what finds the few of them a candidate may match
    (`_Group`): their dates, and their words read with the quotes matching is given. Those
    quotes may change between matches only as `with_records` changes them: in a mapping not
    seen before (every row's words are read again), or with `requote` called for the records
    whose quotes changed."""

    def __init__(self, kind: str, frame: pd.DataFrame) -> None:
        self.kind = kind
        self._groups: dict[tuple, _Group] = {}
        # record id -> the groups and positions of its rows. Here and below tuples and
        # strings, not lists, where they can be: the garbage collector stops walking a tuple of
        # strings and numbers, and a batch holds one of each per record saved
        self._where: dict[str, tuple[tuple[tuple, int], ...]] = {}
        # the quotes the posted words were read with
        self._quotes: Mapping[str, str] | None = None
        # record id -> the quotes its words were read with, and its summary's or title's and
        # quotes' content words (distinct, as a tuple): read once per record, again when its
        # quotes change
        self._quoted: dict[str, str] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self.add(frame)

    @property
    def groups(self) -> dict[tuple, list]:
        """Each group's rows, in the order indexed."""
        return {key: group.rows for key, group in self._groups.items()}

    def words(self, row, quotes: Mapping[str, str]) -> tuple[str, ...]:
        """`tokens` of a row's summary (events) or title (options) and its record's quotes,
        each once."""
        quote = quotes.get(row.id, "")
        read = self._quoted.get(row.id)
        if read is not None and read == quote:
            return self._words[row.id]
        if read is not None and _appended(read, quote):
            # quotes are only ever appended after a space, and no word spans a space
            known = self._words[row.id]
            found = (*known, *tokens(quote[len(read) :]).difference(known))
        else:
            label = row.summary if self.kind == "events" else row.title
            found = tuple(tokens(f"{label} {quote}"))
        self._quoted[row.id] = quote
        self._words[row.id] = found
        return found

    def add(self, frame: pd.DataFrame) -> None:
        """Index more rows (a frame of the same kind)."""
        keys, columns = _MATCH_COLUMNS[self.kind]
        if frame.empty:
            return
        row_type = _ROW_TYPES[self.kind]
        for row in frame[[*keys, *columns]].itertuples(index=False):
            self._add(row_type(*row))

    def _add(self, row) -> None:
        bounds, fine = None, False
        if self.kind == "events":  # dates read once, not for every candidate compared
            dated = _is_dated(row.date_value)
            row = row._replace(
                date_value=row.date_value if dated else None,
                date_earliest=_day(row.date_earliest),
                date_latest=_day(row.date_latest),
            )
            if dated:
                bounds = _stored_bounds(row)
                fine = _finely_dated(row, bounds)
        key = (row[0], row[1])
        if key not in self._groups:
            self._groups[key] = _Group()
        position = self._groups[key].append(row, bounds, fine)
        self._where[row.id] = (*self._where.get(row.id, ()), (key, position))

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

    def requote(self, record_ids: Iterable[str]) -> None:
        """The quotes of these records changed: read their words again before matching."""
        for record_id in record_ids:
            for key, position in self._where.get(record_id, ()):
                self._groups[key].unread.add(position)

    def rows(self, a: str, b: str) -> list:
        """The rows of a group, in the order indexed."""
        group = self._groups.get((a, b))
        return group.rows if group is not None else []

    def group(self, a: str, b: str, quotes: Mapping[str, str]) -> _Group | None:
        """A group, its rows' words read with `quotes` (None when it has no rows)."""
        group = self._groups.get((a, b))
        if group is not None:
            self._read_words(group, quotes)
        return group

    def _read_words(self, group: _Group, quotes: Mapping[str, str]) -> None:
        """Post the group's unread rows under their words (every row's, for new quotes)."""
        if quotes is not self._quotes:
            self._quotes = quotes
            for each in self._groups.values():
                each.unread.update(range(len(each.rows)))
        for position in group.unread:
            group.post(position, self.words(group.rows[position], quotes))
        group.unread.clear()


_ROW_TYPES = {
    kind: namedtuple(f"{kind.title()}Row", [*keys, *columns])
    for kind, (keys, columns) in _MATCH_COLUMNS.items()
}


def _stored_bounds(row) -> tuple[date | None, date | None]:
    """A stored event's date bounds as `match_event` compares them."""
    stored = (_day(row.date_earliest), _day(row.date_latest))
    if not row.open_end and stored[1] is None:
        stored = (stored[0], stored[0])
    return stored


def _finely_dated(row, stored: tuple[date | None, date | None]) -> bool:
    """Whether a dated stored event may match a candidate by its dates alone (`match_event`'s
    `fine`): at day, week or month precision, with an end."""
    return str(row.precision) in FINE_PRECISIONS and stored[1] is not None


def _short_span_months(bounds: tuple[date | None, date | None] | None) -> list[Month] | None:
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


#: A stored row as matching compares it: the row, its date bounds (events; None when
#: undated) and its content words (`RowIndex.words`).
Compared = tuple[Any, tuple[date | None, date | None] | None, Words]


def _frame_rows(
    frame: pd.DataFrame, a: str, b: str, kind: str, quotes: Mapping[str, str]
) -> list[Compared]:
    """Every row of a frame in a group (matching compares them all), as `Compared`."""
    first, second = _MATCH_COLUMNS[kind][0]
    rows = frame[(frame[first] == a) & (frame[second] == b)].itertuples(index=False)
    return [
        (
            row,
            _stored_bounds(row) if kind == "events" and _is_dated(row.date_value) else None,
            tokens(f"{row.summary if kind == 'events' else row.title} {quotes.get(row.id, '')}"),
        )
        for row in rows
    ]


def _is_dated(value) -> bool:
    return value is not None and not pd.isna(value)


def _empty(frame: pd.DataFrame | RowIndex) -> bool:
    return not frame._groups if isinstance(frame, RowIndex) else frame.empty


def _event_rows(events, country, event_type, bounds, precision, words, quotes) -> list[Compared]:
    """The stored events `match_event` compares a candidate with: from a frame every one of
    the group; from an index only those that may match, found by the rules: any of them
    sharing enough words for `EVENT_UNDATED_MIN`, and when the candidate is dated, the dated
    ones near its dates (`_Group.dated_near`)."""
    if not isinstance(events, RowIndex):
        return _frame_rows(events, country, event_type, "events", quotes)
    group = events.group(country, event_type, quotes)
    if group is None:
        return []
    if bounds is None:
        return group.at(group.sharing(words, EVENT_UNDATED_MIN))
    fine = _fine_candidate(bounds, precision)
    near = group.dated_near(bounds, words, EVENT_COARSE_MIN, fine)
    return group.at(near | group.undated.sharing(words, EVENT_UNDATED_MIN))


def _fine_candidate(bounds: tuple[date | None, date | None], precision: str | None) -> bool:
    """Whether a dated candidate may match a stored event by its dates alone."""
    return precision in FINE_PRECISIONS and bounds[1] is not None


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
    `events` is the events frame (`democdash.frames`), every row of it compared, or its
    `RowIndex`, only the rows that may match compared (the same match found); `quotes` from
    `record_texts`.
    """
    if not country or _empty(events):
        return None
    best: Match | None = None
    words = tokens(text)
    rows = _event_rows(events, country, event_type, bounds, precision, words, quotes)
    for row, stored, stored_words in rows:
        strength = WEAK
        if bounds is None or stored is None:
            sim = _jaccard(words, stored_words)
            ok = sim >= EVENT_UNDATED_MIN
        else:
            if not bounds_overlap(bounds, stored):
                continue  # dates apart: not the same event, whatever the words
            sim = _jaccard(words, stored_words)
            # an open end ("since August 2020, continuing") overlaps every later date: it says
            # no more than a coarse date does about which event is meant
            fine = _fine_candidate(bounds, precision) and _finely_dated(row, stored)
            ok = fine or sim >= EVENT_COARSE_MIN
            strength = STRONG if ok and fine else WEAK
            sim += 0.5 if ok else 0.0  # an overlapping date counts more than words
        if ok and (best is None or (strength == STRONG, sim) > (best.is_strong, best.score)):
            best = Match(row.id, str(row.summary), round(sim, 3), strength)
    return best


def _option_rows(options, target, instrument, words, quotes) -> list[Compared]:
    """The stored options `match_option` compares a candidate with: from a frame every one of
    the group; from an index only those that may share enough words for `OPTION_MIN`."""
    if not isinstance(options, RowIndex):
        return _frame_rows(options, target, instrument, "options", quotes)
    group = options.group(target, instrument, quotes)
    return [] if group is None else group.at(group.sharing(words, OPTION_MIN))


def match_option(
    target: str | None,
    instrument: str,
    text: str,
    options: pd.DataFrame | RowIndex,
    quotes: Mapping[str, str],
) -> Match | None:
    """The stored option a candidate is the same as, or None (rules in the module docstring);
    `options` is the options frame, every row of it compared, or its `RowIndex`, only the rows
    that may match compared (the same match found)."""
    if not target or _empty(options):
        return None
    best: Match | None = None
    words = tokens(text)
    for row, _, stored_words in _option_rows(options, target, instrument, words, quotes):
        sim = _jaccard(words, stored_words)
        if sim >= OPTION_MIN and (best is None or sim > best.score):
            strength = STRONG if sim >= OPTION_STRONG_MIN else WEAK
            best = Match(row.id, str(row.title), round(sim, 3), strength)
    return best
