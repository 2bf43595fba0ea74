"""The store under stress, on SQLite and PostgreSQL: app threads and a CLI process writing at
once lose nothing, store nothing twice and keep totals and the revision exact; a process killed
in the middle of saving articles leaves each article with all its records, or nothing."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from democdash.models import Article, DateValue, Event, SourceRef
from democdash.scoring import new_scenario
from democdash.settings import Settings
from democdash.store import DuplicateArticleError, Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPO_DIR = Path(__file__).resolve().parents[2]


def make_article(prefix: str, n: int, text: str) -> Article:
    return Article(
        id=f"{prefix}-{n}",
        source_type="reporting",
        published=DateValue(value="2024-06-02"),
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        origin="analyst",
    )


def make_events(prefix: str, n: int, count: int) -> list[Event]:
    quote = "a protest took place"
    return [
        Event(
            id=f"ev-{prefix}-{n}-{k}",
            date=DateValue(value="2024-06-01"),
            country="BLR",
            type="protest",
            summary=f"Protest {k} reported by article {prefix}-{n}.",
            sources=[SourceRef(article=f"{prefix}-{n}", paragraph=1, quote=quote)],
            origin="analyst",
        )
        for k in range(count)
    ]


# The second process: imports this file's helpers by path and writes through its own store.
WRITER = """
import importlib.util, sys
from democdash.store import open_store
from democdash.scoring import new_scenario
spec = importlib.util.spec_from_file_location("reliability_helpers", sys.argv[5])
helpers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(helpers)
prefix, count, events, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
store = open_store(seed=False)
print("ready", flush=True)
sys.stdin.readline()  # "go"
for n in range(count):
    text = f"{prefix} {n} " + "a protest took place. " * (size // 22)
    records = {"events": helpers.make_events(prefix, n, events)}
    store.add_article(helpers.make_article(prefix, n, text), text, records)
    store.save_scenario(new_scenario(f"{prefix} scenario {n}", "cli"))
    print("saved", n, flush=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("fresh_pg_url")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", folder)
    return folder


@pytest.fixture
def store(store_url, data_dir):
    opened = open_store(
        Settings(data_dir=data_dir, database_url=store_url, readonly=False, seeds_dir=None)
    )
    yield opened
    opened.engine.dispose()


def start_writer(store: Store, prefix: str, count: int, events: int, text_size: int):
    """A second process writing through the store, as `democdash ingest` beside the app."""
    env = dict(os.environ)
    env.update(
        DEMOCDASH_DATABASE_URL=store.engine.url.render_as_string(hide_password=False),
        DEMOCDASH_DATA_DIR=str(store.settings.data_dir),
        PYTHONUNBUFFERED="1",
    )
    env.pop("DEMOCDASH_READONLY", None)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, prefix, str(count), str(events), str(text_size), __file__],
        cwd=REPO_DIR,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def analyst_events_by_article(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for payload in store.payloads("events"):
        if payload["origin"] == "analyst":
            article = payload["sources"][0]["article"]
            counts[article] = counts.get(article, 0) + 1
    return counts


def test_threads_and_a_second_process_lose_nothing_and_store_nothing_twice(store):
    threads_n, per_thread, cli_n, events = 4, 6, 12, 3
    before_counts, before_revision = store.counts(), store.revision()
    writer = start_writer(store, "cli", cli_n, events, 200)
    duplicates: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads_n)

    def work(t: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                text = f"thread {t} article {n}"
                store.add_article(
                    make_article(f"t{t}", n, text),
                    text,
                    {"events": make_events(f"t{t}", n, events)},
                )
                store.save_scenario(new_scenario(f"thread {t} scenario {n}", f"analyst{t}"))
            # Every thread tries to add the same article and the same scenario: one wins.
            try:
                store.add_article(make_article(f"same-by-{t}", 0, "one shared text"), "same")
            except DuplicateArticleError as exc:
                duplicates.append(exc.existing_id)
            store.save_scenario(new_scenario("team scenario", "team"))
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(threads_n)]
    for thread in threads:
        thread.start()
    writer.stdin.write("go\n")
    writer.stdin.flush()
    for thread in threads:
        thread.join(timeout=120)
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert not errors, errors
    assert out.count("saved") == cli_n

    added = threads_n * per_thread + cli_n
    counts = store.counts()
    assert counts["articles"] == before_counts["articles"] + added + 1  # + the shared one
    assert counts["events"] == before_counts["events"] + added * events
    assert len(duplicates) == threads_n - 1 and len(set(duplicates)) == 1
    per_article = analyst_events_by_article(store)
    assert len(per_article) == added and set(per_article.values()) == {events}
    team = [s for s in store.scenarios("team") if s.author == "team"]
    assert [s.name for s in team] == ["team scenario"]
    assert len(store.scenarios("cli")) == cli_n
    # One revision per successful write: articles, scenarios (the team one saved 4 times).
    assert store.revision() == before_revision + added * 2 + 1 + threads_n


def test_a_writer_killed_mid_ingestion_leaves_whole_articles_or_nothing(store):
    count, events = 400, 300
    writer = start_writer(store, "kill", count, events, 50_000)
    writer.stdin.write("go\n")
    writer.stdin.flush()
    deadline = time.monotonic() + 60
    while analyst_events_by_article(store) == {} and time.monotonic() < deadline:
        time.sleep(0.05)  # until at least one article is committed
    time.sleep(random.uniform(0.05, 0.6))  # then somewhere in the middle of another
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it was killed"

    reopened = open_store(store.settings)  # as the next start of the app would
    articles = {a["id"] for a in reopened.payloads("articles") if a["id"].startswith("kill-")}
    assert 0 < len(articles) < count
    per_article = analyst_events_by_article(reopened)
    assert set(per_article) == articles  # no record without its article, and vice versa
    assert set(per_article.values()) == {events}  # every article has all its records
    assert all(reopened.article_text(a) for a in articles)
    # Nothing stays locked: the next writer gets through at once.
    text = "after the kill"
    reopened.add_article(make_article("after", 0, text), text, {"events": make_events("a", 0, 1)})
    assert reopened.get("articles", "after-0") is not None
    reopened.engine.dispose()
