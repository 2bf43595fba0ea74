"""What a date expression looks like: the month, weekday and number words, the date regex
with one named alternative for each kind of expression, the anchors (month and weekday names,
units, digits) that say where one may be, and the calendar arithmetic resolving them shares.

`democdash.extract.dates` finds and resolves the expressions; `democdash.extract.anaphoric_dates`
resolves the ones that hang on another date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

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
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(WEEKDAY_NAMES)
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
    rf"(?P<anamon>\b(?:(?P<anamon_d2>{_DAY})(?:\s+of)?\s+)?(?P<anamon_m>{_FULL})"
    rf"(?:\s+(?P<anamon_d>{_DAY}))?,?\s+(?:of\s+)?"
    r"(?P<anamon_q>that|the\s+same|the\s+following|the\s+next|the\s+previous|last|this|next)"
    r"\s+year\b(?:['’]s)?)",
    rf"(?P<anarel>\b(?:(?:[Ee]xactly|[Jj]ust|[Oo]nly|[Ss]ome)\s+)?"
    rf"(?P<anarel_n>{_NUM_WIDE})\s+(?:bare\s+|full\s+)?(?P<anarel_u>day|week|fortnight|month|year)s?\s+"
    r"(?P<anarel_d>later|earlier|on|after|before)\b)",
    rf"(?P<ananext>\b[Tt]he\s+(?:very\s+)?(?P<ananext_q>next|following|previous|preceding)\s+"
    rf"(?P<ananext_u>{_UNIT}|{_WEEKDAY}|{_FULL}|spring|summer|autumn|fall)\b)",
    rf"(?P<anain>\b(?P<anain_q>[Ee]arlier|[Ll]ater)\s+(?:in\s+the|that)\s+(?P<anain_u>{_UNIT})\b)",
    r"(?P<anaafter>\b[Tt]he\s+(?P<anaafter_u>day|morning|evening|night|week)\s+"
    r"(?P<anaafter_d>after|before)\b)",
    r"(?P<relend>\b(?:[Aa]t\s+)?[Tt]he\s+(?P<relend_q>end|beginning|start|middle)\s+of\s+"
    r"(?P<relend_w>this|last|next|the\s+current)\s+(?P<relend_u>year|month)\b)",
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
    r"(?P<relp>(?<![Tt]he\s)(?<![Pp]ast\s)\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<relp_q>(?:[Ee]arlier|[Ll]ater)\s+this|[Tt]his|[Tt]he\s+current"
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
    "anamon": _MONTH_INITIALS + _DIGITS,
    "anarel": "EeAaJjOoSsTtFfNn" + _DIGITS,
    "ananext": "Tt",
    "anain": "EeLl",
    "anaafter": "Tt",
    "relend": "AaTt",
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


#: Where a sentence ends, for the sentence around a date.
SENTENCE_EDGE = re.compile(r"[.!?\n]")


def week_monday(day: date) -> str:
    """The ISO day of the Monday of `day`'s week: how a date at week precision is written."""
    return (day - timedelta(days=day.weekday())).isoformat()


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) `delta` months after (before, when negative) the given one."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_number(name: str) -> int:
    """The number of a month named in any case, in full or abbreviated ("JUNE", "Sept.")."""
    return MONTHS[name.rstrip(".").title()]


def day_iso(year: int, month: int, day: str) -> str | None:
    """The ISO day, `day` being the digits of `_DAY` with any "st", "nd", "rd" or "th"."""
    try:
        return date(year, month, int(day.lower().rstrip("stndrh"))).isoformat()
    except ValueError:
        return None


def number_value(word: str) -> int:
    """A number written in digits or words ("75", "seventy-five", "a")."""
    if word.isdigit():
        return int(word)
    parts = re.split(r"[-\s]+", word.lower())
    if parts[0] in TENS:
        return TENS[parts[0]] + (NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return NUMBERS.get(parts[0], 0)


def _anchor_table() -> dict[str, int]:
    """Anchor key -> its length; 0 marks a digit, which anchors only where a number starts."""
    words = [*MONTHS, *WEEKDAYS, *SEASON_START]
    words += ["today", "yesterday", "tomorrow", "week", "weekend", "month", "year", "ago"]
    words += _words(
        "tonight night day days morning evening afternoon weeks months years fortnight fortnights"
    )
    table = {word.lower(): len(word) for word in words}
    table.update(dict.fromkeys("0123456789", 0))
    return table


#: Words every date expression contains, and digits: found in one automaton pass (faster than
#: a regex scan for digits; the pipeline shares the pass with its other word tables, see
#: `democdash.extract.scan`), so the full date regex is tried only at the few word starts
#: just before them.
ANCHOR_TABLE = _anchor_table()
_ANCHORS = automaton(ANCHOR_TABLE)


def anchor_positions(text: str, folded: str, raw: Iterable[RawHit] | None = None) -> list[int]:
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
LEAD_START = re.compile(rf"[^\w'’-]{_LEAD}")
FIRST_LEAD = re.compile(_LEAD)  # at the very start of the text


#: A month coordinated with a later one that names the year of both ("between March and
#: May 2021": March 2021).
COORDINATED_YEAR = re.compile(
    rf"\s*(?:and|to|until|till|through|or|-|–)\s+(?:{_FULL})(?:\s+{_DAY})?,?\s+(?P<y>{_YEAR})\b"
)


def date_record(
    m: re.Match, resolved: tuple[str, str], date_kind: str, anchor: dict | None = None
) -> dict:
    """A found date as the extraction's contract has it, from its match and its resolved
    (iso, precision); `anchor` is the date an anaphoric one hangs on."""
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
