"""One event from many sources, and how far to trust it, on the pages: "reported by N sources"
and the standing on tables, details, profiles and option cards; counting events by where they
happened or by the countries involved; hiding single-source or disputed events; editors
linking and splitting events and grading sources and claims (visitors see no controls)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from democdash import aggregates
from democdash.settings import ENV_HOSTED, get_settings
from democdash.store import open_store

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"
KEPT = "usa-trump-refuses-peaceful-transfer"  # from the Atlantic piece
COPY = "usa-2021-capitol-attack"  # from the opinion piece
ALASKA = "usa-2021-alaska-meeting-china"
OPINION_PIECE = "sheehan-2021-democracy-abroad"


def shown(text: str) -> str:
    """Text as the reader sees it (markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def another_app(page: str, query: dict[str, str]) -> AppTest:
    """A second session (the `open_app` fixture gives one per test), opened at `page`."""
    at = AppTest.from_file(APP_PATH, default_timeout=30)
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.query_params = query
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_text(at) -> str:
    blocks = [*at.markdown, *at.caption, *at.warning, *at.info, *at.subheader]
    return "\n".join(shown(b.value) for b in blocks)


def table_with(at, column: str):
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a {column!r} column"
    return found[-1]


def button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}"
    return found[0]


# -- reported by N sources, standing -------------------------------------------------------


def test_events_table_says_reported_by_and_standing(open_app):
    at = open_app("events", query={"country": "BLR"})
    table = table_with(at, "reported_by").set_index("id")
    assert table.loc["blr-2020-protests", "reported_by"] == "reported by 2 sources"
    assert table.loc["blr-2020-protests", "standing"] == "corroborated"
    assert table.loc["blr-torture", "reported_by"] == "reported by 1 source"
    assert table.loc["blr-torture", "standing"] == "single source"


def test_event_detail_lists_each_source_with_citation_quote_and_grades(open_app):
    at = open_app("events", query={"event": "blr-2020-protests"})
    text = page_text(at)
    assert "Reported by 2 sources · corroborated" in text
    assert "The Atlantic" in text and "International Business Times" in text
    graded = "source reliability: unassessed · claim credibility: unassessed"
    n_sources = open_store().frame("events").set_index("id").loc["blr-2020-protests", "n_sources"]
    assert text.count(graded) == n_sources >= 2
    assert "**A** completely reliable" in "\n".join(m.value for m in at.markdown)  # the legend


def test_an_opinion_only_event_is_labelled_opinion(open_app):
    at = open_app("events", query={"country": "KAZ"})
    table = table_with(at, "standing")
    assert set(table["standing"]) == {"single source · opinion"}


def test_kazakhstan_profile_says_its_story_rests_on_one_opinion_piece(open_app):
    at = open_app("countries", query={"country": "KAZ"})
    warnings = "\n".join(shown(w.value) for w in at.warning)
    assert "All 6 events rest on one opinion piece only (opinion)" in warnings
    assert "International Business Times" in warnings
    belarus = another_app("countries", {"country": "BLR"})
    assert not [w for w in belarus.warning if "opinion piece" in w.value]


def test_profile_events_show_reported_by_and_standing(open_app):
    at = open_app("countries", query={"country": "BLR", "tab": "events"})
    table = table_with(at, "reported_by").set_index("id")
    assert table.loc["blr-2020-protests", "reported_by"] == "reported by 2 sources"
    assert table.loc["blr-2020-protests", "standing_label"] == "corroborated"
    columns = next(d for d in at.dataframe if "reported_by" in d.value.columns).column_order
    assert "standing_label" in columns and "standing" not in columns  # in words, not a code


def test_option_cards_say_reported_by_and_standing(open_app):
    at = open_app("options", query={"country": "KAZ"})
    text = "\n".join(shown(m.value) for m in at.markdown)
    assert "Reported by 1 source · single source · opinion" in text


# -- where it happened | countries involved -----------------------------------------------


def test_china_profile_lists_the_alaska_meeting_by_countries_involved(open_app):
    where = another_app("countries", {"country": "CHN", "tab": "events"})
    assert ALASKA not in set(table_with(where, "summary")["id"])
    involved = open_app("countries", query={"country": "CHN", "tab": "events", "basis": "involved"})
    assert ALASKA in set(table_with(involved, "summary")["id"])
    assert involved.query_params["basis"] == "involved"


def test_events_page_country_filter_and_counts_follow_the_basis(open_app):
    where = another_app("events", {"country": "CHN"})
    assert ALASKA not in set(table_with(where, "summary")["id"])
    involved = open_app("events", query={"country": "CHN", "basis": "involved"})
    assert ALASKA in set(table_with(involved, "summary")["id"])
    counts = another_app("events", {"country": "CHN", "basis": "involved", "view": "map"})
    by_country = [d.value for d in counts.dataframe if "events" in d.value.columns][1]
    assert set(by_country["value"]) >= {"CHN", "USA"}  # the Alaska meeting counts for both


