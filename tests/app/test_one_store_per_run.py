"""A script run looks the settings, the registry and the opened store up once
(`data.one_store_per_run`, `run_settings.held`): a page asks for data dozens of times a run, and each lookup read
the settings from the environment and went through a Streamlit cache. A write still shows at
once: the store's revision is asked each time."""

from __future__ import annotations

from democdash import settings
from democdash.ui import data, run_settings


def test_a_run_reads_the_settings_once(open_app, monkeypatch):
    at = open_app("overview", query={"country": "BLR", "as_of": "2020-12", "since": "2020-11"})
    calls = []
    real = settings.local_editor

    def counted():  # every `get_settings()` asks it, whoever imported `get_settings`
        calls.append(1)
        return real()

    monkeypatch.setattr(settings, "local_editor", counted)
    at.run()
    assert not at.exception
    # the frame's pin (`run_settings.held`), where the overview asked eleven times a run: the
    # store, the sign-in checks, the boundary files and the map outlines each read them
    assert len(calls) == 1, len(calls)
    assert data._this_run.get() is None  # the pin ends with the run
    assert run_settings._this_run.get() is None


def test_outside_a_run_the_settings_are_read_afresh(monkeypatch, tmp_path):
    monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path))
    assert run_settings.settings().data_dir == tmp_path
    with run_settings.held() as held:
        monkeypatch.setenv("DEMOCDASH_DATA_DIR", str(tmp_path / "other"))
        assert run_settings.settings() is held  # one run sees one set of settings
    assert run_settings.settings().data_dir == tmp_path / "other"


def test_a_write_during_a_session_shows_on_the_next_run(open_app):
    at = open_app("sources")
    before = len(at.dataframe[0].value)
    store = data._registry().opened(settings.get_settings())
    from democdash.models import Article, DateValue

    store.add_article(
        Article(
            id="later-piece",
            outlet="Example Post",
            source_type="reporting",
            published=DateValue(value="2022-01"),
            text_sha256="0" * 64,
        )
    )
    at.run()
    assert len(at.dataframe[0].value) == before + 1
