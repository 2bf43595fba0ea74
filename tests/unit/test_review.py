"""The review as pure functions: decisions and table edits -> records to save."""

from dataclasses import replace

import pytest

from democdash.ingest.candidates import ArticleMeta, Candidate, Candidates, build_article
from democdash.ingest.matching import Match
from democdash.ingest.review import (
    ACCEPT,
    ADD_SOURCE,
    REJECT,
    Decision,
    apply_edits,
    apply_review,
    default_decisions,
)
from democdash.models import DateValue, SourceRef

TEXT = "Police in Kyrgyzstan detained six people.\n\nThe EU should impose sanctions on Kyrgyzstan."
ARTICLE = build_article(TEXT, ArticleMeta(title="A test", published="2024-03-10"))


def event(key="event-1", country="KGZ", match=None):
    return Candidate(
        key=key,
        kind="events",
        label="Crackdown in Kyrgyzstan",
        category="crackdown",
        country=country,
        date=DateValue(value="2024-03-04", text="March 4"),
        status=None,
        source=SourceRef(article=ARTICLE.id, paragraph=1, quote="Police in Kyrgyzstan detained"),
        sentence="Police in Kyrgyzstan detained six people.",
        start=0,
        end=41,
        actors=["kgz-police"],
        match=match,
    )


def option(key="option-1", match=None):
    return Candidate(
        key=key,
        kind="options",
        label="Sanctions targeting Kyrgyzstan",
        category="sanctions",
        country="KGZ",
        date=None,
        status="recommended",
        source=SourceRef(article=ARTICLE.id, paragraph=2, quote="The EU should impose sanctions"),
        sentence="The EU should impose sanctions on Kyrgyzstan.",
        start=43,
        end=89,
        match=match,
    )


def make(*items):
    return Candidates(
        article=ARTICLE,
        text=TEXT,
        extraction={},
        events=[c for c in items if c.kind == "events"],
        options=[c for c in items if c.kind == "options"],
    )


def test_accepted_candidates_become_analyst_records_with_provenance():
    result = apply_review(
        make(event(), option()), {"event-1": Decision(ACCEPT), "option-1": Decision(ACCEPT)}
    )
    assert result.ok
    [ev], [opt] = result.events, result.options
    assert ev.origin == "analyst" and ev.claimed_by == "author"
    assert ev.sources[0].quote == "Police in Kyrgyzstan detained" and ev.sources[0].paragraph == 1
    assert ev.country == "KGZ" and ev.type == "crackdown" and ev.date.value == "2024-03-04"
    assert ev.cameo == "17" and ev.actors == ["kgz-police"]
    [status] = opt.statuses
    assert status.status == "recommended" and status.as_of == ARTICLE.published
    [position] = opt.positions
    assert (position.holder, position.stance) == ("author", "recommends")
    assert position.source == status.source == opt.sources[0]
    assert opt.target == "KGZ" and opt.origin == "analyst"
    assert ev.id != opt.id and ARTICLE.text_sha256[:8] in ev.id


def test_a_country_not_stored_is_added_once_with_only_where_it_came_from():
    result = apply_review(make(event(), option()), default_decisions(make(event(), option())))
    [country] = result.countries
    assert country.iso3 == "KGZ" and country.name == "Kyrgyzstan"
    assert country.role == "mentioned" and country.origin == "analyst"
    assert "A test" in country.context
    assert not apply_review(make(event()), {"event-1": Decision(ACCEPT)}, ["KGZ"]).countries


def test_rejected_and_undecided_are_left_out():
    result = apply_review(make(event(), option()), {"event-1": Decision(REJECT)})
    assert not result.events and not result.options and not result.countries
    assert result.rejected == ["event-1", "option-1"]
    assert "2 left out" in result.summary()


def test_matched_candidate_is_added_as_a_source_not_a_duplicate():
    match = Match("kgz-2024-detentions", "Detentions in Kyrgyzstan", 0.9)
    candidates = make(event(match=match))
    assert default_decisions(candidates)["event-1"].action == ADD_SOURCE
    result = apply_review(candidates, default_decisions(candidates))
    assert not result.events
    assert result.added_sources == [("events", "kgz-2024-detentions", event().source)]


def test_add_as_source_without_a_match_is_a_problem():
    result = apply_review(make(event()), {"event-1": Decision(ADD_SOURCE)})
    assert not result.ok and "no stored record" in result.problems[0]


def test_accepted_event_without_a_country_is_a_problem():
    result = apply_review(make(event(country=None)), {"event-1": Decision(ACCEPT)})
    assert not result.ok and "choose the country" in result.problems[0]
    assert not result.events


def test_edits_are_applied():
    edits = {
        "label": "Six opposition politicians detained",
        "category": "crackdown",
        "country": "kgz",
        "date": "2024-03",
    }
    result = apply_review(make(event()), {"event-1": Decision(ACCEPT, edits)})
    [ev] = result.events
    assert ev.summary == "Six opposition politicians detained"
    assert ev.date.value == "2024-03" and ev.date.precision == "month"
    assert ev.date.basis == "inferred_from_context"  # the analyst's reading, not stated
    assert ev.country == "KGZ"


def test_the_place_extracted_is_saved_and_can_be_edited_or_cleared():
    placed = replace(event(), location="Bishkek")
    [ev] = apply_review(make(placed), {"event-1": Decision(ACCEPT)}).events
    assert ev.location == "Bishkek"
    [ev] = apply_review(make(placed), {"event-1": Decision(ACCEPT, {"location": "Osh"})}).events
    assert ev.location == "Osh"
    [ev] = apply_review(make(placed), {"event-1": Decision(ACCEPT, {"location": " "})}).events
    assert ev.location is None
    _, problems = apply_edits(option(), {"location": "Osh"})
    assert problems and "only events have a place" in problems[0]


def test_clearing_the_date_makes_it_not_stated_bounded_by_the_article():
    changed, problems = apply_edits(event(), {"date": ""})
    assert not problems and changed.date.value is None and changed.date.basis == "not_stated"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"category": "riot"}, "not an event type"),
        ({"country": "XYZ"}, "not an ISO 3166-1"),
        ({"date": "March"}, "not a date value"),
        ({"label": "  "}, "empty"),
        ({"status": "pledged"}, "not an option status"),
        ({"sentence": "x"}, "cannot be edited"),
    ],
)
def test_bad_edits_are_problems_naming_the_candidate(edits, message):
    result = apply_review(make(event()), {"event-1": Decision(ACCEPT, edits)})
    assert not result.ok and not result.events
    assert message in result.problems[0] and "event 1" in result.problems[0]


def test_option_edits_status_and_instrument():
    edits = {"status": "pledged", "category": "funding", "country": ""}
    result = apply_review(make(option()), {"option-1": Decision(ACCEPT, edits)})
    [opt] = result.options
    assert (opt.latest_status.status, opt.instrument, opt.target) == ("pledged", "funding", None)
    assert opt.id.startswith("opt-any-funding-")
