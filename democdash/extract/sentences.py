"""Sentence splitting by rule: line breaks, then end punctuation not owned by an abbreviation.

A line break always ends a sentence (articles arrive as paragraphs, and list items stand on
their own lines). Inside a line, '.', '!' or '?' (with any closing quote or bracket) followed by
space and an upper-case letter, digit or opening quote ends a sentence (with any bracketed
citations after it: "seats.[2] The"), unless the word before
the period is a known abbreviation ("Mr.", "Feb.", "U.S.", "Gen."), a single initial or the
number that opens a numbered line ("1. Calls on ...").
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Sentence(NamedTuple):
    """A sentence with its character span in the article text (a tuple: cheap to make)."""

    text: str
    start: int
    end: int


#: A line break, or end punctuation (closing quotes, bracketed citations, "seats.[2] The
#: military", and a footnote's number after a word's stop, "presidency.1 Our research",
#: included; group 1 ends there) plus the space after it
#: when a capital, digit or opening quote follows: one scan of the whole text
#: finds both. Written to start with one character class, which the regex engine scans for
#: several times faster than it tries an alternation at every position.
_BOUNDARY = re.compile(
    r"[\n.!?](?:(?<=\n)|(?<=[.!?])([.!?]*[\"”’')\]]*(?:\[\d{1,3}\])*"
    r"(?:(?:(?<=[a-z][.!?])|(?<=[a-z][.!?][\"”’')\]])"
    r"|(?<=[a-z][\"”’')\]][.!?]))\d{1,3}(?=[^\S\n]+[A-Z]))?)[^\S\n]+(?=[\"“‘'(]?[A-Z0-9]))"
)
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen col lt sgt st jr sr sen rep gov maj capt adm cmdr rev hon fr jan feb "
    "mar apr jun jul aug sep sept oct nov dec no nos vs etc e.g i.e u.s u.k u.n e.u a.m p.m inc "
    "ltd co corp dept est approx fig op pp vol ed eds al mt ft"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())


#: A line's opening number before its period ("1", "12"): an enumerator.
_ENUMERATOR = re.compile(r"[ \t]*\d{1,2}")


def is_abbreviation(text: str, begin: int, at: int) -> bool:
    """True when the word of the sentence `text[begin:at]` that ends at the period `at` is a
    known abbreviation or a single initial."""
    if at == begin or text[at - 1].isspace():
        return False
    if _ENUMERATOR.fullmatch(text, text.rfind("\n", 0, at) + 1, at):
        return True  # "1. Calls on the Council ...": a numbered line, not a sentence "1."
    token = text[begin:at].rsplit(None, 1)[-1].lstrip("(\"“‘'").lower()
    if token in ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, each with offsets into `text`, blank lines skipped."""
    out: list[Sentence] = []
    append = out.append

    def add(begin: int, end: int) -> None:
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            start = begin + len(piece) - len(piece.lstrip())
            append(_new(Sentence, (stripped, start, start + len(stripped))))

    begin = 0
    for m in _BOUNDARY.finditer(text):
        at = m.start()
        end = m.end(1)
        if end < 0:  # a line break
            end = at
        elif text[at] == "." and is_abbreviation(text, begin, at):
            continue
        add(begin, end)
        begin = m.end()
    add(begin, len(text))
    return out


#: A quotation that asks, closed by its reporting tag ('"What talks can there be?" he asked.').
_QUOTED_QUESTION = re.compile(
    r"\?[\"”’']\s*,?\s+(?:[\w.’'-]+\s+){0,5}?(?:asked|asks|wondered|wonders|said|says)"
    r"(?:\s+[\w.’'-]+){0,4}\.?\s*$"
)


#: A quoted question closing a sentence that states something and adds the question as its
#: speaker's words ('He rejected talks, saying: "What negotiations can there be?"').
_RHETORICAL_TAIL = re.compile(
    r"\w[^\"“”?]*,\s+(?:saying|adding|declaring|insisting|arguing|noting|writing)[:,]?\s*"
    r"[\"“][^\"“”]*\?[\"”]?\s*$"
)


def asks(text: str) -> bool:
    """Whether a sentence is a question: it ends in a question mark ("Should Asean invite the
    junta?"), or it is a quoted one with its tag ('"What negotiations can there be?" he
    asked.'); not a statement closed by its speaker's question (`_RHETORICAL_TAIL`). A
    question tells nothing that happened and takes no position."""
    if text.rstrip().rstrip("\"”’')]").endswith("?"):
        return _RHETORICAL_TAIL.search(text) is None
    return "?" in text and _QUOTED_QUESTION.search(text) is not None


def folded_text(sentences: list[Sentence]) -> str:
    """The article text lower-cased, rebuilt from its sentences (a space wherever no sentence
    covers a character), for callers given sentences without the folded text: the offsets
    stay those of the article as long as the sentences cover them."""
    size = max((s.end for s in sentences), default=0)
    chars = [" "] * size
    for sent in sentences:
        chars[sent.start : sent.end] = sent.text.lower()
    return "".join(chars)


#: Makes a `Sentence` from a tuple without the Python-level constructor call (a hot path).
_new = tuple.__new__
