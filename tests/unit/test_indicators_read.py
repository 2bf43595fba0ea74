"""Indicator files: checked against their sidecar, every bad row named by line and column,
nothing returned when anything is wrong; V-Dem v15 in data/ reads whole and matches SOURCE."""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash.indicators.read import read_folder, read_pair, read_table
from democdash.indicators.table import NO_CLEAR_CHANGE
from democdash.validate import validate_dir

FIXTURES = Path(__file__).parents[1] / "fixtures" / "indicators"
DATA = Path(__file__).parents[2] / "data"


def _read(name: str):
    return read_pair(FIXTURES / "small.yaml", FIXTURES / name)


def test_a_good_file_reads_into_a_table_of_its_values() -> None:
    result = _read("small.csv")
    assert result.ok and result.problems == []
    table = result.table
    assert table.years == (2019, 2021)
    assert table.value("BLR", "score", 2020) == pytest.approx(0.2)
    assert table.value("NOR", "score", 2021) is None  # missing stays missing
    assert table.in_year("status", 2021).set_index("country")["label"].to_dict() == {
        "BLR": "Not Free",
        "MMR": "Not Free",
        "NOR": "Free",
    }
    series = table.series("BLR", "score")
    assert series["year"].tolist() == [2019, 2020, 2021]
    assert series["low"].tolist() == pytest.approx([0.25, 0.15, 0.05])


@pytest.mark.parametrize(
    ("fixture", "line", "column", "words"),
    [
        ("bad_code.csv", 3, "iso", "'XXY' is not an ISO 3166-1 alpha-3 country code"),
        ("bad_year.csv", 3, "year", "'20x1' is not a year"),
        ("bad_value.csv", 3, "score", "above the column's maximum 1"),
        ("bad_category.csv", 3, "status", "'Unfree' is not one of the column's categories"),
        ("duplicate.csv", 4, "iso", "BLR 2019 is already on line 2"),
        ("latin1.csv", 4, None, "is not UTF-8 text: byte 0xe9"),
        ("bad_interval.csv", 3, "score", "outside its interval"),
        ("missing_column.csv", 1, None, "the header lacks the columns: score_low, score_high"),
    ],
)
def test_each_kind_of_bad_row_is_named_by_line_and_column_and_gives_no_table(
    fixture: str, line: int, column: str | None, words: str
) -> None:
    result = _read(fixture)
    assert result.table is None
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.file, problem.line, problem.column) == (fixture, line, column)
    assert words in problem.message
    assert f"{fixture}, line {line}" in str(problem)


def test_every_bad_row_is_named_not_only_the_first() -> None:
    spec = _read("small.csv").table.spec
    raw = b"iso,year,score,score_low,score_high,status\nBLR,1700,0.3,0.2,0.4,NF\nZZ,2020,x,,,F\n"
    result = read_table(raw, spec, "upload.csv")
    assert result.table is None
    named = {(p.line, p.column) for p in result.problems}
    assert named == {(2, "year"), (3, "iso"), (3, "score")}


def test_a_broken_sidecar_is_named_field_by_field(tmp_path: Path) -> None:
    sidecar = tmp_path / "broken.yaml"
    sidecar.write_text(
        (FIXTURES / "small.yaml").read_text().replace("kind: categorical", "kind: words"),
        encoding="utf-8",
    )
    result = read_pair(sidecar, FIXTURES / "small.csv")
    assert result.table is None
    assert any(p.field and p.field.startswith("columns.3.kind") for p in result.problems)


def test_change_between_two_years_is_no_clear_change_where_intervals_overlap() -> None:
    change = _read("small.csv").table.change("score", 2019, 2021).set_index("country")
    assert change.loc["BLR", "reading"] == "fell"  # 0.25-0.35 vs 0.05-0.15
    assert change.loc["MMR", "reading"] == NO_CLEAR_CHANGE  # 0.30-0.50 vs 0.33-0.45
    assert "NOR" not in change.index  # no 2021 value: no change to state


def test_vdem_v15_in_data_reads_whole_and_agrees_with_its_source_notes() -> None:
    tables, problems = read_folder(DATA / "indicators")
    assert problems == []
    (vdem,) = tables
    assert vdem.spec.short_citation == "V-Dem v15, coded 2025"
    assert vdem.spec.licence == "CC BY-SA 4.0"
    assert len(vdem.frame) == 6204 and vdem.years == (1990, 2024)
    # values quoted in ../shared/indicators/SOURCE.md ("Plausibility")
    assert vdem.value("BLR", "v2x_polyarchy", 2021) == pytest.approx(0.173)
    assert vdem.value("MMR", "v2x_polyarchy", 2021) == pytest.approx(0.107)
    assert vdem.value("MMR", "v2x_regime", 2021) == "0"
    assert vdem.value("HKG", "v2x_polyarchy", 2024) == pytest.approx(0.169)
    assert vdem.value("RUS", "v2x_libdem", 2020) == pytest.approx(0.095)
    assert vdem.value("TKM", "v2x_polyarchy", 1990) is None
    assert [c.name for c in vdem.spec.shown] == ["v2x_polyarchy", "v2x_libdem", "v2x_regime"]


def test_validate_names_a_broken_indicator_file_in_the_data_folder(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    csv_path = data / "indicators" / "vdem_v15.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",199", ",19x", 1)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [p for p in validate_dir(data).problems if p.file.startswith("indicators/")]
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("indicators/vdem_v15.csv", 6, "year")
    ]


def test_the_cli_checks_a_file_and_names_its_bad_cells() -> None:
    from typer.testing import CliRunner

    from democdash.cli import app

    good = CliRunner().invoke(
        app,
        [
            "indicators",
            "check",
            str(FIXTURES / "small.csv"),
            "--sidecar",
            str(FIXTURES / "small.yaml"),
        ],
    )
    assert good.exit_code == 0, good.output
    assert "valid (7 rows, 3 countries, 2019-2021; Test index v1)" in good.output
    bad = CliRunner().invoke(
        app,
        [
            "indicators",
            "check",
            str(FIXTURES / "bad_year.csv"),
            "--sidecar",
            str(FIXTURES / "small.yaml"),
        ],
    )
    assert bad.exit_code == 1
    assert "bad_year.csv, line 3, column 'year': '20x1' is not a year" in bad.output
