"""Country profiles and source pages from the real data and the fixture: actors by role,
relations with the record they come from, quotes in source order, coverage, comparison."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from democdash import aggregates, profiles
from democdash.settings import REPO_DIR, Settings
from democdash.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KINDS = ["countries", "actors", "events", "options", "sanctions", "risks", "articles"]


def frames_of(store: Store) -> profiles.ProfileFrames:
    return profiles.ProfileFrames(*(store.frame(k) for k in KINDS), store.sources())


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> profiles.ProfileFrames:
    """The curated dataset in `data/`, through a throw-away store."""
    home = tmp_path_factory.mktemp("real")
    settings = Settings(REPO_DIR / "data", f"sqlite:///{home / 's.db'}", False, None)
    return frames_of(open_store(settings))


@pytest.fixture
def fixture_frames(tmp_path) -> profiles.ProfileFrames:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    settings = Settings(tmp_path / "data", f"sqlite:///{tmp_path / 's.db'}", False, None)
    return frames_of(open_store(settings))


def group_of(profile: profiles.CountryProfile) -> dict[str, str]:
    return dict(zip(profile.actors["id"], profile.actors["group"], strict=True))


# --------------------------------------------------------------------------- actors by role


def test_belarus_actors_are_grouped_by_role_and_by_what_foreign_actors_do(real):
    groups = group_of(profiles.country_profile("BLR", real))
    assert groups["blr-lukashenko"] == "incumbent"
    assert groups["blr-tsikhanouskaya"] == "opposition"
    assert groups["rus-government"] == "external_backer"  # the loan and the police pledge
    assert groups["rus-putin"] == "external_backer"
    assert groups["fra-government"] == groups["deu-government"] == "mediator"
    for sanctioning in ("eu", "gbr-government", "can-government", "usa-trump-administration"):
        assert groups[sanctioning] == "sanctions", sanctioning
    order = [key for key, _ in profiles.ROLE_GROUPS]
    shown = [order.index(g) for g in profiles.country_profile("BLR", real).actors["group"]]
    assert shown == sorted(shown), "groups are not in display order"


def test_a_foreign_backer_acting_elsewhere_is_not_called_a_backer_there(real):
    # Russia's government is recorded as Lukashenko's backer; in Ukraine (Crimea) and in the
    # U.S. (election interference) it backs no incumbent, so it is only "involved" there.
    assert group_of(profiles.country_profile("UKR", real))["rus-government"] == "other"
    assert group_of(profiles.country_profile("USA", real))["rus-government"] == "other"


# --------------------------------------------------------------------------- relations


def test_relations_name_the_record_they_come_from(real):
    rel = profiles.relations("BLR", real)
    russia = rel[(rel["party"] == "RUS") & (rel["direction"] == "to_this")]
    assert set(russia["relation"]) == {"backs"}
    assert "blr-russian-loan" in set(russia["record_id"])
    loan = russia.set_index("record_id").loc["blr-russian-loan"]
    assert loan["kind"] == "events"
    assert set(loan["actors"]) == {"rus-putin", "rus-government"}
    assert loan["between"] == "Russia → Belarus"
    sanctioning = set(rel.loc[rel["relation"] == "sanctions", "party"])
    assert {"USA", "CAN", "GBR", "eu"} <= sanctioning
    events = set(real.events["id"])
    options = set(real.options["id"])
    sanctions = set(real.sanctions["id"])
    for kind, record in zip(rel["kind"], rel["record_id"], strict=True):
        assert record in {"events": events, "options": options, "sanctions": sanctions}[kind]


def test_relations_seen_from_the_acting_country(real):
    rel = profiles.relations("RUS", real)
    to_belarus = rel[rel["party"] == "BLR"]
    assert set(to_belarus["direction"]) == {"from_this"}
    assert set(to_belarus["relation"]) == {"backs"}
    assert set(to_belarus["between"]) == {"Russia → Belarus"}
    usa = profiles.relations("USA", real)
    assert "chn-2021-us-sanctions-uyghur-officials" in set(
        usa.loc[(usa["party"] == "CHN") & (usa["relation"] == "sanctions"), "record_id"]
    )


def test_related_parties_summarise_relations_strongest_first(real):
    related = profiles.country_profile("BLR", real).related.set_index("party")
    assert related.loc["RUS", "relations"] == ["Backs the incumbent"]
    assert related.loc["RUS", "n_records"] == 3
    assert related.loc["USA", "relations"][0] == "Sanctions"
    assert pd.isna(related.loc["eu", "party_iso3"])  # a body, not a country: no profile link


def test_fixture_neighbour_sanctions(fixture_frames):
    rel = profiles.relations("BLR", fixture_frames)
    assert sorted(zip(rel["kind"], rel["record_id"], rel["relation"], strict=True)) == [
        ("events", "pol-2024-asset-freeze", "sanctions"),
        ("options", "opt-targeted-sanctions", "sanctions"),
        ("sanctions", "sanction-asset-freeze", "sanctions"),
    ]
    assert set(rel["between"]) == {"Freedonia (test) → Ruritania (test)"}


# --------------------------------------------------------------------------- quotes, coverage


def test_quotes_about_a_country_are_in_source_order_with_claimants(real):
    quotes = profiles.country_profile("BLR", real).quotes
    published = real.articles.set_index("id")["published_earliest"]
    keys = [(published[a], p) for a, p in zip(quotes["article"], quotes["paragraph"], strict=True)]
    assert keys == sorted(keys), "quotes are not in (article date, paragraph) order"
    assert list(dict.fromkeys(quotes["article"])) == [
        "atlantic-2020-belarus-biden",
        "sheehan-2021-democracy-abroad",
    ]
    # every quote is a cited source of a record, and says who claims it
    cited = set(
        zip(real.sources["article"], real.sources["paragraph"], real.sources["quote"], strict=True)
    )
    assert all(
        (a, p, q) in cited
        for a, p, q in zip(quotes["article"], quotes["paragraph"], quotes["quote"], strict=True)
    )
    viacorka = quotes[quotes["records"].map(lambda r: "events:blr-viacorka-interview" in r)]
    assert not viacorka.empty
    assert set(viacorka["according_to"]) == {"Franak Viačorka"}
    assert quotes["according_to"].str.len().gt(0).all()


def _independent_paragraphs(frames: profiles.ProfileFrames, iso3: str) -> set[tuple[str, int]]:
    """Cited paragraphs of records about `iso3`, computed without `records_about`."""
    ids = (
        {("events", i) for i in frames.events.loc[frames.events["country"] == iso3, "id"]}
        | {("options", i) for i in frames.options.loc[frames.options["target"] == iso3, "id"]}
        | {
            ("sanctions", i)
            for i in frames.sanctions.loc[frames.sanctions["target_country"] == iso3, "id"]
        }
        | {
            ("risks", i)
            for i, c in zip(frames.risks["id"], frames.risks["threatens_countries"], strict=True)
            if iso3 in c
        }
        | {("actors", i) for i in frames.actors.loc[frames.actors["country"] == iso3, "id"]}
    )
    src = frames.sources
    return {
        (a, p)
        for k, r, a, p in zip(
            src["kind"], src["record_id"], src["article"], src["paragraph"], strict=True
        )
        if (k, r) in ids
    }


def test_coverage_counts_sources_paragraphs_and_span(real):
    cov = profiles.coverage_for("BLR", real)
    paragraphs = _independent_paragraphs(real, "BLR")
    assert cov.n_sources == len({a for a, _ in paragraphs}) == 2
    assert cov.n_paragraphs == len(paragraphs)
    assert cov.span == "about Nov 2020 to about Mar 2021"
    n_sources, n_paragraphs, span = profiles.coverage_for("MMR", real)
    assert (n_sources, span) == (1, "about Mar 2021")
    assert n_paragraphs == len(_independent_paragraphs(real, "MMR"))
    assert profiles.coverage_for("FIN", real) == (0, 0, None)
    assert cov.line("Belarus").startswith(f"2 sources and {cov.n_paragraphs} paragraphs")


def test_profile_lists_events_oldest_first_and_options_sanctions_risks(real):
    p = profiles.country_profile("BLR", real)
    assert len(p.events) == (real.events["country"] == "BLR").sum()
    dated = p.events[p.events["date_value"].notna()]
    assert list(dated["sort_date"]) == sorted(dated["sort_date"])
    assert p.events["date_value"].notna().tolist() == sorted(
        p.events["date_value"].notna(), reverse=True
    ), "undated events must come last"
    assert set(p.options["id"]) == set(real.options.loc[real.options["target"] == "BLR", "id"])
    assert set(p.sanctions["target_country"]) == {"BLR"}
    assert "Russian government" in " ".join(p.options["actor_names"])
    assert all("BLR" in c for c in p.risks["threatens_countries"])
    assert profiles.country_profile("XXX", real) is None


def test_comparison_table_has_every_country_with_its_profile_figures(real):
    table = profiles.comparison_table(real).set_index("iso3")
    assert set(table.index) == set(real.countries["iso3"])
    assert list(table.columns) == profiles.COMPARISON_COLUMNS[1:]
    assert table.loc["BLR", "events"] == (real.events["country"] == "BLR").sum()
    assert table.loc["BLR", "options"] == (real.options["target"] == "BLR").sum()
    for iso3 in table.index:
        assert table.loc[iso3, "sources"] == profiles.coverage_for(iso3, real).n_sources
    assert table.loc["MMR", "latest_event"].startswith("Coup")
    assert list(table["role"])[:5] == ["focus"] * 5  # focus countries first


# --------------------------------------------------------------------------- source pages


def test_article_profile_counts_match_the_sources_table(real):
    drawn = aggregates.drawn_from_articles(real.articles, real.sources).set_index("id")
    for article_id in real.articles["id"]:
        a = profiles.article_profile(article_id, real)
        for kind in profiles.DRAWN_KINDS:
            assert a.counts[kind] == drawn.loc[article_id, kind], (article_id, kind)
        assert list(a.quotes["paragraph"]) == sorted(a.quotes["paragraph"])
    assert profiles.article_profile("no-such-article", real) is None


def test_article_profile_says_what_is_known_and_not(real):
    a = profiles.article_profile("atlantic-2020-belarus-biden", real)
    assert ("Outlet", "The Atlantic") in a.known
    assert {"Author", "Title"} <= set(a.unknown)
    # the address of a public copy found later, with how it was found
    names = [name for name, _ in a.known]
    assert names[names.index("Address (URL)") + 1] == "How the address was found"
    assert "found later" in dict(a.known)["How the address was found"]
    assert a.published_note and "Inferred as about November 2020" in a.published_note
    events = a.drawn[a.drawn["kind"] == "events"]
    assert "blr-russian-loan" in set(events["record_id"])
    assert events.set_index("record_id").loc["blr-russian-loan", "country"] == "BLR"


def test_known_and_unknown_of_an_undated_article():
    known, unknown = profiles.known_and_unknown(
        {"author": "A. Writer", "title": None, "outlet": "", "published": "not stated", "url": None}
    )
    assert known == [("Author", "A. Writer")]
    assert unknown == ["Title", "Outlet", "Publication date", "Address (URL)"]
