"""Matching candidates to stored records: same event or option -> offered as an added source."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from democdash.ingest.candidates import ArticleMeta, Existing, build_candidates
from democdash.ingest.matching import (
    bounds_overlap,
    match_event,
    match_option,
    record_texts,
    similarity,
    tokens,
)
from democdash.settings import Settings
from democdash.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def open_fixture_store(tmp_path, data_dir):
    folder = tmp_path / "data"
    shutil.copytree(data_dir, folder)
    settings = Settings(
        data_dir=folder,
        database_url=f"sqlite:///{tmp_path / 's.sqlite'}",
        readonly=False,
        seeds_dir=None,
    )
    return open_store(settings)


@pytest.fixture
def fixture_store(tmp_path):
    return open_fixture_store(tmp_path, FIXTURES / "data")


def test_tokens_and_similarity():
    assert tokens("The Police detained the marchers.") == {"police", "detained", "marchers"}
    assert similarity("police detained marchers", "Police detained marchers") == 1.0
    assert similarity("police detained marchers", "election results announced") == 0.0
    assert similarity("", "anything") == 0.0


def test_bounds_overlap_with_open_ends():
    march = (date(2024, 3, 1), date(2024, 3, 31))
    assert bounds_overlap(march, (date(2024, 3, 15), date(2024, 3, 15)))
    assert not bounds_overlap(march, (date(2024, 4, 1), date(2024, 4, 30)))
    assert bounds_overlap(march, (date(2020, 1, 1), None))  # continuing since 2020


def test_same_country_type_and_overlapping_date_matches(fixture_store):
    events = fixture_store.events()
    quotes = record_texts(fixture_store.sources(), "events")
    # blr-2024-vote: election in BLR, March 2024
    found = match_event(
        "BLR", "election", (date(2024, 3, 3), date(2024, 3, 3)), "day", "A vote.", events, quotes
    )
    assert found is not None and found.record_id == "blr-2024-vote"


@pytest.mark.parametrize(
    ("country", "kind", "bounds"),
    [
        ("POL", "election", (date(2024, 3, 3), date(2024, 3, 3))),  # other country
        ("BLR", "protest", (date(2024, 3, 3), date(2024, 3, 3))),  # other type
        ("BLR", "election", (date(2023, 5, 1), date(2023, 5, 1))),  # dates apart
    ],
)
def test_different_country_type_or_date_does_not_match(fixture_store, country, kind, bounds):
    events = fixture_store.events()
    quotes = record_texts(fixture_store.sources(), "events")
    assert match_event(country, kind, bounds, "day", "A vote.", events, quotes) is None


def test_undated_matches_only_with_high_word_overlap(fixture_store):
    events = fixture_store.events()
    quotes = record_texts(fixture_store.sources(), "events")
    stored_quote = quotes["blr-2024-detentions"]
    assert match_event("BLR", "crackdown", None, None, stored_quote, events, quotes)
    assert (
        match_event("BLR", "crackdown", None, None, "Officers raided a newspaper.", events, quotes)
        is None
    )


def test_option_matches_same_target_instrument_and_similar_words(fixture_store):
    options = fixture_store.options()
    quotes = record_texts(fixture_store.sources(), "options")
    sentence = (
        "Neighbouring Freedonia should impose targeted sanctions on the officials who ordered "
        "the arrests, the author argues."
    )
    found = match_option("BLR", "sanctions", sentence, options, quotes)
    assert found is not None and found.record_id == "opt-targeted-sanctions"
    assert match_option("BLR", "funding", sentence, options, quotes) is None
    assert match_option("POL", "sanctions", sentence, options, quotes) is None
    assert match_option("BLR", "sanctions", "Sanctions on steel imports.", options, quotes) is None


def test_real_article_candidates_match_the_curated_records(seeds_dir, tmp_path):
    """The Atlantic article, fed in again, finds the records curated from it."""
    from democdash.extract import extract_article

    store = open_fixture_store(tmp_path, REPO / "data")
    text = (seeds_dir / "004_011fdebf50ac379b.txt").read_text(encoding="utf-8")
    existing = Existing.from_store(store)
    result = extract_article(text, published="2020-11-16", known_actors=existing.known_actors())
    built = build_candidates(result, text, ArticleMeta(published="2020-11-16"), existing)
    matched = {c.match.record_id for c in built.all if c.match}
    assert "opt-blr-maintain-expand-sanctions" in matched
    biden = next(c for c in built.options if c.match and "maintain" in c.match.record_id)
    assert biden.claimed_by == "usa-biden"
    # no candidate matches a record of another country
    stored = {e.id: e.country for e in store.records("events")}
    stored |= {o.id: o.target for o in store.records("options")}
    assert all(stored[c.match.record_id] == c.country for c in built.all if c.match)


def test_an_open_ended_stored_event_is_never_a_strong_match(tmp_path):
    """The curated crackdown runs "since August 2020, continuing", so every later date
    overlaps it: a May 2021 arrest is not that event because its date falls inside, and even
    a sentence in the stored event's own words is only offered, not preselected."""
    store = open_fixture_store(tmp_path, REPO / "data")
    events = store.events()
    quotes = record_texts(store.sources(), "events")
    landing = (
        "Belarus forced a passenger plane to land in Minsk on Sunday and arrested a journalist "
        "who was on board."
    )
    may_24 = (date(2021, 5, 24), date(2021, 5, 24))
    assert match_event("BLR", "crackdown", may_24, "day", landing, events, quotes) is None
    stored = quotes["blr-2020-mass-detentions"]
    same_words = match_event("BLR", "crackdown", may_24, "day", stored, events, quotes)
    assert same_words is not None and not same_words.is_strong
    # a closed month inside the span still needs the words
    march = (date(2021, 3, 1), date(2021, 3, 31))
    assert match_event("BLR", "crackdown", march, "month", landing, events, quotes) is None
