"""Analyst scoring: the ranking formula (weights, directions, missing scores, ties), editing a
scenario (scores, criteria, weights, grid edits) and its exports."""

import json
import math

import pandas as pd
import pytest
from pydantic import ValidationError

from democdash import scenario_io, scoring
from democdash.scoring import Scenario, Score

OPTIONS = pd.DataFrame(
    {
        "id": ["opt-a", "opt-b", "opt-c", "opt-d"],
        "title": ["Alpha", "Bravo", "Charlie", "Delta"],
    }
)


def scenario(**weights: float) -> Scenario:
    return scoring.set_weights(scoring.new_scenario("baseline", "alice"), weights)


def scored(base: Scenario, values: dict[tuple[str, str], int]) -> Scenario:
    for (option_id, criterion_id), value in values.items():
        base = scoring.set_score(base, option_id, criterion_id, value, "because", "alice")
    return base


def by_id(ranking: pd.DataFrame) -> pd.DataFrame:
    return ranking.set_index("option_id")


def test_default_criteria_and_directions():
    s = scoring.new_scenario("x", "alice")
    assert [(c.id, c.direction) for c in s.criteria] == [
        ("impact", "benefit"),
        ("feasibility", "benefit"),
        ("cost", "cost"),
        ("risk", "cost"),
        ("speed", "benefit"),
    ]
    assert s.weights == dict.fromkeys(["impact", "feasibility", "cost", "risk", "speed"], 1.0)
    assert s.criterion("risk").direction_label == "lower is better"
    assert s.criterion("impact").direction_label == "higher is better"


def test_cost_criteria_are_inverted_and_contributions_sum_to_the_total():
    s = scored(scenario(), {("opt-a", "impact"): 5, ("opt-a", "cost"): 5, ("opt-b", "cost"): 1})
    s = scoring.set_weights(s, {"feasibility": 0, "risk": 0, "speed": 0})
    ranking = by_id(scoring.rank(OPTIONS, s))
    # opt-a: impact 5 (u=5), cost 5 (u=1) -> (5 + 1) / 2 = 3
    assert ranking.loc["opt-a", "total"] == 3.0
    assert ranking.loc["opt-a", "contrib_impact"] == 2.5
    assert ranking.loc["opt-a", "contrib_cost"] == 0.5
    # opt-b: only cost 1 -> u = 5: a cheap option scores high on cost
    assert ranking.loc["opt-b", "total"] == 5.0
    assert ranking.loc["opt-b", "rank"] == 1
    assert ranking.loc["opt-a", "rank"] == 2
    contribs = [c for c in ranking.columns if c.startswith("contrib_")]
    assert ranking.loc["opt-a", contribs].sum(skipna=True) == pytest.approx(3.0)


def test_weights_change_the_ranking_and_are_normalised():
    values = {
        ("opt-a", "impact"): 5,
        ("opt-a", "speed"): 1,
        ("opt-b", "impact"): 1,
        ("opt-b", "speed"): 5,
    }
    base = scoring.set_weights(scored(scenario(), values), {"feasibility": 0, "cost": 0, "risk": 0})
    even = by_id(scoring.rank(OPTIONS, base))
    assert even.loc["opt-a", "total"] == even.loc["opt-b", "total"] == 3.0
    impact_heavy = by_id(scoring.rank(OPTIONS, scoring.set_weights(base, {"impact": 3})))
    assert impact_heavy.loc["opt-a", "total"] == pytest.approx((3 * 5 + 1) / 4)
    assert impact_heavy.loc["opt-a", "rank"] == 1 and impact_heavy.loc["opt-b", "rank"] == 2
    # scaling every weight by the same factor changes nothing (weights are normalised)
    scaled = scoring.set_weights(base, {"impact": 6, "speed": 2})
    assert by_id(scoring.rank(OPTIONS, scaled))["total"].equals(impact_heavy["total"])


def test_missing_scores_are_flagged_never_filled_and_unscored_come_last():
    s = scored(
        scenario(),
        {
            **{("opt-a", c): 3 for c in ("impact", "feasibility", "cost", "risk", "speed")},
            ("opt-b", "impact"): 4,
        },
    )
    ranking = scoring.rank(OPTIONS, s)
    rows = by_id(ranking)
    assert rows.loc["opt-a", "standing"] == "complete"
    assert rows.loc["opt-a", "missing_criteria"] == []
    assert rows.loc["opt-b", "standing"] == "partial"
    assert rows.loc["opt-b", "total"] == 4.0  # ranked on what it has, no default for the rest
    assert rows.loc["opt-b", "scored_criteria"] == ["impact"]
    assert rows.loc["opt-b", "missing_criteria"] == ["feasibility", "cost", "risk", "speed"]
    assert math.isnan(rows.loc["opt-b", "contrib_cost"])
    for unscored in ("opt-c", "opt-d"):
        assert rows.loc[unscored, "standing"] == "unscored"
        assert math.isnan(rows.loc[unscored, "total"])
        assert rows.loc[unscored, "rank"] is pd.NA
    assert list(ranking["option_id"]) == ["opt-b", "opt-a", "opt-c", "opt-d"]


