"""Article text helpers shared by validation, extraction and display.

Paragraph numbering (used in every citation): paragraphs are separated by one or more blank
lines and numbered from 1 in text order; a text with no blank lines has one paragraph per
non-empty line. Whitespace-only paragraphs are not counted.
"""

from __future__ import annotations

import hashlib
import re
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


def paragraph_at(text: str, offset: int) -> Paragraph | None:
    """The paragraph that holds a character offset."""
    for para in paragraphs(text):
        if para.start <= offset < para.end:
            return para
    return None


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
