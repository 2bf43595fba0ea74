"""Exports of a filtered set of events, with their sources: CSV, Excel, JSON, and per-country
counts as GeoJSON. Pure functions: frames in, bytes out (the events page and `democdash export
events` call the same ones).

Every file carries its provenance: each event's sources (article, paragraph, verbatim quote,
who claims it), the articles' citations, and an About part with the filters, the share link, the
data version, the span the sources cover and, for a view as of a past date, that date (the
export then holds only what our sources had published by then).

Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` as a formula. In CSV such a text cell is written with a leading ``'``
(which spreadsheets hide and read as "this is text"); in Excel it is stored as a string cell,
never as a formula, with its value unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from democdash import corroboration, filters
from democdash.aggregates import COVERAGE_NOTE, claimant_label
from democdash.viewdate import ViewDates
from democdash.vocab import label

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEETS = ("Events", "Sources", "Citations", "About")
EVENT_COLUMNS = [
    "id",
    "date",
    "date_value",
    "precision",
    "date_earliest",
    "date_latest",
    "date_basis",
    "country",
    "country_name",
    "countries_involved",
    "location",
    "type",
    "actors",
    "actor_ids",
    "summary",
    "according_to",
    "n_sources",
    "independent_stories",
    "standing",
    "reported_by",
    "articles",
    "sources",
    "origin",
]
SOURCE_COLUMNS = [
    "event_id",
    "event_date",
    "country",
    "article",
    "paragraph",
    "quote",
    "according_to",
    "credibility",
    "citation",
]
CITATION_COLUMNS = [
    "article",
    "citation",
    "author",
    "outlet",
    "published",
    "source_type",
    "url",
    "reliability",
]


@dataclass(frozen=True)
class About:
    """What an export is: the filters in words, the share link, the data version, the span
    the sources cover, the as-of date (None: the latest; `democdash.viewdate` text such as
    "2021-03") and when it was made."""

    filters: list[tuple[str, str]]
    share_link: str
    data_version: str
    sources_span: str
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    as_of: str | None = None

    def as_of_line(self) -> str:
        """ "March 2021: only what our sources had published by then", or "the latest"."""
        return ViewDates(as_of=self.as_of).describe()[0][1] if self.as_of else "the latest"

    def rows(self) -> list[tuple[str, str]]:
        """(item, value) pairs, in the order the About sheet shows them."""
        return [
            ("What this is", "Events recorded in our sources, filtered as below, with sources"),
            ("As of", self.as_of_line()),
            *((f"Filter: {name}", value) for name, value in self.filters),
            ("Share link", self.share_link),
            ("Data version", self.data_version),
            ("Sources span", self.sources_span),
            ("Generated at", self.generated_at.isoformat(timespec="seconds")),
            ("Note", COVERAGE_NOTE),
            ("Dates", "As the sources give them; earliest/latest are the bounds they allow."),
        ]

    def as_dict(self) -> dict[str, Any]:
        """The About part as a JSON object."""
        return {
            "as_of": self.as_of,
            "as_of_note": self.as_of_line(),
            "filters": dict(self.filters),
            "share_link": self.share_link,
            "data_version": self.data_version,
            "sources_span": self.sources_span,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "note": COVERAGE_NOTE,
        }


@dataclass(frozen=True)
class EventExport:
    """The tables of one export: events (one row each), their sources, the articles cited."""

    events: pd.DataFrame
    sources: pd.DataFrame
    citations: pd.DataFrame
    about: About


def _claimant(value: object, actor_names: dict[str, str]) -> str:
    return claimant_label(value if isinstance(value, str) else None, actor_names)


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def build_export(
    events: pd.DataFrame,
    *,
    sources: pd.DataFrame,
    articles: pd.DataFrame,
    actor_names: dict[str, str],
    country_names: dict[str, str],
    about: About,
) -> EventExport:
    """The export tables for a (filtered) events frame, from the store's frames."""
    mine = sources[(sources["kind"] == "events") & sources["record_id"].isin(events["id"])]
    arts = articles.set_index("id")
    order = {event_id: n for n, event_id in enumerate(events["id"])}
    # events in the given order, each event's sources in the record's own order
    mine = mine.assign(_order=mine["record_id"].map(order)).sort_values("_order", kind="stable")
    when = filters.date_labels(events, filters.source_dates(events, articles))
    event_date = dict(zip(events["id"], when, strict=True))
    support = corroboration.with_support_columns(events, articles)
    event_country = dict(zip(events["id"], events["country"], strict=True))
    source_rows = pd.DataFrame(
        {
            "event_id": mine["record_id"].to_numpy(),
            "event_date": mine["record_id"].map(event_date).to_numpy(),
            "country": mine["record_id"].map(event_country).to_numpy(),
            "article": mine["article"].to_numpy(),
            "paragraph": mine["paragraph"].astype(int).to_numpy(),
            "quote": mine["quote"].to_numpy(),
            "according_to": [_claimant(c, actor_names) for c in mine["claimed_by"]],
            "credibility": mine["credibility"].to_numpy(),
            "citation": mine["article"].map(arts["citation"]).to_numpy(),
        },
        columns=SOURCE_COLUMNS,
    )
    quoted = source_rows.groupby("event_id", sort=False).apply(
        lambda g: " | ".join(
            f"{a} ¶{p}: “{q}”"
            for a, p, q in zip(g["article"], g["paragraph"], g["quote"], strict=True)
        ),
        include_groups=False,
    )
    event_rows = pd.DataFrame(
        {
            "id": events["id"].to_numpy(),
            "date": when.to_numpy(),
            "date_value": events["date_value"].to_numpy(),
            "precision": events["precision"].to_numpy(),
            "date_earliest": [_day(v) for v in events["date_earliest"]],
            "date_latest": [_day(v) for v in events["date_latest"]],
            "date_basis": events["date_basis"].map(label).to_numpy(),
            "country": events["country"].to_numpy(),
            "country_name": events["country"].map(lambda c: country_names.get(c, c)).to_numpy(),
            "countries_involved": ["; ".join(codes) for codes in events["countries_involved"]],
            "location": events["location"].to_numpy(),
            "type": events["type_label"].to_numpy(),
            "actors": ["; ".join(actor_names.get(a, a) for a in ids) for ids in events["actors"]],
            "actor_ids": ["; ".join(ids) for ids in events["actors"]],
            "summary": events["summary"].to_numpy(),
            "according_to": [_claimant(c, actor_names) for c in events["claimed_by"]],
            "n_sources": events["n_sources"].astype(int).to_numpy(),
            "independent_stories": support["stories"].fillna(0).astype(int).to_numpy(),
            "standing": support["standing_label"].to_numpy(),
            "reported_by": support["reported_by"].to_numpy(),
            "articles": ["; ".join(ids) for ids in events["articles"]],
            "sources": events["id"].map(quoted).fillna("").to_numpy(),
            "origin": events["origin"].to_numpy(),
        },
        columns=EVENT_COLUMNS,
    )
    cited = sorted(set(source_rows["article"]))
    citation_rows = arts.loc[[a for a in cited if a in arts.index]].reset_index()
    citation_rows = citation_rows.rename(columns={"id": "article"})[CITATION_COLUMNS]
    return EventExport(event_rows, source_rows, citation_rows.reset_index(drop=True), about)


