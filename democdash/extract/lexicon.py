"""Word and phrase lexicons matched in one Aho-Corasick pass over the lower-cased text.

Python's regex engine tries every branch of a long alternation at every position, which is
far too slow for hundreds of cue words; an automaton finds them all in one linear pass. A
lexicon maps labels to phrases; a phrase ending in "*" is a stem (it may continue with more
letters: "sanction*" matches "sanctions", "sanctioned"), any other phrase must end at a word
boundary. Every phrase must start at a word boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from democdash.extract.scan import RawHit, automaton

#: A lexicon phrase found in the text: (label, start, end), a plain tuple (cheap to make).
Hit = tuple[str, int, int]


class Lexicon:
    """A set of labelled phrases, compiled once into an automaton."""

    def __init__(self, phrases: dict[str, list[str]]):
        table: dict[str, list[tuple[str, bool]]] = {}
        for label, items in phrases.items():
            for item in items:
                stem = item.endswith("*")
                key = item.rstrip("*").lower()
                table.setdefault(key, []).append((label, stem))
        #: key -> (length, labels of a hit ending at a word boundary, labels of one that goes
        #: on: stems only), the automaton's payloads; see `democdash.extract.scan`
        self.table = {
            key: (
                len(key),
                tuple(label for label, _ in values),
                tuple(label for label, stem in values if stem),
            )
            for key, values in table.items()
        }
        self._automaton = automaton(self.table)

    def scan(self, folded: str, raw: Iterable[RawHit] | None = None) -> list[Hit]:
        """All hits in `folded` (lower-cased text), in order of start; `raw` are this
        lexicon's raw automaton matches in `folded` when the caller has scanned already."""
        hits: list[Hit] = []
        append = hits.append
        size = len(folded)
        if raw is None:
            raw = self._automaton.iter(folded)
        for end_index, (length, whole, going_on) in raw:
            start = end_index - length + 1
            if start and folded[start - 1].isalnum():
                continue
            end = end_index + 1
            for label in whole if end >= size or not folded[end].isalnum() else going_on:
                append((label, start, end))
        hits.sort(key=_start)
        return hits


_start = itemgetter(1)


def phrases(text: str) -> list[str]:
    """A phrase list written as one string: space-separated, "_" for a space inside a phrase."""
    return [w.replace("_", " ") for w in text.split()]
