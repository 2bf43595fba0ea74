"""The bench's extraction figures: time to extract and to save at 1x, 2x and 4x a text's
length, and their budget."""

from __future__ import annotations

import pytest

from democdash.extract.bench import (
    SCALING_BUDGET,
    classifier_throughput,
    per_doubling,
    scaling,
    synthetic_articles,
)
from democdash_bench.results import BenchResult, checks, text_report


def test_scaling_reports_each_length_and_the_ratio_per_doubling():
    report = scaling(paragraphs=20, runs=1)
    assert report["paragraphs"] == 20
    assert set(report["seconds"]) == {1, 2, 4}
    assert set(report["ratios"]) == {"2x/1x", "4x/2x"}
    seconds = report["seconds"]
    assert report["ratios"]["2x/1x"] == round(seconds[2] / seconds[1], 2)
    # saving the article with its records into a store, timed the same way
    assert set(report["saving_seconds"]) == {1, 2, 4} and all(report["saving_seconds"].values())
    # the figure judged: the growth fitted from the shortest text to the longest
    assert report["per_doubling"] == per_doubling(seconds)
    assert report["saving_per_doubling"] == per_doubling(report["saving_seconds"])


def test_growth_per_doubling_is_fitted_over_every_length():
    assert per_doubling({1: 0.5, 2: 1.0, 4: 2.0}) == 2.0  # linear
    assert per_doubling({1: 0.5, 2: 2.0, 4: 8.0}) == 4.0  # quadratic
    # one disturbed measurement in between (2x/1x 2.8, 4x/2x 1.5) is no growth of its own
    assert per_doubling({1: 0.39, 2: 1.10, 4: 1.64}) == 2.05


def _result(worst: float) -> BenchResult:
    seconds = {1: 0.25, 2: 0.5, 4: 0.5 * worst}
    grows = {
        "paragraphs": 1000,
        "seconds": seconds,
        "ratios": {"2x/1x": 2.0, "4x/2x": worst},
        "per_doubling": per_doubling(seconds),
        "saving_per_doubling": 2.0,
        "saving_seconds": {1: 0.07, 2: 0.14, 4: 0.28},
        "saving_ratios": {"2x/1x": 2.0, "4x/2x": 2.0},
    }
    return BenchResult(
        date="2026-01-02 03:04 UTC",
        commit="abc1234",
        machine={"cores": "2"},
        runs=3,
        datasets=[],
        extraction={
            "articles": 50,
            "words": 50_000,
            "articles_per_s": 250.0,
            "words_per_s": 9,
            "scaling": grows,
        },
    )


def test_the_budget_per_doubling_is_checked_and_printed():
    found = {c.what: c for c in checks(_result(2.0))}
    check = found["extraction time per doubling of a text's length"]
    assert check.verdict == "pass" and check.budget == f"≤ {SCALING_BUDGET:.1f}x"
    assert found_fail(_result(3.9))
    assert "per doubling: 2x/1x 2.00, 4x/2x 2.00; fitted over all, judged: 2.00" in text_report(
        _result(2.0)
    )
    saving = found["saving time per doubling of an article's records"]
    assert saving.verdict == "pass" and saving.value == "2.00x"
    assert "saved with every likely record at 1x 0.070 s" in text_report(_result(2.0))


def found_fail(result: BenchResult) -> bool:
    found = {c.what: c for c in checks(result)}
    return found["extraction time per doubling of a text's length"].verdict == "fail"


def test_the_classifier_alone_scores_every_sentence_of_every_pass(monkeypatch) -> None:
    from democdash.extract import option_model
    from democdash.extract.sentences import split_sentences

    texts = synthetic_articles(count=2, words=200)
    scored = []
    real = option_model.OptionModel.score

    def counted(self, features, context=None):
        scored.append(features)
        return real(self, features, context)

    monkeypatch.setattr(option_model.OptionModel, "score", counted)
    report = classifier_throughput(texts, passes=3)
    sentences = sum(len(split_sentences(t)) for t in texts)
    assert len(scored) == sentences * 4  # a warm-up pass and three timed ones
    assert any("cue:oblige" in f for f in scored)  # the features, not empty sets
    assert report["articles"] == 2 and len(report["pass_seconds"]) == 3
    assert report["articles_per_s"] == pytest.approx(2 / report["seconds"], rel=0.05)


def test_the_classifier_alone_is_reported_beside_the_pipeline_and_judged() -> None:
    result = _result(2.0)
    result.extraction.update(seconds=0.5, articles_per_s=100.0)
    result.extraction["classifier"] = {"articles_per_s": 250.0, "seconds": 0.2}
    found = {c.what: c for c in checks(result)}
    alone = found["the option classifier alone (sentences, features, score), same articles"]
    assert alone.verdict == "pass" and alone.value == "250.0 articles/s"
    assert found["extraction, 1,000-word articles on one core"].verdict == "fail"
    assert "option classifier alone (splitting sentences" in text_report(result)
    assert "250.0 articles/s (40% of the time)" in text_report(result)
