"""Country mentions: one automaton pass, then word-boundary, case and context rules.

Rules, each kept small:
- whole words only; a pattern ending in a hyphen ("Sino-") must be glued to the next word;
- case-sensitive patterns must match as written ("US" but not "us"; a leading "the" may be
  capitalised);
- overlapping matches keep the longest ("South Sudan" over "Sudan", "Latin America" over
  "America"), so blocs and `ignore` phrases shadow the country names they contain;
- blocs, ethnic groups and ignore phrases never count as countries (blocs are reported apart);
- a capital counts only when it stands for the state: not after a place preposition ("in
  Minsk", "outside Bamako"), not before a street-like noun ("Minsk's Okrestina Street"), not
  as "City, Country" and not as a dateline ("BANGKOK (AP) —", "Vilnius, 2 October 2020",
  "(Berlin) –");
- a seat of government ("White House") placed in another city or owned by another country
  named right before it ("the White House in Bishkek", "Russia's White House") is not its
  usual state;
- a name that is also a personal name (Jordan, Chad) is dropped next to another capitalised
  word ("Michael Jordan", "Chad Wolf").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from democdash.extract.gazetteer import Entry, Gazetteer, country_name, fold, load_gazetteer
from democdash.extract.scan import RawHit


class Mention(NamedTuple):
    """A recognised gazetteer match; `iso3` is empty for blocs (a tuple: cheap to make)."""

    iso3: str
    kind: str
    text: str
    start: int
    end: int


#: What follows a country named as who leads, backs or holds something ("Russian-led troops",
#: "the US-backed government"): the country acts, it is neither where it happened nor an
#: article's focus. Matched at a mention's end, in the text or lower-cased.
AS_AN_AGENT = re.compile(
    r"-(?:led|backed|funded|sponsored|brokered|owned|installed|supported|trained|armed|"
    r"imposed|allied|aligned|controlled|occupied|annexed|made|based|ruled|run)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:['’]s\b|(?<=s)['’](?!\w))")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|across|inside|into|throughout|downtown|central|"
    r"suburbs\s+of|outskirts\s+of|streets\s+of|centre\s+of|center\s+of|city\s+of|"
    r"the\s+capital,?|capital\s+city,?|airport\s+in)"
    r"(?:\s+(?:the|central|downtown|northern|southern|eastern|western))?\s+)$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[A-Z][\w’'-]*\s+){0,3}"
    r"(?:Street|Square|Avenue|Road|Boulevard|Prospect|Airport|University|Hospital|Park|"
    r"Stadium|Station|Bridge|District|Prison|Jail|Metro|Marathon|Zoo|Museum)\b"
    r"|^,\s+(?:the\s+)?[A-Z]"
    r"|^\s+(?:city|airport|residents?|streets|suburbs?|outskirts|neighbou?rhoods?)\b"
)
#: What follows a capital that opens a line as a report's dateline: an agency in brackets or
#: a dash ("BANGKOK (AP) —", "KYIV — "), or a date after a comma ("Vilnius, 2 October 2020").
_DATELINE_AFTER = re.compile(
    r"[ \t]*(?:\([A-Z][\w .&-]{0,24}\)[ \t]*)?[—–]|[ \t]+-[ \t]"
    r"|,[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}\b)"
)
#: What closes a capital in brackets that opens a line as a release's dateline ("(Berlin) –").
_BRACKETED_DATELINE = re.compile(r"\)[ \t]*[—–-][ \t]")
#: A comma before the next item of a list.
_LISTED = re.compile(r",\s+")
_CAP_WORD = re.compile(r"[A-Z][a-zà-ÿ’'-]+$")
_CAP_NEXT = re.compile(r"^ [A-Z][a-zà-ÿ]+")
_NOT_FIRST_NAMES = frozenset(
    {
        "The",
        "In",
        "On",
        "At",
        "And",
        "But",
        "For",
        "From",
        "To",
        "With",
        "By",
        "Of",
        "As",
        "President",
        "King",
        "Queen",
        "Prime",
        "Minister",
        "Kingdom",
        "Republic",
        "State",
        "When",
        "While",
        "If",
        "Since",
        "After",
        "Before",
        "Neighbouring",
        "Neighboring",
        "Both",
        "Unlike",
        "Like",
        "Even",
        "Only",
        "Also",
        "Why",
        "How",
        "What",
        "Where",
        "Meanwhile",
        "Then",
        "Today",
    }
)
_NEXT_OK = frozenset(
    {
        "Defense",
        "Defence",
        "Police",
        "Army",
        "Government",
        "Armed",
        "Foreign",
        "Valley",
        "River",
        "Basin",
        "Sea",
        "Embassy",
        "Ministry",
        "President",
        "Prime",
        "Parliament",
        "National",
    }
)


def _boundary_ok(text: str, start: int, end: int, pattern: str) -> bool:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False
    if pattern.endswith("-"):
        return end < len(text) and text[end].isalpha()
    return end >= len(text) or not text[end].isalnum()


def _case_ok(surface: str, entry: Entry) -> bool:
    if not entry.case_sensitive or surface == entry.pattern:
        return True
    if len(surface) >= 4 and surface.isupper() and surface == entry.pattern.upper():
        return True  # headings and lead-ins in capitals ("RUSSIA", "ONE YEAR IN MALI")
    pattern = entry.pattern
    return pattern[:1].islower() and surface == pattern[:1].upper() + pattern[1:]


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _person_context(text: str, start: int, end: int) -> bool:
    """True when the name sits inside a personal name ("Michael Jordan", "Chad Wolf")."""
    before = text[max(0, start - 25) : start]
    if before.endswith(" "):
        word = _CAP_WORD.search(before[:-1])
        if word and word.group() not in _NOT_FIRST_NAMES:
            return True
    after = _CAP_NEXT.match(text[end : end + 25])
    return bool(after and after.group().strip() not in _NEXT_OK)


def _capital_as_place(
    text: str, start: int, end: int, capitals: frozenset[int] = frozenset()
) -> bool:
    """True when a capital names the city as a place rather than the state. `capitals` are
    where the text's capitals start: one after a comma lists capitals ("Vilnius, Warsaw and
    Riga condemned ..."), where a country after it places the city ("Minsk, Belarus")."""
    if _PLACE_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    if (start == 0 or text[start - 1] == "\n") and _DATELINE_AFTER.match(text, end):
        return True  # "BANGKOK (AP) — ...", "KYIV — ...": where the report was filed
    if _BRACKETED_DATELINE.match(text, end) and text[max(0, start - 2) : start] in ("(", "\n("):
        return True  # "(Berlin) – Kazakh authorities should ...": a release's dateline
    if not _PLACE_AFTER.search(text[end : end + 60]):
        return False
    listed = _LISTED.match(text, end)
    return not (listed and listed.end() in capitals)


