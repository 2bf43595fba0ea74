"""One benchmark run: prepare the datasets once, measure each, and collect a `BenchResult`.

Each dataset is seeded once per run into its own SQLite file in a temporary folder (seeding
the 10,000-event scale fixture from YAML takes about 15-25 s) and reused by every measurement:
the AppTest reruns in this process and every `streamlit run` the browser measurements start.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from democdash.settings import (
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    ENV_HOME,
    ENV_READONLY,
    REPO_DIR,
    bundled_data_dir,
)
from democdash_bench import results
from democdash_bench.peer import ENV_PEER_DATA, find_peer
from democdash_bench.results import BenchResult, Clock, DatasetResult, MapVisits

Progress = Callable[[str], None]


@dataclass
class Dataset:
    """A data folder and the store seeded from it for this run."""

    name: str
    data_dir: Path
    database_url: str
    home: Path

    def env(self) -> dict[str, str]:
        """The process environment that points democdash at this dataset's store."""
        env = {k: v for k, v in os.environ.items() if k != ENV_READONLY}
        env.update(
            {
                ENV_DATA_DIR: str(self.data_dir),
                ENV_DATABASE_URL: self.database_url,
                ENV_HOME: str(self.home),
                ENV_PEER_DATA: str(self.data_dir),  # the peer reads the same data folder
            }
        )
        return env


def prepare(name: str, workdir: Path, progress: Progress) -> Dataset:
    """Write (for `scale`) and seed a dataset's store under `workdir`."""
    from democdash.settings import get_settings
    from democdash.store import open_store

    home = workdir / name
    home.mkdir(parents=True, exist_ok=True)
    if name == "scale":
        from democdash.scale import generate

        data_dir = home / "data"
        progress("writing the scale fixture")
        generate(data_dir)
        # The fixture has no boundaries of its own: the map uses the bundled ones.
        shutil.copytree(
            bundled_data_dir() / "boundaries", data_dir / "boundaries", dirs_exist_ok=True
        )
    else:
        data_dir = bundled_data_dir()
    dataset = Dataset(name, data_dir, f"sqlite:///{home / 'democdash.sqlite'}", home)
    progress(f"seeding the {name} store")
    with environment(dataset):
        store = open_store(get_settings(), seed=False)
        report = store.seed()
        store.engine.dispose()
    if report.problems:
        raise RuntimeError(f"{name} data has problems: {report.problems[:3]}")
    return dataset


@contextmanager
def environment(dataset: Dataset) -> Iterator[None]:
    """Point this process at the dataset (restoring the environment afterwards)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(dataset.env())
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def counts(dataset: Dataset) -> dict[str, int]:
    """How many records of each kind the dataset's store holds."""
    from democdash.settings import get_settings
    from democdash.store import open_store

    with environment(dataset):
        store = open_store(get_settings(), seed=False)
        try:
            return store.counts()
        finally:
            store.engine.dispose()


def figure_bytes(dataset: Dataset) -> int:
    """Bytes of the overview's world map as the browser gets it (SVG and legend; typical
    selection, coloured by role, zoomed to the selected country, focus countries labelled)."""
    from democdash import aggregates, geo, mapstyle, places, svgmap
    from democdash.settings import get_settings
    from democdash.store import open_store
    from democdash_bench.apptest import TYPICAL_QUERY

    with environment(dataset):
        store = open_store(get_settings(), seed=False)
        try:
            figures = aggregates.country_figures(
                *(store.frame(k) for k in ("countries", "events", "options", "sanctions"))
            )
            events = store.frame("events")
            shapes = svgmap.outlines(store.boundaries("world"))
            neighbours = geo.load_neighbours(get_settings().data_dir)
        finally:
            store.engine.dispose()
    code = TYPICAL_QUERY["overview"]["country"]
    drawn = svgmap.draw(
        shapes,
        mapstyle.figures_colouring(figures, "role", shapes.iso3),
        selected=[code],
        view=svgmap.region_view(shapes, code, neighbours.get(code, [])),
        labels=sorted(figures.loc[figures["role"] == "focus", "iso3"]),
        points=places.place_events(events, places.gazetteer()).points,
    )
    return drawn.size


def clear_caches() -> None:
    """Forget every Streamlit cache (between datasets), quietly."""
    import logging

    import streamlit as st

    logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
    finally:
        logger.setLevel(level)


def warm_reruns(
    dataset: Dataset, runs: int, progress: Progress, peer: Path | None = None
) -> DatasetResult:
    """AppTest warm reruns of the references (the peer too, when given) and of every page that
    exists."""
    from democdash.ui.frame import available_pages
    from democdash_bench import apptest

    result = DatasetResult(dataset.name, counts=counts(dataset))
    clear_caches()
    with environment(dataset):
        pages = [(file, url_path) for file, _, _, url_path in available_pages()]
        subjects = (
            apptest.references(peer)
            + [apptest.page_subject(file, url_path) for file, url_path in pages]
            + apptest.view_subjects(pages)
        )
        timings = apptest.time_subjects(subjects, runs, lambda m: progress(f"{dataset.name}: {m}"))
    clear_caches()
    by_name = {timing.name: timing for timing in timings}
    result.empty = by_name.pop(apptest.EMPTY_NAME)
    result.map_only = by_name.pop(apptest.MAP_ONLY_NAME)
    result.one_line = by_name.pop(apptest.ONE_LINE_NAME)
    result.peer = by_name.pop(apptest.PEER_NAME, None)
    result.pages = list(by_name.values())
    return result


