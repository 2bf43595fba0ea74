"""What did we know on a date, and what is new since: `as_of=` and `since=` on every page.

The curated data has two articles, about Nov 2020 (The Atlantic) and about Mar 2021 (Sheehan).
`?as_of=2020-12` hides the 2021 article's records on every page and shows statuses as of then
(`opt-usa-promote-democracy-abroad` is pledged as of Nov 2020 and planned as of Mar 2021);
`?since=2021-01` marks what the 2021 article brought. The date control sits in the shared frame,
a banner says what is shown, bad values are dropped with one message, and the dates travel in
links between pages, in "Share this view" and across a page switch.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs

import pytest

from democdash.settings import get_settings
from democdash.store import open_store
from democdash.ui.urlstate import SHARE_KEY

NOV_2020 = "atlantic-2020-belarus-biden"
MAR_2021 = "sheehan-2021-democracy-abroad"
PROMISE = "opt-usa-promote-democracy-abroad"
BEFORE_2021 = {"as_of": "2020-12"}
SINCE_2021 = {"since": "2021-01"}
PAGES = ["overview", "events", "options", "countries", "sources"]


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes source text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def markdown_text(at) -> str:
    return "\n".join(shown(m.value) for m in at.markdown)


def banner(at) -> str:
    return "\n".join(shown(i.value) for i in at.info if "As of" in i.value or "since" in i.value)


@pytest.fixture
def store():
    return open_store(get_settings())


@pytest.fixture
def only_2021(store) -> dict[str, set[str]]:
    """Ids of the records only the 2021 article reports, by kind."""
    return {
        kind: {
            i
            for i, cited in zip(frame["id"], frame["articles"], strict=True)
            if cited == [MAR_2021]
        }
        for kind in ("events", "options", "sanctions")
        for frame in [store.frame(kind)]
    }


# -- the frame: banner, bad values, the control, links, page switches -----------------------


@pytest.mark.parametrize("page", [*PAGES, "add-article"])
def test_every_page_says_what_it_shows_as_of_a_date(open_app, page):
    at = open_app(page, query={**BEFORE_2021, "country": "BLR"})
    text = banner(at)
    if page == "add-article":  # it matches against everything stored: always the latest
        assert not text
        assert any("works on the latest data" in c.value for c in at.caption)
        return
    assert "**As of December 2020:** showing what our sources had published by then" in text
    assert "1 source hidden" in text
    assert at.query_params["as_of"] == "2020-12"
    assert at.sidebar.expander[0].label == "As of December 2020"


def test_no_dates_no_banner(open_app):
    at = open_app("overview")
    assert not banner(at)
    assert at.sidebar.expander[0].label == "Dates: the latest"


def test_a_bad_date_is_dropped_with_one_message(open_app):
    at = open_app("events", query={"as_of": "2021-13", "since": "soon", "country": "BLR"})
    warnings = [shown(w.value) for w in at.warning]
    assert warnings == [
        "Ignored in the link: as_of='2021-13' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); "
        "since='soon' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)."
    ]
    assert "as_of" not in at.query_params and "since" not in at.query_params
    assert at.query_params["country"] == "BLR"
    assert not banner(at)


def test_clearing_the_as_of_date_shows_the_latest_and_keeps_since(open_app):
    at = open_app("overview", query={**BEFORE_2021, **SINCE_2021}, state={"viewdates_panel": True})
    at.sidebar.date_input(key="viewdates_as_of").set_value(None).run()
    assert "as_of" not in at.query_params
    assert at.query_params["since"] == "2021-01"
    assert "As of" not in banner(at)
    assert "**New since January 2021:**" in banner(at)


def test_the_sidebar_control_sets_and_clears_the_dates(open_app, headline):
    at = open_app("overview", state={"viewdates_panel": True})
    picker = at.sidebar.date_input(key="viewdates_as_of")
    assert picker.value is None
    picker.set_value(date(2020, 12, 31)).run()
    assert at.query_params["as_of"] == "2020-12-31"
    assert "**As of 31 December 2020:**" in banner(at)
    assert headline(at)["sources"] == 1
    at.sidebar.date_input(key="viewdates_since").set_value(date(2020, 11, 1)).run()
    assert at.query_params["since"] == "2020-11-01"
    at.sidebar.date_input(key="viewdates_as_of").set_value(None).run()
    assert "as_of" not in at.query_params
    assert headline(at)["sources"] == 2


def test_the_control_shows_the_dates_of_the_link(open_app):
    at = open_app(
        "overview", query={"as_of": "2021-03", "since": "2021"}, state={"viewdates_panel": True}
    )
    assert at.sidebar.date_input(key="viewdates_as_of").value == date(2021, 3, 31)
    assert at.sidebar.date_input(key="viewdates_since").value == date(2021, 1, 1)


def test_a_page_switch_keeps_the_dates(open_app):
    at = open_app("overview", query={**BEFORE_2021, **SINCE_2021})
    at.switch_page("pages/events.py")
    at.query_params = {}  # Streamlit clears the URL's parameters when the page changes
    at.run()
    assert at.query_params["as_of"] == "2020-12" and at.query_params["since"] == "2021-01"
    assert "**As of December 2020:**" in banner(at)


def test_links_between_pages_and_the_share_link_carry_the_dates(open_app):
    at = open_app("overview", query={**BEFORE_2021, **SINCE_2021, "country": "BLR"})
    link = next(p for p in at.page_link if shown(p.value) == "Events")
    assert parse_qs(link.proto.query_string) == {
        "country": ["BLR"],
        "as_of": ["2020-12"],
        "since": ["2021-01"],
    }
    at.session_state[SHARE_KEY] = True  # "Share this view" opened
    at.run()
    shared = [c.value for c in at.code if "?" in c.value]
    assert shared and "as_of=2020-12" in shared[0] and "since=2021-01" in shared[0]


# -- each page as of Dec 2020: the 2021 article's records hidden, statuses as of then -------


def overview_sources(at) -> dict[str, str]:
    """The overview's list of sources: article id -> its line (each links its source page)."""
    found = {}
    for m in at.markdown:
        for line in m.value.splitlines():
            if hit := re.search(r"\]\(sources\?article=([^&)]+)", line):
                found[hit.group(1)] = line
    return found