#: What follows a seat of government that places it in another city ("the White House in
#: Bishkek", Kyrgyzstan's): it is that city's building, not the state it usually stands for.
_SEAT_PLACED = re.compile(r",?\s+in\s+[A-Z]")


def _seat_elsewhere(
    text: str, start: int, end: int, iso3: str, before: tuple | None, after: tuple | None
) -> bool:
    """True when a seat of government ("White House") is another state's building: placed in
    a place of another state (`_SEAT_PLACED`: "in Bishkek", not "in Washington"), or owned by
    another country or city named right before it ("Russia's White House", "the Russian
    White House"), which is then the mention. `before` and `after` are the gazetteer matches
    (start, end, entries) around it."""
    placed = _SEAT_PLACED.match(text, end)
    if placed and after is not None and after[0] == placed.end() - 1:
        return after[2][0].iso3 not in ("", iso3)  # not "in January", nor "in Washington"
    if before is None:
        return False
    owner = before[2][0]
    gap = text[before[1] : start]
    return gap in (" ", "'s ", "’s ") and owner.iso3 not in ("", iso3) and owner.kind != "seat"


def _candidates(
    text: str, gaz: Gazetteer, folded: str, raw: Iterable[RawHit] | None
) -> list[tuple[int, int, tuple[Entry, ...]]]:
    found = []
    size = len(text)
    for end_index, (length, hyphen, entries) in gaz.automaton.iter(folded) if raw is None else raw:
        start = end_index - length + 1
        end = end_index + 1
        # cheap word-boundary pre-checks before any slicing (most raw hits sit inside words)
        if start and folded[start - 1].isalnum():
            continue
        if end < size and folded[end].isalnum() and not hyphen:
            continue
        surface = text[start:end]
        if len(entries) == 1:  # the common case: one entry, most often written as listed
            entry = entries[0]
            if entry.case_sensitive and surface != entry.pattern and not _case_ok(surface, entry):
                continue
            ok = entries
        else:
            ok = tuple(e for e in entries if _case_ok(surface, e))
            if not ok:
                continue
        if _boundary_ok(text, start, end, ok[0].pattern):
            found.append((start, end, ok))
    return found


