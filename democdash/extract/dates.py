"""Date expressions by rule: one date regex, resolved against the publication date.

What is found (each with an ISO value and a precision):
- absolute: "18 August 2020", "Aug. 18, 2020", "2020-08-18" (day); "November 2020" (month);
  "2019", "the 2020 elections" (year);
- approximate: "early 2019", "mid-2019", "the end of 2005" (year); "late March 2020" (month);
- seasons: "summer 2019", "the summer", "that summer five years ago" (precision season, ISO year);
- no-year days and months ("Jan. 6", "in April"): the publication year, or the year before when
  the month lies after the publication month and nothing in the sentence looks ahead (a date
  that follows a past reporting verb is when it was said: "said on Sept. 5 that talks would
  resume");
- relative ("today", "yesterday", "Tuesday", "last week", "earlier this month", "next year",
  "last December", "two years ago"): only when a publication date is given;
- anaphoric ("the next day", "three days later", "that same day", "the end of the month",
  "the following Monday"): from the date they hang on; "the end of the year" (or month) and
  "the next Tuesday" with none before them are read from publication.

Weeks are reported with precision "week" and, as ISO value, the Monday of the ISO week
(YYYY-MM-DD), so that any consumer can both place the day and recover the week.

Not dates: counts, money, percentages and measures ("$1.5 billion", "2000 troops", "70%"),
numbers with separators ("1,000", "20:19"), document numbers ("Resolution 2019"), durations
("for three months", "nearly 30 years"). Spans between two years ("2019-2021", "between 2019 and
2021") and decades ("the 1990s") are recognised and left out; a list of years gives each year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from democdash.extract import furniture
from democdash.extract.headline import header_end
from democdash.extract.scan import RawHit, automaton


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTHS = {name: i for i, name in enumerate(_FULL.split("|"), start=1)}
MONTHS.update(
    {
        a: MONTHS[f]
        for a, f in zip(
            _ABBR.split("|"),
            _words(
                "January February March April June July August September September October "
                "November December"
            ),
            strict=True,
        )
    }
)
WEEKDAYS = {
    d: i for i, d in enumerate(_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"))
}
NUMBERS = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
NUMBERS.update({"a": 1, "an": 1})
TENS = {
    w: 10 * i
    for i, w in enumerate(_words("_ _ twenty thirty forty fifty sixty seventy eighty ninety"))
    if i > 1
}
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?"
_MONANY = (
    rf"(?:{_FULL}|{_FULL.upper()}|(?!may\b)(?i:{_FULL})(?=[\s,.]+\d)|(?:{_ABBR})\b\.?"
    # a chronology's "AUG 9, 2020", "SEPT 7": an abbreviation in capitals before its day
    rf"|(?:{_ABBR.upper()})\b\.?(?=\s+\d))"
)
_MON = rf"(?:{_FULL}|{_FULL.upper()}|(?!may\b)(?i:{_FULL})(?=[\s,]+\d)|(?:{_ABBR})\.)"
_NOT_MAY = _FULL.replace("|May", "")
#: The months whose names are no other English word ("march", "may" and "august" are), read in
#: any case after a word that leads to a date ("in january", "since OCTOBER").
_PLAIN_MONTHS = "January|February|April|June|July|September|October|November|December"
_UNIT = r"(?:day|night|morning|evening|afternoon|week|month|year)"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(_WEEKDAYS)
_TENS_RE = r"(?:[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)"
_UNITS_RE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
#: A number in words or digits, tens included ("seventy-five", "75", "a").
_NUM_WIDE = (
    rf"(?:{_TENS_RE}(?:[-\s]{_UNITS_RE})?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even"
    r"|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen"
    r"|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|\d{1,3}|[Aa]n?)"
)
_NUM = (
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|"
    r"[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|"
    r"[Ee]ighteen|[Nn]ineteen|[Tt]wenty|\d{1,2}|an?)"
)
_MAY_CONTEXT = "".join(
    rf"(?<=\b{w}\ )|"
    for w in (
        "in",
        "In",
        "since",
        "Since",
        "until",
        "till",
        "by",
        "By",
        "from",
        "through",
        "during",
        "of",
        "early",
        "Early",
        "late",
        "Late",
        "mid",
        "end",
        "before",
        "Before",
        "after",
        "After",
    )
).rstrip("|")

#: The date expressions, one named alternative each, tried in this order at a position (the
#: first that matches wins); `_resolve` turns each kind into an ISO value.
_ALTERNATIVES = (
    rf"(?P<ymd>\b(?P<ymd_y>{_YEAR})(?P<ymd_s>[-/.])(?P<ymd_m>0[1-9]|1[0-2])(?P=ymd_s)"
    rf"(?P<ymd_d>0[1-9]|[12]\d|3[01])\b(?![-/.]\d))",
    # day first with full stops ("24.05.2021"), as European outlets write it; with slashes
    # the order of day and month is a guess, so that form is left out
    rf"(?P<dotted>\b(?P<dotted_d>0?[1-9]|[12]\d|3[01])\.(?P<dotted_m>0?[1-9]|1[0-2])\."
    rf"(?P<dotted_y>{_YEAR})\b(?!\.\d))",
    rf"(?P<span>\b(?:[Bb]etween\s+{_YEAR}\s+and\s+|[Ff]rom\s+{_YEAR}\s+(?:to|until|through)\s+"
    rf"|{_YEAR}\s*[-–—/]\s*)(?:{_YEAR}|\d\d)\b(?!-\d))",
    rf"(?P<decade>\b{_YEAR}s\b|['’]\d0s\b)",
    rf"(?P<dmy>\b(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONANY}),?\s+(?P<dmy_y>{_YEAR})\b)",
    rf"(?P<mdy>\b(?P<mdy_m>{_MONANY})\s+(?P<mdy_d>{_DAY})\b,?\s+(?P<mdy_y>{_YEAR})\b)",
    rf"(?P<approx>\b(?P<approx_q>[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\s+(?:end|beginning|start|middle|first\s+half"
    rf"|second\s+half|spring|summer|autumn|fall|winter)\s+of)[\s-]+"
    rf"(?:(?P<approx_m>{_FULL})\s+)?(?P<approx_y>{_YEAR})\b)",
    rf"(?P<anamon>\b(?P<anamon_m>{_FULL})(?:\s+(?P<anamon_d>{_DAY}))?,?\s+(?:of\s+)?"
    r"(?P<anamon_q>that|the\s+same|the\s+following|the\s+next|the\s+previous|last|this|next)"
    r"\s+year\b(?:['’]s)?)",
    rf"(?P<anarel>\b(?:(?:[Ee]xactly|[Jj]ust|[Oo]nly|[Ss]ome)\s+)?"
    rf"(?P<anarel_n>{_NUM_WIDE})\s+(?:bare\s+|full\s+)?(?P<anarel_u>day|week|month|year)s?\s+"
    r"(?P<anarel_d>later|earlier|on|after|before)\b)",
    rf"(?P<ananext>\b[Tt]he\s+(?:very\s+)?(?P<ananext_q>next|following|previous|preceding)\s+"
    rf"(?P<ananext_u>{_UNIT}|{_WEEKDAY})\b)",
    rf"(?P<anain>\b(?P<anain_q>[Ee]arlier|[Ll]ater)\s+(?:in\s+the|that)\s+(?P<anain_u>{_UNIT})\b)",
    r"(?P<anaafter>\b[Tt]he\s+(?P<anaafter_u>day|morning|evening|night|week)\s+"
    r"(?P<anaafter_d>after|before)\b)",
    r"(?P<anaend>\b(?:[Aa]t\s+)?[Tt]he\s+(?P<anaend_q>end|beginning|start|middle)\s+of\s+(?:the|that)"
    r"\s+(?P<anaend_u>year|month)\b)",
    rf"(?P<anasame>\b(?:[Oo]n\s+)?(?:(?P<anasame_q>(?:[Tt]he|[Tt]hat)\s+(?:very\s+)?same|[Tt]hat)\s+"
    rf"(?P<anasame_u>{_UNIT})|[Tt]his\s+day)\b)",
    rf"(?P<season>\b(?:(?P<season_q>[Tt]his|[Ll]ast|[Nn]ext|[Tt]hat|[Tt]he|[Ee]arly|[Ll]ate)\s+)?"
    rf"(?P<season_s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf"(?:(?:\s+of)?\s+(?P<season_y>{_YEAR})\b|\s+(?P<season_n>{_NUM})\s+years?\s+ago\b)?)",
    rf"(?P<my>\b(?P<my_m>{_MON}|(?:{_ABBR})(?=\s+{_YEAR}\b))(?:,|\s+of)?\s+(?P<my_y>{_YEAR})\b)",
    rf"(?P<md>\b(?P<md_m>{_MONANY})\s+(?P<md_d>{_DAY})\b(?![,.:]?\d))",
    rf"(?P<dm>\b(?P<dm_d>{_DAY})(?:\s+of)?\s+(?P<dm_m>{_MONANY})(?![\w]))",
    rf"(?P<relm>\b(?P<relm_q>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this|[Ee]arly"
    rf"|[Ll]ate|[Mm]id-?)\s*(?P<relm_m>{_FULL})\b)",
    rf"(?P<mon>(?:(?:{_MAY_CONTEXT})(?P<mon_p>{_NOT_MAY}|May|(?i:{_PLAIN_MONTHS}))\b"
    rf"|\b(?P<mon_m>{_NOT_MAY})\b(?!\s+(?:of\s+)?[A-Z])))",
    r"(?P<wd>\b(?<![Ee]very\s)(?P<wd_pre>(?:[Ee]arlier\s+on|[Ll]ater\s+on|[Aa]s\s+of|[Oo]n)\s+)?"
    r"(?P<wd_q>(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
    rf"(?P<wd_d>{_WEEKDAY})\b)",
    r"(?P<rel>\b(?P<rel_w>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night"
    r"|[Tt]his\s+(?:morning|afternoon|evening))\b)",
    r"(?P<relp>(?<![Tt]he\s)(?<![Pp]ast\s)\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<relp_q>(?:[Ee]arlier|[Ll]ater)\s+this|[Tt]his"
    r"|[Ll]ast|[Nn]ext)\s+(?P<relp_u>weekend|week|month|year)\b(?:['’]s)?)",
    r"(?P<wkend>\b(?:[Oo]ver\s+)?[Tt]he\s+weekend\b)",
    rf"(?P<ago>\b(?P<ago_n>{_NUM})\s+(?P<ago_u>day|week|month|year)s?\s+ago\b)",
    rf"(?P<year>\b(?P<year_y>{_YEAR})\b)",
)
#: The kind of each alternative, its group name.
_KINDS = tuple(re.match(r"\(\?P<(\w+)>", p).group(1) for p in _ALTERNATIVES)


def _compile(kinds: set[str]) -> re.Pattern:
    """The alternatives of those kinds, in their order, as one regex."""
    chosen = [p for kind, p in zip(_KINDS, _ALTERNATIVES, strict=True) if kind in kinds]
    return re.compile("|".join(chosen), re.VERBOSE)


#: Every date expression; `m.lastgroup` names the kind matched.
DATE_RE = _compile(set(_KINDS))
#: The characters each kind of expression can start with (a superset is safe, a missing one
#: would lose dates): matches start at word characters, so the decade's "'90s" is left out,
#: and a non-ASCII digit can only start "ago" (`\d{1,2}`). `tests/unit/extract` checks that
#: `date_regex_at` matches what `DATE_RE` matches at every position of many texts.
_MONTH_INITIALS = "ADFJMNOS"
_ANY_MONTH_INITIALS = _MONTH_INITIALS + _MONTH_INITIALS.lower()
_DIGITS = "0123456789"
_FIRST_CHARACTERS = {
    "ymd": "12",
    "dotted": _DIGITS,
    "span": "BbFf12",
    "decade": "12",
    "dmy": _DIGITS,
    "mdy": _ANY_MONTH_INITIALS,
    "approx": "EeLlMmTt",
    "season": "TtLlNnEeSsAaFfWw",
    "anamon": _MONTH_INITIALS,
    "anarel": "EeAaJjOoSsTtFfNn" + _DIGITS,
    "ananext": "Tt",
    "anain": "EeLl",
    "anaafter": "Tt",
    "anaend": "AaTt",
    "anasame": "OoTt",
    "my": _ANY_MONTH_INITIALS,
    "md": _ANY_MONTH_INITIALS,
    "dm": _DIGITS,
    "relm": "LlTtNnEeMm",
    "mon": _ANY_MONTH_INITIALS,
    "wd": "EeLlAaOoNnTtMWFS",
    "rel": "TtYyLl",
    "relp": "EeLlTtNnMm",
    "wkend": "OoTt",
    "ago": "OoTtFfSsEeNnAa" + _DIGITS,
    "year": "12",
}


def _regex_by_first_character() -> dict[str, re.Pattern]:
    compiled: dict[frozenset[str], re.Pattern] = {}
    by_first = {}
    for char in sorted(set("".join(_FIRST_CHARACTERS.values()))):
        kinds = frozenset(k for k, chars in _FIRST_CHARACTERS.items() if char in chars)
        if kinds not in compiled:
            compiled[kinds] = _compile(set(kinds))
        by_first[char] = compiled[kinds]
    return by_first


#: For each character a date can start with, the alternatives that can start with it, in
#: their order: a few alternatives are tried much faster than all of them, with the same match.
_BY_FIRST = _regex_by_first_character()
_AGO_RE = _compile({"ago"})


def date_regex_at(text: str, start: int) -> re.Match | None:
    """`DATE_RE.match(text, start)` at a word character, trying only the alternatives that can
    start with it (the date regex is tried at word starts only)."""
    char = text[start]
    regex = _BY_FIRST.get(char)
    if regex is None:
        if not char.isdecimal():
            return None
        regex = _AGO_RE  # a non-ASCII digit
    return regex.match(text, start)


#: "will" the verb, not the noun ("runs counter to the will of the majority").
WILL = r"will(?!\s+of\b)(?<!\bthe\swill)"
_FUTURE = re.compile(
    rf"\b(?:{WILL}|plans?|planned|planning|scheduled|expected|due|upcoming|next|"
    r"set\s+(?:to|for)|slated|forthcoming|intends?|to\s+be\s+held|would|urg(?:e|es|ed)|"
    r"call(?:s|ed)\s+on)\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    rf"\b(?:{WILL}|is\s+planning|are\s+planning|plans\s+to|is\s+due|are\s+due|scheduled|"
    r"is\s+set\s+to|are\s+set\s+to|(?:is|are|was|were)?\s*set\s+for|slated|forthcoming|"
    r"upcoming)\b",
    re.IGNORECASE,
)
_FUTURE_STRICT = re.compile(r"\b(?:will|scheduled|due\s+to|next|upcoming)\b", re.IGNORECASE)
_REPORTED = re.compile(
    r"\b(?:said|says|announced|told|declared|reported|condemned|warned|was|were|had|did)\b",
    re.IGNORECASE,
)
#: A past reporting verb the date directly follows ("said on Sept. 5 that talks would resume",
#: "announced in a statement in March"): the date is when it was said, whatever the rest of the
#: sentence looks ahead to. A modal, "to" or "that" between them ("said it would meet on ...")
#: makes the date the step's.
_SAID_ON = re.compile(
    r"\b(?:said|announced|told|declared|reported|warned|wrote|stated|added|confirmed|"
    r"insisted|argued|claimed|noted|tweeted|posted|signalled|signaled|indicated)\b"
    r"(?:\s+(?!(?:would|will|could|might|may|should|to|that|it|they|he|she)\b)[\w'’]+){0,4}?"
    r"\s+(?:on|in)\s+$",
    re.IGNORECASE,
)
_YEAR_BEFORE_BAD = re.compile(
    r"(?:[$€£¥]\s*|US\$\s*|\d[.,:]|\b(?:No|no|Nos|page|p|pp|Article|article|Section|section|"
    r"Resolution|resolution|[Nn]umber|#|Flight|flight|Route|route|Highway)\.?\s*)$"
)
_YEAR_AFTER_BAD = re.compile(
    r"^(?:[.,:]\d|\s*(?:%|percent\b|per\s+cent\b|million\b|billion\b|trillion\b|bn\b|"
    r"km\b|kilomet|miles?\b|metres?\b|meters?\b|feet\b|tonnes?\b|tons?\b|hectares?\b|acres?\b)"
    r"|[\s-]\d{3}"
    r"|\s+(?:[a-z]+\s+)?(?:people|persons|protesters|demonstrators|troops|soldiers|police|"
    r"officers|deaths|dead|casualties|refugees|migrants|voters|votes|seats|members|delegates|"
    r"candidates|students|workers|cases|households|families|villages|dollars|euros|pounds|"
    r"rupees|yuan|words|pages|times|hours|days|weeks|months|years|vehicles|weapons|arrests|"
    r"detainees|prisoners|fighters|civilians|children|women|men|residents|inhabitants|"
    r"employees|jobs|units|homes|houses|schools|km|signatures|participants|activists)\b)"
)
_QUANTITY_BEFORE = re.compile(
    r"\b(?:nearly|about|some|over|than|least|around|approximately|roughly|almost|up\s+to|only|"
    r"just|total\s+of|estimated)\s+$",
    re.IGNORECASE,
)
#: "the 1989 protesters", "in 2019 elections": a determiner makes a year of a number.
_YEAR_DETERMINER = re.compile(r"\b(?:the|in|since|by|during|until|before|after)\s+$", re.I)
_PLURAL_AFTER = re.compile(r"^\s+[a-z]+s\b")
_SENTENCE_EDGE = re.compile(r"[.!?\n]")


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO string ("2021-02-01", also with a time), else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def _window(text: str, start: int, end: int) -> str:
    """The sentence around a match (bounded), for tense cues."""
    left = max(0, start - 250)
    seg = text[left:start]
    cut = max(seg.rfind("."), seg.rfind("\n"), seg.rfind("!"), seg.rfind("?"))
    right = _SENTENCE_EDGE.search(text, end, min(len(text), end + 250))
    return text[left + cut + 1 if cut >= 0 else left : right.start() if right else end + 250]


#: "the" right before a date that names an event by it ("will not recognise the results of the
#: October 26 election"): a known event, the latest such date, whatever the sentence looks
#: ahead to.
_NAMES_AN_EVENT = re.compile(r"\b[Tt]he\s$")


def _month_year(month: int, pub: date | None, text: str, start: int, end: int) -> int | None:
    """The year of a month named without one: the latest on or before publication, unless the
    sentence looks ahead ("will", "is planning to") and the date does not name an event after
    "the" (`_NAMES_AN_EVENT`): then the next such month."""
    if pub is None:
        return None
    window = _window(text, start, end)
    if month <= pub.month:
        named = _NAMES_AN_EVENT.search(text, max(0, start - 4), start) is not None
        ahead = _AHEAD.search(window) and not _REPORTED.search(window)
        return pub.year + 1 if month < pub.month and not named and ahead else pub.year
    ahead = _FUTURE.search(window) and not _SAID_ON.search(text, max(0, start - 80), start)
    return pub.year if ahead else pub.year - 1


def _week(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


#: The month "the end of 2020" or "the beginning of 2021" stands for.
_EDGE_MONTH = {"end": 12, "beginning": 1, "start": 1}


def _month(name: str) -> int:
    """The number of a month named in any case, in full or abbreviated ("JUNE", "Sept.")."""
    return MONTHS[name.rstrip(".").title()]


def _day(year: int, month: int, day: str) -> str | None:
    """The ISO day, `day` being the digits of `_DAY` with any "st", "nd", "rd" or "th"."""
    try:
        return date(year, month, int(day.lower().rstrip("stndrh"))).isoformat()
    except ValueError:
        return None


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start]
    after = text[end : end + 30]
    if _YEAR_BEFORE_BAD.search(before):
        return False
    if _YEAR_AFTER_BAD.match(after) and not _YEAR_DETERMINER.search(before):
        return False
    return not (_QUANTITY_BEFORE.search(before) and _PLURAL_AFTER.match(after))


def _number(word: str) -> int:
    """A number written in digits or words ("75", "seventy-five", "a")."""
    if word.isdigit():
        return int(word)
    parts = re.split(r"[-\s]+", word.lower())
    if parts[0] in TENS:
        return TENS[parts[0]] + (NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return NUMBERS.get(parts[0], 0)


def _resolve(
    m: re.Match, kind: str, text: str, pub: date | None, context_year: int | None = None
) -> tuple[str, str] | None:
    """(iso, precision) for one match, or None when it is not a date or cannot be resolved.
    A month or day named without a year takes `context_year` when the context gives one
    (`_context_year`), else the year publication gives (`_month_year`)."""
    g = m.group
    s, e = m.start(), m.end()
    if kind in ("span", "decade"):
        return None
    if kind == "ymd":
        iso = _day(int(g("ymd_y")), int(g("ymd_m")), g("ymd_d"))
        return (iso, "day") if iso else None
    if kind == "dotted":
        iso = _day(int(g("dotted_y")), int(g("dotted_m")), g("dotted_d"))
        return (iso, "day") if iso else None
    if kind in ("dmy", "mdy"):
        iso = _day(int(g(kind + "_y")), _month(g(kind + "_m")), g(kind + "_d"))
        return (iso, "day") if iso else None
    if kind in ("md", "dm"):
        month = _month(g(kind + "_m"))
        year = context_year or _month_year(month, pub, text, s, e)
        iso = _day(year, month, g(kind + "_d")) if year else None
        return (iso, "day") if iso else None
    if kind == "my":
        return f"{g('my_y')}-{_month(g('my_m')):02d}", "month"
    if kind == "approx":
        if g("approx_m"):
            return f"{g('approx_y')}-{_month(g('approx_m')):02d}", "month"
        q = g("approx_q").lower()
        edge = _EDGE_MONTH.get(q.split()[1] if q.startswith("the ") else "")
        if edge:  # "the end of 2020" is its last month
            return f"{g('approx_y')}-{edge:02d}", "month"
        seasonal = any(w in q for w in SEASON_START)
        return g("approx_y"), "season" if seasonal else "year"
    if kind == "season":
        return _season(m, text, pub)
    if kind == "year":
        return (g("year_y"), "year") if _bare_year_ok(text, s, e) else None
    if kind == "mon":
        month = _month(g("mon_m") or g("mon_p"))
        coordinated = _COORDINATED_YEAR.match(text, e)
        if coordinated:
            return f"{coordinated.group('y')}-{month:02d}", "month"
        year = context_year or _month_year(month, pub, text, s, e)
        return (f"{year}-{month:02d}", "month") if year else None
    if pub is None:
        return None
    if kind == "relm":
        month = _month(g("relm_m"))
        q = g("relm_q").lower()
        if q == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif q == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif q.startswith(("this", "earlier", "later")):
            year = pub.year
        else:
            year = _month_year(month, pub, text, s, e)
        return f"{year}-{month:02d}", "month"
    if kind == "wd":
        return _weekday(m, text, pub), "day"
    if kind == "rel":
        word = " ".join(g("rel_w").lower().split())
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (pub + timedelta(days=offset)).isoformat(), "day"
    if kind == "relp":
        q = g("relp_q").lower().split()[-1]
        delta = {"this": 0, "last": -1, "next": 1}[q]
        unit = g("relp_u")
        if unit in ("week", "weekend"):
            return _week(pub + timedelta(weeks=delta)), "week"
        if unit == "month":
            year, month = _shift_month(pub.year, pub.month, delta)
            return f"{year}-{month:02d}", "month"
        return str(pub.year + delta), "year"
    if kind == "wkend":
        return _week(pub if pub.weekday() >= 5 else pub - timedelta(weeks=1)), "week"
    if kind == "ago":
        n = _number(g("ago_n"))
        unit = g("ago_u")
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return _week(pub - timedelta(weeks=n)), "week"
        if unit == "month":
            year, month = _shift_month(pub.year, pub.month, -n)
            return f"{year}-{month:02d}", "month"
        return str(pub.year - n), "year"
    return None


def _season(m: re.Match, text: str, pub: date | None) -> tuple[str, str] | None:
    g = m.group
    season = g("season_s").lower()
    q = (g("season_q") or "").lower()
    if g("season_y"):
        return g("season_y"), "season"
    if pub is None or not q or (season == "fall" and q in ("the", "that", "early", "late")):
        return None
    if season == "fall" and text[m.end() : m.end() + 4] == " of ":
        return None
    start_month = SEASON_START[season]
    if g("season_n"):
        year = pub.year - _number(g("season_n"))
    elif q == "this":
        year = pub.year
    elif q == "next":
        year = pub.year if start_month > pub.month else pub.year + 1
    elif q == "last":
        year = pub.year if pub.month > start_month + 2 else pub.year - 1
    else:
        year = _month_year(start_month, pub, text, m.start(), m.end())
    return (str(year), "season") if year else None


def _weekday(m: re.Match, text: str, pub: date) -> str:
    target = WEEKDAYS[m.group("wd_d")]
    q = (m.group("wd_q") or "").strip().lower()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if q == "next":
        return (pub + timedelta(days=ahead or 7)).isoformat()
    if q == "last":
        return (pub - timedelta(days=back or 7)).isoformat()
    before = text[max(0, m.start() - 40) : m.start()]
    if (
        back
        and _FUTURE_STRICT.search(_window(text, m.start(), m.end()))
        and not _REPORTED.search(before)
    ):
        return (pub + timedelta(days=ahead)).isoformat()
    return (pub - timedelta(days=back)).isoformat()


def _anchor_table() -> dict[str, int]:
    """Anchor key -> its length; 0 marks a digit, which anchors only where a number starts."""
    words = [*MONTHS, *WEEKDAYS, *SEASON_START]
    words += ["today", "yesterday", "tomorrow", "week", "weekend", "month", "year", "ago"]
    words += _words("tonight night day days morning evening afternoon weeks months years")
    table = {word.lower(): len(word) for word in words}
    table.update(dict.fromkeys("0123456789", 0))
    return table


#: Words every date expression contains, and digits: found in one automaton pass (faster than
#: a regex scan for digits; the pipeline shares the pass with its other word tables, see
#: `democdash.extract.scan`), so the full date regex is tried only at the few word starts
#: just before them.
ANCHOR_TABLE = _anchor_table()
_ANCHORS = automaton(ANCHOR_TABLE)


def _anchor_positions(text: str, folded: str, raw: Iterable[RawHit] | None = None) -> list[int]:
    """Sorted distinct starts of anchor words and of numbers (digit runs not glued to a word);
    `raw` are the anchor table's raw automaton matches in `folded`, when already scanned."""
    positions = set()
    size = len(text)
    for end_index, length in _ANCHORS.iter(folded) if raw is None else raw:
        if not length:
            if end_index and (text[end_index - 1].isdecimal() or text[end_index - 1].isalpha()):
                continue  # inside a number, or glued to a word ("G20")
            positions.add(end_index)
            continue
        start = end_index - length + 1
        if (start and folded[start - 1].isalnum()) or (
            end_index + 1 < size and folded[end_index + 1].isalnum()
        ):
            continue
        positions.add(start)
    return sorted(positions)


