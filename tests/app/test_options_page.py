"""Options page: filters restored from the URL, the map click filters by country, the
comparison shows options side by side, and analyst scores (and weights) change the ranking;
scenarios are saved under the URL and stay private to their author, who is the local editor
(`DEMOCDASH_EDITOR`) on a local run: the page never asks for a name."""

import re

import pandas as pd
import pytest

from democdash.settings import ENV_EDITOR, get_settings
from democdash.store import open_store

PAGE = "options"


def shown(text: str) -> str:
    """Text as the reader sees it (the app backslash-escapes source text for markdown)."""
    return re.sub(r"\\(.)", r"\1", text)


def lines(at) -> list[str]:
    """The lines of the page's markdown, as the reader sees them (a card is one element: its
    group's heading, when it is the group's first, then its title and all it says)."""
    return [line for m in at.main.markdown for line in shown(m.value).split("\n")]


def panel_titles(at) -> list[str]:
    return [line[5:] for line in lines(at) if line.startswith("#### ")]


def markdown_text(at) -> str:
    return "\n".join(shown(m.value) for m in at.markdown)


@pytest.fixture
def as_editor(monkeypatch):
    """`as_editor(name)`: this local run writes as `name` (`DEMOCDASH_EDITOR`)."""
    return lambda name: monkeypatch.setenv(ENV_EDITOR, name)


@pytest.fixture
def options() -> pd.DataFrame:
    return open_store(get_settings()).options()


def test_country_in_the_url_shows_that_countrys_options_with_sources(open_app, options):
    at = open_app(PAGE, query={"country": "BLR"})
    expected = options[options["target"] == "BLR"]
    assert len(expected) > 1
    assert sorted(panel_titles(at)) == sorted(expected["title"])
    assert at.multiselect(key="options_f_country").value == ["BLR"]
    text = markdown_text(at)
    assert "Biden has pledged that he would not only maintain the current sanctions" in text
    assert "**Positions** (according to" in text
    assert "**Joe Biden** pledges: “Biden has pledged that he would not only maintain" in text
    assert "Pledged, as of about Nov 2020" in text
    citations = re.findall(r":small\[([^\]]*)\]", text)  # under each quote
    assert any("The Atlantic" in c and "¶ 5" in c for c in citations)


def card_of(at, title: str) -> str:
    """The card's text, from its title on."""
    cards = (shown(m.value) for m in at.main.markdown if "#### " in m.value)
    card = next(c for c in cards if f"#### {title}" in c)
    return card[card.index("#### ") :]


def test_a_panel_shows_every_position_with_its_quote_and_the_status_over_time(open_app):
    at = open_app(PAGE, query={"option": "opt-blr-fra-deu-mediation-offer"})
    card = card_of(at, "French and German offer to mediate")
    assert "**French government** proposes: “joining the ranks of Paris and Berlin" in card
    assert "**German government** proposes: “joining the ranks of Paris and Berlin" in card
    assert "proposed_by" not in card

    at = open_app(PAGE, query={"option": "opt-usa-promote-democracy-abroad"})
    card = card_of(at, "Make strengthening democracy abroad")
    assert "**Joe Biden** pledges: “This promise would ultimately affect" in card
    assert "**Joe Biden** proposes: “President Joe Biden is making" in card
    assert "**Status over time:**" in card
    steps = re.findall(r"^\d\. (.*)$", card, flags=re.M)
    assert steps[0].startswith("Pledged, as of about Nov 2020 (") and "¶ 4" in steps[0]
    assert steps[1].startswith("Planned, as of about Mar 2021 (") and "¶ 1" in steps[1]
    assert card.startswith("#### Make strengthening democracy abroad a top U.S. priority again")
    assert "**Planned, as of about Mar 2021**" in card  # the status in force is the latest


