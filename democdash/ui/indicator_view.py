"""Indicators on the pages: the datasets (curated files and imports) read once per change,
the profile's trajectory with our events on it, the compare view, the map colouring, the
import form for editors. Every value shown carries its dataset's short citation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from democdash.indicators import charts, colouring
from democdash.indicators.read import INDICATORS_DIRNAME, folder_version, read_folder
from democdash.indicators.table import IndicatorTable
from democdash.problems import DataError
from democdash.ui import auth as auth_ui
from democdash.ui import data, heap, mapview, per_run, urlstate
from democdash.ui.safe import md

DEFAULT_DATASET = urlstate.DEFAULT_DATASET
#: The countries the compare view opens with: the focus countries of our sources.
FOCUS_ROLE = "focus"


@st.cache_resource(max_entries=4, show_spinner=False)
def _curated(folder: str, version: str) -> tuple[tuple[IndicatorTable, ...], tuple[str, ...]]:
    heap.grew()
    tables, problems = read_folder(Path(folder))
    return tuple(tables), tuple(str(p) for p in problems)


def _folder() -> str:
    return str(per_run.settings().data_dir / INDICATORS_DIRNAME)


#: How long a look at the folder's files is trusted: a page asks for the datasets several
#: times a rerun, and each look stats every file.
VERSION_MAX_AGE = 1.0
_versions: dict[str, tuple[str, float]] = {}


def _version(folder: str) -> str:
    now = time.monotonic()
    seen = _versions.get(folder)
    if seen is None or now - seen[1] > VERSION_MAX_AGE:
        seen = (folder_version(Path(folder)), now)
        _versions[folder] = seen
    return seen[0]


def curated() -> tuple[tuple[IndicatorTable, ...], tuple[str, ...]]:
    """The datasets in `data/indicators` and the problems that kept any out (read again
    within a second of a file there changing)."""
    folder = _folder()
    return _curated(folder, _version(folder))


def _imported() -> tuple[IndicatorTable, ...]:
    def build() -> tuple[IndicatorTable, ...]:
        tables = []
        for stored in data.store().indicator_imports():
            result = stored.read()
            if result.table is not None:
                tables.append(result.table)
        return tuple(tables)

    return data.derived(("indicator imports",), build)


def datasets() -> dict[str, IndicatorTable]:
    """Every usable dataset by id: the curated ones first, then editors' imports (made once
    per revision and version of the folder's files; shared: do not mutate)."""
    folder = _folder()
    version = _version(folder)

    def build() -> dict[str, IndicatorTable]:
        tables = {t.spec.id: t for t in _curated(folder, version)[0]}
        for table in _imported():
            tables.setdefault(table.spec.id, table)
        return tables

    return data.derived(("indicator datasets", folder, version), build)


def dataset(dataset_id: str | None = None) -> IndicatorTable | None:
    """The dataset asked for, else V-Dem, else the first there is (None when there is none)."""
    tables = datasets()
    if dataset_id in tables:
        return tables[dataset_id]
    return tables.get(DEFAULT_DATASET) or next(iter(tables.values()), None)


def column_choices(table: IndicatorTable) -> dict[str, str]:
    """The columns an analyst picks from: name -> label."""
    return {c.name: c.label for c in table.spec.shown}


def indicator_picker(table: IndicatorTable, wanted: str | None, key: str, where=st) -> str:
    """A selectbox of the table's indicators (`where`: a column, say), opening on `wanted`
    when the table has it, else on its first; returns the name chosen."""
    choices = column_choices(table)
    current = wanted if wanted in choices else next(iter(choices))
    return where.selectbox(
        "Indicator",
        list(choices),
        index=list(choices).index(current),
        format_func=choices.get,
        key=key,
    )


def direction(column) -> str:
    """E.g. "index, 0-1; higher is better"."""
    better = {"higher": "higher is better", "lower": "lower is better"}.get(column.better, "")
    return "; ".join(part for part in (column.unit, better) if part) or column.kind


def citation_caption(table: IndicatorTable) -> str:
    """The line under any view of a dataset's values: citation, licence, link."""
    spec = table.spec
    link = f" · [{spec.url}]({spec.url})" if spec.url else ""
    return f"Source: {md(spec.citation)} Licence: {md(spec.licence)}{link}"


