"""How many sources report a record and how far it is corroborated, as tables and exports show
it: "reported by 3 sources (2 independent)" when copies of one story exist, the standing in a
cell ("single source · opinion"), hiding standings, the opinion note of a profile, and the
export's `independent_stories`, `standing` and `reported_by` columns."""

from __future__ import annotations

import pytest

from democdash import corroboration, exports, filters, frames
from democdash.exports import About

ARTICLES = [
    {"id": "wire", "outlet": "Wire", "source_type": "reporting", "published": {"value": "2021"}},
    {
        "id": "reprint",
        "outlet": "Paper",
        "source_type": "reporting",
        "published": {"value": "2021"},
        "same_story_as": "wire",
    },
    {"id": "other", "outlet": "Other", "source_type": "reporting", "published": {"value": "2021"}},
    {
        "id": "column",
        "author": "A. Writer",
        "source_type": "opinion",
        "published": {"value": "2021"},
    },
]


def cite(article: str, paragraph: int = 1, contradicts: bool = False) -> dict:
    return {
        "article": article,
        "paragraph": paragraph,
        "quote": f"quote from {article}",
        "contradicts": contradicts,
    }


def event(event_id: str, *sources: dict, country: str = "BLR", involved=None) -> dict:
    return {
        "id": event_id,
        "date": {"text": "2021", "value": "2021"},
        "country": country,
        "countries_involved": involved or [country],
        "type": "protest",
        "summary": f"summary of {event_id}",
        "sources": list(sources),
    }


EVENTS = [
    event("copies", cite("wire"), cite("reprint"), cite("other")),
    event("single", cite("wire")),
    event("opinion", cite("column"), country="KAZ"),
    event("disputed", cite("wire"), cite("other", contradicts=True), involved=["BLR", "RUS"]),
]


@pytest.fixture
def events():
    by_id = {a["id"]: a for a in ARTICLES}
    return frames.frame("events", EVENTS, articles=by_id)


@pytest.fixture
def articles():
    return frames.frame("articles", ARTICLES)


def test_reported_by_counts_articles_and_says_how_many_are_independent():
    assert corroboration.reported_by(1, 1) == "reported by 1 source"
    assert corroboration.reported_by(2, 2) == "reported by 2 sources"
    assert corroboration.reported_by(2, 3) == "reported by 3 sources (2 independent)"


def test_support_columns_of_a_frame(events, articles):
    table = corroboration.with_support_columns(events, articles).set_index("id")
    assert table.loc["copies", "reported_by"] == "reported by 3 sources (2 independent)"
    assert table.loc["copies", "standing_label"] == "corroborated"
    assert table.loc["single", "standing_label"] == "single source"
    assert table.loc["opinion", "standing_label"] == "single source · opinion"
    assert bool(table.loc["opinion", "opinion_only"]) is True
    assert table.loc["disputed", "standing_label"] == "disputed"


def test_hiding_standings(events):
    kept = corroboration.hide_standings(events, ["single-source", "disputed"])
    assert list(kept["id"]) == ["copies"]
    assert len(corroboration.hide_standings(events, [])) == len(events)


def test_filter_events_hides_standings_and_follows_the_country_basis(events, articles):
    def ids(**kw) -> set[str]:
        flt = filters.EventFilter(**kw)
        empty = frames.frame("actors", [])
        countries = frames.frame("countries", [])
        return set(
            filters.filter_events(
                events, flt, articles=articles, actors=empty, countries=countries
            )["id"]
        )

    assert ids(hide=["single-source"]) == {"copies", "disputed"}
    assert ids(hide=["disputed"]) == {"copies", "single", "opinion"}
    assert ids(countries=["RUS"]) == set()
    assert ids(countries=["RUS"], country_basis="involved") == {"disputed"}
    flt = filters.EventFilter(country_basis="involved", hide=["disputed"])
    assert flt.query() == {"basis": "involved", "hide": "disputed"}
    described = dict(flt.describe())
    assert described["Countries by"] == "countries involved"
    assert described["Hidden"] == "disputed events"


def test_counts_by_country_count_each_involved_country_once_per_event(events):
    where = filters.counts_by_country(events).set_index("value")["events"]
    involved = filters.counts_by_country(events, basis="involved").set_index("value")["events"]
    assert where.to_dict() == {"BLR": 3, "KAZ": 1}
    assert involved.to_dict() == {"BLR": 3, "KAZ": 1, "RUS": 1}


def test_opinion_note_names_the_pieces(events, articles):
    table = corroboration.with_support_columns(events, articles)
    kaz = table[table["country"] == "KAZ"]
    note = corroboration.opinion_note(kaz, articles)
    assert note.startswith("Its one event rests on one opinion piece only (opinion): ")
    assert "A. Writer" in note
    blr = table[table["country"] == "BLR"]
    assert corroboration.opinion_note(blr, articles) == ""


def test_export_has_independent_stories_standing_and_reported_by(events, articles):
    sources = frames.sources_frame(("events", e) for e in EVENTS)
    about = About(filters=[], share_link="", data_version="1", sources_span="")
    export = exports.build_export(
        filters.sort_events(events),
        sources=sources,
        articles=articles,
        actor_names={},
        country_names={},
        about=about,
    )
    rows = export.events.set_index("id")
    assert {"independent_stories", "standing", "reported_by"} <= set(exports.EVENT_COLUMNS)
    assert rows.loc["copies", "n_sources"] == 3
    assert rows.loc["copies", "independent_stories"] == 2
    assert rows.loc["copies", "standing"] == "corroborated"
    assert rows.loc["copies", "reported_by"] == "reported by 3 sources (2 independent)"
    assert rows.loc["opinion", "standing"] == "single source · opinion"
    assert rows.loc["disputed", "standing"] == "disputed"
    csv_header = exports.events_csv(export).decode("utf-8-sig").splitlines()[0]
    assert "independent_stories,standing,reported_by" in csv_header