def test_a_card_is_one_element_short_or_with_its_details_and_a_link_to_its_events(
    open_app, options
):
    at = open_app(PAGE, query={"country": "BLR"})
    blr = options[options["target"] == "BLR"]
    cards = [m for m in at.main.markdown if "#### " in m.value]
    assert len(cards) == len(blr)  # one element a card: no box, no expander per card
    assert not at.main.subheader  # group headings open their first card's element
    assert not [e for e in at.main.expander if e.label.startswith("Constraints")]
    option = blr[blr["risks"].map(len).astype(bool)].iloc[0]
    short = card_of(at, option["title"])  # short by default: what the details hold, counted
    n = len(option["risks"])
    assert "**Constraints:**" not in short and f"{n} risk{'' if n == 1 else 's'}" in short
    at = open_app(PAGE, query={"country": "BLR", "cards": "full"})
    assert len([m for m in at.main.markdown if "#### " in m.value]) == len(blr)
    card = card_of(at, option["title"])
    assert card.count("**Constraints:**") == 1 and f"**Risks** ({len(option['risks'])})" in card
    risks = open_store(get_settings()).frame("risks").set_index("id")
    for risk in option["risks"]:
        assert f"**{risks.at[risk, 'title']}**" in card
    with_events = next(t for t in blr["title"] if "**Related events**" in card_of(at, t))
    # the choice is a segmented control, kept in the link
    assert at.segmented_control(key="options_cards").value == "full"
    link = re.search(r"\]\((events\?country=[^)]*)\)", card_of(at, with_events))
    assert link and "BLR" in link.group(1)


def test_a_page_of_cards_is_made_once_not_on_every_rerun(open_app, options, monkeypatch):
    from democdash.ui import options_view

    made = []
    real = options_view._card_text

    def counted(p):
        made.append(p.id)
        return real(p)

    monkeypatch.setattr(options_view, "_card_text", counted)
    at = open_app(PAGE, query={"country": "BLR"})
    shown = (options["target"] == "BLR").sum()
    assert len(panel_titles(at)) == shown and len(made) <= shown
    made.clear()
    at.run()  # a warm rerun draws the same cards from what the first run made
    assert len(panel_titles(at)) == shown and made == []


def test_a_long_list_of_panels_is_paged(open_app, options, monkeypatch):
    from democdash.ui import options_view

    monkeypatch.setattr(options_view, "PAGE_SIZE", 5)
    at = open_app(PAGE)
    assert len(options) > 10
    first_page = panel_titles(at)
    assert len(first_page) == 5
    pager = at.selectbox(key="options_page")
    assert pager.options[0] == f"1–5 of {len(options)}"
    pager.set_value(5).run()
    second_page = panel_titles(at)
    assert len(second_page) == 5 and not set(first_page) & set(second_page)
    at.query_params["country"] = "BLR"  # a new set starts over at its first page
    at.run()
    belarus = set(options[options["target"] == "BLR"]["title"])
    assert len(belarus) > 5 and at.selectbox(key="options_page").value == 0
    assert len(panel_titles(at)) == 5 and set(panel_titles(at)) <= belarus


def test_instrument_status_and_actor_filters_come_from_the_url(open_app, options):
    at = open_app(PAGE, query={"instrument": "diplomacy", "status": "pledged"})
    keep = (options["instrument"] == "diplomacy") & (options["status"] == "pledged")
    assert sorted(panel_titles(at)) == sorted(options.loc[keep, "title"])
    assert at.multiselect(key="options_f_status").value == ["pledged"]

    at = open_app(PAGE, query={"actor": "kaz-tokayev"})
    acts = options["actors"].map(lambda ids: "kaz-tokayev" in ids)
    expected = options[acts | options["holders"].map(lambda ids: "kaz-tokayev" in ids)]
    assert len(expected) and sorted(panel_titles(at)) == sorted(expected["title"])


def test_a_bad_value_in_the_url_is_dropped_with_one_message(open_app):
    at = open_app(PAGE, query={"status": "pledged,imaginary"})
    assert [shown(w.value) for w in at.warning] == [
        "Ignored in the link: unknown status 'imaginary' in 'status'."
    ]
    assert at.query_params["status"] == ["pledged"] or at.query_params["status"] == "pledged"


def test_grouping_by_instrument_and_widget_change_updates_the_url(open_app, options):
    at = open_app(PAGE, query={"group": "instrument"})
    assert any(h.startswith("Sanctions (") for h in headings(at))
    at.multiselect(key="options_f_country").select("KAZ").run()
    assert at.query_params["country"] in ("KAZ", ["KAZ"])
    assert sorted(panel_titles(at)) == sorted(options.loc[options["target"] == "KAZ", "title"])


