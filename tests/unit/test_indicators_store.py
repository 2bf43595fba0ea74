"""Indicator datasets imported into the store (SQLite and PostgreSQL): all or nothing, audited,
read back through the same checks; a bad file, a curated id or a taken id changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from democdash.problems import DataError
from democdash.store.schema import audit_log

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INDICATORS = FIXTURES / "indicators"


@pytest.fixture
def store(fixture_store):
    return fixture_store


def _import(store, csv_name: str = "small.csv", **kwargs):
    return store.import_indicator(
        (INDICATORS / "small.yaml").read_bytes(),
        (INDICATORS / csv_name).read_bytes(),
        csv_name,
        **kwargs,
    )


def _kept(store) -> list[tuple]:
    return [(s.id, s.sha256, s.imported_at.replace(tzinfo=None)) for s in store.indicator_imports()]


def _audit_rows(store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(audit_log.c.editor, audit_log.c.action, audit_log.c.record_id).where(
                audit_log.c.kind == "indicators"
            )
        )
        return [tuple(r) for r in rows]


def test_an_import_is_kept_whole_audited_and_reads_back_the_same(store) -> None:
    revision = store.revision()
    stored = _import(store, by="ana")
    assert (stored.id, stored.rows, stored.imported_by) == ("test-index", 7, "ana")
    (again,) = store.indicator_imports()
    table = again.read().table
    assert table.value("BLR", "score", 2020) == pytest.approx(0.2)
    assert table.spec.file == "small.csv"
    assert store.revision() > revision
    assert _audit_rows(store) == [("ana", "imported", "test-index")]


@pytest.mark.parametrize("bad", ["bad_code.csv", "duplicate.csv", "latin1.csv", "bad_year.csv"])
def test_a_bad_file_is_refused_with_its_line_and_nothing_changes(store, bad: str) -> None:
    _import(store)
    before = _kept(store)
    with pytest.raises(DataError) as refused:
        _import(store, bad, replace=True)
    assert refused.value.problems[0].file == bad and refused.value.problems[0].line
    assert _kept(store) == before


def test_a_taken_id_needs_replace_and_a_curated_id_is_refused(store) -> None:
    first = _import(store)
    with pytest.raises(DataError, match="already imported"):
        _import(store)
    with pytest.raises(DataError, match="is a curated dataset"):
        _import(store, curated_ids={"test-index"}, replace=True)
    assert _kept(store) == [(first.id, first.sha256, first.imported_at.replace(tzinfo=None))]
    replaced = _import(store, replace=True)
    assert _kept(store) == [(first.id, first.sha256, replaced.imported_at.replace(tzinfo=None))]
    assert store.remove_indicator("test-index", by="ana") is True
    assert store.indicator_imports() == []
    assert [a for _, a, _ in _audit_rows(store)] == ["imported", "imported", "removed"]


def test_the_cli_imports_into_the_configured_store(tmp_path, monkeypatch) -> None:
    from democdash.cli import app

    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data_dir)
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DEMOCDASH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    args = ["indicators", "import", str(INDICATORS / "small.csv")]
    args += ["--sidecar", str(INDICATORS / "small.yaml")]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "imported test-index (Test index: 7 rows, 2019-2021)" in done.output
    bad = CliRunner().invoke(
        app,
        [
            "indicators",
            "import",
            str(INDICATORS / "bad_value.csv"),
            "--sidecar",
            str(INDICATORS / "small.yaml"),
            "--replace",
        ],
    )
    assert bad.exit_code == 1
    assert "bad_value.csv, line 3, column 'score'" in bad.output
    assert "nothing was imported" in bad.output
    listed = CliRunner().invoke(app, ["indicators", "list"])
    assert "test-index" in listed.output and "imported by" in listed.output