#: Words that can open a date expression before its anchor word ("early 2019", "as of Monday").
_LEADING_WORDS = frozenset(
    _words(
        "between from early late mid the this last next that earlier later on as over a an at "
        "exactly just only some one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty "
        "fifty sixty seventy eighty ninety"
    )
)


#: A leading word or a number at a word start (in the folded text), with the character before
#: it, which is not part of a word. It opens with a character class, which the regex engine
#: scans for quickly (a look-behind tried at every position costs it far more), and it finds
#: only the few word starts where a date can open, so few match objects are made.
def _by_initial(words: frozenset[str]) -> str:
    """An alternation of the words grouped by first letter ("a(?:|n|s)|b(?:etween)|..."), so
    that the regex engine tries one group where the first letter fits, not every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{initial}(?:{'|'.join(rests)})" for initial, rests in groups.items())


_LEAD = rf"(?:(?:{_by_initial(_LEADING_WORDS)})(?![a-z0-9])|\d)"
_LEAD_START = re.compile(rf"[^\w'’-]{_LEAD}")
_FIRST_LEAD = re.compile(_LEAD)  # at the very start of the text


#: Links (and a page's furniture, `furniture.spans`: photo captions, "Read more" links, a
#: copyright line): their dates are no dates of events (a year in a URL's path, the day a
#: photo was taken), so nothing inside them is a date.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)
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


def excluded_spans(
    text: str, furniture_spans: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The spans of links and of the page's furniture in `text` (no date is found inside
    them); `furniture_spans` are the furniture's when already found (`furniture.spans`)."""
    spans = (
        [(m.start(), m.end()) for m in _URL.finditer(text)]
        if "://" in text or "www." in text
        else []
    )
    spans += furniture.spans(text) if furniture_spans is None else furniture_spans
    return sorted(spans)


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
        return _week(day)
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def _shift(day: date, unit: str, n: int) -> date:
    if unit in ("day", "night", "morning", "evening", "afternoon"):
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        year, month = _shift_month(day.year, day.month, n)
        return date(year, month, 1)
    return date(day.year + n, day.month if day.month else 1, 1)


