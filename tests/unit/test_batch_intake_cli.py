"""`democdash ingest FOLDER` and many paths: a line of progress per file where stderr is not a
terminal, one bad file reported by name without stopping the others (exit 1), a summary that
names refused duplicates with the stored article they repeat and near-duplicates with the
story they copy, and a near-duplicate counted once (`democdash.corroboration`).

The fixture articles (tests/fixtures/batch, written for these tests): a and c are one wire
story under two headlines, b reports the same detentions in other words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from democdash import corroboration
from democdash.cli import app
from democdash.ingest.batch import article_files
from democdash.store import open_store

BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "batch"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    for path in sorted(BATCH.glob("*.txt")):
        shutil.copy(path, target / path.name)
    (target / "notes.jpg").write_bytes(b"\xff\xd8 not an article")  # not read: not an article
    (target / "d-broken.pdf").write_bytes(b"%PDF-1.4 this is no PDF")
    return target


def run(*args):
    return CliRunner().invoke(app, ["ingest", "--published", "2024-03-10", *map(str, args)])


def test_a_folder_gives_its_article_files_sorted():
    files = article_files([BATCH, BATCH / "a-kyrgyzstan.txt"])
    assert [f.name for f in files] == [
        "a-kyrgyzstan.txt",
        "b-bishkek-arrests.txt",
        "c-wire-copy.txt",
    ]


def test_a_folder_is_ingested_with_progress_and_a_summary(folder):
    result = run(folder)
    assert result.exit_code == 1, result.output  # the broken PDF
    err = result.stderr
    names = ["a-kyrgyzstan.txt", "b-bishkek-arrests.txt", "c-wire-copy.txt", "d-broken.pdf"]
    for number, name in enumerate(names, start=1):
        assert f"[{number}/4] {name}" in err
    assert "notes.jpg" not in result.output
    store = open_store()
    saved = {a.source_file: a for a in store.records("articles") if a.origin == "analyst"}
    assert set(saved) == set(names[:3]), "one bad file stopped the others"
    out = result.stdout
    assert "4 files: 3 saved, 0 refused as already stored, 1 flagged as the same story" in out
    assert "1 failed" in out
    copy, original = saved["c-wire-copy.txt"], saved["a-kyrgyzstan.txt"]
    assert copy.same_story_as == original.id
    assert (
        f"same story: {folder / 'c-wire-copy.txt'} ({copy.id}) copies {original.id} "
        f"(“{original.title}”): 3 of 3 sentences shared" in out
    )
    assert f"failed: {folder / 'd-broken.pdf'}" in out and "d-broken.pdf:" in err


def test_the_copy_counts_once(folder):
    run(folder / "a-kyrgyzstan.txt", folder / "c-wire-copy.txt")
    store = open_store()
    articles = {p["id"]: p for p in store.payloads("articles")}
    detained = next(  # the detentions of paragraph 2, reported by both
        p
        for p in store.payloads("events")
        if p["country"] == "KGZ" and any(s["paragraph"] == 2 for s in p["sources"])
    )
    found = corroboration.support(detained["sources"], articles)
    assert found.reports == 2 and found.stories == 1  # two reports, one story
    assert found.standing == corroboration.SINGLE_SOURCE


def test_a_second_run_refuses_every_stored_article_with_a_pointer(folder):
    run(folder / "a-kyrgyzstan.txt", folder / "b-bishkek-arrests.txt")
    counts = open_store().counts()
    again = run(folder / "a-kyrgyzstan.txt", folder / "b-bishkek-arrests.txt")
    assert again.exit_code == 0, again.output
    assert "2 files: 0 saved, 2 refused as already stored" in again.stdout
    first = next(a for a in open_store().records("articles") if a.source_file == "a-kyrgyzstan.txt")
    assert (
        f"already stored: {folder / 'a-kyrgyzstan.txt'} is {first.id} (“{first.title}”)"
        in again.stdout
    )
    assert open_store().counts() == counts


def test_a_folder_is_saved_in_groups_and_says_saved_only_once_committed(folder, monkeypatch):
    from democdash.cli import ingest as ingest_cli
    from democdash.store.store import Store

    happened: list[str] = []
    plain_writer = Store.batch_writer

    def recorded_writer(self, *args, **kwargs):
        opened = plain_writer(self, *args, **kwargs)

        class Recorded:
            def __enter__(self):
                happened.append("group opened")
                return opened.__enter__()

            def __exit__(self, *exc):
                done = opened.__exit__(*exc)
                happened.append("group committed")
                return done

        return Recorded()

    monkeypatch.setattr(Store, "batch_writer", recorded_writer)
    monkeypatch.setattr(ingest_cli, "SAVE_GROUP_SECONDS", 600)  # however slow the machine
    plain_echo = typer.echo

    def recorded_echo(message="", *args, **kwargs):
        if "saved as" in str(message):
            happened.append("said saved")
        return plain_echo(message, *args, **kwargs)

    monkeypatch.setattr(typer, "echo", recorded_echo)
    result = run(folder)
    assert result.exit_code == 1, result.output  # the broken PDF
    # the three articles share one transaction (SAVE_GROUP is 50), said saved after its commit
    assert happened == ["group opened", "group committed"] + ["said saved"] * 3
