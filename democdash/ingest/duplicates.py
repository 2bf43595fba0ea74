"""Near-duplicates: the same story in two outlets (a wire report reprinted) shares most of its
sentences. An article whose sentences are mostly those of a stored one is flagged as the same
story (`Article.same_story_as`), so the two count as one source (`democdash.corroboration`).

Sentences are compared folded (case, accents, punctuation and spacing ignored); short ones
("He said.") are left out, as copies and originals often differ there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
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
    """A stored article an article copies, the share of sentences they have in common, and
    the counts behind it: `shared` of the `compared` sentences (the shorter text's)."""

    article_id: str
    share: float
    shared: int = 0
    compared: int = 0

    def describe(self, title: str | None = None) -> str:
        """E.g. "same story as “Title”: 12 of 14 sentences shared"."""
        name = f"“{title}”" if title else self.article_id
        return f"same story as {name}: {self.shared} of {self.compared} sentences shared"


def sentence_keys(text: str) -> frozenset[str]:
    """The folded sentences of a text that are long enough to compare."""
    keys = set()
    plain = text.isascii()  # then folding changes nothing
    for sentence in _SPLIT.split(text):
        folded = (
            sentence
            if plain
            else unicodedata.normalize("NFKD", sentence).encode("ascii", "ignore").decode()
        )
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


class StoryIndex:
    """Stored articles' sentences, indexed by sentence: finding the article a text copies
    looks only at the articles that share a sentence with it, so a batch of a thousand
    articles does not compare each with every other."""

    def __init__(self) -> None:
        # article id -> how many sentences it has; sentence -> the article that has it, or
        # the articles (a tuple) when several do: strings and tuples of strings, not sets,
        # so that a batch's index of thousands of articles is not walked by every full
        # garbage collection
        self._sizes: dict[str, int] = {}
        self._by_sentence: dict[str, str | tuple[str, ...]] = {}

    @classmethod
    def from_texts(cls, stored: Iterable[tuple[str, str]]) -> StoryIndex:
        """An index of (article id, text) pairs."""
        index = cls()
        for article_id, text in stored:
            index.add(article_id, text)
        return index

    def __len__(self) -> int:
        return len(self._sizes)

    def add(self, article_id: str, text: str | frozenset[str]) -> None:
        """Index an article (its text, or its `sentence_keys`)."""
        keys = sentence_keys(text) if isinstance(text, str) else text
        self._sizes[article_id] = len(keys)
        by_sentence = self._by_sentence
        for key in keys:
            held = by_sentence.get(key)
            if held is None:
                by_sentence[key] = article_id
            elif isinstance(held, str):
                if held != article_id:
                    by_sentence[key] = (held, article_id)
            elif article_id not in held:
                by_sentence[key] = (*held, article_id)

    def find(self, text: str | frozenset[str]) -> SameStory | None:
        """The indexed article `text` shares most sentences with, if it shares at least
        `SAME_STORY_SHARE` of them (ties: the smallest id); None otherwise."""
        keys = sentence_keys(text) if isinstance(text, str) else text
        if not keys:
            return None
        common: Counter[str] = Counter()
        for key in keys:
            held = self._by_sentence.get(key)
            if isinstance(held, str):
                common[held] += 1
            elif held is not None:
                common.update(held)
        best: tuple[float, str, int] | None = None
        for article_id in sorted(common):
            compared = min(len(keys), self._sizes[article_id])
            share = common[article_id] / compared
            if share >= SAME_STORY_SHARE and (best is None or share > best[0]):
                best = (share, article_id, compared)
        if best is None:
            return None
        share, article_id, compared = best
        return SameStory(article_id, round(share, 2), common[article_id], compared)


def same_story(text: str, stored: Iterable[tuple[str, str]]) -> SameStory | None:
    """The stored article (id, text) that `text` shares most sentences with, if it shares at
    least `SAME_STORY_SHARE` of them; None otherwise."""
    return StoryIndex.from_texts(stored).find(text)