# -- cell values ----------------------------------------------------------------------------

#: Excel's limit on the characters in one cell; longer text is clipped with a marker.
EXCEL_CELL_LIMIT = 32_767
CLIPPED = " … [clipped: Excel cells hold at most 32,767 characters]"


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would read this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: formula-like text gets a leading `'`."""
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, list | tuple | str) and pd.isna(value)):
        return None
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalars
    return value


# -- formats ----------------------------------------------------------------------------------


def events_csv(export: EventExport) -> bytes:
    """The events, one row each, with their sources and quotes in the `sources` column.

    UTF-8 with a byte-order mark (so spreadsheets read accents right); formula-like text
    cells start with `'` (see the module docstring).
    """
    return frame_csv(export.events[EVENT_COLUMNS])


def _write_sheet(ws, frame: pd.DataFrame, widths: dict[str, int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(list(frame.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            value = _plain(value)
            if isinstance(value, str):
                value = _ILLEGAL.sub("", value)
                if len(value) > EXCEL_CELL_LIMIT:  # Excel refuses to open longer cells
                    value = value[: EXCEL_CELL_LIMIT - len(CLIPPED)] + CLIPPED
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    wide = widths or {}
    for c, name in enumerate(frame.columns, start=1):
        width = wide.get(name, 16)
        ws.column_dimensions[get_column_letter(c)].width = width
        if width > 40:
            for cell in ws[get_column_letter(c)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def events_xlsx(export: EventExport) -> bytes:
    """An Excel workbook: Events, Sources (quotes), Citations and About sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    events_ws = wb.active
    events_ws.title = SHEETS[0]
    _write_sheet(
        events_ws,
        export.events,
        {"id": 34, "date": 26, "summary": 70, "actors": 36, "sources": 80, "articles": 30},
    )
    _write_sheet(
        wb.create_sheet(SHEETS[1]),
        export.sources,
        {"event_id": 34, "event_date": 26, "quote": 60, "citation": 60, "article": 30},
    )
    _write_sheet(
        wb.create_sheet(SHEETS[2]),
        export.citations,
        {"article": 30, "citation": 70, "author": 24, "outlet": 20},
    )
    about = pd.DataFrame(export.about.rows(), columns=["item", "value"])
    _write_sheet(wb.create_sheet(SHEETS[3]), about, {"item": 24, "value": 100})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for row in frame.to_dict("records"):
        out = {}
        for key, value in row.items():
            value = _plain(value)
            out[key] = value.isoformat() if isinstance(value, date) else value
        rows.append(out)
    return rows


