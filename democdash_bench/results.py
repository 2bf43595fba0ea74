"""What a benchmark run measured, the budgets it is judged by, and how it is reported.

Plain Python (no streamlit, no browser): the measuring code in this package fills a
`BenchResult`; this module turns it into ratios, pass/fail verdicts, a terminal table and the
Markdown results file (`docs/benchmarks.md`) with one "latest" section and a history table that
gains one line per run, so a change can be compared with the last.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Clock = Literal["wall", "cpu"]
Verdict = Literal["pass", "fail", "n/a"]

#: Names of the visited subjects (keys of `MapVisits.payload_bytes` and `MapVisits.first_s`).
APP, ONE_LINE, PLOTLY_ONLY, PEER = "app", "one-line", "plotly-only", "peer"
#: The app's page that draws the world map (the side-by-side table's first line).
MAP_PAGE = "overview"

#: Timed warm reruns per page (the median is reported). On a 2-core VM one page's reruns fall
#: into two groups (the overview: 25-30 ms and 36-46 ms, with nothing changed in between), so
#: a median of 5 moved its ratio from 1.48x to 1.59x between two runs of the same code.
WARM_RUNS = 15
#: Every page's warm rerun at most this many times the empty page, per dataset (issue 22: a
#: ratio to a reference that a speed-up also speeds, like the map-only page, punished it).
PAGE_RATIO_BUDGET: dict[str, float] = {"bundled": 6.0, "scale": 10.0}
#: A visit to the drawn map (warm server, fresh browser) at most this many times the one-line
#: page's (median of the interleaved runs).
VISIT_RATIO_BUDGET = 1.3
#: The overview's world map (SVG and legend) at most 250 KB (KB = 1,000 bytes).
FIGURE_BYTES_BUDGET = 250_000
#: Server peak memory at most 400 MB at scale (MB = 2**20 bytes).
PEAK_MB_BUDGET: dict[str, float] = {"scale": 400.0}
#: Extraction at least 200 articles of 1,000 words a second on one core.
EXTRACTION_BUDGET = 200.0
#: Batch intake: articles per second saved into SQLite in one batch (issue 19).
INGEST_BUDGET = 50.0
#: Extraction time may grow at most this much when a text's length doubles (linear work).
SCALING_BUDGET = 2.2

HISTORY_START = "<!-- history:start -->"
HISTORY_END = "<!-- history:end -->"
#: "peer rerun ms" is the machine's yardstick: the peer's warm rerun on the bundled data, a
#: fixed workload (`../shared/bench/peer_app.py`, unchanged), so that an absolute figure
#: (articles/s) can be read against how fast the machine was when it was measured.
HISTORY_HEADER = (
    "| date | commit | clock | bundled: worst page / map | scale: worst page / map "
    "| map JSON KB | visit / one-line | scale peak MB | articles/s | peer rerun ms | budgets |"
)
HISTORY_RULE = "|---|---|---|---|---|---|---|---|---|---|---|"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


@dataclass
class Timing:
    """Repeated timings of one thing, in milliseconds (wall clock and process CPU)."""

    name: str
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    error: str | None = None

    def median(self, clock: Clock = "wall") -> float | None:
        """The median of the chosen clock's timings, or None when nothing was timed."""
        return _median(self.wall_ms if clock == "wall" else self.cpu_ms)