def _unit_precision(unit: str) -> str:
    if unit in ("month", "year"):
        return unit
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
        month = _month(g("anamon_m"))
        if g("anamon_d"):
            iso = _day(year, month, g("anamon_d"))
            return (iso, "day") if iso else None
        return f"{year}-{month:02d}", "month"
    if kind == "anarel":
        direction = g("anarel_d").lower()
        before = text[max(0, m.start() - 20) : m.start()]
        if _DURATION_BEFORE.search(before):
            return None  # "for two years after": a duration
        if direction in ("after", "before") and not _CLAUSE_START.search(text[: m.start()][-12:]):
            return None
        n = _number(g("anarel_n"))
        unit = g("anarel_u").lower()
        day = _shift(base, unit, n if direction in ("later", "on", "after") else -n)
    elif kind == "ananext":
        unit = g("ananext_u").lower()
        ahead = g("ananext_q").lower() in ("next", "following")
        if unit.capitalize() in _WEEKDAYS:  # "the following Monday": the first one after it
            gap = (_WEEKDAYS.index(unit.capitalize()) - base.weekday()) % 7 or 7
            day = base + timedelta(days=gap if ahead else gap - 7)
            return (day.isoformat(), "day") if coarse == "day" else None
        day = _shift(base, unit, 1 if ahead else -1)
    elif kind == "anaafter":
        if _TO_THE_DAY.search(text, max(0, m.start() - 4), m.start()):
            return None  # "two years to the day after it seized power": not the next day
        unit = g("anaafter_u").lower()
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


