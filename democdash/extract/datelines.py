"""News-wire datelines: "VILNIUS, May 24 (Reuters) -" opens a report with where it was filed and
the outlet that filed it; a press release's "(Berlin, May 20, 2022) -" with where and when; a
bare "TBILISI —" (or "Tbilisi, Georgia –") with where alone; a statement's "New York,
1 February 2021", a line of its own, with where and when (`places_a_dated_line`).
The outlet in the parentheses is who reports, not a party to what is reported:
`democdash.extract.people` leaves it out, and `democdash.ingest.meta` proposes it as the
article's outlet (and a dateline's full date as its publication date)."""

from __future__ import annotations

import re
from typing import NamedTuple

#: At a paragraph's start: a place in capitals, of three letters or more ("MOSCOW/BERLIN":
#: two places), a comma and a short date or a region may follow, the outlet in parentheses,
#: then a dash; or a brief's date alone before its outlet ("Aug 9 (Reuters) -"); or a press
#: release's place and date in parentheses, then a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z]{2}[A-Z.'’/-]+(?:[ \t]+[A-Z][A-Z.'’/-]*){0,3}"
    r"(?:,[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
    r"|[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2}))?"
    r"[ \t]*\((?P<outlet>[A-Z][^()\n]{1,40}?)\)"
    # a brief's with its date alone: "Aug 9 (Reuters) -"
    r"|(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
    r"[ \t]+\((?P<dated_outlet>[A-Z][^()\n]{1,40}?)\)"
    # a press release's: "(Berlin, May 20, 2022) -", the place and the date in parentheses
    r"|\([A-Z][\w.'’ -]{1,30}(?:,[ \t]*[A-Z][\w.'’ -]{1,30})?,[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?|\d{1,2}[ \t]+[A-Z][a-z]{2,8})[ \t]+\d{4}\)"
    # a bare one: "TBILISI —", "KYIV, Ukraine -", "ASTANA, June 6 —", the place (and a short
    # date) before a spaced dash
    r"|[A-Z]{2}[A-Z.'’/-]+(?:[ \t]+[A-Z][A-Z.'’/-]*){0,3}"
    r"(?:,[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
    r"|[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2}))?(?=[ \t]+[-–—][ \t])"
    # or in title case with its country or region, before a capital: "Tbilisi, Georgia – The"
    r"|(?!(?:However|Meanwhile|Moreover|Instead|Indeed|Still|Yet|Thus|Therefore|Now|Then|"
    r"Today|Yesterday|Also|And|But|So)\b)"
    r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2},[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
    r"(?=[ \t]+[-–—][ \t]+[\"“‘]?[A-Z]))"
    r"[ \t]*[-–—]",
    re.MULTILINE,
)


class Dateline(NamedTuple):
    """A dateline's outlet and where it stands in the text."""

    outlet: str
    start: int
    end: int


def datelines(text: str) -> list[Dateline]:
    """The outlets named in the text's datelines, in order."""
    found = []
    for m in _DATELINE.finditer(text):
        group = "outlet" if m.group("outlet") else "dated_outlet"
        if m.group(group):
            found.append(Dateline(m.group(group).strip(), m.start(group), m.end(group)))
    return found


#: What follows a statement's place on its dateline line: a full date, and nothing else
#: ("New York, 1 February 2021", "Brussels, March 3, 2022").
_DATE_ENDS_THE_LINE = re.compile(
    r",[ \t]*(?:\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?,?[ \t]+\d{4}|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?"
    r"[ \t]+\d{4})[ \t]*$",
    re.MULTILINE,
)


def places_a_dated_line(text: str, start: int, end: int) -> bool:
    """Whether the words at `start:end` open a line that holds only them and a full date: a
    statement's dateline ("New York, 1 February 2021"), where they name a place."""
    opens = start == 0 or text[start - 1] == "\n"
    return opens and _DATE_ENDS_THE_LINE.match(text, end) is not None


def after_dateline(text: str) -> str:
    """The text after the dateline that opens it ("VILNIUS, May 24 (Reuters) - Belarus
    forced ..." gives "Belarus forced ..."), else the text itself: a sentence's subject is
    not where the report was filed."""
    found = _DATELINE.match(text)
    return text[found.end() :].lstrip() if found else text


def dateline_end(text: str) -> int:
    """Where the dateline that opens `text` ends (0 without one): a date inside it is when
    the report was filed, not when what it reports happened."""
    found = _DATELINE.match(text)
    return found.end() if found else 0