@dataclass
class MapVisits:
    """A visitor opening each page on a warm server in a fresh browser context: seconds to the
    map drawn (app), to the one-line page's text, to the plotly-only page's map (the floor any
    plotly map pays: plotly.js) and to the peer's map; the bytes a visit of each received
    (median of the runs); the first visit after each server's start (`first_s`: the
    script's first run, imports and caches included); and the CPU its server spent per warm
    visit (`server_cpu_s`), by `APP`, `ONE_LINE`, `PLOTLY_ONLY`, `PEER`."""

    app_s: list[float] = field(default_factory=list)
    one_line_s: list[float] = field(default_factory=list)
    plotly_only_s: list[float] = field(default_factory=list)
    error: str | None = None
    peer_s: list[float] = field(default_factory=list)
    payload_bytes: dict[str, int] = field(default_factory=dict)
    first_s: dict[str, float] = field(default_factory=dict)
    #: CPU seconds each subject's server spent per warm visit (script run, the collection
    #: Streamlit makes after it, serving the page's files), by subject name
    server_cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def first_ratio(self) -> float | None:
        """The app's first visit after its server started over the one-line page's."""
        return ratio(self.first_s.get(APP), self.first_s.get(ONE_LINE))

    @property
    def peer_median(self) -> float | None:
        return _median(self.peer_s)

    @property
    def peer_ratio(self) -> float | None:
        return ratio(self.peer_median, self.one_line_median)

    @property
    def plotly_only_median(self) -> float | None:
        return _median(self.plotly_only_s)

    @property
    def plotly_only_ratio(self) -> float | None:
        return ratio(self.plotly_only_median, self.one_line_median)

    @property
    def app_over_floor(self) -> float | None:
        """The app's visit over the plotly-only page's: the part the app itself adds."""
        return ratio(self.app_median, self.plotly_only_median)

    @property
    def app_median(self) -> float | None:
        return _median(self.app_s)

    @property
    def one_line_median(self) -> float | None:
        return _median(self.one_line_s)

    @property
    def ratio(self) -> float | None:
        return ratio(self.app_median, self.one_line_median)


@dataclass
class DatasetResult:
    """Everything measured on one dataset (`bundled` or `scale`)."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    empty: Timing | None = None
    map_only: Timing | None = None
    pages: list[Timing] = field(default_factory=list)
    #: references for the side-by-side table (not judged): the one-line page and the peer
    one_line: Timing | None = None
    peer: Timing | None = None
    figure_bytes: int | None = None
    visits: MapVisits | None = None
    peak_mb: float | None = None
    memory_error: str | None = None
    #: requests that left 127.0.0.1 in the browser (blocked), as "subject: url"
    outside_requests: list[str] = field(default_factory=list)


@dataclass
class BenchResult:
    """One run of `democdash bench`."""

    date: str
    commit: str
    machine: dict[str, str]
    runs: int
    clock: Clock = "wall"
    datasets: list[DatasetResult] = field(default_factory=list)
    extraction: dict | None = None
    #: batch intake: `democdash.ingest.bench.ingest_throughput`
    ingest: dict | None = None
    #: where the peer was read from, or why it was not measured
    peer_note: str = ""


@dataclass
class PageRow:
    """One line of a dataset's page table."""

    page: str
    median_ms: float | None
    cpu_ms: float | None
    to_map: float | None
    to_empty: float | None
    budget: float | None
    verdict: Verdict
    note: str = ""


# -- ratios and verdicts ---------------------------------------------------------------------


def ratio(value: float | None, reference: float | None) -> float | None:
    """`value / reference`, or None when either is unknown or the reference is not positive."""
    if value is None or reference is None or reference <= 0:
        return None
    return value / reference


def verdict(value: float | None, limit: float | None, *, at_least: bool = False) -> Verdict:
    """`pass` when `value` is within `limit` (at most, or at least with `at_least`)."""
    if value is None or limit is None:
        return "n/a"
    ok = value >= limit if at_least else value <= limit
    return "pass" if ok else "fail"