def events_json(export: EventExport) -> bytes:
    """`{"about": ..., "events": [... each with its "quotes"], "articles": [...]}` (UTF-8)."""
    quotes = _records(export.sources)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for quote in quotes:
        event_id = quote.pop("event_id")
        quote.pop("event_date")
        quote.pop("country")
        by_event.setdefault(event_id, []).append(quote)
    events = _records(export.events.drop(columns=["sources"]))
    for event in events:
        event["actor_ids"] = event["actor_ids"].split("; ") if event["actor_ids"] else []
        event["articles"] = event["articles"].split("; ") if event["articles"] else []
        event["quotes"] = by_event.get(event["id"], [])
    doc = {
        "about": export.about.as_dict(),
        "events": events,
        "articles": _records(export.citations),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def country_counts_geojson(
    figures: pd.DataFrame, boundaries: gpd.GeoDataFrame, about: About
) -> bytes:
    """Countries with events in the filtered set, as GeoJSON features with their boundaries
    and counts (`events` recorded in our sources, `latest_event`); `about` as a foreign
    member ("democdash")."""
    counted = figures[figures["events"] > 0].set_index("iso3")
    shapes = boundaries[boundaries["iso3"].isin(counted.index)]
    features = []
    for iso3, geom in zip(shapes["iso3"], shapes.geometry, strict=True):
        row = counted.loc[iso3]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso3": iso3,
                    "name": row["name"],
                    "role": row["role"],
                    "events": int(row["events"]),
                    "latest_event": row["latest_event"] or None,
                    "counts": "records in our sources",
                },
                "geometry": json.loads(shapely.to_geojson(geom)),
            }
        )
    doc = {"type": "FeatureCollection", "democdash": about.as_dict(), "features": features}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


FORMATS = {
    "csv": ("text/csv", events_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", events_xlsx),
    "json": ("application/json", events_json),
}
GEOJSON_MIME = "application/geo+json"


def file_name(
    countries: list[str], fmt: str, day: date | None = None, as_of: str | None = None
) -> str:
    """`democdash-events-BLR-2026-11-22.xlsx`; `all` when no country is chosen; the GeoJSON
    of counts is `democdash-event-counts-...geojson`; as of a past date,
    `democdash-events-BLR-as-of-2021-03-2026-11-22.xlsx`."""
    scope = "-".join(countries[:4]) + ("-etc" if len(countries) > 4 else "") or "all"
    if as_of:
        scope += f"-as-of-{as_of}"
    stamp = (day or date.today()).isoformat()
    kind = "event-counts" if fmt == "geojson" else "events"
    return f"democdash-{kind}-{scope}-{stamp}.{fmt}"


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Any table as CSV the way the events export writes it (UTF-8 with BOM, formula-like
    text made inert)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow(["" if (v := _plain(value)) is None else csv_safe(v) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def frame_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    """Any table as a one-sheet Excel workbook (text cells never formulas)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    _write_sheet(ws, frame, {name: 40 for name in frame.columns if name in {"detail", "text"}})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
