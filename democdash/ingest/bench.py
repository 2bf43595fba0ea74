"""Batch intake speed for `democdash bench`: many 1,000-word articles saved into a fresh
SQLite store in one batch (`BatchIngest`, as `democdash ingest FOLDER` does).

The articles are synthetic and varied (names, places, dates and figures drawn per sentence),
so that, as in a real corpus, most sentences are an article's own; a few articles are copies
of an earlier one under another headline (near-duplicates, flagged as the same story) and a
few repeat one exactly (refused as already stored).
"""

from __future__ import annotations

import gc
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_COUNTRIES = (
    "Belarus", "Myanmar", "Kazakhstan", "Russia", "Ukraine", "Georgia", "Armenia", "Serbia",
    "Hungary", "Venezuela", "Nicaragua", "Cuba", "Iran", "Turkey", "Egypt", "Tunisia",
    "Ethiopia", "Kenya", "Uganda", "Zimbabwe", "Cambodia", "Thailand", "Pakistan", "Bangladesh",
    "Kyrgyzstan", "Tajikistan", "Azerbaijan", "Moldova", "Bolivia", "Peru",
)  # fmt: skip
_CITIES = (
    "the capital", "the second city", "the northern provinces", "the border region",
    "the industrial east", "the port city", "the university district", "the old town",
)  # fmt: skip
_FIRST = (
    "Maria", "Daniel", "Olga", "Timur", "Aung", "Elena", "Pavel", "Nadia", "Samir", "Lucia",
    "Viktor", "Irina", "Kofi", "Amara", "Jonas", "Leila",
)  # fmt: skip
_LAST = (
    "Alvarez", "Okafor", "Petrova", "Sadykov", "Min", "Novak", "Haddad", "Moreau", "Kovalenko",
    "Mensah", "Lindqvist", "Rahimi", "Castro", "Ivanova", "Bakiev", "Tanaka",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_TEMPLATES = (
    "On {month} {day}, the ruling council in {country} announced new restrictions on {n} "
    "opposition parties.",
    "Officials in Washington said the United States would consider further sanctions on "
    "{country} after the vote of {month} {day}.",
    "The European Union should coordinate any new measures against {country} with Britain and "
    "Canada, {person} wrote.",
    "Protesters gathered in {city} of {country} in early {year} to demand fresh elections.",
    "Human rights groups reported that more than {n},{m}00 people had been detained in "
    "{country} since {month}.",
    "{person}, a spokesperson for the government of {country}, rejected the criticism on "
    "{month} {day}.",
    "President {person} of {country} told reporters that her government will continue to "
    "support mediation between the parties.",
    "The {year} elections in {country} were widely seen as neither free nor fair by {n} "
    "independent observers.",
    "Analysts expect the economy of {country} to shrink by {n}.{m}% this year as foreign "
    "investment dries up.",
    "Donors pledged ${n}{m}0 million in humanitarian aid for {country} at a conference in {month}.",
    "{country} and its neighbours called for the release of {n} political prisoners held "
    "since {month} {year}.",
    "A new law passed in {country} in {month} {year} allows the security services to block "
    "{n} websites.",
    "The opposition leader in {country}, {person}, was arrested at home in {city} on "
    "{month} {day}.",
    "Regional leaders could impose a trade embargo on {country} if the junta refuses to set a "
    "timetable before {month}.",
    "Journalists in {city} of {country} described a climate of fear after the crackdown of "
    "{month} {day}.",
    "Several ministers in {country} resigned on {month} {day}, citing pressure from the "
    "security services.",
    "Shopkeepers in {city} of {country} spoke of quiet resignation as prices rose by {n} percent.",
    "Teachers in {city} say that {n} of every ten pupils no longer come to class.",
    "Local radio stations in {country} stopped broadcasting news programmes after {month} "
    "{day}, {person} said.",
    "Many families in {city} depend on money sent home by {n} relatives working abroad, "
    "{person} said.",
)
#: Of every hundred articles: how many copy an earlier one under another title (the same
#: story), and how many repeat one exactly (refused as already stored).
NEAR_DUPLICATES_PER_100 = 2
EXACT_DUPLICATES_PER_100 = 1
#: Articles saved per write transaction (`BatchIngest(group=...)`).
GROUP = 50


def _sentence(rng: random.Random) -> str:
    return rng.choice(_TEMPLATES).format(
        country=rng.choice(_COUNTRIES),
        city=rng.choice(_CITIES),
        person=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        month=rng.choice(_MONTHS),
        day=rng.randint(1, 28),
        year=rng.randint(2015, 2024),
        n=rng.randint(2, 9),
        m=rng.randint(1, 9),
    )


def synthetic_corpus(count: int = 1000, words: int = 1000, seed: int = 19) -> list[str]:
    """`count` articles of about `words` words (a headline, then paragraphs of 2-4
    sentences), with a few near-duplicates and exact repeats of earlier ones."""
    rng = random.Random(seed)
    texts: list[str] = []
    for number in range(count):
        roll = rng.randrange(100)
        if texts and roll < EXACT_DUPLICATES_PER_100:
            texts.append(rng.choice(texts))
            continue
        if texts and roll < EXACT_DUPLICATES_PER_100 + NEAR_DUPLICATES_PER_100:
            body = rng.choice(texts).split("\n\n", 1)[1]
            texts.append(f"Wire report {number}: the same story, another outlet\n\n{body}")
            continue
        parts = [f"Report {number} from {rng.choice(_COUNTRIES)}"]
        total = 0
        while total < words:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
            parts.append(paragraph)
            total += len(paragraph.split())
        texts.append("\n\n".join(parts))
    return texts


def ingest_throughput(
    count: int = 1000,
    words: int = 1000,
    progress: Callable[[int, int], None] | None = None,
    group: int = GROUP,
) -> dict:
    """Save `count` synthetic articles of about `words` words into a fresh SQLite store (the
    bundled data seeded) in one batch; wall-clock articles per second and what happened.

    Returns `articles`, `words`, `seconds`, `articles_per_s`, `saved`, `duplicates`,
    `same_story`, `failed` and `records` (events and options stored afterwards), and
    `cpu_seconds` / `cpu_articles_per_s`: this process's CPU time over the batch, which on
    shared, busy cores says more about the code than the wall clock does.
    `progress(done, total)` is called after each article. Up to `group` articles share a
    write transaction (`BatchIngest`; 1: one transaction each).
    """
    from democdash.extract import load_extractor
    from democdash.ingest.batch import BatchIngest
    from democdash.ingest.meta import ArticleMeta
    from democdash.settings import Settings, bundled_data_dir
    from democdash.store import StoreError, open_store

    texts = synthetic_corpus(count, words)
    extractor = load_extractor()
    counted = {"saved": 0, "duplicates": 0, "same_story": 0, "failed": 0}
    with tempfile.TemporaryDirectory(prefix="democdash-ingest-") as home:
        store = open_store(
            Settings(
                data_dir=bundled_data_dir(),
                database_url=f"sqlite:///{Path(home) / 'ingest.sqlite'}",
                readonly=False,
                seeds_dir=None,
            )
        )
        # as `democdash ingest` does: the extractor's tables and the seeded data are set up
        # once and never garbage, so they are moved out of the collector's way
        gc.collect()
        gc.freeze()
        try:
            start, cpu_start = time.perf_counter(), time.process_time()
            with BatchIngest(store, extractor=extractor, by="bench", group=group) as batch:
                for number, text in enumerate(texts):
                    meta = ArticleMeta(
                        title=text.split("\n", 1)[0], outlet="Bench Wire", published="2024-06-15"
                    )
                    try:
                        outcome = batch.ingest(text, meta)
                    except (StoreError, ValueError):
                        counted["failed"] += 1
                    else:
                        if outcome.duplicate_of:
                            counted["duplicates"] += 1
                        else:
                            counted["saved"] += 1
                            counted["same_story"] += bool(outcome.same_story)
                    if progress is not None:
                        progress(number + 1, len(texts))
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu_start
            stored = store.counts()
        finally:
            gc.unfreeze()
            store.engine.dispose()
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / max(seconds, 1e-9), 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "cpu_articles_per_s": round(len(texts) / max(cpu_seconds, 1e-9), 1),
        **counted,
        "records": {"events": stored["events"], "options": stored["options"]},
    }
