"""Counts in words (`democdash.text.counted`), as every page, brief and CLI line says them."""

from democdash.text import counted, quoted


def test_counted_says_a_count_with_its_noun():
    assert counted(1, "option") == "1 option"
    assert counted(0, "option") == "0 options"
    assert counted(1024, "undated event") == "1,024 undated events"
    assert counted(2, "crisis", "crises") == "2 crises"


def test_a_quote_is_shown_in_quotation_marks_never_doubled():
    assert quoted("sanctions must follow") == "“sanctions must follow”"
    speech = "“With a more proactive president,” Viačorka said, “I think this will be enormous.”"
    assert quoted(speech) == speech
    assert quoted('"We ask the EU to act."') == '"We ask the EU to act."'
    assert quoted("“This was a hijacking,” he said.") == "““This was a hijacking,” he said.”"


def test_a_clipped_quote_keeps_one_pair_of_marks():
    assert quoted("sanctions must follow the vote", words=3) == "“sanctions must follow …”"
    assert quoted("“We ask the European Union to act now.”", words=4) == "“We ask the European …”"
    assert quoted("“We ask.”", words=4) == "“We ask.”"


def test_a_quote_cut_before_its_sentence_ends_says_so():
    assert quoted("like a contestant on “Press Your", continued=True) == (
        "“like a contestant on “Press Your …”"
    )
    assert quoted("“We ask.”", continued=True) == "“We ask. …”"  # one pair of marks
    assert quoted("sanctions must follow") == "“sanctions must follow”"
