"""Throughput of the extraction pipeline on one core, and how its time grows with the length
of a text, for `democdash bench` and the tests.

`scaling(paragraphs)` times extracting one long text (synthetic paragraphs, as an analyst
pastes them) and building its review candidates (paragraph and quote of every candidate), at
1x, 2x and 4x its length, and reports the ratio per doubling: about 2 when the work is linear
(it was 4-5 when every candidate's paragraph lookup split the whole text again).

`throughput(texts, published)` builds one `Extractor` (setup, not timed), then runs
`extract_article` with it over the texts (synthetic 1,000-word articles when none are given)
in several passes after one warm-up pass, times each pass in process CPU time (other processes
do not count, though on a busy machine they still slow the caches and cores this process shares
with them), and reports the median pass as articles and words per second: one disturbed pass
moves the median little.

`classifier_throughput(texts)` times the option classifier alone on the same texts: splitting
each article into sentences, every sentence's features and the model's score (the method that
issue 18 asks to run at 200 articles a second; the rest of the pipeline finds dates, people,
holders and events). The country mentions it masks are found before the clock starts.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time
from collections.abc import Callable
from itertools import pairwise

from democdash.extract.countries import find_mentions
from democdash.extract.gazetteer import fold
from democdash.extract.options import option_features_in_context
from democdash.extract.pipeline import Extractor, extract_article, load_extractor
from democdash.extract.sentences import split_sentences

#: Sentences written for the benchmark: the usual mix of names, dates, cues and plain prose.
_SENTENCES = (
    "On March 3, the ruling council in Minsk announced new restrictions on opposition parties.",
    "Officials in Washington said the United States would consider further sanctions.",
    "The European Union should coordinate any new measures with Britain and Canada.",
    "Protesters gathered outside the parliament in early 2019 to demand fresh elections.",
    "Human rights groups reported that more than 1,200 people had been detained last week.",
    "Beijing's foreign ministry rejected the criticism and warned against interference.",
    "President Maria Alvarez told reporters that her government will continue to support "
    "mediation between the parties.",
    "The 2020 elections were widely seen as neither free nor fair by independent observers.",
    "Analysts expect the economy to shrink by 4.5% this year as foreign investment dries up.",
    "Donors pledged $300 million in humanitarian aid at a conference in Geneva in June.",
    "Kenya and Ethiopia called for an immediate ceasefire and the release of political prisoners.",
    "The new law, passed in November 2020, allows the security services to block websites.",
    "Russian and Chinese diplomats met their counterparts in Vienna on Tuesday.",
    "Critics say the constitutional reform is designed to keep the incumbent in power.",
    "The opposition leader, Daniel Okafor, was arrested at his home yesterday.",
    "Regional leaders could impose a trade embargo if the junta refuses to set a timetable.",
    "Journalists described a climate of fear in the capital after the crackdown.",
    "The central bank raised interest rates for the third time since late 2021.",
    "Several ministers resigned in protest, citing pressure from the security services.",
    "A spokesperson for the Kremlin declined to comment on the reports.",
    # plain prose, as most sentences of a real article are
    "The mood among shopkeepers in the old market was one of quiet resignation.",
    "Few of the people interviewed wanted their names to be printed.",
    "Prices of bread and cooking oil have risen sharply, and queues are common.",
    "Teachers say that many of their pupils no longer come to class.",
    "It is hard to know how much support the movement still enjoys outside the cities.",
    "Some observers believe that the divisions within the elite are deeper than they appear.",
    "The roads leading to the border were crowded with lorries and buses.",
    "Local radio stations have stopped broadcasting news programmes altogether.",
    "Many families depend on money sent home by relatives working abroad.",
    "The hospital, built with foreign money, stands half empty for lack of staff.",
)


def synthetic_articles(count: int = 50, words: int = 1000, seed: int = 7) -> list[str]:
    """`count` articles of about `words` words each, drawn from the benchmark sentences."""
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        parts: list[str] = []
        total = 0
        while total < words:
            paragraph = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(2, 4)))
            parts.append(paragraph)
            total += len(paragraph.split())
        articles.append("\n\n".join(parts))
    return articles


#: The ratio per doubling of a text's length that still counts as linear.
SCALING_BUDGET = 2.2


def scaling(paragraphs: int = 1000, factors: tuple[int, ...] = (1, 2, 4), runs: int = 3) -> dict:
    """Seconds (process CPU time, best of `runs`) to extract a text of `paragraphs` synthetic
    paragraphs times each factor and build its candidates; returns `paragraphs`, `seconds`
    ({factor: s}), `ratios` (time of each doubling over the one before) and `per_doubling`,
    the growth per doubling from the shortest text to the longest (the least-squares slope of
    log time on log length; for 1x, 2x and 4x the square root of 4x/1x), which one disturbed
    measurement in between does not move: the figure judged; the same for saving, prefixed
    `saving_`."""
    import pandas as pd

    from democdash.ingest.candidates import Existing, build_candidates
    from democdash.ingest.meta import ArticleMeta

    base = synthetic_articles(count=1, words=paragraphs * 40, seed=11)[0].split("\n\n")
    base = base[:paragraphs]
    empty = Existing(
        events=pd.DataFrame(columns=["id", "country", "type"]),
        options=pd.DataFrame(columns=["id", "target", "instrument"]),
        sources=pd.DataFrame(columns=["kind", "record_id", "quote"]),
        countries=pd.DataFrame(columns=["iso3", "name"]),
        actors=pd.DataFrame(columns=["id", "name", "aliases"]),
    )
    extractor = load_extractor()
    meta = ArticleMeta(title="Scaling", published="2021-06-15")
    seconds: dict[int, float] = {}
    # as `democdash ingest` does: the extractor's tables are set up once and never garbage, so
    # they are moved out of the collector's way (else every full collection walks them)
    gc.collect()
    gc.freeze()
    try:
        seconds = _timed(base, factors, runs, extractor, meta, empty, build_candidates)
    finally:
        gc.unfreeze()
    ratios = _ratios(seconds)
    saving = _saving(base, factors, runs, extractor, meta, empty)
    saving_ratios = _ratios(saving)
    return {
        "paragraphs": paragraphs,
        "seconds": seconds,
        "ratios": ratios,
        "per_doubling": per_doubling(seconds),
        "saving_seconds": saving,
        "saving_ratios": saving_ratios,
        "saving_per_doubling": per_doubling(saving),
    }


def _ratios(seconds: dict[int, float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        f"{b}x/{a}x": round(seconds[b] / max(seconds[a], 1e-9), 2) for a, b in pairwise(ordered)
    }


def per_doubling(seconds: dict[int, float]) -> float:
    """2 to the least-squares slope of log2(time) on log2(factor): the time's growth per
    doubling of the length, fitted to every factor measured."""
    points = [(math.log2(f), math.log2(max(t, 1e-9))) for f, t in seconds.items()]
    if len(points) < 2:
        return 0.0
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    spread = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / spread
    return round(2**slope, 2)


def _saving(base, factors, runs, extractor, meta, empty) -> dict[int, float]:
    """Seconds (wall clock: the store writes to disk) to save each factor's article with every
    likely candidate accepted into a fresh SQLite store, best of `runs`."""
    import tempfile
    from pathlib import Path

    from democdash.ingest.candidates import build_candidates
    from democdash.ingest.review import apply_review, default_decisions
    from democdash.ingest.save import save_review
    from democdash.settings import Settings, bundled_data_dir
    from democdash.store import open_store

    seconds: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as home:
        for factor in factors:
            text = "\n\n".join(base * factor)
            result = extract_article(text, published=meta.published, extractor=extractor)
            candidates = build_candidates(result, text, meta, empty)
            review = apply_review(candidates, default_decisions(candidates))
            best = None
            for run in range(max(1, runs)):
                url = f"sqlite:///{Path(home) / f'save-{factor}-{run}.sqlite'}"
                store = open_store(
                    Settings(
                        data_dir=bundled_data_dir(),
                        database_url=url,
                        readonly=False,
                        seeds_dir=None,
                    )
                )
                start = time.perf_counter()
                save_review(store, candidates, review, by="bench")
                spent = time.perf_counter() - start
                store.engine.dispose()
                best = spent if best is None else min(best, spent)
            seconds[factor] = round(best or 0.0, 4)
    return seconds


def _timed(base, factors, runs, extractor, meta, empty, build_candidates) -> dict[int, float]:
    seconds: dict[int, float] = {}
    for factor in factors:
        text = "\n\n".join(base * factor)
        best = None
        for _ in range(max(1, runs)):
            gc.collect()
            start = time.process_time()
            result = extract_article(text, published=meta.published, extractor=extractor)
            build_candidates(result, text, meta, empty)
            spent = time.process_time() - start
            del result  # not kept alive while the next run allocates
            best = spent if best is None else min(best, spent)
        seconds[factor] = round(best or 0.0, 4)
    return seconds


def throughput(
    texts: list[str] | None = None,
    published: str | None = "2021-06-15",
    passes: int = 7,
    extractor: Extractor | None = None,
) -> dict:
    """Articles per second and words per second of `extract_article` on one core.

    Returns a dict with `articles` and `words` (one pass), `seconds` (process CPU time of the
    median pass), `articles_per_s`, `words_per_s` and `ms_per_1000_words` (from that pass),
    plus `passes`, `best_articles_per_s` (the fastest pass), `pass_seconds` (every pass) and
    `build_seconds` (building the extractor when none is given: setup, outside the passes).
    A warm-up pass (filling the processor's and the regex module's caches) runs before timing.
    """
    texts = texts or synthetic_articles()
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    extractor = extractor or load_extractor()
    build_seconds = time.process_time() - start

    def one_pass() -> None:
        for text in texts:
            extract_article(text, published=published, extractor=extractor)

    rates = _timed_passes(one_pass, len(texts), passes)
    seconds = rates["seconds"]
    return {
        "articles": len(texts),
        "words": words,
        **rates,
        "words_per_s": round(words / seconds),
        "ms_per_1000_words": round(seconds * 1000 / (words / 1000), 3),
        "build_seconds": round(build_seconds, 4),
    }


def _timed_passes(one_pass: Callable[[], None], articles: int, passes: int) -> dict:
    """`one_pass` run once to warm up, then `passes` times, each from the same heap state and
    timed in process CPU time: `seconds` (the median pass), `articles_per_s` (from it),
    `best_articles_per_s`, `passes` and `pass_seconds`."""
    one_pass()
    times = []
    for _ in range(max(1, passes)):
        gc.collect()
        start = time.process_time()
        one_pass()
        times.append(max(time.process_time() - start, 1e-9))
    seconds = statistics.median(times)
    return {
        "seconds": round(seconds, 4),
        "articles_per_s": round(articles / seconds, 1),
        "best_articles_per_s": round(articles / min(times), 1),
        "passes": len(times),
        "pass_seconds": [round(t, 4) for t in times],
    }


def classifier_throughput(
    texts: list[str] | None = None, passes: int = 7, extractor: Extractor | None = None
) -> dict:
    """Articles per second of the option classifier alone (see the module docstring): the
    median of `passes` timed passes (process CPU time) after a warm-up pass. Returns
    `articles` and what `_timed_passes` measures."""
    texts = texts or synthetic_articles()
    extractor = extractor or load_extractor()
    gazetteer = extractor.gazetteer
    mentions = []
    for text in texts:
        folded = fold(text)
        raw_places = extractor.scanner.scan(folded)[0]
        mentions.append(find_mentions(text, gazetteer, folded, raw_places))
    model = extractor.options.default

    def one_pass() -> None:
        for text, found in zip(texts, mentions, strict=True):
            for features, context in option_features_in_context(split_sentences(text), found):
                model.score(features, context)

    return {"articles": len(texts), **_timed_passes(one_pass, len(texts), passes)}
