"""`democdash bench`: measure the app (warm reruns, map size, visits, memory, extraction),
beside the peer; the bench itself is the `democdash_bench` package.

Heavy modules (streamlit, playwright, the extractor) are imported inside the command, so the
rest of the CLI starts fast.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app
from democdash.settings import REPO_DIR
from democdash_bench.results import WARM_RUNS  # no streamlit: results are plain data

DEFAULT_OUT = REPO_DIR / "docs" / "benchmarks.md"


@app.command()
def bench(
    scale: Annotated[
        bool,
        typer.Option(
            "--scale/--no-scale",
            help="Also measure the scale fixture (10,000 events, 2,000 options, 1,000 articles).",
        ),
    ] = True,
    runs: Annotated[
        int, typer.Option("--runs", min=1, help="Warm reruns per page (the median is reported).")
    ] = WARM_RUNS,
    visit_runs: Annotated[
        int,
        typer.Option(
            "--visits",
            min=1,
            help="Visits to each app in Chromium: warm server, fresh browser (interleaved).",
        ),
    ] = 11,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Markdown results file (default: docs/benchmarks.md)."),
    ] = None,
    skip_browser: Annotated[
        bool,
        typer.Option("--skip-browser", help="No Chromium: skip visits and peak memory."),
    ] = False,
    clock: Annotated[
        str,
        typer.Option(
            "--clock",
            help="Judge rerun ratios on 'wall' time or on process 'cpu' time (steadier when "
            "the machine is busy).",
        ),
    ] = "wall",
    ingest_articles: Annotated[
        int,
        typer.Option(
            "--ingest-articles",
            min=0,
            help="Articles of 1,000 words saved in one batch into a fresh SQLite store "
            "(0 skips the batch intake).",
        ),
    ] = 1000,
    peer: Annotated[
        Path | None,
        typer.Option(
            "--peer",
            help="The peer's script, run unchanged beside the app for context (default: "
            "$DEMOCDASH_PEER_APP, else ../shared/bench/peer_app.py; absent: said and skipped).",
        ),
    ] = None,
    no_write: Annotated[
        bool, typer.Option("--no-write", help="Print only; leave the results file alone.")
    ] = False,
) -> None:
    """Measure the app on the bundled data and the scale fixture, print it, and write it.

    Side by side, as issue 22 asks: the overview, the peer and the one-line page, each with its
    visit to the world map drawn (Chromium: a warm server, a fresh browser context; median of
    --visits interleaved; the first visit after a server's start is reported apart), the
    payload of a visit and its warm rerun. Then each page's (and each chart view's) warm rerun
    (AppTest, median of --runs) beside an empty page and a map-only page; the world map SVG's
    size; the plotly-only page's visit; the server's peak memory after every page;
    extraction throughput; batch intake (1,000 articles saved in one batch into SQLite,
    articles per second). Exit status 1 when a budget is missed (see docs/benchmarks.md).
    """
    if clock not in ("wall", "cpu"):
        raise typer.BadParameter("use 'wall' or 'cpu'", param_hint="--clock")
    try:
        from democdash_bench import results, runner
    except ImportError as exc:  # streamlit's testing module or the like is missing
        typer.echo(f"error: {exc}; install the extra: pip install -e '.[bench]'", err=True)
        raise typer.Exit(2) from exc

    started = time.monotonic()

    def progress(message: str) -> None:
        typer.echo(f"[{time.monotonic() - started:6.1f} s] {message}", err=True)

    with tempfile.TemporaryDirectory(prefix="democdash-bench-") as workdir:
        result = runner.run(
            scale=scale,
            runs=runs,
            visit_runs=visit_runs,
            browser=not skip_browser,
            ingest_articles=ingest_articles,
            clock=clock,  # type: ignore[arg-type]
            peer=peer,
            workdir=Path(workdir),
            progress=progress,
        )
    typer.echo(results.text_report(result))
    if not no_write:
        target = results.write_results(out or DEFAULT_OUT, result)
        typer.echo(f"\nresults written to {target}")
    typer.echo(f"bench took {time.monotonic() - started:.0f} s", err=True)
    sys.stdout.flush()
    if not results.all_pass(result):
        raise typer.Exit(1)
