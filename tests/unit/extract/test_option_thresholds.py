"""The likely threshold is chosen on the shared scorer's precision."""

from democdash.extract.training import PARAMS, Article, choose_thresholds


def _article(sentences: list[str], quotes: list[str]) -> Article:
    return Article(
        name="01",
        text=" ".join(sentences),
        annotation={"policy_options": [{"quote": q} for q in quotes]},
        sentences=sentences,
        features=[set() for _ in sentences],
        labels=[None for _ in sentences],
    )


def test_a_sentence_holding_two_options_counts_twice_in_precision_as_the_scorer_counts_it():
    two, one, other = (
        "The EU should impose sanctions and cut aid.",
        "Minsk rejected any talks with the opposition.",
        "The weather in Minsk was cold that week.",
    )
    article = _article([two, one, other], quotes=[two, two, one])
    scores = [0.9, 0.05, 0.5]  # `one` is never predicted; `other` from 0.5 down
    chosen = choose_thresholds([(article, scores)], lambda a, b: a in b or b in a, PARAMS)
    # At 0.5 and below, 2 annotations matched and 1 extra sentence: the scorer's precision is
    # 2/3, so the lowest threshold with the best recall is taken (1 of 2 predicted sentences
    # matching would have been 0.5, below the 0.6 target, and kept the threshold above 0.5).
    assert chosen["likely"] == 0.1
    assert chosen["inner_likely_precision"] == round(2 / 3, 3)
    assert chosen["inner_likely_recall"] == round(2 / 3, 3)
