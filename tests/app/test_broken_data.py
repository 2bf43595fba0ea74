"""One broken data file does not take the dashboard down: after a good first seed, a bad record
in `events.yaml` is named on the page (file, record, field) and every page keeps serving the
last good data."""

from __future__ import annotations

import re
import shutil

import pytest
import streamlit as st

from democdash import settings
from democdash.store import open_store

PAGES = ["overview", "events", "options", "countries", "sources"]


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(settings.bundled_data_dir(), folder)
    monkeypatch.setenv(settings.ENV_DATA_DIR, str(folder))
    return folder


def test_a_broken_record_is_named_and_the_rest_still_works(open_app, data_copy):
    good = open_app()  # the first start seeds the good data
    assert not good.error
    stored = open_store(settings.get_settings()).counts()

    events = data_copy / "events.yaml"
    text = events.read_text()
    broken = text.replace("  type: protest\n", "  type: riot-ish\n", 1)
    assert broken != text
    events.write_text(broken)
    st.cache_resource.clear()  # the seed check is cached for a few seconds: as after that time

    for page in [p for p in PAGES if (settings.REPO_DIR / "pages" / f"{p}.py").is_file()]:
        at = open_app(page)  # open_app fails the test if the page raised
        errors = "\n".join(shown(e.value) for e in at.error)
        assert "The data files have problems, so the last good data is still shown" in errors
        assert "events.yaml, record 'blr-2020-protests', field 'type'" in errors
        if page == "events":  # the stored events are still listed, the broken one among them
            listed = {i for df in (d.value for d in at.dataframe) if "id" in df for i in df["id"]}
            assert "blr-2020-protests" in listed
    assert open_store(settings.get_settings()).counts() == stored  # nothing was lost
