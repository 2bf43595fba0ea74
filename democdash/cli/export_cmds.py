"""`democdash export events`: the events page's filters and files from the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

import typer

from democdash import viewdate
from democdash.cli.app import app
from democdash.cli.output import check_output, write_output
from democdash.cli.stores import open_cli_store
from democdash.vocab import EventType

export_app = typer.Typer(
    help="Write filtered records with their sources to a file (CSV, Excel, JSON, GeoJSON).",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")

DEFAULT_BASE_URL = "http://localhost:8501"


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    GEOJSON = "geojson"


def _codes(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _view_date(text: str | None) -> str | None:
    """`--as-of` as a view date (`democdash.viewdate`), or a usage error saying what to use."""
    if not text or not text.strip():
        return None
    try:
        return viewdate.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from None


def _day(text: str | None, which: int, option: str) -> object:
    from democdash import filters

    if not text:
        return None
    try:
        return filters.period_bounds(text)[which]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


@export_app.command("events")
def events(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (missing folders are made).")
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="csv, xlsx (sheets Events, Sources, Citations, About), json, or geojson "
            "(per-country counts with boundaries).",
        ),
    ],
    country: Annotated[
        str | None, typer.Option(help="ISO 3166-1 alpha-3 codes, comma-separated: BLR,RUS.")
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option("--type", help=f"Event types, comma-separated ({', '.join(EventType)})."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD (first day)."),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD (its last day)."),
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor ids, comma-separated.")] = None,
    article: Annotated[str | None, typer.Option(help="Article ids, comma-separated.")] = None,
    q: Annotated[
        str | None, typer.Option(help="Words to find (summaries, places, actors and aliases).")
    ] = None,
    undated: Annotated[
        bool,
        typer.Option(
            "--undated/--no-undated",
            help="Keep undated events whose bounds overlap the dates (default) or drop them.",
        ),
    ] = True,
    base_url: Annotated[
        str, typer.Option(help="Address of the app, for the share link in the About part.")
    ] = DEFAULT_BASE_URL,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Only what our sources had published by the end of this date (YYYY, YYYY-MM "
            "or YYYY-MM-DD), with statuses as of then; the About part says so.",
        ),
    ] = None,
) -> None:
    """Export the events matching the filters, with sources, quotes and citations.

    Same rules as the events page: an event matches a date range when its date overlaps it.
    Undated events are bounded by their article's date.

    Example: democdash export events --country BLR --from 2020-08 --format xlsx -o blr.xlsx
    """
    # Heavy modules (pandas, SQLAlchemy, GeoPandas) only when the command runs: fast --help.
    from democdash import aggregates, exports, filters
    from democdash.models import is_iso3

    check_output(output, "-o", example=f"events.{fmt.value}")
    as_of = _view_date(as_of)
    countries = [c.upper() for c in _codes(country)]
    if bad := [c for c in countries if not is_iso3(c)]:
        raise typer.BadParameter(
            f"unknown country code(s): {', '.join(bad)}", param_hint="--country"
        )
    types = _codes(type_)
    if bad := [t for t in types if t not in set(EventType)]:
        raise typer.BadParameter(f"unknown event type(s): {', '.join(bad)}", param_hint="--type")
    store = open_cli_store()
    frames = {
        kind: store.frame(kind, as_of=as_of)
        for kind in ("events", "articles", "actors", "countries")
    }
    for option, values, kind in (("--actor", actor, "actors"), ("--article", article, "articles")):
        if bad := sorted(set(_codes(values)) - set(frames[kind]["id"])):
            raise typer.BadParameter(f"unknown id(s): {', '.join(bad)}", param_hint=option)
    flt = filters.EventFilter(
        countries=countries,
        types=types,
        start=_day(from_, 0, "--from"),  # type: ignore[arg-type]
        end=_day(to, 1, "--to"),  # type: ignore[arg-type]
        actors=_codes(actor),
        articles=_codes(article),
        q=q or "",
        include_undated=undated,
    )
    chosen = filters.filter_events(
        frames["events"],
        flt,
        articles=frames["articles"],
        actors=frames["actors"],
        countries=frames["countries"],
    )
    query = urlencode({**flt.query(), **({"as_of": as_of} if as_of else {})}, safe=",")
    about = exports.About(
        filters=flt.describe(),
        share_link=f"{base_url.rstrip('/')}/events" + (f"?{query}" if query else ""),
        data_version=store.data_version() or "not seeded",
        sources_span=aggregates.coverage(frames["articles"]).line(),
        as_of=as_of,
    )
    if fmt == Format.GEOJSON:
        figures = filters.country_figures_for(
            chosen,
            frames["countries"],
            store.frame("options", as_of=as_of),
            store.frame("sanctions", as_of=as_of),
        )
        content = exports.country_counts_geojson(figures, store.boundaries("world"), about)
    else:
        names = frames["actors"]
        bundle = exports.build_export(
            chosen,
            sources=store.sources(as_of),
            articles=frames["articles"],
            actor_names=dict(zip(names["id"], names["name"], strict=True)),
            country_names=dict(
                zip(frames["countries"]["iso3"], frames["countries"]["name"], strict=True)
            ),
            about=about,
        )
        content = exports.FORMATS[fmt.value][1](bundle)
    write_output(output, content)
    known = f" as of {viewdate.label(as_of)}" if as_of else ""
    typer.echo(
        f"{output}: {len(chosen)} events recorded in our sources{known}, {len(content):,} bytes"
    )