def page_rows(dataset: DatasetResult, clock: Clock = "wall") -> list[PageRow]:
    """The page table of a dataset: references first, then every page with its ratios."""
    map_ms = dataset.map_only.median(clock) if dataset.map_only else None
    empty_ms = dataset.empty.median(clock) if dataset.empty else None
    budget = PAGE_RATIO_BUDGET.get(dataset.name)
    rows = []
    for timing, is_page in (
        *(
            (t, False)
            for t in (dataset.empty, dataset.map_only, dataset.one_line, dataset.peer)
            if t is not None
        ),
        *((t, True) for t in dataset.pages),
    ):
        value = timing.median(clock)
        to_map = ratio(value, map_ms)
        rows.append(
            PageRow(
                page=timing.name,
                median_ms=timing.median("wall"),
                cpu_ms=timing.median("cpu"),
                to_map=to_map,
                to_empty=ratio(value, empty_ms),
                budget=budget if is_page else None,
                verdict=(
                    verdict(ratio(value, empty_ms), budget) if timing.error is None else "fail"
                )
                if is_page
                else "n/a",
                note=timing.error or "",
            )
        )
    return rows


def side_by_side(dataset: DatasetResult, clock: Clock = "wall") -> list[list[str]]:
    """Issue 22's table: the app's overview, the peer and the one-line page, each with its
    visit to drawn (and its ratio to the one-line page's), the payload of a visit
    and its warm rerun."""
    seen = (
        dataset.visits if dataset.visits is not None and not dataset.visits.error else MapVisits()
    )
    payload = seen.payload_bytes
    overview = next((t for t in dataset.pages if t.name == MAP_PAGE), None)
    lines = [
        ("democdash overview", seen.app_median, payload.get(APP), overview),
        ("the peer (peer_app.py)", seen.peer_median, payload.get(PEER), dataset.peer),
        ("one-line page (st.write)", seen.one_line_median, payload.get(ONE_LINE), dataset.one_line),
    ]
    return [
        [
            name,
            _s(seconds),
            _x(ratio(seconds, seen.one_line_median)),
            _kb(size),
            _ms(timing.median(clock) if timing is not None and not timing.error else None),
        ]
        for name, seconds, size, timing in lines
    ]


SIDE_BY_SIDE_HEADER = [
    "app",
    "to the world map drawn",
    "÷ one-line page",
    "payload (a visit)",
    "warm rerun ms",
]


@dataclass
class Check:
    """One budget and how the run did against it."""

    what: str
    value: str
    budget: str
    verdict: Verdict


