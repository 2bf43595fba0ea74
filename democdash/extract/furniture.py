"""A page's furniture, copied with an article's text. From a web page: photo captions and
credits, "Share this article", "Listen to this article", "Advertisement", "Sign up for our
newsletter", "Read more: ...", a copyright line, a social-media post's "Replying to @...",
"Translate post" and counts of likes, and its back matter: what follows a "References",
"See also" or "External links" heading in the second half of the text (an encyclopedia
article's cited sources, with the days they were retrieved). None of it is what the article
reports: no date in it is an event's, and no sentence of it is a candidate event or option.

From a printed page (a report's text taken from a PDF): page numbers ("Page 2 of 14"), the
running head that repeats the title on every page, a date on a line of its own, and the
footnotes under a rule line; from
a letter, the address block, the salutation, the closing and the signatures. They are no
sentences of the text either, but a footnote's dates are the text's own ("Address to
the nation, 16 March 2022"), so dates are still found in them (`Furniture.print_spans`).
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
    r"|Follow\s+us\b[^\n]*|(?:©|Copyright\b)[^\n]*|All\s+rights\s+reserved\.?"
    # a wire report's credits: "Reporting by ...; Editing by Andrew Osborn"
    r"|(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled)\s+by\b[^\n]*"
    # a social-media post's: "Replying to @eu_eeas", "Translate post", "1.2K Reposts"
    r"|Replying\s+to\s+@[^\n]*|Translate\s+(?:post|tweet)|Show\s+(?:this\s+thread|more)"
    r"|Quote(?:\s+(?:post|tweet))?|Retweeted|Reposted|Pinned(?:\s+(?:post|tweet))?"
    r"|(?:[\d.,]+[KkMm]?\s+(?:Likes?|Reposts?|Retweets?|Views|Replies|Quotes|Bookmarks)\s*[·|]?\s*)+"
    r")[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


#: Words one of which a text holds when it holds a caption: most texts hold none, and are
#: not scanned for one.
_CAPTION_WORDS = ("hoto", "HOTO", "aption", "mage", "icture", "REUTERS/", "AFP/", "AP/")
#: The longest line a prompt stands on ("Sign up for our Eurasia newsletter").
MAX_PROMPT_CHARS = 160


#: When a page says it was last changed, counted from when it is read ("Updated 2 years
#: ago"): no date of the text.
_READ_STAMP = re.compile(
    r"\b(?:Updated|Posted|Published)\s+(?:\d+|an?|one)\s+(?:minute|hour|day|week|month|year)s?"
    r"\s+ago\b",
    re.IGNORECASE,
)


#: A heading on a line of its own that opens a text's back matter, which runs to its end.
BACK_MATTER = re.compile(
    r"^[ \t]*(?:References|Notes|Footnotes|Endnotes|Sources|Bibliography|Citations|See\s+also"
    r"|External\s+links|Further\s+reading)[ \t]*:?[ \t]*$",
    re.MULTILINE,
)


def back_matter(text: str) -> tuple[int, int] | None:
    """The span of the text's back matter: from the first `BACK_MATTER` heading in the second
    half of the text to its end (a heading in the first half heads a part of the article)."""
    m = BACK_MATTER.search(text, len(text) // 2)
    return (m.start(), len(text)) if m else None


def spans(text: str) -> list[tuple[int, int]]:
    """The spans of the page's furniture in `text`, in order: captions, prompt lines (only
    short lines are tried as prompts: a paragraph of prose is none), stamps of when the page
    changed counted from its reading (`_READ_STAMP`) and the back matter (`back_matter`)."""
    found = []
    end = back_matter(text)
    if end is not None:
        found.append(end)
    if any(word in text for word in _CAPTION_WORDS):
        found += [(m.start(), m.end()) for m in CAPTION.finditer(text)]
    if " ago" in text:
        found += [(m.start(), m.end()) for m in _READ_STAMP.finditer(text)]
    start = 0
    for line in text.split("\n"):
        if 0 < len(line) <= MAX_PROMPT_CHARS:
            prompt = PROMPT.match(line)
            if prompt is not None:
                found.append((start + prompt.start(), start + prompt.end()))
        start += len(line) + 1
    return sorted(found)


#: A date on a line of its own, as a page prints when it was published ("December 3, 2024",
#: "3 December 2024 15:04 GMT", "Published: Tuesday 3 December 2024"): no sentence of the text.
DATE_LINE = re.compile(
    r"[ \t]*(?:(?:Published|Updated|Posted|First\s+published)(?:\s+on)?:?\s+)?"
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?[ \t]*"
)
#: A page number on a line of its own: "Page 2", "Page 2 of 14", "- 2 -", "2 / 14".
PAGE_NUMBER = re.compile(
    r"[ \t]*(?:Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4})"
    r"[ \t]*",
    re.IGNORECASE,
)
#: The longest line that is only a date ("Published: Wednesday 30 September 2020 12:45 BST").
MAX_DATE_LINE = 60
#: The longest page-number line ("Page 123 of 456").
MAX_PAGE_NUMBER = 20
#: The characters a rule line is made of.
_RULE_OPENS = frozenset("_-—–")
#: The rule line a page's footnotes stand under ("__________", "----------").
FOOTNOTE_RULE = re.compile(r"[ \t]*(?:_{5,}|-{5,}|—{3,}|–{3,})[ \t]*")
#: A footnote's opening number ("1 Address to the nation, ...", "2. Ibid.").
_NOTE_NUMBER = re.compile(r"[ \t]*\d{1,3}[.)]?[ \t]+\S")
#: A line repeated as a running head has at least this many words (a lone "Summary" or
#: "Recommendations" may head two sections).
MIN_HEAD_WORDS = 3
#: The longest line read as a running head.
MAX_HEAD_CHARS = 120


#: A letter's salutation ("Dear Secretary Blinken:").
_SALUTATION = re.compile(r"[ \t]*Dear\s[^\n]{2,80}[:,][ \t]*")
#: A letter's closing words, on a line of their own ("Sincerely,", "Yours faithfully,").
CLOSING = (
    r"[ \t]*(?:(?:Yours\s+)?(?:[Ss]incerely|[Ff]aithfully|[Tt]ruly)(?:\s+yours)?"
    r"|Respectfully(?:\s+yours)?|(?:Best|Kind|Warm|With\s+best)\s+regards|Regards),?[ \t]*"
)
_CLOSING = re.compile(CLOSING)
#: The longest line of an address or a signature block.
MAX_BLOCK_LINE = 80


def _letter_blocks(lines: list[str]) -> list[int]:
    """The indices of a letter's address block (the short lines just before its salutation,
    and the salutation), and of its closing and the signatures under it (short lines to the
    text's end)."""
    found: list[int] = []
    for i, line in enumerate(lines):
        if len(line) > MAX_BLOCK_LINE:
            continue
        if line.lstrip().startswith("Dear ") and _SALUTATION.fullmatch(line):
            found.append(i)
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            while j >= 0 and lines[j].strip() and len(lines[j]) <= MAX_BLOCK_LINE:
                found.append(j)
                j -= 1
        elif _CLOSING.fullmatch(line):
            rest = range(i, len(lines))
            if all(len(lines[k]) <= MAX_BLOCK_LINE for k in rest):
                found += [k for k in rest if lines[k].strip()]
            break
    return found


#: A resolution's citation of what it rests on ("– having regard to its previous resolutions on
#: Belarus, in particular that of 10 June 2021,"): a reference, not a report or a position.
_RECITAL = re.compile(r"^[ \t]*[–—-]?[ \t]*[Hh]aving\s+regard\s+to\b[^\n]*", re.MULTILINE)


def print_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a printed page's furniture in `text`, in order: page-number lines, lines
    that are only a date, every repeat of a short line seen before (a running head), the
    footnotes under a rule line (the rule and the lines after it up to the next blank one,
    when the first opens with a note's number), a letter's address block, salutation,
    closing and signatures, and a resolution's "having regard to" citations (`_RECITAL`)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found = [(starts[i], starts[i] + len(lines[i])) for i in _letter_blocks(lines)]
    if "aving regard to" in text:
        found += [(m.start(), m.end()) for m in _RECITAL.finditer(text)]
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line) > MAX_HEAD_CHARS:  # a paragraph: none of these
            i += 1
            continue
        words = line.strip()
        if (
            words[:1] in _RULE_OPENS
            and FOOTNOTE_RULE.fullmatch(line)
            and i + 1 < len(lines)
            and _NOTE_NUMBER.match(lines[i + 1])
        ):
            while i < len(lines) and lines[i].strip():
                found.append((starts[i], starts[i] + len(lines[i])))
                i += 1
            continue
        page_number = len(words) <= MAX_PAGE_NUMBER and PAGE_NUMBER.fullmatch(line)
        if page_number or (len(words) <= MAX_DATE_LINE and DATE_LINE.fullmatch(line)):
            found.append((starts[i], starts[i] + len(line)))
        elif len(words) <= MAX_HEAD_CHARS and len(words.split()) >= MIN_HEAD_WORDS:
            if words in seen:
                found.append((starts[i], starts[i] + len(line)))
            seen.add(words)
        i += 1
    return sorted(found)


class Furniture:
    """The furniture of one text, asked whether an offset falls inside it: a web page's
    (`spans`, where no date is found) and a printed page's (`print_spans`)."""

    def __init__(self, text: str) -> None:
        self.spans = spans(text)
        self.print_spans = print_spans(text)
        self._all = sorted(self.spans + self.print_spans)
        self._starts = [start for start, _ in self._all]

    def __contains__(self, offset: int) -> bool:
        at = bisect_right(self._starts, offset) - 1
        return at >= 0 and offset < self._all[at][1]
