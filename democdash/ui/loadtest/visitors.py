"""What simulated visitors open: the links colleagues share (countries, filters, as-of dates),
and one visitor's loop (arrive, view pages with a pause between them, leave)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from democdash.ui.loadtest.session import BrowserlessSession, SessionClosed, View

#: (page url path, query string): "" is the overview. Weighted by repetition toward the pages
#: a visitor from a shared link opens most.
LINKS: list[tuple[str, str]] = [
    ("", ""),
    ("", ""),
    ("", "as_of=2021-03"),
    ("", "color=events"),
    ("events", "country=BLR&from=2020-08"),
    ("events", "country=MMR&view=timeline"),
    ("events", "country=HKG,CHN&type=protest"),
    ("events", "as_of=2021-03&country=BLR"),
    ("events", "view=map"),
    ("options", "country=BLR"),
    ("options", "country=MMR&group=instrument"),
    ("options", "as_of=2021-06"),
    ("countries", "country=HKG"),
    ("countries", "country=BLR"),
    ("countries", "country=KAZ&as_of=2022-01"),
    ("countries", "country=MMR"),
    ("sources", ""),
    ("sources", "article=atlantic-2020-belarus-biden"),
    ("indicators", ""),
]


@dataclass
class VisitorStats:
    """Everything the visitors of one run saw, shared by their threads."""

    views: list[View] = field(default_factory=list)
    disconnects: list[str] = field(default_factory=list)
    sessions: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, view: View) -> None:
        view.raw = []  # keep the figures, not the bytes
        with self.lock:
            self.views.append(view)


def visitor(
    base_url: str,
    stats: VisitorStats,
    stop: threading.Event,
    think_s: tuple[float, float] = (2.0, 6.0),
    views: int = 0,
    rng: random.Random | None = None,
    links: list[tuple[str, str]] = LINKS,
    on_view: Callable[[View], None] | None = None,
) -> None:
    """One visitor: open a session, view random `links` (pausing `think_s` between views)
    until `stop` or after `views` views (0: until `stop`), then leave. A session the server
    closes (it went away) is opened again, through the proxy, and the view is asked again."""
    rng = rng or random.Random()
    session = BrowserlessSession(base_url)
    seen = 0
    try:
        while not stop.is_set() and (views == 0 or seen < views):
            page, query = rng.choice(links)
            try:
                if session.ws is None:
                    session.open()
                    with stats.lock:
                        stats.sessions += 1
                view = session.visit(page, query)
            except (SessionClosed, OSError) as exc:
                with stats.lock:
                    stats.disconnects.append(f"{time.strftime('%H:%M:%S')} {exc}"[:300])
                session.close()
                stop.wait(1.0)
                continue
            stats.add(view)
            if on_view is not None:
                on_view(view)
            seen += 1
            stop.wait(rng.uniform(*think_s))
    finally:
        session.close()