#: Kinds resolved against the publication date (deictic).
_DEICTIC = frozenset({"wd", "rel", "relp", "wkend", "ago", "relm"})


def _kind_of(kind: str, m: re.Match) -> str:
    """absolute, deictic or anaphoric, for the `kind` field of a found date."""
    if kind.startswith("ana"):
        if kind == "anamon" and m.group("anamon_q").lower() in ("last", "this", "next"):
            return "deictic"
        return "anaphoric"
    if kind in _DEICTIC:
        if kind == "relm" and m.group("relm_q").lower() in ("early", "late", "mid", "mid-"):
            return "absolute"
        return "deictic"
    if kind == "season" and (m.group("season_q") or "").lower() in ("this", "last", "next"):
        return "deictic"
    return "absolute"


def _anamon_deictic(m: re.Match, pub: date) -> tuple[str, str] | None:
    """ "August last year", "July 1 this year": a month of a year named from publication."""
    q = m.group("anamon_q").lower()
    year = pub.year + {"last": -1, "this": 0, "next": 1}[q]
    month = _month(m.group("anamon_m"))
    if m.group("anamon_d"):
        iso = _day(year, month, m.group("anamon_d"))
        return (iso, "day") if iso else None
    return f"{year}-{month:02d}", "month"


def _unit_of(m: re.Match, kind: str) -> str:
    """The unit an anaphoric expression counts in ("three days later": day)."""
    if kind == "anaend":
        return m.group("anaend_u").lower()
    if kind == "anamon":
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
        return label if near and not _SENTENCE_EDGE.search(self.text, end, start) else None

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
                return d
        for d in later:
            if d["start"] - at > EVENT_ANCHOR_REACH:
                break
            if _PRECISION_RANK[d["precision"]] <= coarsest and kind in self.in_sentence_of(d):
                return d
        return None

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

    beside = events.beside(m.start(), m.end()) if events is not None and events.words else None
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