def as_of_note(table: IndicatorTable) -> str | None:
    """Said beside indicator values while the view is as of a past date: the values are the
    producer's latest coding, not what was known then."""
    if data.view().as_of is None:
        return None
    coded = f", coded in {table.spec.coded}" if table.spec.coded else ""
    return (
        f"The indicator line is {table.spec.title} as published ({table.spec.short_citation}"
        f"{coded}), later than the as-of date: it is not what was known then."
    )


# --------------------------------------------------------------------------- events on a line


def events_with_quotes(events: pd.DataFrame) -> pd.DataFrame:
    """Events (a profile's, say) with the first source's quote and citation, and their date
    as the sources give it (`when`), for a chart's hover."""
    if events.empty:
        return events.assign(when=[], quote=[], citation=[])
    sources = data.sources()
    first = sources[sources["kind"] == "events"].drop_duplicates("record_id")
    citations = data.frame("articles").set_index("id")["citation"]
    quote = first.set_index("record_id")["quote"]
    article = first.set_index("record_id")["article"]
    return events.assign(
        when=events["date"].fillna("undated"),
        quote=events["id"].map(quote).fillna(""),
        citation=events["id"].map(article).map(citations).fillna(""),
    )


def _band_column(table: IndicatorTable, name: str) -> str | None:
    for column in table.spec.shown:
        if column.kind == "categorical" and column.name != name:
            return column.name
    return None


@dataclass(frozen=True)
class _Trajectory:
    """What the profile's indicator section draws for one country, indicator and set of
    events (made once per revision and view dates: a warm rerun only sends it)."""

    has_values: bool
    figure: mapview.FrozenFigure | None = None
    #: How many events the line cannot place, and their markdown list (summary and when).
    undated: int = 0
    undated_list: str = ""


def _trajectory(table: IndicatorTable, iso3: str, name: str, events: pd.DataFrame) -> _Trajectory:
    if table.series(iso3, name).empty:
        return _Trajectory(False)
    placed = events_with_quotes(events)
    figure = charts.trajectory(table, iso3, name, placed, band=_band_column(table, name))
    missing = charts.undated(placed)
    listed = "\n".join(
        f"- {md(s)} ({md(w)})" for s, w in zip(missing["summary"], missing["when"], strict=True)
    )
    return _Trajectory(True, mapview.FrozenFigure(figure), len(missing), listed)


def profile_chart(
    iso3: str,
    country_name: str,
    events: pd.DataFrame,
    key: str,
    event_ids: tuple[str, ...],
) -> None:
    """The profile's indicator section: a column to show, its line with its interval band,
    our dated events on it, the regime type under it, undated events listed apart
    (`event_ids`: the events' ids, the chart's cache key, kept by the caller)."""
    table = dataset()
    if table is None:
        st.caption("No indicator dataset is available (data/indicators is empty or broken).")
        return
    name = indicator_picker(table, None, f"{key}_indicator")  # its meaning is under the chart
    drawn = data.derived(
        (
            "indicator trajectory",
            table.spec.id,
            iso3,
            name,
            event_ids,
        ),
        lambda: _trajectory(table, iso3, name, events),
    )
    if not drawn.has_values:
        st.info(f"{table.spec.short_citation} has no values for {country_name}.")
        return
    column = table.column(name)
    if column.interval is None and column.kind == "numeric":
        st.caption("No interval in this file for this indicator.")
    st.plotly_chart(drawn.figure, width="stretch", config={"displaylogo": False}, key=key)
    st.caption(
        f"{md(column.label)} ({md(direction(column))}): {md(column.meaning)} Diamonds: events "
        "in our sources at their dates (a bar: a date known only to the month, or a span)."
    )
    note = as_of_note(table)
    if note:
        st.warning(note)
    if drawn.undated:
        with st.expander(f"{drawn.undated} events without a known date (not on the line)"):
            st.markdown(drawn.undated_list)
    st.caption(citation_caption(table))


# --------------------------------------------------------------------------- map


@dataclass(frozen=True)
class MapChoice:
    """What the overview map is coloured by when it shows an indicator."""

    dataset: str
    column: str
    year: int
    change_from: int | None


