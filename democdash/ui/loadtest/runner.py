"""One load run: visitors (browserless sessions) through the proxy, editors writing through the
store, the app servers' CPU and memory sampled; then the writes settled and looked for on
every app server. `run(LoadPlan(...))` returns the report as a plain dict (JSON-ready)."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from democdash.loadtest import stats, writers
from democdash.ui.loadtest.session import BrowserlessSession
from democdash.ui.loadtest.visitors import VisitorStats, visitor


@dataclass
class LoadPlan:
    """What to run against `url` (the proxy, or one app server)."""

    url: str
    visitors: int = 10
    duration_s: float = 60.0
    think_s: tuple[float, float] = (2.0, 6.0)
    views_per_visitor: int = 0  # 0: visitors stay for the whole run; else they leave after
    editors: int = 0
    write_every_s: float = 2.0
    database_url: str | None = None  # the store editors write to (needed with editors)
    app_urls: list[str] = field(default_factory=list)  # each app server, to find writes on
    pids: dict[str, int] = field(default_factory=dict)  # app servers to sample
    sample_every_s: float = 2.0
    cooldown_s: float = 0.0  # keep sampling after the visitors have gone
    seed: int = 0


def pids_listening(urls: list[str]) -> dict[str, int]:
    """The process listening on each URL's port, by "host:port" (psutil; {} without it)."""
    try:
        import psutil
    except ImportError:
        return {}
    ports = {urlsplit(u).port: urlsplit(u).netloc for u in urls}
    found: dict[str, int] = {}
    try:
        connections = psutil.net_connections(kind="tcp")
    except psutil.AccessDenied:
        return {}
    for conn in connections:
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port in ports and conn.pid:
            found[ports[conn.laddr.port]] = conn.pid
    return found


def _page_table(views: list) -> dict[str, dict]:
    table: dict[str, dict] = {}
    for name in [*sorted({v.page or "overview" for v in views}), "all"]:
        chosen = [v for v in views if name == "all" or (v.page or "overview") == name]
        ok = [v.seconds for v in chosen if not v.error]
        table[name] = {
            "views": len(chosen),
            "errors": sum(1 for v in chosen if v.error),
            "p50_s": _round(stats.percentile(ok, 50)),
            "p95_s": _round(stats.percentile(ok, 95)),
            "max_s": _round(max(ok) if ok else None),
        }
    return table


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _visible_everywhere(app_urls: list[str], article_ids: list[str]) -> dict[str, int]:
    """How many of the articles each app server's Sources page lists (one view per server)."""
    found = {}
    for url in app_urls:
        try:
            with BrowserlessSession(url) as session:
                view = session.visit("sources", "")
            found[url] = sum(view.contains(writers.title_of(a)) for a in article_ids)
        except Exception:  # a server that is down lists nothing
            found[url] = 0
    return found


