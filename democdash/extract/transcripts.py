"""Who speaks each paragraph of a transcript laid out with speaker lines: a parliamentary
debate ("Alicia Kearns (Rutland and Melton) (Con)" over her speech), a hearing or an
interview ("Senator Jim Risch:" over his question); and who "we" are in a statement that
says so ("We, the G7 Foreign Ministers of Canada, ..., condemn ...": `declared_voice`).

In such a document the first person is whoever the last speaker line names, not the
document's author: "I urge the Government to extend sanctions" under Alicia Kearns's line is
her position. A speaker line stands on its own, is short, names one person and ends in a
parenthesis or a colon (so a heading that names someone, "Putin's miscalculation", is none);
a document counts as a transcript only when such lines name at least two people (so a byline
over an op-ed does not make its author a speaker).

An interview may label each turn inline instead ("Tsikhanouskaya: We need them to close the
loopholes ...", "Interviewer: Three years on, ..."; `lists.opening_label`): when two lines or
more open with such a label and one of them names a person of the text, each labelled turn
is its speaker's; a briefing's label that names its speaker by title ("MR PRICE:") counts
as naming a person, and an "A:" answers for whom the introduction names as interviewed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from democdash.extract.furniture import CLOSING
from democdash.extract.headline import LINE
from democdash.extract.lists import Lines, opening_label, shouted
from democdash.extract.sentences import Sentence

#: The most words a speaker line holds ("The Minister for Europe (James Cleverly)").
MAX_SPEAKER_LINE_WORDS = 12
#: A transcript names at least this many speakers in speaker lines.
MIN_SPEAKERS = 2


class Speakers(NamedTuple):
    """Who speaks what in a transcript: sentence index -> the person speaking it (an entry of
    `people.find_people`), and the indices of the speaker lines themselves."""

    spoken: dict[int, dict]
    lines: frozenset[int]


def speakers(sentences: Sequence[Sentence], lines: Lines, people: Sequence[dict]) -> Speakers:
    """Who speaks the sentences after each speaker line, or from each labelled turn, up to
    the next (see the module docstring; `lines`: the sentences by line, `lists.lines_of`);
    nothing when the text is no transcript."""
    mentions = sorted((m["start"], p) for p in people for m in p["mentions"])
    speaker_lines: list[tuple[int, dict]] = []
    labels: list[tuple[int, dict | None]] = []
    for _, line in lines:
        first = sentences[line[0]]
        named = _speaker_named(first, mentions) if len(line) == 1 else None
        if named is not None:
            speaker_lines.append((line[0], named))
            continue
        label = opening_label(first.text)
        if label is not None:
            who_ends = first.start + label.end("label")
            named = _named_in(first.start, who_ends, mentions) or _titled_label(
                label.group("label"), first.start + label.start("label")
            )
            labels.append((line[0], named))
    if labels and any(_answers(sentences[at].text) for at, _ in labels):
        who = _interviewee(sentences, labels[0][0], mentions)
        labels = [
            (at, who if person is None and _answers(sentences[at].text) else person)
            for at, person in labels
        ]
    by_lines = len({person["name"] for _, person in speaker_lines}) >= MIN_SPEAKERS
    by_labels = len(labels) >= MIN_SPEAKERS and any(person for _, person in labels)
    # a speaker line's turn starts after it; a labelled turn's own line is spoken too
    turns = [(at + 1, person) for at, person in speaker_lines] if by_lines else []
    turns += labels if by_labels else []
    if not turns:
        return Speakers({}, frozenset())
    turns.sort(key=lambda turn: turn[0])
    spoken: dict[int, dict] = {}
    for (at, person), (upto, _) in zip(turns, [*turns[1:], (len(sentences), None)], strict=True):
        if person is not None:
            spoken.update(dict.fromkeys(range(at, upto), person))
    layout = frozenset(at for at, _ in speaker_lines) if by_lines else frozenset()
    for at in layout:
        spoken.pop(at, None)  # a speaker line is the layout's, spoken by no one
    return Speakers(spoken, layout)


#: A briefing's label that names its speaker by title and surname, often in capitals ("MR
#: PRICE:", "Ms Psaki:", "AMBASSADOR THOMAS-GREENFIELD:").
_TITLED_LABEL = re.compile(
    r"(?i:mr|ms|mrs|dr|secretary|ambassador|senator|minister|general|spokesperson)\.?"
    r"\s+[A-Z][A-Za-z’'-]+(?:\s+[A-Z][A-Za-z’'-]+)?"
)


def _titled_label(words: str, start: int) -> dict | None:
    """The person a briefing's label names by title ("MR PRICE" is Mr Price), as a person of
    the text, None when the label is no such name ("QUESTION", "Interviewer")."""
    if _TITLED_LABEL.fullmatch(words.strip()) is None:
        return None
    name = " ".join(w.capitalize() if w.isupper() else w for w in words.split())
    return {
        "name": name,
        "actor_id": None,
        "mentions": [{"start": start, "end": start + len(words)}],
    }


def _answers(line: str) -> bool:
    """Whether a line is an interview's answer ("A: We are ready for negotiations ...")."""
    return line.startswith(("A:", "A :"))


