"""`democdash validate` on the fixture data and on one broken fixture per kind of error."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash.cli import app
from democdash.validate import check_quotes, validate_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VALID = FIXTURES / "data"
TEXTS = FIXTURES / "texts"

#: broken fixture (an overlay of one file on the valid data) -> the exact message expected
BROKEN = {
    "missing-field": "events.yaml, record 'blr-2024-detentions', field 'summary': "
    "required field is missing",
    "bad-date": "events.yaml, record 'blr-2024-vote', field 'date.value': "
    "'2024-13' has no month 13",
    "unknown-country": "countries.csv, record 'XXZ', field 'iso3': "
    "'XXZ' is not an ISO 3166-1 alpha-3 code",
    "duplicate-id": "actors.yaml, record 'anna-example', field 'id': duplicate id 'anna-example'",
    "dangling-reference": "options.yaml, record 'opt-targeted-sanctions', "
    "field 'related_events.1': 'no-such-event' is not in events",
    "broken-yaml": "events.yaml: broken YAML at line 15, column 12: "
    "mapping values are not allowed in this context",
    "broken-csv": "countries.csv: broken CSV at line 3: unexpected end of data",
    "wrong-encoding": "actors.yaml: not valid UTF-8 (byte 0xfc on line 11); save the file as UTF-8",
}


def broken_copy(tmp_path: Path, case: str) -> Path:
    """The valid fixture data with the broken case's file(s) laid over it."""
    target = tmp_path / case
    shutil.copytree(VALID, target)
    for path in (FIXTURES / "broken" / case).iterdir():
        shutil.copy(path, target / path.name)
    return target


def test_fixture_data_is_valid_with_quotes_checked():
    result = validate_dir(VALID)
    assert result.problems == []
    assert check_quotes(result.dataset, TEXTS) == []
    assert result.dataset.counts()["events"] == 3


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_fixture_gives_its_precise_message(tmp_path, case):
    result = validate_dir(broken_copy(tmp_path, case))
    assert [str(p) for p in result.problems] == [BROKEN[case]]


@pytest.mark.parametrize("case", ["bad-date", "wrong-encoding"])
def test_cli_exits_nonzero_and_prints_the_problem(tmp_path, case):
    folder = broken_copy(tmp_path, case)
    result = CliRunner().invoke(app, ["validate", str(folder), "--no-texts"])
    assert result.exit_code == 1
    assert BROKEN[case] in result.output


def test_cli_passes_on_valid_data():
    result = CliRunner().invoke(app, ["validate", str(VALID), "--texts", str(TEXTS)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_quote_not_in_its_paragraph_is_reported(tmp_path):
    folder = broken_copy(tmp_path, "missing-field")
    shutil.copy(VALID / "events.yaml", folder / "events.yaml")
    text = (folder / "events.yaml").read_text()
    (folder / "events.yaml").write_text(text.replace("paragraph: 3", "paragraph: 2", 1))
    result = validate_dir(folder)
    problems = [str(p) for p in check_quotes(result.dataset, TEXTS)]
    assert problems == [
        "events.yaml, record 'blr-2024-detentions', field 'sources.0.quote': quote not found "
        "verbatim in paragraph 2 (it is in paragraph 3): 'Police detained hundreds of marchers'"
    ]


def test_missing_data_folder_is_reported(tmp_path):
    result = validate_dir(tmp_path / "nowhere")
    assert "data folder does not exist" in str(result.problems[0])
