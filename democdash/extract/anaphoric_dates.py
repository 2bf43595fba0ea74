"""Anaphoric dates ("the next day", "three days later", "that same day", "the end of the
month", "two months before the presidential election"): each resolved from the date it hangs
on, found among the dates before it (or, for "N days after <an event>", the date told with that
event), in text order so that one may hang on another.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, timedelta

from democdash.extract.date_grammar import (
    MONTHS,
    SEASON_START,
    SENTENCE_EDGE,
    WEEKDAY_NAMES,
    date_record,
    day_iso,
    month_number,
    number_value,
    shift_month,
    week_monday,
)
from democdash.extract.headline import header_end

#: Precisions from the finest to the coarsest.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
#: How far back (characters) an anaphoric date looks for the date it hangs on.
ANCHOR_REACH = 1500
#: How close (characters) a month just before an anaphoric date must be for it to hang on
#: that month even when its unit is a day (about a sentence).
CLOSE_ANCHOR_REACH = 120
_DURATION_BEFORE = re.compile(
    r"\b(?:for|over|within|about|nearly|almost|up\s+to|than|the\s+past|the\s+last)\s+$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:^|[.;:!?\n,—–]|\band|\bbut)[\s\"“‘']*$")


def _base_day(iso: str, precision: str) -> date:
    """A representative day of a resolved date: the day, the week's Monday, else the first."""
    if len(iso) >= 10:
        return date.fromisoformat(iso[:10])
    if len(iso) == 7:
        return date(int(iso[:4]), int(iso[5:7]), 1)
    return date(int(iso[:4]), 1, 1)


def _at_precision(day: date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        return week_monday(day)
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def _shift(day: date, unit: str, n: int) -> date:
    if unit in ("day", "night", "morning", "evening", "afternoon"):
        return day + timedelta(days=n)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=n if unit == "week" else 2 * n)
    if unit == "month":
        year, month = shift_month(day.year, day.month, n)
        return date(year, month, 1)
    return date(day.year + n, day.month if day.month else 1, 1)


def _unit_precision(unit: str) -> str:
    if unit in ("month", "year"):
        return unit
    if unit in SEASON_START:
        return "year"  # a season hangs on any date
    return "day"  # "a week earlier" than a day is a day


_TO_THE_DAY = re.compile(r"\bto\s+$", re.IGNORECASE)


def _anaphoric(m: re.Match, kind: str, text: str, anchor: dict) -> tuple[str, str] | None:
    """(iso, precision) of an anaphoric expression resolved from the date it hangs on."""
    g = m.group
    base = _base_day(anchor["iso"], anchor["precision"])
    coarse = anchor["precision"] if anchor["precision"] != "season" else "year"
    if kind == "anamon":
        q = " ".join(g("anamon_q").lower().split())
        shift = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1}
        year = base.year + shift.get(q, 0)
        month = month_number(g("anamon_m"))
        day = g("anamon_d") or g("anamon_d2")
        if day:
            iso = day_iso(year, month, day)
            return (iso, "day") if iso else None
        return f"{year}-{month:02d}", "month"
    if kind == "anarel":
        direction = g("anarel_d").lower()
        before = text[max(0, m.start() - 20) : m.start()]
        if _DURATION_BEFORE.search(before):
            return None  # "for two years after": a duration
        if direction in ("after", "before") and not _CLAUSE_START.search(text[: m.start()][-12:]):
            return None
        n = number_value(g("anarel_n"))
        unit = g("anarel_u").lower()
        day = _shift(base, unit, n if direction in ("later", "on", "after") else -n)
    elif kind == "ananext":
        unit = g("ananext_u").lower()
        ahead = g("ananext_q").lower() in ("next", "following")
        if unit.capitalize() in WEEKDAY_NAMES:  # "the following Monday": the first one after it
            gap = (WEEKDAY_NAMES.index(unit.capitalize()) - base.weekday()) % 7 or 7
            day = base + timedelta(days=gap if ahead else gap - 7)
            return (day.isoformat(), "day") if coarse == "day" else None
        if unit in SEASON_START:  # "the previous summer": the last one over before it
            return _season_beside(base, coarse, SEASON_START[unit], ahead), "season"
        if unit.capitalize() in MONTHS:  # "the following January": the first one after it
            return _month_beside(base, coarse, MONTHS[unit.capitalize()], ahead), "month"
        day = _shift(base, unit, 1 if ahead else -1)
    elif kind == "anaafter":
        if _TO_THE_DAY.search(text, max(0, m.start() - 4), m.start()):
            return None  # "two years to the day after it seized power": not the next day
        unit = g("anaafter_u").lower()
        if coarse != "day":  # "the day before the arrests" of "early January": that month
            day = base
        else:
            day = _shift(base, unit, 1 if g("anaafter_d").lower() == "after" else -1)
    elif kind == "anain":
        unit, day = g("anain_u").lower(), base
    elif kind == "anaend":
        if g("anaend_u").lower() == "month":  # "the end of the month": the month it hangs on
            return (f"{base.year}-{base.month:02d}", "month") if coarse != "year" else None
        day = date(base.year, 12 if g("anaend_q").lower() == "end" else 1, 1)
        if coarse in ("year", "month"):
            return str(base.year), "year"
        return f"{base.year}-{day.month:02d}", "month"
    else:  # anasame
        unit, day = (g("anasame_u") or "day").lower(), base
    precision = _unit_precision(unit)
    if _PRECISION_RANK[coarse] > _PRECISION_RANK[precision]:
        precision = coarse
    return _at_precision(day, precision), precision


