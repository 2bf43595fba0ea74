"""The option regression weighs each feature by its naive-Bayes log-count ratio (NB-SVM), and
the exported weights score a sentence exactly as the fitted regression does."""

import numpy as np
import pytest

from democdash.extract.training import PARAMS, Article, _fit_binary, _scores, nb_ratios

pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")


def _article(name: str, rows: list[tuple[set[str], bool]]) -> Article:
    return Article(
        name=name,
        text="",
        annotation={"policy_options": []},
        sentences=["s"] * len(rows),
        features=[feats for feats, _ in rows],
        labels=["recommends" if is_option else None for _, is_option in rows],
    )


def test_a_features_ratio_says_which_class_it_is_seen_in():
    from scipy import sparse

    # columns: only in options, only in other sentences, in both alike
    matrix = sparse.csr_matrix(np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]]))
    ratios = nb_ratios(matrix, [True, True, False, False], alpha=0.5)
    assert ratios[0] > 0 > ratios[1]
    assert ratios[2] == pytest.approx(0.0)
    assert list(nb_ratios(matrix, [True, True, False, False], alpha=0)) == [1, 1, 1]


def test_exported_weights_score_as_the_regression_on_ratio_valued_features():
    from sklearn.linear_model import LogisticRegression

    option, report = {"cue:should", "cue:modal"}, {"cue:past", "cue:said"}
    rows = [(option | {"cue:eu"}, True), (report | {"cue:eu"}, False), (report, False)] * 4
    rows += [({"cue:modal", "cue:past"}, False), ({"cue:should"}, True)]
    articles = [_article(f"{n:02}", rows) for n in range(3)]
    params = {**PARAMS, "nb_alpha": 0.5, "min_articles": 1}
    bias, weights, words = _fit_binary(articles, params, vectors=None)
    plain = _fit_binary(articles, {**params, "nb_alpha": 0}, vectors=None)[1]
    assert weights != plain  # the ratios change what the regression learns

    names = sorted(set().union(*(f for f, _ in rows)))
    x = np.array([[name in f for name in names] for a in articles for f in a.features], float)
    y = [label is not None for a in articles for label in a.labels]
    ratios = nb_ratios(x, y, 0.5)
    fitted = LogisticRegression(C=params["C"], max_iter=5000, class_weight="balanced")
    fitted.fit(x * ratios, y)
    expected = fitted.predict_proba(x[: len(rows)] * ratios)[:, 1]
    assert _scores(bias, weights, words, articles[0]) == pytest.approx(expected, abs=1e-3)