def test_ties_share_a_rank_in_title_order():
    s = scored(
        scenario(),
        {("opt-d", "impact"): 4, ("opt-b", "impact"): 4, ("opt-c", "impact"): 2},
    )
    ranking = scoring.rank(OPTIONS, s)
    assert list(ranking["option_id"]) == ["opt-b", "opt-d", "opt-c", "opt-a"]
    assert list(ranking["rank"].iloc[:3]) == [1, 1, 3]


def test_float_noise_does_not_break_a_tie():
    s = scored(
        scoring.set_weights(scenario(), {"impact": 0.1, "feasibility": 0.2}),
        {
            ("opt-a", "impact"): 3,
            ("opt-a", "feasibility"): 3,
            ("opt-b", "impact"): 3,
            ("opt-b", "feasibility"): 3,
        },
    )
    ranking = by_id(scoring.rank(OPTIONS, s))
    assert ranking.loc["opt-a", "rank"] == ranking.loc["opt-b", "rank"] == 1


def test_scores_only_on_zero_weight_criteria_leave_the_option_unscored():
    s = scoring.set_weights(scored(scenario(), {("opt-a", "cost"): 2}), {"cost": 0})
    row = by_id(scoring.rank(OPTIONS, s)).loc["opt-a"]
    assert row["standing"] == "unscored" and math.isnan(row["total"])


def test_a_score_needs_a_scorer_and_a_value_from_1_to_5_its_note_is_optional_and_one_line():
    assert Score(option_id="o", criterion_id="impact", value=3, scorer="alice").rationale == ""
    with pytest.raises(ValidationError, match="one line"):
        Score(option_id="o", criterion_id="impact", value=3, rationale="a\nb", scorer="al")
    with pytest.raises(ValidationError):
        Score(option_id="o", criterion_id="impact", value=6, rationale="r", scorer="alice")
    with pytest.raises(ValidationError):
        Score(option_id="o", criterion_id="impact", value=3, rationale="r", scorer=" ")


def test_set_score_replaces_and_clears():
    s = scoring.set_score(scenario(), "opt-a", "impact", 2, "first", "alice")
    s = scoring.set_score(s, "opt-a", "impact", 4, "second", "bob")
    assert s.score("opt-a", "impact").value == 4 and s.score("opt-a", "impact").scorer == "bob"
    assert len(s.scores) == 1
    s = scoring.set_score(s, "opt-a", "impact", None)
    assert s.score("opt-a", "impact") is None
    with pytest.raises(KeyError):
        scoring.set_score(s, "opt-a", "no-such-criterion", 3, "r", "alice")


def test_analyst_added_criteria_count_with_their_direction_and_can_be_removed():
    s = scoring.add_criterion(scenario(), "Legal exposure", "cost", "Court challenges")
    assert s.criteria[-1].id == "legal_exposure" and s.weights["legal_exposure"] == 1.0
    with pytest.raises(ValueError, match="already"):
        scoring.add_criterion(s, "legal exposure", "benefit")
    s = scored(s, {("opt-a", "legal_exposure"): 5, ("opt-b", "legal_exposure"): 1})
    ranking = by_id(scoring.rank(OPTIONS, s))
    assert ranking.loc["opt-a", "contrib_legal_exposure"] == 1.0
    assert ranking.loc["opt-b", "rank"] == 1
    s = scoring.remove_criterion(s, "legal_exposure")
    assert "legal_exposure" not in s.weights and not s.scores


def test_scenario_validation():
    with pytest.raises(ValidationError, match="unknown criteria"):
        Scenario(name="n", author="a", weights={"nope": 1})
    with pytest.raises(ValidationError, match="between 0"):
        Scenario(name="n", author="a", weights={"impact": -1})
    with pytest.raises(ValidationError, match="'/'"):
        Scenario(name="a/b", author="a")


def test_address_round_trip():
    s = scoring.new_scenario("Belarus pressure", "alice")
    assert s.address == "alice/Belarus pressure"
    assert scoring.parse_address(s.address) == ("alice", "Belarus pressure")
    assert scoring.parse_address("no-slash") is None
    assert scoring.parse_address("/name") is None
    assert scoring.parse_address(None) is None


def test_apply_score_edits_sets_clears_and_reports_bad_rows():
    s = scoring.set_score(scenario(), "opt-b", "risk", 2, "old", "alice")
    table = scoring.scores_table(s, ["opt-a", "opt-b"])
    assert len(table) == 10 and table["value"].isna().sum() == 9
    risk_b = table.index[(table["option_id"] == "opt-b") & (table["criterion_id"] == "risk")][0]
    edits = {
        0: {"value": 4, "rationale": "strong lever"},  # opt-a / impact
        1: {"value": 3},  # opt-a / feasibility: a note is optional
        2: {"value": 9, "rationale": "too high"},  # refused
        int(risk_b): {"value": None},  # cleared
    }
    new, problems = scoring.apply_score_edits(s, table, edits, scorer="bob")
    assert new.score("opt-a", "impact").value == 4
    assert new.score("opt-a", "impact").scorer == "bob"
    assert new.score("opt-a", "feasibility").value == 3
    assert new.score("opt-a", "feasibility").rationale == ""
    assert new.score("opt-a", "cost") is None
    assert new.score("opt-b", "risk") is None
    assert len(problems) == 1
    assert problems[0].startswith("opt-a / Cost")


