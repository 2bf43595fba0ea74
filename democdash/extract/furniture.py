"""A web page's furniture, copied with an article's text: photo captions and credits, "Share
this article", "Listen to this article", "Advertisement", "Sign up for our newsletter", "Read
more: ...", a copyright line. None of it is what the article reports: no date in it is an
event's, and no sentence of it is a candidate event or option.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: Photo captions and credits: the day a photo was taken is no event's date.
CAPTION = re.compile(
    r"^[ \t]*(?:\(?(?:FILE\s+)?PHOTO\b|Photo(?:graph)?\s*(?:\w+\s*){0,2}[:/(]"
    r"|Image(?:\s+caption)?\s*:|Picture\s*:|Caption\s*:)[^\n]*"
    r"|^[^\n]{0,300}?(?:\((?:AP|AFP|Reuters|Getty)\s+Photo[^)]*\)|(?:REUTERS|AFP|AP)/[A-Z][^\n]*"
    r"|Photo\s*(?:by|credit)\s*:?[^\n]*)$",
    re.MULTILINE,
)
#: A line of its own that a page adds around its article: prompts, links and notices.
PROMPT = re.compile(
    r"^[ \t]*(?:Advertisement|Advertising|Sponsored(?:\s+content)?|Share\s+(?:this|on)\b[^\n]*"
    r"|Listen\s+to\s+this\s+(?:article|story)\b[^\n]*|Sign\s+up\b[^\n]*|Subscribe\b[^\n]*"
    r"|Read\s+more\b[^\n]*|(?:Related|See\s+also|More\s+on\s+this\s+story)\b[^\n]*"
    r"|Follow\s+us\b[^\n]*|(?:©|Copyright\b)[^\n]*|All\s+rights\s+reserved\.?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


#: Words one of which a text holds when it holds a caption: most texts hold none, and are
#: not scanned for one.
_CAPTION_WORDS = ("hoto", "HOTO", "aption", "mage", "icture", "REUTERS/", "AFP/", "AP/")
#: The longest line a prompt stands on ("Sign up for our Eurasia newsletter").
MAX_PROMPT_CHARS = 160


def spans(text: str) -> list[tuple[int, int]]:
    """The spans of the page's furniture in `text`, in order: captions and prompt lines
    (only short lines are tried as prompts: a paragraph of prose is none)."""
    found = []
    if any(word in text for word in _CAPTION_WORDS):
        found += [(m.start(), m.end()) for m in CAPTION.finditer(text)]
    start = 0
    for line in text.split("\n"):
        if 0 < len(line) <= MAX_PROMPT_CHARS:
            prompt = PROMPT.match(line)
            if prompt is not None:
                found.append((start + prompt.start(), start + prompt.end()))
        start += len(line) + 1
    return sorted(found)


class Furniture:
    """The furniture of one text, asked whether an offset falls inside it."""

    def __init__(self, text: str) -> None:
        self.spans = spans(text)
        self._starts = [start for start, _ in self.spans]

    def __contains__(self, offset: int) -> bool:
        at = bisect_right(self._starts, offset) - 1
        return at >= 0 and offset < self.spans[at][1]
