"""`democdash loadtest`: simulated visitors and editors against a running instance.

Streamlit's protocol and the threads are imported inside the command, so the rest of the CLI
starts fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from democdash.cli.app import app


@app.command()
def loadtest(
    url: Annotated[str, typer.Argument(help="The instance: nginx's address, or one server's.")],
    visitors: Annotated[int, typer.Option(min=1, help="Visitors present at once.")] = 10,
    duration: Annotated[float, typer.Option(min=1, help="Seconds of load.")] = 60,
    think: Annotated[
        str, typer.Option(help="Pause between a visitor's views, MIN-MAX seconds.")
    ] = "2-6",
    views_per_visitor: Annotated[
        int,
        typer.Option(
            min=0, help="A visitor leaves after this many views and another arrives (0: stay)."
        ),
    ] = 0,
    editors: Annotated[int, typer.Option(min=0, help="Editors writing articles.")] = 0,
    write_every: Annotated[float, typer.Option(min=0.1, help="Seconds between writes.")] = 2.0,
    database_url: Annotated[
        str | None,
        typer.Option(help="The store editors write to (default: $DEMOCDASH_DATABASE_URL)."),
    ] = None,
    app_url: Annotated[
        list[str] | None,
        typer.Option(
            help="An app server's own address (repeat): sampled, and writes looked for on each."
        ),
    ] = None,
    cooldown: Annotated[
        float, typer.Option(min=0, help="Seconds to keep sampling the servers after the load.")
    ] = 0,
    cpu: Annotated[
        int | None,
        typer.Option(help="Pin this load driver to one CPU (as `taskset -c CPU` does)."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write the whole report as JSON here.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the visitors' choices.")] = 0,
) -> None:
    """Drive simulated visitors (each a Streamlit session over the websocket, as a browser
    opens one) through realistic links, with editors writing through the store; print per
    page the views, p50/p95 time to the finished script run and errors, each app server's CPU
    and memory, and the writes attempted / committed / visible on every server / lost.

    The JSON report (--out) has: target, plan, driver_cpus, seconds, visitor_sessions,
    visitors_arrived, pages{PAGE: views, errors, p50_s, p95_s, max_s}, errors, disconnects,
    servers{HOST:PORT: cpu_mean, cpu_peak, rss_first, rss_peak, rss_last, samples[]} and,
    with editors, writes{attempted, committed, committed_after_error, not_committed, lost[],
    duplicated[], half_written[], visible_on{URL: n}, checked_for_visibility}.
    Exit 1 when a committed write is lost, duplicated or half-written.
    """
    from democdash.ui.loadtest.runner import LoadPlan, run, summary_lines

    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    low, _, high = think.partition("-")
    try:
        think_s = (float(low), float(high or low))
    except ValueError:
        raise typer.BadParameter(f"--think {think!r}: give MIN-MAX seconds, e.g. 2-6") from None
    plan = LoadPlan(
        url=url,
        visitors=visitors,
        duration_s=duration,
        think_s=think_s,
        views_per_visitor=views_per_visitor,
        editors=editors,
        write_every_s=write_every,
        database_url=database_url or os.environ.get("DEMOCDASH_DATABASE_URL"),
        app_urls=list(app_url or []),
        cooldown_s=cooldown,
        seed=seed,
    )
    report = run(plan, progress=lambda line: typer.echo(line, err=True))
    for line in summary_lines(report):
        typer.echo(line)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1))
    writes = report.get("writes")
    if writes and (writes["lost"] or writes["duplicated"] or writes["half_written"]):
        raise typer.Exit(1)
