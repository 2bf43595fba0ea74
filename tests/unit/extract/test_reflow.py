"""Hard-wrapped text (an e-mail, a newsletter, a PDF's lines) is joined back into paragraphs
before extraction, so that a line break inside a paragraph does not cut a sentence."""

from __future__ import annotations

import textwrap

from democdash.extract import extract_article, read_bytes
from democdash.extract.reflow import unwrap, wrap_width

PARAGRAPHS = [
    "Myanmar junta extends emergency rule",
    "Myanmar's military government extended the state of emergency by six months on "
    "Wednesday, two years after it seized power, delaying elections it had promised to hold.",
    "The United States, Britain, Canada and Australia announced new sanctions on Tuesday, "
    "targeting the junta's energy ministry and members of the election commission.",
    "The National Unity Government said it would not take part in any election organised by "
    "the military and urged Asean to refuse to recognise the results of such a vote.",
    "Asean foreign ministers are expected to discuss Myanmar at a retreat in Jakarta later "
    "this week, diplomats said.",
]
WHOLE = "\n\n".join(PARAGRAPHS)
WRAPPED = "\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS)


def test_wrapped_paragraphs_are_joined_and_whole_ones_left_alone():
    assert WRAPPED != WHOLE
    assert wrap_width(WRAPPED) <= 60
    assert unwrap(WRAPPED) == WHOLE
    assert wrap_width(WHOLE) is None
    assert unwrap(WHOLE) == WHOLE


def test_short_lines_items_and_lead_ins_stay_lines():
    body = textwrap.fill(PARAGRAPHS[1], 60)
    memo = (
        f"{body}\n{body}\n\nThe EU and its member states should:\n"
        "- suspend visa-free travel for the officials responsible;\n"
        "- impose targeted sanctions on those who ordered the\n"
        "  beatings of protesters and journalists;\n"
        "1. fund independent media.\n"
        "Short closing line."
    )
    lines = unwrap(memo).split("\n")
    assert "The EU and its member states should:" in lines
    assert "- suspend visa-free travel for the officials responsible;" in lines
    assert (
        "- impose targeted sanctions on those who ordered the beatings of protesters and "
        "journalists;" in lines
    )
    assert "1. fund independent media." in lines
    assert lines[-1] == "Short closing line."


def test_a_word_broken_after_its_hyphen_keeps_it():
    line = "Troops from a military alliance arrived in Almaty on Thursday, and a Russian-"
    text = "\n".join([line] * 6 + ["led convoy crossed the border."])
    assert unwrap(text).endswith(" a Russian-led convoy crossed the border.")


def test_a_wrapped_upload_reads_as_the_same_article():
    def read(text: str) -> dict:
        body, _ = read_bytes(text.encode("utf-8"), "report.txt")
        result = extract_article(body, published="2023-02-01")
        return {o["sentence"] for o in result["policy_options"]}

    assert read(WRAPPED) == read(WHOLE)
    whole_options = read(WHOLE)
    assert any(s.startswith("The National Unity Government said") for s in whole_options)


def test_a_pdfs_lines_are_joined_into_paragraphs(make_pdf):
    lines = textwrap.wrap(" ".join(PARAGRAPHS[1:]).replace("'", ""), 70)
    text, _ = read_bytes(make_pdf(*lines), "report.pdf")
    assert "\n" not in text.strip()
    assert "by six months on Wednesday, two years after it seized power" in text


def test_a_hyphen_that_only_broke_a_word_is_dropped_and_a_compounds_is_kept():
    lines = [
        "When the unrest spread to Almaty, the president asked the",
        "members of the Collective Security Treaty Organi-",
        "zation for help, and within a day or two a Russian-",
        "led force of some two thousand troops had arrived. The pro-",
        "democracy groups that had marched in January said the re-",
        "forms promised since then were modest and that the police",
        "who fired on the crowds in the city had never been named.",
    ]
    joined = unwrap("\n".join(lines))
    assert "the Collective Security Treaty Organization for help" in joined, joined
    assert "a Russian-led force" in joined and "The pro-democracy groups" in joined
    assert "said the reforms promised" in joined