def test_overview_as_of_a_date(open_app, store, headline):
    at = open_app("overview", query={**BEFORE_2021, "country": "USA"})
    events = store.frame("events", as_of="2020-12")
    figures = headline(at)
    assert figures["events"] == len(events)
    assert len(events) < len(store.frame("events"))
    assert figures["sources"] == 1
    assert figures["countries"] == 7
    text = markdown_text(at)
    assert "Capitol" not in text  # a 2021 event
    assert "Context not shown as of a past date" in text
    assert list(overview_sources(at)) == [NOV_2020]


def test_overview_latest_shows_everything(open_app):
    at = open_app("overview", query={"country": "USA"})
    assert "Capitol" in markdown_text(at)
    assert "Context not shown" not in markdown_text(at)
    assert "orange-badge" not in markdown_text(at)  # nothing marked without since


def test_a_country_only_the_later_article_covers_is_not_there_as_of_before(open_app):
    at = open_app("overview", query={**BEFORE_2021, "country": "MMR"})
    assert any(
        "Nothing about this country is recorded in our sources as of December 2020"
        in shown(i.value)
        for i in at.info
    )


def test_events_as_of_a_date(open_app, store, only_2021):
    at = open_app("events", query=BEFORE_2021)
    table = next(d.value for d in at.dataframe if "summary" in d.value.columns)
    known = store.frame("events", as_of="2020-12")
    assert set(table["id"]) == set(known["id"])
    assert not set(table["id"]) & only_2021["events"]
    # both articles report the protests; by then only the 2020 article does
    assert known.set_index("id").loc["blr-2020-protests", "articles"] == [
        "atlantic-2020-belarus-biden"
    ]
    assert len(store.frame("events").set_index("id").loc["blr-2020-protests", "articles"]) == 2
    counted = table.set_index("id").loc["blr-2020-protests", "reported_by"]
    assert counted == "reported by 1 source"
    assert "recorded in our sources as of December 2020 match" in markdown_text(at)

    # its summary is our words from both articles: the detail says so
    at = open_app("events", query={**BEFORE_2021, "event": "blr-2020-protests"})
    notes = [shown(c.value) for c in at.caption]
    assert any(
        "Our words here also draw on a later source, hidden as of December 2020" in n for n in notes
    )

    # an event the link names that was not known by then is dropped, with the message
    at = open_app("events", query={**BEFORE_2021, "event": "usa-2021-alaska-meeting-china"})
    assert "unknown event 'usa-2021-alaska-meeting-china'" in shown(at.warning[0].value)


