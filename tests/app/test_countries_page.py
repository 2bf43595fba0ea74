"""Countries page: a profile opens from the URL (country, tab, names) and says so in the URL;
without a country, the comparison table links into each profile; bad codes give one message."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

PAGE = "countries"


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes source text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def subheaders(at) -> list[str]:
    return [shown(s.value) for s in at.subheader]


def texts(at) -> str:
    return " ".join(shown(m.value) for m in at.markdown)


def test_profile_opens_from_the_url_with_context_actors_and_relations(open_app):
    at = open_app(PAGE, query={"country": "BLR"})
    assert [shown(t.value) for t in at.title] == ["Belarus"]
    assert subheaders(at) == ["Key actors", "Related countries"]
    body = texts(at)
    assert "Context" in body and "Lukashenko" in body
    for group in ("Incumbent", "Opposition", "External backers", "Mediators"):
        assert f"**{group}**" in body, group
    assert [c for c in at.get("bidi_component") if c.key.endswith("map")], (
        "the region map is not drawn"
    )
    coverage = shown(at.info[0].value)
    assert coverage.startswith("2 sources and ") and "speak of Belarus" in coverage
    assert "does not mean nothing happened" in coverage
    related = next(d.value for d in at.dataframe if "party_name" in d.value.columns)
    russia = related[related["party_name"] == "Russia"].iloc[0]
    assert "backs the incumbent" in russia["relations_text"]
    page, query = russia["link"].split("?")
    assert page == "countries" and parse_qs(query) == {"country": ["RUS"]}
    bodies = related[related["party_iso3"].isna()]  # e.g. the EU: no profile, its events
    assert len(bodies) and all(link.startswith("events?actor=") for link in bodies["link"])
    assert dict(at.query_params) == {"country": "BLR"}


def test_records_behind_the_relations_are_drawn_when_opened_with_links(open_app):
    at = open_app(PAGE, query={"country": "BLR"})

    def records():
        return [d.value for d in at.dataframe if "relation_label" in d.value.columns]

    assert not records()  # closed: not computed or sent
    at.session_state["countries_relations"] = True
    at.run()
    (table,) = records()
    assert len(table) > 1
    for kind, target in zip(table["kind_label"], table["link"], strict=True):
        page = target.split("?")[0]
        assert page == {"Event": "events", "Option": "options", "Sanction": "countries"}[kind]
        assert "country=" in target or "actor=" in target


def test_tab_from_the_url_opens_the_quotes_in_source_order(open_app):
    at = open_app(PAGE, query={"country": "BLR", "tab": "quotes"})
    assert subheaders(at) == ["Quotes"]
    quotes = [shown(m.value) for m in at.markdown if m.value.startswith("**¶")]
    assert len(quotes) == 2, "one block of quotes per source"
    assert "according to the article's author" in quotes[0]
    for block in quotes:
        paragraphs = [int(p) for p in re.findall(r"^\*\*¶(\d+)\*\*", block, flags=re.M)]
        assert paragraphs == sorted(paragraphs), "quotes are not in paragraph order"
    citations = [
        shown(m.value)
        for m in at.markdown
        if m.value.startswith("**") and not m.value.startswith("**¶") and "about " in m.value
    ]
    assert [c.split(",")[0].strip("*") for c in citations] == [
        "The Atlantic",  # about Nov 2020
        "Ivan Sascha Sheehan",  # about Mar 2021
    ]
    assert at.query_params["tab"] == "quotes"


def test_options_tab_lists_options_sanctions_and_risks(open_app):
    at = open_app(PAGE, query={"country": "BLR", "tab": "options"})
    assert subheaders(at) == ["Policy options", "Sanctions reported", "Risks named"]
    options, sanctions, risks = (d.value for d in at.dataframe)
    assert "Extend U.S. sanctions to Lukashenko and his closest allies" in set(options["title"])
    assert set(options["link"]) >= {
        "options?option=opt-blr-expand-sanctions-lukashenko&country=BLR"
    }
    assert len(sanctions) == 5 and "European Union" in " ".join(sanctions["imposed_by_names"])
    assert len(risks) >= 1


def test_events_tab_lists_events_with_links(open_app):
    at = open_app(PAGE, query={"country": "MMR", "tab": "events"})
    assert subheaders(at) == ["Timeline of events"]
    events = at.dataframe[0].value
    assert list(events["id"])[:2] == ["mmr-2020-general-election", "mmr-2021-coup"]
    assert "events?event=mmr-2021-coup&country=MMR" in set(events["link"])


def test_comparison_table_links_into_each_profile(open_app):
    at = open_app(PAGE)
    assert [t.value for t in at.title] == ["Countries and territories"]
    table = at.dataframe[0].value.set_index("iso3")
    assert {"BLR", "MMR", "KAZ", "HKG", "RUS", "USA"} <= set(table.index)
    assert table.loc["BLR", "profile"] == "countries?country=BLR"
    assert table.loc["BLR", "sources"] == 2
    assert table.loc["MMR", "latest_event"].startswith("Coup")
    # issue 20: the profile link sat in the last column and read "Open pr" on a laptop: it is
    # beside the name now, and the headers are short enough for the table to fit
    shown = list(at.dataframe[0].proto.column_order)
    assert shown[:2] == ["name", "profile"]


def test_choosing_a_country_opens_its_profile_and_writes_the_url(open_app):
    at = open_app(PAGE)
    at.selectbox[0].set_value("KAZ").run()
    assert [t.value for t in at.title] == ["Kazakhstan"]
    assert at.query_params["country"] == "KAZ"


def test_bad_country_code_gives_one_message_and_the_comparison(open_app):
    at = open_app(PAGE, query={"country": "XXZ"})
    assert [shown(w.value) for w in at.warning] == [
        "Ignored in the link: unknown country code 'XXZ' in 'country'."
    ]
    assert [t.value for t in at.title] == ["Countries and territories"]
    assert "country" not in at.query_params


def test_a_country_outside_our_sources_says_so(open_app):
    at = open_app(PAGE, query={"country": "FIN"})
    assert [t.value for t in at.title] == ["Finland"]
    notes = " ".join(shown(i.value) for i in at.info)
    assert "Nothing about Finland is recorded in our sources" in notes
    assert "does not mean nothing happened" in notes


def test_naming_setting_from_the_url_applies_and_is_kept(open_app):
    at = open_app(PAGE, query={"country": "MMR", "names": "burma"})
    assert [t.value for t in at.title] == ["Burma"]
    assert at.query_params["names"] == "burma"
    assert at.sidebar.button_group[0].value == "burma"
    link = next(p for p in at.page_link if shown(p.value) == "Events")
    assert parse_qs(link.proto.query_string) == {"country": ["MMR"], "names": ["burma"]}


def test_naming_control_switches_names_everywhere_and_in_the_url(open_app):
    at = open_app(PAGE)
    names = at.dataframe[0].value.set_index("iso3")["name"]
    assert names["MMR"] == "Myanmar"
    at.sidebar.button_group[0].set_value("burma").run()
    assert at.dataframe[0].value.set_index("iso3").loc["MMR", "name"] == "Burma"
    assert at.query_params["names"] == "burma"
    assert at.dataframe[0].value.set_index("iso3").loc["BLR", "profile"] == (
        "countries?country=BLR&names=burma"
    )
    at.sidebar.button_group[0].set_value("myanmar").run()
    assert at.dataframe[0].value.set_index("iso3").loc["MMR", "name"] == "Myanmar"
    assert "names" not in at.query_params


def test_events_tab_draws_the_timeline_in_the_chosen_name(open_app):
    # The timeline figure is made once per country and naming setting: after a render as
    # Myanmar, names=burma in the URL redraws its lanes as Burma.
    import json

    def lanes(at) -> list[str]:
        charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
        (timeline,) = [c for c in charts if c["data"][0]["type"] == "bar"]
        return timeline["layout"]["yaxis"]["ticktext"]

    at = open_app(PAGE, query={"country": "MMR", "tab": "events"})
    assert lanes(at) == ["Myanmar", "Myanmar · undated"]
    assert "continuing when the source was written" in " ".join(c.value for c in at.caption)
    at.query_params["names"] = "burma"
    at.run()
    assert lanes(at) == ["Burma", "Burma · undated"]


def test_a_renamed_country_is_also_called_by_the_name_it_gave_up(open_app):
    def also_called(at) -> str:
        # the role line, small and grey, opens the header's element
        (line,) = [m.value for m in at.main.markdown if "also called" in m.value]
        return line.split("also called ", 1)[1].split("]]", 1)[0]

    at = open_app(PAGE, query={"country": "MMR"})
    assert also_called(at) == "Burma"
    at.query_params["names"] = "burma"
    at.run()
    assert also_called(at) == "Myanmar"
