"""The brief download panel (democdash.ui.brief_panel), run on its own with AppTest."""

from __future__ import annotations

import io

from docx import Document
from streamlit.testing.v1 import AppTest

from democdash.briefs.notes_form import country_sources
from democdash.store import open_store


def _panel_app() -> None:
    import streamlit as st

    from democdash.ui.brief_panel import brief_download_panel

    brief_download_panel(st.session_state.get("default_country"))


def _run(country: str | None = "BLR") -> AppTest:
    open_store()  # seed the test's store before the app reads it
    at = AppTest.from_function(_panel_app, default_timeout=60)
    at.session_state["default_country"] = country
    at.run()
    assert not at.exception, at.exception
    return at


def test_panel_starts_on_the_given_country_with_no_download_yet():
    at = _run("BLR")
    assert at.selectbox(key="brief_country").value == "BLR"
    assert at.text_input(key="brief_handling").value == "UNCLASSIFIED // FOR DISCUSSION"
    assert len(at.get("download_button")) == 0


def test_building_offers_the_file_for_the_chosen_format_and_handling():
    at = _run("BLR")
    at.selectbox(key="brief_format").set_value("docx")
    at.text_input(key="brief_handling").set_value("SECRET-ISH // TEST")
    at.button(key="brief_build").click().run()
    assert not at.exception, at.exception
    _request, payload, name, n_options = at.session_state["brief_file"]
    assert name.startswith("democdash-brief-BLR-") and name.endswith(".docx")
    doc = Document(io.BytesIO(payload))
    assert "SECRET-ISH // TEST" in doc.sections[0].header.paragraphs[0].text
    assert n_options > 0
    buttons = at.get("download_button")
    assert len(buttons) == 1 and name in buttons[0].proto.label


def test_changing_the_country_drops_the_stale_download():
    at = _run("BLR")
    at.selectbox(key="brief_format").set_value("md")
    at.button(key="brief_build").click().run()
    assert len(at.get("download_button")) == 1
    at.selectbox(key="brief_country").set_value("MMR").run()
    assert len(at.get("download_button")) == 0


def test_the_brief_draws_the_apps_cached_boundaries(monkeypatch):
    from democdash import briefs
    from democdash.ui import data

    given = []
    build_brief = briefs.build_brief

    def recorded(*args, **kwargs):
        given.append(kwargs.get("boundaries"))
        return build_brief(*args, **kwargs)

    monkeypatch.setattr(briefs, "build_brief", recorded)
    at = _run("BLR")
    at.selectbox(key="brief_format").set_value("md")
    at.button(key="brief_build").click().run()
    assert not at.exception, at.exception
    assert given and given[0] is data.boundaries("regional"), "boundaries read again"


def test_unreadable_boundaries_give_a_brief_without_a_map(monkeypatch):
    from pathlib import Path

    from democdash import geo
    from democdash.ui import data

    def unreadable(level: str = "world"):
        raise geo.BoundariesError(Path("regional.geojson"), "file not found")

    monkeypatch.setattr(data, "boundaries", unreadable)
    monkeypatch.setattr(geo, "load_boundaries", lambda *a, **k: unreadable())
    at = _run("BLR")
    at.selectbox(key="brief_format").set_value("md")
    at.button(key="brief_build").click().run()
    assert not at.exception, at.exception
    _request, payload, _name, _n = at.session_state["brief_file"]
    shown = payload.decode().replace("`", "")  # file names read as hosts go in code spans
    assert "No map: Boundaries file regional.geojson: file not found" in shown


def test_an_editor_writes_the_bottom_line_and_the_short_brief_opens_with_it():
    at = _run("BLR")
    prefix = "brief_notes_BLR_-"
    assert "Not yet written" in " ".join(c.value for c in at.caption)
    at.text_input(key=f"{prefix}_s0").set_value("Minsk holds while Moscow pays.")
    store = open_store()
    articles = country_sources(
        store.sources(), store.frame("events"), store.frame("options"), "BLR"
    )
    at.multiselect(key=f"{prefix}_src0").set_value(articles[:1])
    at.text_area(key=f"{prefix}_risks").set_value("A Russian police deployment.")
    at.button(key="FormSubmitter:brief_notes_BLR_-_form-Save bottom line and key risks").click()
    at.run()
    assert not at.exception, at.exception
    saved = open_store().brief_notes("BLR")
    assert [s.text for s in saved.bottom_line] == ["Minsk holds while Moscow pays."]
    assert saved.key_risks == "A Russian police deployment."
    at.radio(key="brief_version").set_value("short")
    at.selectbox(key="brief_format").set_value("md")
    at.button(key="brief_build").click().run()
    _request, payload, _name, _n = at.session_state["brief_file"]
    text = payload.decode("utf-8")
    assert "Minsk holds while Moscow pays." in text and "Annex D" not in text
    # everything the panel shows a reader is free of developer words
    from tests.unit.test_brief_reader import leaks

    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    shown += [str(w.label) for w in [*at.text_input, *at.selectbox, *at.radio, *at.multiselect]]
    assert leaks(" ".join(shown)) == []
