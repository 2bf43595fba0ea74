"""Bylines: who wrote an article is proposed as its author (and who for as its outlet), and
is never taken for a person in it."""

from __future__ import annotations

import pytest

from democdash.extract.bylines import byline
from democdash.extract.people import find_people
from democdash.ingest.meta import propose_meta

SIGNED = (
    "Belarus forces down airliner to arrest journalist\n"
    "By Tom Reyes and Ana Berdze\n\n"
    "Belarus forced a passenger plane to land in Minsk on Sunday and arrested the journalist "
    "Roman Protasevich, who was on board."
)


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("By Tom Reyes and Ana Berdze", "Tom Reyes and Ana Berdze", None),
        ("By Staff Reporter, Steppe News", "Staff Reporter", "Steppe News"),
        ("By Ana María de la Cruz | Baltic Wire", "Ana María de la Cruz", "Baltic Wire"),
        ("By Tom Reyes, Ana Berdze and Jo Lee", "Tom Reyes, Ana Berdze and Jo Lee", None),
        ("By Tom Reyes, Ana Berdze & Jo Lee", "Tom Reyes, Ana Berdze & Jo Lee", None),
        ("By Tom Reyes, Moscow correspondent", "Tom Reyes", None),  # a role, not an outlet
        ("Words by Tom Reyes", "Tom Reyes", None),
        # a role in lower case, however long
        ("By Elena Marsh, senior fellow at the Atlantic Policy Institute", "Elena Marsh", None),
    ],
)
def test_a_byline_names_the_authors_and_who_they_write_for(line, authors, outlet):
    found = byline(f"A headline\n{line}\n\nThe body.")
    assert (found.authors, found.outlet) == (authors, outlet)


@pytest.mark.parametrize(
    "text",
    [
        "A headline\nBy overhauling the rules of the vote, Beijing tightened its grip.\n",
        "A headline\n\nOne.\nTwo.\nThree.\nFour.\nFive.\nSix.\nSeven.\nBy Tom Reyes\n",
        "A headline\nBy Monday, the government had fallen.\n",
    ],
)
def test_a_sentence_opening_with_by_or_a_late_line_is_no_byline(text):
    assert byline(text) is None


def test_the_byline_is_proposed_as_author_and_its_names_are_no_people():
    proposed = propose_meta(SIGNED)
    assert proposed.author == "Tom Reyes and Ana Berdze"
    names = [p["name"] for p in find_people(SIGNED)]
    assert names == ["Roman Protasevich"]
    with_outlet = SIGNED.replace("Ana Berdze", "Ana Berdze, Baltic Wire")
    assert propose_meta(with_outlet).outlet == "Baltic Wire"