def run(plan: LoadPlan, progress: Callable[[str], None] = lambda _: None) -> dict:
    """Run `plan` and return the report (see `democdash loadtest --help` for its keys)."""
    rng = random.Random(plan.seed)
    stop = threading.Event()
    seen = VisitorStats()
    pids = plan.pids or pids_listening(plan.app_urls)
    sampler = stats.ProcessSampler(pids, plan.sample_every_s).start()
    write_log = writers.WriteLog()
    run_id = uuid.uuid4().hex[:8]
    threads: list[threading.Thread] = []

    store = None
    if plan.editors:
        if not plan.database_url:
            raise ValueError("editors write to the store: give its URL (--database-url)")
        from democdash.settings import get_settings
        from democdash.store import open_store

        os.environ["DEMOCDASH_DATABASE_URL"] = plan.database_url
        store = open_store(get_settings(), seed=False)
        for i in range(plan.editors):
            thread = threading.Thread(
                target=writers.editor_loop,
                args=(store, f"loadtest-editor-{i + 1}", run_id, write_log, stop),
                kwargs={"every_s": plan.write_every_s},
                daemon=True,
            )
            thread.start()
            threads.append(thread)

    started = time.monotonic()
    spread = min(plan.think_s[1], plan.duration_s / 4)  # arrivals spread, not all at once
    visitors: list[threading.Thread] = []

    def arrive(n: int) -> threading.Thread:
        thread = threading.Thread(
            target=visitor,
            args=(plan.url, seen, stop, plan.think_s, plan.views_per_visitor),
            kwargs={"rng": random.Random(rng.random())},
            name=f"visitor-{n}",
            daemon=True,
        )
        thread.start()
        return thread

    arrived = 0
    for _ in range(plan.visitors):
        visitors.append(arrive(arrived))
        arrived += 1
        stop.wait(spread / max(plan.visitors, 1))
    while time.monotonic() - started < plan.duration_s:
        if plan.views_per_visitor:  # keep the number present: one arrives as one leaves
            for i, thread in enumerate(visitors):
                if not thread.is_alive():
                    visitors[i] = arrive(arrived)
                    arrived += 1
        time.sleep(0.5)
        elapsed = int(time.monotonic() - started)
        if elapsed and elapsed % 30 == 0:
            progress(f"{elapsed} s: {len(seen.views)} views, {write_log.attempted} writes")
            time.sleep(1)
    stop.set()
    for thread in [*visitors, *threads]:
        thread.join(timeout=70)
    visitors_done = time.monotonic() - started
    if plan.cooldown_s:
        progress(f"visitors gone; sampling the servers for {plan.cooldown_s:.0f} s more")
        time.sleep(plan.cooldown_s)
    sampler.stop()

    report: dict = {
        "target": plan.url,
        "plan": {k: v for k, v in asdict(plan).items() if k not in {"database_url", "pids"}},
        "driver_cpus": sorted(os.sched_getaffinity(0)),
        "seconds": round(visitors_done, 1),
        "visitor_sessions": seen.sessions,
        "visitors_arrived": arrived,
        "pages": _page_table(seen.views),
        "errors": sorted({v.error for v in seen.views if v.error})[:20],
        "disconnects": len(seen.disconnects),
        "disconnect_examples": seen.disconnects[:5],
        "servers": {
            name: {
                **stats.summarise_process(samples),
                "samples": [asdict(s) for s in samples],
            }
            for name, samples in sampler.samples.items()
        },
    }
    if store is not None:
        settled = writers.settle(store, write_log)
        visible = _visible_everywhere(plan.app_urls, write_log.committed)
        report["writes"] = {
            **asdict(settled),
            "visible_on": visible,
            "checked_for_visibility": len(write_log.committed),
            "errors": sorted(set(write_log.failed.values()))[:10],
        }
        store.engine.dispose()
    return report


def summary_lines(report: dict) -> list[str]:
    """The report as a few lines of text for the terminal."""
    lines = [
        f"{report['target']}: {report['plan']['visitors']} visitors for "
        f"{report['seconds']} s (load driver on CPU {report['driver_cpus']}), "
        f"{report['visitor_sessions']} sessions, {report['disconnects']} disconnects",
        f"{'page':<12}{'views':>7}{'errors':>8}{'p50 s':>8}{'p95 s':>8}{'max s':>8}",
    ]
    for page, row in report["pages"].items():
        lines.append(
            f"{page:<12}{row['views']:>7}{row['errors']:>8}{_fmt(row['p50_s'])}"
            f"{_fmt(row['p95_s'])}{_fmt(row['max_s'])}"
        )
    for error in report["errors"]:
        lines.append(f"error: {error}")
    for name, s in report["servers"].items():
        lines.append(
            f"server {name}: CPU mean {s['cpu_mean']}% peak {s['cpu_peak']}%; memory "
            f"{s['rss_first']} -> peak {s['rss_peak']} -> last {s['rss_last']} MB"
        )
    if "writes" in report:
        w = report["writes"]
        lines.append(
            f"writes: {w['attempted']} attempted, {w['committed']} committed "
            f"(+{w['committed_after_error']} after an error), {w['not_committed']} refused; "
            f"visible on {w['visible_on']} of {w['checked_for_visibility']}; "
            f"lost {len(w['lost'])}, duplicated {len(w['duplicated'])}, "
            f"half-written {len(w['half_written'])}"
        )
    return lines


def _fmt(value: float | None) -> str:
    return f"{'-':>8}" if value is None else f"{value:>8.2f}"
