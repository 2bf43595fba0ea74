"""Sentence splitting by rule: line breaks, then end punctuation not owned by an abbreviation.

A line break always ends a sentence (articles arrive as paragraphs, and list items stand on
their own lines). Inside a line, '.', '!' or '?' (with any closing quote or bracket) followed by
space and an upper-case letter, digit or opening quote ends a sentence, unless the word before
the period is a known abbreviation ("Mr.", "Feb.", "U.S.", "Gen.") or a single initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its character span in the article text."""

    text: str
    start: int
    end: int


_LINES = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen col lt sgt st jr sr sen rep gov maj capt adm cmdr rev hon fr jan feb "
    "mar apr jun jul aug sep sept oct nov dec no nos vs etc e.g i.e u.s u.k u.n e.u a.m p.m inc "
    "ltd co corp dept est approx fig op pp vol ed eds al mt ft"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())


def _is_abbreviation(chunk: str) -> bool:
    word = _WORD_BEFORE.search(chunk)
    if not word:
        return False
    token = word.group(1).lstrip("(\"“‘'").lower()
    if token in ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, each with offsets into `text`, blank lines skipped."""
    out: list[Sentence] = []
    for line in _LINES.finditer(text):
        base = line.start()
        chunk = line.group()
        begin = 0
        for m in _BOUNDARY.finditer(chunk):
            punct_end = m.start() + len(m.group().rstrip())
            if m.group().startswith(".") and _is_abbreviation(chunk[begin : m.start()]):
                continue
            _add(out, chunk, base, begin, punct_end)
            begin = m.end()
        _add(out, chunk, base, begin, len(chunk))
    return out


def _add(out: list[Sentence], chunk: str, base: int, begin: int, end: int) -> None:
    piece = chunk[begin:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    start = base + begin + lead
    out.append(Sentence(stripped, start, start + len(stripped)))
