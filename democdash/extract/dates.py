"""Date expressions by rule: one date regex, resolved against the publication date.

What is found (each with an ISO value and a precision):
- absolute: "18 August 2020", "Aug. 18, 2020", "2020-08-18" (day); "November 2020" (month);
  "2019", "the 2020 elections" (year);
- approximate: "early 2019", "mid-2019", "the end of 2005" (year); "late March 2020" (month);
- seasons: "summer 2019", "the summer", "that summer five years ago" (precision season, ISO year);
- no-year days and months ("Jan. 6", "in April"): the publication year, or the year before when
  the month lies after the publication month and nothing in the sentence looks ahead;
- relative ("today", "yesterday", "Tuesday", "last week", "earlier this month", "next year",
  "last December", "two years ago"): only when a publication date is given.

Weeks are reported with precision "week" and, as ISO value, the Monday of the ISO week
(YYYY-MM-DD), so that any consumer can both place the day and recover the week.

Not dates: counts, money, percentages and measures ("$1.5 billion", "2000 troops", "70%"),
numbers with separators ("1,000", "20:19"), document numbers ("Resolution 2019"), durations
("for three months", "nearly 30 years"). Spans between two years ("2019-2021", "between 2019 and
2021") and decades ("the 1990s") are recognised and left out; a list of years gives each year.
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
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MONANY = rf"(?:{_FULL}|(?:{_ABBR})\b\.?)"
_MON = rf"(?:{_FULL}|(?:{_ABBR})\.)"
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
    rf"(?P<ymd>\b(?P<ymd_y>{_YEAR})-(?P<ymd_m>0[1-9]|1[0-2])-(?P<ymd_d>0[1-9]|[12]\d|3[01])\b)",
    rf"(?P<span>\b(?:[Bb]etween\s+{_YEAR}\s+and\s+|[Ff]rom\s+{_YEAR}\s+(?:to|until|through)\s+"
    rf"|{_YEAR}\s*[-–—/]\s*)(?:{_YEAR}|\d\d)\b(?!-\d))",
    rf"(?P<decade>\b{_YEAR}s\b|['’]\d0s\b)",
    rf"(?P<dmy>\b(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONANY}),?\s+(?P<dmy_y>{_YEAR})\b)",
    rf"(?P<mdy>\b(?P<mdy_m>{_MONANY})\s+(?P<mdy_d>{_DAY})\b,?\s+(?P<mdy_y>{_YEAR})\b)",
    rf"(?P<approx>\b(?P<approx_q>[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\s+(?:end|beginning|start|middle|first\s+half"
    rf"|second\s+half|spring|summer|autumn|fall|winter)\s+of)[\s-]+"
    rf"(?:(?P<approx_m>{_FULL})\s+)?(?P<approx_y>{_YEAR})\b)",
    rf"(?P<season>\b(?:(?P<season_q>[Tt]his|[Ll]ast|[Nn]ext|[Tt]hat|[Tt]he|[Ee]arly|[Ll]ate)\s+)?"
    rf"(?P<season_s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf"(?:(?:\s+of)?\s+(?P<season_y>{_YEAR})\b|\s+(?P<season_n>{_NUM})\s+years?\s+ago\b)?)",
    rf"(?P<my>\b(?P<my_m>{_MON})(?:,|\s+of)?\s+(?P<my_y>{_YEAR})\b)",
    rf"(?P<md>\b(?P<md_m>{_MONANY})\s+(?P<md_d>{_DAY})\b(?![,.:]?\d))",
    rf"(?P<dm>\b(?P<dm_d>{_DAY})(?:\s+of)?\s+(?P<dm_m>{_MONANY})(?![\w]))",
    rf"(?P<relm>\b(?P<relm_q>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this|[Ee]arly"
    rf"|[Ll]ate|[Mm]id-?)\s*(?P<relm_m>{_FULL})\b)",
    rf"(?P<mon>(?:\b(?P<mon_m>January|February|March|April|June|July|August|September|October"
    rf"|November|December)\b|(?:{_MAY_CONTEXT})May\b)(?!\s+[A-Z]))",
    r"(?P<wd>\b(?P<wd_pre>(?:[Ee]arlier\s+on|[Ll]ater\s+on|[Aa]s\s+of|[Oo]n)\s+)?"
    r"(?P<wd_q>(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
    r"(?P<wd_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    r"(?P<rel>\b(?P<rel_w>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b)",
    r"(?P<relp>(?<![Tt]he\s)(?<![Pp]ast\s)\b(?P<relp_q>(?:[Ee]arlier|[Ll]ater)\s+this|[Tt]his"
    r"|[Ll]ast|[Nn]ext)\s+(?P<relp_u>weekend|week|month|year)\b)",
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
_DIGITS = "0123456789"
_FIRST_CHARACTERS = {
    "ymd": "12",
    "span": "BbFf12",
    "decade": "12",
    "dmy": _DIGITS,
    "mdy": _MONTH_INITIALS,
    "approx": "EeLlMmTt",
    "season": "TtLlNnEeSsAaFfWw",
    "my": _MONTH_INITIALS,
    "md": _MONTH_INITIALS,
    "dm": _DIGITS,
    "relm": "LlTtNnEeMm",
    "mon": _MONTH_INITIALS,
    "wd": "EeLlAaOoNnTtMWFS",
    "rel": "TtYy",
    "relp": "EeLlTtNn",
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


_FUTURE = re.compile(
    r"\b(?:will|plans?|planned|planning|scheduled|expected|due|upcoming|next|set\s+to|"
    r"intends?|to\s+be\s+held|would)\b",
    re.IGNORECASE,
)
_FUTURE_STRICT = re.compile(r"\b(?:will|scheduled|due\s+to|next|upcoming)\b", re.IGNORECASE)
_REPORTED = re.compile(
    r"\b(?:said|says|announced|told|declared|reported|condemned|warned|was|were|had|did)\b",
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


def _month_year(month: int, pub: date | None, text: str, start: int, end: int) -> int | None:
    if pub is None:
        return None
    if month <= pub.month:
        return pub.year
    return pub.year if _FUTURE.search(_window(text, start, end)) else pub.year - 1


def _week(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(year: int, month: int, day: str) -> str | None:
    """The ISO day, `day` being the digits of `_DAY` with any "st", "nd", "rd" or "th"."""
    try:
        return date(year, month, int(day.rstrip("stndrh"))).isoformat()
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
    return int(word) if word.isdigit() else NUMBERS.get(word.lower(), 0)


def _resolve(m: re.Match, kind: str, text: str, pub: date | None) -> tuple[str, str] | None:
    """(iso, precision) for one match, or None when it is not a date or cannot be resolved."""
    g = m.group
    s, e = m.start(), m.end()
    if kind in ("span", "decade"):
        return None
    if kind == "ymd":
        iso = _day(int(g("ymd_y")), int(g("ymd_m")), g("ymd_d"))
        return (iso, "day") if iso else None
    if kind in ("dmy", "mdy"):
        iso = _day(int(g(kind + "_y")), MONTHS[g(kind + "_m").rstrip(".")], g(kind + "_d"))
        return (iso, "day") if iso else None
    if kind in ("md", "dm"):
        month = MONTHS[g(kind + "_m").rstrip(".")]
        year = _month_year(month, pub, text, s, e)
        iso = _day(year, month, g(kind + "_d")) if year else None
        return (iso, "day") if iso else None
    if kind == "my":
        return f"{g('my_y')}-{MONTHS[g('my_m').rstrip('.')]:02d}", "month"
    if kind == "approx":
        if g("approx_m"):
            return f"{g('approx_y')}-{MONTHS[g('approx_m')]:02d}", "month"
        seasonal = any(w in g("approx_q").lower() for w in SEASON_START)
        return g("approx_y"), "season" if seasonal else "year"
    if kind == "season":
        return _season(m, text, pub)
    if kind == "year":
        return (g("year_y"), "year") if _bare_year_ok(text, s, e) else None
    if kind == "mon":
        month = MONTHS[g("mon_m") or "May"]
        year = _month_year(month, pub, text, s, e)
        return (f"{year}-{month:02d}", "month") if year else None
    if pub is None:
        return None
    if kind == "relm":
        month = MONTHS[g("relm_m")]
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
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[g("rel_w").lower()]
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
        "between from early late mid the this last next that earlier later on as over a an "
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty"
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


def find_dates(
    text: str,
    published: str | None = None,
    folded: str | None = None,
    raw: Iterable[RawHit] | None = None,
) -> list[dict]:
    """Date expressions in `text` as contract dicts: text, iso, precision, start, end.

    `folded` is `text` lower-cased with the same length (pass it when already computed);
    `raw` are the raw automaton matches of `ANCHOR_TABLE` in `folded`, when already scanned.
    The date regex is tried at each anchor (see `_anchor_positions`), after trying it at the
    word starts within 30 characters before the anchor that can open a date (a leading word or
    a number). No expression has more than four words before its first anchor ("the second
    half of 2019"), so a match from further back could not reach the anchor.
    """
    pub = parse_published(published)
    folded = folded if folded is not None else text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out: list[dict] = []
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
            resolved = _resolve(m, m.lastgroup, text, pub)
            if resolved:
                iso, precision = resolved
                out.append(
                    {
                        "text": m.group(),
                        "iso": iso,
                        "precision": precision,
                        "start": m.start(),
                        "end": m.end(),
                    }
                )
            break
    return out
