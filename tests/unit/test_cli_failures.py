"""CLI failures that used to end in a traceback: an output path that is a folder or lies under a
file, a store that cannot be reached (password never printed), a source URL over the limit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from democdash import settings
from democdash.cli import app
from democdash.cli.errors import scrub, shown_url
from democdash.store import open_store

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data"
SECRET = "s3cret-Pa55"
TEXT = (
    "Kyrgyzstan detains opposition figures\n\n"
    "Police in Kyrgyzstan detained six opposition politicians in Bishkek on March 4, 2024, "
    "their lawyers said."
)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "kgz.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


EXPORT = ["export", "events", "-f", "csv", "-o"]
BRIEF = ["brief", "-c", "BLR", "-f", "md", "--no-map", "--no-texts", "-o"]


# -- output paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [EXPORT, BRIEF], ids=["export", "brief"])
def test_an_output_that_is_a_folder_is_refused_before_any_work(data_dir, tmp_path, command):
    result = run(*command, tmp_path)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{tmp_path} is a folder; give a file name" in result.output


@pytest.mark.parametrize("command", [EXPORT, BRIEF], ids=["export", "brief"])
def test_an_output_under_a_file_is_refused(data_dir, tmp_path, command):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run(*command, blocker / "out.csv")
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{blocker} is a file, so {blocker / 'out.csv'} cannot be written" in result.output


@pytest.mark.parametrize("command", [EXPORT, BRIEF], ids=["export", "brief"])
def test_missing_folders_of_an_output_are_made(data_dir, tmp_path, command):
    out = tmp_path / "new" / "deeper" / "out.txt"
    result = run(*command, out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_a_write_that_fails_is_one_error_line(data_dir):
    result = run(*EXPORT, "/proc/democdash-export.csv")  # /proc takes no new files, even as root
    no_traceback(result)
    assert result.exit_code == 1
    assert "error: cannot write /proc/democdash-export.csv: " in result.output


# -- a store that cannot be used ----------------------------------------------------------------

UNREACHABLE = f"postgresql+psycopg://analyst:{SECRET}@127.0.0.1:1/democdash"
COMMANDS = {
    "info": ["info"],
    "seed": ["seed"],
    "export": [*EXPORT, "out.csv"],
    "brief": [*BRIEF, "out.md"],
    "ingest": ["ingest", "ARTICLE"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_unreachable_database_is_one_line_without_the_password(
    data_dir, article, monkeypatch, tmp_path, name
):
    monkeypatch.setenv(settings.ENV_DATABASE_URL, UNREACHABLE)
    monkeypatch.chdir(tmp_path)
    args = [str(article) if a == "ARTICLE" else a for a in COMMANDS[name]]
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == 1
    assert "postgresql+psycopg://analyst:***@127.0.0.1:1/democdash" in result.output
    assert "Connection refused" in result.output or "connection failed" in result.output
    assert SECRET not in result.output


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"no url at all {SECRET}", "not a valid database URL"),
        (f"nosuchdb://u:{SECRET}@host/db", "Can't load plugin: sqlalchemy.dialects:nosuchdb"),
        ("sqlite:///DATA/events.yaml", "file is not a database"),
        ("sqlite:////proc/democdash/store.sqlite", "No such file or directory: /proc/democdash"),
    ],
    ids=["not-a-url", "unknown-dialect", "not-a-database", "folder-not-made"],
)
def test_a_store_url_that_cannot_be_opened_is_named(data_dir, monkeypatch, url, expected):
    monkeypatch.setenv(settings.ENV_DATABASE_URL, url.replace("DATA", str(data_dir)))
    for command in (["info"], ["seed"]):
        result = run(*command)
        no_traceback(result)
        assert result.exit_code == 1, result.output
        assert "error: cannot open the store " in result.output
        assert expected in result.output
        assert SECRET not in result.output


def test_the_url_is_shown_with_its_password_hidden_and_scrubbed_from_messages():
    url = f"postgresql+psycopg://me:{SECRET}@db.example/x"
    assert shown_url(url) == "postgresql+psycopg://me:***@db.example/x"
    said = f'FATAL: bad password "{SECRET}" for postgresql://me:{SECRET}@db.example/x\n  hint'
    assert scrub(said, url) == 'FATAL: bad password "***" for postgresql://me:***@db.example/x hint'
    assert SECRET not in shown_url(f"garbage {SECRET}")


# -- one limit for a source URL on every store --------------------------------------------------

LONG_URL = "https://example.org/" + "a" * 1981  # 2,001 characters


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store_url(request, monkeypatch) -> str:
    if request.param == "postgresql":
        url = request.getfixturevalue("fresh_pg_url")
        monkeypatch.setenv(settings.ENV_DATABASE_URL, url)
    return settings.get_settings().database_url


def test_a_source_url_over_2000_characters_is_refused_on_every_store(any_store_url, article):
    assert len(LONG_URL) == 2001
    result = run("ingest", "--url", LONG_URL, article)
    no_traceback(result)
    assert result.exit_code == 2  # refused with the options, before any file is read
    assert "--url" in result.output and "at most 2,000 are stored" in result.output
    stored = open_store(settings.get_settings()).records("articles")
    assert not [a for a in stored if a.origin == "analyst"]


def test_a_source_url_of_2000_characters_is_saved_on_every_store(any_store_url, article):
    url = LONG_URL[:2000]
    result = run("ingest", "--url", url, article)
    assert result.exit_code == 0, result.output
    stored = open_store(settings.get_settings()).records("articles")
    assert [a.url for a in stored if a.origin == "analyst"] == [url]
