"""An article's byline: "By Andrew Osborn and Matthias Williams" on a line of its own among the
opening lines names who wrote the report, not people in it. `democdash.extract.people` leaves
the names out, and `democdash.ingest.meta` proposes them as the article's author (and what
follows a comma or a bar, "By Staff Reporter, Al Jazeera", as its outlet when none is known).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from democdash.extract.headline import header_end
from democdash.extract.names import NAME_PARTICLES

#: A name of one to four capitalised words ("Andrew Osborn", "Ana María de la Cruz").
_NAME = rf"[A-Z][\w.’'-]*(?:[ \t]+(?:(?:{NAME_PARTICLES})[ \t]+)*[A-Z][\w.’'-]*){{0,3}}"
#: "By" (or "Words by", "Written by"), names joined by commas, "and" or "&", then optionally a
#: comma, bar or dash and who they write for or their role; nothing else on the line.
_BYLINE = re.compile(
    rf"^[ \t]*(?:(?:[Ww]ords|[Ww]ritten|[Rr]eporting)[ \t]+)?(?:[Bb]y|BY)[ \t]*:?[ \t]+"
    rf"(?P<names>{_NAME}(?:[ \t]*(?:,|and|&)[ \t]*{_NAME})*)"
    rf"(?:[ \t]*[,|–—-][ \t]*(?P<after>[A-Z][^\n,|]{{1,40}}?|[a-z][^\n|]{{1,100}}?))?[ \t]*$",
    re.MULTILINE,
)
#: A role written in lower case after the names ("senior fellow at the Atlantic Policy
#: Institute", "a former ambassador to Belarus"): what makes "By Elena Marsh, ..." a byline,
#: where "By Monday, the government had fallen" is a sentence.
_ROLE = re.compile(
    r"\b(?:fellow|correspondent|editor|reporter|professor|director|analyst|researcher|writer"
    r"|columnist|contributor|lecturer|scholar|chair|head|president|ambassador|minister"
    r"|adviser|advisor|journalist|author|expert|member|founder|executive|officer)s?\b"
)
#: "and" or "&" joining two names.
_JOINED = re.compile(r"\band\b|&")
#: Who they write for: capitalised words only ("Al Jazeera", "The Guardian"), not a role
#: ("Moscow correspondent").
_OUTLET = re.compile(r"(?:The[ \t]+)?[A-Z][\w.&’'-]*(?:[ \t]+[A-Z][\w.&’'-]*){0,3}")


class Byline(NamedTuple):
    """Who wrote the article, who for (None when the line does not say), and where the names
    stand in the text."""

    authors: str
    outlet: str | None
    start: int
    end: int


def byline(text: str) -> Byline | None:
    """The byline among the text's opening lines (`headline.HEADER_LINES`), None when there
    is none. A sentence that opens with "By" ("By overhauling the methods ...") is none: its
    words after "By" are not capitalised names alone."""
    found = _BYLINE.search(text, 0, header_end(text))
    if found is None:
        return None
    names, after = found.group("names"), found.group("after")
    if after and after[0].islower() and not _ROLE.search(after):
        return None
    cut = names.rfind(",")
    if after is None and cut > 0 and not _JOINED.search(names[cut:]):
        # "By Staff Reporter, Al Jazeera": a last part after a comma with no "and" after it
        # is who they write for, not one more author ("By A, B and C" lists three)
        names, after = names[:cut], names[cut + 1 :]
    outlet = after.strip() if after and _OUTLET.fullmatch(after.strip()) else None
    start = found.start("names")
    return Byline(names.strip(), outlet, start, start + len(names.rstrip()))
