"""The bench's batch intake: a varied synthetic corpus (with a few copies and repeats) saved in
one batch into a fresh SQLite store, and its budget in the bench's checks."""

from __future__ import annotations

from democdash.ingest.bench import ingest_throughput, synthetic_corpus
from democdash_bench.results import INGEST_BUDGET, BenchResult, checks


def test_the_corpus_is_varied_with_a_few_copies_and_repeats():
    texts = synthetic_corpus(1000, words=50)
    assert len(texts) == 1000 and all(len(t.split()) >= 50 for t in texts)
    assert 980 <= len(set(texts)) < 1000  # a few exact repeats
    assert sum(t.startswith("Wire report") for t in texts) >= 1  # copies under another title


def test_a_batch_is_saved_and_counted():
    seen = []
    found = ingest_throughput(40, words=200, progress=lambda done, total: seen.append(done))
    assert seen == list(range(1, 41))
    assert found["saved"] + found["duplicates"] + found["failed"] == 40
    assert found["failed"] == 0 and found["saved"] >= 38
    assert found["records"]["events"] > 0 and found["articles_per_s"] > 0
    assert found["cpu_seconds"] > 0 and found["cpu_articles_per_s"] > 0


def test_the_budget_is_checked():
    ingest = {"articles": 1000, "articles_per_s": INGEST_BUDGET - 1}
    result = BenchResult(date="d", commit="c", machine={}, runs=1, ingest=ingest)
    [check] = [c for c in checks(result) if c.what.startswith("batch intake")]
    assert check.verdict == "fail" and check.budget == f"≥ {INGEST_BUDGET:,.0f} articles/s"
