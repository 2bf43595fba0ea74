"""Sections headed by a country: a newsletter's or a round-up's "KAZAKHSTAN", "Belarus",
"Russia and Ukraine" on a line of their own over the paragraphs about that country.

Under such a heading, a step that names no country of its own ("Human Rights Watch urged the
authorities to investigate the use of lethal force") is aimed at the section's country, not at
the article's main one: a digest of five countries has no single focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from democdash.extract.countries import Mention
from democdash.extract.lists import Lines
from democdash.extract.sentences import Sentence

#: A section heading is a short line: at most this many words.
MAX_HEADING_WORDS = 8
#: What may stand between the country names of a heading ("Russia and Ukraine", "Armenia,
#: Azerbaijan & Georgia", "Focus: Belarus").
_JOINERS = re.compile(r"(?:and|&|the|focus|in|on|,|:|/|[-–—]|\s)*", re.IGNORECASE)


def section_countries(
    text: str, sentences: Sequence[Sentence], lines: Lines, mentions: Sequence[Mention]
) -> dict[int, str]:
    """Sentence index -> the country of the section it stands in, for the sentences under a
    heading that names nothing but countries (the first of them is the section's). Another
    short line without a full stop ("ALSO WORTH READING") ends the section."""
    found: dict[int, str] = {}
    current: str | None = None
    at = 0
    for _, line in lines:
        if len(line) == 1 and _a_short_line(sentences[line[0]].text):
            sent = sentences[line[0]]
            while at < len(mentions) and mentions[at].start < sent.start:
                at += 1
            named: list[Mention] = []
            j = at
            while j < len(mentions) and mentions[j].start < sent.end:
                named.append(mentions[j])
                j += 1
            current = _heading_country(sent, named)
            continue
        if current is not None:
            found.update(dict.fromkeys(line, current))
    return found


def _a_short_line(words: str) -> bool:
    """A line that may head a section: a few words ending in a word, not a stop."""
    return bool(words) and words[-1].isalnum() and len(words.split()) <= MAX_HEADING_WORDS


def _heading_country(sent: Sentence, named: Sequence[Mention]) -> str | None:
    """The first country of a heading made of nothing but country names, else None."""
    countries = [m for m in named if m.iso3]
    if not countries or len(countries) != len(named):
        return None
    rest, pos = [], sent.start
    for mention in countries:
        rest.append(sent.text[pos - sent.start : mention.start - sent.start])
        pos = mention.end
    rest.append(sent.text[pos - sent.start :])
    return countries[0].iso3 if _JOINERS.fullmatch("".join(rest)) else None