#: Kinds of date that name their year ("4 October 2020", "October 2020", "early March 2021").
_NAMES_ITS_YEAR = frozenset(("ymd", "dotted", "dmy", "mdy", "my", "approx"))
#: How close (characters) a day or month that names its year must come before one that does
#: not for its year to be the context's (about two sentences).
CONTEXT_YEAR_REACH = 250


def _context_year(kind: str, m: re.Match, dated: dict | None, text: str) -> int | None:
    """The year the context gives a day or month named without one: that of the day or month
    named with its year just before it in its paragraph, when the story goes on within that
    year ("sprung from prison in October 2020. ... a rigged election on October 4th": 2020).
    None when there is none, or when the month comes earlier in the year than the one before
    it ("the November 2020 elections ... on Feb. 1": a later year, as publication says)."""
    if kind not in ("md", "dm", "mon") or dated is None:
        return None
    if m.start() - dated["end"] > CONTEXT_YEAR_REACH or "\n" in text[dated["end"] : m.start()]:
        return None
    month = _named_month(kind, m)
    if month < int(dated["iso"][5:7]):
        return None
    return int(dated["iso"][:4])


def _named_month(kind: str, m: re.Match) -> int:
    """The month of a day or month named without its year (kinds "md", "dm" and "mon")."""
    return _month(m.group(f"{kind}_m") if kind != "mon" else m.group("mon_m") or m.group("mon_p"))