#: Where an interview's introduction names who answers ("an interview with Sviatlana
#: Tsikhanouskaya", "Interview: Maria Kolesnikova").
_INTERVIEW_WITH = re.compile(
    r"\b(?:[Ii]nterview\s+with|[Ii]nterview:|[Ss]poke\s+to|[Tt]alked\s+to)\s+"
)


def _interviewee(
    sentences: Sequence[Sentence], first_turn: int, mentions: Sequence[tuple[int, dict]]
) -> dict | None:
    """Who answers an interview's "A:" turns: the person its introduction (the text before
    the first turn) names after "interview with", else the one person it names; None when
    it names no one, or several and none so."""
    end = sentences[first_turn].start
    before = [(at, p) for at, p in mentions if at < end]
    for sent in sentences[:first_turn]:
        for cue in _INTERVIEW_WITH.finditer(sent.text):
            at = sent.start + cue.end()
            named = next((p for start, p in before if start == at), None)
            if named is not None:
                return named
    named = {p["name"]: p for _, p in before}
    return next(iter(named.values())) if len(named) == 1 else None


def _named_in(start: int, end: int, mentions: Sequence[tuple[int, dict]]) -> dict | None:
    """The person with a mention between `start` and `end`, if any."""
    return next((p for at, p in mentions if start <= at < end), None)


def _speaker_named(sent: Sentence, mentions: Sequence[tuple[int, dict]]) -> dict | None:
    """The one person a speaker line names, None when the sentence is no speaker line."""
    words = sent.text.strip()
    if not words.endswith((")", ":")) or len(words.split()) > MAX_SPEAKER_LINE_WORDS:
        return None
    named = {p["name"]: p for at, p in mentions if sent.start <= at < sent.end}
    return next(iter(named.values())) if len(named) == 1 else None


