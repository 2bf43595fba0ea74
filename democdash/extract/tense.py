"""Whether a sentence tells of something done or of a step still ahead, for the events.

An event word after a modal or a verb of intent ("must", "will", "urged ... to", "has not
ruled out") is a step still ahead, an option and not an event, unless the sentence has a past
verb elsewhere: an "-ed" word that is no participle qualifying a noun ("targeted sanctions")
nor the end of a compound ("so-called"), or a common irregular past form not after "be" or
"to" ("will be held"). What lies between the modal and its event word, a condition after it
("if he returned") and another clause after it (a colon, ", whose ...") tell nothing done, nor
do past verbs of saying, asking or refusing ("Lithuania urged the EU to impose sanctions").
Rules of English, each with a test in `tests/unit/extract/test_extract_people_events.py`.
"""

from __future__ import annotations

import re

from democdash.extract.date_grammar import WILL
from democdash.extract.lexicon import Hit, phrases

#: A lower-case word ending in "-ed", searched in the sentence as written (so that a name such
#: as "United" or "Ahmed" is none).
_ED_WORD = re.compile(r"\b[a-z]+ed\b")
#: Words after which an "-ed" word is a participle that qualifies a noun ("targeted
#: sanctions", "against detained activists", "the newly elected parliament"), not a verb.
_QUALIFYING = frozenset(
    phrases(
        "a an the its their his her our your this these those of on for with against into to "
        "from more most newly widely well so highly heavily freely fully"
    )
)
#: Common irregular past forms (`_PAST_WORD` looks for one in the lower-cased text).
PAST_FORMS = (
    r"(?:was|were|had|took|began|broke|fled|led|won|lost|fell|rose|"
    r"came|went|made|held|gave|left|saw|met|sent|shot|stood|set|ran|hit)"
)
_PAST_WORD = re.compile(rf"\b{PAST_FORMS}\b")
#: "-ed" words that are almost always adjectives ("the judges and prosecutors involved",
#: "the countries concerned"), not past verbs.
_ADJECTIVES_IN_ED = frozenset(("involved", "concerned"))
#: Words after which such a form is no past: "will be held", "to set up".
_NOT_PAST_AFTER = frozenset(("be", "to"))


def _word_before(text: str, at: int) -> str:
    """The word (lower-cased) right before position `at` and one space, "" when none."""
    if at < 2 or text[at - 1] != " ":
        return ""
    return text[text.rfind(" ", 0, at - 1) + 1 : at - 1].lower()


def _past_ed(text: str) -> bool:
    """Whether a sentence, as written, has a past verb ending in "-ed": not the end of a
    compound ("so-called", "Kremlin-backed"), nor a participle after `_QUALIFYING` words, nor
    one of `_ADJECTIVES_IN_ED`."""
    for m in _ED_WORD.finditer(text):
        at = m.start()
        if m.group() in _ADJECTIVES_IN_ED:
            continue
        if text[at - 1 : at] not in ("-", "’", "'") and _word_before(text, at) not in _QUALIFYING:
            return True
    return False


def _past_word(folded: str) -> bool:
    """Whether lower-cased text has a common irregular past form used as one."""
    return any(
        _word_before(folded, m.start()) not in _NOT_PAST_AFTER for m in _PAST_WORD.finditer(folded)
    )


#: A modal or a verb of intent: an event word after one, in a sentence with no past verb, is a
#: step still ahead ("Europe must answer it with sanctions this week"), an option, not an event.
AHEAD = re.compile(
    rf"\b(?:must|should|ought\s+to|needs?\s+to|{WILL}|would|could|may|might|shall|"
    r"(?:plans?|threatens?|vows?|promises?|pledges?|intends?|wants?|aims?|seeks?)\s+to|"
    r"(?:promised|pledged|vowed)|"
    r"calls?\s+for|urges?|urged|called\s+(?:on|for)|asked|pressed|demanded|"
    r"(?:refused|declined)\s+to|(?:not|n't|never)\s+(?:yet\s+)?rul(?:e|es|ed|ing)\s+out|"
    r"consider(?:s|ing)|weigh(?:s|ing)|mull(?:s|ing)|examin(?:es|ing)|recommend(?:s|ed|ing)?|"
    r"advocat(?:e|es|ed|ing)|propos(?:e|es|ed|ing))\b"
)


