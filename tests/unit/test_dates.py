"""Dates as precise as the source gives them: bounds, open intervals, undated, display."""

from datetime import date

import pytest
from pydantic import ValidationError

from democdash.dates import DateValueError, parse_value
from democdash.models import DateValue


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "precision"),
    [
        ("2021-02-01", date(2021, 2, 1), date(2021, 2, 1), "day"),
        ("2020-08", date(2020, 8, 1), date(2020, 8, 31), "month"),
        ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("2020-W45", date(2020, 11, 2), date(2020, 11, 8), "week"),
        ("2019/2021", date(2019, 1, 1), date(2021, 12, 31), "year"),
    ],
)
def test_bounds_follow_precision(value, earliest, latest, precision):
    lo, hi, prec, _, _ = parse_value(value)
    assert (lo, hi, prec) == (earliest, latest, precision)


def test_open_interval_has_no_end_and_reads_as_continuing():
    d = DateValue(text="Since June of 2019", value="2019-06/..")
    assert d.open_end and d.latest is None and d.earliest == date(2019, 6, 1)
    assert d.display() == "since Jun 2019 (continuing)"


def test_approximate_keeps_the_source_wording_and_narrowed_bounds():
    d = DateValue(text="early 2019", value="2019~", latest="2019-06-30")
    assert d.approximate and d.latest == date(2019, 6, 30)
    assert d.display() == "early 2019"


def test_month_precision_is_not_shown_as_a_day():
    assert DateValue(text="August", value="2020-08").display() == "Aug 2020"
    assert DateValue(value="2021-02-01").display() == "1 Feb 2021"


def test_undated_is_kept_and_bounded_above():
    d = DateValue(basis="not_stated", latest="2021-03-31")
    assert not d.is_dated
    assert d.display() == "not stated, before Mar 2021"


def test_undated_needs_basis_not_stated():
    with pytest.raises(ValidationError, match="basis 'not_stated'"):
        DateValue(precision="day")


@pytest.mark.parametrize("bad", ["2020-13", "2021-02-30", "Aug 2020", "2020-W60", "2021/2019"])
def test_bad_values_raise(bad):
    with pytest.raises(DateValueError):
        parse_value(bad)


def test_explicit_bounds_must_lie_inside_the_value():
    with pytest.raises(ValidationError, match="outside"):
        DateValue(value="2019", latest="2020-01-31")
