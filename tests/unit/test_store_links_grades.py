"""One event from many sources, and how far to trust them, in the store: linking two records
as the same reads as one citing both sources (old ids lead to it), unlinking splits them;
grades of articles and claims are applied on read, inherited, and survive a reseed."""

from __future__ import annotations

from pathlib import Path

import pytest

from democdash.models import (
    Article,
    ClaimGrade,
    CredibilityGrade,
    DateValue,
    Event,
    ReliabilityGrade,
    SourceGrade,
    SourceRef,
)
from democdash.store.links import LinkError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
QUOTE = SourceRef(article="analyst-1", paragraph=1, quote="hundreds were detained in the city")


@pytest.fixture
def store(fixture_store):
    opened = fixture_store
    opened.add_article(
        Article(
            id="analyst-1",
            outlet="Wire Service",
            source_type="reporting",
            published=DateValue(value="2024-06-02"),
            text_sha256="1" * 64,
            origin="analyst",
        ),
        "hundreds were detained in the city",
        {
            "events": [
                Event(
                    id="analyst-detentions",
                    date=DateValue(value="2024-05"),
                    country="BLR",
                    type="crackdown",
                    summary="Detentions, as the wire reports them.",
                    sources=[QUOTE],
                    origin="analyst",
                )
            ]
        },
    )
    return opened


def test_two_records_linked_as_the_same_read_as_one_citing_both(store):
    before = len(store.events())
    store.link_records("events", "analyst-detentions", "blr-2024-detentions")
    events = store.events()
    assert len(events) == before - 1  # counted once
    kept = events.set_index("id").loc["blr-2024-detentions"]
    assert kept["n_sources"] == 2 and set(kept["articles"]) == {"fixture-gazette-2024", "analyst-1"}
    assert store.get("events", "analyst-detentions").id == "blr-2024-detentions"  # old id leads
    assert store.record_links("events") == {"analyst-detentions": "blr-2024-detentions"}
    assert store.seed(force=True).applied  # a reseed keeps the link
    assert len(store.events()) == before - 1

    store.unlink_record("events", "analyst-detentions")
    assert len(store.events()) == before
    assert store.get("events", "analyst-detentions").sources == [QUOTE]


def test_links_name_what_is_wrong(store):
    with pytest.raises(LinkError, match="itself"):
        store.link_records("events", "analyst-detentions", "analyst-detentions")
    with pytest.raises(LinkError, match="no events record 'nowhere'"):
        store.link_records("events", "analyst-detentions", "nowhere")
    store.link_records("events", "analyst-detentions", "blr-2024-detentions")
    with pytest.raises(LinkError, match="already linked"):
        store.link_records("events", "blr-2024-detentions", "analyst-detentions")


def test_grades_apply_on_read_are_inherited_and_survive_a_reseed(store):
    store.save_source_grade(
        SourceGrade(
            subject="outlet",
            name="Wire Service",
            reliability=ReliabilityGrade(grade="B", by="dana", on="2026-12-01"),
        )
    )
    store.save_source_grade(
        SourceGrade(
            subject="article",
            name="fixture-gazette-2024",
            reliability=ReliabilityGrade(grade="D", by="dana", on="2026-12-02"),
        )
    )
    store.grade_claim(
        ClaimGrade(
            kind="events",
            record_id="analyst-detentions",
            source=QUOTE,
            credibility=CredibilityGrade(grade="2", by="eli", on="2026-12-03"),
        )
    )
    store.grade_claim(
        ClaimGrade(
            kind="events",
            record_id="blr-2024-detentions",
            credibility=CredibilityGrade(grade="4", by="eli", on="2026-12-03"),
        )
    )
    assert store.seed(force=True).applied  # grades live apart from curated rows
    articles = store.articles().set_index("id")["reliability"]
    assert articles["analyst-1"].startswith("B (usually reliable), graded by dana on 2026-12-01")
    assert "from its outlet: Wire Service" in articles["analyst-1"]
    assert articles["fixture-gazette-2024"].startswith("D (not usually reliable)")
    sources = store.sources()
    by_record = dict(zip(sources["record_id"], sources["credibility"], strict=False))
    assert by_record["analyst-detentions"].startswith("2 (probably true), graded by eli")
    assert by_record["blr-2024-detentions"].startswith("4 (doubtful)")
    assert "from its record" in by_record["blr-2024-detentions"]
    assert store.get("events", "analyst-detentions").sources[0].credibility.grade == "2"


def test_frames_say_how_well_each_record_is_supported(store):
    before = store.events().set_index("id").loc["blr-2024-detentions"]
    assert (before["standing"], before["stories"]) == ("single-source", 1)
    store.add_source(
        "events",
        "blr-2024-detentions",
        SourceRef(article="analyst-1", paragraph=1, quote="hundreds were detained in the city"),
    )
    after = store.events().set_index("id").loc["blr-2024-detentions"]
    assert (after["standing"], after["stories"]) == ("corroborated", 2)
    store.add_source(
        "events",
        "blr-2024-detentions",
        SourceRef(
            article="analyst-1", paragraph=1, quote="hundreds were detained", contradicts=True
        ),
    )
    disputed = store.events().set_index("id").loc["blr-2024-detentions"]
    assert disputed["standing"] == "disputed" and disputed["support"].startswith("disputed")