def ahead(folded: str, start: int, first: Hit) -> re.Match | None:
    """The modal or verb of intent that comes before the event word `first` in the sentence
    starting at `start` of `folded`, if any; not "may have", "might have" or "must have",
    which tell of the past ("may have been poisoned")."""
    found = AHEAD.search(folded, start, first[1])
    while found is not None and found.group() == "may" and _THE_MONTH.match(folded, found.start()):
        found = AHEAD.search(folded, found.end(), first[1])  # "On 23 May 2021 police ..."
    if found is not None and _SURMISED_PAST.match(folded, found.start()):
        return None
    return found


#: "may" as the month: a number on either side of it ("23 May", "May 23", "May 2021").
_THE_MONTH = re.compile(r"(?<=\d\s)may\b|may\s+\d", re.IGNORECASE)


#: A modal of what is supposed to have happened.
_SURMISED_PAST = re.compile(r"(?:may|might|must)\s+(?:well\s+|not\s+)?have\b")


#: Past verbs of saying, asking and refusing.
_SPOKEN = re.compile(
    r"\b(?:said|told|urged|called|demanded|asked|pressed|warned|rejected|refused|declined|"
    r"announced|declared|stated|added|insisted|argued|noted|proposed|suggested|offered|"
    r"recommended|advocated|promised|pledged|vowed)\b",
    re.IGNORECASE,
)


def told_as_done(clause: str) -> bool:
    """Whether a clause as written has a past verb ("whose troops arrived at his request on",
    "and left by"): `_past_ed` or a common irregular past form, other than a verb of saying,
    asking or refusing ("urged the council to renew the mandate in": a step ahead)."""
    clause = _SPOKEN.sub(" ", clause)
    return _past_ed(clause) or _past_word(clause.lower())


#: What opens another clause after a step ahead: a colon, a semicolon or a relative pronoun.
_CLAUSE_AFTER = re.compile(r"[:;]|,\s+(?:whose|which|who|where)\b")
#: What opens a condition of a step ahead, or the time it lasts until: its verbs tell nothing
#: that happened ("keep its sanctions in place until all political prisoners were freed").
_CONDITION = re.compile(r"\b(?:if|unless|once|should|until|till)\b", re.IGNORECASE)


#: How many words may stand between a modal and its event word for them to be one step ahead.
_STEP_WORDS = 4


def past(
    text: str,
    folded: str,
    start: int,
    end: int,
    skip: re.Match | None,
    word: tuple[int, int] = (0, 0),
) -> bool:
    """Whether the sentence (`text`, at `start`-`end` of `folded`) has a past verb outside
    the words `skip` matched and those after it up to the first event word (at `word`), that
    word too when it follows closely ("has not ruled out further sanctions", "should impose
    targeted sanctions", "would be arrested" are not in the past), and outside a condition
    after them ("if he returned")."""
    if skip is None:
        return _past_ed(text) or _past_word(folded[start:end])
    a, b = skip.start() - start, max(skip.end(), word[0]) - start
    if len(folded[skip.end() : word[0]].split()) <= _STEP_WORDS:
        b = max(b, word[1] - start)  # "would be arrested": the event word is the step's too
    text = text[:a] + " " * (b - a) + text[b:]  # the sentence alone: no copy of the article
    condition = _CONDITION.search(text, b)
    if condition is not None:  # "would be arrested if he returned": the return is a condition
        text = text[: condition.start()]
    clause = _CLAUSE_AFTER.search(text, b)
    if clause is not None:  # "... sanctions: they would push Astana closer to Moscow, whose
        text = text[: clause.start()]  # troops helped ...": another clause's past
    # saying, asking or refusing in the past does not make the step ahead happen ("Lithuania
    # urged the EU to impose sanctions", "Tokayev rejected calls for talks")
    return told_as_done(text)
