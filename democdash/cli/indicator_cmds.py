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
