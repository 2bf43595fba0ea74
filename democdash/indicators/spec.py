"""The sidecar of an indicator file: what each column means, how to cite it, its licence.

An indicator's numbers are never shown without `short_citation`; the full `citation` and the
licence travel with every export and brief that includes them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CodeSystem = Literal["iso3", "vdem"]
Better = Literal["higher", "lower", "none"]


class ColumnSpec(BaseModel):
    """One value column: its meaning, its range or categories, and which direction is better."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    label: str = Field(min_length=1)
    meaning: str = ""
    kind: Literal["numeric", "categorical"] = "numeric"
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    better: Better = "none"
    #: The columns holding this value's interval (low, high), e.g. V-Dem's 68% interval.
    interval: tuple[str, str] | None = None
    interval_label: str = "interval"
    #: Category value (as written in the file) -> words; for categorical columns, in order.
    categories: dict[str, str] = Field(default_factory=dict)
    #: `value` columns are shown; `interval` columns only bound another column.
    role: Literal["value", "interval"] = "value"

    @model_validator(mode="after")
    def _consistent(self) -> ColumnSpec:
        if self.kind == "categorical" and not self.categories:
            raise ValueError("a categorical column lists its categories")
        if self.kind == "numeric" and self.categories:
            raise ValueError("a numeric column has a minimum and maximum, not categories")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is above maximum {self.maximum}")
        return self

    @property
    def higher_is_better(self) -> bool | None:
        """True, False, or None when no direction is better."""
        return {"higher": True, "lower": False}.get(self.better)

    def category_label(self, value: object) -> str | None:
        """The words for a categorical value (None when the value is missing or unknown)."""
        if value is None:
            return None
        key = str(value)
        if key.endswith(".0"):
            key = key[:-2]
        return self.categories.get(key)


class IndicatorSpec(BaseModel):
    """A dataset's sidecar: who made it, which version, how to cite it, and its columns."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    title: str = Field(min_length=1)
    file: str = Field(min_length=1)
    producer: str = Field(min_length=1)
    version: str = ""
    coded: str = ""
    short_citation: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    url: str = ""
    licence: str = Field(min_length=1)
    licence_note: str = ""
    accessed: str = ""
    provenance: str = ""
    country_column: str = Field(min_length=1)
    code_system: CodeSystem = "iso3"
    name_column: str | None = None
    year_column: str = Field(min_length=1)
    columns: list[ColumnSpec] = Field(min_length=1)

    @field_validator("columns")
    @classmethod
    def _unique_columns(cls, columns: list[ColumnSpec]) -> list[ColumnSpec]:
        names = [c.name for c in columns]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"columns named twice: {', '.join(doubled)}")
        return columns

    @model_validator(mode="after")
    def _intervals_named(self) -> IndicatorSpec:
        names = {c.name for c in self.columns}
        for column in self.columns:
            for bound in column.interval or ():
                if bound not in names:
                    raise ValueError(
                        f"column {column.name!r}: its interval column {bound!r} is not described"
                    )
        return self

    def column(self, name: str) -> ColumnSpec:
        """The column called `name` (KeyError naming the dataset when absent)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.id} has no column {name!r}")

    @property
    def shown(self) -> list[ColumnSpec]:
        """The columns an analyst picks from (not the interval bounds)."""
        return [c for c in self.columns if c.role == "value"]

    @property
    def file_columns(self) -> list[str]:
        """Every column the file must have, in the sidecar's order."""
        names = [self.country_column, self.year_column]
        if self.name_column:
            names.append(self.name_column)
        return names + [c.name for c in self.columns]