def _map_svg(at) -> str:
    from democdash.ui import svg_map

    (component,) = [el for el in at.get("bidi_component") if "options_map" in el.proto.id]
    return svg_map.unpack(component.proto.bytes)["svg"]


def test_the_map_outlines_the_country_filtered_on(open_app, options):
    # clicks on the SVG map are browser events (tests/browser/test_overview_map.py)
    at = open_app(PAGE, query={"country": "KAZ"})
    assert sorted(panel_titles(at)) == sorted(options.loc[options["target"] == "KAZ", "title"])
    svg = _map_svg(at)
    assert 'data-iso3="KAZ"' in svg and "Options recorded" in svg + str(at.caption)


def test_compare_shows_options_side_by_side(open_app, options):
    picked = options[options["target"] == "BLR"]["id"].head(3).tolist()
    at = open_app(PAGE, query={"tab": "compare", "option": ",".join(picked)})
    titles = options.set_index("id").loc[picked, "title"].tolist()
    assert panel_titles(at) == titles
    text = markdown_text(at)
    for field in ("**Who would act", "**Positions", "**Status", "**Sources**"):
        assert text.count(field) == 3, field
    assert text.count("Impact (higher is better): not scored") == 3


def test_compare_draws_on_the_panels_made_once_per_option(open_app, options, monkeypatch):
    # The compare tab takes each option's cached panel: options already shown as panels, or
    # compared on an earlier run, are not made again.
    from democdash import options_view_model as ovm

    made = []
    make = ovm.option_panel

    def counted(row, found):
        made.append(row["id"])
        return make(row, found)

    monkeypatch.setattr(ovm, "option_panel", counted)
    blr = options[options["target"] == "BLR"]["id"].tolist()
    at = open_app(PAGE, query={"country": "BLR"})
    assert sorted(made) == sorted(blr) and len(panel_titles(at)) == len(blr)
    at = open_app(PAGE, query={"tab": "compare", "option": ",".join(blr[:2])})
    at.run()
    assert panel_titles(at) == options.set_index("id").loc[blr[:2], "title"].tolist()
    assert sorted(made) == sorted(blr)


def test_compare_asks_for_two_options(open_app, options):
    at = open_app(PAGE, query={"tab": "compare", "option": options["id"].iloc[0]})
    assert any("at least 2" in i.value for i in at.info)


def test_compare_says_when_the_filters_leave_too_few_options(open_app, options):
    counts = options["target"].value_counts()
    countries = open_store(get_settings()).countries()["iso3"]
    few = [c for c in countries if counts.get(c, 0) < 2]
    assert few, "every country has two options or more"
    at = open_app(PAGE, query={"tab": "compare", "country": few[0]})
    (note,) = [i.value for i in at.info]
    assert "matches the filters above" in note and "at least 2" in note
    assert not [m for m in at.multiselect if m.key == "options_compare"]


def score(at, option_id: str, values: dict[str, tuple[int, str]], why: str | None = None):
    """Type scores into the grid's row of one option (and its rationale: by default the
    score's words joined) and save the grid, as the analyst's keyboard would."""
    gen = at.session_state["options_scenario_gen"]
    grid = at.session_state[f"options_grid_{gen}__table"]
    row = {criterion: value for criterion, (value, _) in values.items()}
    row["_rationale"] = "; ".join(w for _, w in values.values() if w) if why is None else why
    at.session_state[f"options_grid_{gen}"] = {
        "edited_rows": {list(grid.index).index(option_id): row},
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in at.button if b.label == "Save scores").click().run()
    return at


def ranking(at) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "standing" in df.value.columns)


