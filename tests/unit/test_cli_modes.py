"""What the read-only and hosted modes allow from the command line (README, docs/hosting.md).

- `DEMOCDASH_READONLY=1`: no command rewrites the store. `seed` (with or without --force)
  refuses with exit 1; reading commands load `data/` only into a store never seeded.
- `DEMOCDASH_HOSTED=1` restricts the app's visitors, not the operator's CLI on the server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash import settings
from democdash.cli import app
from democdash.store import ReadOnlyError, open_store

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data"
TEXT = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024."
)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(folder))
    return folder


def state(store) -> tuple:
    return store.counts(), store.data_version(), store.revision()


def change_data(folder: Path) -> None:
    path = folder / "events.yaml"
    path.write_text(path.read_text().replace("Police detained", "Police held", 1))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def seeded_then_readonly(data_dir, monkeypatch):
    """A store seeded from `data_dir`, then the setting turned read-only."""
    before = state(open_store(settings.get_settings()))
    monkeypatch.setenv(settings.ENV_READONLY, "1")
    return before


@pytest.mark.parametrize("args", [["seed"], ["seed", "--force"]])
def test_readonly_refuses_seed_and_changes_nothing(seeded_then_readonly, data_dir, args):
    change_data(data_dir)
    result = run(*args)
    assert result.exit_code == 1
    assert "error: the store is read-only (DEMOCDASH_READONLY=1)" in result.output
    assert "nothing changed" in result.output
    assert state(open_store(settings.get_settings(), seed=False)) == seeded_then_readonly


def test_readonly_reading_commands_do_not_reload_changed_data(seeded_then_readonly, data_dir):
    change_data(data_dir)
    for args in (["info"], ["export", "events", "-f", "csv", "-o", str(data_dir / "x.csv")]):
        result = run(*args)
        assert result.exit_code == 0, result.output
    assert state(open_store(settings.get_settings(), seed=False)) == seeded_then_readonly


def test_readonly_fills_a_store_that_was_never_seeded_once(data_dir, monkeypatch):
    monkeypatch.setenv(settings.ENV_READONLY, "1")
    result = run("info")
    assert result.exit_code == 0, result.output
    assert "(read-only)" in result.output and "events     3" in result.output


def test_hosted_does_not_restrict_the_operators_cli(data_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(settings.ENV_HOSTED, "1")
    assert run("seed").exit_code == 0
    change_data(data_dir)
    forced = run("seed", "--force")
    assert forced.exit_code == 0 and "loaded" in forced.output
    article = tmp_path / "kgz.txt"
    article.write_text(TEXT, encoding="utf-8")
    saved = run("ingest", str(article))
    assert saved.exit_code == 0, saved.output
    assert "saved as" in saved.output


# -- the store itself: the rule the CLI follows, enforced where every writer goes through ------


def test_a_readonly_store_refuses_a_forced_reseed(seeded_then_readonly):
    store = open_store(settings.get_settings(), seed=False)
    with pytest.raises(ReadOnlyError):
        store.seed(force=True)
    assert state(store) == seeded_then_readonly


def test_a_readonly_store_does_not_reload_changed_data(seeded_then_readonly, data_dir):
    change_data(data_dir)
    store = open_store(settings.get_settings())  # as the app and `democdash ingest` open it
    assert store.last_seed is not None and not store.last_seed.applied
    assert state(store) == seeded_then_readonly


def test_a_readonly_store_that_was_never_seeded_is_seeded(data_dir, monkeypatch):
    monkeypatch.setenv(settings.ENV_READONLY, "1")
    store = open_store(settings.get_settings())
    assert store.last_seed is not None and store.last_seed.applied
    assert store.counts()["events"] == 3
