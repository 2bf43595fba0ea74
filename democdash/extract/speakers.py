"""Who says what a sentence says: the speaker of reported speech ('"...," X said', 'X said
(that)', 'according to X'), of a quotation across sentences, and a reporting lead ("X warned
that ...", "X believes ..."). Rules of English, not of any article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from democdash.extract.countries import Mention
from democdash.extract.datelines import after_dateline
from democdash.extract.lexicon import phrases
from democdash.extract.lists import line_body
from democdash.extract.subjects import CUE_AT, NAME, subject

#: The verbs of saying, as a regex alternation.
REPORTING = (
    r"said|says|added|adds|told|tells|wrote|writes|stated|states|warned|warns|insisted|insists|"
    r"declared|declares|argued|argues|noted|notes|announced|announces|contends|maintains"
)
#: The word features (`w:said`) of the reporting verbs: a sentence with one may name a speaker.
REPORTING_WORDS = frozenset(f"w:{verb}" for verb in REPORTING.split("|"))
#: Who speaks without a name or an article: "activists", "Lithuania's foreign minister",
#: "senior European officials" (one to three words ending in one of these).
_ROLE = (
    r"(?:(?:[A-Z][\w.-]*[’']s\s+)?(?:(?!(?:and|but|or|as|so|yet)\s)[\w’'-]+\s+){0,2}"
    r"(?:officials?|activists?|diplomats?|analysts?|protesters?|demonstrators|critics|experts?|"
    r"observers|lawmakers|legislators|ministers?|ministry|spokes(?:man|woman|person)|sources?|"
    r"residents|witnesses|campaigners|organi[sz]ers|leaders?|opponents|supporters|members|"
    r"authorities|investigators|prosecutors|advis[eo]rs?|aides?|envoys?|ambassadors?|monitors|"
    r"researchers|journalists|students|groups?|parties|governments?|president|chancellor|"
    r"premier|secretary|senators|congress(?:wo)?men|MEPs|MPs|deputies|lawyers|economists|"
    r"scholars|commentators|officers|generals|delegates|negotiators))"
)
#: A role's qualifier: "members of Congress", "diplomats in Brussels", "officials at the UN".
_OF_WHOM = r"(?:\s+(?:of|from|in|at)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2})?"
#: What may follow a closing reporting verb and still end the sentence: when, where or how it
#: was said (", X said on Tuesday", "..., X wrote in a letter to the president"), or whom X
#: told (", X told reporters"); never a clause of its own ("said that ...", "said the EU must").
_NOT_A_CLAUSE = r"(?!(?:that|must|should|would|will|could|may|might|can|shall)\b)"
_SAID_TAIL = (
    r"(?:\s+(?:on|in|at|during|after|before|to|from|via|over|last|this|late|early|earlier|"
    rf"later|yesterday|today|recently)\b(?:\s+{_NOT_A_CLAUSE}[\w’'.$-]+){{0,6}})?"
)
#: Where a speaker named after the verb works ("argued Erica Marat of the National Defense
#: University", "said Ann Lee at Chatham House").
_AFFILIATION = (
    r"(?:\s+(?:of|from|at|with)\s+(?:the\s+)?[A-Z][\w’'&-]*"
    r"(?:\s+(?:of\s+|for\s+|the\s+|and\s+)?[A-Z][\w’'&-]*){0,6})?"
)
_TOLD = rf"(?:told|tells)(?:\s+{_NOT_A_CLAUSE}[\w’'.$-]+){{1,7}}"
#: A speaker named by role alone, without a name ("officials", "senior European diplomats").
UNNAMED_ROLE = re.compile(_ROLE)
#: A name after its title, the title in lower case ("State Department spokesman Ned Price",
#: "EU foreign policy chief Josep Borrell"): the name says who speaks.
_TITLED = (
    rf"(?:{NAME}\s+)?(?:[a-z][\w-]*\s+){{0,3}}?"
    r"(?:spokes(?:man|woman|person)|minister|secretary|chief|envoy|ambassador|advis[eo]r|"
    r"official|commander|director|head|leader|president|chair(?:man|woman)?)"
    rf"\s+{NAME}"
)
_SPEAKER = re.compile(
    rf"[\"”’'],?\s+(?:(?P<a>{_TITLED}|(?:the\s+)?{NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,40}}?|he|she)"
    rf"\s+(?:{REPORTING})"
    rf"|(?:{REPORTING})\s+(?P<b>{_TITLED}|(?:the\s+)?{NAME}))"
    rf"|,\s+(?P<c>{_TITLED}|(?:the\s+)?{NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,60}}?|{_ROLE}{_OF_WHOM})"
    rf"\s+(?:(?:{REPORTING}){_SAID_TAIL}|{_TOLD})\s*\.?$"
    rf"|,\s+(?:{REPORTING})\s+(?P<e>{_TITLED}|(?:the\s+)?{NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,40}}?)"
    rf"{_AFFILIATION}(?:,\s+[^,.;:]{{3,80}})?,?{_SAID_TAIL}\s*\.?$"
    rf"|\b(?:[Aa]ccording\s+to)\s+(?P<d>(?:the\s+)?{NAME}|{_ROLE}\b)"
    rf"|\b[Ii]n\s+(?P<f>(?:the\s+)?{NAME})[’']s?\s+(?:view|opinion|words|judgment)\b"
    rf"|\b[Aa]s\s+(?P<g>(?:the\s+)?{NAME})(?:,\s+[^,]{{3,80}},)?\s+(?:puts|put)\s+it\b"
)
#: A modal or an auxiliary: words that make a clause, never a speaker's name.
_A_CLAUSE = re.compile(
    r"\b(?:would|will|could|should|must|may|might|can|shall|is|are|was|were|has|have|had)\b"
)
#: Where a relative clause opens inside a speaker's words ("a diplomatic source who had been
#: briefed"): its verbs are the clause's, not the speaker's.
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\b")
#: A body's statement or spokesperson, who speak for it ("the ministry's spokesman said").
_VOICE_OF = re.compile(
    r"(.+?)[’']s\s+(?:statement|spokes(?:man|woman|person)|press\s+(?:office|service)"
    r"|press\s+secretary)",
    re.IGNORECASE,
)


class Nearby(NamedTuple):
    """A sentence next to the one described, with what resolving a name found in it needs:
    its text, its offset in the article, its country mentions and its people (a tuple: made
    for every sentence, cheap to make)."""

    text: str
    offset: int
    mentions: Sequence[Mention]
    people: Sequence[dict]


#: How many sentences back (and ahead) a quotation's speaker is looked for.
QUOTE_REACH = 3
#: The marks a quotation opens with (as `holder_and_acting` looks for them; "‘" is left out:
#: its closing mark is the apostrophe).
_OPENING_QUOTES = ("“", '"')


def quote_speaker(
    text: str, before: Sequence[Nearby], after: Sequence[Nearby]
) -> tuple[str, Nearby] | None:
    """For a sentence inside a quotation that names no speaker itself ("“We need to be
    pragmatic.”"), the speaker named where the quotation closes ('…,” X said.', when this
    sentence leaves it open) or where it was introduced ("X said:", or an earlier sentence of
    the same quotation that names its speaker), with the sentence that names it. `before` are
    the sentences before, nearest first; `after` the ones after. A sentence that goes on with
    a quotation the sentence before opened and left open ('Raab said:' over '"We don't accept
    the results.' and 'We will hold those responsible to account."') is read as part of it."""
    if not text.lstrip().startswith(_OPENING_QUOTES):
        if not before or not _leaves_open(before[0].text):
            return None
        closes = text.rstrip().endswith(("”", '"'))
        return quote_speaker(before[0].text, before[1:], () if closes else after)
    if not _closes_quote(text):
        for near in after[:QUOTE_REACH]:
            named = speaker(near.text)
            if named is not None:
                return named, near
            if _closes_quote(near.text):
                break
    for near in before[:QUOTE_REACH]:
        named = speaker(near.text)
        if named is not None:
            return named, near
        if near.text.rstrip().endswith(":"):
            introduced = subject(near.text)
            return (introduced, near) if introduced not in (None, "author") else None
        if not near.text.lstrip().startswith(_OPENING_QUOTES):
            break
    return None


def _leaves_open(text: str) -> bool:
    """Whether a sentence opens a quotation it does not close."""
    return text.lstrip().startswith(_OPENING_QUOTES) and not _closes_quote(text)


def _closes_quote(text: str) -> bool:
    """Whether a quotation that opens a sentence ends in it."""
    straight = text.count('"')
    return "”" in text or (straight >= 2 and straight % 2 == 0)


def speaker(text: str) -> str | None:
    """The speaker named by reported speech in a sentence ("..., X said"), else None."""
    m = _SPEAKER.search(text)
    if not m:
        return None
    name = next((m.group(g) for g in "abcedfg" if m.group(g)), "")
    name = name.strip().rstrip(".,;:")
    if _A_CLAUSE.search(_RELATIVE.split(name, 1)[0]):
        return None  # "..., said the mission would be temporary": what is said, not who
    voiced = _VOICE_OF.fullmatch(name)  # "the council's statement": the council speaks
    return (voiced.group(1) if voiced else name) or None


#: The verbs that open a sentence with who says or thinks what follows ("Critics argue that
#: the West should ...", "Lukashenko said the EU must ...", "Many in Brussels think ..."),
#: and those of them that only believe it.
_BELIEVING = tuple(
    phrases("believe believes believed think thinks thought suggest suggests suggested")
)
_LEAD_WORDS = (
    *phrases(
        "say says said argue argues argued insist insists insisted maintain maintains "
        "maintained contend contends contended claim claims claimed write writes wrote warn "
        "warns warned note notes noted state states stated told stress stresses stressed "
        "emphasise emphasises emphasised emphasize emphasizes emphasized reiterate "
        "reiterates reiterated made_clear makes_clear make_clear"
    ),
    *_BELIEVING,
)
_REPORTING_LEAD = re.compile(
    r"\s(?:has\s+|have\s+|had\s+|would\s+|might\s+|could\s+|must\s+)?"
    rf"(?P<verb>{'|'.join(sorted(_LEAD_WORDS, key=len, reverse=True))})\b"
    r"(?:(?<=told)(?:\s+[\w’'-]+){1,3}?)?"  # "told reporters (that) ..."
    r"\s+(?:that\s+)?(?=\S)"
)
#: The verbs of a reporting lead, as word features: a sentence with none of them has no lead.
LEAD_VERBS = frozenset(f"w:{w.split()[-1]}" for w in _LEAD_WORDS)  # "made clear": w:clear
#: What cannot stand in the words of who says it.
_NOT_IN_WHO = re.compile(r"[,;:“”\"()]")
#: Verbs of seeming or continuing, which govern a reporting verb's "to" ("GD seems to believe
#: that ..."); after any other word the "to" makes an infinitive ("the right to maintain
#: order"), not a report.
_GOVERN_TO = frozenset(
    phrases("seem seems seemed appear appears appeared continue continues continued tend tends")
)
#: How far into the sentence who says it may run (characters), and the verb after it.
_LEAD_REACH = 60
_LEAD_VERB_REACH = 30
_THAT = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)
_THAT_OPENS = re.compile(r"\bthat\s+")
#: The modals of a step still ahead, in what the lead reports.
_AHEAD_MODAL = re.compile(
    r"\b(?:should|must|ought|needs?\s+to|has\s+to|have\s+to|will|would|shall|could|can|may|"
    r"might|wo)\b"
)


