"""Reading EDTF-style date values into bounds, and showing dates as precisely as they are known.

Values we accept (a subset of EDTF, the Extended Date/Time Format):

- ``2020-08-09`` a day, ``2020-08`` a month, ``2020`` a year, ``2020-W45`` an ISO week;
- ``2019~`` (or ``2019-03~``) approximate;
- ``2019-06/..`` an open interval: from June 2019 and continuing;
- ``2019/2021`` a closed interval between two values.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from democdash.vocab import Precision

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

MONTH_ABBR = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


class DateValueError(ValueError):
    """A date value that is not one of the accepted EDTF-style forms."""


def _single_bounds(value: str) -> tuple[date, date, Precision]:
    if m := _DAY.match(value):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise DateValueError(f"{value!r} is not a calendar day ({exc})") from None
        return d, d, Precision.DAY
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise DateValueError(f"{value!r} has no month {month}")
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), Precision.MONTH
    if m := _WEEK.match(value):
        try:
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError as exc:
            raise DateValueError(f"{value!r} is not an ISO week ({exc})") from None
        return start, start + timedelta(days=6), Precision.WEEK
    if m := _YEAR.match(value):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    raise DateValueError(
        f"{value!r} is not a date value (expected YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, "
        "optionally with ~ for approximate, or an interval A/B or A/..)"
    )


def parse_value(value: str) -> tuple[date | None, date | None, Precision, bool, bool]:
    """Bounds of an EDTF-style value: (earliest, latest, precision, approximate, open_end)."""
    value = value.strip()
    if "/" in value:
        start_text, _, end_text = value.partition("/")
        earliest, _, precision, approx, _ = parse_value(start_text)
        if end_text in ("..", ""):
            return earliest, None, precision, approx, True
        _, latest, _, approx_end, _ = parse_value(end_text)
        if earliest and latest and latest < earliest:
            raise DateValueError(f"{value!r} ends before it starts")
        return earliest, latest, precision, approx or approx_end, False
    approximate = value.endswith("~") or value.endswith("?")
    earliest, latest, precision = _single_bounds(value.rstrip("~?"))
    return earliest, latest, precision, approximate, False


def month_label(d: date) -> str:
    """`Aug 2020`."""
    return f"{MONTH_ABBR[d.month]} {d.year}"


def day_label(d: date) -> str:
    """`9 Aug 2020`."""
    return f"{d.day} {MONTH_ABBR[d.month]} {d.year}"


def bound_label(d: date, precision: Precision | str) -> str:
    """A date shown no more precisely than it is known."""
    precision = Precision(precision)
    if precision == Precision.DAY:
        return day_label(d)
    if precision in (Precision.MONTH, Precision.WEEK, Precision.SEASON):
        return month_label(d)
    return str(d.year)
