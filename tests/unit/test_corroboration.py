"""Corroboration is derived: two independent stories corroborate a claim, copies of one story
count once, a contradicting source disputes it; near-duplicates are found by shared sentences."""

from democdash.corroboration import CORROBORATED, DISPUTED, SINGLE_SOURCE, story_of, support
from democdash.ingest.duplicates import SAME_STORY_SHARE, same_story, sentence_keys, shared_share

ARTICLES = {
    "wire": {"id": "wire", "source_type": "reporting"},
    "reprint": {"id": "reprint", "source_type": "reporting", "same_story_as": "wire"},
    "reprint-of-reprint": {"id": "reprint-of-reprint", "same_story_as": "reprint"},
    "other": {"id": "other", "source_type": "reporting"},
    "column": {"id": "column", "source_type": "opinion"},
}


def cite(article, contradicts=False):
    return {"article": article, "paragraph": 1, "quote": "a quote", "contradicts": contradicts}


def test_copies_of_one_story_count_once():
    assert story_of("reprint-of-reprint", ARTICLES) == "wire"
    found = support([cite("wire"), cite("reprint"), cite("reprint-of-reprint")], ARTICLES)
    assert (found.standing, found.stories, found.reports) == (SINGLE_SOURCE, 1, 3)


def test_two_independent_stories_corroborate_and_a_contradiction_disputes():
    assert support([cite("wire"), cite("other")], ARTICLES).standing == CORROBORATED
    disputed = support([cite("wire"), cite("other"), cite("column", True)], ARTICLES)
    assert disputed.standing == DISPUTED and disputed.stories == 2
    assert disputed.label == "disputed (a source contradicts it)"


def test_a_claim_resting_on_opinion_only_says_so():
    found = support([cite("column")], ARTICLES)
    assert found.opinion_only and found.label == "single source · opinion"
    assert not support([cite("column"), cite("wire")], ARTICLES).opinion_only


def test_a_loop_of_copies_ends():
    looped = {"a": {"same_story_as": "b"}, "b": {"same_story_as": "a"}}
    assert story_of("a", looped) in {"a", "b"}


STORY = (
    "Police in Minsk detained dozens of protesters on Sunday evening near the station. "
    "The interior ministry said the detainees had joined an unauthorised rally. "
    "Witnesses said officers in plain clothes used batons against the crowd. "
    "Opposition leaders abroad called for the release of everyone who was detained."
)


def test_a_wire_story_reprinted_with_a_new_headline_is_the_same_story():
    reprint = "Dozens held in Minsk\n\n" + STORY.replace("Sunday", "Sunday") + " He said."
    other = "Thousands marched in Tbilisi against the new law on foreign agents on Monday night."
    found = same_story(reprint, [("other", other), ("wire", STORY)])
    assert found is not None and found.article_id == "wire" and found.share == 1.0
    assert same_story(other, [("wire", STORY)]) is None
    rewritten = STORY.split(". ")[0] + ". Something entirely different happened in the city today."
    assert shared_share(sentence_keys(rewritten), sentence_keys(STORY)) < SAME_STORY_SHARE
