"""Lists that spell out a position: the items under a lead-in that ends in a colon and names
a position ("The EU and its member states should:", "the movement grew to include five major
demands:") each take that position, as a reader takes them.

A policy memo's recommendations and a movement's demands are often written this way, and an
item alone ("- impose targeted sanctions on ...", "Release those arrested at protests") holds
neither a subject nor a modal: read by itself, it looks like no position at all. The rule is
about how documents are laid out, not about any article's words.

A report's recommendations are laid out so too, under a heading of their own
("Recommendations", "Our demands", "Recommendations to the EU") and often grouped by whom they
are addressed to ("To ASEAN member states:"): each item is the author's recommendation (or
demand), and the addressee would act (`headings`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from democdash.extract.date_grammar import MONTHS
from democdash.extract.sentences import Sentence

#: A position named near the end of a lead-in: what the items under it are.
_POSITION = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:s|ve)\s+to|recommend\w*|demand(?:s|ed)?"
    r"|call(?:s|ed)?\s+(?:on|upon|for)|urg(?:e|es|ed)|propos(?:e|es|ed|als?)|pledg(?:e|es|ed)"
    r"|promis(?:e|es|ed)|vow(?:s|ed)?|commit(?:s|ted)?\s+to)\b",
    re.IGNORECASE,
)
#: How many of a lead-in's last words may hold the position ("should:" is the last word;
#: "five major demands:" the last of three).
LEAD_TAIL_WORDS = 8
#: A line that opens with a bullet or an enumerator ("- ", "• ", "1. ", "(a) ", "ii) "), or a
#: thread's post number ("2/ The EU calls on ...").
_MARKER = re.compile(r"(?:[-–—•*·▪●]|\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|\d{1,2}/)\s+")
#: An item without a marker is a short line with no sentence-final stop ("Release those
#: arrested at protests"); a paragraph of prose after the list ends it.
MAX_PLAIN_ITEM_WORDS = 25
#: Unmarked lines count as a list only when there are at least this many of them: one short
#: line after a colon is as often a quotation or a slogan.
MIN_PLAIN_ITEMS = 2


#: A label that opens a line and says what kind of line it is or who speaks it, and is no
#: word of what is said: an interview's "Q:" and "A:", a memo's "Summary:", a transcript's
#: speaker ("MR PRICE:", "QUESTION:", "Tsikhanouskaya:", "Interviewer:"), up to four
#: capitalised words, with a debate's constituency and party after them ("Alicia Kearns
#: (Rutland and Melton) (Con):"), or a minister's office with the name in brackets ("The
#: Minister for Europe (Wendy Morton):").
_LABEL = re.compile(
    r"(?P<label>Q|A|Summary|Background|Update|Note|Analysis|Context|In\s+brief|Bottom\s+line"
    r"|What\s+comes\s+next|What(?:[’']s|\s+is)\s+next|What\s+to\s+watch|Why\s+it\s+matters"
    r"|The\s+big\s+picture|The\s+bottom\s+line|Between\s+the\s+lines|Driving\s+the\s+news"
    r"|What\s+we\s+know|Key\s+points?|Go\s+deeper"
    r"|(?:The[ \t]+)?(?:Prime[ \t]+|Deputy[ \t]+)?(?:Minister|Secretary[ \t]+of[ \t]+State)"
    r"\b[^:()\n]{0,80}\([A-Z][^()\n]{1,40}\)"
    r"|[A-Z][A-Za-z.'’-]*(?:[ \t][A-Z][A-Za-z.'’-]*){0,3}(?:[ \t]\([^()\n]{1,40}\)){0,2})"
    r"[ \t]*:[ \t]+"
)
#: The furthest a label's colon stands from the start of its line (characters).
_LABEL_REACH = 200
#: The sentences grouped by the line they stand on: (line start, sentence indices).
Lines = list[tuple[int, list[int]]]


#: A heading over a list of positions, on a line of its own: "Recommendations", "Policy
#: recommendations", "Our demands", "4. Recommendations to the EU:".
_HEADING = re.compile(
    r"(?:#+\s*|(?:\d{1,2}|[IVX]{1,4})\.\s+)?(?:(?:key|main|policy|our|the|summary\s+of)\s+){0,3}"
    r"(?P<what>recommendations|demands)(?:\s+(?:to|for)\s+(?P<to>[^:.!?]{2,80}?))?\s*:?",
    re.IGNORECASE,
)
#: A line under such a heading that says whom the items after it are addressed to: "To ASEAN
#: member states:", "For the United States and the European Union:".
_ADDRESSEE = re.compile(r"(?:to|for)\s+(?P<to>[^:.!?]{2,120}?)\s*:", re.IGNORECASE)
_STANCE_OF_HEADING = {"recommendations": "recommends", "demands": "demands"}


@dataclass(frozen=True)
class Heading:
    """A heading (or an addressee line under one) over a list of positions: what its items
    are (`stance`, "recommends" or "demands") and, when it says, whom they are addressed to
    (`to`, as written)."""

    stance: str
    to: str | None = None


def headings(sentences: Sequence[Sentence], lines: Lines) -> dict[int, Heading]:
    """The headings of lists of positions and the addressee lines under them, by sentence
    index (`lines`: the sentences by line, `lines_of`): a heading stands on a line of its
    own; an addressee line counts only under a heading, with nothing but list items and
    other addressee lines between them."""
    found: dict[int, Heading] = {}
    section: Heading | None = None
    for _, line in lines:
        index = line[0]
        words = sentences[index].text.strip()
        heading = _HEADING.fullmatch(words) if len(line) == 1 else None
        addressee = _ADDRESSEE.fullmatch(words) if len(line) == 1 and section else None
        if heading is not None:
            stance = _STANCE_OF_HEADING[heading.group("what").lower()]
            section = found[index] = Heading(stance, heading.group("to"))
        elif addressee is not None and section is not None:
            found[index] = Heading(section.stance, addressee.group("to"))
        elif section is not None and not opens_with_marker(words):
            section = None
    return found


#: A live page's time stamp that opens an entry ("10:45 GMT — Troops arrive", "Yesterday
#: 22:00 GMT - ..."), or a chronology's date ("9 August 2020 - Lukashenko claims ...",
#: "Aug. 9, 2020: ..."): when it was posted or happened, no word of what it says.
_MONTH = rf"(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
_TIME_STAMP = re.compile(
    r"(?:(?:Yesterday|Today)\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|BST|CES?T|E[SD]T|ET|MSK"
    r"|local\s+time|[ap]\.?m\.?))?\s*[—–-]\s+"
    rf"|(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)(?:\s+\d{{4}})?\s*(?:[—–-]|:)\s+",
    re.IGNORECASE,
)
#: The first three letters of the lines a time stamp or a chronology's date may open.
_MONTH_OPENS = {month[:3] for month in MONTHS}
_STAMP_OPENS = frozenset((*_MONTH_OPENS, *(m.upper() for m in _MONTH_OPENS), "Yes", "Tod"))


def after_marker(text: str, start: int) -> int:
    """Where the words of the line at `start` begin, after a bullet or an enumerator that
    opens it ("- impose sanctions" begins at "impose"): a quote of an item is its words."""
    found = _MARKER.match(text, start)
    return found.end() if found else start


def opening_label(line: str) -> re.Match | None:
    """The label that opens a line ("Tsikhanouskaya: We need ...": its words are the match's
    `label` group), None without one."""
    return _LABEL.match(line)


def line_body(text: str) -> str:
    """A line without the bullet, enumerator, time stamp, chronology's date or label that
    opens it ("- impose sanctions", "10:45 GMT — Troops arrive", "9 August 2020 - Lukashenko
    claims ...", "Q: Should Asean ...", "Summary: The government ...", "What comes next: EU
    ministers ..."): what is left has the line's subject, if any."""
    found = _MARKER.match(text)
    if found is None and (text[:1].isdigit() or text[:3] in _STAMP_OPENS):
        found = _TIME_STAMP.match(text)
    if found:
        text = text[found.end() :]
    if text.find(":", 0, _LABEL_REACH) < 0:
        return text  # most lines: no colon where a label would end
    found = _LABEL.match(text)
    return text[found.end() :] if found else text


def lead_in(text: str) -> bool:
    """Whether a sentence introduces a list of positions: it ends in a colon and names a
    position among its last words."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return False
    tail = " ".join(stripped[:-1].split()[-LEAD_TAIL_WORDS:])
    return _POSITION.search(tail) is not None


def list_items(
    text: str,
    sentences: Sequence[Sentence],
    heads: dict[int, Heading] | None = None,
    lines: Lines | None = None,
) -> dict[int, int]:
    """The sentences that are items of a list of positions: sentence index -> the index of
    the lead-in it stands under. A lead-in ends its line (a sentence that ends in a colon and
    names a position, or one of `heads`, from `headings`); its items are the lines right
    after it (blank lines between them allowed), each opening with a bullet or an
    enumerator, or else each a short paragraph of its own without a full stop; the first line
    that is neither ends the list. `lines` are the sentences by line, when already grouped."""
    lines = lines if lines is not None else lines_of(text, sentences)
    heads = heads or {}
    items: dict[int, int] = {}
    for at, (_, line) in enumerate(lines):
        last = line[-1]
        if last not in heads and not lead_in(sentences[last].text):
            continue
        run = _items_after(
            text, sentences, lines[at + 1 :], _ends_a_paragraph(text, last, sentences)
        )
        for _, members in run:
            for index in members:
                items[index] = last
    return items


def lines_of(text: str, sentences: Sequence[Sentence]) -> Lines:
    """The sentences grouped by the line they stand on: (line start, sentence indices)."""
    out: Lines = []
    for index, sent in enumerate(sentences):
        start = text.rfind("\n", 0, sent.start) + 1
        if out and out[-1][0] == start:
            out[-1][1].append(index)
        else:
            out.append((start, [index]))
    return out


def _items_after(
    text: str,
    sentences: Sequence[Sentence],
    following: Lines,
    apart: bool,
) -> Lines:
    """The lines of the list under a lead-in (`apart`: the lead-in ends its paragraph)."""
    marked = bool(following) and opens_with_marker(sentences[following[0][1][0]].text)
    run: Lines = []
    for line in following:
        first = sentences[line[1][0]].text
        if marked:
            if not opens_with_marker(first):
                break
        elif not (
            apart
            and _is_plain_item([sentences[i].text for i in line[1]])
            and _ends_a_paragraph(text, line[1][-1], sentences)
        ):
            break  # unmarked, each item is a paragraph of its own: not a hard-wrapped line
        run.append(line)
    if not marked and len(run) < MIN_PLAIN_ITEMS:
        return []
    return run


def _ends_a_paragraph(text: str, index: int, sentences: Sequence[Sentence]) -> bool:
    """Whether a blank line (or the end of the text) follows the sentence at `index`."""
    return _PARAGRAPH_END.match(text, sentences[index].end) is not None


_PARAGRAPH_END = re.compile(r"[ \t]*(?:\n[ \t]*\n|\n?[ \t]*\Z)")


#: The most words a heading holds ("What the EU should do next").
MAX_HEADING_WORDS = 12


def a_heading(text: str, sent: Sentence) -> bool:
    """Whether a sentence is a subheading ("What the EU should do next", "Volume 712: debated
    on 10 March"), which names a subject, not a position (unless it is a list's item, which
    `list_items` reads): a short line of its own that opens with a capital or a number, ends
    with a word (not a stop, nor a resolution clause's comma or semicolon) and ends its
    paragraph."""
    words = sent.text.strip()
    if (sent.start == 0 or text[sent.start - 1] == "\n") and shouted(words):
        return _LINE_END.match(text, sent.end) is not None
    if not words or not (words[0].isupper() or words[0].isdigit()) or not words[-1].isalnum():
        return False
    if len(words.split()) > MAX_HEADING_WORDS:
        return False
    if sent.start and text[sent.start - 1] != "\n":
        return False
    # a blank line (or the text's end) follows it: a hard-wrapped line goes on on the next
    if _PARAGRAPH_END.match(text, sent.end) is not None:
        return True
    # a live report's entry ("10:45 GMT — Troops arrive"), its report on the next line: a
    # line that opens with a time stamp is no wrapped line's end (nor is a chronology's next
    # entry, which opens with a stamp of its own, the report of this one)
    body = _NEXT_LINE.match(text, sent.end)
    return bool(
        body and _TIME_STAMP.match(text, sent.start) and not _TIME_STAMP.match(text, body.end())
    )


#: A label in capitals of three words or more that opens a line ("PREFERRED LANGUAGE TO
#: ADDRESS TARGET: Belarusian, English").
_CAPITAL_LABEL = re.compile(r"(?:[A-Z][A-Z’'/&-]*\s+){2,}[A-Z][A-Z’'/&-]*:")
#: The end of a line: spaces, then a line break or the text's end.
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


def shouted(line: str) -> bool:
    """Whether a line is written in capitals, a heading or a form's label whatever its length
    ("TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS", "PLEASE TAKE ACTION AS SOON AS
    POSSIBLE UNTIL: 5 August 2021"): all its letters, or a label of three words or more that
    opens it. A speaker's name before a colon ("MR PRICE: Good afternoon") is two words."""
    if _CAPITAL_LABEL.match(line):
        return True
    return len(line.split()) >= 2 and not any(c.islower() for c in line)


#: The line break after a line and the indent of the next line, which has words.
_NEXT_LINE = re.compile(r"[ \t]*\n[ \t]*(?=\S)")


def opens_with_marker(line: str) -> bool:
    """Whether a line opens with a bullet or an enumerator, after any indent."""
    return _MARKER.match(line.lstrip()) is not None


def _is_plain_item(parts: list[str]) -> bool:
    if len(parts) != 1:
        return False
    words = parts[0].split()
    return 0 < len(words) <= MAX_PLAIN_ITEM_WORDS and parts[0].rstrip()[-1] not in ".!?:"