def test_the_latest_view_says_nothing_of_later_sources(open_app):
    at = open_app("events", query={"event": "blr-2020-protests"})
    assert at.caption and not any("later source" in shown(c.value) for c in at.caption)


def option_cards(at) -> list[str]:
    """The options page's cards as the reader sees them, each from its title on (a card is one
    element, which its group's heading opens when it is the group's first)."""
    cards = [shown(m.value) for m in at.main.markdown if "#### " in m.value]
    return [card[card.index("#### ") :] for card in cards]


def test_options_as_of_a_date_show_statuses_as_of_then(open_app, only_2021):
    at = open_app("options", query={**BEFORE_2021, "option": PROMISE})
    card = option_cards(at)[0]
    assert "**Pledged, as of about Nov 2020**" in card
    assert "Planned" not in card and "Status over time" not in card
    assert "President Joe Biden is making" not in card  # the 2021 position
    assert "Our words here also draw on a later source, hidden as of December 2020" in card

    at = open_app("options", query=BEFORE_2021)
    titles = markdown_text(at)
    assert "Hold a Global Democracy Summit" not in titles  # only in the 2021 article
    assert "recorded in our sources as of December 2020" in titles


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ({"status": "planned"}, True),
        ({"status": "pledged"}, False),
        ({**BEFORE_2021, "status": "planned"}, False),
        ({**BEFORE_2021, "status": "pledged"}, True),
    ],
)
def test_the_status_filter_uses_the_status_as_of_the_view_date(open_app, query, listed):
    at = open_app("options", query={**query, "country": ""})
    titles = option_cards(at)
    promise = "#### Make strengthening democracy abroad a top U.S. priority again"
    assert any(t.startswith(promise) for t in titles) == listed


def test_country_profile_as_of_a_date(open_app, only_2021):
    at = open_app("countries", query={**BEFORE_2021, "country": "USA", "tab": "events"})
    text = markdown_text(at)
    assert "Context not shown as of a past date" in text
    table = next(d.value for d in at.dataframe if "summary" in d.value.columns)
    assert len(table) > 0
    assert not set(table["id"]) & only_2021["events"]

    at = open_app("countries", query={**BEFORE_2021, "country": "CHN"})
    notes = " ".join(shown(i.value) for i in at.info)
    assert "Nothing about China is recorded in our sources as of December 2020" in notes

    at = open_app("countries", query=BEFORE_2021)
    assert sorted(at.dataframe[0].value["iso3"]) == [
        "BLR",
        "CAN",
        "DEU",
        "FRA",
        "GBR",
        "RUS",
        "USA",
    ]


def test_sources_as_of_a_date(open_app):
    at = open_app("sources", query=BEFORE_2021)
    assert list(at.dataframe[0].value["id"]) == [NOV_2020]
    assert at.sidebar.caption  # the footer lists the sources known then
    footer = next(shown(c.value) for c in at.sidebar.caption if "**Sources**" in c.value)
    assert "**Sources** (1)" in footer

    at = open_app("sources", query={**BEFORE_2021, "article": MAR_2021})
    assert f"unknown article '{MAR_2021}'" in shown(at.warning[0].value)


# -- since: what is new is marked on every page and listed on the overview ------------------


def test_overview_digest_lists_what_is_new_with_quotes_and_links(open_app):
    at = open_app("overview", query=SINCE_2021)
    text = markdown_text(at)
    assert "### What is new since January 2021\n\n:gray[What our sources published from " in text
    assert "**Status changes** (2)" in text
    assert (
        "**Make strengthening democracy abroad a top U.S. priority again** · Pledged → Planned, "
        "as of about Mar 2021 · [open](options?option=opt-usa-promote-democracy-abroad"
        "&since=2021-01)"
    ) in text
    assert "> “President Joe Biden is making the strengthening of democracy abroad" in text
    assert "**New sources** (1)" in text
    assert f"[open](sources?article={MAR_2021}&since=2021-01)" in text
    assert "**New since January 2021:** 21 new events" in banner(at)

    # nothing is new before the as-of date: the digest says so
    at = open_app("overview", query={**BEFORE_2021, **SINCE_2021})
    assert "after the as-of date: nothing can be new in between" in markdown_text(at)


