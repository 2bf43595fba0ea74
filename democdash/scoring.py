"""Analyst scoring of policy options: criteria, scores, scenarios, and the ranking they give.

Pure Python (pydantic models and pandas): the options page, the brief export and the tests all
call `rank(options_df, scenario)`. Scores are the analyst's judgement, not facts from sources:
every scored option carries the analyst's one-line rationale (`Scenario.rationales`), each score
its scorer's name and, optionally, a note of its own; an unscored criterion stays unscored (no
default value is ever invented). The page scores in one grid, options by criteria
(`score_grid`, `apply_grid_edits`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from democdash.models import slugify

Direction = Literal["benefit", "cost"]
CriterionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]

MIN_VALUE = 1
MAX_VALUE = 5
MAX_RATIONALE = 300
MAX_NAME = 80
DEFAULT_WEIGHT = 1.0
MAX_WEIGHT = 10.0
#: Totals are rounded to this many decimals before ranking, so float noise never breaks a tie.
TOTAL_DECIMALS = 6
CONTRIB_PREFIX = "contrib_"
#: `standing` of an option in a ranking.
COMPLETE, PARTIAL, UNSCORED = "complete", "partial", "unscored"


def _now() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Criterion(_Model):
    """A scoring criterion on a 1-5 scale. `cost` criteria count against an option (a higher
    cost or risk is worse), so the ranking inverts them."""

    id: CriterionId
    label: str = Field(min_length=1, max_length=MAX_NAME)
    direction: Direction = "benefit"
    description: str = ""

    @property
    def direction_label(self) -> str:
        """How to read the scale: "higher is better" or "lower is better" (a cost)."""
        return "higher is better" if self.direction == "benefit" else "lower is better"


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="impact",
        label="Impact",
        direction="benefit",
        description="How much the option would change the situation it targets.",
    ),
    Criterion(
        id="feasibility",
        label="Feasibility",
        direction="benefit",
        description="How likely it is that the actors can and will carry it out.",
    ),
    Criterion(
        id="cost",
        label="Cost",
        direction="cost",
        description="Financial, political and diplomatic cost to those who act.",
    ),
    Criterion(
        id="risk",
        label="Risk",
        direction="cost",
        description="How likely and how bad the unwanted consequences are.",
    ),
    Criterion(
        id="speed",
        label="Speed",
        direction="benefit",
        description="How soon the option would take effect.",
    ),
)


def _one_line(value: str, what: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(f"{what} must be one line")
    return value


class Score(_Model):
    """One analyst's score of one option on one criterion, with an optional one-line note
    (the option's rationale, required, is the scenario's: `Scenario.rationales`)."""

    option_id: str = Field(min_length=1, max_length=120)
    criterion_id: CriterionId
    value: int = Field(ge=MIN_VALUE, le=MAX_VALUE)
    rationale: str = Field(default="", max_length=MAX_RATIONALE)
    scorer: str = Field(min_length=1, max_length=MAX_NAME)

    @field_validator("rationale")
    @classmethod
    def _rationale_one_line(cls, value: str) -> str:
        return _one_line(value, "a score's rationale")

    @field_validator("scorer")
    @classmethod
    def _scorer_one_line(cls, value: str) -> str:
        return _one_line(value, "the scorer's name")


class Scenario(_Model):
    """A named set of criteria, weights and scores, private to its author unless shared."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    author: str = Field(min_length=1, max_length=MAX_NAME)
    shared: bool = False
    criteria: list[Criterion] = Field(default_factory=lambda: list(DEFAULT_CRITERIA))
    weights: dict[str, float] = Field(default_factory=dict)
    scores: list[Score] = Field(default_factory=list)
    #: The analyst's one-line rationale per scored option (option id -> text).
    rationales: dict[str, Annotated[str, Field(max_length=MAX_RATIONALE)]] = Field(
        default_factory=dict
    )
    created: datetime = Field(default_factory=_now)
    updated: datetime = Field(default_factory=_now)

    @field_validator("name", "author")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        _one_line(value, "a name")
        if "/" in value:
            raise ValueError("a scenario's name and author may not contain '/'")
        return value

    @field_validator("rationales")
    @classmethod
    def _rationales_one_line(cls, value: dict[str, str]) -> dict[str, str]:
        for text in value.values():
            _one_line(text, "an option's rationale")
        return {oid: text for oid, text in value.items() if text}

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError("criterion ids must be unique")
        if not ids:
            raise ValueError("a scenario needs at least one criterion")
        unknown = sorted(set(self.weights) - set(ids))
        if unknown:
            raise ValueError(f"weights for unknown criteria: {unknown}")
        for cid, weight in self.weights.items():
            if not (0 <= weight <= MAX_WEIGHT) or math.isnan(weight):
                raise ValueError(f"weight of {cid!r} must be between 0 and {MAX_WEIGHT}")
        self.weights = {cid: float(self.weights.get(cid, DEFAULT_WEIGHT)) for cid in ids}
        bad = sorted({s.criterion_id for s in self.scores} - set(ids))
        if bad:
            raise ValueError(f"scores for unknown criteria: {bad}")
        keyed: dict[tuple[str, str], Score] = {}
        for score in self.scores:  # one score per (option, criterion): the last one wins
            keyed[(score.option_id, score.criterion_id)] = score
        self.scores = list(keyed.values())
        return self

    @property
    def address(self) -> str:
        """`<author>/<name>`: how the URL names this scenario."""
        return f"{self.author}/{self.name}"

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError if the scenario has none)."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def rationale(self, option_id: str) -> str:
        """The analyst's rationale for an option's scores ("" when none is written)."""
        return self.rationales.get(option_id, "")

    def score(self, option_id: str, criterion_id: str) -> Score | None:
        """The score of an option on a criterion, or None when it is unscored."""
        for score in self.scores:
            if score.option_id == option_id and score.criterion_id == criterion_id:
                return score
        return None