def checks(result: BenchResult) -> list[Check]:
    """Every budget of the issue with the measured value and a verdict."""
    found: list[Check] = []
    for ds in result.datasets:
        rows = [r for r in page_rows(ds, result.clock) if r.budget is not None]
        worst = max((r.to_empty for r in rows if r.to_empty is not None), default=None)
        failed = [r.page for r in rows if r.verdict == "fail"]
        budget = PAGE_RATIO_BUDGET.get(ds.name)
        if rows:
            found.append(
                Check(
                    f"{ds.name}: every page's and view's warm rerun / empty page",
                    f"worst {_x(worst)}" + (f" ({', '.join(failed)})" if failed else ""),
                    f"≤ {_x(budget)}",
                    "fail" if failed else verdict(worst, budget),
                )
            )
        if ds.figure_bytes is not None:
            found.append(
                Check(
                    f"{ds.name}: world map SVG",
                    _kb(ds.figure_bytes),
                    f"≤ {_kb(FIGURE_BYTES_BUDGET)}",
                    verdict(ds.figure_bytes, FIGURE_BYTES_BUDGET),
                )
            )
        if ds.visits is not None:
            found.append(
                Check(
                    f"{ds.name}: visit to the drawn map / one-line page",
                    _x(ds.visits.ratio)
                    + f" ({_s(ds.visits.app_median)} vs {_s(ds.visits.one_line_median)})",
                    f"≤ {_x(VISIT_RATIO_BUDGET)}",
                    verdict(ds.visits.ratio, VISIT_RATIO_BUDGET),
                )
            )
        if ds.peak_mb is not None or ds.memory_error:
            limit = PEAK_MB_BUDGET.get(ds.name)
            found.append(
                Check(
                    f"{ds.name}: server peak memory after every page",
                    _mb(ds.peak_mb) if ds.peak_mb is not None else f"error: {ds.memory_error}",
                    f"≤ {_mb(limit)}" if limit else "(no budget)",
                    verdict(ds.peak_mb, limit),
                )
            )
    if result.extraction:
        rate = result.extraction.get("articles_per_s")
        found.append(
            Check(
                "extraction, 1,000-word articles on one core",
                f"{rate:,.1f} articles/s" if rate is not None else "n/a",
                f"≥ {EXTRACTION_BUDGET:,.0f} articles/s",
                verdict(rate, EXTRACTION_BUDGET, at_least=True),
            )
        )
        alone = (result.extraction.get("classifier") or {}).get("articles_per_s")
        if alone is not None:
            found.append(
                Check(
                    "the option classifier alone (sentences, features, score), same articles",
                    f"{alone:,.1f} articles/s",
                    f"≥ {EXTRACTION_BUDGET:,.0f} articles/s",
                    verdict(alone, EXTRACTION_BUDGET, at_least=True),
                )
            )
        scaled = result.extraction.get("scaling") or {}
        for key, what in (
            ("per_doubling", "extraction time per doubling of a text's length"),
            ("saving_per_doubling", "saving time per doubling of an article's records"),
        ):
            grows = scaled.get(key)
            if grows is not None:
                found.append(
                    Check(
                        what,
                        f"{grows:.2f}x",
                        f"≤ {SCALING_BUDGET:.1f}x",
                        verdict(grows, SCALING_BUDGET),
                    )
                )
    if result.ingest:
        rate = result.ingest.get("articles_per_s")
        found.append(
            Check(
                f"batch intake, {result.ingest.get('articles'):,} 1,000-word articles into SQLite",
                f"{rate:,.1f} articles/s" if rate is not None else "n/a",
                f"≥ {INGEST_BUDGET:,.0f} articles/s",
                verdict(rate, INGEST_BUDGET, at_least=True),
            )
        )
    return found


def _ingest_line(ingest: dict) -> str:
    return (
        f"batch intake (one batch into a fresh SQLite store, wall clock): {ingest['articles']:,} "
        f"articles, {ingest['words']:,} words in {ingest['seconds']:,.1f} s = "
        f"{ingest['articles_per_s']:,.1f} articles/s; {ingest['saved']:,} saved, "
        f"{ingest['duplicates']} refused as already stored, {ingest['same_story']} flagged as "
        f"the same story, {ingest['failed']} failed; {ingest['records']['events']:,} events and "
        f"{ingest['records']['options']:,} options stored"
    )


def all_pass(result: BenchResult) -> bool:
    """Whether every budget that could be checked passed."""
    return all(c.verdict != "fail" for c in checks(result))


# -- formatting ------------------------------------------------------------------------------


