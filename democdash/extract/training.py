"""Train the policy-option model from an annotated development set and export it as JSON.

Needs the `train` extra (scikit-learn) and the annotated articles (`NN.json` with
`text/NN.txt`, as in `../shared/extraction-dev`); never imported at run time.

    python -m democdash.extract.training [--dev DIR] [--out FILE] [--exclude NN ...]

What it does, every step seeded and deterministic:

1. splits each article into sentences and computes their features exactly as the pipeline does
   (`democdash.extract.options.option_features`);
2. labels a sentence an option when an annotated option quote covers at least half of it or it
   covers at least half of the quote (the quote's place in the text, not its words);
3. keeps the word features seen in at least `min_articles` training articles (so that no
   article's names or pet phrases carry weight), gives each its naive-Bayes log-count ratio
   as its value (`nb_ratios`), adds each sentence's mean word vector (WordLlama's static
   embeddings of its words that are whole words of the embedding's vocabulary, times
   `embedding_scale`), and fits an L2 logistic regression; the vector
   coefficients are exported as one score per vocabulary word (`word_scores`, see
   `democdash.extract.option_model`), so that run time needs neither WordLlama nor numpy;
4. chooses the thresholds on the training articles only, from out-of-fold scores of an inner
   cross-validation grouped by article: `likely` is the lowest threshold whose precision
   reaches `target_precision`, `possible` the one whose recall reaches `possible_recall`, both
   as the shared scorer counts them (sentences matched by its rule; precision is annotations
   matched over those plus the predicted sentences that match none);
5. fits a multinomial stance model on the option sentences;
6. writes weights, thresholds, the parameters, the data's SHA-256 and the inner scores as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from democdash.extract.option_model import FORMAT

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

#: Training parameters (chosen by leave-one-article-out on the development set; see
#: docs/extraction.md).
PARAMS = {
    "C": 0.05,
    "min_articles": 2,
    "inner_folds": 10,
    "target_precision": 0.6,
    "possible_recall": 0.9,
    "stance_C": 0.3,
    "min_words": 3,
    "embedding_scale": 1.0,
    "nb_alpha": 0.5,
}
#: The word vectors: WordLlama's 256-dimension model, shipped in its wheel (no download).
EMBEDDING_MODEL = "l2_supercat"
EMBEDDING_DIM = 256
#: Vocabulary entries used as words: lower-case whole words of two letters or more.
_WHOLE_WORD = re.compile(r"▁([a-z]{2,})")
REPO = Path(__file__).resolve().parents[2]
DEFAULT_DEV = REPO.parent / "shared" / "extraction-dev"
DEFAULT_SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"
WORD_PREFIXES = ("w:", "b:", "first:")


@dataclass
class Article:
    """One annotated article: its name (`NN`), text, annotation, and the labelled sentences."""

    name: str
    text: str
    annotation: dict
    sentences: list[str]
    features: list[set[str]]
    labels: list[str | None]  # the stance of the option a sentence is, else None
    matches: list[frozenset[int]] | None = None  # the quotes each sentence matches
    vectors: np.ndarray | None = None  # each sentence's mean word vector, made on first use


@dataclass(frozen=True)
class WordVectors:
    """Word vectors by word feature (`w:word` -> row of `matrix`), and where they came from."""

    rows: dict[str, int]
    matrix: np.ndarray  # one row per word
    words: list[str]
    source: dict[str, str]


def word_vectors() -> WordVectors:
    """WordLlama's vectors of the whole lower-case words in its vocabulary (the `train` extra;
    the weights ship in the wheel, nothing is downloaded)."""
    import importlib.metadata

    import wordllama

    model = wordllama.WordLlama.load(
        config=EMBEDDING_MODEL,
        dim=EMBEDDING_DIM,
        cache_dir=Path(wordllama.__file__).parent,
        disable_download=True,
    )
    found = sorted(
        (m.group(1), i)
        for token, i in model.tokenizer.get_vocab().items()
        if (m := _WHOLE_WORD.fullmatch(token))
    )
    words = [w for w, _ in found]
    return WordVectors(
        rows={f"w:{w}": n for n, w in enumerate(words)},
        matrix=model.embedding[[i for _, i in found]],
        words=words,
        source={
            "package": "wordllama",
            "version": importlib.metadata.version("wordllama"),
            "model": f"{EMBEDDING_MODEL}_{EMBEDDING_DIM}",
            "licence": "MIT",
        },
    )


def sentence_vectors(article: Article, vectors: WordVectors) -> np.ndarray:
    """Each sentence's mean vector over its word features that have one (zeros when none);
    the same mean the model's word scores make at run time."""
    import numpy as np

    if article.vectors is None:
        out = np.zeros((len(article.features), vectors.matrix.shape[1]), dtype=np.float32)
        for n, feats in enumerate(article.features):
            rows = [vectors.rows[f] for f in feats if f in vectors.rows]
            if rows:
                out[n] = vectors.matrix[rows].mean(axis=0)
        article.vectors = out
    return article.vectors


