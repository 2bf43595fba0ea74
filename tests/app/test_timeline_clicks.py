"""Clicks on the timeline: the undated group of a country lists its events (with their quotes
and citations) and goes to the URL, so the list can be shared; a bar opens its event. The
click reaches the page as the chart's selection (a browser click: tests/browser/
test_timeline_browser.py), which AppTest sets through session state."""

from __future__ import annotations

import json
import re

from democdash import timeline
from democdash.store import open_store
from democdash.ui.countries_view import TL_KEY

EVENTS_PAGE = "events"
PROFILE_PAGE = "countries"


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes article text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader]
    return shown(" ".join(parts))


def click(customdata: list) -> dict:
    """The selection a click on one mark of the chart gives."""
    point = {"curve_number": 0, "point_number": 0, "point_index": 0, "customdata": customdata}
    return {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}


def drawn_group(at, country: str) -> list:
    """The customdata of a country's undated group as the page's chart draws it."""
    (chart,) = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    found = [
        cd
        for trace in figure["data"]
        for cd in trace.get("customdata") or []
        if cd[1] == timeline.GROUP_PREFIX + country
    ]
    assert len(found) == 1, f"no single undated group of {country} in the chart"
    return found[0]


def undated_ids(country: str) -> list[str]:
    events = open_store().events()
    return list(events[(events["country"] == country) & events["date_value"].isna()]["id"])


def test_clicking_the_undated_group_lists_its_events_with_quotes_and_goes_to_the_url(open_app):
    at = open_app(EVENTS_PAGE, query={"country": "BLR", "view": "timeline"})
    group = drawn_group(at, "BLR")
    expected = undated_ids("BLR")
    assert sorted(group[2]) == sorted(expected) and len(expected) > 5
    assert f"<b>{len(expected)} undated events · Belarus</b>" in group[0]
    assert "undated events · Belarus" not in page_text(at)  # listed only when clicked
    at.session_state["ev_timeline"] = click(group)
    at.run()
    assert not at.exception
    assert at.query_params["undated_of"] == "BLR"
    text = page_text(at)
    assert f"{len(expected)} undated events · Belarus" in text
    store = open_store()
    events = store.events().set_index("id")
    sources = store.sources()
    for event_id in expected:
        assert events.at[event_id, "summary"] in text, event_id
        quotes = sources[(sources["kind"] == "events") & (sources["record_id"] == event_id)]
        for quote, paragraph in zip(quotes["quote"], quotes["paragraph"], strict=True):
            assert quote in text and f"¶{paragraph} of " in text, event_id


def test_the_listed_group_opens_from_a_link_and_closes(open_app):
    at = open_app(EVENTS_PAGE, query={"country": "BLR", "view": "timeline", "undated_of": "BLR"})
    assert f"{len(undated_ids('BLR'))} undated events · Belarus" in page_text(at)
    (close,) = [b for b in at.button if b.label == "Close"]
    close.click().run()
    assert "undated_of" not in at.query_params
    assert "undated events · Belarus" not in page_text(at)


def test_clicking_a_bar_opens_its_event_with_its_sources(open_app):
    at = open_app(EVENTS_PAGE, query={"country": "BLR", "view": "timeline"})
    at.session_state["ev_timeline"] = click(["hover", "blr-2020-protests", []])
    at.run()
    assert not at.exception
    assert at.query_params["event"] == "blr-2020-protests"
    assert "Related policy options" in page_text(at)
    assert "For more than three months" in page_text(at)


def test_the_profile_timeline_lists_the_undated_group_and_links_to_events(open_app):
    at = open_app(PROFILE_PAGE, query={"country": "BLR", "tab": "events"})
    at.session_state[TL_KEY] = click(drawn_group(at, "BLR"))
    at.run()
    assert not at.exception
    text = page_text(at)
    assert f"{len(undated_ids('BLR'))} undated events · Belarus" in text
    links = re.findall(r"\]\(([^)]*undated_of=BLR[^)]*)\)", text)
    assert links and "view=timeline" in links[0], text[-500:]
