"""An article's headline: its first line when that reads as one (three to thirty words, as
an official statement's long title has; no end mark, no link, no "Source:" or "Published:"
label). It is proposed as the article's title (`democdash.ingest.meta`), and it is not a
candidate event or policy option: an editor's summary of the report that follows, which
names the same event or position with its attribution and its quote."""

from __future__ import annotations

import re

#: A web link in the text.
URL = re.compile(r"https?://[^\s<>\"“”()]+", re.IGNORECASE)
#: A labelled header line ("Source: Reuters", "Published: 24 May 2021").
HEADER_LABEL = re.compile(
    r"^(?P<label>source|outlet|published(?:\s+on)?|updated(?:\s+on)?|date|by|url|link)\s*[:|-]\s*"
    r"(?P<value>.+)$",
    re.IGNORECASE,
)
#: How many opening lines (not blank) of a text may hold its title, byline, outlet, date and
#: link.
HEADER_LINES = 8
_END_MARK = re.compile(r"[.!?:;,]$")
#: A line that is not blank.
LINE = re.compile(r"[^\n]*\S[^\n]*")


def header_end(text: str) -> int:
    """Where the text's first `HEADER_LINES` lines that are not blank end."""
    end = 0
    for n, line in enumerate(LINE.finditer(text)):
        if n == HEADER_LINES:
            break
        end = line.end()
    return end


#: The most words a headline has ("Georgia: Declaration by the High Representative on behalf
#: of the EU on the adoption of the law on "transparency of foreign influence"" has 23).
MAX_HEADLINE_WORDS = 30
_FIRST_LINE = re.compile(r"[^\S\n]*(?P<line>[^\n]*\S)[^\S\n]*(?:\n|$)")


def headline(text: str) -> tuple[str, int] | None:
    """The headline (without a Markdown "#") and where its line ends in `text`, or None when
    the first line that is not blank does not read as one."""
    at = len(text) - len(text.lstrip())
    found = _FIRST_LINE.match(text, at)
    if found is None:
        return None
    line = found.group("line")
    if (
        3 <= len(line.split()) <= MAX_HEADLINE_WORDS
        and (not _END_MARK.search(line) or _over_a_byline(line, text, found.end()))
        and not URL.search(line)
        and not HEADER_LABEL.match(line)
    ):
        return line.lstrip("# ").strip(), found.end("line")
    return None


#: What stands between a headline's line and the byline under it: one blank line at least.
_BLANK_LINE = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def _over_a_byline(line: str, text: str, after: int) -> bool:
    """Whether a first line ending in a full stop, "!" or "?" stands over a byline
    (`bylines.byline`), after a blank line: an opinion piece's headline ("... It must not."),
    not its first sentence."""
    from democdash.extract.bylines import byline  # it reads `header_end` from this module

    if line[-1] not in ".!?":
        return False
    signed = byline(text)
    if signed is None:
        return False
    line_start = text.rfind("\n", 0, signed.start) + 1
    return _BLANK_LINE.fullmatch(text, after - 1, line_start) is not None
