"""A country's indicator figures in words, for briefs and exports: the last years' values with
their interval, the regime type, and the citation (with a note when the view is as of a date
earlier than the producer's coding)."""

from __future__ import annotations

from dataclasses import dataclass

from democdash.indicators.table import IndicatorTable

#: How many of the latest years a brief lists.
YEARS_SHOWN = 6


@dataclass(frozen=True)
class IndicatorSummary:
    """Lines about one country from one dataset, and how to cite them."""

    title: str
    lines: tuple[str, ...]
    citation: str
    note: str | None = None


def _numeric_line(table: IndicatorTable, iso3: str, name: str, until: int | None) -> str | None:
    column = table.column(name)
    rows = table.series(iso3, name)
    rows = rows[rows["year"] <= until] if until is not None else rows
    rows = rows.tail(YEARS_SHOWN)
    if rows.empty:
        return None
    values = ", ".join(
        f"{v:.3f} ({int(y)})" for y, v in zip(rows["year"], rows["value"], strict=True)
    )
    last = rows.iloc[-1]
    interval = ""
    if column.interval is not None and last["low"] == last["low"]:  # not NaN
        bounds = f"{last['low']:.3f}–{last['high']:.3f}"
        interval = f"; {column.interval_label} in {int(last['year'])}: {bounds}"
    return f"{column.label} ({column.unit or 'value'}): {values}{interval}."


def _category_line(table: IndicatorTable, iso3: str, name: str, until: int | None) -> str | None:
    column = table.column(name)
    rows = table.series(iso3, name)
    rows = rows[rows["year"] <= until] if until is not None else rows
    if rows.empty:
        return None
    runs: list[tuple[str, int, int]] = []
    for year, label in zip(rows["year"], rows["label"], strict=True):
        if runs and runs[-1][0] == label and runs[-1][2] == year - 1:
            runs[-1] = (label, runs[-1][1], int(year))
        else:
            runs.append((str(label), int(year), int(year)))
    recent = runs[-3:]
    parts = [f"{label} {a}" + (f"-{b}" if b != a else "") for label, a, b in recent]
    return f"{column.label}: " + "; ".join(parts) + "."


def country_summary(
    table: IndicatorTable, iso3: str, as_of_year: int | None = None, as_of_label: str = ""
) -> IndicatorSummary | None:
    """What `table` says of `iso3` (None when it has no value for it). As of a date, only the
    years before it are listed (a year is coded after it ends), with a note that the values
    are the producer's later coding."""
    lines = []
    until = as_of_year - 1 if as_of_year is not None else None
    for column in table.spec.shown:
        make = _numeric_line if column.kind == "numeric" else _category_line
        line = make(table, iso3, column.name, until)
        if line:
            lines.append(line)
    if not lines:
        return None
    note = None
    if as_of_year is not None:
        note = (
            f"Years before {as_of_year} only; the values are {table.spec.short_citation}, "
            f"published later than {as_of_label or as_of_year}: not what was known then."
        )
    return IndicatorSummary(
        title=table.spec.title,
        lines=tuple(lines),
        citation=f"{table.spec.citation} Licence: {table.spec.licence}.",
        note=note,
    )