# -- editing (pure: each returns a new scenario) -----------------------------------------------


def parse_address(address: str | None) -> tuple[str, str] | None:
    """`"alice/baseline"` -> `("alice", "baseline")`; None when it is not an address."""
    if not address or "/" not in address:
        return None
    author, name = (part.strip() for part in address.split("/", 1))
    return (author, name) if author and name and "/" not in name else None


def new_scenario(name: str, author: str, *, shared: bool = False) -> Scenario:
    """An empty scenario with the default criteria, each weighted 1."""
    return Scenario(name=name, author=author, shared=shared)


def add_criterion(
    scenario: Scenario,
    label: str,
    direction: Direction,
    description: str = "",
    weight: float = DEFAULT_WEIGHT,
) -> Scenario:
    """The scenario with one more (analyst-added) criterion; its id is a slug of the label."""
    label = label.strip()
    if not label:
        raise ValueError("a criterion needs a label")
    base = slugify(label).replace("-", "_")[:50] or "criterion"
    taken = {c.id for c in scenario.criteria}
    if any(c.label.lower() == label.lower() for c in scenario.criteria):
        raise ValueError(f"there is already a criterion called {label!r}")
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}_{n}", n + 1
    criterion = Criterion(id=cid, label=label, direction=direction, description=description)
    return scenario.model_copy(
        update={
            "criteria": [*scenario.criteria, criterion],
            "weights": {**scenario.weights, cid: float(weight)},
            "updated": _now(),
        }
    )


def remove_criterion(scenario: Scenario, criterion_id: str) -> Scenario:
    """The scenario without a criterion, its weight and its scores."""
    criteria = [c for c in scenario.criteria if c.id != criterion_id]
    return Scenario.model_validate(
        {
            **scenario.model_dump(),
            "criteria": [c.model_dump() for c in criteria],
            "weights": {k: v for k, v in scenario.weights.items() if k != criterion_id},
            "scores": [s.model_dump() for s in scenario.scores if s.criterion_id != criterion_id],
            "updated": _now(),
        }
    )


