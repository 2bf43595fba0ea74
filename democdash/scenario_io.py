"""Scenario exports: the scenario as JSON (reloadable) and CSV, the ranking as CSV and JSON.

CSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
or a carriage return) are prefixed with `'`: rationales are free text typed by analysts.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

from democdash.scoring import Scenario, contrib_column, rank

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SCORE_COLUMNS = [
    "scenario",
    "author",
    "option_id",
    "option_title",
    "criterion_id",
    "criterion",
    "direction",
    "weight",
    "value",
    "rationale",
    "scorer",
]


def csv_safe(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(df: pd.DataFrame) -> bytes:
    safe = df.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(csv_safe)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def scenario_json(scenario: Scenario) -> bytes:
    """The whole scenario (criteria, weights, scores, who and when) as JSON: reloadable with
    `scenario_from_json`."""
    return scenario.model_dump_json(indent=2).encode("utf-8")


def scenario_from_json(data: bytes | str) -> Scenario:
    """A scenario from `scenario_json`'s output (validated; ValueError if it is not one)."""
    return Scenario.model_validate_json(data)


def scores_frame(scenario: Scenario, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """Every score of the scenario, one row each, with its criterion's direction and weight."""
    titles = titles or {}
    rows = []
    for score in sorted(scenario.scores, key=lambda s: (s.option_id, s.criterion_id)):
        criterion = scenario.criterion(score.criterion_id)
        rows.append(
            {
                "scenario": scenario.name,
                "author": scenario.author,
                "option_id": score.option_id,
                "option_title": titles.get(score.option_id, ""),
                "criterion_id": criterion.id,
                "criterion": criterion.label,
                "direction": criterion.direction,
                "weight": scenario.weights[criterion.id],
                "value": score.value,
                "rationale": score.rationale,
                "scorer": score.scorer,
            }
        )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def scenario_csv(scenario: Scenario, titles: dict[str, str] | None = None) -> bytes:
    """The scenario's scores as CSV, one row per score (formula-like cells made text)."""
    return _csv(scores_frame(scenario, titles))


def ranking_frame(options_df: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The ranking with list columns joined (`impact;cost`), ready for CSV."""
    ranking = rank(options_df, scenario)
    for column in ("scored_criteria", "missing_criteria"):
        ranking[column] = ranking[column].map(";".join)
    return ranking


def ranking_csv(options_df: pd.DataFrame, scenario: Scenario) -> bytes:
    """The ranked options as CSV: rank, total, standing and each criterion's contribution."""
    return _csv(ranking_frame(options_df, scenario))


def _number(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def ranking_json(options_df: pd.DataFrame, scenario: Scenario) -> bytes:
    """The scenario and its ranking as one JSON document (unscored values are null)."""
    ranking = rank(options_df, scenario)
    rows = []
    for record in ranking.to_dict("records"):
        rows.append(
            {
                "option_id": record["option_id"],
                "title": record["title"],
                "rank": None if pd.isna(record["rank"]) else int(record["rank"]),
                "total": _number(record["total"]),
                "standing": record["standing"],
                "scored_criteria": list(record["scored_criteria"]),
                "missing_criteria": list(record["missing_criteria"]),
                "contributions": {
                    c.id: _number(record[contrib_column(c.id)]) for c in scenario.criteria
                },
            }
        )
    document = {
        "scenario": json.loads(scenario.model_dump_json()),
        "ranking": rows,
        "formula": (
            "total = sum(w_c * u_c) / sum(w_c) over the criteria an option is scored on; "
            "u_c = value for benefit criteria, 6 - value for cost criteria"
        ),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
