"""A script run looks the settings, the registry and the opened store up once
(`data.one_store_per_run`): a page asks for data dozens of times a run, and each lookup read
the settings from the environment and went through a Streamlit cache. A write still shows at
once: the store's revision is asked each time."""

from __future__ import annotations

from democdash import settings
from democdash.ui import data


def test_a_run_reads_the_settings_a_few_times_not_once_per_data_request(open_app, monkeypatch):
    at = open_app("overview", query={"country": "BLR", "as_of": "2020-12", "since": "2020-11"})
    calls = []
    real = settings.get_settings

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(data, "get_settings", counted)
    at.run()
    assert not at.exception
    # the frame's pin, store() for the sign-in check and the boundary files: not one per frame,
    # figure and derived value (the overview asks for data more than thirty times a run)
    assert 0 < len(calls) <= 8, len(calls)
    assert data._this_run.get() is None  # the pin ends with the run


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
