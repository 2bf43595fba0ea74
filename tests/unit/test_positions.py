"""Options hold positions and a status history; sanctions a status history; events the
countries involved. Validation names each field; frames show the status as of now and every
position; grades (reliability, credibility) are inherited, never guessed."""

from datetime import date

import pytest
from pydantic import ValidationError

from democdash import frames, grading
from democdash.datafiles import Dataset
from democdash.models import (
    Article,
    CredibilityGrade,
    DateValue,
    Event,
    OptionStatusEntry,
    PolicyOption,
    Position,
    ReliabilityGrade,
    Sanction,
    SanctionStatusEntry,
    SanctionTarget,
    SourceGrade,
    SourceRef,
)
from democdash.validate import check_references

PARIS = SourceRef(article="a", paragraph=9, quote="joining the ranks of Paris and Berlin")
LATER = SourceRef(article="b", paragraph=2, quote="the offer was accepted")


def option(**changes) -> PolicyOption:
    fields = {
        "id": "opt-mediation",
        "title": "Mediation",
        "instrument": "mediation",
        "actors": ["fra", "deu"],
        "positions": [
            Position(holder="fra", stance="proposes", source=PARIS),
            Position(holder="deu", stance="proposes", source=PARIS),
            Position(holder="author", stance="recommends", source=PARIS),
        ],
        "statuses": [
            OptionStatusEntry(status="proposed", as_of=DateValue(value="2020-11"), source=PARIS),
            OptionStatusEntry(status="enacted", as_of=DateValue(value="2021-02"), source=LATER),
        ],
    }
    return PolicyOption(**(fields | changes))


def test_an_option_cites_every_source_of_its_positions_and_statuses_once():
    opt = option()
    assert opt.sources == [PARIS, LATER]
    assert [loc for loc, _ in opt.source_refs()] == ["positions.0.source", "statuses.1.source"]


def test_an_option_needs_a_position_and_a_status():
    with pytest.raises(ValidationError) as caught:
        option(positions=[], statuses=[])
    assert {e["loc"][0] for e in caught.value.errors()} == {"positions", "statuses"}


def test_a_stance_outside_the_vocabulary_is_named():
    with pytest.raises(ValidationError, match=r"positions\.0\.stance"):
        PolicyOption.model_validate(
            option().model_dump()
            | {"positions": [{"holder": "x", "stance": "urges", "source": PARIS}]}
        )


def test_the_latest_status_is_the_newest_entry():
    assert option().latest_status.status == "enacted"
    sanction = Sanction(
        id="s",
        imposed_by=["usa"],
        target_country="CHN",
        targets=[SanctionTarget(kind="group", name="two officials")],
        statuses=[
            SanctionStatusEntry(status="in_force", as_of=DateValue(value="2021-03"), source=LATER),
            SanctionStatusEntry(status="proposed", as_of=DateValue(value="2021-01"), source=PARIS),
        ],
        summary="Sanctions on two officials.",
    )
    assert sanction.latest_status.status == "in_force" and sanction.sources == [LATER, PARIS]


def test_an_event_always_involves_the_country_it_happened_in():
    event = Event(
        id="alaska",
        date=DateValue(value="2021-03"),
        country="USA",
        countries_involved=["CHN"],
        type="diplomacy",
        summary="A meeting.",
        sources=[LATER],
    )
    assert event.countries_involved == ["USA", "CHN"]


def test_frames_show_positions_holders_and_the_status_now_with_its_history():
    df = frames.frame("options", [option().model_dump(mode="json")])
    row = df.iloc[0]
    assert row["holders"] == ["fra", "deu", "author"]
    assert [(p["holder"], p["stance"]) for p in row["positions"]][:2] == [
        ("fra", "proposes"),
        ("deu", "proposes"),
    ]
    assert (row["status"], row["status_as_of"]) == ("enacted", "Feb 2021")
    assert [h["status"] for h in row["status_history"]] == ["proposed", "enacted"]


