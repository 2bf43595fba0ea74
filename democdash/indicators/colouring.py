"""How an indicator colours the map: stepped colours for a year's values or categories, or a
diverging scale for the change between two years ("no clear change" where the intervals
overlap), each country's hover text naming the value, its interval, the year and the citation.

Colours follow one logic on every scale: blue is the better direction (per the sidecar's
`better`), orange the worse; grey is "no value in this file".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from democdash.indicators.spec import ColumnSpec
from democdash.indicators.table import NO_CLEAR_CHANGE, IndicatorTable

NO_VALUE = "no value in this file"
NO_VALUE_COLOUR = "#bdbdbd"
#: Light to dark blue (ColorBrewer Blues): darker is better when higher is better.
LEVEL_COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
#: Worse to better (ColorBrewer RdBu, colour-blind safe), for ordered categories.
CATEGORY_COLOURS = {
    2: ("#ef8a62", "#67a9cf"),
    3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
}
#: Worse a lot, worse, no clear change, better, better a lot.
CHANGE_COLOURS = ("#b35806", "#fdb863", "#f7f7f7", "#92c5de", "#2166ac")
#: A change at least this large (in the column's units, a tenth of its range) is "a lot".
LARGE_SHARE = 0.1
LEVEL_BINS = 5


@dataclass(frozen=True)
class Colouring:
    """One step per country (0 = no value) with its legend, and a hover line per country."""

    title: str
    labels: tuple[str, ...]
    colours: tuple[str, ...]
    step_by_country: dict[str, int]
    hover_by_country: dict[str, str]
    citation: str

    def step(self, country: str) -> int:
        """The country's step (0, "no value", when the file has none)."""
        return self.step_by_country.get(country, 0)

    def hover(self, country: str) -> str:
        """The hover line for a country (says when there is no value)."""
        return self.hover_by_country.get(country, f"{NO_VALUE} · {self.citation}")


def _bounds(column: ColumnSpec, values: pd.Series) -> tuple[float, float]:
    low = column.minimum if column.minimum is not None else float(values.min())
    high = column.maximum if column.maximum is not None else float(values.max())
    return (low, high) if high > low else (low, low + 1.0)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"


def _interval_text(row: pd.Series, column: ColumnSpec) -> str:
    if column.interval is None or pd.isna(row["low"]):
        return ""
    return f" ({column.interval_label}: {row['low']:.3f}–{row['high']:.3f})"


def levels(table: IndicatorTable, name: str, year: int) -> Colouring:
    """A year's values in steps: five equal bins over the column's range, or its categories."""
    column = table.column(name)
    rows = table.in_year(name, year)
    citation = table.spec.short_citation
    title = f"{column.label}, {year}"
    if column.kind == "categorical":
        keys = list(column.categories)
        palette = CATEGORY_COLOURS.get(len(keys)) or LEVEL_COLOURS[: len(keys)]
        if column.higher_is_better is False:
            palette = tuple(reversed(palette))
        pairs = zip(rows["country"], rows["value"], strict=True)
        steps = {country: keys.index(str(value)) + 1 for country, value in pairs}
        hover = {
            c: f"{title}: {label} · {citation}"
            for c, label in zip(rows["country"], rows["label"], strict=True)
        }
        return Colouring(
            title,
            (NO_VALUE, *column.categories.values()),
            (NO_VALUE_COLOUR, *palette),
            steps,
            hover,
            citation,
        )
    low, high = _bounds(column, rows["value"])
    width = (high - low) / LEVEL_BINS
    edges = [low + i * width for i in range(LEVEL_BINS + 1)]
    labels = tuple(f"{_fmt(edges[i])}–{_fmt(edges[i + 1])}" for i in range(LEVEL_BINS))
    palette = LEVEL_COLOURS if column.higher_is_better is not False else LEVEL_COLOURS[::-1]
    steps, hover = {}, {}
    for _, row in rows.iterrows():
        index = min(LEVEL_BINS - 1, max(0, math.floor((row["value"] - low) / width)))
        steps[row["country"]] = index + 1
        hover[row["country"]] = (
            f"{title}: {row['value']:.3f}{_interval_text(row, column)} · {citation}"
        )
    return Colouring(
        title, (NO_VALUE, *labels), (NO_VALUE_COLOUR, *palette), steps, hover, citation
    )


def change(table: IndicatorTable, name: str, start: int, end: int) -> Colouring:
    """The change from `start` to `end` on a diverging scale, better in blue, worse in orange,
    "no clear change" where the two years' intervals overlap."""
    column = table.column(name)
    rows = table.change(name, start, end)
    low, high = _bounds(column, rows["end"]) if len(rows) else (0.0, 1.0)
    large = LARGE_SHARE * (high - low)
    sign = -1.0 if column.higher_is_better is False else 1.0
    worse_words, better_words = ("fell", "rose") if sign > 0 else ("rose", "fell")
    labels = (
        NO_VALUE,
        f"{worse_words} by {_fmt(large)} or more",
        worse_words,
        NO_CLEAR_CHANGE,
        better_words,
        f"{better_words} by {_fmt(large)} or more",
    )
    citation = table.spec.short_citation
    title = f"{column.label}: change {start}–{end}"
    steps, hover = {}, {}
    for _, row in rows.iterrows():
        better = sign * row["delta"]
        if row["reading"] == NO_CLEAR_CHANGE:
            step = 3
        elif better <= -large:
            step = 1
        elif better < 0:
            step = 2
        elif better >= large:
            step = 5
        else:
            step = 4
        steps[row["country"]] = step
        hover[row["country"]] = (
            f"{column.label}: {row['start']:.3f} ({start}) → {row['end']:.3f} ({end}), "
            f"{labels[step]} · {citation}"
        )
    return Colouring(title, labels, (NO_VALUE_COLOUR, *CHANGE_COLOURS), steps, hover, citation)