def _season_beside(base: date, coarse: str, start_month: int, ahead: bool) -> str:
    """The year of the season (starting in `start_month`, three months long) after the date
    it hangs on (`ahead`), or the last one over before it; from a year alone, the next or
    previous year's."""
    if coarse == "year":
        return str(base.year + (1 if ahead else -1))
    if ahead:
        return str(base.year if start_month > base.month else base.year + 1)
    return str(base.year if base.month > start_month + 2 else base.year - 1)


def _month_beside(base: date, coarse: str, month: int, ahead: bool) -> str:
    """The named month first after the date an expression hangs on (`ahead`), or last before
    it; from a year alone, that month of the next or previous year."""
    if coarse == "year":
        year = base.year + (1 if ahead else -1)
    elif ahead:
        year = base.year if month > base.month else base.year + 1
    else:
        year = base.year if month < base.month else base.year - 1
    return f"{year}-{month:02d}"


def _unit_of(m: re.Match, kind: str) -> str:
    """The unit an anaphoric expression counts in ("three days later": day)."""
    if kind == "anaend":
        return m.group("anaend_u").lower()
    if kind == "anamon" or (kind == "ananext" and m.group("ananext_u") in MONTHS):
        return "year"
    group = {"anarel": "anarel_u", "ananext": "ananext_u", "anain": "anain_u"}.get(kind)
    group = group or {"anaafter": "anaafter_u", "anasame": "anasame_u"}.get(kind)
    return (m.group(group) or "day").lower() if group else "day"


