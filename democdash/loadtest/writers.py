"""Editors writing through the store's public interface while visitors read, and the check
that every committed write is stored exactly once.

Each write adds one analyst article (`Store.add_article`, the path the app's "Add an article"
page takes) with a unique id, title and text hash. A write that raised may still have
committed (the connection dropped after COMMIT): `settle` looks each one up afterwards.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field

from democdash.models import Article, DateValue
from democdash.store import Store

#: Titles of load-test articles start with this, so that a view can be searched for them.
TITLE_PREFIX = "Loadtest article"


@dataclass
class WriteLog:
    """What one run's editors did."""

    attempted: int = 0
    committed: list[str] = field(default_factory=list)  # ids whose add_article returned
    failed: dict[str, str] = field(default_factory=dict)  # id -> error
    lock: threading.Lock = field(default_factory=threading.Lock)


def article_for(editor: str, n: int, run: str) -> Article:
    """A unique analyst article (id, title, text hash) for write `n` of `editor` in `run`."""
    key = f"{run}-{editor}-{n}"
    return Article(
        id=f"loadtest-{key}",
        title=f"{TITLE_PREFIX} {key}",
        outlet="democdash loadtest",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=uuid.uuid5(uuid.NAMESPACE_URL, key).hex * 2,
        origin="analyst",
    )


def title_of(article_id: str) -> str:
    """The title `article_for` gave the article with this id."""
    return f"{TITLE_PREFIX} {article_id.removeprefix('loadtest-')}"


def editor_loop(
    store: Store, editor: str, run: str, log: WriteLog, stop: threading.Event, every_s: float
) -> None:
    """Write one article every `every_s` seconds as `editor` until `stop` is set."""
    n = 0
    while not stop.is_set():
        n += 1
        article = article_for(editor, n, run)
        with log.lock:
            log.attempted += 1
        try:
            store.add_article(article, text=f"Load test text {article.id}.", by=editor)
        except Exception as exc:  # counted, then settled: it may have committed anyway
            with log.lock:
                log.failed[article.id] = f"{type(exc).__name__}: {str(exc)[:200]}"
        else:
            with log.lock:
                log.committed.append(article.id)
        stop.wait(every_s)


@dataclass
class Settled:
    """The writes checked against the store once the run is over."""

    attempted: int
    committed: int  # add_article returned
    committed_after_error: int  # raised, yet the article is stored (whole)
    not_committed: int  # raised and is not stored
    lost: list[str]  # returned, yet not stored
    duplicated: list[str]  # stored or audited more than once
    half_written: list[str]  # stored without its text or its audit row


def settle(store: Store, log: WriteLog, retries: int = 10) -> Settled:
    """Look every attempted write up in the store (retrying while the store is away)."""
    for attempt in range(retries):
        try:
            return _settle(store, log)
        except Exception:
            if attempt == retries - 1:
                raise
            time.sleep(2)
    raise AssertionError("unreachable")


def _settle(store: Store, log: WriteLog) -> Settled:
    stored = set(store.frame("articles")["id"])
    audit = store.audit_trail(kind="articles")
    inserts = audit[audit["action"] == "insert"]["record_id"].value_counts()
    lost, duplicated, half = [], [], []
    after_error = 0
    for article_id in [*log.committed, *log.failed]:
        present = article_id in stored
        if article_id in log.failed:
            after_error += present
        elif not present:
            lost.append(article_id)
        if int(inserts.get(article_id, 0)) > 1:
            duplicated.append(article_id)
        if present and (
            int(inserts.get(article_id, 0)) != 1 or store.article_text(article_id) is None
        ):
            half.append(article_id)
    return Settled(
        attempted=log.attempted,
        committed=len(log.committed),
        committed_after_error=after_error,
        not_committed=len(log.failed) - after_error,
        lost=lost,
        duplicated=duplicated,
        half_written=half,
    )
