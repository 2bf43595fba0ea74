"""`democdash indicators`: check a country-year indicator file against its sidecar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app

indicators_app = typer.Typer(
    help="Country-year indicator datasets (V-Dem, Freedom House, IDEA, the team's own scores).",
    no_args_is_help=True,
)
app.add_typer(indicators_app, name="indicators")

SidecarOption = Annotated[
    Path | None,
    typer.Option(
        "--sidecar",
        help="The YAML sidecar describing FILE (default: FILE with .yaml instead of .csv).",
    ),
]


def sidecar_for(file: Path, sidecar: Path | None) -> Path:
    """The sidecar named, or the one beside FILE with the same stem."""
    return sidecar if sidecar is not None else file.with_suffix(".yaml")


@indicators_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The indicator CSV.")],
    sidecar: SidecarOption = None,
) -> None:
    """Check FILE against its sidecar: every bad cell by line and column; exit 1 on any."""
    from democdash.indicators.read import read_pair

    result = read_pair(sidecar_for(file, sidecar), file)
    for problem in result.problems:
        typer.echo(str(problem), err=True)
    if result.table is None:
        typer.echo(f"{file}: {len(result.problems)} problem(s); nothing can be used", err=True)
        raise typer.Exit(1)
    first, last = result.table.years
    countries = result.table.frame["country"].nunique()
    typer.echo(
        f"{file}: valid ({len(result.table.frame):,} rows, {countries} countries, "
        f"{first}-{last}; {result.table.spec.short_citation})"
    )


def curated_ids(data_dir: Path) -> set[str]:
    """The ids of the datasets in a data folder's `indicators/` (an import may not take one)."""
    from democdash.indicators.read import INDICATORS_DIRNAME, read_folder

    return {table.spec.id for table in read_folder(data_dir / INDICATORS_DIRNAME)[0]}


@indicators_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The indicator CSV (UTF-8).")],
    sidecar: SidecarOption = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite a dataset imported with the same id.")
    ] = False,
) -> None:
    """Import FILE and its sidecar into the store for every app server to show; all or
    nothing: any bad cell (named by line and column) and nothing is imported."""
    from democdash.cli.stores import open_cli_store
    from democdash.problems import DataError, Problem
    from democdash.readfile import read_data_file

    problems: list[Problem] = []
    side = sidecar_for(file, sidecar)
    raw_sidecar = read_data_file(side, str(side), problems)
    raw_data = read_data_file(file, str(file), problems)
    if raw_sidecar is None or raw_data is None:
        for problem in problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1)
    store = open_cli_store()
    try:
        stored = store.import_indicator(
            raw_sidecar,
            raw_data,
            file.name,
            curated_ids=curated_ids(store.settings.data_dir),
            replace=replace,
        )
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{file}: {len(exc.problems)} problem(s); nothing was imported", err=True)
        raise typer.Exit(1) from None
    first, last = stored.read().table.years
    typer.echo(f"imported {stored.id} ({stored.title}: {stored.rows:,} rows, {first}-{last})")


@indicators_app.command("list")
def list_() -> None:
    """The curated datasets (data/indicators) and those imported into the store."""
    from democdash.cli.stores import open_cli_store
    from democdash.indicators.read import INDICATORS_DIRNAME, read_folder

    store = open_cli_store()
    for table in read_folder(store.settings.data_dir / INDICATORS_DIRNAME)[0]:
        typer.echo(f"{table.spec.id}: {table.spec.title} (curated; {table.spec.short_citation})")
    for stored in store.indicator_imports():
        typer.echo(
            f"{stored.id}: {stored.title} ({stored.rows:,} rows; imported by "
            f"{stored.imported_by}, {stored.imported_at:%Y-%m-%d %H:%M} UTC)"
        )
