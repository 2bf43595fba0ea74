"""`democdash ingest` without --dry-run: saves each article, reports duplicates and bad files,
keeps going, and --json still prints the extraction contract."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash.cli import app
from democdash.store import open_store

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
TEXT = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said.\n\n"
    "The European Union should impose targeted sanctions on the officials responsible for the "
    "arrests, the author argues."
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "kgz.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(app, ["ingest", *map(str, args)])


def test_ingest_saves_the_article_and_its_records(article):
    result = run("--published", "2024-03-10", "--outlet", "Test Wire", article)
    assert result.exit_code == 0, result.output
    # the headline on the text's first line is proposed as the title (the id's slug)
    assert "saved as kyrgyzstan-detains-opposition-figures-" in result.stdout
    assert "new events" in result.stdout
    store = open_store()
    [saved] = [a for a in store.records("articles") if a.origin == "analyst"]
    assert saved.outlet == "Test Wire" and saved.source_file == "kgz.txt"
    assert saved.title == "Kyrgyzstan detains opposition figures"
    assert saved.published.value == "2024-03-10"
    assert store.article_text(saved.id) == TEXT
    events = store.events()
    assert (events["country"] == "KGZ").any()
    assert store.get("countries", "KGZ") is not None


def test_second_ingest_reports_the_duplicate_with_the_existing_id(article):
    first = run(article)
    assert first.exit_code == 0, first.output
    counts = open_store().counts()
    again = run(article)
    assert again.exit_code == 0
    saved_id = first.stdout.split("saved as ")[1].split(":")[0]
    assert f"already stored as {saved_id}" in again.stdout
    assert open_store().counts() == counts


def test_bad_files_are_reported_and_the_others_still_saved(article):
    result = run(BAD / "empty.txt", article, BAD / "latin1.txt")
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert "latin1.txt: not UTF-8 encoded text" in result.stderr
    assert "saved as" in result.stdout
    assert open_store().counts()["articles"] == 3  # two curated + this one


def test_json_prints_the_contract_and_still_saves(article):
    result = run("--json", "--published", "2024-03-10", article)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "article",
        "countries",
        "dates",
        "people",
        "events",
        "policy_options",
        "policy_options_also_possible",
        "sentences",
    ]
    assert "saved as" in result.stderr
    assert open_store().counts()["articles"] == 3


def test_read_only_store_refuses_with_a_message(article, monkeypatch):
    open_store()  # seeded first
    monkeypatch.setenv("DEMOCDASH_READONLY", "1")
    result = run(article)
    assert result.exit_code == 1
    assert "read-only" in result.stderr and "nothing saved" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--published", "March 2024", "is not YYYY"), ("--source-type", "blog", "unknown source")],
)
def test_bad_options_are_refused_before_anything_is_read(article, option, value, message):
    result = run(option, value, article)
    assert result.exit_code == 2
    assert message in result.output


def test_dry_run_saves_nothing(article):
    result = run("--dry-run", article)
    assert result.exit_code == 0
    assert open_store().counts()["articles"] == 2


def _ingest_process(*args: str, timeout: float = 60):
    """`democdash ingest --dry-run` in its own process, so that a hang fails the test."""
    import subprocess
    import sys

    code = "from democdash.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "ingest", "--dry-run", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_fifo_is_refused_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would block forever
    run_ = _ingest_process(str(fifo))
    assert run_.returncode == 1
    assert "pipe.txt: not a regular file" in run_.stderr
    assert "Traceback" not in run_.stderr


def test_dev_zero_is_refused_with_a_clear_message():
    run_ = _ingest_process("/dev/zero")
    assert run_.returncode == 1
    assert "/dev/zero: not a regular file" in run_.stderr
    assert "Traceback" not in run_.stderr and "MemoryError" not in run_.stderr


def test_a_file_over_the_size_cap_is_refused_with_its_size_and_the_cap(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 300, encoding="utf-8")
    result = run("--dry-run", "--max-bytes", "1000", big)
    assert result.exit_code == 1
    assert "big.txt: the file is 1500 bytes, over the limit of 1000 bytes" in result.stderr


def test_a_text_over_the_character_cap_is_refused(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("Belarus " * 200, encoding="utf-8")
    result = run("--dry-run", "--max-chars", "1000", long)
    assert result.exit_code == 1
    assert "long.txt: the text has 1,600 characters, over the limit of 1,000" in result.stderr


def test_the_date_the_text_gives_resolves_weekdays_and_its_link_year_is_no_date(tmp_path):
    path = tmp_path / "plane.txt"
    path.write_text(
        "Belarus forces Ryanair plane to land, arrests journalist\n"
        "Published On 24 May 2021\n"
        "https://www.aljazeera.com/news/2021/5/24/belarus-plane\n\n"
        "Belarus forced a Ryanair plane to land in Minsk on Sunday and arrested a journalist.",
        encoding="utf-8",
    )
    result = run("--dry-run", "--json", path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2021-05-24"
    assert data["article"]["url"] == "https://www.aljazeera.com/news/2021/5/24/belarus-plane"
    isos = {d["text"]: d["iso"] for d in data["dates"]}
    assert isos == {"24 May 2021": "2021-05-24", "on Sunday": "2021-05-23"}
    assert [e["date"] for e in data["events"]] == ["2021-05-23"]


def test_the_cli_caps_default_to_the_upload_limit_and_the_extractors_cap():
    from democdash.cli import ingest
    from democdash.extract.pipeline import MAX_TEXT_CHARS
    from democdash.settings import MAX_UPLOAD_BYTES

    assert ingest._DEFAULT_MAX_BYTES == MAX_UPLOAD_BYTES
    assert ingest._HARD_MAX_CHARS == MAX_TEXT_CHARS