def find_mentions(
    text: str,
    gazetteer: Gazetteer | None = None,
    folded: str | None = None,
    raw: Iterable[RawHit] | None = None,
    places: list[Mention] | None = None,
) -> list[Mention]:
    """All country and bloc mentions in `text`, in text order (ignore phrases and ethnic groups
    are matched, shadow what they contain, and are then left out). A capital that names the
    city rather than the state is left out too, and appended to `places` when given (a place
    is no person's name, `democdash.extract.people`, and is where an event happened,
    `democdash.extract.events`). `folded` is `fold(text)`,
    passed when the caller already has it; `raw` are the gazetteer's raw automaton matches in
    `folded` when the caller has scanned already (see `democdash.extract.scan`). Without a
    `gazetteer` one is built for this call: pass one when finding mentions in many texts."""
    gaz = gazetteer or load_gazetteer()
    found = _candidates(text, gaz, folded if folded is not None else fold(text), raw)
    found.sort(key=_longest_first)
    taken = bytearray(len(text) + 1)
    kept = []
    for start, end, entries in found:
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append((start, end, entries))
    kept.sort()
    capitals = frozenset(start for start, _, entries in kept if entries[0].kind == "capital")
    mentions: list[Mention] = []
    size = len(text)
    for i, (start, end, entries) in enumerate(kept):
        entry = entries[0]
        if entry.kind in ("ethnic", "ignore"):
            continue
        if entry.kind == "seat" and _seat_elsewhere(
            text,
            start,
            end,
            entry.iso3,
            kept[i - 1] if i else None,
            kept[i + 1] if i + 1 < len(kept) else None,
        ):
            continue
        if entry.person_ambiguous and _person_context(text, start, end):
            continue
        if entry.kind == "capital" and _capital_as_place(text, start, end, capitals):
            if places is not None:
                places.append(Mention(entry.iso3, entry.kind, text[start:end], start, end))
            continue
        stop = end
        if end < size and text[end] in "'’" and not entry.pattern.endswith("-"):
            poss = _POSSESSIVE.match(text, end)
            if poss:
                stop = poss.end()
        mentions.append(Mention(entry.iso3, entry.kind, text[start:stop], start, stop))
    return mentions


def _longest_first(candidate: tuple[int, int, tuple[Entry, ...]]) -> tuple[int, int]:
    return candidate[0] - candidate[1], candidate[0]


def group_countries(mentions: list[Mention], gazetteer: Gazetteer | None = None) -> list[dict]:
    """Country mentions grouped by code, in order of first mention: the `countries` contract."""
    groups: dict[str, dict] = {}
    for m in mentions:
        if not m.iso3:
            continue
        group = groups.get(m.iso3)
        if group is None:
            name = country_name(m.iso3, gazetteer)
            group = groups[m.iso3] = {"iso3": m.iso3, "name": name, "mentions": []}
        group["mentions"].append({"text": m.text, "start": m.start, "end": m.end})
    return list(groups.values())
