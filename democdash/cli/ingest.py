"""`democdash ingest`: read article files and extract countries, dates, people, events and
policy options (saving to the store is wired separately; for now only --dry-run works)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=total < 2,
    )


def _summary(result: dict, source: str) -> str:
    countries = ", ".join(c["iso3"] for c in result["countries"]) or "none"
    return (
        f"{source}: {len(result['countries'])} countries ({countries}), "
        f"{len(result['dates'])} dates, {len(result['people'])} people, "
        f"{len(result['events'])} candidate events, "
        f"{len(result['policy_options'])} candidate policy options"
    )


_PATHS = typer.Argument(
    help="Article files to read: .txt, .md, .html/.htm (main text only) or .pdf.",
    show_default=False,
)
_PUBLISHED_HELP = (
    "Publication date, YYYY-MM-DD: resolves 'last week', 'Tuesday' and dates without a year. "
    "Else the file's own date, if it has one."
)
_HELP = (
    "Read article files and extract countries, dates, people, candidate events and candidate "
    "policy options, offline and by rule.\n\n"
    "Options given on the command line (--title, --published...) override what the file says "
    "about itself. A file that cannot be read is reported on stderr and the exit code is 1; "
    "the other files are still processed. Saving to the store is not available yet: use "
    "--dry-run (with --json for machine-readable output)."
)


@app.command(help=_HELP)
def ingest(
    paths: Annotated[list[Path], _PATHS],
    title: Annotated[str | None, typer.Option(help="Article title (else the file's).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Publishing outlet.")] = None,
    author: Annotated[str | None, typer.Option(help="Author (else the file's).")] = None,
    published: Annotated[str | None, typer.Option(help=_PUBLISHED_HELP)] = None,
    url: Annotated[str | None, typer.Option(help="Source URL (else the file's).")] = None,
    source_type: Annotated[
        str | None,
        typer.Option(help="Kind of source, e.g. news, opinion, think-tank, report."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Extract and print only; save nothing.")
    ] = False,
    json_out: Annotated[
        bool,
        typer.Option("--json", help="Print JSON: one object for one file, an array for several."),
    ] = False,
) -> None:
    """Read article files and print what extraction finds (see `_HELP`)."""
    from democdash.extract import DocumentError, extract_article, read_document

    if not dry_run:
        typer.echo("saving to the store is not available yet; use --dry-run", err=True)
        raise typer.Exit(2)
    results: list[dict] = []
    failed = 0
    with _progress(len(paths)) as progress:
        task = progress.add_task("extracting", total=len(paths))
        for path in paths:
            try:
                text, meta = read_document(path)
            except DocumentError as exc:
                typer.echo(f"error: {exc}", err=True)
                failed += 1
                progress.advance(task)
                continue
            result = extract_article(
                text,
                title=title or meta.get("title"),
                outlet=outlet or meta.get("outlet"),
                author=author or meta.get("author"),
                published=published or meta.get("published"),
                url=url or meta.get("url"),
                source_type=source_type,
            )
            results.append(result)
            if not json_out:
                typer.echo(_summary(result, str(path)))
            progress.advance(task)
    if json_out and results:
        payload = results[0] if len(paths) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)
