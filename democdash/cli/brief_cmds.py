"""`democdash brief`: a country brief as Word, PDF or Markdown."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from democdash import viewdate
from democdash.cli.app import app
from democdash.cli.output import check_output, write_output
from democdash.cli.stores import open_cli_store
from democdash.text import counted


class BriefVersion(StrEnum):
    short = "short"
    full = "full"


class BriefFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    md = "md"


def _ranking(store, country: str, address: str, viewer: str | None, as_of: str | None = None):
    """The scenario named `author/name` and its ranking of the country's options (those known
    as of `as_of`)."""
    from democdash import aggregates, scoring
    from democdash.store.store import ScenarioAccessError

    parsed = scoring.parse_address(address)
    if parsed is None:
        raise typer.BadParameter(
            f"{address!r} is not AUTHOR/NAME (e.g. alice/baseline)", param_hint="--scenario"
        )
    author, name = parsed
    try:
        scenario = store.get_scenario(name, author, viewer or author)
    except ScenarioAccessError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scenario") from None
    if scenario is None:
        known = ", ".join(s.address for s in store.scenarios(viewer or author)) or "none"
        raise typer.BadParameter(
            f"no scenario {address!r} in the store (scenarios you can open: {known})",
            param_hint="--scenario",
        )
    options = aggregates.country_options(store.frame("options", as_of=as_of), country)
    return scenario, scoring.rank(options, scenario)


@app.command()
def brief(
    country: Annotated[
        str,
        typer.Option("--country", "-c", help="ISO 3166-1 alpha-3 code of the country, e.g. BLR."),
    ],
    fmt: Annotated[
        BriefFormat,
        typer.Option("--format", "-f", help="File format: docx (Word), pdf or md (Markdown)."),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write (missing folders are made). For md, the map is written "
            "beside it as <name>-map.png.",
        ),
    ],
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            help="Rank the options under a saved scoring scenario, given as AUTHOR/NAME.",
        ),
    ] = None,
    viewer: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Who is asking, to open a scenario (default: the scenario's author).",
        ),
    ] = None,
    handling: Annotated[
        str | None,
        typer.Option(
            "--handling",
            help="Handling line printed at the top and bottom of every page "
            "(default: 'UNCLASSIFIED // FOR DISCUSSION').",
        ),
    ] = None,
    options: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            help="Include only this option id (repeat for several); default: every option "
            "aimed at the country.",
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="Folder of the source article texts: notes then also give each cited "
            "paragraph's opening words (default: DEMOCDASH_SEEDS_DIR or ../shared/seeds when "
            "present). The texts are read, never copied.",
        ),
    ] = None,
    no_texts: Annotated[
        bool, typer.Option("--no-texts", help="Do not read the source texts.")
    ] = False,
    no_map: Annotated[bool, typer.Option("--no-map", help="Leave out the map.")] = False,
    version: Annotated[
        BriefVersion,
        typer.Option(
            "--version",
            help="short: page one only (the analyst's bottom line, ranked options with their "
            "rationales, key risks, what our sources do not cover); full: page one, then the "
            "annexes (timeline, actors, every option with every position, quotes).",
        ),
    ] = BriefVersion.full,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Only what our sources had published by the end of this date (YYYY, YYYY-MM "
            "or YYYY-MM-DD), statuses as of then; the title and the data line say so.",
        ),
    ] = None,
) -> None:
    """Write a country brief. Page one: the analyst's bottom line and key risks (written in the
    app's brief panel, per country and scenario), the options ranked under --scenario with
    their scores and rationales, what our sources do not cover, the as-of date. The full
    version adds annexes: context, map and timeline, actors, every option with every position,
    the quotes, the numbered sources.

    Example: democdash brief --country BLR --format pdf -o belarus.pdf
    """
    from democdash.briefs import DEFAULT_HANDLING, BriefError, build_brief, render

    check_output(out, "--output", example=f"brief.{fmt.value}")
    if as_of is not None:
        try:
            as_of = viewdate.parse(as_of) if as_of.strip() else None
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--as-of") from None
    store = open_cli_store()
    iso3 = country.strip().upper()
    chosen, ranking = (None, None)
    if scenario:
        chosen, ranking = _ranking(store, iso3, scenario, viewer, as_of)
    texts_dir = None if no_texts else (texts or store.settings.seeds_dir)
    try:
        result = build_brief(
            store,
            iso3,
            option_ids=list(options) if options else None,
            ranking=ranking,
            handling=handling if handling is not None else DEFAULT_HANDLING,
            scenario=chosen,
            texts_dir=texts_dir,
            include_map=not no_map,
            today=date.today(),
            as_of=as_of,
        )
    except BriefError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if fmt == BriefFormat.md:
        from democdash.briefs.render_md import render_md

        map_link = None
        if result.map_png and version == BriefVersion.full:
            map_path = out.with_name(f"{out.stem}-map.png")
            write_output(map_path, result.map_png)
            map_link = map_path.name
        data = render_md(result, map_link=map_link, version=version.value)
    else:
        data = render(result, fmt.value, version=version.value)
    write_output(out, data)
    ranked = f", ranked under {result.scenario}" if result.scenario else ""
    counts = ", ".join(
        counted(n, noun)
        for n, noun in (
            (len(result.options), "option"),
            (len(result.events), "event"),
            (len(result.sources), "source"),
            (len(result.footnotes), "quote"),
        )
    )
    written = "" if result.bottom_line else "; bottom line not yet written"
    typer.echo(
        f"{out}: {result.title} ({fmt.value}, {version.value}, {len(data):,} bytes): "
        f"{counts}{ranked}{written}"
    )
