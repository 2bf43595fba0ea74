"""Leave-one-article-out (LOAO) evaluation of the extraction, by the shared scorer, unchanged.

    scripts/eval_extraction [--dev DIR] [--folds N] [--keep DIR] [-v]

For each annotated article it trains an option model on the other articles (thresholds chosen
inside them, `democdash.extract.training`) and writes a JSON map from the article text's
SHA-256 to that fold's model file. It then runs `../shared/tools/score_extraction.py` twice:
once with `DEMOCDASH_OPTION_MODEL_MAP` naming that map, so each article is extracted by the
model that never saw it and the scorer's own printed figures are the LOAO micro-averages, and
once with a model trained on every article (the training-set figures, to show the gap). Both
are printed side by side with the scorer's lines verbatim.

Then it reports, without targets, where the misses are (each article extracted in process with
its fold's model): dates missed and extra by kind (absolute, year only, deictic, anaphoric),
options missed by stance, stance, target and holder agreement on the options found (the
holder's rule is `holder_agrees`), recall and precision with
the folded "also possible" candidates added (`FoldedCount`), and per fold the event
recall and person precision (how those are matched is in `event_found` and `person_found`).

`--folds N` evaluates the first N articles only (a quick check; CI uses it); the scorer is then
run on a copy of the set that holds those articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from democdash.extract import training

_LINE = re.compile(
    r"countries P=(?P<cp>[\d.]+) R=(?P<cr>[\d.]+) F1=(?P<cf>[\d.]+); "
    r"dates P=(?P<dp>[\d.]+) R=(?P<dr>[\d.]+) F1=(?P<df>[\d.]+)\s+"
    r"options recall=(?P<orc>[\d.]+) precision=(?P<op>[\d.]+)"
)
_FIGURES = (
    ("country F1", "cf"),
    ("country precision", "cp"),
    ("country recall", "cr"),
    ("date F1", "df"),
    ("date precision", "dp"),
    ("date recall", "dr"),
    ("option recall", "orc"),
    ("option precision", "op"),
)
TARGETS = {"cf": 0.97, "df": 0.92, "orc": 0.8, "op": 0.6}


@dataclass
class ScorerRun:
    """One run of the shared scorer: its output and the figures parsed from it."""

    output: str
    returncode: int
    figures: dict[str, float] = field(default_factory=dict)

    def meets_targets(self) -> bool:
        return bool(self.figures) and all(self.figures[k] >= v for k, v in TARGETS.items())


def _scorer_module():
    path = training.scorer_path()
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise FileNotFoundError(f"no shared scorer at {path} (set DEMOCDASH_SCORER)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_scorer(folder: Path, env_extra: dict[str, str], verbose: bool = False) -> ScorerRun:
    """Run the shared scorer on `folder` with this interpreter's `democdash` first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    for key in ("DEMOCDASH_OPTION_MODEL", "DEMOCDASH_OPTION_MODEL_MAP"):
        env.pop(key, None)
    env.update(env_extra)
    command = [sys.executable, str(training.scorer_path()), str(folder)]
    if verbose:
        command.append("-v")
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    output = run.stdout + run.stderr
    m = _LINE.search(output)
    figures = {k: float(v) for k, v in m.groupdict().items()} if m else {}
    return ScorerRun(output, run.returncode, figures)


def _subset(folder: Path, names: set[str], into: Path) -> Path:
    """A copy of the annotated set holding only the named articles (for --folds)."""
    (into / "text").mkdir(parents=True)
    for path in training.annotation_files(folder):
        if path.stem in names:
            shutil.copy(path, into / path.name)
            annotation = json.loads(path.read_text(encoding="utf-8"))
            shutil.copy(folder / annotation["text_file"], into / annotation["text_file"])
    return into


def fold_models(
    articles: Sequence[training.Article], folds: int, into: Path, overlap
) -> dict[str, str]:
    """Train the first `folds` leave-one-out models into `into`; text SHA-256 -> file name."""
    mapping: dict[str, str] = {}
    vectors = training.word_vectors()
    for article in articles[:folds]:
        rest = [a for a in articles if a is not article]
        model = training.train(rest, overlap, vectors=vectors)
        model["trained_on"] = {"articles": [a.name for a in rest], "held_out": article.name}
        name = f"fold-{article.name}.json"
        training.write_model(model, into / name)
        from democdash.text import sha256

        mapping[sha256(article.text)] = name
    (into / "map.json").write_text(json.dumps(mapping, indent=1), encoding="utf-8")
    return mapping


