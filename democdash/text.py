"""Article text helpers shared by validation, extraction and display, and counts in words.

Paragraph numbering (used in every citation): paragraphs are separated by one or more blank
lines and numbered from 1 in text order; a text with no blank lines has one paragraph per
non-empty line. Whitespace-only paragraphs are not counted.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """The numbered paragraphs of a text, with their character offsets."""
    splitter = _BLANK_LINES if _BLANK_LINES.search(text) else re.compile(r"\n")
    found: list[Paragraph] = []
    pos = 0
    for match in [*splitter.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            found.append(Paragraph(len(found) + 1, start, start + len(stripped), stripped))
        if match:
            pos = match.end()
    return found


class ParagraphIndex:
    """The paragraphs of one text, split once, looked up by offset in O(log n): build one per
    text and ask it for every candidate (splitting the text per lookup made extraction
    quadratic in the number of paragraphs)."""

    def __init__(self, text: str):
        self.paragraphs = paragraphs(text)
        self._starts = [p.start for p in self.paragraphs]

    def at(self, offset: int) -> Paragraph | None:
        """The paragraph that holds a character offset, None between paragraphs."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def at_or_after(self, offset: int) -> Paragraph | None:
        """The paragraph that holds `offset`, else the first one that starts after it."""
        found = self.at(offset)
        if found is not None:
            return found
        i = bisect_right(self._starts, offset)
        return self.paragraphs[i] if i < len(self.paragraphs) else None

    def number(self, offset: int) -> int | None:
        """The 1-based number of the paragraph that holds (or follows) `offset`."""
        found = self.at_or_after(offset)
        return found.number if found else None


def paragraph_at(text: str, offset: int) -> Paragraph | None:
    """The paragraph that holds a character offset (splits the text: for one lookup; use a
    `ParagraphIndex` for many)."""
    return ParagraphIndex(text).at(offset)


def sha256(text: str) -> str:
    """The hex SHA-256 of a text (UTF-8), used to spot the same article added twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def opening_words(text: str, n: int = 8) -> str:
    """The first `n` words of a paragraph, for footnotes."""
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def clip_words(text: str, n: int) -> str:
    """At most `n` words of `text`, for quotes drawn from a longer sentence."""
    words = text.split()
    return " ".join(words[:n])


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun: "1 option", "1,024 options" (`plural` for irregular nouns)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


_OPENS = ("“", '"', "‘")
_CLOSES = ("”", '"', "’")


def quoted(quote: str, words: int | None = None, continued: bool = False) -> str:
    """A verbatim quote as shown: in quotation marks, unless it already opens and closes with
    them (a quoted speaker's words: “…,” she said, “…”), so that no mark is doubled; `words`
    clips it to its opening words (`opening_words`) inside one pair of marks. `continued` says
    the quote stops before its sentence does (a quote is at most 30 words): an ellipsis closes
    it, so that a cut sentence is not read as whole."""
    text = quote.strip()
    marked = text.startswith(_OPENS) and text.endswith(_CLOSES) and len(text) > 1
    if words is not None:
        text = opening_words(text[1:-1] if marked else text, words)
    elif continued:
        text = f"{text[1:-1] if marked else text} …"
    elif marked:
        return text
    return f"“{text}”"
