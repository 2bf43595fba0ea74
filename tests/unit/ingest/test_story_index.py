"""`StoryIndex`: the stored article a text mostly copies, found through the sentences they
share, as `same_story` finds it comparing the text with every stored one."""

from __future__ import annotations

from democdash.ingest.duplicates import SameStory, StoryIndex, same_story

WIRE = (
    "The ruling council announced new restrictions on opposition parties on Monday. "
    "Officials said the measures would stay in force until the next election. "
    "Observers called the decision a serious blow to the remaining independent press. "
    "Several ministers resigned later that week, citing pressure from the security services."
)
OTHER = (
    "Teachers in the capital say that many pupils no longer come to class this year. "
    "Shopkeepers spoke of quiet resignation as prices rose by nine percent this spring."
)


def test_an_index_finds_what_comparing_with_every_text_finds():
    stored = [
        ("a-wire", WIRE),
        ("b-reprint", "Reprinted\n\n" + WIRE),  # the same sentences: shared by two articles
        ("c-other", OTHER),
        ("d-third", WIRE + " " + OTHER),  # a third holder of the wire's sentences
    ]
    index = StoryIndex.from_texts(stored)
    assert len(index) == 4
    for text in (WIRE, OTHER, WIRE.split(". ", 2)[2], "Nothing in common at all here, none."):
        assert index.find(text) == same_story(text, stored), text
    # ties between the copies go to the smallest id, with the counts behind the share
    assert index.find(WIRE) == SameStory("a-wire", 1.0, 4, 4)
    assert index.find(OTHER) == SameStory("c-other", 1.0, 2, 2)


def test_an_article_indexed_twice_counts_once():
    index = StoryIndex.from_texts([("a-wire", WIRE)])
    index.add("a-wire", WIRE)
    index.add("b-reprint", WIRE)
    assert index.find(WIRE) == SameStory("a-wire", 1.0, 4, 4)
