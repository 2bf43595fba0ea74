"""Counts in words (`democdash.text.counted`), as every page, brief and CLI line says them."""

from democdash.text import counted


def test_counted_says_a_count_with_its_noun():
    assert counted(1, "option") == "1 option"
    assert counted(0, "option") == "0 options"
    assert counted(1024, "undated event") == "1,024 undated events"
    assert counted(2, "crisis", "crises") == "2 crises"
