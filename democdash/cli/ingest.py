"""`democdash ingest`: read article files, extract countries, dates, people, events and policy
options, and (without --dry-run) save each article with its candidates as analyst records."""

from __future__ import annotations

import gc
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


def _file_date(value: str | None) -> str | None:
    """The date a file gives for itself, as YYYY-MM-DD (or coarser); None if unusable."""
    from democdash.ingest.meta import published_value

    try:
        return published_value(value)
    except ValueError:
        return None


#: Defaults of --max-bytes and --max-chars (the same as the upload limit and the extractor's
#: own cap, written here so that --help needs no heavy import).
_DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_HARD_MAX_CHARS = 2_000_000
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
    "policy options, offline (rules and a trained option model).\n\n"
    "Options given on the command line (--title, --published...) override what the file says "
    "about itself, and that overrides what the text says (a headline first line, a "
    "'Published' line, a link and its site). Without --dry-run each article is saved in its "
    "own transaction with every candidate accepted as an analyst record (a candidate that is "
    "the same as a stored event or option is added as a source of it instead; events with no "
    "country are left out), and a line per file says what was saved. An article already "
    "stored (same text or URL) is reported and not stored twice. A file that cannot be read "
    "is reported on stderr and the exit code is 1; the other files are still processed. Only "
    "regular files are read, each with a size cap (--max-bytes) before anything else, and a "
    "text longer than --max-chars is refused. --json prints the extraction: countries, "
    "dates, people, events, the likely policy options (policy_options) and the less likely "
    "ones (policy_options_also_possible), each with its confidence, holder, stance and "
    "instrument, and every sentence (sentences)."
)


def _url_fits(url: str | None) -> None:
    """The same limit on both stores, checked before anything is read or written."""
    from democdash.models import Article

    limit = Article.model_fields["url"].metadata[0].max_length
    if url and len(url) > limit:
        raise ValueError(f"the URL has {len(url):,} characters; at most {limit:,} are stored")


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
        typer.Option(
            help="Kind of source: reporting (default), opinion, analysis or official; "
            "also news, report, think-tank, editorial, government."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Extract and print only; save nothing.")
    ] = False,
    json_out: Annotated[
        bool,
        typer.Option("--json", help="Print JSON: one object for one file, an array for several."),
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            min=1,
            help="Largest file read, in bytes (checked before the file is read).",
        ),
    ] = _DEFAULT_MAX_BYTES,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=1,
            max=_HARD_MAX_CHARS,
            help="Longest article text extracted, in characters.",
        ),
    ] = _HARD_MAX_CHARS,
) -> None:
    """Read article files, print what extraction finds and save it (see `_HELP`)."""
    from democdash.extract import DocumentError, load_extractor, read_document
    from democdash.ingest.meta import (
        ArticleMeta,
        extract_with_meta,
        merged,
        propose_meta,
        published_value,
    )
    from democdash.ingest.meta import source_type as check_source_type

    for value, check, hint in (
        (published, published_value, "--published"),
        (source_type, check_source_type, "--source-type"),
        (url, _url_fits, "--url"),
    ):
        try:
            check(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=hint) from None
    try:
        extractor = load_extractor()  # once for every file of this command
    except ValueError as exc:  # a bad row in the gazetteer CSV or the option model, named
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    # the extractor's tables live as long as the command: moved out of the garbage
    # collector's way, so that its full collections during a long text do not walk them
    gc.collect()
    gc.freeze()
    store = None
    if not dry_run:  # opened after the gazetteer is known good: a bad row writes nothing
        from democdash.cli.stores import open_cli_store
        from democdash.ingest import ingest_text
        from democdash.store import StoreError

        store = open_cli_store()  # one-line errors; a read-only store is never reseeded
    results: list[dict] = []
    failed = 0
    with _progress(len(paths)) as progress:
        task = progress.add_task("saving" if store else "extracting", total=len(paths))
        for path in paths:
            try:
                text, meta = read_document(path, max_bytes)
                if len(text) > max_chars:
                    raise DocumentError(
                        f"{path.name}: the text has {len(text):,} characters, over the limit "
                        f"of {max_chars:,} (--max-chars)"
                    )
            except DocumentError as exc:
                typer.echo(f"error: {exc}", err=True)
                failed += 1
                progress.advance(task)
                continue
            given = ArticleMeta(
                title=title or meta.get("title"),
                outlet=outlet or meta.get("outlet"),
                author=author or meta.get("author"),
                published=published or _file_date(meta.get("published")),
                url=url or meta.get("url"),
                source_type=source_type,
                source_file=path.name,
            )
            info = merged(given, propose_meta(text))  # what the text says fills the gaps
            if store is None:
                result = extract_with_meta(text, info, extractor=extractor)
                results.append(result)
                if not json_out:
                    typer.echo(_summary(result, str(path)))
            else:
                try:
                    outcome = ingest_text(store, text, info, extractor=extractor)
                except (StoreError, ValueError) as exc:
                    typer.echo(f"error: {path}: {exc}; nothing saved", err=True)
                    failed += 1
                    progress.advance(task)
                    continue
                if json_out:
                    results.append(
                        outcome.extraction or extract_with_meta(text, info, extractor=extractor)
                    )
                typer.echo(f"{path}: {outcome.line()}", err=json_out)
            progress.advance(task)
    if json_out and results:
        payload = results[0] if len(paths) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)