def test_scores_and_weights_change_the_ranking(open_app, options, as_editor):
    as_editor("alice")
    at = open_app(PAGE, query={"tab": "score", "country": "BLR"})
    assert (ranking(at)["standing"] == "not scored").all()
    assert (ranking(at)["rank"] == "not scored").all()
    blr = options[options["target"] == "BLR"].sort_values("title")["id"].tolist()
    first, second = blr[0], blr[1]
    score(at, first, {"impact": (5, "direct pressure"), "cost": (4, "costly")})
    score(at, second, {"impact": (3, "modest"), "cost": (1, "cheap")})
    assert not at.error, [e.value for e in at.error]
    table = ranking(at)
    by_title = table.set_index("title")
    title = options.set_index("id")["title"]
    # first: (5 + (6-4)) / 2 = 3.5; second: (3 + (6-1)) / 2 = 4.0
    assert by_title.loc[title[first], "total"] == "3.50"
    assert by_title.loc[title[second], "total"] == "4.00"
    assert table.iloc[0]["title"] == title[second]
    assert by_title.loc[title[first], "Risk (lower is better)"] == "not scored"
    assert by_title.loc[title[first], "standing"] == "partly scored"
    assert at.session_state["options_scenario"].rationale(first) == "direct pressure; costly"
    # weighting impact up turns the order round: (3*5 + 2) / 4 = 4.25 against (9 + 5) / 4 = 3.5
    gen = at.session_state["options_scenario_gen"]
    at.slider(key=f"options_w_{gen}_impact").set_value(3.0).run()
    assert ranking(at).iloc[0]["title"] == title[first]
    assert at.get("plotly_chart"), "no chart of each criterion's share"


def test_an_option_scored_without_its_rationale_is_refused(open_app, options):
    at = open_app(PAGE, query={"tab": "score"})
    oid = options["id"].iloc[0]
    score(at, oid, {"impact": (4, "")})
    title = options.set_index("id").loc[oid, "title"]
    (error,) = [shown(e.value) for e in at.error]
    assert error.startswith(title) and "write why" in error
    assert (ranking(at)["standing"] == "not scored").all()


def test_scoring_is_one_grid_of_options_by_criteria_with_a_rationale_column(open_app, options):
    at = open_app(PAGE, query={"tab": "score", "country": "BLR"})
    (grid,) = at.data_editor
    blr = options[options["target"] == "BLR"]
    assert sorted(grid.value["_title"]) == sorted(blr["title"])
    criteria = ["impact", "feasibility", "cost", "risk", "speed"]
    assert list(grid.value.columns) == ["_title", *criteria, "_rationale"]
    assert not [s for s in at.selectbox if s.key and s.key.startswith("options_sv_")]


def test_the_page_scores_as_the_local_editor_and_never_asks_a_name(open_app, options):
    at = open_app(PAGE, query={"tab": "score"})
    me = get_settings().local_editor
    assert me.startswith("local:")
    assert [t.label for t in at.text_input if "name" in t.label.lower()] == ["Scenario name"]
    assert any(f"as {me}" in shown(c.value).replace("\u2060", "") for c in at.caption)
    oid = options["id"].iloc[0]
    score(at, oid, {"impact": (4, "strong")})
    assert at.session_state["options_scenario"].score(oid, "impact").scorer == me


def test_saved_scenario_is_in_the_url_and_private_to_its_author(open_app, options, as_editor):
    as_editor("alice")
    at = open_app(PAGE, query={"tab": "score"})
    oid = options["id"].iloc[0]
    score(at, oid, {"impact": (4, "strong")})
    gen = at.session_state["options_scenario_gen"]
    at.text_input(key=f"options_scn_name_{gen}").input("belarus pressure")
    at.button(key="options_scn_save").click().run()
    assert at.query_params["scenario"] in ("alice/belarus pressure", ["alice/belarus pressure"])
    saved = open_store(get_settings()).get_scenario("belarus pressure", "alice", "alice")
    assert saved.rationale(oid) == "strong" and saved.score(oid, "impact").scorer == "alice"


def test_scenario_address_reopens_for_its_author_only(open_app, options, as_editor):
    from democdash import scoring

    oid = options["id"].iloc[0]
    scenario = scoring.set_score(
        scoring.new_scenario("quiet", "alice"), oid, "impact", 2, "weak", "alice"
    )
    open_store(get_settings()).save_scenario(scenario)
    as_editor("alice")
    at = open_app(PAGE, query={"tab": "score", "scenario": "alice/quiet"})
    assert ranking(at).iloc[0]["total"] == "2.00"
    assert at.session_state["options_scenario"].address == "alice/quiet"


