"""Matching people's names across transliterations and aliases ("Lukashenka" is "Lukashenko",
"Tsikhanouskaya" is "Tsikhanovskaya", "Aleksandr" is "Alexander").

`name_key` folds a name to a key that common romanisations of the same name share: accents
dropped, lower case, then spelling variants merged (x/ks, y/i/j, w/v, kh/h, ou/ov, double
letters) and a final vowel dropped. Two names match when their keys are equal, or when their
surnames' keys are equal (or, for long ones, nearly: `FUZZY_MIN`) and their first names (if
both are given) agree on their first letter. `find_actor` looks a name up in a list of known
actors (name and aliases).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

from democdash.extract.lexicon import phrases

#: How alike two long surname keys must be to count as one name written two ways.
FUZZY_MIN = 0.85
_NOISE = re.compile(r"^(?:the\s+)|['’]s$", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    phrases(
        "mr mrs ms dr president prime minister gen general secretary senator sen chancellor "
        "king queen prince sheikh premier ambassador envoy spokesman spokeswoman spokesperson "
        "former opposition leader"
    )
)
_SPELLING = (
    ("x", "ks"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "c"),
    ("tz", "c"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("ou", "ov"),
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def word_key(word: str) -> str:
    """One name word folded so that its common romanisations agree."""
    key = re.sub(r"[^a-z]", "", _ascii(word).lower())
    for old, new in _SPELLING:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # double letters
    key = re.sub(r"ii", "i", key)
    if len(key) > 4 and key[-1] in "aeiou":
        key = key[:-1]
    return key


def name_words(name: str) -> list[str]:
    """The words of a personal name, without a leading "the", a possessive or titles."""
    cleaned = _NOISE.sub("", name.strip()).replace("’s", "").replace("'s", "")
    words = [w for w in re.split(r"[\s]+", cleaned) if w]
    return [w for w in words if w.lower().rstrip(".") not in _TITLE_WORDS] or words


def names_match(a: str, b: str) -> bool:
    """Whether two written names are the same person's (see the module docstring)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    ka, kb = [word_key(w) for w in wa], [word_key(w) for w in wb]
    if ka == kb:
        return True
    if not _same_surname(ka[-1], kb[-1]):
        return False
    if len(ka) == 1 or len(kb) == 1:
        return True  # a surname alone
    return ka[0][:1] == kb[0][:1]


def _same_surname(a: str, b: str) -> bool:
    """Surname keys that are equal, or long and nearly equal ("cihanovski" and "tihanovski":
    Tsikhanouskaya and Tikhanovskaya)."""
    if a == b:
        return len(a) >= 4
    return min(len(a), len(b)) >= 6 and SequenceMatcher(None, a, b).ratio() >= FUZZY_MIN


def find_actor(name: str | None, actors: Iterable[Mapping]) -> str | None:
    """The id of the known actor (dicts with `id`, `name`, `aliases`) that `name` is, by name
    or alias across transliterations, or None. An exact (case-insensitive) label match wins
    over a transliteration match."""
    if not name or not name.strip():
        return None
    exact = _NOISE.sub("", name.strip()).strip().lower()
    fuzzy: str | None = None
    for actor in actors:
        if actor.get("id") is None:
            continue
        for label in [actor.get("name"), *(actor.get("aliases") or [])]:
            if not label:
                continue
            if _NOISE.sub("", str(label).strip()).strip().lower() == exact:
                return actor["id"]
            if fuzzy is None and names_match(name, str(label)):
                fuzzy = actor["id"]
    return fuzzy