def set_weights(scenario: Scenario, weights: Mapping[str, float]) -> Scenario:
    """The scenario with new weights (criteria not named keep theirs)."""
    return Scenario.model_validate(
        {
            **scenario.model_dump(),
            "weights": {**scenario.weights, **{k: float(v) for k, v in weights.items()}},
            "updated": _now(),
        }
    )


def set_score(
    scenario: Scenario,
    option_id: str,
    criterion_id: str,
    value: int | None,
    rationale: str = "",
    scorer: str = "",
) -> Scenario:
    """The scenario with one score set (validated) or, with `value` None, cleared."""
    scenario.criterion(criterion_id)  # KeyError for an unknown criterion
    kept = [
        s
        for s in scenario.scores
        if not (s.option_id == option_id and s.criterion_id == criterion_id)
    ]
    if value is not None:
        kept.append(
            Score(
                option_id=option_id,
                criterion_id=criterion_id,
                value=value,
                rationale=rationale,
                scorer=scorer,
            )
        )
    return scenario.model_copy(update={"scores": kept, "updated": _now()})


def set_rationale(scenario: Scenario, option_id: str, text: str) -> Scenario:
    """The scenario with an option's rationale set ("" removes it)."""
    text = _one_line(text.strip(), "an option's rationale")
    rationales = {k: v for k, v in scenario.rationales.items() if k != option_id}
    if text:
        rationales[option_id] = text
    return Scenario.model_validate(
        {**scenario.model_dump(), "rationales": rationales, "updated": _now()}
    )


#: The grid's column of each option's rationale (criterion ids never start with "_").
GRID_RATIONALE = "_rationale"
GRID_TITLE = "_title"


def score_grid(scenario: Scenario, options: pd.DataFrame) -> pd.DataFrame:
    """The scoring grid: one row per option of `options` (needs `id`, `title`), its title,
    one column per criterion (the score 1-5, <NA> when unscored) and its rationale. The input
    of `apply_grid_edits`; indexed by option id."""
    rows = []
    for oid, title in zip(options["id"], options["title"], strict=True):
        row: dict[str, Any] = {GRID_TITLE: title}
        for criterion in scenario.criteria:
            found = scenario.score(oid, criterion.id)
            row[criterion.id] = found.value if found else None
        row[GRID_RATIONALE] = scenario.rationale(oid)
        rows.append(row)
    columns = [GRID_TITLE, *(c.id for c in scenario.criteria), GRID_RATIONALE]
    grid = pd.DataFrame(rows, columns=columns, index=pd.Index(list(options["id"]), name="id"))
    return grid.astype({c.id: "Int64" for c in scenario.criteria})


