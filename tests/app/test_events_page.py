"""Events page: filters restored from the URL, bad parameters reported once, widgets and map
clicks change the set, and a selected row shows its sources."""

from __future__ import annotations

import re
from datetime import date

from democdash import aggregates, filters
from democdash.store import open_store
from democdash.ui.events_view import DOWNLOADS_KEY, TOGGLE_KEY, table_key

PAGE = "events"


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes article text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def events_table(at):
    """The events table's data (the last dataframe on the page has a `summary` column)."""
    tables = [d.value for d in at.dataframe if "summary" in d.value.columns]
    assert tables, "no events table on the page"
    return tables[-1]


def by_country(at):
    """The counts by country beside the map (the dataframe with an `events` column and
    country codes)."""
    counts = [d.value for d in at.dataframe if "events" in d.value.columns]
    assert len(counts) == 2, "no counts beside the map"
    return counts[1]


def widget(at, label):
    found = [w for w in at.multiselect if w.label == label]
    assert found, f"no multiselect {label!r}"
    return found[0]


def expected_ids(flt: filters.EventFilter) -> list[str]:
    store = open_store()
    out = filters.filter_events(
        store.frame("events"),
        flt,
        articles=store.frame("articles"),
        actors=store.frame("actors"),
        countries=store.frame("countries"),
    )
    return list(out["id"])


def test_url_parameters_restore_the_filters(open_app):
    at = open_app(PAGE, query={"country": "BLR", "from": "2020-08", "type": "protest,crackdown"})
    assert widget(at, "Countries").value == ["BLR"]
    assert widget(at, "Event types").value == ["protest", "crackdown"]
    assert [d.value for d in at.date_input if d.label == "From"] == [date(2020, 8, 1)]
    table = events_table(at)
    flt = filters.EventFilter(
        countries=["BLR"], types=["protest", "crackdown"], start=date(2020, 8, 1)
    )
    assert list(table["id"]) == expected_ids(flt)
    assert set(table["country"]) == {"Belarus"}
    assert set(table["type"]) <= {"Protest", "Crackdown"}
    assert at.query_params["country"] == "BLR"
    assert at.query_params["from"] == "2020-08-01"


def test_to_with_a_month_means_up_to_its_last_day(open_app):
    at = open_app(PAGE, query={"to": "2020-08"})
    assert [d.value for d in at.date_input if d.label == "To"] == [date(2020, 8, 31)]
    assert list(events_table(at)["id"]) == expected_ids(filters.EventFilter(end=date(2020, 8, 31)))


def test_search_finds_an_actor_by_alias(open_app):
    at = open_app(PAGE, query={"q": "Tikhanovskaya"})
    table = events_table(at)
    assert len(table) >= 1
    assert all("Sviatlana Tsikhanouskaya" in actors for actors in table["actors"])


def test_bad_parameters_give_one_message_and_are_dropped(open_app):
    at = open_app(PAGE, query={"country": "BLR,XXZ", "type": "riot", "from": "2020-13"})
    messages = [shown(w.value) for w in at.warning]
    assert len(messages) == 1
    assert messages[0].startswith("Ignored in the link:")
    for part in ("'XXZ'", "'riot'", "from='2020-13' is not a date"):
        assert part in messages[0]
    assert widget(at, "Countries").value == ["BLR"]
    assert at.query_params["country"] == "BLR"
    assert "type" not in at.query_params and "from" not in at.query_params


def test_changing_a_widget_changes_the_table_and_the_url(open_app):
    at = open_app(PAGE, query={"country": "BLR"})
    widget(at, "Countries").set_value(["MMR"]).run()
    assert set(events_table(at)["country"]) == {"Myanmar"}
    assert at.query_params["country"] == "MMR"
    at.toggle[0].set_value(False).run()
    assert events_table(at)["date"].str.startswith("not stated").sum() == 0
    assert at.query_params["undated"] == "exclude"


def test_a_map_click_adds_then_removes_a_country_once(open_app):
    # The SVG map's click (a browser event: tests/browser/test_overview_map.py) reaches the page
    # as the country to toggle; AppTest cannot click inside the component, so it sets that.
    at = open_app(PAGE, query={"country": "BLR", "view": "map"}, state={TOGGLE_KEY: "RUS"})
    assert widget(at, "Countries").value == ["BLR", "RUS"]
    assert set(by_country(at)["value"]) == {"BLR", "RUS"}
    at.run()  # nothing new clicked: the filter stays
    assert widget(at, "Countries").value == ["BLR", "RUS"]
    at.session_state[TOGGLE_KEY] = "RUS"
    at.run()
    assert widget(at, "Countries").value == ["BLR"]