def test_the_grid_has_one_row_per_option_a_column_per_criterion_and_the_rationale():
    s = scoring.set_rationale(
        scoring.set_score(scenario(), "opt-b", "risk", 2, "", "alice"), "opt-b", "cheap lever"
    )
    grid = scoring.score_grid(s, OPTIONS)
    assert list(grid.index) == list(OPTIONS["id"])
    assert list(grid.columns) == [
        scoring.GRID_TITLE,
        *(c.id for c in s.criteria),
        scoring.GRID_RATIONALE,
    ]
    assert grid.loc["opt-b", "risk"] == 2 and pd.isna(grid.loc["opt-a", "risk"])
    assert grid.loc["opt-b", scoring.GRID_RATIONALE] == "cheap lever"


def test_grid_edits_score_a_whole_option_with_its_rationale_or_refuse_the_row():
    s = scoring.set_score(scenario(), "opt-b", "risk", 2, "a note", "alice")
    s = scoring.set_rationale(s, "opt-b", "old reason")
    grid = scoring.score_grid(s, OPTIONS)
    a, b = list(OPTIONS["id"]).index("opt-a"), list(OPTIONS["id"]).index("opt-b")
    new, problems = scoring.apply_grid_edits(
        s,
        grid,
        {
            str(a): {"impact": 5, "cost": 2, scoring.GRID_RATIONALE: " direct pressure "},
            b: {"impact": 4},  # keeps its rationale: applied; risk untouched keeps its note
        },
        scorer="bob",
    )
    assert problems == []
    assert new.score("opt-a", "impact").value == 5 and new.score("opt-a", "cost").value == 2
    assert new.score("opt-a", "impact").scorer == "bob"
    assert new.rationale("opt-a") == "direct pressure"
    assert new.score("opt-b", "risk").rationale == "a note"
    assert new.score("opt-b", "risk").scorer == "alice"
    # a score without a rationale, or outside 1-5, refuses the whole row and names the option
    title_a = OPTIONS.set_index("id").loc["opt-a", "title"]
    title_c = OPTIONS.set_index("id").loc["opt-c", "title"]
    c = list(OPTIONS["id"]).index("opt-c")
    again, problems = scoring.apply_grid_edits(
        new,
        scoring.score_grid(new, OPTIONS),
        {a: {"speed": 7}, c: {"impact": 3}},
        scorer="bob",
    )
    assert again.score("opt-a", "speed") is None and again.score("opt-c", "impact") is None
    assert problems[0].startswith(title_a) and "1 to 5 (Speed)" in problems[0]
    assert problems[1].startswith(title_c) and "write why" in problems[1]
    # emptying every cell and the rationale clears the option
    cleared, problems = scoring.apply_grid_edits(
        new,
        scoring.score_grid(new, OPTIONS),
        {a: {"impact": None, "cost": None, scoring.GRID_RATIONALE: ""}},
        scorer="bob",
    )
    assert problems == [] and cleared.score("opt-a", "impact") is None
    assert cleared.rationale("opt-a") == ""


def test_shares_are_each_criterions_part_of_the_total():
    s = scored(scenario(), {("opt-a", "impact"): 4, ("opt-a", "risk"): 4})
    long = scoring.shares(scoring.rank(OPTIONS, s), s)
    assert set(long["option_id"]) == {"opt-a"}
    # impact 4 (u=4) and risk 4 (u=2): total 3, impact gives 2 of it, risk 1
    assert long.set_index("criterion_id")["share"].to_dict() == pytest.approx(
        {"impact": 2 / 3, "risk": 1 / 3}
    )


def test_exports_round_trip_and_neutralise_formulas():
    s = scoring.set_score(scenario(), "opt-a", "impact", 5, "=HYPERLINK(evil)", "alice")
    assert scenario_io.scenario_from_json(scenario_io.scenario_json(s)) == s
    scores_csv = scenario_io.scenario_csv(s, {"opt-a": "Alpha"}).decode()
    assert "'=HYPERLINK(evil)" in scores_csv and ",=HYPERLINK" not in scores_csv
    assert scores_csv.splitlines()[0].startswith("scenario,author,option_id,option_title")
    ranking_csv = scenario_io.ranking_csv(OPTIONS, s).decode().splitlines()
    assert ranking_csv[0].startswith("option_id,title,total,rank,standing")
    assert ranking_csv[1].startswith("opt-a,Alpha,5.0,1,partial")
    doc = json.loads(scenario_io.ranking_json(OPTIONS, s))
    first, last = doc["ranking"][0], doc["ranking"][-1]
    assert first["rank"] == 1 and first["contributions"]["impact"] == 5.0
    assert first["contributions"]["cost"] is None
    assert last["standing"] == "unscored" and last["rank"] is None and last["total"] is None
    assert scenario_io.csv_safe("-1") == "'-1" and scenario_io.csv_safe("plain") == "plain"
