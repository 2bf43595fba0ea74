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


class _Counter:
    """A plain one-line-per-file progress counter on stderr, where no terminal draws a bar
    (a log, a pipe): "[2/10] b.txt"."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def start(self, name: str) -> None:
        typer.echo(f"[{self.done + 1}/{self.total}] {name}", err=True)

    def advance(self) -> None:
        self.done += 1

    def __enter__(self) -> _Counter:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _Bar:
    """A progress bar on a terminal's stderr (rich, which typer already brings): n of N and
    the file being read."""

    def __init__(self, total: int, what: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn(f"{what} "),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("", total=total)

    def start(self, name: str) -> None:
        self._progress.update(self._task, description=name)

    def advance(self) -> None:
        self._progress.advance(self._task)

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()


def _progress(total: int, what: str) -> _Counter | _Bar:
    """A bar on a terminal, a counter line per file elsewhere; nothing for one file."""
    if total < 2:
        counter = _Counter(total)
        counter.start = lambda name: None  # type: ignore[method-assign]
        return counter
    return _Bar(total, what) if sys.stderr.isatty() else _Counter(total)


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
#: Articles saved in one write transaction at most, and the seconds after which a group is
#: committed however few it holds (other writers wait no longer than that).
SAVE_GROUP = 50
SAVE_GROUP_SECONDS = 1.0
_HARD_MAX_CHARS = 2_000_000
_PATHS = typer.Argument(
    help="Article files to read (.txt, .md, .html/.htm: main text only, .pdf) and folders "
    "(their article files, sorted by name).",
    show_default=False,
)
_PUBLISHED_HELP = (
    "Publication date, YYYY-MM-DD: resolves 'last week', 'Tuesday' and dates without a year. "
    "Else the file's own date, if it has one."
)
_HELP = (
    "Read article files (or folders of them: their .txt, .md, .html, .htm and .pdf files, "
    "sorted by name) and extract countries, dates, people, candidate events and candidate "
    "policy options, offline (rules and a trained option model).\n\n"
    "Options given on the command line (--title, --published...) override what the file says "
    "about itself, and that overrides what the text says (a headline first line, a "
    "'Published' line, a link and its site). Without --dry-run each article is saved in its "
    "own transaction with every candidate accepted as an analyst record (a candidate that is "
    "the same as a stored event or option is added as a source of it instead; events with no "
    "country are left out), and a line per file says what was saved. An article already "
    "stored (same text or URL) is refused with the stored article it is; one that shares most "
    "of its sentences with a stored article (the same wire story in another outlet) is saved "
    "and linked as the same story, so the two count as one source. A file that cannot be read "
    "is reported on stderr and the exit code is 1; the other files are still processed. "
    "Several files show a progress bar on stderr (a line per file where stderr is not a "
    "terminal) and end with a summary: saved, refused duplicates, near-duplicates flagged and "
    "failures, each with its file. Only "
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
    from democdash.extract import load_extractor
    from democdash.ingest.meta import (
        ArticleMeta,
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

        store = open_cli_store()  # one-line errors; a read-only store is never reseeded
    from democdash.ingest.batch import BatchIngest, BatchReport, article_files

    def given_for(path: Path, meta: dict) -> ArticleMeta:
        """What the command line says, else what the file says about itself."""
        return ArticleMeta(
            title=title or meta.get("title"),
            outlet=outlet or meta.get("outlet"),
            author=author or meta.get("author"),
            published=published or _file_date(meta.get("published")),
            url=url or meta.get("url"),
            source_type=source_type,
            source_file=path.name,
        )

    files = article_files(paths)
    if not files:
        typer.echo("error: no article files (.txt, .md, .html, .htm, .pdf) found", err=True)
        raise typer.Exit(1)
    # Up to SAVE_GROUP articles share a write transaction (each in a savepoint of its own);
    # an article's "saved" line is printed once its group is committed.
    batch = BatchIngest(store, extractor=extractor, group=SAVE_GROUP) if store is not None else None
    report = BatchReport()
    results: list[dict] = []
    held: list[str] = []

    def say_committed() -> None:
        if batch is None or batch.uncommitted == 0:
            for line in held:
                typer.echo(line, err=json_out)
            held.clear()

    try:
        with _progress(len(files), "saving" if store else "extracting") as progress:
            for path in files:
                progress.start(path.name)
                found = _one(path, batch, extractor, max_bytes, max_chars, given_for)
                report.add(found)
                if found.status == "failed":
                    typer.echo(f"error: {found.reason}", err=True)
                elif found.outcome is None:  # a dry run: the extraction only
                    results.append(found.extraction or {})
                    if not json_out:
                        typer.echo(_summary(found.extraction or {}, str(path)))
                else:
                    if json_out:
                        results.append(found.outcome.extraction or {})
                    held.append(f"{path}: {found.outcome.line()}")
                say_committed()
                progress.advance()
    finally:
        if batch is not None:
            batch.close()
    say_committed()
    if json_out and results:
        payload = results[0] if len(files) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    if len(files) > 1:
        titles = _titles(store, report) if store is not None else {}
        for line in report.summary(titles):
            typer.echo(line, err=json_out)
    if report.failed:
        raise typer.Exit(1)


def _titles(store, report) -> dict[str, str | None]:
    """Titles of the stored articles the summary points to (duplicates, stories copied)."""
    ids = {f.outcome.duplicate_of for f in report.of("duplicate") if f.outcome}
    ids |= {f.outcome.same_story.article_id for f in report.near_duplicates if f.outcome}
    found = {}
    for article_id in ids - {None}:
        article = store.get("articles", article_id)
        found[article_id] = getattr(article, "title", None)
    return found


def _one(path: Path, batch, extractor, max_bytes: int, max_chars: int, given_for):
    """Read, extract and (with a batch) save one file; a `FileResult` whatever happens."""
    from democdash.extract import DocumentError, read_document
    from democdash.ingest.batch import FileResult
    from democdash.ingest.meta import extract_with_meta, merged, propose_meta
    from democdash.store import StoreError

    try:
        text, meta = read_document(path, max_bytes)
        if len(text) > max_chars:
            raise DocumentError(
                f"{path.name}: the text has {len(text):,} characters, over the limit "
                f"of {max_chars:,} (--max-chars)"
            )
    except DocumentError as exc:
        return FileResult(str(path), "failed", reason=str(exc))
    info = merged(given_for(path, meta), propose_meta(text))  # the text fills the gaps
    if batch is None:
        extraction = extract_with_meta(text, info, extractor=extractor)
        return FileResult(str(path), "extracted", extraction=extraction)
    try:
        outcome = batch.ingest(text, info)
    except (StoreError, ValueError) as exc:
        return FileResult(str(path), "failed", reason=f"{path}: {exc}; nothing saved")
    return FileResult(str(path), "duplicate" if outcome.duplicate_of else "saved", outcome)