def map_colouring(choice: MapChoice) -> colouring.Colouring | None:
    """The colouring for `choice` (None when its dataset is gone)."""
    table = dataset(choice.dataset)
    if table is None:
        return None

    def build() -> colouring.Colouring:
        if choice.change_from is not None:
            return colouring.change(table, choice.column, choice.change_from, choice.year)
        return colouring.levels(table, choice.column, choice.year)

    return data.derived(("indicator colouring", choice), build)


# --------------------------------------------------------------------------- compare


def compare_chart(table: IndicatorTable, countries: list[tuple[str, str]], name: str) -> None:
    """Small multiples: each country's trajectory side by side, one indicator."""

    def build() -> mapview.FrozenFigure:
        return mapview.FrozenFigure(charts.small_multiples(table, countries, name))

    key = ("indicator small multiples", table.spec.id, tuple(countries), name)
    fig = data.derived(key, build)
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False}, key="indicators_compare")


# --------------------------------------------------------------------------- import


def import_form() -> None:
    """Editors import a country-year CSV with its sidecar; every bad cell is named and
    nothing is imported when anything is wrong."""
    with st.form("indicator_import", clear_on_submit=False):
        st.markdown(
            "A country-year CSV (UTF-8) and its sidecar (YAML: who made it, how to cite it, the "
            "country and year columns, each value's range, unit and better direction; see "
            "docs/data.md, Indicators, and `data/indicators/vdem_v15.yaml`)."
        )
        csv_file = st.file_uploader("Data (CSV)", type=["csv"], key="indicator_csv")
        sidecar = st.file_uploader("Sidecar (YAML)", type=["yaml", "yml"], key="indicator_yaml")
        replace = st.checkbox("Replace a dataset imported with the same id")
        sent = st.form_submit_button("Check and import")
    if not sent:
        return
    if csv_file is None or sidecar is None:
        st.error("Choose both files: the CSV and its sidecar.")
        return
    curated_ids = {t.spec.id for t in curated()[0]}
    try:
        stored = data.store().import_indicator(
            sidecar.getvalue(),
            csv_file.getvalue(),
            csv_file.name,
            curated_ids=curated_ids,
            replace=replace,
            by=auth_ui.current_editor(),
        )
    except DataError as exc:
        lines = "\n".join(f"- {md(str(p))}" for p in exc.problems)
        st.error(f"Nothing was imported: {len(exc.problems)} problem(s).\n\n{lines}")
        return
    st.success(f"Imported {md(stored.title)} ({stored.rows:,} rows).")


def compare_section(table: IndicatorTable, state: dict) -> None:
    """Pickers (dataset, indicator, countries; kept in the URL) and the small multiples."""
    from democdash.ui import views

    tables = datasets()
    left, middle = st.columns([1, 1])
    if len(tables) > 1:
        chosen = left.selectbox(
            "Dataset",
            list(tables),
            index=list(tables).index(table.spec.id),
            format_func=lambda i: tables[i].spec.title,
            key="indicators_dataset",
        )
        if chosen != table.spec.id:
            state["dataset"], state["indicator"] = chosen, None
            table = tables[chosen]
    chosen = indicator_picker(
        table, state["indicator"], "indicators_indicator", middle if len(tables) > 1 else left
    )
    state["indicator"] = chosen
    names = views.country_names()
    focus = default_countries()
    available = data.derived(
        ("indicator countries", table.spec.id),
        lambda: sorted(set(table.frame["country"]) | set(names), key=lambda c: names.get(c, c)),
    )
    picked = st.multiselect(
        "Countries",
        available,
        default=[c for c in (state["country"] or focus) if c in available],
        format_func=lambda c: names.get(c, c),
        key="indicators_countries",
    )
    state["country"] = [] if picked == focus else picked
    column = table.column(chosen)
    st.markdown(f"**{md(column.label)}** ({md(direction(column))}): {md(column.meaning)}")
    if not picked:
        st.info("Choose one or more countries.")
        return
    compare_chart(table, [(c, names.get(c, c)) for c in picked], column.name)
    note = as_of_note(table)
    if note:
        st.warning(note)
    st.caption(citation_caption(table))


def default_countries() -> list[str]:
    """Our sources' focus countries, the compare view's default."""

    def build() -> list[str]:
        countries = data.frame("countries")
        return sorted(countries.loc[countries["role"] == FOCUS_ROLE, "iso3"].tolist())

    return data.derived(("focus countries",), build)


