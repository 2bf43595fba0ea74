"""Options page helpers: filters, map toggling, sorting, grouping, panel content with its
sources, the map's counts and the comparison table."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from democdash import options_view_model as ovm
from democdash import scoring
from democdash.settings import Settings
from democdash.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def store(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data_dir)
    return open_store(
        Settings(
            data_dir=data_dir,
            database_url=f"sqlite:///{tmp_path / 's.sqlite'}",
            readonly=False,
            seeds_dir=None,
        )
    )


def frame(rows):
    base = {
        "holders": ["author"],
        "actors": [],
        "status_as_of_latest": pd.Timestamp("2020-11-30"),
    }
    return pd.DataFrame([{**base, **r} for r in rows])


OPTIONS = frame(
    [
        {"id": "a", "title": "A", "target": "BLR", "instrument": "sanctions", "status": "pledged",
         "actors": ["usa"]},
        {"id": "b", "title": "B", "target": "KAZ", "instrument": "diplomacy", "status": "enacted",
         "holders": ["kaz-gov"]},
        {"id": "c", "title": "C", "target": None, "instrument": "funding",
         "status": "recommended"},
        {"id": "d", "title": "D", "target": "BLR", "instrument": "diplomacy", "status": "enacted"},
    ]
)  # fmt: skip


def ids(df):
    return list(df["id"])


def test_filters_combine_and_actor_matches_who_acts_or_proposes():
    assert ids(ovm.filter_options(OPTIONS, countries=["BLR"])) == ["a", "d"]
    assert ids(ovm.filter_options(OPTIONS, ["BLR"], instruments=["diplomacy"])) == ["d"]
    assert ids(ovm.filter_options(OPTIONS, statuses=["enacted"])) == ["b", "d"]
    assert ids(ovm.filter_options(OPTIONS, actors=["usa", "kaz-gov"])) == ["a", "b"]
    assert ids(ovm.filter_options(OPTIONS, option_ids=["c"])) == ["c"]
    assert ids(ovm.filter_options(OPTIONS)) == ["a", "b", "c", "d"]


def test_toggle_adds_and_removes():
    assert ovm.toggle([], "BLR") == ["BLR"]
    assert ovm.toggle(["KAZ"], "BLR") == ["KAZ", "BLR"]
    assert ovm.toggle(["KAZ", "BLR"], "BLR") == ["KAZ"]


def test_sort_by_status_and_by_score():
    assert ids(ovm.sort_options(OPTIONS, "status")) == ["b", "d", "a", "c"]
    s = scoring.set_score(scoring.new_scenario("s", "al"), "c", "impact", 5, "r", "al")
    s = scoring.set_score(s, "a", "impact", 2, "r", "al")
    assert ids(ovm.sort_options(OPTIONS, "score", scoring.rank(OPTIONS, s))) == [
        "c", "a", "b", "d"
    ]  # fmt: skip


def test_groups_by_country_name_with_untargeted_last_and_by_instrument():
    names = {"BLR": "Belarus", "KAZ": "Kazakhstan"}
    groups = ovm.group_options(OPTIONS, "country", names)
    assert [(h, ids(g)) for h, g in groups] == [
        ("Belarus", ["a", "d"]),
        ("Kazakhstan", ["b"]),
        (ovm.NO_TARGET, ["c"]),
    ]
    by_instrument = ovm.group_options(OPTIONS, "instrument", names)
    assert [h for h, _ in by_instrument] == ["Sanctions", "Funding", "Diplomacy"]


def test_map_counts_only_the_given_options():
    figures = pd.DataFrame({"iso3": ["BLR", "KAZ", "RUS"], "options": [9, 9, 9]})
    counted = ovm.map_figures(figures, OPTIONS[OPTIONS["instrument"] == "diplomacy"])
    assert counted.set_index("iso3")["options"].to_dict() == {"BLR": 1, "KAZ": 1, "RUS": 0}


def test_panel_has_status_date_proposer_risks_events_sanctions_and_quoted_sources(store):
    lookups = ovm.Lookups.from_frames(
        store.actors(),
        store.countries(),
        store.events(),
        store.sanctions(),
        store.risks(),
        store.sources(),
        store.articles(),
    )
    option = store.options().iloc[0].to_dict()
    panel = ovm.option_panel(option, lookups)
    assert panel.status_line.startswith("Recommended, as of ")
    [position] = panel.positions
    assert (position.holder, position.stance) == ("the article's author", "recommends")
    assert position.quote.startswith("Freedonia should impose") and position.paragraph == 4
    assert panel.positions_text == "the article's author recommends"
    assert panel.target == "Ruritania (test)" and panel.target_iso3 == "BLR"
    assert [e.id for e in panel.events] == ["blr-2024-detentions"]
    assert panel.event_countries == ["BLR"]
    assert len(panel.sanctions) == 1 and "as of" in panel.sanctions[0]
    assert panel.risks and panel.risks[0][0]
    assert panel.sources == []  # its one source is the position's, shown there
    assert position.citation
    table = ovm.compare_table([panel], scoring.new_scenario("s", "al"), None)
    assert list(table.index) == ovm.COMPARE_ROWS
    assert table.at["Positions", panel.title].startswith(
        "the article's author recommends: “Freedonia should impose"
    )
    assert table.at["Sources", panel.title] == "none"
    assert "Impact (higher is better): not scored" in table.at["Scores", panel.title]


def test_ranking_table_says_not_scored_in_words_never_none_and_the_directions():
    s = scoring.set_score(scoring.new_scenario("s", "al"), "a", "risk", 4, "r", "al")
    table = ovm.ranking_table(scoring.rank(OPTIONS, s), s)
    assert list(table.columns)[:4] == ["rank", "title", "total", "standing"]
    by_title = table.set_index("title")
    row = by_title.loc["A"]
    assert row["Risk (lower is better)"] == "4" and row["Impact"] == "not scored"
    assert row["total"] == "2.00" and row["rank"] == "1" and row["standing"] == "partly scored"
    unscored = by_title.drop(index="A")
    assert (unscored[["rank", "total", "standing"]] == "not scored").all().all()
    assert not table.isna().any().any()
    assert "None" not in table.astype(str).to_numpy()


def test_every_criterions_bar_grows_as_the_option_does_better_in_one_hue():
    s = scoring.new_scenario("s", "al")
    for oid, cost in (("a", 1), ("b", 5)):  # a is cheap, b is dear
        s = scoring.set_score(s, oid, "cost", cost, "", "al")
        s = scoring.set_score(s, oid, "impact", 3, "", "al")
    ranking = scoring.rank(OPTIONS, s)
    fig = ovm.share_chart(scoring.shares(ranking, s), s)
    cost = next(t for t in fig.data if t.name.startswith("Cost"))
    by_option = dict(zip(cost.y, cost.x, strict=True))
    assert by_option["A"] > by_option["B"]  # the low cost draws the longer bar
    assert cost.name == "Cost (lower is better)"
    from plotly.colors import unlabel_rgb

    for trace in fig.data:  # shades of one blue: blue is the strongest channel of each
        r, g, b = unlabel_rgb(trace.marker.color)
        assert b >= max(r, g), (trace.name, trace.marker.color)


def test_parties_group_options_by_who_would_act_and_keep_a_targets_own_actors_apart():
    countries = {"us-gov": "USA", "fr": "FRA", "de": "DEU", "blr-gov": "BLR", "alliance": None}
    opts = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "title": ["A", "B", "C", "D", "E"],
            "actors": [["us-gov"], ["fr", "de"], ["blr-gov"], ["alliance"], ["us-gov"]],
            "target": ["BLR", "BLR", "BLR", None, "BLR"],
        }
    )
    assert ovm.parties(["fr", "de", "fr"], countries) == ["FRA", "DEU"]
    assert ovm.party_choices(opts, countries) == ["USA", "FRA", "DEU", "alliance"]
    names = {"USA": "United States", "FRA": "France", "DEU": "Germany", "BLR": "Belarus"}
    groups = ovm.group_by_party(opts, countries, names, {"alliance": "Free world"})
    assert [(h, list(g["id"])) for h, g in groups] == [
        ("Who would act: United States", ["a", "e"]),
        ("Who would act: France and Germany", ["b"]),
        ("Who would act: Free world", ["d"]),
        (ovm.OWN_ACTORS.format(country="Belarus"), ["c"]),
    ]
    assert list(ovm.filter_by_parties(opts, ["DEU"], countries)["id"]) == ["b"]
    assert list(ovm.filter_by_parties(opts, ["BLR"], countries)["id"]) == []
    assert len(ovm.filter_by_parties(opts, [], countries)) == 5
