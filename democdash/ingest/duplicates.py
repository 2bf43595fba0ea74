"""Near-duplicates: the same story in two outlets (a wire report reprinted) shares most of its
sentences. An article whose sentences are mostly those of a stored one is flagged as the same
story (`Article.same_story_as`), so the two count as one source (`democdash.corroboration`).

Sentences are compared folded (case, accents, punctuation and spacing ignored); short ones
("He said.") are left out, as copies and originals often differ there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: Shortest sentence compared, in words.
MIN_WORDS = 6
#: Share of the shorter article's sentences found in the other that makes the same story.
SAME_STORY_SHARE = 0.6
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class SameStory:
    """A stored article an article copies, and the share of sentences they have in common."""

    article_id: str
    share: float


def sentence_keys(text: str) -> frozenset[str]:
    """The folded sentences of a text that are long enough to compare."""
    keys = set()
    for sentence in _SPLIT.split(text):
        folded = unicodedata.normalize("NFKD", sentence).encode("ascii", "ignore").decode()
        words = _NOT_WORD.sub(" ", folded.lower()).split()
        if len(words) >= MIN_WORDS:
            keys.add(" ".join(words))
    return frozenset(keys)


def shared_share(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set's sentences that the other has too (0 when either is
    empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_story(text: str, stored: Iterable[tuple[str, str]]) -> SameStory | None:
    """The stored article (id, text) that `text` shares most sentences with, if it shares at
    least `SAME_STORY_SHARE` of them; None otherwise."""
    keys = sentence_keys(text)
    best: SameStory | None = None
    for article_id, other in stored:
        share = shared_share(keys, sentence_keys(other))
        if share >= SAME_STORY_SHARE and (best is None or share > best.share):
            best = SameStory(article_id, round(share, 2))
    return best