def datasets_section() -> None:
    """Every dataset: who made it, version, years, licence, where it came from."""
    st.subheader("Datasets")
    imports = data.derived(
        ("indicator imports by id",), lambda: {s.id: s for s in data.store().indicator_imports()}
    )
    for table in datasets().values():
        spec = table.spec
        first, last = table.years
        stored = imports.get(spec.id)
        origin = (
            f"imported by {stored.imported_by}, {stored.imported_at:%d %b %Y}"
            if stored is not None
            else "curated (data/indicators)"
        )
        about = st.expander(
            f"{spec.title} ({spec.short_citation}), {first}-{last} · {origin}",
            key=f"indicators_about_{spec.id}",
            on_change="rerun",
        )
        if not about.open:  # its content runs only when opened
            continue
        with about:
            st.markdown(
                f"- Producer: {md(spec.producer)}\n"
                f"- Version: {md(spec.version or 'not stated')}; {len(table.frame):,} "
                "country-years\n"
                f"- Licence: {md(spec.licence)}. {md(spec.licence_note)}\n"
                f"- Citation: {md(spec.citation)}"
            )
            if spec.provenance:
                st.caption(md(spec.provenance))
            rows = [
                {
                    "Column": c.name,
                    "Meaning": c.label,
                    "Unit or categories": c.unit or ", ".join(c.categories.values()),
                    "Better": c.better if c.better != "none" else "no direction",
                }
                for c in spec.columns
            ]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def problems() -> None:
    """Curated indicator files that could not be used, each problem named."""
    found = curated()[1]
    if found:
        shown = "\n".join(f"- {md(p)}" for p in found[:10])
        st.warning(f"Indicator files with problems (not used):\n\n{shown}")


def can_import() -> bool:
    """Whether this session may import datasets (an editor of a writable store)."""
    return data.can_write()


# --------------------------------------------------------------------------- overview map

DEFAULT_MAP_YEAR = 2021


def map_controls(state: dict) -> MapChoice | None:
    """The indicator, the year (a slider) and, optionally, the year to compare with; kept in
    the URL (`indicator`, `year`, `change_from`). None when there is no dataset."""
    table = dataset(state.get("dataset"))
    if table is None:
        st.info("No indicator dataset is available (data/indicators is empty or broken).")
        return None
    first, last = table.years
    left, right = st.columns([3, 2])
    name = indicator_picker(table, state["indicator"], "overview_indicator", left)
    year = int(state["year"]) if state["year"] else min(max(DEFAULT_MAP_YEAR, first), last)
    year = left.slider("Year", first, last, value=year, key="overview_year")
    numeric = table.column(name).kind == "numeric"
    compare = right.toggle(
        "Show change",
        value=bool(state["change_from"]) and numeric,
        disabled=not numeric,
        key="overview_change",
        help="The change from an earlier year to the year chosen, in diverging colours: blue "
        "better, orange worse, 'no clear change' where the two years' intervals overlap.",
    )
    change_from = None
    if compare:
        start = int(state["change_from"]) if state["change_from"] else max(first, year - 2)
        change_from = right.number_input(
            "From the year",
            min_value=first,
            max_value=last,
            value=min(start, last),
            key="overview_change_from",
        )
    state["indicator"] = name
    state["year"] = str(year)
    state["change_from"] = str(change_from) if change_from is not None else None
    return MapChoice(table.spec.id, name, year, int(change_from) if compare else None)


def world_map(key: str, choice: MapChoice, selected: list[str]) -> str | None:
    """The world map coloured by the chosen indicator, zoomed to the selected country's
    region; returns a newly clicked country."""
    colouring_ = map_colouring(choice)
    if colouring_ is None or not mapview.boundaries_usable("world"):
        return None
    return mapview.colouring_map(
        key, colouring_, ("indicator", choice), selected, labels=mapview.focus_labels(), zoom=True
    )


def map_note(choice: MapChoice | None) -> None:
    """Under the indicator map: what it shows, grey for no value, the citation."""
    table = dataset(choice.dataset) if choice else None
    if table is None:
        return
    st.caption(
        f"Values: {md(table.spec.short_citation)}. Grey: no value in this file for that country "
        "and year. Hover a country for its value and interval. " + citation_caption(table)
    )
    note = as_of_note(table)
    if note:
        st.caption(md(note))
