"""How the maps colour countries by what our sources record (no plotting library).

The role / events / options colourings and the region map's shading are turned into the same
`Colouring` an indicator gives (`democdash.indicators.colouring`): a step per country, the
legend's labels and colours, and one hover line per country. Both map renderers (`svgmap`
and the plotly `maps`) read them, so the colours and labels are defined once, here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from democdash.indicators.colouring import Colouring

ColorBy = Literal["role", "events", "options"]

#: Okabe-Ito colours (colour-blind safe) for the roles, grey for the neutral base.
NEUTRAL = "#e4e4e4"
ROLE_STEPS: tuple[tuple[str, str, str], ...] = (
    # (role value, legend label, colour)
    ("", "not in our sources", NEUTRAL),
    ("mentioned", "mentioned", "#56b4e9"),
    ("secondary", "secondary", "#e69f00"),
    ("focus", "focus", "#d55e00"),
)
#: Viridis-derived steps for counts, light (few) to dark (many).
COUNT_COLOURS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
#: Lower edges of the count bins; the first bin is "none" (neutral).
COUNT_EDGES = (1, 2, 5, 10, 20)
COUNT_TITLES = {
    "events": "Events recorded in our sources",
    "options": "Options recorded in our sources",
}
REGION_STEPS: tuple[tuple[str, str], ...] = (
    ("other countries", NEUTRAL),
    ("neighbour", "#cfe3f1"),
    ("neighbour in our sources", "#56b4e9"),
    ("selected country", "#0072b2"),
)
#: Countries too small to click at world scale get a marker; these positions override the
#: computed representative point (Hong Kong's is on the harbour, the natural click target).
MARKER_POSITIONS: dict[str, tuple[float, float]] = {"HKG": (114.17, 22.32)}

FIGURE_COLUMNS = ("iso3", "name", "role", "events", "options", "sanctions", "latest_event")


@dataclass(frozen=True)
class Steps:
    """A stepped colour scale: the step index per country plus legend labels and colours."""

    title: str
    labels: tuple[str, ...]
    colours: tuple[str, ...]


def clean_figures(figures: pd.DataFrame | None) -> pd.DataFrame:
    """The figures table with every expected column, NA replaced, one row per ISO code."""
    if figures is None or len(figures) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FIGURE_COLUMNS}).set_index(
            "iso3", drop=False
        )
    df = figures.copy()
    for col in FIGURE_COLUMNS:
        if col not in df.columns:
            df[col] = 0 if col in ("events", "options", "sanctions") else ""
    df = df[list(FIGURE_COLUMNS)]
    df["iso3"] = df["iso3"].astype(str).str.upper()
    for col in ("events", "options", "sanctions"):
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).astype(int)
    for col in ("name", "role", "latest_event"):
        df[col] = df[col].astype(object).where(df[col].notna(), "").astype(str)
    df["role"] = df["role"].str.strip().str.lower()
    return df.drop_duplicates("iso3").set_index("iso3", drop=False)


def count_bin(value: int) -> int:
    """Step index of a count: 0 for none, then one step per COUNT_EDGES bin."""
    step = 0
    for i, edge in enumerate(COUNT_EDGES, start=1):
        if value >= edge:
            step = i
    return step


def count_labels() -> tuple[str, ...]:
    """Legend labels of the count steps: none, 1, 2–4, 5–9, 10–19, 20+."""
    labels = ["none"]
    for i, edge in enumerate(COUNT_EDGES):
        upper = COUNT_EDGES[i + 1] - 1 if i + 1 < len(COUNT_EDGES) else None
        if upper is None:
            labels.append(f"{edge}+")
        elif upper == edge:
            labels.append(str(edge))
        else:
            labels.append(f"{edge}–{upper}")
    return tuple(labels)


def steps_for(color_by: ColorBy) -> Steps:
    """The legend of a colouring by role, events or options."""
    if color_by == "role":
        return Steps(
            "Role in our sources",
            tuple(label for _, label, _ in ROLE_STEPS),
            tuple(colour for _, _, colour in ROLE_STEPS),
        )
    if color_by in COUNT_TITLES:
        return Steps(COUNT_TITLES[color_by], count_labels(), (NEUTRAL, *COUNT_COLOURS))
    raise ValueError(f"color_by must be 'role', 'events' or 'options', not {color_by!r}")


def step_of(row: pd.Series | None, color_by: ColorBy) -> int:
    """A country's step (its figures row, None when our sources lack it)."""
    if row is None:
        return 0
    if color_by == "role":
        roles = [value for value, _, _ in ROLE_STEPS]
        return roles.index(row["role"]) if row["role"] in roles else 0
    return count_bin(int(row[color_by]))


def figures_hover(row: pd.Series | None) -> str:
    """What our sources record about a country, in one line (plain text)."""
    if row is None:
        return "not in our sources"
    role = row["role"] or "not in our sources"
    latest = row["latest_event"].strip() or "—"
    return (
        f"role: {role} · events: {int(row['events'])} · options: {int(row['options'])} · "
        f"sanctions: {int(row['sanctions'])} · latest event: {latest}"
    )


def figures_colouring(
    figures: pd.DataFrame | None, color_by: ColorBy, countries: Sequence[str]
) -> Colouring:
    """The colouring by role, events or options of every one of ``countries`` (ISO codes):
    the same steps and legend as the plotly map, a hover line for each country."""
    steps = steps_for(color_by)
    figs = clean_figures(figures)
    step_by, hover_by = {}, {}
    for iso3 in countries:
        row = figs.loc[iso3] if iso3 in figs.index else None
        step_by[iso3] = step_of(row, color_by)
        hover_by[iso3] = figures_hover(row)
    return Colouring(steps.title, steps.labels, steps.colours, step_by, hover_by, "")


def region_colouring(
    figures: pd.DataFrame | None,
    iso3: str,
    neighbours: Sequence[str],
    countries: Sequence[str],
) -> Colouring:
    """The region map's shading of ``countries``: the selected country, its neighbours
    (darker when our sources cover them), every other country neutral."""
    code = iso3.upper()
    near = {n.upper() for n in neighbours} - {code}
    figs = clean_figures(figures)
    step_by, hover_by = {}, {}
    for c in countries:
        row = figs.loc[c] if c in figs.index else None
        if c == code:
            step = 3
        elif c in near:
            step = 2 if row is not None else 1
        else:
            step = 0
        step_by[c] = step
        hover_by[c] = figures_hover(row)
    return Colouring(
        "On this map",
        tuple(label for label, _ in REGION_STEPS),
        tuple(colour for _, colour in REGION_STEPS),
        step_by,
        hover_by,
        "",
    )


def legend_items(colouring: Colouring) -> list[tuple[str, str]]:
    """(label, colour) of each step, for a legend."""
    return list(zip(colouring.labels, colouring.colours, strict=True))


def names_of(boundaries: pd.DataFrame) -> Mapping[str, str]:
    """ISO code -> name of a boundaries frame's rows."""
    return dict(zip(boundaries["iso3"], boundaries["name"], strict=True))