#: What stands before a date that opens a line: the line's start, its indent and a bullet.
_OPENS_A_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-•*–][ \t]+)?$")


def _entry_year(kind: str, m: re.Match, entry: dict | None) -> int | None:
    """The year of a chronology's entry dated without one ("AUG 11 - Tsikhanouskaya leaves
    for Lithuania" after "AUG 9, 2020 - ..."): a day or month that opens its line takes the
    year of the entry before it, the next year when its month comes earlier ("DEC 30" ...
    "JAN 4"). None when no day or month opened a line before it."""
    if kind not in ("md", "dm", "mon") or entry is None:
        return None
    month = _named_month(kind, m)
    year = int(entry["iso"][:4])
    return year + 1 if month < int(entry["iso"][5:7]) else year


_COORDINATED_YEAR = re.compile(
    rf"\s*(?:and|to|until|till|through|or|-|–)\s+(?:{_FULL})(?:\s+{_DAY})?,?\s+(?P<y>{_YEAR})\b"
)


def find_dates(
    text: str,
    published: str | None = None,
    folded: str | None = None,
    raw: Iterable[RawHit] | None = None,
    furniture_spans: list[tuple[int, int]] | None = None,
    events: Sequence[tuple[str, int, int]] = (),
) -> list[dict]:
    """Date expressions in `text` as contract dicts: text, iso, precision, start, end, kind
    ("absolute", "deictic" or "anaphoric"), relative (resolved against another date) and,
    for an anaphoric date, `anchor`: the text of the date it hangs on (the latest date found
    before it, within `ANCHOR_REACH` characters).

    `folded` is `text` lower-cased with the same length (pass it when already computed);
    `raw` are the raw automaton matches of `ANCHOR_TABLE` in `folded`, when already scanned.
    The date regex is tried at each anchor (see `_anchor_positions`), after trying it at the
    word starts within 30 characters before the anchor that can open a date (a leading word or
    a number). No expression has more than four words before its first anchor ("the second
    half of 2019"), so a match from further back could not reach the anchor. Nothing inside a
    link or the page's furniture is a date (`excluded_spans`; `furniture_spans` when found).
    `events` are the text's event words (label, start, end; `events.LEXICON`), in order: an
    anaphoric date next to one ("arrested that day") hangs on the latest date of a sentence
    with a word of the same kind (`_anchor_for`).
    """
    pub = parse_published(published)
    folded = folded if folded is not None else text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    skip = excluded_spans(text, furniture_spans)
    out: list[dict] = []
    pending: list[tuple[int, re.Match, str]] = []  # anaphoric: resolved once all are found
    weekday: dict | None = None  # the last date found, when it is a weekday ("on Friday")
    dated: dict | None = None  # the last day or month found that names its year
    entry: dict | None = None  # the last day or month found that opens a line (a chronology's)
    last_end = 0
    for anchor in _anchor_positions(text, folded, raw):
        if anchor < last_end:
            continue
        lo = anchor - 30 if anchor - 30 > last_end else last_end
        starts = [m.start() + 1 for m in _LEAD_START.finditer(folded, lo - 1 if lo else 0, anchor)]
        if not lo and anchor and _FIRST_LEAD.match(folded, 0, anchor):
            starts.insert(0, 0)
        starts.append(anchor)
        for start in starts:
            m = date_regex_at(text, start)
            if m is None or m.end() <= anchor:
                continue
            last_end = m.end()
            if skip and any(a <= m.start() < b for a, b in skip):
                break
            kind = m.lastgroup
            date_kind = _kind_of(kind, m)
            if date_kind == "anaphoric":
                pending.append((len(out), m, kind))
                break
            if kind == "anamon":
                resolved = _anamon_deictic(m, pub) if pub else None
            else:
                opens = _OPENS_A_LINE.search(text, max(0, m.start() - 8), m.start()) is not None
                year = _entry_year(kind, m, entry) if opens else None
                year = year or _context_year(kind, m, dated, text)
                resolved = _resolve(m, kind, text, pub, year)
            if resolved:
                found = _found(m, resolved, date_kind)
                if out and out[-1] is weekday and _names_its_weekday(weekday, found, text):
                    found = _with_weekday(out.pop(), found, text)
                weekday = found if kind == "wd" else None
                if kind in _NAMES_ITS_YEAR and found["precision"] in ("day", "month"):
                    dated = found
                if kind != "anamon" and opens and found["precision"] in ("day", "month"):
                    entry = found
                out.append(found)
            break
    return _with_anaphoric(out, pending, text, pub, events)