def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _whole_score(value: Any) -> int | None:
    """`value` as a score (a whole number from 1 to 5), or None when it is not one."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or number != int(number) or not MIN_VALUE <= number <= MAX_VALUE:
        return None
    return int(number)


def apply_grid_edits(
    scenario: Scenario,
    grid: pd.DataFrame,
    edited_rows: Mapping[int | str, Mapping[str, Any]],
    scorer: str,
) -> tuple[Scenario, list[str]]:
    """Apply `st.data_editor`'s `edited_rows` (row position -> changed columns) made on
    `grid` (from `score_grid`) as `scorer`.

    A row is applied whole or not at all: an option with a score needs a rationale, and each
    score is a whole number from 1 to 5 (an emptied cell clears the score). Returns the new
    scenario and one message per row refused, naming the option and what is wrong. A score
    whose value is unchanged keeps its scorer and note.
    """
    problems: list[str] = []
    for position, changes in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        option_id = str(grid.index[int(position)])
        row = grid.iloc[int(position)]
        title = str(row[GRID_TITLE])
        rationale = str(changes.get(GRID_RATIONALE, row[GRID_RATIONALE]) or "").strip()
        values: dict[str, int | None] = {}
        wrong = []
        for criterion in scenario.criteria:
            value = changes.get(criterion.id, row[criterion.id])
            if _blank(value):
                values[criterion.id] = None
                continue
            number = _whole_score(value)
            if number is None:
                wrong.append(criterion.label)
            else:
                values[criterion.id] = number
        if wrong:
            problems.append(
                f"{title}: a score is a whole number from {MIN_VALUE} to {MAX_VALUE} "
                f"({', '.join(wrong)})"
            )
            continue
        if any(v is not None for v in values.values()) and not rationale:
            problems.append(f"{title}: write why (one line) before its scores are saved")
            continue
        if "\n" in rationale or "\r" in rationale:
            problems.append(f"{title}: the rationale must be one line")
            continue
        for cid, value in values.items():
            current = scenario.score(option_id, cid)
            if current is not None and current.value == value:
                continue
            scenario = set_score(scenario, option_id, cid, value, scorer=scorer)
        scenario = set_rationale(scenario, option_id, rationale[:MAX_RATIONALE])
    return scenario, problems


def scores_table(scenario: Scenario, option_ids: list[str]) -> pd.DataFrame:
    """One row per (option, criterion) of `option_ids`: value (None if unscored), rationale,
    scorer. The editable grid of the scoring view, and the input of `apply_score_edits`."""
    rows = []
    for oid in option_ids:
        for criterion in scenario.criteria:
            score = scenario.score(oid, criterion.id)
            rows.append(
                {
                    "option_id": oid,
                    "criterion_id": criterion.id,
                    "criterion": criterion.label,
                    "direction": criterion.direction_label,
                    "value": score.value if score else None,
                    "rationale": score.rationale if score else "",
                    "scorer": score.scorer if score else "",
                }
            )
    columns = ["option_id", "criterion_id", "criterion", "direction", "value", "rationale"]
    return pd.DataFrame(rows, columns=[*columns, "scorer"]).astype({"value": "Int64"})


def apply_score_edits(
    scenario: Scenario,
    table: pd.DataFrame,
    edited_rows: Mapping[int, Mapping[str, Any]],
    scorer: str,
) -> tuple[Scenario, list[str]]:
    """Apply `st.data_editor`'s `edited_rows` (row position -> changed columns) made on
    `table` (from `scores_table`) as `scorer`.

    Returns the new scenario and one message per row that could not be applied (a value
    outside 1-5, a missing rationale...); those rows change nothing. A value cleared to empty
    clears the score.
    """
    problems: list[str] = []
    for position, changes in sorted(edited_rows.items()):
        row = table.iloc[int(position)]
        value = changes.get("value", row["value"])
        rationale = str(changes.get("rationale", row["rationale"]) or "").strip()
        where = f"{row['option_id']} / {row['criterion']}"
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            scenario = set_score(scenario, row["option_id"], row["criterion_id"], None)
            continue
        try:
            number = float(value)
            if number != int(number):
                raise ValueError
            scenario = set_score(
                scenario, row["option_id"], row["criterion_id"], int(number), rationale, scorer
            )
        except (ValueError, TypeError) as exc:
            reason = _first_error(exc) or f"a score is a whole number from {MIN_VALUE} to 5"
            problems.append(f"{where}: {reason}")
    return scenario, problems


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ()))
        return f"{field}: {first['msg']}" if field else first["msg"]
    return str(exc)


# -- ranking ------------------------------------------------------------------------------------


def contrib_column(criterion_id: str) -> str:
    """The ranking column holding a criterion's contribution to the total."""
    return f"{CONTRIB_PREFIX}{criterion_id}"


def utility(criterion: Criterion, value: int) -> int:
    """A score turned so that higher is always better: cost criteria give `6 - value`."""
    return value if criterion.direction == "benefit" else (MIN_VALUE + MAX_VALUE) - value


