"""A checked indicator dataset, asked by country, year and column.

Values are kept as the file gave them (no interpolation, no filling of gaps): a country-year
the producer did not code is missing, and views say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from democdash.indicators.spec import ColumnSpec, IndicatorSpec

#: What a change between two years is called when the two years' intervals overlap.
NO_CLEAR_CHANGE = "no clear change"


@dataclass(frozen=True)
class IndicatorTable:
    """One dataset: its sidecar and a frame with `country`, `year` and one column per value."""

    spec: IndicatorSpec
    frame: pd.DataFrame

    @property
    def years(self) -> tuple[int, int]:
        """The first and last year in the file."""
        return int(self.frame["year"].min()), int(self.frame["year"].max())

    def column(self, name: str) -> ColumnSpec:
        """The sidecar's description of a column."""
        return self.spec.column(name)

    def in_year(self, name: str, year: int) -> pd.DataFrame:
        """Every country's value of `name` in `year` (`country`, `value`, `low`, `high`,
        `label`), countries without a value left out."""
        column = self.column(name)
        rows = self.frame[self.frame["year"] == year]
        out = pd.DataFrame({"country": rows["country"], "value": rows[name]})
        out = _with_interval(out, rows, column)
        out["label"] = [_label(column, v) for v in out["value"]]
        return out.dropna(subset=["value"]).reset_index(drop=True)

    def series(self, country: str, name: str) -> pd.DataFrame:
        """One country's values of `name` over the years (`year`, `value`, `low`, `high`,
        `label`), missing years left out."""
        column = self.column(name)
        rows = self.frame[self.frame["country"] == country]
        out = pd.DataFrame({"year": rows["year"], "value": rows[name]})
        out = _with_interval(out, rows, column)
        out["label"] = [_label(column, v) for v in out["value"]]
        return out.dropna(subset=["value"]).reset_index(drop=True)

    def value(self, country: str, name: str, year: int) -> float | str | None:
        """One country-year value, or None when the producer has none."""
        rows = self.frame[(self.frame["country"] == country) & (self.frame["year"] == year)]
        if rows.empty:
            return None
        value = rows.iloc[0][name]
        return None if pd.isna(value) else value

    def change(self, name: str, start: int, end: int) -> pd.DataFrame:
        """Each country's change of a numeric column from `start` to `end`: `country`,
        `start`, `end`, `delta` and `reading` ("rose", "fell" or "no clear change" where the
        two years' intervals overlap; without intervals any difference counts)."""
        column = self.column(name)
        if column.kind != "numeric":
            raise ValueError(f"{column.label} has categories, not numbers: no change to compute")
        first = self.in_year(name, start).set_index("country")
        last = self.in_year(name, end).set_index("country")
        both = first.join(last, how="inner", suffixes=("_start", "_end"))
        out = pd.DataFrame(
            {
                "country": both.index,
                "start": both["value_start"].to_numpy(),
                "end": both["value_end"].to_numpy(),
            }
        )
        out["delta"] = out["end"] - out["start"]
        if column.interval is not None:
            overlap = (both["low_start"].to_numpy() <= both["high_end"].to_numpy()) & (
                both["low_end"].to_numpy() <= both["high_start"].to_numpy()
            )
        else:
            overlap = (out["delta"] == 0).to_numpy()
        out["reading"] = [
            NO_CLEAR_CHANGE if same else ("rose" if delta > 0 else "fell")
            for same, delta in zip(overlap, out["delta"], strict=True)
        ]
        return out


def _with_interval(out: pd.DataFrame, rows: pd.DataFrame, column: ColumnSpec) -> pd.DataFrame:
    if column.interval is None:
        out["low"] = float("nan")
        out["high"] = float("nan")
    else:
        out["low"] = rows[column.interval[0]].to_numpy()
        out["high"] = rows[column.interval[1]].to_numpy()
    return out


def _label(column: ColumnSpec, value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if column.kind == "categorical":
        return column.category_label(value)
    return f"{float(value):.3f}"  # type: ignore[arg-type]