def test_overview_marks_new_events_and_sources(open_app):
    at = open_app("overview", query={**SINCE_2021, "country": "USA"})
    text = markdown_text(at)
    assert re.search(r"- :orange-badge\[New\] \*\*6 Jan 2021\*\*", text)
    sources = overview_sources(at)
    assert set(sources) == {NOV_2020, MAR_2021}
    assert sources[MAR_2021].startswith("- :orange-badge[New] ")
    assert "badge" not in sources[NOV_2020]


def test_events_mark_what_is_new(open_app, only_2021):
    at = open_app("events", query=SINCE_2021)
    table = next(d.value for d in at.dataframe if "summary" in d.value.columns).set_index("id")
    assert set(table.index[table["new"] == "New"]) == only_2021["events"]
    assert table.loc["blr-2020-protests", "new"] == "Updated"
    assert table.loc["blr-2020-nationwide-strike", "new"] == ""
    assert f"{len(only_2021['events'])} new since January 2021" in markdown_text(at)

    at = open_app("events", query={**SINCE_2021, "event": "blr-2020-protests"})
    quotes = [shown(m.value) for m in at.markdown if m.value.startswith("> ")]
    assert sum(":orange-badge[New]" in q for q in quotes) == 1 < len(quotes)


def test_options_mark_new_positions_and_status_steps(open_app):
    at = open_app("options", query={**SINCE_2021, "option": PROMISE})
    card = option_cards(at)[0]
    assert ":blue-badge[Updated] **Planned, as of about Mar 2021**" in card
    assert "- :orange-badge[New] **Joe Biden** proposes: “President Joe Biden is making" in card
    assert "- **Joe Biden** pledges: “This promise would ultimately affect" in card
    steps = re.findall(r"^\d\. (.*)$", card, flags=re.M)
    assert steps[0].startswith("Pledged, as of about Nov 2020")
    assert steps[1].startswith(":orange-badge[New] Planned, as of about Mar 2021")


def test_country_profile_marks_what_is_new(open_app, only_2021):
    at = open_app("countries", query={**SINCE_2021, "country": "CHN", "tab": "options"})
    tables = {tuple(d.value.columns)[1]: d.value for d in at.dataframe if "new" in d.value}
    sanctions = next(t for t in tables.values() if "steps" in t.columns)
    assert set(sanctions["new"]) == {"New"}
    assert (
        "(Ivan Sascha Sheehan, International Business Times, about Mar 2021. ¶ 4)"
        in (sanctions["steps"].iloc[0])
    )

    at = open_app("countries", query={**SINCE_2021, "country": "USA", "tab": "events"})
    table = next(d.value for d in at.dataframe if "summary" in d.value.columns).set_index("id")
    assert table.loc["usa-2021-capitol-attack", "new"] == "New"


def test_sources_mark_the_new_article_and_its_records(open_app):
    at = open_app("sources", query=SINCE_2021)
    table = at.dataframe[0].value.set_index("id")
    assert table.loc[MAR_2021, "new"] == "New" and table.loc[NOV_2020, "new"] == ""
    at = open_app("sources", query={**SINCE_2021, "article": NOV_2020, "kind": "events"})
    events = next(d.value for d in at.dataframe if "record_id" in d.value.columns)
    marks = dict(zip(events["record_id"], events["new"], strict=True))
    assert marks["blr-2020-protests"] == "Updated" and marks["blr-torture"] == ""


def test_the_brief_panel_builds_the_brief_as_of_the_view_date(open_app):
    at = open_app("options", query={**BEFORE_2021, "country": "BLR", "tab": "brief"})
    assert any(
        "As of December 2020: only what our sources had published by then" in shown(c.value)
        for c in at.caption
    )
    at.selectbox(key="options_brief_format").set_value("md")
    at.button(key="options_brief_build").click().run()
    assert not at.exception, at.exception
    _request, payload, name, _n = at.session_state["options_brief_file"]
    assert name.startswith("democdash-brief-BLR-as-of-2020-12-")
    text = payload.decode()
    assert "Belarus: policy options brief, as of December 2020" in text
    assert MAR_2021 not in text and "Sheehan" not in text