class _EventWords:
    """A text's event words (label, start, end), asked what kind of event an anaphoric date
    stands beside and which kinds a date's sentence names."""

    def __init__(self, text: str, words: Sequence[tuple[str, int, int]]) -> None:
        self.text = text
        self.words = [w for w in words if w[0] != "statement"]
        self.starts = [w[1] for w in self.words]

    def beside(self, start: int, end: int) -> str | None:
        """The kind of the event word nearest to `start`-`end` in its sentence, within
        `EVENT_WORD_REACH` characters before or after it ("arrested that day", "the morning
        after his arrest")."""
        first, last = self._sentence(start, end)
        lo = bisect_left(self.starts, max(first, start - EVENT_WORD_REACH))
        hi = bisect_left(self.starts, min(last, end + EVENT_WORD_REACH))
        near = [
            (start - w_end if w_end <= start else w_start - end, label)
            for label, w_start, w_end in self.words[lo:hi]
            if w_end <= start or w_start >= end
        ]
        return min(near)[1] if near else None

    def after(self, end: int) -> str | None:
        """The kind of the first event word within `EVENT_WORD_REACH` characters after `end`
        in its sentence ("two months before the presidential election": election)."""
        at = bisect_left(self.starts, end)
        if at == len(self.words):
            return None
        label, start, _ = self.words[at]
        near = start - end <= EVENT_WORD_REACH
        return label if near and not SENTENCE_EDGE.search(self.text, end, start) else None

    def dated(
        self, kind: str | None, at: int, before: list[dict], later: list[dict], unit: str
    ) -> dict | None:
        """The date an event of `kind` was told with: the latest date `before` the position
        `at` whose sentence names such an event, else the first one `later`, within
        `EVENT_ANCHOR_REACH` of `at` and precise enough to count a `unit` from (a month at
        least: "two months before the election" counts from no "2020"); None for no kind or
        no such date."""
        if kind is None:
            return None
        coarsest = max(_PRECISION_RANK[_unit_precision(unit)], _PRECISION_RANK["month"])
        for d in reversed(before):
            if at - d["end"] > EVENT_ANCHOR_REACH:
                break
            if _PRECISION_RANK[d["precision"]] <= coarsest and kind in self.in_sentence_of(d):
                return self._told_with(kind, d, before, coarsest)
        for d in later:
            if d["start"] - at > EVENT_ANCHOR_REACH:
                break
            if _PRECISION_RANK[d["precision"]] <= coarsest and kind in self.in_sentence_of(d):
                return d
        return None

    def _told_with(self, kind: str, d: dict, before: list[dict], coarsest: int) -> dict:
        """Of the dates precise enough in the sentence of `d` (the last that names an event
        of `kind`), the one nearest that event's word: "In early January, police arrested 53
        activists over a primary held the previous July" tells the arrests' date first."""
        lo, hi = self._sentence(d["start"], d["end"])
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        spots = [w_start for label, w_start, _ in self.words[i:j] if label == kind]
        same = [
            e
            for e in before
            if lo <= e["start"] < hi and _PRECISION_RANK[e["precision"]] <= coarsest
        ]
        return min(same, key=lambda e: min(abs(e["start"] - w) for w in spots), default=d)

    def in_sentence_of(self, d: dict) -> set[str]:
        """The kinds of event words in the sentence of the date `d`."""
        lo, hi = self._sentence(d["start"], d["end"])
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return {label for label, _, _ in self.words[i:j]}

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence around `start`-`end` starts and ends (a stop or a line break),
        looked for within `SENTENCE_REACH` characters (a long text is not scanned to its ends
        for a mark it lacks)."""
        floor = max(0, start - SENTENCE_REACH)
        lo = max(floor - 1, *(self.text.rfind(c, floor, start) for c in ".!?\n")) + 1
        ceiling = min(len(self.text), end + SENTENCE_REACH)
        after = [at for at in (self.text.find(c, end, ceiling) for c in ".!?\n") if at >= 0]
        return lo, min(after, default=ceiling)


#: The longest sentence looked at around a date (characters).
SENTENCE_REACH = 1000
#: How far from an anaphoric date its event word may stand (characters).
EVENT_WORD_REACH = 40
#: How far back a date of the same kind of event is looked for: further than any date
#: (`ANCHOR_REACH`), as an article comes back to its lead event after a paragraph of context.
EVENT_ANCHOR_REACH = 4000


#: The kinds that name the time of something told before ("that day", "later that month",
#: "the end of that year"), which an event word beside them may say: a shift ("the following
#: month", "two days later", "the day after") goes on from the date told last.
_SAME_TIME = frozenset({"anasame", "anain", "anaend"})


def _anchor_for(
    m: re.Match, kind: str, found: list[dict], events: _EventWords | None = None
) -> dict | None:
    """The date an anaphoric expression hangs on: beside an event word ("arrested that
    day"), the latest date before it (within `EVENT_ANCHOR_REACH`, at least as precise as its
    unit) whose sentence names an event of that kind; else the latest date before it that is at
    least as precise as its unit ("the next day" hangs on a day), else the latest date before
    it."""
    needed = _PRECISION_RANK[_unit_precision(_unit_of(m, kind))]

    def fits(d: dict) -> bool:
        """Precise enough for the unit; or a month just before ("... won the presidency in
        January 2021. A referendum held the same day": that month, not a day further back;
        a year just before is rather a span's end: "beyond 2024 ... The next day")."""
        rank = _PRECISION_RANK.get(d["precision"], 4)
        return rank <= needed or (
            rank <= _PRECISION_RANK["month"] and m.start() - d["end"] <= CLOSE_ANCHOR_REACH
        )

    beside = (
        events.beside(m.start(), m.end())
        if events is not None and events.words and kind in _SAME_TIME
        else None
    )
    if beside is not None:
        for d in reversed(found):
            if d["end"] > m.start():
                continue
            if m.start() - d["end"] > EVENT_ANCHOR_REACH:
                break
            if fits(d) and beside in events.in_sentence_of(d):
                return d
    nearest = None
    for d in reversed(found):
        if d["end"] > m.start():
            continue
        if m.start() - d["end"] > ANCHOR_REACH:
            break
        if nearest is None:
            nearest = d
        if fits(d):
            return d
    return nearest


def with_anaphoric(
    out: list[dict],
    pending: list[tuple[int, re.Match, str]],
    text: str,
    pub: date | None = None,
    events: Sequence[tuple[str, int, int]] = (),
) -> list[dict]:
    """The dates with the anaphoric ones resolved in text order, each from the date it hangs
    on (`_anchor_for`; "a week after <something on a date>" hangs on the date that follows
    in its sentence; with none there, the date told with the event it names, `_EventWords.
    dated`: "two months before the presidential election", or none), so that one may hang on
    another. "The end of the year" (or month) and
    "the next Tuesday" with no date before them to hang on are read from publication, as a
    reader takes them (`_publication_may_anchor`)."""
    if not pending:
        return out
    merged: list[dict] = []
    done = 0
    event_words = _EventWords(text, events)
    for index, m, kind in pending:
        merged += out[done:index]
        done = index
        anchor = None
        if _looks_forward(m, kind) and merged and _restates(merged[-1], m, text):
            # "on Thursday, a week after police raided it": Thursday, said another way
            merged.append(date_record(m, (merged[-1]["iso"], merged[-1]["precision"]), "anaphoric"))
            continue
        if _looks_forward(m, kind):
            anchor = _anchor_after(m, out[index:], text)
            if anchor is None and event_words.words and _NAMES_WHAT_AFTER.match(text, m.end()):
                # "two months before the presidential election": that election's date
                told = event_words.after(m.end())
                later = out[index:]
                anchor = event_words.dated(told, m.end(), merged, later, _unit_of(m, kind))
                if anchor is None:
                    continue
        anchor = anchor or _anchor_for(m, kind, merged, event_words)
        if anchor is None and pub is not None and _publication_may_anchor(m, kind):
            resolved = _anaphoric(m, kind, text, _published_anchor(pub))
            if resolved:
                merged.append(date_record(m, resolved, "deictic"))
            continue
        resolved = _anaphoric(m, kind, text, anchor) if anchor else None
        if resolved and pub is not None and _past_publication(resolved, pub, m, text, anchor):
            continue  # "One month after the coup, the junta ..." counted on from the byline's date
        if resolved:
            merged.append(date_record(m, resolved, "anaphoric", anchor))
    merged += out[done:]
    return merged


#: Words that put a sentence's step ahead, where a date after publication may be meant.
_AHEAD_WORDS = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|expected|scheduled|due|plans?|planned|set\s+to|"
    r"next|upcoming)\b",
    re.IGNORECASE,
)