def test_selecting_a_row_shows_its_sources_and_goes_to_the_url(open_app):
    at = open_app(PAGE, query={"country": "MMR"})
    ids = list(events_table(at)["id"])
    row = ids.index("mmr-2021-coup")
    at.session_state[table_key(ids)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert at.query_params["event"] == "mmr-2021-coup"
    text = " ".join(shown(m.value) for m in at.markdown) + " ".join(
        shown(c.value) for c in at.caption
    )
    quotes = open_store().sources()
    quotes = quotes[quotes["record_id"] == "mmr-2021-coup"]
    assert len(quotes) >= 1
    for quote, paragraph in zip(quotes["quote"], quotes["paragraph"], strict=True):
        assert quote in text
        assert f"¶{paragraph} of " in text
    assert "according to" in text
    assert any("Coup" in shown(s.value) for s in at.subheader)


def test_event_in_the_url_opens_its_detail_with_related_options(open_app):
    at = open_app(PAGE, query={"event": "blr-2020-protests"})
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "For more than three months" in text
    assert "Related policy options" in text
    options = open_store().options()
    related = options[options["related_events"].map(lambda ids: "blr-2020-protests" in ids)]
    assert not related.empty
    for option in related.itertuples():  # statuses read as everywhere else ("Proposed, as of")
        assert shown(aggregates.status_line(option.status, option.status_as_of)) in text


def test_counts_are_labelled_as_records_in_our_sources(open_app):
    at = open_app(PAGE, query={"country": "BLR", "view": "map"})
    matched = int(
        re.search(r"\*\*(\d+) events\*\* recorded in our sources", at.markdown[0].value)[1]
    )
    assert by_country(at).set_index("value").loc["BLR", "events"] == matched
    assert any("recorded in our sources" in shown(m.value) for m in at.markdown)


def test_the_view_in_the_url_opens_its_tab_and_only_that_tab_runs(open_app):
    at = open_app(PAGE, query={"country": "BLR"})
    assert len(events_table(at)) > 1 and not at.get("plotly_chart")  # the table by default
    at = open_app(PAGE, query={"country": "BLR", "view": "timeline"})
    assert len(at.get("plotly_chart")) == 1
    assert not [d for d in at.dataframe if "summary" in d.value.columns]
    at = open_app(PAGE, query={"country": "BLR", "view": "map"})
    assert (
        len([c for c in at.get("bidi_component") if c.key.endswith("map")]) == 1
        and len(by_country(at)) == 1
    )
    assert at.query_params["view"] == "map"


def _made(open_app, query: dict[str, str]) -> set[str]:
    """The parts of the page's shared Selection that opening `query` made."""
    from democdash.ui import data
    from democdash.ui.events_view import Selection

    open_app(PAGE, query=query)
    snap = data.snapshot()
    (sel,) = [v for v in snap._values.values() if isinstance(v, Selection)]
    return {part for part in ("figures", "by_type", "by_country", "table") if part in vars(sel)}


# The selection is shared by every view; each view's parts are made when first drawn. Each
# view is its own test, so that caches start empty and one view's parts are not another's.


def test_the_table_view_makes_only_the_table(open_app):
    assert _made(open_app, {"country": "BLR"}) == {"table"}


def test_the_map_view_makes_only_the_map_and_counts(open_app):
    assert _made(open_app, {"country": "BLR", "view": "map"}) == {
        "figures",
        "by_type",
        "by_country",
    }


def test_the_timeline_view_makes_none_of_the_others(open_app):
    assert _made(open_app, {"country": "BLR", "view": "timeline"}) == set()


def test_an_open_event_is_made_once_and_follows_the_naming_setting(open_app, monkeypatch):
    # The detail is derived once per event, revision and naming setting, not on every rerun;
    # switching the name in the URL after a render under the other name shows the new one.
    from democdash.ui import events_view

    built = []
    make = events_view._event_detail
    monkeypatch.setattr(events_view, "_event_detail", lambda e: built.append(e) or make(e))
    at = open_app(PAGE, query={"event": "mmr-2021-coup"})
    at.run()
    assert built == ["mmr-2021-coup"]
    (heading,) = [shown(s.value) for s in at.subheader if "Coup" in s.value]
    assert heading.endswith("· Myanmar")
    at.query_params["names"] = "burma"
    at.run()
    (heading,) = [shown(s.value) for s in at.subheader if "Coup" in s.value]
    assert heading.endswith("· Burma")
    assert built == ["mmr-2021-coup"] * 2


def test_the_download_buttons_are_made_only_when_the_menu_is_open(open_app):
    """Closed, the "Download" menu costs one element of every rerun; opened (as a click
    would: it runs its content), it holds the four files of this selection."""
    at = open_app(PAGE, query={"country": "BLR"})
    assert len(at.get("download_button")) == 0
    at.session_state[DOWNLOADS_KEY] = True
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "CSV with sources",
        "Excel with sources",
        "JSON with sources",
        "Counts by country as GeoJSON",
    ]
