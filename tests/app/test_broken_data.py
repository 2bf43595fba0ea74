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


def _truncate(path, keep: int = 100_000) -> None:
    path.write_bytes(path.read_bytes()[:keep])


def _as_in_a_new_process() -> None:
    """Nothing loaded so far stays in memory (a restarted server)."""
    st.cache_resource.clear()
    st.cache_data.clear()


def _chart_count(at) -> int:
    return len([c for c in at.get("bidi_component") if c.key.endswith("map")])


def test_a_truncated_world_map_file_is_named_and_its_last_good_copy_drawn(open_app, data_copy):
    assert not open_app().error  # a first start with good files keeps a copy of each
    _truncate(data_copy / "boundaries" / "world.geojson")
    _as_in_a_new_process()  # nothing of the good map in memory: only the kept copy

    for page, query in (("overview", {}), ("events", {"view": "map"})):
        at = open_app(page, query=query)
        warnings = "\n".join(shown(w.value) for w in at.warning)
        assert "Boundary file boundaries/world.geojson: broken JSON at line" in warnings
        assert "uses its last good copy" in warnings
        assert _chart_count(at) >= 1, f"no map drawn on {page}"
        errors = "\n".join(shown(e.value) for e in at.error)  # and validation names it too
        assert "boundaries/world.geojson: broken JSON at line" in errors


def test_a_broken_map_file_without_a_good_copy_leaves_the_pages_up(open_app, data_copy):
    (data_copy / "boundaries" / "world.geojson").unlink()
    (data_copy / "boundaries" / "world.geojson").mkdir()  # never good in this home

    for page, query in (("overview", {}), ("events", {"view": "map"})):
        at = open_app(page, query=query)  # fails the test if the page raised
        errors = "\n".join(shown(e.value) for e in at.error)
        assert "Boundary file boundaries/world.geojson: is a folder, not a file" in errors
        assert "does without it" in errors


def test_a_broken_sources_file_of_the_boundaries_keeps_the_credit_line(open_app, data_copy):
    assert not open_app().error
    (data_copy / "boundaries" / "SOURCE.yaml").write_text("source: [unclosed\n")
    _as_in_a_new_process()

    at = open_app("overview")
    captions = "\n".join(shown(c.value) for c in at.caption)
    assert "Natural Earth" in captions  # the credit from the last good copy


@pytest.mark.parametrize("kind", ["folder", "symlink loop"])
def test_a_data_file_replaced_by_a_folder_or_a_loop_keeps_the_last_good_data(
    open_app, data_copy, kind
):
    assert not open_app().error
    stored = open_store(settings.get_settings()).counts()
    events = data_copy / "events.yaml"
    events.unlink()
    if kind == "folder":
        events.mkdir()
        expected = "events.yaml: is a folder, not a file"
    else:
        events.symlink_to(events)
        expected = "events.yaml: is a symlink loop"
    _as_in_a_new_process()

    at = open_app("events")
    errors = "\n".join(shown(e.value) for e in at.error)
    assert "The data files have problems, so the last good data is still shown" in errors
    assert expected in errors
    listed = {i for df in (d.value for d in at.dataframe) if "id" in df for i in df["id"]}
    assert "blr-2020-protests" in listed
    assert open_store(settings.get_settings()).counts() == stored