def rank(options_df: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Rank options by the scenario's weighted scores.

    Formula, for option *o* scored on the set S(o) of criteria that have a score and a
    weight w_c > 0::

        u_c      = value            (benefit criterion)
                 = 6 - value        (cost criterion: higher cost or risk counts against)
        contrib_c = w_c * u_c / sum_{k in S(o)} w_k
        total    = sum_{c in S(o)} contrib_c        (a weighted mean on the 1-5 scale)

    Weights are normalised over the criteria the option is scored on, so an option missing
    some scores is ranked on what it has, and FLAGGED (`standing` "partial", its
    `missing_criteria` listed, their `contrib_` cells left empty: never a default value). An
    option with no weighted score has no total, `standing` "unscored", no rank, and comes
    last. Ties (totals equal to 6 decimals) share a rank (method "min": 1, 1, 3); rows are
    ordered by total (highest first), then title.

    Returns one row per option of `options_df` (which needs `id` and `title`) with columns
    `option_id, title, total, rank, standing, scored_criteria, missing_criteria` (lists of
    criterion ids) and `contrib_<criterion_id>` for each criterion (NaN where unscored).
    `rank` is a nullable integer (<NA> for unscored options).
    """
    criteria = scenario.criteria
    weights = scenario.weights
    by_option: dict[str, dict[str, int]] = {}
    for score in scenario.scores:
        by_option.setdefault(score.option_id, {})[score.criterion_id] = score.value

    rows = []
    for option_id, title in zip(options_df["id"], options_df["title"], strict=True):
        values = by_option.get(option_id, {})
        scored = [c.id for c in criteria if c.id in values]
        missing = [c.id for c in criteria if c.id not in values]
        counted = [c for c in criteria if c.id in values and weights.get(c.id, 0) > 0]
        weight_sum = sum(weights[c.id] for c in counted)
        contribs: dict[str, float] = {contrib_column(c.id): math.nan for c in criteria}
        total = math.nan
        if weight_sum > 0:
            for c in counted:
                contribs[contrib_column(c.id)] = (
                    weights[c.id] * utility(c, values[c.id]) / weight_sum
                )
            for c in criteria:  # scored on a zero-weight criterion: it contributes nothing
                if c.id in values and weights.get(c.id, 0) == 0:
                    contribs[contrib_column(c.id)] = 0.0
            total = round(sum(contribs[contrib_column(c.id)] for c in counted), TOTAL_DECIMALS)
        weighted_missing = [m for m in missing if weights.get(m, 0) > 0]
        standing = UNSCORED if math.isnan(total) else PARTIAL if weighted_missing else COMPLETE
        rows.append(
            {
                "option_id": option_id,
                "title": title,
                "total": total,
                "standing": standing,
                "scored_criteria": scored,
                "missing_criteria": missing,
                **contribs,
            }
        )
    columns = ["option_id", "title", "total", "standing", "scored_criteria", "missing_criteria"]
    result = pd.DataFrame(rows, columns=[*columns, *(contrib_column(c.id) for c in criteria)])
    result["total"] = result["total"].astype("float64")
    result["rank"] = result["total"].rank(method="min", ascending=False).astype("Int64")
    result["_unscored"] = result["total"].isna()
    result = result.sort_values(
        ["_unscored", "total", "title", "option_id"],
        ascending=[True, False, True, True],
        kind="stable",
        na_position="last",
    ).drop(columns="_unscored")
    ordered = [*columns[:3], "rank", *columns[3:]]
    return result[ordered + [c for c in result.columns if c not in ordered]].reset_index(drop=True)


def shares(ranking: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Long form of the ranking for a stacked bar chart: one row per (scored option,
    criterion) with its contribution and its share of the option's total (0-1)."""
    rows = []
    for record in ranking[ranking["total"].notna()].to_dict("records"):
        for criterion in scenario.criteria:
            contrib = record[contrib_column(criterion.id)]
            if contrib is None or (isinstance(contrib, float) and math.isnan(contrib)):
                continue
            rows.append(
                {
                    "option_id": record["option_id"],
                    "title": record["title"],
                    "rank": record["rank"],
                    "criterion_id": criterion.id,
                    "criterion": criterion.label,
                    "direction": criterion.direction,
                    "contribution": contrib,
                    "share": contrib / record["total"] if record["total"] else 0.0,
                }
            )
    columns = ["option_id", "title", "rank", "criterion_id", "criterion", "direction"]
    return pd.DataFrame(rows, columns=[*columns, "contribution", "share"])