def browser_measurements(
    dataset: Dataset,
    result: DatasetResult,
    visit_runs: int,
    workdir: Path,
    progress: Progress,
    peer: Path | None = None,
) -> None:
    """Visits (of the peer too, when given) and peak memory in Chromium (errors are
    recorded, not raised); every request that leaves 127.0.0.1 is blocked and said."""
    from democdash.ui.frame import available_pages
    from democdash_bench import apptest, browser

    def say(message: str) -> None:
        progress(f"{dataset.name}: {message}")

    try:
        chromium = browser.Browser()
    except browser.BrowserUnavailable as exc:
        result.visits = MapVisits(error=str(exc))
        result.memory_error = str(exc)
        return
    try:
        try:
            env = dataset.env()
            subjects = [
                browser.VisitedApp(results.APP, apptest.APP_PATH, browser.MAP_SELECTOR, env),
                browser.VisitedApp(
                    results.ONE_LINE,
                    apptest.ONE_LINE_APP,
                    browser.TEXT_DRAWN_JS,
                    env,
                    drawn_js=True,
                ),
                browser.VisitedApp(
                    results.PLOTLY_ONLY,
                    browser.beside_static(apptest.PLOTLY_ONLY_APP, workdir),
                    browser.PLOTLY_MAP_SELECTOR,
                    env,
                ),
            ]
            if peer is not None:
                subjects.append(
                    browser.VisitedApp(
                        results.PEER, peer, browser.PLOTLY_MAPLIBRE_DRAWN_JS, env, drawn_js=True
                    )
                )
            seen = browser.visits(chromium, subjects, workdir, visit_runs, say)
            result.outside_requests = sorted(
                {
                    f"{name}: {url}"
                    for name, runs in seen.warm.items()
                    for visit in [*runs, seen.first[name]]
                    for url in visit.outside
                }
            )
            seconds = {name: [v.seconds for v in runs] for name, runs in seen.warm.items()}
            result.visits = MapVisits(
                seconds[results.APP],
                seconds[results.ONE_LINE],
                seconds[results.PLOTLY_ONLY],
                peer_s=seconds.get(results.PEER, []),
                payload_bytes={
                    name: int(statistics.median(v.payload_bytes for v in runs))
                    for name, runs in seen.warm.items()
                },
                first_s={name: v.seconds for name, v in seen.first.items()},
                server_cpu_s=seen.server_cpu_s,
            )
        except Exception as exc:  # a measurement that failed is reported, the run goes on
            result.visits = MapVisits(error=f"{type(exc).__name__}: {exc}"[:300])
        try:
            url_paths = [p for _, _, _, p in available_pages()]
            paths = [(p, apptest.TYPICAL_QUERY.get(p, {})) for p in url_paths]
            paths += [(p, query) for p, _, query in apptest.view_queries(url_paths)]
            result.peak_mb = browser.memory_after_pages(
                chromium, paths, dataset.env(), workdir, say
            )
        except Exception as exc:
            result.memory_error = f"{type(exc).__name__}: {exc}"[:300]
        if chromium.outside:
            say(f"blocked outside requests: {sorted(set(chromium.outside))[:5]}")
            attributed = {entry.split(": ", 1)[1] for entry in result.outside_requests}
            result.outside_requests += [
                f"app pages (memory pass): {url}"
                for url in sorted(set(chromium.outside) - attributed)
            ]
    finally:
        chromium.close()


def machine() -> dict[str, str]:
    """Cores, CPU model and memory of this machine (from /proc where there is one)."""
    info = {"cores": str(os.cpu_count() or "?")}
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["CPU"] = cpu
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory"] = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    info["python"] = platform.python_version()
    return info


def git_commit() -> str:
    """The checkout's short commit, `+dirty` when tracked files have changed."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(
    *,
    scale: bool = True,
    runs: int = results.WARM_RUNS,
    visit_runs: int = 11,
    browser: bool = True,
    extraction: bool = True,
    ingest_articles: int = 1000,
    clock: Clock = "wall",
    peer: Path | None = None,
    workdir: Path,
    progress: Progress = lambda message: None,
) -> BenchResult:
    """Measure everything on the bundled data (and the scale fixture) into a `BenchResult`;
    the peer's script is `peer`, else found where `democdash_bench.peer` looks (absent: said
    in the result and the progress, and the run goes on)."""
    result = BenchResult(
        date=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        commit=git_commit(),
        machine=machine(),
        runs=runs,
        clock=clock,
    )
    peer_script, result.peer_note = find_peer(peer)
    progress(result.peer_note)
    if extraction:
        # first, in a process that holds nothing else yet, as the CLI does: after the scale
        # fixture's pages, the same code varied from 390 to 650 articles/s from pass to pass
        from democdash.extract.bench import classifier_throughput, scaling, throughput

        progress("extraction throughput")
        result.extraction = throughput()
        progress("the option classifier's throughput alone")
        result.extraction["classifier"] = classifier_throughput()
        progress("extraction time at 1x, 2x and 4x a text's length")
        result.extraction["scaling"] = scaling()
    if ingest_articles:
        from democdash.ingest.bench import ingest_throughput

        def counter(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                progress(f"batch intake: {done:,} of {total:,} articles saved")

        progress(f"batch intake of {ingest_articles:,} articles into SQLite")
        result.ingest = ingest_throughput(ingest_articles, progress=counter)
    for name in ["bundled", "scale"] if scale else ["bundled"]:
        dataset = prepare(name, workdir, progress)
        measured = warm_reruns(dataset, runs, progress, peer_script)
        measured.figure_bytes = figure_bytes(dataset)
        if browser:
            browser_measurements(dataset, measured, visit_runs, workdir, progress, peer_script)
        result.datasets.append(measured)
    return result


__all__ = ["Dataset", "results", "run"]
