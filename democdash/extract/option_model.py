"""The trained policy-option model, read from JSON and applied in plain Python.

The model is a logistic regression over the named binary features of
`democdash.extract.features` (plus every pair of a sentence's own cues, `x:cue:a|cue:b`, and the
same cues of the sentences before and after, prefixed `prev:` and `next:`: `with_context`),
trained by `democdash.extract.training` (scikit-learn, the `train`
extra) and exported as JSON: nothing is unpickled and scikit-learn is not needed at run time.
A sentence's score is `sigmoid(bias + sum of the weights of its features + the mean word score
of its words)`; features the model does not know weigh nothing. The word scores carry what the
regression learned from word vectors (WordLlama's static embeddings, at training time only): the
mean vector of a sentence's words times the regression's coefficients is the mean of each word's
vector times them, so each word's share is one number, kept for the common English words of the
embedding's vocabulary, including words no training article used.

The file also holds the two thresholds chosen on the training articles only (`likely`: the
candidates listed as policy options; `possible`: the ones folded as "also possible"), a small
multinomial model for the stance of an option, and where it came from (the data's hash, the
articles, the scores).

Which model file is used (`model_path`): `DEMOCDASH_OPTION_MODEL` names one; otherwise the
committed `option_model.json` beside this module. For leave-one-article-out evaluation,
`DEMOCDASH_OPTION_MODEL_MAP` names a JSON object mapping an article text's SHA-256 to the model
file to use for that text (each article scored by the model that did not see it); a text not
in the map gets the model above.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

#: Format tag written into every model file; a file with another tag is refused.
FORMAT = "democdash-option-model/1"
DEFAULT_MODEL = Path(__file__).with_name("option_model.json")
MODEL_ENV = "DEMOCDASH_OPTION_MODEL"
MODEL_MAP_ENV = "DEMOCDASH_OPTION_MODEL_MAP"
#: Prefixes of the cues of neighbouring sentences, and which of a neighbour's features count.
CONTEXT_PREFIXES = ("cue:", "shape:", "subj:")


class OptionModelError(ValueError):
    """A model file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class OptionModel:
    """Weights and thresholds of the option classifier and of the stance model."""

    bias: float
    weights: dict[str, float]
    likely: float
    possible: float
    stances: tuple[str, ...] = ()
    stance_bias: tuple[float, ...] = ()
    stance_weights: dict[str, tuple[float, ...]] = field(default_factory=dict)
    #: Word feature (`w:word`) -> its share of the word-vector term (see the module docstring).
    word_scores: dict[str, float] = field(default_factory=dict)
    source: str = ""
    meta: dict = field(default_factory=dict)
    #: Feature -> (weight, word share or None): one lookup a feature (made from the two above).
    _table: dict[str, tuple[float, float | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: The context features' weights and stance rows, by the cues that make them.
    _context: _ContextTables | None = field(default=None, init=False, repr=False, compare=False)
    _stance_context: _ContextTables | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        table = {name: (w, None) for name, w in self.weights.items()}
        for name, v in self.word_scores.items():
            table[name] = (table.get(name, (0.0, None))[0], v)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_context", _ContextTables.of(self.weights))
        object.__setattr__(self, "_stance_context", _ContextTables.of(self.stance_weights))

    def score(self, features: Iterable[str], context: Context | None = None) -> float:
        """The probability (0..1) that a sentence with these features is a policy option;
        `context` adds the features its own cues and its neighbours make (the same score as
        its features with `Context.features` added, without making their names)."""
        z = self.bias
        words = 0.0
        n_words = 0
        # the features the model knows, found in C: most of a sentence's are not among them
        for weight, share in filter(None, map(self._table.get, features)):
            z += weight
            if share is not None:
                words += share
                n_words += 1
        if n_words:
            z += words / n_words
        if context is not None:
            z += sum(self._context.rows(context))
        return _sigmoid(z)

    def stance(self, features: Iterable[str], context: Context | None = None) -> str | None:
        """The most likely stance of an option sentence (a `Stance` value), None without a
        stance model; `context` as for `score`."""
        if not self.stances:
            return None
        rows = list(filter(None, map(self.stance_weights.get, features)))
        if context is not None:
            rows += self._stance_context.rows(context)
        totals = list(map(sum, zip(self.stance_bias, *rows, strict=True)))
        return self.stances[max(range(len(totals)), key=totals.__getitem__)]


@dataclass(frozen=True, slots=True)
class Context:
    """What a sentence's features gain from its place in the article (see `with_context`):
    every pair of its own cues, and the cues (`CONTEXT_PREFIXES`) of the sentences before
    and after it. Kept as the cues themselves; `features` makes the named features."""

    cues: Collection[str]
    before: Collection[str] = ()
    after: Collection[str] = ()

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every pair of the sentence's own `cue:` features, each in sorted order."""
        return combinations(sorted(c for c in self.cues if c.startswith("cue:")), 2)

    def features(self) -> list[str]:
        """The named context features: `prev:`, `next:` and `x:a|b`."""
        return [
            *["prev:" + c for c in self.before],
            *["next:" + c for c in self.after],
            *[f"x:{a}|{b}" for a, b in self.pairs()],
        ]


@dataclass(frozen=True)
class _ContextTables:
    """A model's weights (or stance weight rows) of context features, by the cue that makes
    them: `prev:c` under `c` in `before`, `next:c` in `after`, `x:a|b` under `(a, b)`."""

    before: dict
    after: dict
    pairs: dict
    #: The cues of any weighted pair: a sentence's other cues make no pair worth looking up.
    paired: frozenset[str]

    @classmethod
    def of(cls, weights: dict) -> _ContextTables:
        before, after, pairs = {}, {}, {}
        for name, w in weights.items():
            if name.startswith("prev:"):
                before[name[5:]] = w
            elif name.startswith("next:"):
                after[name[5:]] = w
            elif name.startswith("x:"):
                a, _, b = name[2:].partition("|")
                if a.startswith("cue:") and b.startswith("cue:"):
                    pairs[a, b] = w
        return cls(before, after, pairs, frozenset(c for pair in pairs for c in pair))

    def rows(self, context: Context) -> list:
        """The weights (or rows) of the context features a sentence has."""
        cues = sorted(self.paired.intersection(context.cues))
        return [
            *filter(None, map(self.before.get, context.before)),
            *filter(None, map(self.after.get, context.after)),
            *filter(None, map(self.pairs.get, combinations(cues, 2))),
        ]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def with_context(own: Iterable[set[str]]) -> Iterator[set[str]]:
    """Each sentence's features plus every pair of its own cues (`x:a|b`: "should" with a
    past-tense report reads otherwise than with an instrument) and the cues of the sentence
    before (`prev:`) and after (`next:`), in article order. Streamed with one sentence of
    lookahead, so that a long text's feature sets are never all held at once."""
    return with_given_context(
        (set(feats), [f for f in feats if f.startswith(CONTEXT_PREFIXES)]) for feats in own
    )


def with_given_context(own: Iterable[tuple[set[str], Collection[str]]]) -> Iterator[set[str]]:
    """`with_context` of (features, the ones of them a neighbour sees) pairs, as
    `features.sentence_features_and_context` makes them; each set is extended in place."""
    for feats, context in in_context(own):
        feats.update(context.features())
        yield feats


def in_context(
    own: Iterable[tuple[set[str], Collection[str]]],
) -> Iterator[tuple[set[str], Context]]:
    """(features, the ones of them a neighbour sees) pairs as (features, `Context`): what
    `with_given_context` adds, for the model to weigh without making the features' names
    (about a fifth of the pipeline's time when it made them). One sentence of lookahead."""
    previous: Collection[str] = ()
    pending: tuple[set[str], Collection[str], Collection[str]] | None = None
    for feats, cues in own:
        if pending is not None:
            yield pending[0], Context(pending[1], pending[2], cues)
        pending = (feats, cues, previous)
        previous = cues
    if pending is not None:
        yield pending[0], Context(pending[1], pending[2])


def read_model(path: Path) -> OptionModel:
    """The model in a JSON file written by `democdash.extract.training`; OptionModelError
    naming the file and the field when it is missing, not JSON or not a model."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OptionModelError(
            f"{path}: cannot read the option model ({exc.strerror or exc})"
        ) from None
    except json.JSONDecodeError as exc:
        raise OptionModelError(f"{path}: the option model is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OptionModelError(f"{path}: not an option model (format is not {FORMAT!r})")
    try:
        stance = data.get("stance") or {}
        return OptionModel(
            bias=float(data["bias"]),
            weights={str(k): float(v) for k, v in data["weights"].items()},
            likely=float(data["thresholds"]["likely"]),
            possible=float(data["thresholds"]["possible"]),
            stances=tuple(stance.get("classes", ())),
            stance_bias=tuple(float(b) for b in stance.get("bias", ())),
            stance_weights={
                str(k): tuple(float(x) for x in v) for k, v in stance.get("weights", {}).items()
            },
            word_scores={
                "w:" + str(k): float(v) for k, v in (data.get("word_scores") or {}).items()
            },
            source=str(path),
            meta={
                k: data[k] for k in ("trained_on", "params", "scores", "embeddings") if k in data
            },
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise OptionModelError(f"{path}: option model field missing or malformed: {exc}") from None


def model_path() -> Path:
    """The model file in force: `DEMOCDASH_OPTION_MODEL`, else the committed one."""
    named = os.environ.get(MODEL_ENV)
    return Path(named) if named else DEFAULT_MODEL


def model_map() -> dict[str, Path]:
    """Text SHA-256 -> model file, from the JSON file `DEMOCDASH_OPTION_MODEL_MAP` names
    (empty when it is not set); relative paths are read from the map file's folder."""
    named = os.environ.get(MODEL_MAP_ENV)
    if not named:
        return {}
    path = Path(named)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OptionModelError(f"{path}: cannot read the option model map ({exc})") from None
    if not isinstance(data, dict):
        raise OptionModelError(f"{path}: the option model map is not a JSON object")
    return {str(k): path.parent / str(v) for k, v in data.items()}


class ModelChooser:
    """The model for each text: the one the model map names for its hash, else the default.
    Models named in the map are read on first use and kept by this chooser (one per
    `Extractor`; no module-level cache)."""

    def __init__(self, default: OptionModel, by_hash: dict[str, Path] | None = None):
        self.default = default
        self._paths = dict(by_hash or {})
        self._loaded: dict[Path, OptionModel] = {}

    def for_text(self, text_sha256: str) -> OptionModel:
        path = self._paths.get(text_sha256)
        if path is None:
            return self.default
        model = self._loaded.get(path)
        if model is None:
            model = self._loaded[path] = read_model(path)
        return model


def load_chooser() -> ModelChooser:
    """The model chooser the environment asks for (see the module docstring)."""
    return ModelChooser(read_model(model_path()), model_map())
