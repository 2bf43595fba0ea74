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
  "the following Monday"): from the date they hang on (`democdash.extract.anaphoric_dates`);
  "the end of the year" (or month) and "the next Tuesday" with none before them are read from
  publication.

Weeks are reported with precision "week" and, as ISO value, the Monday of the ISO week
(YYYY-MM-DD), so that any consumer can both place the day and recover the week.

Not dates: counts, money, percentages and measures ("$1.5 billion", "2000 troops", "70%"),
numbers with separators ("1,000", "20:19"), document numbers ("Resolution 2019"), durations
("for three months", "nearly 30 years"). Spans between two years ("2019-2021", "between 2019 and
2021") and decades ("the 1990s") are recognised and left out; a list of years gives each year.

What an expression looks like (the date regex, month and number words, anchors) is
`democdash.extract.date_grammar`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from democdash.extract import furniture
from democdash.extract.anaphoric_dates import a_date_line, with_anaphoric
from democdash.extract.date_grammar import (
    COORDINATED_YEAR,
    FIRST_LEAD,
    LEAD_START,
    SEASON_START,
    SENTENCE_EDGE,
    WEEKDAYS,
    WILL,
    anchor_positions,
    date_record,
    date_regex_at,
    day_iso,
    month_number,
    number_value,
    shift_month,
    week_monday,
)
from democdash.extract.scan import RawHit
from democdash.extract.sentences import is_abbreviation
from democdash.extract.tense import told_as_done

#: A plan told as one made before ("originally scheduled for September 6"): it puts nothing
#: ahead.
_NOT_A_PLAN_NOW = r"(?<!originally\s)(?<!initially\s)(?<!previously\s)"
#: Words that put a month after publication in the year of publication; not as part of a
#: compound ("a pre-planned exercise"), nor a plan made before (`_NOT_A_PLAN_NOW`).
_FUTURE = re.compile(
    rf"(?<!-)\b{_NOT_A_PLAN_NOW}(?:{WILL}|plans?|planned|planning|scheduled|expected|due|upcoming|next|"
    r"set\s+(?:to|for)|slated|forthcoming|intends?|to\s+be\s+held|would|urg(?:e|es|ed)|"
    r"call(?:s|ed)\s+on)\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    rf"\b{_NOT_A_PLAN_NOW}(?:{WILL}|is\s+planning|are\s+planning|plans\s+to|is\s+due|are\s+due|scheduled|"
    r"is\s+set\s+to|are\s+set\s+to|(?:is|are|was|were)?\s*set\s+for|slated|forthcoming|"
    r"upcoming)\b",
    re.IGNORECASE,
)
#: What in a weekday's sentence puts it ahead: a future, a plan, a law that takes effect, a
#: vote in the present ("On Sunday, Cambodians vote in a general election", "go to the polls").
_FUTURE_STRICT = re.compile(
    r"\b(?:will|scheduled|due\s+to|next|upcoming|(?:is|are)\s+(?:expected|set|slated)\s+to"
    r"|plans?\s+to|takes\s+effect|comes\s+into\s+(?:force|effect)|enters\s+into\s+force"
    r"|goes\s+into\s+effect|(?:go|goes|head|heads)\s+to\s+the\s+polls"
    r"|(?<!the\s)(?<!a\s)vote\s+in\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:election|referendum))\b",
    re.IGNORECASE,
)
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


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO string ("2021-02-01", also with a time), else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def _window(text: str, start: int, end: int) -> str:
    """The sentence around a match (bounded), for tense cues; the period of an abbreviation
    ("Senior Gen. Min Aung Hlaing on Thursday") ends no sentence."""
    left = max(0, start - 250)
    cut = start
    while True:
        cut = max(text.rfind(mark, left, cut) for mark in ".\n!?")
        if cut < 0 or text[cut] != "." or not is_abbreviation(text, left, cut):
            break
    limit = min(len(text), end + 250)
    right = SENTENCE_EDGE.search(text, end, limit)
    while right and right.group() == "." and is_abbreviation(text, end, right.start()):
        right = SENTENCE_EDGE.search(text, right.end(), limit)
    return text[cut + 1 if cut >= 0 else left : right.start() if right else end + 250]


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
        ahead = (
            month < pub.month
            and not named
            and _AHEAD.search(window)
            and not _REPORTED.search(window)
            and not _done_in_its_clause(text, start)
        )
        return pub.year + 1 if ahead else pub.year
    ahead = (
        _FUTURE.search(window)
        and not _SAID_ON.search(text, max(0, start - 80), start)
        and not _done_in_its_clause(text, start)
    )
    return pub.year if ahead else pub.year - 1


#: Where the clause a date stands in opens: a stop, a comma, a colon or semicolon, a bracket.
_CLAUSE_OPENS = ".\n!?,;:("
#: A modal or a word that puts a step ahead, inside the date's own clause.
_AHEAD_IN_CLAUSE = re.compile(
    rf"\b(?:{WILL}|would|could|should|must|may|might|shall|plans?|planned|scheduled|due|set\s+"
    r"(?:to|for)|slated|expected|upcoming|next)\b"  # lower case: "in May" is no modal
)


def _done_in_its_clause(text: str, start: int) -> bool:
    """Whether the clause a date stands in tells of something done before the date, with no
    step ahead in it ("Moscow, whose troops arrived at his request on 6 January and left by 19
    January, will watch closely": the sentence's "will" is another clause's)."""
    left = max(0, start - 150)
    cut = max(text.rfind(mark, left, start) for mark in _CLAUSE_OPENS)
    clause = text[cut + 1 if cut >= 0 else left : start]
    return told_as_done(clause) and not _AHEAD_IN_CLAUSE.search(clause)


#: The month "the end of 2020" or "the beginning of 2021" stands for.
_EDGE_MONTH = {"end": 12, "beginning": 1, "start": 1}
#: How many years, months or weeks on from publication "this", "the current", "last" and
#: "next" name.
_DELTA = {"this": 0, "current": 0, "last": -1, "next": 1}


def _edge_of(edge: str, which: str, unit: str, pub: date) -> tuple[str, str]:
    """ "The end of this year" (its last month, as "the end of 2020" is), "the beginning of
    next year", "the end of the current month": from publication."""
    if unit == "month":
        year, month = shift_month(pub.year, pub.month, _DELTA[which])
        return f"{year}-{month:02d}", "month"
    year = pub.year + _DELTA[which]
    month = _EDGE_MONTH.get(edge)
    return (f"{year}-{month:02d}", "month") if month else (str(year), "year")


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start]
    after = text[end : end + 30]
    if _YEAR_BEFORE_BAD.search(before):
        return False
    if _YEAR_AFTER_BAD.match(after) and not _YEAR_DETERMINER.search(before):
        return False
    return not (_QUANTITY_BEFORE.search(before) and _PLURAL_AFTER.match(after))


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
        iso = day_iso(int(g("ymd_y")), int(g("ymd_m")), g("ymd_d"))
        return (iso, "day") if iso else None
    if kind == "dotted":
        iso = day_iso(int(g("dotted_y")), int(g("dotted_m")), g("dotted_d"))
        return (iso, "day") if iso else None
    if kind in ("dmy", "mdy"):
        iso = day_iso(int(g(kind + "_y")), month_number(g(kind + "_m")), g(kind + "_d"))
        return (iso, "day") if iso else None
    if kind in ("md", "dm"):
        month = month_number(g(kind + "_m"))
        year = context_year or _month_year(month, pub, text, s, e)
        iso = day_iso(year, month, g(kind + "_d")) if year else None
        return (iso, "day") if iso else None
    if kind == "my":
        return f"{g('my_y')}-{month_number(g('my_m')):02d}", "month"
    if kind == "approx":
        if g("approx_m"):
            return f"{g('approx_y')}-{month_number(g('approx_m')):02d}", "month"
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
        month = month_number(g("mon_m") or g("mon_p"))
        coordinated = COORDINATED_YEAR.match(text, e)
        if coordinated:
            return f"{coordinated.group('y')}-{month:02d}", "month"
        year = context_year or _month_year(month, pub, text, s, e)
        return (f"{year}-{month:02d}", "month") if year else None
    if pub is None:
        return None
    if kind == "relm":
        month = month_number(g("relm_m"))
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
    if kind == "relend":
        return _edge_of(
            g("relend_q").lower(), g("relend_w").split()[-1].lower(), g("relend_u"), pub
        )
    if kind == "relp":
        q = g("relp_q").lower().split()[-1]
        delta = _DELTA[q]
        unit = g("relp_u")
        if unit in ("week", "weekend"):
            return week_monday(pub + timedelta(weeks=delta)), "week"
        if unit == "month":
            year, month = shift_month(pub.year, pub.month, delta)
            return f"{year}-{month:02d}", "month"
        return str(pub.year + delta), "year"
    if kind == "wkend":
        return week_monday(pub if pub.weekday() >= 5 else pub - timedelta(weeks=1)), "week"
    if kind == "ago":
        n = number_value(g("ago_n"))
        unit = g("ago_u")
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return week_monday(pub - timedelta(weeks=n)), "week"
        if unit == "month":
            year, month = shift_month(pub.year, pub.month, -n)
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
        year = pub.year - number_value(g("season_n"))
    elif q == "this":
        year = pub.year
    elif q == "next":
        year = pub.year if start_month > pub.month else pub.year + 1
    elif q == "last":
        year = pub.year if pub.month > start_month + 2 else pub.year - 1
    else:
        year = _month_year(start_month, pub, text, m.start(), m.end())
    return (str(year), "season") if year else None


#: Right before a weekday, what puts it ahead even in reported speech: a step that will or
#: would last until it ("banks would remain closed until Monday"), or is likely on it ("the
#: Security Council is likely to meet on Tuesday"; after the weekday, "Tuesday's events ...
#: are likely to destabilise" tells no time of the weekday's).
_AHEAD_BEFORE = re.compile(
    rf"\b(?:{WILL}|would)\b[^.;:!?]*\b(?:until|till)\s+$"
    r"|\b(?:is|are)\s+likely\s+to\s+[a-z]+(?:\s+[a-z]+){0,3}\s+$",
    re.IGNORECASE,
)


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
    if back and (
        (_FUTURE_STRICT.search(_window(text, m.start(), m.end())) and not _REPORTED.search(before))
        or _AHEAD_BEFORE.search(before)
    ):
        return (pub + timedelta(days=ahead)).isoformat()
    return (pub - timedelta(days=back)).isoformat()


#: Links (and a page's furniture, `furniture.spans`: photo captions, "Read more" links, a
#: copyright line): their dates are no dates of events (a year in a URL's path, the day a
#: photo was taken), so nothing inside them is a date.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)


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


#: Kinds resolved against the publication date (deictic).
_DEICTIC = frozenset({"wd", "rel", "relp", "relend", "wkend", "ago", "relm"})


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
    month = month_number(m.group("anamon_m"))
    day = m.group("anamon_d") or m.group("anamon_d2")
    if day:
        iso = day_iso(year, month, day)
        return (iso, "day") if iso else None
    return f"{year}-{month:02d}", "month"


#: Kinds of date that name their year ("4 October 2020", "October 2020", "early March 2021").
_NAMES_ITS_YEAR = frozenset(("ymd", "dotted", "dmy", "mdy", "my", "approx"))
#: How close (characters) a day or month that names its year must come before one that does
#: not for its year to be the context's (about two sentences).
CONTEXT_YEAR_REACH = 250


def _context_year(
    kind: str, m: re.Match, dated: dict | None, text: str, anywhere: bool = False
) -> int | None:
    """The year the context gives a day or month named without one: that of the day or month
    named with its year just before it in its paragraph, when the story goes on within that
    year ("sprung from prison in October 2020. ... a rigged election on October 4th": 2020).
    None when there is none, or when the month comes earlier in the year than the one before
    it ("the November 2020 elections ... on Feb. 1": a later year, as publication says).
    `anywhere` (a text with no publication date, where the context is all there is to go
    by): the day or month named with its year may stand anywhere before it ("... on 26
    January 2021." and, in a later section, "In the early hours of 1 February": 2021)."""
    if kind not in ("md", "dm", "mon") or dated is None:
        return None
    far = m.start() - dated["end"] > CONTEXT_YEAR_REACH or "\n" in text[dated["end"] : m.start()]
    if far and not anywhere:
        return None
    month = _named_month(kind, m)
    if month < int(dated["iso"][5:7]):
        return None
    return int(dated["iso"][:4])


def _story_year(dated: dict | None, latest: int, text: str) -> bool:
    """Whether, in a text with no publication date, the day or month `dated` (named with its
    year) sets the year of the story that follows it wherever it stands (`_context_year`'s
    `anywhere`): it is no date line (the day the text was published, which its story may
    have moved on from) and no date found before names a later year (the story has not gone
    on to another)."""
    return dated is not None and latest <= int(dated["iso"][:4]) and not a_date_line(dated, text)


def _named_month(kind: str, m: re.Match) -> int:
    """The month of a day or month named without its year (kinds "md", "dm" and "mon")."""
    return month_number(
        m.group(f"{kind}_m") if kind != "mon" else m.group("mon_m") or m.group("mon_p")
    )


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
    The date regex is tried at each anchor (see `anchor_positions`), after trying it at the
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
    latest = 0  # the latest year any date found so far names
    last_end = 0
    for anchor in anchor_positions(text, folded, raw):
        if anchor < last_end:
            continue
        lo = anchor - 30 if anchor - 30 > last_end else last_end
        starts = [m.start() + 1 for m in LEAD_START.finditer(folded, lo - 1 if lo else 0, anchor)]
        if not lo and anchor and FIRST_LEAD.match(folded, 0, anchor):
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
                anywhere = pub is None and _story_year(dated, latest, text)
                year = year or _context_year(kind, m, dated, text, anywhere)
                resolved = _resolve(m, kind, text, pub, year)
            if resolved:
                found = date_record(m, resolved, date_kind)
                if out and out[-1] is weekday and _names_its_weekday(weekday, found, text):
                    found = _with_weekday(out.pop(), found, text)
                elif out and out[-1] is weekday and _names_its_week(weekday, found, text):
                    found = _day_of_the_week(out.pop(), found, text)
                weekday = found if kind == "wd" else None
                if kind in _NAMES_ITS_YEAR and found["precision"] in ("day", "month"):
                    dated = found
                if kind != "anamon" and opens and found["precision"] in ("day", "month"):
                    entry = found
                latest = max(latest, int(found["iso"][:4]))
                out.append(found)
            break
    return with_anaphoric(out, pending, text, pub, events)


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


def _names_its_week(weekday: dict, week: dict, text: str) -> bool:
    """Whether the weekday `weekday` comes right before `week`, a week that says which one
    ("on Monday next week", "Friday last week")."""
    return week["precision"] == "week" and text[weekday["end"] : week["start"]] == " "


def _day_of_the_week(weekday: dict, week: dict, text: str) -> dict:
    """ "On Monday next week" as one expression: that weekday in that week, to the day."""
    day = date.fromisoformat(week["iso"]) + timedelta(
        days=date.fromisoformat(weekday["iso"]).weekday()
    )
    return {
        **week,
        "text": text[weekday["start"] : week["end"]],
        "start": weekday["start"],
        "iso": day.isoformat(),
        "precision": "day",
    }


def _with_weekday(weekday: dict, day: dict, text: str) -> dict:
    """`day` with the weekday before it as part of its text (its value is the date's), and
    the bracket it opened closed."""
    end = day["end"]
    if "(" in text[weekday["end"] : day["start"]] and text[end : end + 1] == ")":
        end += 1
    return {**day, "text": text[weekday["start"] : end], "start": weekday["start"], "end": end}
