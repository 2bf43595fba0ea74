"""The analyst's bottom line and key risks for a brief, in the store (migration 0010): kept per
country and scenario across a restart, replaced, removed when emptied; validated (at most three
one-line sentences, each citing a source); a save bumps the revision; refused read-only."""

import dataclasses
from pathlib import Path

import pytest
from pydantic import ValidationError

from democdash.settings import Settings
from democdash.store import ReadOnlyError, open_store
from democdash.store.brief_notes import MAX_SENTENCES, BottomLineSentence, BriefNotes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def settings(fixture_settings) -> Settings:
    return fixture_settings


def sentence(text: str, *sources: str) -> BottomLineSentence:
    return BottomLineSentence(text=text, sources=list(sources) or ["art-1"])


def test_notes_survive_a_restart_per_country_and_scenario(settings):
    store = open_store(settings)
    revision = store.revision()
    assert store.brief_notes("BLR") is None
    plain = BriefNotes(
        country="BLR",
        bottom_line=[sentence("Minsk will not bend soon.", "a", "b"), sentence("Talks stall.")],
        key_risks="Moscow props the regime up.",
    )
    store.save_brief_notes(plain, by="alice")
    store.save_brief_notes(
        BriefNotes(country="BLR", scenario="alice/plan", bottom_line=[sentence("Other view.")]),
        by="alice",
    )
    assert store.revision() > revision  # a built brief is rebuilt
    store.engine.dispose()

    restarted = open_store(settings)
    found = restarted.brief_notes("blr")
    assert [s.text for s in found.bottom_line] == ["Minsk will not bend soon.", "Talks stall."]
    assert found.bottom_line[0].sources == ["a", "b"]
    assert found.key_risks == "Moscow props the regime up."
    assert found.updated_by == "alice" and found.updated_at.tzinfo is not None
    assert [s.text for s in restarted.brief_notes("BLR", "alice/plan").bottom_line] == [
        "Other view."
    ]
    assert restarted.brief_notes("KAZ") is None

    restarted.save_brief_notes(BriefNotes(country="BLR", key_risks="Only risks now."), by="bob")
    replaced = restarted.brief_notes("BLR")
    assert replaced.bottom_line == [] and replaced.updated_by == "bob"
    restarted.save_brief_notes(BriefNotes(country="BLR"), by="bob")
    assert restarted.brief_notes("BLR") is None  # emptied: gone
    restarted.engine.dispose()


@pytest.mark.parametrize(
    "bad",
    [
        {"bottom_line": [{"text": f"S{i}.", "sources": ["a"]} for i in range(MAX_SENTENCES + 1)]},
        {"bottom_line": [{"text": "No source.", "sources": []}]},
        {"bottom_line": [{"text": "Two\nlines.", "sources": ["a"]}]},
        {"bottom_line": [{"text": "  ", "sources": ["a"]}]},
        {"country": "Belarus"},
    ],
)
def test_notes_are_validated(bad):
    with pytest.raises(ValidationError):
        BriefNotes.model_validate({"country": "BLR", **bad})


def test_a_read_only_store_refuses_notes(settings):
    open_store(settings).engine.dispose()
    store = open_store(dataclasses.replace(settings, readonly=True), seed=False)
    with pytest.raises(ReadOnlyError):
        store.save_brief_notes(BriefNotes(country="BLR", key_risks="x"), by="alice")
    store.engine.dispose()