@pytest.mark.parametrize("basis", ["where", "involved"])
def test_overview_counts_events_by_the_basis_chosen(open_app, basis):
    events = open_store().frame("events")
    assert (
        aggregates.events_per_country(events, "involved")["CHN"]
        > (aggregates.events_per_country(events, "where")["CHN"])
    )
    at = open_app("overview", query={"basis": basis}, state={"overview_table": True})
    table = table_with(at, "latest_event").set_index("iso3")
    assert table.loc["CHN", "events"] == aggregates.events_per_country(events, basis)["CHN"]


def test_countries_table_counts_events_by_the_basis_chosen(open_app):
    at = open_app("countries", query={"basis": "involved"})
    table = table_with(at, "profile").set_index("iso3")
    events = open_store().frame("events")
    assert table.loc["CHN", "events"] == aggregates.events_per_country(events, "involved")["CHN"]
    assert "basis=involved" in table.loc["CHN", "profile"]


# -- hiding single-source or disputed ------------------------------------------------------


def test_events_page_hides_single_source_events(open_app):
    at = open_app("events", query={"country": "BLR", "hide": "single-source"})
    table = table_with(at, "standing")
    assert len(table) and set(table["standing"]) == {"corroborated"}
    assert at.query_params["hide"] == "single-source"


def test_profile_hides_single_source_events(open_app):
    at = open_app("countries", query={"country": "KAZ", "tab": "events", "hide": "single-source"})
    assert "6 of 6 events hidden by the filter." in page_text(at)
    assert not [d for d in at.dataframe if "reported_by" in d.value.columns]


# -- editors link and split; visitors see no controls --------------------------------------


def test_editor_links_two_events_as_one_and_splits_them(open_app, headline):
    store = open_store()
    before = len(store.frame("events"))
    usa_before = aggregates.events_per_country(store.frame("events"))["USA"]
    at = open_app("events", query={"event": KEPT})
    at.selectbox(key="ev_link_other").set_value(COPY).run()
    button(at, "Link as the same event").click().run()
    assert not at.exception
    assert open_store().record_links("events") == {COPY: KEPT}
    assert "Reported by 2 sources · corroborated" in page_text(at)
    assert "Linked as the same: " + COPY in page_text(at)

    overview = another_app("overview", {"color": "events"})
    assert headline(overview)["events"] == before - 1  # events, not reports
    assert aggregates.events_per_country(open_store().frame("events"))["USA"] == usa_before - 1

    button(at, "Split apart").click().run()
    assert not at.exception
    assert open_store().record_links("events") == {}
    assert "Reported by 1 source" in page_text(at)


def test_a_visitor_sees_no_link_or_grade_controls(open_app, monkeypatch):
    monkeypatch.setenv(ENV_HOSTED, "1")
    at = open_app("events", query={"event": KEPT})
    assert "Reported by 1 source" in page_text(at)
    labels = {b.label for b in at.button}
    assert "Link as the same event" not in labels
    assert "Save the grade" not in labels
    sources = another_app("sources", {})
    assert "Save the grade" not in {b.label for b in sources.button}


# -- grading -------------------------------------------------------------------------------


def test_editor_grades_an_outlet_and_the_article_inherits_then_overrides(open_app):
    who = get_settings().local_editor
    today = date.today().isoformat()
    at = open_app("sources")
    at.selectbox(key="grade_source_outlet").set_value("International Business Times")
    at.selectbox(key="grade_source_grade").set_value("C")
    button(at, "Save the grade").click().run()
    assert not at.exception
    table = table_with(at, "reliability").set_index("id")
    assert table.loc[OPINION_PIECE, "reliability"] == (
        f"C (fairly reliable), graded by {who} on {today}, from its outlet: "
        "International Business Times"
    )
    assert table.loc["atlantic-2020-belarus-biden", "reliability"] == "unassessed"

    at.segmented_control(key="grade_source_subject").set_value("article").run()
    at.selectbox(key="grade_source_article").set_value(OPINION_PIECE)
    at.selectbox(key="grade_source_grade").set_value("B")
    button(at, "Save the grade").click().run()
    table = table_with(at, "reliability").set_index("id")
    assert table.loc[OPINION_PIECE, "reliability"] == (
        f"B (usually reliable), graded by {who} on {today}"
    )
    detail = another_app("events", {"event": "kaz-2019-tokayev-election"})
    assert f"source reliability: B (usually reliable), graded by {who}" in page_text(detail)


def test_editor_grades_a_claims_credibility_on_the_event_detail(open_app):
    who = get_settings().local_editor
    at = open_app("events", query={"event": "blr-torture"})
    at.selectbox(key="ev_claim_grade_grade").set_value("2")
    button(at, "Save the grade").click().run()
    assert not at.exception
    assert f"claim credibility: 2 (probably true), graded by {who}" in page_text(at)

    at.selectbox(key="ev_claim_grade_target").set_value(0)
    at.selectbox(key="ev_claim_grade_grade").set_value("5")
    button(at, "Save the grade").click().run()
    assert f"claim credibility: 5 (improbable), graded by {who}" in page_text(at)


@pytest.mark.parametrize("page", ["events", "countries", "overview"])
def test_a_bad_basis_in_the_link_is_dropped_with_a_message(open_app, page):
    at = open_app(page, query={"basis": "everywhere"})
    assert any("country basis" in w.value for w in at.warning)
