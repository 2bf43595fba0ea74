"""The synthetic scale fixture: valid, deterministic, of the size asked for."""

from democdash.datafiles import data_version
from democdash.scale import generate
from democdash.validate import validate_dir


def test_scale_fixture_is_valid_and_sized(tmp_path):
    counts = generate(tmp_path / "a", events=300, options=60, articles=40)
    result = validate_dir(tmp_path / "a")
    assert result.problems == []
    assert result.dataset.counts()["events"] == counts["events"] == 300
    assert result.dataset.counts()["options"] == 60
    assert result.dataset.counts()["articles"] == 40


def test_scale_fixture_is_deterministic(tmp_path):
    generate(tmp_path / "a", events=50, options=10, articles=10)
    generate(tmp_path / "b", events=50, options=10, articles=10)
    assert data_version(tmp_path / "a") == data_version(tmp_path / "b")