#: What may stand between a weekday and the date that names it ("Friday, June 4",
#: "Monday 7 June", "Tuesday (June 1)").
_WEEKDAY_GAP = re.compile(r",?\s?\(?")


def _names_its_weekday(weekday: dict, day: dict, text: str) -> bool:
    """Whether the weekday `weekday` ("on Friday") comes right before `day`, a date to the day
    that says which Friday: one expression, not a Friday counted from publication and a date."""
    return (
        day["precision"] == "day"
        and _WEEKDAY_GAP.fullmatch(text, weekday["end"], day["start"]) is not None
    )


def _with_weekday(weekday: dict, day: dict, text: str) -> dict:
    """`day` with the weekday before it as part of its text (its value is the date's), and
    the bracket it opened closed."""
    end = day["end"]
    if "(" in text[weekday["end"] : day["start"]] and text[end : end + 1] == ")":
        end += 1
    return {**day, "text": text[weekday["start"] : end], "start": weekday["start"], "end": end}


def _found(m: re.Match, resolved: tuple[str, str], date_kind: str, anchor: dict | None = None):
    iso, precision = resolved
    found = {
        "text": m.group(),
        "iso": iso,
        "precision": precision,
        "start": m.start(),
        "end": m.end(),
        "kind": date_kind,
        "relative": date_kind != "absolute",
    }
    if anchor is not None:
        found["anchor"] = anchor["text"]
    return found


def _with_anaphoric(
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
            merged.append(_found(m, (merged[-1]["iso"], merged[-1]["precision"]), "anaphoric"))
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
                merged.append(_found(m, resolved, "deictic"))
            continue
        resolved = _anaphoric(m, kind, text, anchor) if anchor else None
        if resolved and pub is not None and _past_publication(resolved, pub, m, text, anchor):
            continue  # "One month after the coup, the junta ..." counted on from the byline's date
        if resolved:
            merged.append(_found(m, resolved, "anaphoric", anchor))
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
    if _a_date_line(anchor, text):
        return True
    before = [e.end() for e in _SENTENCE_EDGE.finditer(text, max(0, m.start() - 300), m.start())]
    start = before[-1] if before else max(0, m.start() - 300)
    edge = _SENTENCE_EDGE.search(text, m.end())
    return _AHEAD_WORDS.search(text, start, edge.start() if edge else len(text)) is None


def _a_date_line(found: dict, text: str) -> bool:
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
    return kind == "ananext" and m.group("ananext_u").capitalize() in _WEEKDAYS


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
    edge = _SENTENCE_EDGE.search(text, m.end())
    stop = edge.start() if edge else len(text)
    return next((d for d in later if m.end() <= d["start"] < stop), None)