def dev_dir() -> Path:
    """The development set: `DEMOCDASH_EXTRACTION_DEV_DIR`, else ../shared/extraction-dev."""
    return Path(os.environ.get("DEMOCDASH_EXTRACTION_DEV_DIR") or DEFAULT_DEV)


def scorer_path() -> Path:
    """The shared scorer: `DEMOCDASH_SCORER`, else ../shared/tools/score_extraction.py."""
    return Path(os.environ.get("DEMOCDASH_SCORER") or DEFAULT_SCORER)


def scorer_overlap() -> Callable[[str, str], bool]:
    """The shared scorer's sentence match (`overlap`), imported from its file, unchanged."""
    path = scorer_path()
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise FileNotFoundError(f"no shared scorer at {path} (set DEMOCDASH_SCORER)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.overlap


def annotation_files(folder: Path) -> list[Path]:
    """The annotation files of a development set, in name order."""
    return sorted(folder.glob("[0-9][0-9].json"))


def data_sha256(folder: Path, names: Sequence[str] | None = None) -> str:
    """SHA-256 over the annotation files and their texts (in name order), to record which
    data a model was trained on."""
    digest = hashlib.sha256()
    for path in annotation_files(folder):
        if names is not None and path.stem not in names:
            continue
        annotation = json.loads(path.read_text(encoding="utf-8"))
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        digest.update((folder / annotation["text_file"]).read_bytes())
    return digest.hexdigest()


def load_articles(folder: Path) -> list[Article]:
    """Every annotated article of `folder`, its sentences featurised and labelled."""
    from democdash.extract.countries import find_mentions
    from democdash.extract.gazetteer import load_gazetteer
    from democdash.extract.options import option_features
    from democdash.extract.sentences import split_sentences

    gazetteer = load_gazetteer()
    out: list[Article] = []
    for path in annotation_files(folder):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        text = (folder / annotation["text_file"]).read_text(encoding="utf-8")
        sentences = split_sentences(text)
        mentions = find_mentions(text, gazetteer)
        features = option_features(sentences, mentions)
        spans = []
        for option in annotation.get("policy_options", []):
            at = text.find(option["quote"])
            if at < 0:
                raise ValueError(f"{path}: option quote not in the text: {option['quote'][:60]!r}")
            spans.append((at, at + len(option["quote"]), option["stance"]))
        labels = [_label(s.start, s.end, spans) for s in sentences]
        out.append(
            Article(path.stem, text, annotation, [s.text for s in sentences], features, labels)
        )
    return out


def _label(start: int, end: int, spans: list[tuple[int, int, str]]) -> str | None:
    for a, b, stance in spans:
        inside = min(b, end) - max(a, start)
        if inside > 0 and (inside >= 0.5 * (end - start) or inside >= 0.5 * (b - a)):
            return stance
    return None


def _vocabulary(articles: Sequence[Article], min_articles: int) -> set[str]:
    """Cue features always; word features seen in at least `min_articles` articles."""
    seen: dict[str, int] = {}
    for article in articles:
        for name in set().union(*article.features) if article.features else ():
            seen[name] = seen.get(name, 0) + 1
    return {
        name
        for name, count in seen.items()
        if count >= min_articles or not name.startswith(WORD_PREFIXES)
    }


def _fit_binary(
    articles: Sequence[Article], params: dict, vectors: WordVectors | None
) -> tuple[float, dict[str, float], dict[str, float]]:
    """(bias, feature weights, word scores by word feature) of the option regression."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = _vocabulary(articles, params["min_articles"])
    rows = [
        dict.fromkeys((f for f in feats if f in vocab), 1) for a in articles for feats in a.features
    ]
    labels = [label is not None for a in articles for label in a.labels]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    ratios = nb_ratios(matrix, labels, params["nb_alpha"])
    matrix = matrix.multiply(ratios).tocsr()
    scale = params["embedding_scale"]
    if vectors is not None and scale:
        dense = np.vstack([sentence_vectors(a, vectors) for a in articles]) * scale
        matrix = sparse.hstack([matrix, sparse.csr_matrix(dense)]).tocsr()
    model = LogisticRegression(C=params["C"], max_iter=5000, class_weight="balanced")
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    # a feature's value was its ratio, so its weight on the 0/1 feature is coefficient x ratio
    weights = {
        str(name): round(float(w * r), 4)
        for name, w, r in zip(names, coef[: len(names)], ratios, strict=True)
        if abs(w * r) >= 1e-3
    }
    word_scores: dict[str, float] = {}
    if vectors is not None and scale:
        shares = vectors.matrix @ coef[len(names) :] * scale
        word_scores = {
            f"w:{w}": round(float(v), 4) for w, v in zip(vectors.words, shares, strict=True)
        }
    return float(model.intercept_[0]), weights, word_scores


def nb_ratios(
    matrix: np.ndarray | sparse.spmatrix, labels: Sequence[bool], alpha: float | None
) -> np.ndarray:
    """Each feature's naive-Bayes log-count ratio, log(share among options / share among other
    sentences) with `alpha` added to every count; all ones when `alpha` is falsy.

    Used as the feature's value in the regression (NB-SVM, Wang and Manning 2012): a feature's
    prior evidence sets its scale, so that the regularised fit keeps the cues that separate
    options and shrinks the ones that do not. It raised leave-one-article-out option recall
    from 0.74 to 0.77 at precision 0.61 (see docs/extraction.md).
    """
    import numpy as np

    if not alpha:
        return np.ones(matrix.shape[1])
    y = np.asarray(labels, dtype=bool)
    positive = alpha + np.asarray(matrix[y].sum(axis=0)).ravel()
    negative = alpha + np.asarray(matrix[~y].sum(axis=0)).ravel()
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def _fit_stance(articles: Sequence[Article], params: dict) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = _vocabulary(articles, params["min_articles"])
    rows, labels = [], []
    for a in articles:
        for feats, label in zip(a.features, a.labels, strict=True):
            if label is not None:
                rows.append(
                    dict.fromkeys((f for f in feats if f in vocab and not f.startswith("b:")), 1)
                )
                labels.append(label)
    if len(set(labels)) < 2:
        return {}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=params["stance_C"], max_iter=5000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = [round(float(model.coef_[i][j]), 3) for i in range(len(model.classes_))]
        if any(abs(x) >= 0.01 for x in column):
            weights[str(name)] = column
    return {
        "classes": [str(c) for c in model.classes_],
        "bias": [round(float(b), 5) for b in model.intercept_],
        "weights": weights,
    }


def _scores(
    bias: float, weights: dict[str, float], word_scores: dict[str, float], article: Article
) -> list[float]:
    from democdash.extract.option_model import OptionModel

    model = OptionModel(
        bias=bias, weights=weights, likely=0.5, possible=0.5, word_scores=word_scores
    )
    return [model.score(feats) for feats in article.features]


def _matches(article: Article, overlap: Callable[[str, str], bool]) -> list[frozenset[int]]:
    """For each sentence, the indices of the annotated quotes it matches (computed once)."""
    if article.matches is None:
        quotes = [o["quote"] for o in article.annotation.get("policy_options", [])]
        article.matches = [
            frozenset(j for j, q in enumerate(quotes) if overlap(q, s)) for s in article.sentences
        ]
    return article.matches


def sentence_scores(
    predicted: Sequence[tuple[Article, list[float]]],
    threshold: float,
    overlap: Callable[[str, str], bool],
    min_words: int,
) -> tuple[int, int, int, int]:
    """(annotations matched, annotations, predictions matched, predictions) of the sentences
    scored at or above `threshold`, matched as the shared scorer matches them."""
    found = total = hits = count = 0
    for article, scores in predicted:
        matches = _matches(article, overlap)
        matched: set[int] = set()
        for s, p, m in zip(article.sentences, scores, matches, strict=True):
            if p >= threshold and len(s.split()) >= min_words:
                count += 1
                hits += bool(m)
                matched |= m
        found += len(matched)
        total += len(article.annotation.get("policy_options", []))
    return found, total, hits, count


def scorer_precision(found: int, extra: int) -> float:
    """The shared scorer's option precision: annotations matched over those plus the predicted
    sentences that match none (so a sentence holding two annotated options counts twice)."""
    return found / (found + extra) if found + extra else 0.0


def choose_thresholds(
    predicted: Sequence[tuple[Article, list[float]]],
    overlap: Callable[[str, str], bool],
    params: dict,
) -> dict:
    """`likely` and `possible` thresholds from out-of-fold scores (see the module docstring),
    with the recall and precision each gives on those scores."""
    curve = []
    for step in range(10, 91):
        threshold = step / 100
        found, total, hits, count = sentence_scores(
            predicted, threshold, overlap, params["min_words"]
        )
        recall = found / total if total else 0.0
        precision = scorer_precision(found, count - hits)
        curve.append((threshold, recall, precision))
    good = [c for c in curve if c[2] >= params["target_precision"]]
    if good:
        likely = max(good, key=lambda c: (c[1], -c[0]))
    else:  # no threshold reaches the precision: the best F1
        likely = max(curve, key=lambda c: 2 * c[1] * c[2] / (c[1] + c[2] or 1))
    wide = [c for c in curve if c[1] >= params["possible_recall"] and c[0] <= likely[0]]
    possible = max(wide, key=lambda c: c[0]) if wide else curve[0]
    return {
        "likely": likely[0],
        "possible": min(possible[0], likely[0]),
        "inner_likely_recall": round(likely[1], 3),
        "inner_likely_precision": round(likely[2], 3),
        "inner_possible_recall": round(possible[1], 3),
        "inner_possible_precision": round(possible[2], 3),
    }


def _inner_folds(articles: Sequence[Article], folds: int) -> list[list[int]]:
    """Article indices split into `folds` groups, round robin (deterministic)."""
    groups: list[list[int]] = [[] for _ in range(max(2, min(folds, len(articles))))]
    for i in range(len(articles)):
        groups[i % len(groups)].append(i)
    return groups


def train(
    articles: Sequence[Article],
    overlap: Callable[[str, str], bool],
    params: dict | None = None,
    vectors: WordVectors | None = None,
) -> dict:
    """The model (a JSON-ready dict) trained on `articles`, thresholds chosen inside them
    (`vectors`: the word vectors, loaded when not given)."""
    params = {**PARAMS, **(params or {})}
    vectors = vectors if vectors is not None else word_vectors()
    predicted: list[tuple[Article, list[float]]] = []
    for held_out in _inner_folds(articles, params["inner_folds"]):
        fit_on = [a for i, a in enumerate(articles) if i not in held_out]
        bias, weights, words = _fit_binary(fit_on, params, vectors)
        predicted += [(articles[i], _scores(bias, weights, words, articles[i])) for i in held_out]
    thresholds = choose_thresholds(predicted, overlap, params)
    bias, weights, words = _fit_binary(articles, params, vectors)
    return {
        "format": FORMAT,
        "params": params,
        "thresholds": {"likely": thresholds["likely"], "possible": thresholds["possible"]},
        "inner_cv": {k: v for k, v in thresholds.items() if k.startswith("inner_")},
        "bias": round(bias, 5),
        "weights": dict(sorted(weights.items())),
        "word_scores": {w.removeprefix("w:"): v for w, v in sorted(words.items())},
        "embeddings": {**vectors.source, "words": len(vectors.words)},
        "stance": _fit_stance(articles, params),
    }


_NUMBER_LIST = re.compile(r"\[\s*(-?[\d.e-]+(?:,\s*-?[\d.e-]+)*)\s*\]")


def write_model(model: dict, path: Path) -> None:
    """Write a model dict as JSON: sorted keys, one feature a line (a list of numbers on its
    line), so that a retrained model's diff shows what changed."""
    text = json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False)
    text = _NUMBER_LIST.sub(lambda m: "[" + re.sub(r"\s+", "", m.group(1)) + "]", text)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Train on the development set (all articles, or all but --exclude) and write the model."""
    parser = argparse.ArgumentParser(prog="python -m democdash.extract.training")
    parser.add_argument("--dev", type=Path, default=None, help="annotated set (default: shared)")
    parser.add_argument("--out", type=Path, default=None, help="model file to write")
    parser.add_argument("--exclude", nargs="*", default=[], help="article names to leave out")
    args = parser.parse_args(argv)
    folder = args.dev or dev_dir()
    articles = [a for a in load_articles(folder) if a.name not in set(args.exclude)]
    model = train(articles, scorer_overlap())
    names = [a.name for a in articles]
    model["trained_on"] = {
        "folder": folder.name,
        "articles": names,
        "data_sha256": data_sha256(folder, names),
    }
    from democdash.extract.option_model import DEFAULT_MODEL

    out = args.out or DEFAULT_MODEL
    write_model(model, out)
    inner = model["inner_cv"]
    print(
        f"wrote {out}: {len(model['weights'])} weights, thresholds {model['thresholds']}, "
        f"inner CV recall {inner['inner_likely_recall']} precision "
        f"{inner['inner_likely_precision']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
