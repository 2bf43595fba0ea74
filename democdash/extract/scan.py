"""One automaton pass over an article for all of the pipeline's word tables.

The country gazetteer, the date anchors and the event and option lexicons each match a table
of lower-cased keys with pyahocorasick. Walking the automaton costs about as much for a small
table as for a large one (most of the cost is the walk over every character), so four passes
cost about three times as much as one pass over the four tables merged. `Scanner` merges the
tables into one automaton and hands each table back its raw matches, `(end_index, payload)`
in the order its own automaton would have yielded them (by end, the longest key first), so
every stage gives exactly the result it gives when it scans alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ahocorasick

#: A raw automaton match: the index of its last character and the payload of its key.
RawHit = tuple[int, object]


def automaton(table: Mapping[str, object]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over the keys of `table` (lower-cased text), each match
    yielding its key's payload: the one way every word table of the extractor is compiled."""
    built = ahocorasick.Automaton()
    for key, payload in table.items():
        built.add_word(key, payload)
    built.make_automaton()
    return built


class Scanner:
    """Several key tables in one automaton; `scan` returns one list of raw matches per table."""

    def __init__(self, tables: Iterable[Mapping[str, object]]):
        merged: dict[str, list[tuple[int, object]]] = {}
        self._count = 0
        for index, table in enumerate(tables):
            self._count = index + 1
            for key, payload in table.items():
                merged.setdefault(key, []).append((index, payload))
        self._automaton = automaton({key: tuple(items) for key, items in merged.items()})

    def scan(self, folded: str) -> list[list[RawHit]]:
        """The raw matches in `folded` (lower-cased text), one list per table, in table order."""
        out: list[list[RawHit]] = [[] for _ in range(self._count)]
        appenders = [hits.append for hits in out]
        for end_index, items in self._automaton.iter(folded):
            for index, payload in items:
                appenders[index]((end_index, payload))
        return out
