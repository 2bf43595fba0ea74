"""The real curated data in data/: schemas, cross-references, quotes verbatim in the sources."""

from collections import Counter

import pytest

from democdash.settings import bundled_data_dir
from democdash.validate import check_quotes, validate_dir

FOCUS = {"BLR", "MMR", "KAZ", "HKG", "RUS"}
SECONDARY = {"USA", "CHN", "UKR", "CAN", "GBR", "FRA", "DEU"}


@pytest.fixture(scope="module")
def dataset():
    result = validate_dir(bundled_data_dir())
    assert [str(p) for p in result.problems] == []
    return result.dataset


def test_every_quote_is_verbatim_in_its_paragraph(dataset, seeds_dir):
    assert [str(p) for p in check_quotes(dataset, seeds_dir)] == []


def test_countries_in_focus_and_secondary(dataset):
    roles = {c.iso3: c.role for c in dataset.countries}
    assert {iso for iso, role in roles.items() if role == "focus"} == FOCUS
    assert {iso for iso, role in roles.items() if role == "secondary"} >= SECONDARY
    assert {c.iso3: c.name for c in dataset.countries}["HKG"] == "Hong Kong SAR (China)"


def test_dataset_is_dense_enough(dataset):
    counts = dataset.counts()
    assert counts["articles"] == 2
    assert counts["events"] >= 24
    assert counts["options"] > 12
    assert counts["sanctions"] >= 3 and counts["risks"] >= 5 and counts["actors"] >= 15


def test_both_articles_are_used_and_one_event_cites_both(dataset):
    cited = Counter(s.article for e in dataset.records["events"] for s in e.sources)
    assert set(cited) == {a.id for a in dataset.articles}
    assert any(len({s.article for s in e.sources}) == 2 for e in dataset.records["events"])


def test_unknown_metadata_stays_unknown(dataset):
    for article in dataset.articles:
        assert article.title is None  # neither text gives a title
        assert article.published.approximate  # dates are inferred, not stated
        assert article.published_note


def test_undated_events_are_kept_and_bounded(dataset):
    undated = [e for e in dataset.records["events"] if e.date.value is None]
    assert undated, "the sources mention events without dates; they must be kept"
    assert all(e.date.latest is not None for e in undated)
