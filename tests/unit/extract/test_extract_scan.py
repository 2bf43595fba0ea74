"""The shared automaton pass gives every stage the matches its own automaton would give."""

from __future__ import annotations

import ahocorasick

from democdash.extract import events, options
from democdash.extract.bench import synthetic_articles
from democdash.extract.countries import find_mentions
from democdash.extract.dates import ANCHOR_TABLE, find_dates
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
