"""Commands on the curated data: `validate` now; the store commands register in `store_cmds`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app
from democdash.settings import get_settings


@app.command()
def validate(
    data_dir: Annotated[
        Path | None,
        typer.Argument(help="Data folder to check (default: the bundled data/)."),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="Folder with the article texts: also check every quote verbatim "
            "(default: DEMOCDASH_SEEDS_DIR or ../shared/seeds when present).",
        ),
    ] = None,
    no_texts: Annotated[
        bool, typer.Option("--no-texts", help="Skip the verbatim quote check.")
    ] = False,
) -> None:
    """Check schemas, unique ids, cross-references and (with the texts) quotes.

    Each problem names the file, the record id and the field. Exit status 1 on any problem.
    """
    from democdash.validate import check_quotes, validate_dir  # pydantic models: when run

    settings = get_settings()
    folder = data_dir or settings.data_dir
    result = validate_dir(folder)
    problems = list(result.problems)
    texts_dir = None if no_texts else (texts or settings.seeds_dir)
    if texts_dir is not None and result.ok:
        problems.extend(check_quotes(result.dataset, texts_dir))
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    counts = ", ".join(f"{n} {kind}" for kind, n in result.dataset.counts().items())
    if problems:
        typer.echo(f"{folder}: {len(problems)} problem(s) found", err=True)
        raise typer.Exit(1)
    quotes = "quotes checked against the texts" if texts_dir else "quotes not checked (no texts)"
    typer.echo(f"{folder}: valid ({counts}); {quotes}; data version {result.dataset.version}")
    _print_indicators(folder)
    _print_seed_plan(result.dataset)


def _print_indicators(folder: Path) -> None:
    """One line per indicator dataset in the folder: rows, years, citation."""
    from democdash.indicators.read import INDICATORS_DIRNAME, read_folder

    for table in read_folder(folder / INDICATORS_DIRNAME)[0]:
        first, last = table.years
        typer.echo(
            f"indicators: {table.spec.title} ({len(table.frame):,} country-years, "
            f"{first}-{last}; {table.spec.short_citation}; licence {table.spec.licence})"
        )


def _print_seed_plan(dataset) -> None:
    """What seeding this data would do to the analyst records in the configured store, if
    there is one (read only: nothing is created, migrated or seeded)."""
    from democdash.cli.stores import existing_store

    store = existing_store()
    if store is None:
        return
    try:
        plan = store.seed_plan(dataset)
    finally:
        store.engine.dispose()
    if not plan.superseded and not plan.rewritten:
        typer.echo(f"seeding {store.url} keeps every analyst record as it is")
        return
    typer.echo(f"seeding {store.url} will change analyst records:")
    for line in plan.lines():
        typer.echo(f"  {line}")