# --- per-category diagnostics -------------------------------------------------------------


def date_kind(annotation: dict) -> str:
    """The kind of an annotated date: anaphoric, deictic, year only or absolute."""
    if annotation.get("relative"):
        return "anaphoric" if annotation.get("anchor") else "deictic"
    return "year only" if len(str(annotation["iso"])) == 4 else "absolute"


def predicted_kind(found: dict) -> str:
    """The kind of an extracted date, named as `date_kind` names annotations."""
    kind = found.get("kind")
    if kind in ("anaphoric", "deictic"):
        return kind
    return "year only" if found.get("precision") == "year" else "absolute"


def event_found(gold: dict, predicted: Sequence[dict], date_ok, words) -> bool:
    """An annotated event counts as found when a candidate event has its country and, if both
    are dated, a date that agrees by the scorer's rule; an undated one also needs a third of
    the summary's content words in the candidate's sentence."""
    for event in predicted:
        if gold.get("country") and event.get("country") != gold["country"]:
            continue
        if gold.get("date") and event.get("date"):
            if date_ok(event["date"], gold["date"]):
                return True
            continue
        summary = words(gold.get("summary", ""))
        if summary and len(summary & words(event["sentence"])) >= len(summary) / 3:
            return True
    return False


def person_found(name: str, gold: Sequence[dict]) -> bool:
    """A person found is an annotated one when the names match across transliterations, or
    one name contains the other (a surname found alone)."""
    from democdash.extract.names import names_match

    low = name.lower()
    for person in gold:
        other = person["name"].lower()
        if names_match(name, person["name"]) or low in other or other in low:
            return True
    return False


_HOLDER_STOP = frozenset(("the", "and", "government", "for", "per"))


def holder_agrees(held: dict, actor: str, country_name: Callable[[str], str | None]) -> bool:
    """Whether an option's holder agrees with the annotated `actor` (free text such as
    "Vladimir Putin / Kremlin" or "author (Bloomberg Opinion)"): both are the author, or the
    holder's words (and its country's name) share a word of three letters or more with it."""

    def words(text: str | None) -> set[str]:
        found = re.findall(r"[a-z]{3,}", (text or "").lower())
        return {w for w in found if w not in _HOLDER_STOP}

    if actor.lower().startswith("author"):
        return held.get("kind") == "author"
    if held.get("kind") == "author":
        return False
    own = words(held.get("text"))
    if held.get("iso3"):
        own |= words(country_name(held["iso3"]))
    return not own.isdisjoint(words(actor))


@dataclass
class FoldedCount:
    """How far the folded "also possible" candidates take the options: matched as the shared
    scorer matches them, over the likely candidates alone and with the folded ones added (the
    review shows those one click away)."""

    annotated: int = 0
    found_likely: int = 0
    found_with_folded: int = 0
    likely: int = 0
    folded: int = 0
    extra_with_folded: int = 0

    def add(
        self,
        quotes: list[str],
        likely: list[str],
        folded: list[str],
        overlap: Callable[[str, str], bool],
    ) -> None:
        """Count one article: its annotated quotes and the sentences of both lists."""
        shown = likely + folded
        self.annotated += len(quotes)
        self.found_likely += sum(1 for q in quotes if any(overlap(q, s) for s in likely))
        self.found_with_folded += sum(1 for q in quotes if any(overlap(q, s) for s in shown))
        self.likely += len(likely)
        self.folded += len(folded)
        self.extra_with_folded += sum(1 for s in shown if not any(overlap(q, s) for q in quotes))

    def lines(self, articles: int) -> list[str]:
        """The report: recall and precision with the folded candidates, and what they cost."""
        if not self.annotated:
            return []
        found = self.found_with_folded
        precision = training.scorer_precision(found, self.extra_with_folded)
        per = max(articles, 1)
        return [
            "options with the folded 'also possible' candidates added (not scored; one click "
            "away in the review):",
            f"  recall {found / self.annotated:.2f} ({found}/{self.annotated}; likely alone "
            f"{self.found_likely}), precision {precision:.2f}; candidates per article: "
            f"{self.likely / per:.1f} likely, {self.folded / per:.1f} folded",
        ]


