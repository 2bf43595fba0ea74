"""Figures of a load run: percentiles, and each app server's CPU and memory over time.

Processes are sampled with psutil when it is installed, else from /proc (Linux). An app
server's figure includes its child processes (none for `streamlit run`, but a server that
spawns workers is counted whole).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], q: float) -> float | None:
    """The `q`-th percentile (0-100) by the nearest-rank method; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Sample:
    """One reading of one process: seconds since the run started, CPU % since the previous
    reading (100 = one core), resident memory in MB."""

    at: float
    cpu_percent: float
    rss_mb: float


def _proc_cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def _proc_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_and_rss(pid: int) -> tuple[float, float]:
    """(CPU seconds used so far, resident MB) of `pid` and its children."""
    try:
        import psutil
    except ImportError:
        return _proc_cpu_seconds(pid), _proc_rss_mb(pid)
    process = psutil.Process(pid)
    family = [process, *process.children(recursive=True)]
    cpu = rss = 0.0
    for member in family:
        try:
            times = member.cpu_times()
            cpu += times.user + times.system
            rss += member.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    return cpu, rss


@dataclass
class ProcessSampler:
    """Samples named processes every `interval_s` in a thread until `stop()`."""

    pids: Mapping[str, int]
    interval_s: float = 2.0
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="process-sampler", daemon=True)
        self._started = time.monotonic()

    def start(self) -> ProcessSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        last: dict[str, tuple[float, float]] = {}
        while True:
            now = time.monotonic()
            for name, pid in self.pids.items():
                try:
                    cpu, rss = cpu_and_rss(pid)
                except Exception:  # it went away (a fault run) or cannot be read
                    continue
                previous = last.get(name)
                percent = 0.0
                if previous is not None and now > previous[1]:
                    percent = 100 * (cpu - previous[0]) / (now - previous[1])
                last[name] = (cpu, now)
                self.samples.setdefault(name, []).append(
                    Sample(round(now - self._started, 1), round(percent, 1), round(rss, 1))
                )
            if self._stop.wait(self.interval_s):
                return


def summarise_process(samples: Sequence[Sample]) -> dict[str, float | None]:
    """Mean and peak CPU, first, peak and last resident memory of one process's samples."""
    if not samples:
        return {"cpu_mean": None, "cpu_peak": None, "rss_first": None, "rss_peak": None,
                "rss_last": None}  # fmt: skip
    busy = [s.cpu_percent for s in samples[1:]] or [0.0]
    return {
        "cpu_mean": round(sum(busy) / len(busy), 1),
        "cpu_peak": max(busy),
        "rss_first": samples[0].rss_mb,
        "rss_peak": max(s.rss_mb for s in samples),
        "rss_last": samples[-1].rss_mb,
    }
