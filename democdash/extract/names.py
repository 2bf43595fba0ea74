"""Matching people's names across transliterations and aliases ("Lukashenka" is "Lukashenko",
"Tsikhanouskaya" is "Tsikhanovskaya", "Aleksandr" is "Alexander").

`name_key` folds a name to a key that common romanisations of the same name share: accents
dropped, lower case, then spelling variants merged (x/ks, y/i/j, w/v, kh/h, ou/ov, double
letters) and a final vowel dropped. Two names match when their keys are equal, or when their
surnames' keys are equal (or, for long ones, nearly: `FUZZY_MIN`) and their first names (if
both are given) agree on their first letter. `find_actor` looks a name up in a list of known
actors (name and aliases); an `ActorIndex` of the known actors, built once and held by the
caller, folds their labels once and answers each distinct name once, for a batch of articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from democdash.extract.lexicon import phrases

#: Lower-case words that stand inside a name ("Ursula von der Leyen", "Omar al-Bashir"), as a
#: regular-expression alternation (`people` and `bylines` read names with it).
NAME_PARTICLES = "al|el|bin|ibn|van|von|de|da|der|den|du|la|le|del|dos|di|ul"

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
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")
_SPACES = re.compile(r"[\s]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def word_key(word: str) -> str:
    """One name word folded so that its common romanisations agree."""
    key = _NOT_LETTER.sub("", _ascii(word).lower())
    for old, new in _SPELLING:
        key = key.replace(old, new)
    key = _DOUBLE.sub(r"\1", key)  # double letters
    key = key.replace("ii", "i")
    if len(key) > 4 and key[-1] in "aeiou":
        key = key[:-1]
    return key


def name_words(name: str) -> list[str]:
    """The words of a personal name, without a leading "the", a possessive or titles."""
    cleaned = _NOISE.sub("", name.strip()).replace("’s", "").replace("'s", "")
    words = [w for w in _SPACES.split(cleaned) if w]
    return [w for w in words if w.lower().rstrip(".") not in _TITLE_WORDS] or words


def names_match(a: str, b: str) -> bool:
    """Whether two written names are the same person's (see the module docstring)."""
    return _keys_match(name_keys(a), name_keys(b))


def name_keys(name: str) -> tuple[str, ...]:
    """The `word_key` of each word of a personal name (see `name_words`)."""
    return tuple(word_key(w) for w in name_words(name))


def _keys_match(ka: Sequence[str], kb: Sequence[str]) -> bool:
    """`names_match` on names' keys (`name_keys`)."""
    if not ka or not kb:
        return False
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
    if min(len(a), len(b)) < 6:
        return False
    alike = SequenceMatcher(None, a, b)
    # the two quick ratios are upper bounds of `ratio`: most pairs are told apart by them
    return (
        alike.real_quick_ratio() >= FUZZY_MIN
        and alike.quick_ratio() >= FUZZY_MIN
        and alike.ratio() >= FUZZY_MIN
    )


def _exact(label: str) -> str:
    return _NOISE.sub("", label.strip()).strip().lower()


@dataclass(frozen=True)
class _Label:
    actor_id: str
    exact: str
    keys: tuple[str, ...]
    personal: bool  # a person's name (or of a kind not given): matched by its surname too


def _labels(actors: Iterable[Mapping]) -> list[_Label]:
    """Every label (name and aliases) of the actors that have an id, folded."""
    return [
        _Label(
            actor["id"],
            _exact(str(label)),
            name_keys(str(label)),
            str(actor.get("kind") or "person") == "person",
        )
        for actor in actors
        if actor.get("id") is not None
        for label in [actor.get("name"), *(actor.get("aliases") or [])]
        if label
    ]


class ActorIndex(Sequence[Mapping]):
    """Known actors (dicts with `id`, `name`, `aliases`), usable wherever a list of them is,
    with every label folded once (`name_keys`) and each name looked up answered once: a batch
    of articles looks the same few hundred names up thousands of times. Build it from the
    actors as they are and build a new one when they change; whoever holds it holds the memo
    (domain code keeps no module-level caches)."""

    def __init__(self, actors: Iterable[Mapping]) -> None:
        self._actors = list(actors)
        self._labels = _labels(self._actors)
        self._index()

    def _index(self) -> None:
        self._by_exact: dict[str, str] = {}
        self._by_surname: dict[str, list[int]] = {}
        for position, label in enumerate(self._labels):
            self._by_exact.setdefault(label.exact, label.actor_id)
            # only a person's name has a surname: "Independent media in Belarus" is not
            # "Belarus", nor "the opposition in Belarus"
            if label.keys and label.personal:
                self._by_surname.setdefault(label.keys[-1], []).append(position)
        self._found: dict[str, str | None] = {}
        self._alike: dict[str, list[str]] = {}

    def extended(self, actors: Iterable[Mapping]) -> ActorIndex:
        """A new index of these actors followed by `actors`: the labels folded so far are
        kept, and so are the answers the new labels cannot change. They come after the
        others, so a name found stays found unless a new label is exactly it; a name not
        found is looked up again; the surnames alike to each surname are extended with the
        new ones (a batch adds actors after most articles: answering afresh each time cost
        more than the rest of naming)."""
        more = list(actors)
        added = _labels(more)
        index = ActorIndex.__new__(ActorIndex)
        index._actors = [*self._actors, *more]
        index._labels = [*self._labels, *added]
        index._index()
        exacts = {label.exact for label in added}
        index._found = {
            name: found
            for name, found in self._found.items()
            if found is not None and _exact(name) not in exacts
        }
        surnames = {label.keys[-1] for label in added if label.keys and label.personal}
        surnames -= self._by_surname.keys()
        index._alike = {
            surname: [*alike, *(s for s in surnames if _same_surname(surname, s))]
            for surname, alike in self._alike.items()
        }
        return index

    def __len__(self) -> int:
        return len(self._actors)

    def __getitem__(self, index):  # type: ignore[override]
        return self._actors[index]

    def __iter__(self) -> Iterator[Mapping]:
        return iter(self._actors)

    def find(self, name: str | None) -> str | None:
        """The id of the actor `name` is (see `find_actor`), or None."""
        if not name or not name.strip():
            return None
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name]

    def _lookup(self, name: str) -> str | None:
        exact = self._by_exact.get(_exact(name))
        if exact is not None:
            return exact
        keys = name_keys(name)
        if not keys:
            return None
        # only labels whose surname is this one's, or alike, can match: the first that does
        positions = {
            position
            for surname in [keys[-1], *self._alike_surnames(keys[-1])]
            for position in self._by_surname.get(surname, ())
        }
        return next(
            (
                self._labels[position].actor_id
                for position in sorted(positions)
                if _keys_match(keys, self._labels[position].keys)
            ),
            None,
        )

    def _alike_surnames(self, surname: str) -> list[str]:
        """The labels' surname keys that `surname` is the same as (`_same_surname`)."""
        if surname not in self._alike:
            self._alike[surname] = [s for s in self._by_surname if _same_surname(surname, s)]
        return self._alike[surname]


def find_actor(name: str | None, actors: Iterable[Mapping]) -> str | None:
    """The id of the known actor (dicts with `id`, `name`, `aliases`) that `name` is, by name
    or alias across transliterations, or None. An exact (case-insensitive) label match wins
    over a transliteration match. Pass an `ActorIndex` to look many names up in one list."""
    if not name or not name.strip():
        return None
    index = actors if isinstance(actors, ActorIndex) else ActorIndex(actors)
    return index.find(name)
