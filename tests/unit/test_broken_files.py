"""Data files broken at the file level: a truncated or hand-broken boundary file, a data file
replaced by a folder, a symlink loop or a FIFO. `validate`, `seed` and `info` name the file
and what is wrong (no traceback, no hang) and the store keeps its data."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash import boundary_files, geo, settings
from democdash.cli import app
from democdash.datafiles import data_version
from democdash.store import open_store
from democdash.validate import validate_dir

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data"


@pytest.fixture
def with_boundaries(tmp_path: Path) -> Path:
    """The small valid fixture data with a copy of the bundled boundary files."""
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copytree(settings.bundled_data_dir() / "boundaries", folder / "boundaries")
    return folder


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in validate_dir(folder).problems]


def world(folder: Path) -> Path:
    return folder / "boundaries" / "world.geojson"


def test_the_fixture_with_the_bundled_boundaries_is_valid(with_boundaries):
    assert problems_of(with_boundaries) == []


def test_a_truncated_world_file_is_named_with_where_it_breaks(with_boundaries):
    raw = world(with_boundaries).read_bytes()
    world(with_boundaries).write_bytes(raw[:100_000])
    (problem,) = problems_of(with_boundaries)
    assert problem.startswith("boundaries/world.geojson: broken JSON at line ")
    assert re.search(r"\(character ([\d,]+) of \1\): ", problem), problem  # at its very end


def _edit_world(folder: Path, edit) -> None:
    doc = json.loads(world(folder).read_text())
    edit(doc["features"])
    world(folder).write_text(json.dumps(doc))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda fs: fs[0]["properties"].update(iso3="aw"),
            "boundaries/world.geojson, record 'aw', field 'properties.iso3': "
            "'aw' is not a 3-letter code",
        ),
        (
            lambda fs: fs[1]["properties"].update(iso3=fs[0]["properties"]["iso3"]),
            "boundaries/world.geojson, record 'ABW', field 'properties.iso3': duplicate code 'ABW'",
        ),
        (
            lambda fs: fs[0].update(geometry={"type": "Point", "coordinates": [1, 2]}),
            "boundaries/world.geojson, record 'ABW', field 'geometry': "
            "expected a Polygon or MultiPolygon, found Point",
        ),
        (
            lambda fs: fs[0].update(
                geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}
            ),
            "boundaries/world.geojson, record 'ABW', field 'geometry': "
            "not a valid GeoJSON geometry (A linearring requires at least 4 coordinates.)",
        ),
        (
            lambda fs: fs[0].update(
                geometry={
                    "type": "Polygon",
                    "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
                }
            ),
            "boundaries/world.geojson, record 'ABW', field 'geometry': "
            "invalid shape (Self-intersection[0.5 0.5])",
        ),
        (lambda fs: fs.clear(), "boundaries/world.geojson: contains no countries"),
    ],
    ids=["bad-code", "duplicate", "point", "short-ring", "bow-tie", "empty"],
)
def test_a_bad_feature_is_named_by_record_and_field(with_boundaries, edit, expected):
    _edit_world(with_boundaries, edit)
    problems = problems_of(with_boundaries)
    assert expected in problems, problems


def test_neighbours_source_and_licence_are_checked(with_boundaries):
    folder = with_boundaries / "boundaries"
    with (folder / "neighbours.csv").open("a") as fh:
        fh.write("BLR,ZZZ\nbl,RUS\n")
    (folder / "SOURCE.yaml").write_text("source: {license_file: LICENSE.txt}\n")
    (folder / "LICENSE.txt").unlink()
    lines = sum(1 for _ in (folder / "neighbours.csv").open())
    assert problems_of(with_boundaries) == [
        f"boundaries/neighbours.csv, record 'line {lines - 1}', field 'neighbour': "
        "'ZZZ' has no shape in world.geojson",
        f"boundaries/neighbours.csv, record 'line {lines}', field 'iso3': "
        "'bl' is not a 3-letter code",
        "boundaries/SOURCE.yaml, field 'disclaimer': required text is missing",
    ]
    (folder / "SOURCE.yaml").write_text(
        "source: {license_file: LICENSE.txt}\ndisclaimer: Approximate.\n"
    )
    assert problems_of(with_boundaries)[-1] == (
        "boundaries/SOURCE.yaml, field 'source.license_file': "
        "the licence file 'LICENSE.txt' is missing"
    )


def test_many_bad_features_are_capped_per_file(with_boundaries):
    _edit_world(with_boundaries, lambda fs: [f["properties"].update(name="") for f in fs])
    problems = problems_of(with_boundaries)
    assert len(problems) == boundary_files.MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].startswith("boundaries/world.geojson: ... and 230 more problem(s)")


def test_a_data_folder_without_boundaries_has_nothing_to_check():
    assert problems_of(VALID) == []


def _replace(path: Path, kind: str) -> str:
    """Replace the file at `path` by a broken kind of thing; the message expected for it."""
    path.unlink()
    if kind == "folder":
        path.mkdir()
        return "is a folder, not a file"
    if kind == "symlink loop":
        path.symlink_to(path)
        return "is a symlink loop (too many levels of symbolic links); point it at a real file"
    if kind == "dangling symlink":
        path.symlink_to(path.with_name("nowhere.yaml"))
        return "file is missing"
    os.mkfifo(path)
    return "is a named pipe (FIFO), not a regular file"


KINDS = ["folder", "symlink loop", "dangling symlink", "fifo"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["events.yaml", "countries.csv", "boundaries/world.geojson"])
def test_a_file_that_is_not_a_regular_file_is_named(with_boundaries, name, kind):
    expected = _replace(with_boundaries / name, kind)
    problems = problems_of(with_boundaries)  # a FIFO must not hang here
    assert f"{name}: {expected}" in problems, problems
    assert data_version(with_boundaries)  # and the version never raises


def test_the_data_version_follows_the_boundary_files(with_boundaries):
    before = data_version(with_boundaries)
    with (with_boundaries / "boundaries" / "neighbours.csv").open("a") as fh:
        fh.write("BLR,RUS\n")
    assert data_version(with_boundaries) != before


def test_geo_errors_name_the_file_for_a_folder_or_a_loop(with_boundaries):
    _replace(world(with_boundaries), "folder")
    with pytest.raises(geo.BoundariesError, match=r"world\.geojson: is a folder, not a file"):
        geo.load_boundaries("world", with_boundaries)
    _replace(with_boundaries / "boundaries" / "neighbours.csv", "symlink loop")
    with pytest.raises(geo.BoundariesError, match=r"neighbours\.csv: is a symlink loop"):
        geo.load_neighbours(with_boundaries)


# -- the store and the CLI -------------------------------------------------------------------


@pytest.fixture
def seeded(with_boundaries, monkeypatch):
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(with_boundaries))
    store = open_store(settings.get_settings())
    assert store.last_seed and store.last_seed.applied
    return store


@pytest.mark.parametrize("kind", KINDS)
def test_seeding_reports_a_broken_file_and_keeps_the_stored_data(seeded, with_boundaries, kind):
    before = (seeded.counts(), seeded.data_version(), seeded.revision())
    expected = _replace(with_boundaries / "events.yaml", kind)
    report = seeded.seed(force=True)
    assert not report.applied
    assert [str(p) for p in report.problems] == [f"events.yaml: {expected}"]
    assert (seeded.counts(), seeded.data_version(), seeded.revision()) == before


@pytest.mark.parametrize("kind", ["folder", "symlink loop", "fifo"])
@pytest.mark.parametrize("command", [["validate", "--no-texts"], ["seed"], ["info"]])
def test_cli_names_the_file_instead_of_a_traceback(seeded, with_boundaries, kind, command):
    expected = _replace(with_boundaries / "events.yaml", kind)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"events.yaml: {expected}" in result.output
    assert "Traceback" not in result.output


def test_cli_names_a_truncated_boundary_file(seeded, with_boundaries):
    world(with_boundaries).write_bytes(world(with_boundaries).read_bytes()[:5000])
    for command in (["validate", "--no-texts"], ["seed"], ["info"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "boundaries/world.geojson: broken JSON at line" in result.output, command


def test_cli_export_names_a_broken_world_file(seeded, with_boundaries, tmp_path):
    _replace(world(with_boundaries), "symlink loop")
    out = tmp_path / "counts.geojson"
    result = CliRunner().invoke(app, ["export", "events", "-f", "geojson", "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and not out.exists()
    assert "error: Boundaries file " in result.output
    assert "world.geojson: is a symlink loop" in result.output
