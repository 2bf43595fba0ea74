"""Speed-ups that must not change results: the shared automaton pass gives every stage the
matches its own automaton would give; the date regex split by first character matches as the
whole one does."""

from __future__ import annotations

import re

import ahocorasick

from democdash.extract import events, options
from democdash.extract.bench import synthetic_articles
from democdash.extract.countries import find_mentions
from democdash.extract.date_grammar import ANCHOR_TABLE, DATE_RE, date_regex_at
from democdash.extract.dates import find_dates
from democdash.extract.gazetteer import fold, load_gazetteer
from democdash.extract.scan import Scanner

TEXT = (
    "On March 3, Belarus's Sino-Russian partners said the U.S. may weigh sanctions; "
    "the EU would not negotiate. In May 2020 the junta in Myanmar (Burma) held talks, "
    "and Washington's envoy called for a ceasefire two weeks ago."
)


def _alone(table: dict, folded: str) -> list:
    automaton = ahocorasick.Automaton()
    for key, payload in table.items():
        automaton.add_word(key, payload)
    automaton.make_automaton()
    return list(automaton.iter(folded))


def test_each_table_gets_the_matches_of_its_own_automaton_in_its_order():
    tables = [
        load_gazetteer().table,
        ANCHOR_TABLE,
        events.LEXICON.table,
        options.LEXICON.table,
    ]
    scanner = Scanner(tables)
    for text in [TEXT, *synthetic_articles(2)]:
        folded = fold(text)
        merged = scanner.scan(folded)
        assert len(merged) == len(tables)
        for table, hits in zip(tables, merged, strict=True):
            assert hits == _alone(table, folded)
            assert hits  # every table has words in these texts


def test_stages_give_the_same_result_from_the_shared_pass():
    gazetteer = load_gazetteer()
    folded = fold(TEXT)
    places, anchors, _, _ = Scanner([gazetteer.table, ANCHOR_TABLE, {}, {}]).scan(folded)
    assert find_mentions(TEXT, gazetteer, folded, places) == find_mentions(TEXT, gazetteer)
    assert find_dates(TEXT, "2021-06-15", folded, anchors) == find_dates(TEXT, "2021-06-15")
    assert {m.iso3 for m in find_mentions(TEXT, gazetteer, folded, places)} >= {"BLR", "MMR"}
    # the stages use the hits they are given rather than scanning again
    assert find_mentions(TEXT, gazetteer, folded, []) == []
    assert find_dates(TEXT, "2021-06-15", folded, []) == []


def test_date_regex_by_first_character_matches_the_whole_regex_everywhere():
    """`date_regex_at` tries only the alternatives that can start at a character: at every word
    character of these texts it must match exactly what the whole `DATE_RE` matches."""
    forms = (
        "On 3 May 2020, in May, mid-May, the 1990s, 2019-2021, from 2019 to 2020, between 2019 "
        "and 2021, two weeks ago, 5 days ago, Earlier this week, last Tuesday, the summer of "
        "2019, early 2019, late March 2020, Aug. 18, 2020, 2020-08-18, 18th of August 2020, "
        "that summer five years ago, next month, tomorrow, over the weekend, a year ago, "
        "Yesterday, Later this month, Earlier on Monday, As of Sunday, Spring 2020, Autumn of "
        "2019, Fall 2021, The end of 2005, Mid-2019, Sept. 9, 2001, 9 Sept 2001, Dec. 2020, "
        "June 9, Twenty years ago, 12 months ago, From 2019 through 2021, next weekend."
    )
    texts = [forms, forms.lower(), forms.upper(), *synthetic_articles(3)]
    found = 0
    for text in texts:
        for match in re.finditer(r"\w", text):
            whole = DATE_RE.match(text, match.start())
            part = date_regex_at(text, match.start())
            assert (part and (part.span(), part.lastgroup)) == (
                whole and (whole.span(), whole.lastgroup)
            ), text[match.start() : match.start() + 30]
            found += whole is not None
    assert found > 100


def test_dates_in_other_scripts_digits_are_still_found():
    """The quick start positions must not narrow what is found: a date may be written with
    digits of another script (the date regex's `\\d` accepts them)."""
    for digit, ascii_digit in (("٣", "3"), ("३", "3")):
        found = find_dates(f"It happened {digit} days ago, officials said.", "2021-06-15")
        same = find_dates(f"It happened {ascii_digit} days ago, officials said.", "2021-06-15")
        assert [d["iso"] for d in found] == [d["iso"] for d in same] == ["2021-06-12"]