def _x(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "n/a"


def _ms(value: float | None) -> str:
    return f"{value:,.0f}" if value is not None else "n/a"


def _s(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "n/a"


def _kb(value: float | None) -> str:
    return f"{value / 1000:,.1f} KB" if value is not None else "n/a"


def _mb(value: float | None) -> str:
    return f"{value:,.0f} MB" if value is not None else "n/a"


def _page_table(dataset: DatasetResult, clock: Clock) -> tuple[list[str], list[list[str]]]:
    header = ["page", "warm rerun ms", "CPU ms", "÷ map-only", "÷ empty", "budget", "result"]
    body = [
        [
            row.page + (f" ({row.note})" if row.note else ""),
            _ms(row.median_ms),
            _ms(row.cpu_ms),
            _x(row.to_map),
            _x(row.to_empty),
            f"≤ {_x(row.budget)}" if row.budget is not None else "reference",
            row.verdict if row.budget is not None else "",
        ]
        for row in page_rows(dataset, clock)
    ]
    return header, body


def text_table(header: list[str], body: list[list[str]]) -> str:
    """Columns aligned with spaces, a rule under the header (for the terminal)."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *body, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    rows = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join([line, rule, *rows])


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    """A GitHub Markdown table (pipes in cells escaped)."""

    def cells(row: list[str]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |"

    return "\n".join([cells(header), "|" + "---|" * len(header), *(cells(r) for r in body)])


def _counts(dataset: DatasetResult) -> str:
    return ", ".join(f"{n:,} {k}" for k, n in dataset.counts.items()) or "counts unknown"


def _visit_lines(dataset: DatasetResult) -> list[str]:
    seen = dataset.visits
    if seen is None:
        return []
    if seen.error:
        return [f"visits: error: {seen.error}"]
    return [
        f"visit, warm server and fresh browser (median of {len(seen.app_s)}): map drawn "
        f"{_s(seen.app_median)}, one-line page {_s(seen.one_line_median)}, ratio "
        f"{_x(seen.ratio)} (runs: app {_runs(seen.app_s)}; "
        f"one-line {_runs(seen.one_line_s)})",
        *(
            [
                f"first visit after the server started (not budgeted): map drawn "
                f"{_s(seen.first_s.get(APP))}, one-line page {_s(seen.first_s.get(ONE_LINE))}, "
                f"ratio {_x(seen.first_ratio)}"
            ]
            if seen.first_s
            else []
        ),
        *(
            [
                f"plotly-only page (one tiny local choropleth: the floor for any plotly map) "
                f"{_s(seen.plotly_only_median)}, ratio {_x(seen.plotly_only_ratio)} to the "
                f"one-line page; the app takes {_x(seen.app_over_floor)} this floor "
                f"(runs: {_runs(seen.plotly_only_s)})"
            ]
            if seen.plotly_only_s
            else []
        ),
        *(
            [
                f"the peer's map drawn {_s(seen.peer_median)}, ratio {_x(seen.peer_ratio)} to "
                f"the one-line page (runs: {_runs(seen.peer_s)})"
            ]
            if seen.peer_s
            else []
        ),
        *(
            [
                "payload of a visit (websocket bytes received): "
                + ", ".join(f"{name} {_kb(size)}" for name, size in seen.payload_bytes.items())
            ]
            if seen.payload_bytes
            else []
        ),
        *(
            [
                "server CPU per warm visit (its script run, the collection after it, the page's "
                "files): "
                + ", ".join(
                    f"{name} {seconds * 1000:,.0f} ms"
                    for name, seconds in seen.server_cpu_s.items()
                )
            ]
            if seen.server_cpu_s
            else []
        ),
    ]


def _outside_lines(dataset: DatasetResult) -> list[str]:
    if dataset.visits is None or dataset.visits.error:
        return []
    if not dataset.outside_requests:
        return ["requests that left 127.0.0.1: none"]
    shown = "; ".join(dataset.outside_requests[:5])
    return [f"requests that left 127.0.0.1 (blocked): {len(dataset.outside_requests)}: {shown}"]


def _side_by_side_note(result: BenchResult) -> str:
    return (
        "to the map drawn: a visit to a warm server in a fresh browser context, from the "
        "navigation's start to the first animation frame with the map on the page's clock, "
        "median of the interleaved runs; payload: bytes a visit received over the websocket; "
        "warm rerun: median, "
        f"{result.clock} clock; {result.peer_note or 'the peer: not measured'}"
    )


def text_report(result: BenchResult) -> str:
    """The whole run as plain text for the terminal."""
    out = [
        f"democdash bench · {result.date} · commit {result.commit} · {_machine(result.machine)}",
        f"warm reruns: median of {result.runs} after one warm-up run; "
        f"ratios on the {result.clock} clock",
    ]
    for ds in result.datasets:
        out += ["", f"== {ds.name} ({_counts(ds)})"]
        out += [
            f"side by side ({_side_by_side_note(result)}):",
            text_table(SIDE_BY_SIDE_HEADER, side_by_side(ds, result.clock)),
            "",
            text_table(*_page_table(ds, result.clock)),
        ]
        out.append(f"world map SVG: {_kb(ds.figure_bytes)}")
        out += _visit_lines(ds)
        out += _outside_lines(ds)
        if ds.peak_mb is not None:
            out.append(f"server peak memory after every page: {_mb(ds.peak_mb)}")
        elif ds.memory_error:
            out.append(f"server peak memory: error: {ds.memory_error}")
    if result.extraction:
        out += ["", _extraction_line(result.extraction)]
    if result.ingest:
        out += ["", _ingest_line(result.ingest)]
    out += ["", "== budgets"]
    out.append(
        text_table(
            ["what", "measured", "budget", "result"],
            [[c.what, c.value, c.budget, c.verdict] for c in checks(result)],
        )
    )
    return "\n".join(out)


def _extraction_line(extraction: dict) -> str:
    passes = extraction.get("passes")
    method = f", median of {passes} passes" if passes else ""
    best = extraction.get("best_articles_per_s")
    # The fastest pass shows what the code does on a machine not busy with anything else.
    fastest = f" (fastest pass {best:,.1f})" if best is not None else ""
    line = (
        f"extraction (one core, {extraction.get('articles')} synthetic articles, "
        f"{extraction.get('words'):,} words{method}): "
        f"{extraction.get('articles_per_s'):,.1f} articles/s{fastest}, "
        f"{extraction.get('words_per_s'):,} words/s"
    )
    alone = extraction.get("classifier")
    if alone:
        line += (
            f"; of which the option classifier alone (splitting sentences, their features, the "
            f"model's score) {alone['articles_per_s']:,.1f} articles/s "
            f"({alone['seconds'] / max(extraction.get('seconds') or 0, 1e-9):.0%} of the time)"
        )
    grows = extraction.get("scaling")
    if grows:
        times = ", ".join(f"{k}x {v:.2f} s" for k, v in grows["seconds"].items())
        ratios = ", ".join(f"{k} {v:.2f}" for k, v in grows["ratios"].items())
        line += (
            f"; one pasted text of {grows['paragraphs']} paragraphs extracted with its "
            f"candidates at {times} (per doubling: {ratios}; fitted over all, judged: "
            f"{grows.get('per_doubling', 0):.2f})"
        )
        if grows.get("saving_seconds"):
            saved = ", ".join(f"{k}x {v:.3f} s" for k, v in grows["saving_seconds"].items())
            per = ", ".join(f"{k} {v:.2f}" for k, v in grows["saving_ratios"].items())
            line += (
                f", saved with every likely record at {saved} (per doubling: {per}; fitted "
                f"over all, judged: {grows.get('saving_per_doubling', 0):.2f})"
            )
    return line


def _machine(machine: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in machine.items())


def latest_markdown(result: BenchResult) -> str:
    """The "latest run" section of the results file."""
    out = [
        f"Run on {result.date} at commit `{result.commit}`; machine: {_machine(result.machine)}.",
        f"Warm reruns are AppTest reruns of the real app, median of {result.runs} after one "
        "warm-up run, each run as a running server runs it (not in the folder-based multipage "
        "mode AppTest re-enters on every run, and with scripts compiled once, where AppTest "
        "compiles them on every run: `democdash_bench.apptest.server_like_pages`); "
        f"ratios use the {result.clock} clock. References measured in the same "
        "run: an empty page (`import streamlit as st`), a page with only the world map, the "
        "one-line page (`st.write`) and the peer (not judged). "
        "A page opens on its default view; its other views that draw a map or a chart (tabs "
        "that run only when open, named `page · parameter=value`) are measured and judged as "
        "pages too.",
    ]
    for ds in result.datasets:
        out += [
            "",
            f"### {ds.name} ({_counts(ds)})",
            "",
            f"Side by side ({_side_by_side_note(result)}):",
            "",
            markdown_table(SIDE_BY_SIDE_HEADER, side_by_side(ds, result.clock)),
            "",
            markdown_table(*_page_table(ds, result.clock)),
        ]
        out += ["", f"- world map SVG: {_kb(ds.figure_bytes)}"]
        out += [f"- {line}" for line in _visit_lines(ds) + _outside_lines(ds)]
        if ds.peak_mb is not None:
            out.append(f"- server peak memory (VmHWM) after every page: {_mb(ds.peak_mb)}")
        elif ds.memory_error:
            out.append(f"- server peak memory: error: {ds.memory_error}")
    if result.extraction:
        out += ["", f"{_extraction_line(result.extraction)}."]
    if result.ingest:
        out += ["", f"{_ingest_line(result.ingest)}."]
    out += ["", "### Budgets", ""]
    out.append(
        markdown_table(
            ["what", "measured", "budget", "result"],
            [[c.what, c.value, c.budget, c.verdict] for c in checks(result)],
        )
    )
    return "\n".join(out)


def history_row(result: BenchResult) -> str:
    """One line of the history table: the headline figures of a run."""
    by_name = {ds.name: ds for ds in result.datasets}

    def worst(name: str) -> str:
        ds = by_name.get(name)
        if ds is None:
            return "–"
        values = [r.to_map for r in page_rows(ds, result.clock) if r.budget is not None]
        known = [v for v in values if v is not None]
        return _x(max(known)) if known else "n/a"

    figure = next((ds.figure_bytes for ds in result.datasets if ds.figure_bytes), None)
    seen = next((ds.visits.ratio for ds in result.datasets if ds.visits and ds.visits.ratio), None)
    scale = by_name.get("scale")
    rate = (result.extraction or {}).get("articles_per_s")
    bundled = by_name.get("bundled")
    yardstick = bundled.peer.median(result.clock) if bundled and bundled.peer else None
    cells = [
        result.date,
        f"`{result.commit}`",
        result.clock,
        worst("bundled"),
        worst("scale"),
        f"{figure / 1000:,.1f}" if figure else "n/a",
        _x(seen),
        _mb(scale.peak_mb) if scale and scale.peak_mb is not None else "n/a",
        f"{rate:,.1f}" if rate is not None else "n/a",
        f"{yardstick:,.0f}" if yardstick is not None else "n/a",
        "all pass" if all_pass(result) else "some fail",
    ]
    return "| " + " | ".join(cells) + " |"


def history_rows(previous: str) -> list[str]:
    """The history lines of an existing results file (empty when it has none)."""
    match = re.search(
        re.escape(HISTORY_START) + r"(.*?)" + re.escape(HISTORY_END), previous, flags=re.S
    )
    if not match:
        return []
    return [
        line
        for line in match.group(1).strip().splitlines()
        # an older header (its columns renamed since) is a header still, not a run
        if line.startswith("|") and not line.startswith(("| date |", "|---|"))
    ]


def results_markdown(result: BenchResult, previous: str = "") -> str:
    """The whole results file: the latest run, then every run's headline line (oldest first)."""
    rows = [*history_rows(previous), history_row(result)]
    return "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `democdash bench` (see the README's Performance section); each run "
            "replaces the latest section and adds one line to the history, so a change can be "
            "compared with the last. Times depend on the machine and its load: compare ratios; "
            "read an absolute figure (articles/s) against the history's peer rerun ms, the "
            "peer's warm rerun on the bundled data: a fixed workload, so how fast the machine "
            "was in that run.",
            "",
            "## Latest run",
            "",
            latest_markdown(result),
            "",
            "## History",
            "",
            HISTORY_START,
            HISTORY_HEADER,
            HISTORY_RULE,
            *rows,
            HISTORY_END,
            "",
        ]
    )


def write_results(path: Path, result: BenchResult) -> Path:
    """Write the results file, keeping the history lines already in it."""
    previous = path.read_text(encoding="utf-8") if path.is_file() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results_markdown(result, previous), encoding="utf-8")
    return path
