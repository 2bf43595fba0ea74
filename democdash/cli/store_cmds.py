"""Commands on the store: `info`, `seed`, `scale-fixture` (heavy modules imported when run)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app
from democdash.cli.stores import open_cli_store, refuse_seed_if_readonly


@app.command()
def info() -> None:
    """Show which store is in use, its schema and data versions, and what it holds."""
    store = open_cli_store()
    typer.echo(f"store: {store.url}{' (read-only)' if store.readonly else ''}")
    typer.echo(f"data folder: {store.settings.data_dir}")
    typer.echo(f"data version: {store.data_version()} · revision {store.revision()}")
    for kind, n in store.counts().items():
        typer.echo(f"  {kind:<10} {n}")
    if store.last_seed and store.last_seed.problems:
        typer.echo("data problems (stored data kept):", err=True)
        for problem in store.last_seed.problems:
            typer.echo(f"  error: {problem}", err=True)
        raise typer.Exit(1)


@app.command()
def seed(
    force: Annotated[
        bool, typer.Option("--force", help="Reload curated data even if unchanged.")
    ] = False,
) -> None:
    """Validate data/ and load its curated records into the store (analyst records are kept).

    On any problem nothing stored is changed and the problems are listed (exit status 1).
    Refused on a read-only store (DEMOCDASH_READONLY=1), whose curated records it would rewrite.
    """
    refuse_seed_if_readonly()
    store = open_cli_store(seed=False)
    report = store.seed(force=force)
    for problem in report.problems:
        typer.echo(f"error: {problem}", err=True)
    if report.problems:
        typer.echo("nothing changed: the store keeps its current data", err=True)
        raise typer.Exit(1)
    state = "loaded" if report.applied else "already up to date"
    typer.echo(f"data version {report.data_version}: {state}")
    for line in report.plan.lines():
        typer.echo(f"  {line}")


@app.command("scale-fixture")
def scale_fixture(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the synthetic data folder to.")],
    events: Annotated[int, typer.Option(help="Number of events.")] = 10_000,
    options: Annotated[int, typer.Option(help="Number of policy options.")] = 2_000,
    articles: Annotated[int, typer.Option(help="Number of articles.")] = 1_000,
    seed_value: Annotated[int, typer.Option("--seed", help="Random seed.")] = 20201109,
) -> None:
    """Write a deterministic synthetic data folder for performance work.

    Use it with DEMOCDASH_DATA_DIR=OUT_DIR and a separate DEMOCDASH_DATABASE_URL.
    """
    from democdash.scale import generate

    counts = generate(out_dir, events=events, options=options, articles=articles, seed=seed_value)
    typer.echo(f"wrote {out_dir}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