def test_validation_names_a_holder_that_is_no_actor():
    dataset = Dataset()
    dataset.records["articles"] = [
        Article(id=i, source_type="reporting", published=DateValue(value="2021")) for i in "ab"
    ]
    dataset.records["options"] = [option(actors=[])]
    problems = {(p.record, p.field, p.message) for p in check_references(dataset)}
    assert (
        "opt-mediation",
        "positions.0.holder",
        "'fra' is not an actor id, 'author' or 'critics'",
    ) in problems
    assert not any(p[1] == "positions.2.holder" for p in problems)  # "author" is allowed


GRADE = ReliabilityGrade(grade="B", by="alice", on=date(2026, 12, 1))


def test_an_article_inherits_its_outlets_or_authors_grade_unless_it_has_its_own():
    grades = grading.grade_index(
        [
            SourceGrade(subject="outlet", name="The Atlantic", reliability=GRADE),
            SourceGrade(
                subject="author",
                name="Ivan Sascha Sheehan",
                reliability=ReliabilityGrade(grade="C", by="bob", on=date(2026, 12, 2)),
            ),
        ]
    )
    atlantic = {"outlet": "the atlantic"}
    found = grading.article_reliability(atlantic, grades)
    assert (found.grade, found.inherited_from) == ("B", "outlet: the atlantic")
    assert grading.reliability_label(found) == (
        "B (usually reliable), graded by alice on 2026-12-01, from its outlet: the atlantic"
    )
    own = {
        "outlet": "The Atlantic",
        "reliability": {"grade": "A", "by": "carol", "on": "2026-12-03"},
    }
    assert grading.article_reliability(own, grades).grade == "A"
    assert grading.article_reliability({"author": "Ivan Sascha Sheehan"}, grades).grade == "C"
    assert grading.reliability_label(grading.article_reliability({"outlet": "X"}, grades)) == (
        "unassessed"
    )


def test_a_claim_takes_its_own_credibility_else_its_records():
    graded = {"grade": "2", "by": "alice", "on": "2026-12-01"}
    record = {"credibility": {"grade": "4", "by": "bob", "on": "2026-12-01"}}
    assert grading.claim_credibility({"credibility": graded}, record).grade == "2"
    assert grading.claim_credibility({}, record).inherited_from == "record"
    assert grading.credibility_label(grading.claim_credibility({}, {})) == "unassessed"
    assert CredibilityGrade.model_validate(graded).grade == "2"
    with pytest.raises(ValidationError):
        CredibilityGrade(grade="7", by="alice", on=date(2026, 12, 1))


def _events():
    def ev(id_, country, involved):
        return Event(
            id=id_,
            date=DateValue(value="2021-03"),
            country=country,
            countries_involved=involved,
            type="diplomacy",
            summary="x",
            sources=[LATER, PARIS],  # two sources: still one event
        ).model_dump(mode="json")

    return frames.frame(
        "events",
        [ev("alaska", "USA", ["CHN"]), ev("loan", "BLR", ["RUS"]), ev("vote", "BLR", [])],
    )


def test_filters_counts_and_timelines_use_where_or_every_country_involved():
    from democdash import aggregates, filters, profiles

    events = _events()
    where = filters.in_countries(events, ["CHN"])
    involved = filters.in_countries(events, ["CHN"], "involved")
    assert list(events.loc[where, "id"]) == [] and list(events.loc[involved, "id"]) == ["alaska"]
    assert aggregates.events_per_country(events).to_dict() == {"BLR": 2, "USA": 1}
    assert aggregates.events_per_country(events, "involved").to_dict() == {
        "BLR": 2,
        "USA": 1,
        "CHN": 1,
        "RUS": 1,
    }
    assert list(aggregates.country_events(events, "RUS", basis="involved")["id"]) == ["loan"]
    assert profiles.country_events_chronological(events, "RUS").empty
    assert list(profiles.country_events_chronological(events, "RUS", "involved")["id"]) == ["loan"]
    with pytest.raises(ValueError, match="unknown country basis"):
        filters.in_countries(events, ["CHN"], "nearby")