def test_another_authors_private_scenario_is_refused(open_app, options, as_editor):
    from democdash import scoring

    open_store(get_settings()).save_scenario(scoring.new_scenario("quiet", "alice"))
    as_editor("bob")
    at = open_app(PAGE, query={"tab": "score", "scenario": "alice/quiet"})
    (warning,) = [shown(w.value) for w in at.warning]
    assert "No saved scenario 'alice/quiet' that you can open" in warning
    assert at.session_state["options_scenario"].address != "alice/quiet"
    # a scenario that does not exist gets the same words: a link tells nothing of private ones
    at = open_app(PAGE, query={"tab": "score", "scenario": "alice/nothing"})
    assert "No saved scenario 'alice/nothing' that you can open" in shown(at.warning[0].value)


def test_the_list_offers_shared_scenarios_to_all_and_private_ones_to_their_author(
    open_app, as_editor
):
    from democdash import scoring

    store = open_store(get_settings())
    store.save_scenario(scoring.new_scenario("quiet", "alice"))
    store.save_scenario(scoring.new_scenario("open", "alice", shared=True))
    as_editor("bob")
    at = open_app(PAGE, query={"tab": "score"})
    assert at.selectbox(key="options_scn_pick").options == ["alice/open"]
    assert not [t for t in at.text_input if "author" in t.label.lower()]
    as_editor("alice")
    at = open_app(PAGE, query={"tab": "score"})
    assert sorted(at.selectbox(key="options_scn_pick").options) == ["alice/open", "alice/quiet"]


def test_brief_tab_offers_the_country_brief_for_the_selected_country(open_app):
    at = open_app(PAGE, query={"tab": "brief", "country": "KAZ"})
    assert "**Download a country brief**" in [m.value for m in at.markdown]
    assert at.selectbox(key="options_brief_country").value == "KAZ"


def test_the_map_follows_the_naming_setting(open_app):
    at = open_app(PAGE)
    assert "Myanmar" in _map_svg(at) and "Burma" not in _map_svg(at)
    at.sidebar.button_group[0].set_value("burma").run()
    assert "Burma" in _map_svg(at) and "Myanmar" not in _map_svg(at)


def headings(at) -> list[str]:
    """The groups' headings (each opens its first card's element)."""
    return [line[4:] for line in lines(at) if line.startswith("### ")]


def test_panels_are_grouped_by_who_would_act_with_the_countrys_own_actors_apart(open_app):
    at = open_app(PAGE, query={"country": "BLR"})
    found = headings(at)
    assert found[0].startswith("Who would act: United States")
    assert any(h.startswith("Who would act: Russia") for h in found)
    assert any(h.startswith("Who would act: France and Germany") for h in found)
    assert found[-1].startswith("Belarus's own actors: their positions and plans, not options")
    own = markdown_text(at).split("Belarus's own actors")[-1]
    assert "Protesters' demands" in own


def test_whose_choices_keeps_one_partys_options_in_the_link(open_app, options):
    at = open_app(PAGE, query={"country": "BLR", "acting": "USA"})
    titles = panel_titles(at)
    assert titles and all("Russian police" not in t and "Protesters" not in t for t in titles)
    assert {h.split(" (")[0] for h in headings(at)} == {"Who would act: United States"}
    assert at.multiselect(key="options_f_acting").value == ["USA"]
    at.multiselect(key="options_f_acting").select("RUS").run()
    assert at.query_params["acting"] in ("USA,RUS", ["USA,RUS"])
    assert any("Russian police" in t for t in panel_titles(at))


def test_the_grid_reads_not_scored_in_empty_cells_and_plain_headers(open_app):
    at = open_app(PAGE, query={"tab": "score", "country": "BLR"})
    (grid,) = at.data_editor
    assert grid.proto.placeholder == "not scored"
    assert "Impact (higher is better)" in grid.proto.columns  # the column config, as JSON
    assert "\\(" not in grid.proto.columns  # a label is plain text, not escaped markdown
