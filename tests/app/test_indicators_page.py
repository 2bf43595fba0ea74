"""The Indicators page: V-Dem trajectories of the focus countries side by side with their
citation, the choice kept in the link, the datasets' provenance, and imports for editors only."""

from __future__ import annotations

import html
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "indicators"


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.label for e in at.expander]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_the_page_compares_the_focus_countries_on_vdem_with_its_citation(open_app) -> None:
    at = open_app("indicators")
    assert at.title[0].value == "Democracy indicators"
    countries = at.multiselect(key="indicators_countries")
    assert set(countries.value) >= {"BLR", "MMR", "HKG", "KAZ", "RUS"}
    chart = at.get("plotly_chart")[0].proto.spec
    for name in ("Belarus", "Myanmar"):
        assert name in chart
    text = _texts(at)
    assert "Coppedge, Michael" in text and "CC BY-SA 4.0" in text
    assert "V-Dem democracy indices (V-Dem v15, coded 2025), 1990-2024" in text


def test_the_chosen_indicator_and_countries_are_kept_in_the_link(open_app) -> None:
    at = open_app("indicators", query={"indicator": "v2x_libdem", "country": "BLR,UKR"})
    assert at.selectbox(key="indicators_indicator").value == "v2x_libdem"
    assert at.multiselect(key="indicators_countries").value == ["BLR", "UKR"]
    assert "Liberal democracy index" in _texts(at)
    at.selectbox(key="indicators_indicator").set_value("v2x_regime").run()
    assert at.query_params["indicator"] == "v2x_regime"
    assert at.query_params["country"] == "BLR,UKR"


def test_an_unknown_indicator_in_the_link_is_named_and_dropped(open_app) -> None:
    at = open_app("indicators", query={"indicator": "v2x_nonsense"})
    assert at.selectbox(key="indicators_indicator").value == "v2x_polyarchy"
    warnings = [str(w.value).replace("\\", "") for w in at.warning]
    assert warnings == ["Ignored in the link: unknown indicator 'v2x_nonsense' in 'indicator'."]


def test_an_imported_dataset_is_offered_with_who_imported_it(open_app) -> None:
    # AppTest cannot drive st.file_uploader: the import itself (and a bad file refused) is
    # tested in tests/unit/test_indicators_store.py; here an import shows up on the page.
    from democdash.store import open_store

    open_store().import_indicator(
        (FIXTURES / "small.yaml").read_bytes(),
        (FIXTURES / "small.csv").read_bytes(),
        "small.csv",
        by="ana",
    )
    at = open_app("indicators", query={"dataset": "test-index", "country": "BLR,MMR"})
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="indicators_dataset").value == "test-index"
    assert at.selectbox(key="indicators_indicator").value == "score"
    assert "imported by ana" in _texts(at)
    assert any(e.label == "Import an indicator dataset (editors)" for e in at.expander)
    assert "Producer:" not in _texts(at)  # a dataset's details run only when opened
    at.session_state["indicators_about_test-index"] = True
    at.run()
    assert "Producer:" in _texts(at) and "country-years" in _texts(at)


def test_visitors_of_a_hosted_instance_get_no_import_form(open_app, monkeypatch) -> None:
    monkeypatch.setenv("DEMOCDASH_HOSTED", "1")
    at = open_app("indicators")
    assert not any(e.label.startswith("Import an indicator") for e in at.expander)


def _map_titles(at) -> dict[str, str]:
    """Each country's <title> on the overview's SVG map (name and value, as a screen reader
    and a hover read it), by ISO code."""
    import re

    from democdash.ui import svg_map

    component = next(el for el in at.get("bidi_component") if "overview_map" in el.proto.id)
    svg = svg_map.unpack(component.proto.bytes)["svg"]
    titles = re.findall(r'data-iso3="([A-Z]{3})"[^>]*>\s*<title>([^<]*)</title>', svg)
    return {code: html.unescape(title) for code, title in titles}


def test_the_overview_map_is_coloured_by_the_electoral_index_for_a_year(open_app) -> None:
    at = open_app(None, query={"color": "indicator", "year": "2021"})
    assert at.selectbox(key="overview_indicator").value == "v2x_polyarchy"
    titles = _map_titles(at)
    assert "Electoral democracy index, 2021: 0.107" in titles["MMR"]
    assert "Electoral democracy index, 2021: 0.173" in titles["BLR"]
    assert "V-Dem v15, coded 2025" in titles["NOR"]
    assert "V-Dem v15, coded 2025" in _texts(at)
    at.slider(key="overview_year").set_value(2019).run()
    assert at.query_params["year"] == "2019"
    assert "Electoral democracy index, 2019: 0.422" in _map_titles(at)["MMR"]


def test_the_change_between_two_years_is_drawn_with_no_clear_change(open_app) -> None:
    at = open_app(None, query={"color": "indicator", "year": "2021", "change_from": "2019"})
    assert at.toggle(key="overview_change").value is True
    titles = _map_titles(at)
    assert "0.422 (2019) → 0.107 (2021), fell by 0.1 or more" in titles["MMR"]
    assert "no clear change" in titles["KAZ"]


def test_belarus_profile_shows_the_line_with_our_events_on_it(open_app) -> None:
    import json

    at = open_app("countries", query={"country": "BLR", "tab": "indicators"})
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    names = [trace.get("name") for trace in spec["data"]]
    assert "Electoral democracy index" in names and "68% interval" in names
    events = next(t for t in spec["data"] if t.get("name") == "event in our sources")
    ids = {row[0] for row in events["customdata"]}
    assert "blr-2020-presidential-election" in ids
    assert any("“" in text for text in events["hovertext"])  # each with its quote
    assert "electoral autocracy" in names  # the regime type under the line
    text = _texts(at)
    assert "events without a known date (not on the line)" in text
    assert "Coppedge, Michael" in text


def test_as_of_a_past_date_the_profile_says_the_coding_is_later(open_app) -> None:
    at = open_app("countries", query={"country": "BLR", "tab": "indicators", "as_of": "2020-12"})
    warnings = [str(w.value).replace("\\", "") for w in at.warning]
    assert any("later than the as-of date" in w for w in warnings)