def _past_publication(
    resolved: tuple[str, str], pub: date, m: re.Match, text: str, anchor: dict
) -> bool:
    """Whether an anaphoric date resolves after the publication day from the article's own
    date line, or in a sentence that looks nowhere ahead: a report does not tell what has not
    happened yet, so what it hangs on was misread ("One month after the coup, ..." under
    "March 2, 2021" is no April)."""
    if _base_day(*resolved) <= pub:
        return False
    if a_date_line(anchor, text):
        return True
    before = [e.end() for e in SENTENCE_EDGE.finditer(text, max(0, m.start() - 300), m.start())]
    start = before[-1] if before else max(0, m.start() - 300)
    edge = SENTENCE_EDGE.search(text, m.end())
    return _AHEAD_WORDS.search(text, start, edge.start() if edge else len(text)) is None


def a_date_line(found: dict, text: str) -> bool:
    """Whether a date stands on a line of its own among the article's opening lines (its
    date line: "March 2, 2021", "Published: 24 May 2021")."""
    if found["start"] >= header_end(text):
        return False
    line_start = text.rfind("\n", 0, found["start"]) + 1
    line_end = text.find("\n", found["end"])
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return len(line) <= len(found["text"]) + 16


def _publication_may_anchor(m: re.Match, kind: str) -> bool:
    """Whether an anaphoric expression with no date before it is read from publication, as a
    deictic one: "the end of the year" (or month), "the next Tuesday"."""
    if kind == "anaend":
        return True
    return kind == "ananext" and m.group("ananext_u").capitalize() in WEEKDAY_NAMES


def _published_anchor(pub: date) -> dict:
    """The publication day as the date an expression hangs on, when nothing before it does."""
    return {"iso": pub.isoformat(), "precision": "day", "text": pub.isoformat()}


def _looks_forward(m: re.Match, kind: str) -> bool:
    if kind == "anaafter":
        return True
    return kind == "anarel" and m.group("anarel_d").lower() in ("after", "before")


#: What follows "N days before" or "the day after" that names what it counts from: a noun
#: phrase ("the presidential election", "his arrest", "Mr Putin's parade", "Beijing imposed
#: ..."), not a stop, a comma or another word ("Two days after, ...", "queued from the night
#: before to secure a seat").
_NAMES_WHAT_AFTER = re.compile(r"\s+(?:(?:the|a|an|his|her|its|their|this|that)\s|[A-Z“‘\"'])")


#: What sets an expression beside the date before it: a comma or a dash.
_BESIDE = re.compile(r"\s*[,—–]\s*")


def _restates(before: dict, m: re.Match, text: str) -> bool:
    """Whether "N days after ..." (`m`) stands right beside the date before it, after a comma
    or a dash: it tells when that date was from another event, not another date."""
    return before["end"] <= m.start() and _BESIDE.fullmatch(text, before["end"], m.start())


def _anchor_after(m: re.Match, later: list[dict], text: str) -> dict | None:
    """The first date after `m` in its sentence."""
    edge = SENTENCE_EDGE.search(text, m.end())
    stop = edge.start() if edge else len(text)
    return next((d for d in later if m.end() <= d["start"] < stop), None)