def diagnostics(
    articles: Sequence[training.Article], folds: int, models_dir: Path, mapping: dict
) -> list[str]:
    """The per-category report (see the module docstring), as lines."""
    from democdash.extract.gazetteer import country_name
    from democdash.extract.pipeline import load_extractor
    from democdash.ingest.matching import tokens

    scorer = _scorer_module()
    overlap, date_ok = scorer.overlap, scorer.date_ok
    old = os.environ.get("DEMOCDASH_OPTION_MODEL_MAP")
    os.environ["DEMOCDASH_OPTION_MODEL_MAP"] = str(models_dir / "map.json")
    try:
        extractor = load_extractor()
    finally:
        if old is None:
            os.environ.pop("DEMOCDASH_OPTION_MODEL_MAP", None)
        else:
            os.environ["DEMOCDASH_OPTION_MODEL_MAP"] = old
    from democdash.extract import extract_article

    date_missed, date_total, date_extra = Counter(), Counter(), Counter()
    option_missed, option_total, extra_by_stance = Counter(), Counter(), Counter()
    stance_same = stance_checked = target_same = target_checked = 0
    holder_same = holder_checked = 0
    folded = FoldedCount()
    folds_lines = []
    for article in articles[:folds]:
        a = article.annotation
        got = extract_article(
            article.text, title=a.get("title"), published=a.get("published"), extractor=extractor
        )
        gold_dates = [
            g
            for g in a["dates"]
            if g.get("iso")
            and "/" not in str(g["iso"])
            and (not g.get("relative") or a.get("published"))
        ]
        gold_dates = list(
            {(g["text"].strip().lower(), str(g["iso"])): g for g in gold_dates}.values()
        )
        preds = list(
            {(str(x["text"]).strip().lower(), str(x["iso"])): x for x in got["dates"]}.values()
        )
        used: set[int] = set()
        for g in gold_dates:
            kind = date_kind(g)
            date_total[kind] += 1
            hit = next(
                (
                    j
                    for j, p in enumerate(preds)
                    if j not in used
                    and overlap(p["text"], g["text"])
                    and date_ok(p["iso"], g["iso"])
                ),
                None,
            )
            if hit is None:
                date_missed[kind] += 1
            else:
                used.add(hit)
        for j, p in enumerate(preds):
            if j not in used:
                date_extra[predicted_kind(p)] += 1
        sentences = [o["sentence"] for o in got["policy_options"]]
        for option in a["policy_options"]:
            option_total[option["stance"]] += 1
            matched = [o for o in got["policy_options"] if overlap(option["quote"], o["sentence"])]
            if not matched:
                option_missed[option["stance"]] += 1
            else:
                stance_checked += 1
                stance_same += matched[0]["stance"] == option["stance"]
                if option.get("target"):
                    target_checked += 1
                    target_same += matched[0]["target"] == option["target"]
                if option.get("actor"):
                    holder_checked += 1
                    holder_same += holder_agrees(
                        matched[0]["holder"],
                        option["actor"],
                        lambda iso3: country_name(iso3, extractor.gazetteer),
                    )
        for o, s in zip(got["policy_options"], sentences, strict=True):
            if not any(overlap(q["quote"], s) for q in a["policy_options"]):
                extra_by_stance[o["stance"]] += 1
        folded.add(
            [o["quote"] for o in a["policy_options"]],
            [o["sentence"] for o in got["policy_options"]],
            [o["sentence"] for o in got["policy_options_also_possible"]],
            overlap,
        )
        events_found = sum(1 for g in a["events"] if event_found(g, got["events"], date_ok, tokens))
        people_ok = sum(1 for p in got["people"] if person_found(p["name"], a["people"]))
        folds_lines.append(
            f"  {article.name}: events {events_found}/{len(a['events'])} found, "
            f"people {people_ok}/{len(got['people'])} correct "
            f"({len(a['people'])} annotated)"
        )
    lines = ["dates missed by kind (missed/annotated; extra predictions of that kind):"]
    for kind in ("absolute", "year only", "deictic", "anaphoric"):
        lines.append(
            f"  {kind:<10} {date_missed[kind]:>3}/{date_total[kind]:<3} extra {date_extra[kind]}"
        )
    lines.append("options missed by stance (missed/annotated; extra predictions with that stance):")
    for stance in (
        "recommends",
        "proposes",
        "pledges",
        "demands",
        "threatens",
        "weighs",
        "refuses",
    ):
        lines.append(
            f"  {stance:<10} {option_missed[stance]:>3}/{option_total[stance]:<3} "
            f"extra {extra_by_stance[stance]}"
        )
    if stance_checked:
        lines.append(
            f"stance agrees with the annotation on {stance_same}/{stance_checked} options found "
            f"({stance_same / stance_checked:.2f})"
        )
    if target_checked:
        lines.append(
            f"target agrees with the annotation on {target_same}/{target_checked} options found "
            f"({target_same / target_checked:.2f})"
        )
    if holder_checked:
        lines.append(
            f"holder agrees with the annotation on {holder_same}/{holder_checked} options found "
            f"({holder_same / holder_checked:.2f}; both the author, or a word of the name shared)"
        )
    lines += folded.lines(folds)
    lines.append("per fold (no target): event recall, person precision")
    lines += folds_lines
    total_events = sum(len(a.annotation["events"]) for a in articles[:folds])
    found_events = sum(int(line.split("events ")[1].split("/")[0]) for line in folds_lines)
    people_ok = sum(int(line.split("people ")[1].split("/")[0]) for line in folds_lines)
    people_all = sum(int(line.split("people ")[1].split("/")[1].split()[0]) for line in folds_lines)
    lines.append(
        f"  all: event recall {found_events}/{total_events} "
        f"({found_events / max(total_events, 1):.2f}), person precision {people_ok}/{people_all} "
        f"({people_ok / max(people_all, 1):.2f})"
    )
    return lines


