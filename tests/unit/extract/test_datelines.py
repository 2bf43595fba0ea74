"""News-wire datelines and headlines: the outlet that filed a report is proposed as its outlet,
and is never taken for a person in it; the headline is proposed as the title, not as a
candidate."""

from __future__ import annotations

import pytest

from democdash.extract import extract_article
from democdash.extract.datelines import after_dateline, datelines
from democdash.extract.headline import headline
from democdash.extract.people import find_people
from democdash.extract.subjects import subject
from democdash.ingest.meta import propose_meta

REPORT = (
    "Belarus forces down airliner to arrest journalist\n\n"
    "VILNIUS, May 24 (Baltic Wire) - Belarus forced a passenger plane to land in Minsk "
    "on Sunday and arrested the journalist Roman Protasevich, who was on board.\n\n"
    "Lithuania's president Gitanas Nauseda demanded a ban on flights over Belarus."
)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("VILNIUS, May 24 (Baltic Wire) - Belarus forced", "Baltic Wire"),
        ("MINSK (AP) — Police detained", "AP"),
        ("KYIV, Ukraine (Kyiv Independent) — Officials said", "Kyiv Independent"),
        ("NEW YORK, Sept. 3, 2021 (Bench Wire) – The council", "Bench Wire"),
        # filed from two places
        ("MOSCOW/BERLIN, Feb 19 (Baltic Wire) - Yulia Navalnaya said", "Baltic Wire"),
        # a brief's date alone before its outlet
        ("Aug 9 (Baltic Wire) - Belarus marks a year since the vote.", "Baltic Wire"),
        ("First paragraph.\n\nBISHKEK (Steppe News) - Protesters", "Steppe News"),
    ],
)
def test_a_datelines_outlet_is_found(text, outlet):
    assert [d.outlet for d in datelines(text)] == [outlet]


@pytest.mark.parametrize(
    "text",
    [
        "He said (Reuters) - nothing more.",
        "The EU (European Union) - its leaders agreed.",
        "UN (United Nations) - a vote.",
        "Officials in MINSK (the capital) said so.",
    ],
)
def test_parentheses_elsewhere_are_not_a_dateline(text):
    assert datelines(text) == []


def test_the_outlet_of_a_dateline_is_not_a_person():
    names = [p["name"] for p in find_people(REPORT)]
    assert "Baltic Wire" not in names
    assert "Roman Protasevich" in names and "Gitanas Nauseda" in names


def test_the_outlet_of_a_dateline_is_proposed_unless_the_text_names_one():
    assert propose_meta(REPORT).outlet == "Baltic Wire"
    labelled = REPORT.replace("\n\n", "\n\nSource: The Minsk Herald\n\n", 1)
    assert propose_meta(labelled).outlet == "The Minsk Herald"


def test_a_dateline_is_not_the_subject_of_its_sentence():
    line = "VILNIUS, June 2 (Test Wire) - The Coordination Council will meet on Tuesday."
    assert after_dateline(line) == "The Coordination Council will meet on Tuesday."
    assert subject(line) == "The Coordination Council"
    assert after_dateline("The council will meet.") == "The council will meet."


def test_the_headline_is_the_title_and_no_candidate_of_its_own():
    text = (
        "Lithuania demands an EU ban on Belarusian flights\n\n"
        "VILNIUS, May 24 (Baltic Wire) - Lithuania's president demanded on Monday that the "
        "European Union ban Belarusian airlines from its airspace."
    )
    assert headline(text) == ("Lithuania demands an EU ban on Belarusian flights", 49)
    assert propose_meta(text).title == "Lithuania demands an EU ban on Belarusian flights"
    found = extract_article(text, published="2021-05-24")
    assert [o["paragraph"] for o in found["policy_options"]] == [2]  # the report, not its title
    assert found["sentences"][0]["text"].startswith("Lithuania demands")  # still in the reader
    # a first paragraph that ends as a sentence does is no headline
    assert headline("The EU should ban Belarusian flights now.\n\nIt met.") is None


def test_an_opinion_headline_with_its_full_stop_stands_over_a_byline():
    text = (
        "Myanmar's generals are counting on the world to look away. It must not.\n\n"
        "By Jane Whitfield\n\n"
        "The United States and its allies should target the military's business empire."
    )
    title = "Myanmar's generals are counting on the world to look away. It must not."
    assert propose_meta(text).title == title
    found = extract_article(text, published="2021-03-02")
    assert [o["sentence"][:14] for o in found["policy_options"]] == ["The United Sta"]
    # a first sentence over a line that opens with "By" but is no byline stays a sentence
    assert headline("Police fired on crowds.\nBy the time they left, 18 were dead.") is None


def test_a_datelines_full_date_is_proposed_as_published():
    text = (
        "China hits back at Western sanctions\n\n"
        "BEIJING, March 23, 2021 (State Wire) — China's foreign ministry on Tuesday condemned "
        "the sanctions."
    )
    assert propose_meta(text).published == "2021-03-23"
    # without its year a dateline dates nothing
    assert propose_meta("Title of it\n\nMOSCOW, Jan 18 (Wire) - Police acted.").published is None


def test_a_press_releases_place_and_date_in_parentheses_are_its_dateline():
    text = (
        "Belarus: Free Jailed Journalists\n\n"
        "(Berlin, May 20, 2022) - Belarusian authorities should release at least 26 journalists, "
        "Human Rights Watch said today. On May 16, a court in Minsk sentenced a reporter to eight "
        "more years."
    )
    assert propose_meta(text).published == "2022-05-20"
    body = text.split("\n\n")[1]
    assert after_dateline(body).startswith("Belarusian authorities should")
    assert datelines(body) == []  # no outlet named
    result = extract_article(text, published=propose_meta(text).published)
    assert ("crackdown", "2022-05-16") in [(e["type"], e["date"]) for e in result["events"]]
    # "(..., 3 March 2021) –" too, and parentheses that hold no date are no dateline
    assert after_dateline("(Geneva, 3 March 2021) – The UN said.") == "The UN said."
    assert after_dateline("(In a statement) - the UN said.") == "(In a statement) - the UN said."


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("TBILISI — Georgia's parliament passed the law.", "Georgia's parliament passed the law."),
        ("KYIV, Ukraine - Russia struck the city overnight.", "Russia struck the city overnight."),
        # a name in capitals that opens a sentence, with no dash after it, is no dateline
        ("NATO said it would send more troops.", "NATO said it would send more troops."),
        ("The EU - and its members - agreed.", "The EU - and its members - agreed."),
        ("ASTANA, June 6 — Kazakh voters approved it.", "Kazakh voters approved it."),
        # in title case, with its country or region
        (
            "Tbilisi, Georgia – Thousands of demonstrators marched.",
            "Thousands of demonstrators marched.",
        ),
        ("New Delhi, India — The ministry said.", "The ministry said."),
        ("Russia, China – and Iran – abstained.", "Russia, China – and Iran – abstained."),
        ("However, Russia – The Kremlin said no.", "However, Russia – The Kremlin said no."),
    ],
)
def test_a_bare_dateline_is_where_the_report_was_filed(text, after):
    assert after_dateline(text) == after
    if text != after:
        assert subject(text) != text.split()[0].rstrip(",")
