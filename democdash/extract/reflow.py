"""Hard-wrapped text made whole again: lines broken at a fixed width (a plain-text newsletter, an
e-mail, the text a PDF gives) joined back into the paragraphs they were cut from.

Extraction reads a line break as the end of a sentence, as it is in text written as paragraphs
(`democdash.extract.sentences`), so a report wrapped at 72 characters would be read as
sentence fragments: "delaying elections it had promised to hold by August." alone, without who
delayed them. A text counts as wrapped when most of its lines come close to one width of at most
`MAX_WIDTH` characters; a line is then joined to the next when the next line's first word would
not have fitted on it, which is why it was broken, or when it comes near the width and
the next line opens in lower case (a PDF's lines are broken by the width of their letters,
not by their count, and no sentence opens in lower case). A short line (a headline, the end of a
paragraph), a blank line, a line ending in a colon and a line that opens with a bullet or a
number stay as they are.
"""

from __future__ import annotations

from itertools import pairwise

from democdash.extract.lexicon import phrases
from democdash.extract.lists import opens_with_marker

#: Fewer lines of text than this say nothing about a width.
MIN_LINES = 6
#: Lines wider than this are paragraphs written out, not lines wrapped at a width.
MAX_WIDTH = 120
#: How far under the width a wrapped line may end (a long word pushed to the next line).
NEAR = 20
#: The share of lines that come near the width in a wrapped text (a paragraph's last line
#: and the headings do not).
NEAR_SHARE = 0.5


def wrap_width(text: str) -> int | None:
    """The width `text` is hard-wrapped at, None when it is not wrapped. The share of lines
    near the width is taken over the lines that another line follows: a paragraph's last
    line, a heading set apart, a page number or a footnote on its own line says nothing of
    where the lines were broken (a report copied from a PDF has many)."""
    lines = [line.rstrip() for line in text.split("\n")]
    lengths = [len(line) for line in lines if line.strip()]
    if len(lengths) < MIN_LINES:
        return None
    width = max(lengths)
    if width > MAX_WIDTH:
        return None
    inside = [len(line) for line, after in pairwise(lines) if line.strip() and after.strip()]
    near = sum(1 for n in inside if n >= width - NEAR)
    return width if inside and near >= NEAR_SHARE * len(inside) else None


def unwrap(text: str) -> str:
    """`text` with its hard-wrapped lines joined into their paragraphs; unchanged when it is
    not wrapped. A word broken after a hyphen keeps it ("Russian-" and "led" make
    "Russian-led"), unless the hyphen only broke the word (`_soft_hyphen`: "Organi-" and
    "zation" make "Organization")."""
    width = wrap_width(text)
    if width is None:
        return text
    lines = text.split("\n")
    low = text.lower()  # the text's own spellings, for hyphens at a line's end
    out = [lines[0]]
    for previous, line in pairwise(lines):
        before = previous.rstrip()
        words = line.split(None, 1)
        if (
            before
            and words
            and not before.endswith(":")
            and not opens_with_marker(line)
            and (
                len(before) + 1 + len(words[0]) > width
                or (len(before) >= width - NEAR and words[0][:1].islower())
            )
        ):
            if before.endswith("-") and _soft_hyphen(before, words[0], low):
                out[-1] = out[-1].rstrip()[:-1] + line.lstrip()  # "Organi-" "zation"
            else:
                joint = "" if before.endswith("-") else " "
                out[-1] = out[-1].rstrip() + joint + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


#: Words that open a compound with a hyphen of its own ("pro-democracy", "anti-government").
_PREFIXES = frozenset(
    phrases(
        "pro anti non co ex self post semi multi inter intra cross counter neo quasi well ill "
        "long short full half all one two three first second high low"
    )
)
#: Words that close a compound ("Russian-led", "state-owned", "long-term").
_TAILS = frozenset(
    phrases(
        "led backed based owned funded run controlled sponsored aligned allied installed "
        "brokered known term level scale wide style like free related linked minded born made "
        "wing democracy democratic government western european american russian chinese"
    )
)


def _soft_hyphen(before: str, after_word: str, low: str) -> bool:
    """Whether a hyphen at a line's end only broke a word in two (a PDF's "Organi-" over
    "zation", "re-" over "forms"), not a compound ("Russian-" over "led", "pro-" over
    "democracy", "Kassym-" over "Jomart"): the second half in lower case, the first no
    compound's prefix and the second no compound's last word; the text's own spelling
    elsewhere (`low`: the text in lower case), whole or hyphenated, decides first."""
    head = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
    tail = after_word.rstrip(".,;:!?)\"'”’")
    if not (head.isalpha() and tail.isalpha() and tail.islower()):
        return False
    if f"{head}{tail}".lower() in low:
        return True  # written whole elsewhere
    if f"{head}-{tail}".lower() in low:
        return False  # written with its hyphen inside a line elsewhere
    return head.lower() not in _PREFIXES and tail not in _TAILS