def record_scores(loao: dict[str, float], train: dict[str, float]) -> None:
    """Write the figures into the committed model file's `scores` (the model it holds is the
    one trained on every article, as the training-set run's)."""
    from democdash.extract.option_model import DEFAULT_MODEL

    model = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    model["scores"] = {
        "scorer": "shared/tools/score_extraction.py, unchanged",
        "leave_one_article_out": loao,
        "training_set": train,
    }
    training.write_model(model, DEFAULT_MODEL)


def side_by_side(loao: ScorerRun, train: ScorerRun) -> list[str]:
    """The two runs' figures as a table, with the targets."""
    lines = [f"{'':<18} {'LOAO':>6} {'training':>9} {'target':>7}"]
    for label, key in _FIGURES:
        target = f">= {TARGETS[key]:.2f}" if key in TARGETS else ""
        a = f"{loao.figures[key]:.2f}" if key in loao.figures else "-"
        b = f"{train.figures[key]:.2f}" if key in train.figures else "-"
        lines.append(f"{label:<18} {a:>6} {b:>9} {target:>7}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/eval_extraction")
    parser.add_argument("--dev", type=Path, default=None, help="annotated set (default: shared)")
    parser.add_argument("--folds", type=int, default=None, help="evaluate the first N articles")
    parser.add_argument("--keep", type=Path, default=None, help="keep the fold models here")
    parser.add_argument("-v", action="store_true", help="the scorer's per-article misses too")
    parser.add_argument(
        "--record",
        action="store_true",
        help="write both runs' figures into the committed model file (its `scores`)",
    )
    args = parser.parse_args(argv)
    folder = args.dev or training.dev_dir()
    articles = training.load_articles(folder)
    folds = min(args.folds or len(articles), len(articles))
    overlap = training.scorer_overlap()
    work = Path(tempfile.mkdtemp(prefix="democdash-loao-"))
    try:
        models = args.keep or work / "models"
        models.mkdir(parents=True, exist_ok=True)
        print(f"training {folds} leave-one-article-out models ...", file=sys.stderr, flush=True)
        mapping = fold_models(articles, folds, models, overlap)
        full = training.train(articles, overlap)
        training.write_model(full, models / "all.json")
        scored = folder
        if folds < len(articles):
            scored = _subset(folder, {a.name for a in articles[:folds]}, work / "subset")
        loao = run_scorer(scored, {"DEMOCDASH_OPTION_MODEL_MAP": str(models / "map.json")}, args.v)
        train_run = run_scorer(scored, {"DEMOCDASH_OPTION_MODEL": str(models / "all.json")})
        print(f"== shared scorer, leave-one-article-out ({folds} articles) ==")
        print(loao.output.rstrip())
        print("== shared scorer, training set (model trained on every article) ==")
        print(train_run.output.rstrip())
        print("== side by side ==")
        print("\n".join(side_by_side(loao, train_run)))
        print("== where the misses are (LOAO) ==")
        print("\n".join(diagnostics(articles, folds, models, mapping)))
        if args.record and folds == len(articles):
            record_scores(loao.figures, train_run.figures)
        return 0 if loao.returncode == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