class Lead(NamedTuple):
    """A reporting lead: who says or thinks it, what they say, and whether they only believe
    it ("Analysts believe ...", "Some think ..."): then the one said to take the step holds
    the position, where one who says it ("Lukashenko said Belarus would ...") holds it."""

    who: str
    said: str
    believed: bool


def _infinitive(who: str) -> bool:
    """Whether the words before a reporting verb end in an infinitive's "to" (see
    `_GOVERN_TO`)."""
    words = who.lower().split()
    return len(words) >= 2 and words[-1] == "to" and words[-2] not in _GOVERN_TO


def reporting_lead(text: str) -> Lead | None:
    """The reporting lead when the sentence opens with who says or thinks it and what they
    say is a step still ahead with its own subject; None otherwise, and when who is "it" or
    holds a verb of its own. Who holds the position (`holder_and_acting`): who says the West
    "should" recommends it, as who says it "will" states it; one believed to take it ("will",
    "may") holds it."""
    text = line_body(after_dateline(text).strip())
    m = _REPORTING_LEAD.search(text, 1, _LEAD_REACH + _LEAD_VERB_REACH)
    if m is None or m.start() > _LEAD_REACH or _NOT_IN_WHO.search(text, 0, m.start()):
        return None
    who, said = text[: m.start()].strip(), text[m.end() :]
    if who.lower() in ("it", "this", "that") or CUE_AT.search(who) or _THAT.search(who):
        return None
    if _infinitive(who):
        return None  # "... the right of the authorities to maintain order": no one says it
    that = _THAT_OPENS.search(said)  # "said as recently as last week that the pipeline ..."
    first = CUE_AT.search(said)
    if that is not None and first is not None and that.start() < first.start():
        said = said[that.end() :]
    cue = CUE_AT.search(said)
    if cue is None or not _AHEAD_MODAL.fullmatch(cue.group(0)) or cue.start() == 0:
        return None
    return Lead(who, said, m.group("verb") in _BELIEVING)