#: A statement's opening that names its "we": "We, the G7 Foreign Ministers of Canada, France
#: ..., condemn", "We, the undersigned organisations, call on ...", at a paragraph's start.
_WE_ARE = re.compile(r"(?:^|\n)[ \t]*We,\s+(?P<who>the\s+[^,;:.\n]{3,80}?)(?:\s+of\b[^;:.\n]*?)?,")
#: A resolution's body on a line of its own before its clauses ("The European Parliament,"
#: over "– having regard to ..." and "1. Calls on the Council to ..."): who adopts them.
_ADOPTED_BY = re.compile(
    r"(?:^|\n)[ \t]*(?P<who>The\s+[A-Z][\w’'-]*(?:[ \t]+(?:of\s+the\s+|of\s+)?[A-Z][\w’'-]*)"
    r"{0,6}),[ \t]*\n"
)
#: An opening line that says whose statement it is, as its title opens (after a label such as
#: "Georgia:"): "Declaration by the High Representative on behalf of the EU on ...", "Joint
#: statement by the foreign ministers of ...", "Statement of the Office of ... on ...": who
#: issued it, or on whose behalf.
_ISSUED_BY = re.compile(
    r"[ \t]*(?:[^:\n]{1,40}?\s*[:–—-]\s+)?(?:(?:Joint|Press|Official)\s+)?"
    r"(?:[Dd]eclaration|[Ss]tatement|[Cc]ommuniqu[ée])\s+"
    r"(?:by\s+(?P<by>(?:the\s+)?[A-Z][^,;:()\n]{1,80}?)"
    r"|of\s+(?P<of>the\s+[A-Z][^,;:()\n]{1,80}?))"
    r"(?:\s+on\s+behalf\s+of\s+(?P<for>(?:the\s+)?[A-Z][^,;:()\n]{1,60}?))?"
    r"(?=\s+(?:on|about|regarding|concerning)\s|\s*[,;:(]|\s*$)"
)
#: How far into the text the opening may come (a title and a dateline may stand before it).
VOICE_REACH = 600
#: A letter's closing on a line of its own ("Sincerely,", "Yours faithfully,", "Respectfully,",
#: "Best regards,") and the first line of the signature under it: who "we" are.
_CLOSING = re.compile(
    rf"\n{CLOSING}\n(?:[ \t]*\n)*[ \t]*(?P<who>[A-Z][^\n,;:]{{2,60}}?)[ \t]*(?:,|\n|$)"
)
#: How far from the text's end a letter's closing may stand (the signatures under it).
CLOSING_REACH = 2000


#: How many opening lines may say whose statement a text is, and the longest such line.
ISSUER_LINES = 3
MAX_ISSUER_LINE = 200


def _issuer(text: str) -> tuple[str, int] | None:
    """Whose statement the text is, from one of its opening lines that reads as a title (no
    full stop at its end): `_ISSUED_BY`'s issuer, or whom they speak for."""
    for line in islice(LINE.finditer(text), ISSUER_LINES):
        words = line.group().rstrip()
        if len(words) > MAX_ISSUER_LINE or words.endswith("."):
            continue
        issued = _ISSUED_BY.match(text, line.start(), line.end())
        if issued is not None:
            who = next(g for g in ("for", "by", "of") if issued.group(g))
            return issued.group(who), issued.start(who)
    return None


def adopted_by(sentence: str) -> bool:
    """Whether a sentence is a resolution's line naming the body that adopts it ("The European
    Parliament,"): the layout's, no candidate."""
    words = sentence.strip()
    return words.endswith(",") and _ADOPTED_BY.fullmatch(f"\n{words}\n") is not None


def declared_voice(text: str) -> tuple[str, int] | None:
    """Who "we" are, when a statement names them in its opening ("We, the G7 Foreign
    Ministers ...", or a resolution's "The European Parliament," over its clauses) or its first
    line says whose it is ("Declaration by the High
    Representative on behalf of the EU": the EU), or a letter is signed under its closing
    ("Sincerely," over "Jim McGovern"; the first of several signatures): their words and
    where they stand in the text; None otherwise. A line in capitals under a closing is the
    heading of what follows a model letter left unsigned ("Yours sincerely," over
    "ADDITIONAL INFORMATION"), no one."""
    found = _WE_ARE.search(text, 0, VOICE_REACH) or _ADOPTED_BY.search(text, 0, VOICE_REACH)
    if found is None:
        issued = _issuer(text)
        if issued is not None:
            return issued
    if found is None:  # a letter signed under its closing: the first signature
        found = _CLOSING.search(text, max(0, len(text) - CLOSING_REACH))
        if found is not None and shouted(found.group("who")):
            return None
    return (found.group("who"), found.start("who")) if found else None
