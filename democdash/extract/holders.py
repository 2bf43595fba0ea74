"""Who holds a position stated in a sentence: the speaker of a quote, the subject of the
sentence, or the article's author, with what kind of actor it is.

Rules from English grammar, not from any article:
- reported speech names the holder: '"...," X said', 'X said (that)', 'according to X';
- else the subject: the words of the first clause before the first modal or stance verb,
  leaving out an opening adverbial clause ("In response, ...", "After the vote, ...");
- first person ("we", "our"), an impersonal subject ("it is time", "there must be") or no
  subject before a recommendation's modal is the author.

The kind comes from the holder's words: a person found in the text (or a titled name) is a
`person`; a country, a capital standing for the state, or a government word ("government",
"ministry", "president", "the Kremlin") is a `government`; a bloc or an organisation word
("party", "council", "EU") an `organisation`; protesters, opposition or a movement a `movement`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from democdash.extract.countries import Mention
from democdash.extract.date_grammar import MONTHS, WEEKDAYS
from democdash.extract.datelines import after_dateline
from democdash.extract.lexicon import phrases
from democdash.extract.lists import line_body
from democdash.extract.people import NOT_A_PERSONS_NAME

HOLDER_KINDS = ("author", "person", "government", "organisation", "movement", "unknown")

_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:of\s+|the\s+|al-|bin\s+)?[A-Z][\w.’'-]*){0,5}"
_REPORTING = (
    r"said|says|added|adds|told|tells|wrote|writes|stated|states|warned|warns|insisted|insists|"
    r"declared|declares|argued|argues|noted|notes|announced|announces|contends|maintains"
)
#: The word features (`w:said`) of the reporting verbs: a sentence with one may name a speaker.
REPORTING_WORDS = frozenset(f"w:{verb}" for verb in _REPORTING.split("|"))
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
_TOLD = rf"(?:told|tells)(?:\s+{_NOT_A_CLAUSE}[\w’'.$-]+){{1,7}}"
#: A speaker named by role alone, without a name ("officials", "senior European diplomats").
_UNNAMED = re.compile(_ROLE)
#: A name after its title, the title in lower case ("State Department spokesman Ned Price",
#: "EU foreign policy chief Josep Borrell"): the name says who speaks.
_TITLED = (
    rf"(?:{_NAME}\s+)?(?:[a-z][\w-]*\s+){{0,3}}?"
    r"(?:spokes(?:man|woman|person)|minister|secretary|chief|envoy|ambassador|advis[eo]r|"
    r"official|commander|director|head|leader|president|chair(?:man|woman)?)"
    rf"\s+{_NAME}"
)
_SPEAKER = re.compile(
    rf"[\"”’'],?\s+(?:(?P<a>{_TITLED}|(?:the\s+)?{_NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,40}}?|he|she)"
    rf"\s+(?:{_REPORTING})"
    rf"|(?:{_REPORTING})\s+(?P<b>{_TITLED}|(?:the\s+)?{_NAME}))"
    rf"|,\s+(?P<c>{_TITLED}|(?:the\s+)?{_NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,60}}?|{_ROLE}{_OF_WHOM})"
    rf"\s+(?:(?:{_REPORTING}){_SAID_TAIL}|{_TOLD})\s*\.?$"
    rf"|,\s+(?:{_REPORTING})\s+(?P<e>{_TITLED}|(?:the\s+)?{_NAME}|(?:the|a|an)\s+[\w\s.’'-]{{3,40}}?)"
    rf"(?:,\s+[^,.;:]{{3,80}})?\s*\.?$"
    rf"|\b(?:[Aa]ccording\s+to)\s+(?P<d>(?:the\s+)?{_NAME}|{_ROLE}\b)"
    rf"|\b[Ii]n\s+(?P<f>(?:the\s+)?{_NAME})[’']s?\s+(?:view|opinion|words|judgment)\b"
    rf"|\b[Aa]s\s+(?P<g>(?:the\s+)?{_NAME})(?:,\s+[^,]{{3,80}},)?\s+(?:puts|put)\s+it\b"
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
#: Words of the speaker patterns that need no reporting verb ("In X's view", "as X puts it").
_VIEW_WORDS = ("view", "opinion", "words", "judgment", " put")
#: The first modal or stance verb: the holder is the subject before it.
_CUE_AT = re.compile(
    r"\b(?:should|must|ought|needs?\s+to|has\s+to|have\s+to|will|would|shall|could|can|may|"
    r"might|wo|plans?\s+to|planned|intends?|aims?\s+to|seeks?|sought|wants?|wanted|wish(?:es)?|"
    r"hopes?|promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|vow(?:s|ed|ing)?|commit(?:s|ted)?\s+to|"
    r"call(?:s|ed)?\s+(?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|ask(?:s|ed)?|"
    r"insist(?:s|ed)?|threaten(?:s|ed)?|warn(?:s|ed)?|refus(?:e|es|ed)|reject(?:s|ed)?|"
    r"rul(?:e|es|ed)\s+out|oppos(?:e|es|ed)|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|"
    r"propos(?:e|es|ed)|recommend(?:s|ed)?|announc(?:e|es|ed)|offer(?:s|ed)?|is|are|was|were|"
    r"has|have|had|said|says)\b"
)
_CHUNKS = re.compile(r",(?!\d)\s*|\s+[-–—]{1,2}\s+|;\s*")
#: "it is clear that X ...", "it was reported that X ...": X is the subject that counts.
_THAT_CLAUSE = re.compile(
    r"\bit(?:\s+(?:is|was|has\s+been|had\s+been|seems|seemed|appears|appeared)|[’']s)\s+"
    r"(?:now\s+|also\s+)?(?:clear|evident|obvious|apparent|reported|understood|likely|believed"
    r"|said|known|announced|expected)\s+that\s+",
    re.IGNORECASE,
)
#: First words of a clause that opens a sentence without being its subject, an inverted
#: condition's among them ("Should the generals agree ..., Washington could ...", "Had the
#: West acted ...", "Were Russia to invade ...").
_ADVERBIAL_STARTS = frozenset(
    phrases(
        "in on at after since when while during last earlier later for according if as although "
        "though despite with without amid following looking working perhaps but and however "
        "moreover furthermore yet still then now today yesterday this that these those by from "
        "before unless given once instead meanwhile nearly almost over under to more indeed "
        "likewise similarly thus hence so also finally first firstly second secondly third "
        "thirdly lastly nonetheless "
        "whatever whether further again besides otherwise overall ahead short absent barring "
        "beyond rather apart except should had were"
    )
)
#: Conjunctions and sentence adverbs that can open a sentence before its subject, with no
#: comma ("But the EU will ...", "Now the army must ...").
_LEADING = frozenset(
    phrases(
        "but and yet so still then now also indeed instead thus hence however moreover "
        "furthermore perhaps meanwhile nonetheless likewise similarly finally again further"
    )
)
#: A pronoun with its verb contracted ("it’s", "they’ve", "we’re").
_CONTRACTED = re.compile(r"(?i)(it|they|we|he|she|i|you|there|that)[’'](?:s|ve|re|ll|d|m)")
#: "This", "these"...: an opening time phrase when a comma follows ("This week, ..."), else
#: the subject's first word ("These partners can ...").
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
#: Subject relative pronouns: a clause after the first that opens with one is not the subject
#: ("whom X condemned" is: X is the subject there).
_RELATIVES = frozenset(("which", "who"))
#: An opening adverb in "-ly" ("Consequently, ...", "Hopefully, ..."), by the suffixes that
#: make adverbs of adjectives, so that a name such as "Italy" is not one.
_LY_ADVERB = re.compile(r"[a-z]{2,}(?:al|ous|ed|ent|ant|ive|ing|te|ful|ar|ib|ab|ic|ss|ct)ly")
#: The last word of an opening time phrase ("A week earlier, ...", "Two years ago, ...").
_TIME_ENDS = frozenset(("earlier", "later", "ago", "afterwards"))
_SUBJECT_STOPS = frozenset(
    phrases(
        "has have had is are was were will would can could should must may might also then now "
        "on in at said says say separately already still further firmly not never need needs "
        "asked urged called who which that did does do began became took made gave came went "
        "got held led left lost won saw sent fell rose grew knew thought brought kept met ran "
        "stood told wrote spoke broke chose drew fought found heard meant paid sold sought froze "
        "struck threw remains remain remained seems seem seemed appears appear appeared "
        "continues continue continued soon often argue argues warn warns insist insists "
        "contend contends predict predicts"
    )
)
#: Verbs whose past is their present ("Soldiers set fire to ...", `_past_verb`).
_SAME_FORM_VERBS = frozenset(phrases("set put cut hit shut spread quit cast"))
_FIRST_PERSON = frozenset(phrases("we i our us my"))
_LET_US = re.compile(r"[Ll]et(?:\s+(?:us|me)\b|[’']s\b)")
_IMPERSONAL = frozenset(phrases("it there this that what one here"))
_GOVERNMENT = frozenset(
    phrases(
        "government governments administration ministry minister ministers president "
        "presidency premier chancellor cabinet regime authorities junta army military police "
        "parliament congress senate kremlin white_house state_department foreign_office "
        "officials official state states embassy ambassador envoy leader leaders leadership"
    )
)
_ORGANISATION = frozenset(
    phrases(
        "party parties council commission union organisation organization committee agency "
        "court bank fund alliance bloc nato un eu asean au ecowas imf group watch amnesty "
        "institute foundation company network coalition league federation association"
    )
)
_MOVEMENT = frozenset(
    phrases(
        "protesters protestors demonstrators opposition movement activists students rebels "
        "campaigners dissidents workers strikers militants insurgents exiles diaspora "
        "supporters crowd crowds youth"
    )
)
_TITLES = frozenset(
    phrases(
        "mr mrs ms dr president prime minister general gen secretary senator chancellor king "
        "queen prince sheikh premier ambassador envoy spokesman spokeswoman spokesperson "
        "secretary-general director-general commissioner rapporteur"
    )
)


#: How far back (in characters) a pronoun looks for the person it stands for.
PRONOUN_REACH = 1500
_PRONOUNS = frozenset(("he", "she"))
#: Pronouns that are a subject on their own, whatever word follows them.
_SUBJECT_PRONOUNS = _PRONOUNS | {"they"}


class Antecedents:
    """Whom "he" or "she" stands for ("He promised ..."): the person named last before the
    pronoun, within `PRONOUN_REACH` characters. `named` are the article's person mentions as
    (start, name, actor_id, end), in text order, and `starts` their starts."""

    def __init__(self, named: Sequence[tuple[int, str, str | None, int]], starts: list[int]):
        self._named = named
        self._starts = starts

    def before(self, offset: int) -> dict | None:
        """The person named last before `offset` ({name, actor_id}), if within reach."""
        at = bisect_left(self._starts, offset) - 1
        if at < 0 or offset - self._starts[at] > PRONOUN_REACH:
            return None
        _, name, actor_id, _ = self._named[at]
        return {"name": name, "actor_id": actor_id}


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
    the sentences before, nearest first; `after` the ones after."""
    if not text.lstrip().startswith(_OPENING_QUOTES):
        return None
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


def _closes_quote(text: str) -> bool:
    """Whether a quotation that opens a sentence ends in it."""
    straight = text.count('"')
    return "”" in text or (straight >= 2 and straight % 2 == 0)


def person_as_holder(person: dict) -> dict:
    """A person of the article (`people.find_people`) as who holds a position."""
    return _person(person)


def _person(person: dict) -> dict:
    return {
        "text": person["name"],
        "kind": "person",
        "actor_id": person.get("actor_id"),
        "iso3": None,
    }


def _clean(words: list[str]) -> str:
    text = " ".join(words).strip(" ,.;:\"“”‘’'()")
    # an initialism keeps its last full stop ("The U.S." is not "The U.S")
    return f"{text}." if _INITIALISM_CUT.search(text) else text


_INITIALISM_CUT = re.compile(r"\b(?:[A-Z]\.)+[A-Z]$")


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
#: The subject of what is said that stands for who says it ("they", "he", "we" ...).
_SAYER_PRONOUNS = frozenset(("they", "he", "she", "we", "i", "it"))
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
    if who.lower() in ("it", "this", "that") or _CUE_AT.search(who) or _THAT.search(who):
        return None
    if _infinitive(who):
        return None  # "... the right of the authorities to maintain order": no one says it
    that = _THAT_OPENS.search(said)  # "said as recently as last week that the pipeline ..."
    first = _CUE_AT.search(said)
    if that is not None and first is not None and that.start() < first.start():
        said = said[that.end() :]
    cue = _CUE_AT.search(said)
    if cue is None or not _AHEAD_MODAL.fullmatch(cue.group(0)) or cue.start() == 0:
        return None
    return Lead(who, said, m.group("verb") in _BELIEVING)


#: The verbs that open a resolution's numbered clauses, their subject left out ("1. Calls on
#: ...", "2. Does not recognise ...").
_CLAUSE_VERB = re.compile(
    r"(?:Calls|Urges|Demands|Condemns|Supports|Welcomes|Does|Insists|Stresses|Requests|"
    r"Encourages|Reiterates|Deplores|Decides|Instructs|Recommends|Invites|Expresses|Regrets|"
    r"Reaffirms|Underlines|Emphasi[sz]es|Notes|Considers|Believes|Asks|Recognises|Recognizes|"
    r"Rejects|Endorses|Commends|Appeals|Strongly|Firmly)\b"
)


#: Three or more names listed before a lower-case word: who does it, together.
_NAMES_LISTED = re.compile(
    r"(?P<names>(?:[Tt]he\s+)?(?P<first>[A-Z][\w.’'-]*)"
    r"(?:\s+(?:of\s+|the\s+)?[A-Z][\w.’'-]*){0,5}"
    rf"(?:,\s+(?:the\s+)?{_NAME})+,?\s+and\s+(?:the\s+)?{_NAME})\s+(?=[a-z])"
)
#: Words that open a place or a time, not a name: "In Minsk, Grodno and Brest, crowds ...".
_OPENING_PREPOSITIONS = frozenset(
    phrases(
        "in on at by for from after before during since under with without across throughout "
        "between among amid despite unlike like outside inside near"
    )
)


#: A condition that opens a sentence, up to its comma ("If the junta refuses to free them,
#: ...", "Should the generals agree to talks, ..."): when the first modal or stance verb
#: stands in it, the subject is in the clause after it. Only a condition: a clause of time or
#: concession ("While it is important to acknowledge that Russia will remain a key
#: strategic, economic and security partner ...") holds commas of its own too often.
#: The words that open such a condition.
_CONDITION_WORDS = ("If", "Unless", "Should", "Had", "Were", "Even if", "As long as", "Provided")
_CONDITION_OPENS = tuple(f"{word} " for word in _CONDITION_WORDS)  # a cheap test first
_CONDITION_PATTERN = "|".join(word.replace(" ", r"\s+") for word in _CONDITION_WORDS)
_OPENING_CLAUSE = re.compile(
    rf"(?:{_CONDITION_PATTERN})\s[^,;:()\"“”—–]{{1,120}}?,\s+(?!and\b|or\b|but\b)"
)


def opening_condition(text: str) -> re.Match | None:
    """The condition that opens a sentence, up to its comma and the space after it ("If the
    junta refuses to free them, ", "Should the generals agree to talks, "), None without one."""
    return _OPENING_CLAUSE.match(text) if text.startswith(_CONDITION_OPENS) else None


def subject(text: str) -> str | None:
    """The subject phrase before the sentence's first modal or stance verb, "author" for
    first person, None when there is none (nor in a numbered clause that opens with its verb:
    "2. Calls on the Council to impose sanctions ...", a resolution's clause, whose subject is
    the body that adopts it)."""
    opened = after_dateline(text)
    text = line_body(opened)
    if text is not opened and _CLAUSE_VERB.match(text):
        return None
    when = _OPENING_TIME.match(text)
    if when and not (_YEAR_OF_A_NAME.search(when.group()) and text[when.end()].isupper()):
        # "Between October 2022 and January 2023 the authorities detained ...": when, then who
        return subject(text[when.end() :])
    listed = _NAMES_LISTED.match(text)
    if listed and listed.group("first").lower() not in _OPENING_PREPOSITIONS:
        return listed.group("names")  # "The US, Britain, Canada and Australia announced"
    cue = _CUE_AT.search(text)
    opening = opening_condition(text)
    if opening and (cue is None or cue.start() < opening.end()) and opening.end() < len(text):
        found = subject(text[opening.end() :])  # "If the junta refuses ..., the EU will ..."
        if found is not None and found.split()[0] in _IMPERSONAL:
            return None  # "If this was revenge, that sends a message ...": no one named
        return found
    clause = _THAT_CLAUSE.search(text) if "that" in text else None
    if clause and (cue is None or clause.start() <= cue.start()):
        return subject(text[clause.end() :])
    head = text[: cue.start()] if cue else text
    closed = head.rstrip().endswith(",")  # "X, Jane Doe, said": the last chunk is set off
    head = head.strip(' ,"“”')
    chunks = _CHUNKS.split(head)
    for n, chunk in enumerate(chunks):
        words = chunk.strip(' "“”(').lstrip("'‘").split()
        lead = 0
        while len(words) > lead + 1 and words[lead].lower() in _LEADING:
            lead += 1  # "But the EU will ...": the subject follows the conjunction
        words = words[lead:]
        last = n + 1 == len(chunks)
        if lead and len(words) == 1 and not last:
            continue  # "But so far, ...": an adverb, not the subject
        contracted = _CONTRACTED.match(words[0]) if words else None
        if contracted:
            words = [contracted.group(1)]  # "it’s", "they’ve": the pronoun is the subject
        if not words or (
            words[0].lower() in _ADVERBIAL_STARTS
            and not (last and words[0].lower() in _DEMONSTRATIVES)
        ):
            continue
        if n and words[0].lower() in _RELATIVES:
            continue  # "..., which is concerned about ..., the BNP has said"
        if n + 1 < len(chunks) and (_participial(words) or _adverbial(words)):
            continue
        if words[0] != "US" and words[0].lower().strip("’'") in _FIRST_PERSON:
            return "author"
        if _LET_US.match(" ".join(words[:2])):
            return "author"  # "Let us be clear: ...", "Let me start with ..."
        if words[0].lower() in _IMPERSONAL and len(words) == 1:
            return None
        kept: list[str] = []
        for i, word in enumerate(words[:8]):
            if i == 1 and word != "and" and kept[0].lower() in _SUBJECT_PRONOUNS:
                break  # "He calls it a 'New Kazakhstan'": a pronoun is the whole subject
            if kept:
                low = word.lower()
                # "the newly elected parliament": the adverb's determiner says what "-ed" is
                before = kept[-2] if len(kept) > 1 and kept[-1].endswith("ly") else kept[-1]
                if (
                    low in _SUBJECT_STOPS
                    or _past_verb(word, before)
                    or _present_verb(word, kept[-1], words[i + 1] if i + 1 < len(words) else "")
                ):
                    break
            kept.append(word)
        while len(kept) > 1 and _LY_ADVERB.fullmatch(kept[-1]):
            kept.pop()  # "Mali previously faced ...": the adverb is the verb's, not the subject's
        if len(kept) == 1 and _LY_ADVERB.fullmatch(kept[0].lower()):
            return None  # "Probably not soon.": no one
        phrase = _POSSESSIVE_END.sub("", _clean(kept))  # "Britain's offer ...": Britain
        if phrase and len(kept) == len(words) and n + 1 + (not closed) < len(chunks):
            named = _clean(chunks[n + 1].split())
            if _looks_like_name(named) and any(w.islower() for w in kept):
                # "One German lawmaker, Norbert Roettgen, told ...": the name says who
                return f"{phrase}, {named}"
        whose = _WHOSE_STEP.match(phrase) or _STEP_OF.match(phrase)
        if whose:
            return whose.group(1)  # "Beijing's decision to ...": Beijing decided
        return phrase or None
    return None


#: A possessive that ends the subject's words, where a stance word used as a noun cut them
#: ("Britain's offer of a path to citizenship ...").
_POSSESSIVE_END = re.compile(r"(?<=\w)[’']s$")
#: Nouns that name a step someone takes or holds ("decision", "plan", "offer").
_STEP = (
    r"(?:decision|plan|move|proposal|call|offer|threat|pledge|refusal|demand|bid|attempt|"
    r"announcement|intention|insistence|request|push|vow|promise|ultimatum)s?"
)
#: A step named as someone's ("The government's decision of 28 November", "Beijing's move"):
#: whose it is holds the position.
_WHOSE_STEP = re.compile(rf"(.+?)[’']s\s+{_STEP}\b")
#: A step named with "of" or "by" before whose it is ("The decision of the Georgian
#: government on 28 November to suspend ..."): whose it is holds the position.
_STEP_OF = re.compile(rf"(?:[Tt]he\s+)?{_STEP}\s+(?:of|by)\s+(.+?)(?:\s+(?:on|in|of|to)\b.*)?$")


def _past_verb(word: str, before: str) -> bool:
    """Whether a lower-case "-ed" word, or a verb whose past is its present, ends the subject
    as its verb ("The army seized ...", "Soldiers set fire to ..."), not after a determiner,
    where it describes or is the noun ("The armed forces are ...", "A set of measures")."""
    return (
        word.islower()
        and (word.endswith("ed") or word in _SAME_FORM_VERBS)
        and before.lower() not in _DETERMINERS
    )


#: Words that open what a verb takes ("condemns the order", "stands ready to"), after which a
#: lower-case "-s" word is a verb, where a plural noun would name a thing ("the Hong Kong
#: protests in 2019").
_AFTER_A_VERB = frozenset(
    phrases("the a an its his her their our this these those all any every ready firmly fully")
)


def _present_verb(word: str, before: str, after: str) -> bool:
    """Whether a lower-case "-s" word after a name ends the subject as its present-tense
    verb ("The Council condemns the order", "The EU stands ready to"): it follows a
    capitalised word, not a possessive one ("the Kremlin's critics"), and what follows it
    opens what a verb takes."""
    return (
        word.islower()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and before[:1].isupper()
        and not before.endswith(("’s", "'s"))
        and after.lower() in _AFTER_A_VERB
    )


def _adverbial(words: list[str]) -> bool:
    """Whether a clause is an opening adverb ("Consequently, ...") or time phrase ("A week
    earlier, ..."): not the subject."""
    last = words[-1].lower()
    if len(words) == 1:
        return _LY_ADVERB.fullmatch(last) is not None
    if len(words) <= 3 and _LY_ADVERB.fullmatch(last) and words[0].lower() in _DEGREE:
        return True  # "Most worryingly, ...", "Perhaps more importantly, ..."
    return (
        (len(words) <= 4 and last in _TIME_ENDS)
        or bool(_SPAN_OPENS.match(" ".join(words)))
        or bool(_TIME_PHRASE.fullmatch(" ".join(words)))
    )


#: Words that name a period of time ("year", "weekend", "spring"), for the time phrases that
#: open a sentence (`_OPENING_TIME`, `_TIME_PHRASE`).
_PERIOD = (
    r"(?:days?|weeks?|months?|years?|decades?|quarter|season|weekend|morning|afternoon|evening"
    r"|night|spring|summer|autumn|fall|winter)"
)
#: A word that names a period: a month or a weekday (`dates.MONTHS`, `dates.WEEKDAYS`), a
#: number or a year, "end", "beginning", or one of `_PERIOD`.
_TIME_NOUN = (
    rf"(?:{'|'.join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True))}"
    rf"|\d{{1,4}}(?:st|nd|rd|th|s)?|end|beginning|{_PERIOD})\.?"
)
#: Words that place a period or join its words ("early", "the same", "of").
_TIME_MODIFIER = r"(?:early|late|mid|last|this|next|same|following|previous|the|of|and)"
#: A time phrase that opens a sentence with no comma after it ("In March 2021 the EU ...",
#: "Last week the junta ...", "Between October 2022 and January 2023 the authorities ..."):
#: it ends on a word that names a period, and the subject follows it ("After years of
#: retreat", a span, is none).
_OPENING_TIME = re.compile(
    rf"(?:(?:In|On|At|By|Since|During|Between|After|Before|From|Until|Early|Late|Last|This|Next)"
    rf"\s+(?:(?:{_TIME_NOUN}|{_TIME_MODIFIER}),?\s+){{0,6}}{_TIME_NOUN}"
    # "The next day he asked ...", "That night police ...", "Two days later the army ..."
    rf"|(?:The\s+(?:next|following|same|previous)|That)\s+{_PERIOD}"
    rf"|(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d+)\s+{_PERIOD}\s+"
    rf"(?:later|earlier|afterwards))"
    rf",?\s+(?=[A-Za-z])(?!of\b)"
)
#: A year after "the" that names what follows ("During the 2014 Umbrella Revolution, ...").
_YEAR_OF_A_NAME = re.compile(r"\bthe\s+\d{4},?\s+$")
#: Words that grade an opening "-ly" adverb ("Most worryingly", "Even more importantly").
_DEGREE = frozenset(phrases("most more less least even perhaps very equally"))
#: An opening time phrase that names a period by a determiner ("Early this year, ...", "Late
#: last month, ...", "That evening, ...", "The following week, ..."): when, not who.
_TIME_PHRASE = re.compile(
    r"(?:(?:early|late|earlier|later|also|only)\s+)?(?:this|last|next|that|the\s+same"
    rf"|the\s+following|the\s+previous|the\s+next|each|every)\s+(?:{_PERIOD}|time)",
    re.IGNORECASE,
)


#: A clause that opens with how long after or before something ("One month after the coup",
#: "Two years since the vote"): when, not who.
_SPAN_OPENS = re.compile(
    r"(?:[\w-]+\s+){1,2}(?:hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?:after|before|since|into|on)\b",
    re.IGNORECASE,
)


def _participial(words: list[str]) -> bool:
    """Whether a clause opens with a participle ("Filmed from below, ...", "Wearing a mask,
    ..."): an opening clause that is not the subject. "United States" is a name, not one."""
    first = words[0].lower()
    return (
        len(words) > 1
        and len(first) > 4
        and first.endswith(("ed", "ing"))
        and words[1][:1].islower()
    )


def holder(
    text: str,
    offset: int,
    mentions: Sequence[Mention],
    people: Sequence[dict],
    known_actors: Sequence[dict] = (),
    reported: bool = True,
    antecedents: Antecedents | None = None,
) -> dict:
    """The holder of the position stated in a sentence (`text` starting at `offset` in the
    article): {"text", "kind", "actor_id", "iso3"}; `mentions` are the sentence's country and
    bloc mentions and `people` the article's people (with their mentions' offsets).
    `reported=False` says the sentence has no reporting verb, so no speaker is looked for."""
    return holder_and_acting(text, offset, mentions, people, known_actors, reported, antecedents)[0]


def holder_and_acting(
    text: str,
    offset: int,
    mentions: Sequence[Mention],
    people: Sequence[dict],
    known_actors: Sequence[dict] = (),
    reported: bool = True,
    antecedents: Antecedents | None = None,
    nearby: Callable[[], tuple[Sequence[Nearby], Sequence[Nearby]]] | None = None,
    words: Collection[str] | None = None,
) -> tuple[dict, dict | None]:
    """The holder (see `holder`) and who would take the step: the sentence's subject ("The EU
    should impose sanctions": the author holds the position, the EU would act), or None
    (first person, impersonal, no subject). The subject is read once for both. `words`, the
    sentence's word features (`w:said`) when known, spare looking for a reporting lead in a
    sentence without one of its verbs.
    `antecedents` resolve "he"/"she" to a person of the article; `nearby` gives the sentences
    before and after (see `quote_speaker`), asked only for a sentence inside a quotation."""
    quoted = "“" in text or '"' in text
    viewed = reported or quoted or any(word in text for word in _VIEW_WORDS)
    found = speaker(text) if viewed else None
    if found is None and (words is None or not LEAD_VERBS.isdisjoint(words)):
        lead = reporting_lead(text)
        if lead is not None:
            who, said, believed = lead
            said_subject = subject(said)
            # "Officials said they might ...", "The White House said it would ...": who said
            # it (the subject() of a lone "it" is None)
            lone = said_subject is None and said.split(None, 1)[0].lower() in _SAYER_PRONOUNS
            if lone or (said_subject is not None and said_subject.lower() in _SAYER_PRONOUNS):
                said_subject = who
            acts = (
                None
                if said_subject is None or said_subject == "author"
                else _resolve(
                    said_subject, text, offset, mentions, people, known_actors, antecedents
                )
            )
            if acts is not None and believed and not _author_modal(said):
                # "Analysts believe the EU will impose ...": the EU is reported as likely
                # to take the step, so the position is the EU's
                return acts, acts
            if _THE_AUTHOR.fullmatch(who):  # "The author argues that the EU should ..."
                return _unnamed("author"), acts
            # "Critics argue that the West should ...": the critics recommend it
            held = _resolve(who, text, offset, mentions, people, known_actors, antecedents)
            return held, acts
    if found is not None and _THE_AUTHOR.fullmatch(found.strip()):
        found = "author"  # "..., the author argues": the article's own voice
    subject_words = subject(text)
    acts = (
        None
        if subject_words is None or subject_words == "author"
        else _resolve(subject_words, text, offset, mentions, people, known_actors, antecedents)
    )
    if (
        found is not None
        and acts is not None
        and acts["kind"] != "unknown"
        and _UNNAMED.fullmatch(found)
        and not _author_modal(text)
    ):
        # "Washington has not ruled out ..., officials said": unnamed officials speak for
        # the actor who weighs the step; "..., activists said" of a "must" is theirs
        found = None
    if (
        acts is not None
        and acts["kind"] == "unknown"
        and nearby is not None
        and subject_words.split()[0].lower() in _GROUP_PRONOUNS  # checked before `nearby()`
    ):
        acts = _group_antecedent(nearby()[0], known_actors) or acts
    if found is None and quoted and nearby is not None:
        said = quote_speaker(text, *nearby())
        if said is not None:
            words, near = said
            where = (near.text, near.offset, near.mentions, near.people)
            return _resolve(words, *where, known_actors, antecedents), acts
    words = found if found is not None else subject_words
    if found is None and _author_modal(text):
        words = "author"  # "X should/must ...": the author recommends what X would do
    elif found is None and acts is not None and acts["kind"] == "unknown" and _NEEDED.search(text):
        words, acts = "author", None  # "Efforts are urgently needed": no one named, the author
    elif found is None and acts is not None and acts["kind"] == "unknown" and _thing(acts):
        words, acts = "author", None  # "The answer is not to ...": a thing holds no position
    if words is None or words == "author":
        impersonal = words is None
        return _unnamed("author" if not impersonal or _author_voice(text) else "unknown"), acts
    if words == subject_words and acts is not None:
        return acts, acts
    return _resolve(words, text, offset, mentions, people, known_actors, antecedents), acts


#: A demand or an appeal with whom it asks to act and the step ("urged Asean to refuse ...",
#: "called on the authorities to restore ...", "ask that the Department designate ..."):
#: who would act is whom it addresses.
_ADDRESSED = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?"
    r"|encourag(?:e|es|ed|ing)|appeal(?:s|ed|ing)?\s+to|implor(?:e|es|ed|ing)"
    r"|request(?:s|ed|ing)?)\s+(?P<who>(?:the\s+)?[A-Za-z][\w.’'-]*(?:\s+(?!to\b|not\b)"
    r"[\w.’'-]+){0,8}?)\s+(?:not\s+)?to\s+(?!the\b|a\b|an\b|this\b|its\b|their\b)[a-z]+"
    # "request that the Department designate ...": a name, then its verb's bare form
    r"|\b(?:ask|request|urge|recommend|propose|demand|insist)(?:s|ed)?\s+that\s+"
    r"(?P<named>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,4})\s+"
    r"(?!is\b|are\b|was\b|were\b|has\b|had\b|will\b|would\b)[a-z]+\b(?<!s)(?<!ed)"
)
#: A modal just before an appeal's verb: the appeal is the step ahead, made by the subject.
_MODAL_BEFORE = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|will|would|could|can|may"
    r"|might|shall)(?:\s+(?:also|at\s+least|now|then|not|continue\s+to|be\s+able\s+to|\w+ly))*"
    r"\s+$"
)
#: The first person's polite "would" ("I would urge the administration to ..."): the appeal
#: is made, not a step ahead.
_POLITE = re.compile(r"\b(?:I|[Ww]e)\s+would\b")
#: Whom an appeal may not address: pronouns and words that open something else.
_NOT_ADDRESSED = frozenset(
    phrases("you it them him her us me this that for about whether what how why again also")
)


def addressee(text: str) -> str | None:
    """The words of whom a demand or an appeal asks to act ("We urge the authorities to
    restore access ...": "the authorities"), None when it names none (or "you")."""
    found = _ADDRESSED.search(text)
    if found is None:
        return None
    modal = _MODAL_BEFORE.search(text, max(0, found.start() - 40), found.start())
    if modal is not None and not _POLITE.search(text, max(0, modal.start() - 4), modal.end()):
        return None  # "Washington should press Tokayev to ...": pressing is the step
    who = found.group("who") or found.group("named")
    if who.split()[0].lower() in _NOT_ADDRESSED:
        return None
    return who


def names_who_acts(text: str) -> bool:
    """Whether a sentence names who would act before its modal or stance verb ("1. The EU
    should open ...", not "1. Suspend the junta's participation ...")."""
    body = line_body(text)
    cue = _CUE_AT.search(body)
    return cue is not None and cue.start() > 0 and subject(body) not in (None, "author")


def the_author() -> dict:
    """The article's author as a holder (a sentence in its own voice, "We urge ...")."""
    return _unnamed("author")


def actor_named(
    words: str,
    text: str,
    offset: int,
    mentions: Sequence[Mention],
    people: Sequence[dict],
    known_actors: Sequence[dict] = (),
) -> dict:
    """The actor that `words` name in `text` (at `offset` of the article), as a holder or
    who would act is described: its words, kind, linked actor and country."""
    return _resolve(words, text, offset, mentions, people, known_actors)


def _unnamed(kind: str) -> dict:
    """A holder the sentence does not name: the article's author, or "unknown"."""
    return {"text": None, "kind": kind, "actor_id": None, "iso3": None}


#: Head nouns of a subject that is a thing, not an actor ("The answer", "The good news").
_THINGS = frozenset(
    phrases(
        "answer answers reality news onus fact facts truth problem question issue point idea "
        "aim goal priority challenge risk danger result outcome vote deal plan proposal move "
        "step steps decision process project projects package policy strategy approach "
        "situation lesson key need way option options solution hope"
    )
)


def _thing(actor: dict) -> bool:
    """Whether an unknown subject's last word names a thing ("The vote", "The good news")."""
    words = (actor.get("text") or "").lower().split()
    return bool(words) and words[-1].strip(".,;:’'\"") in _THINGS


#: Pronouns that stand for a group named before ("They wanted ...", "Its promise ...").
_GROUP_PRONOUNS = frozenset(("they", "it", "its", "their"))
#: The kinds of actor a group pronoun can stand for.
_GROUPS = frozenset(("government", "organisation", "movement"))


def _group_antecedent(before: Sequence[Nearby], known_actors: Sequence[dict]) -> dict | None:
    """What a subject that opens with "they", "it", "its" or "their" stands for: the
    government, organisation or movement that is the subject of one of the `before` sentences
    (nearest first, within `QUOTE_REACH`); None when none is."""
    for near in before[:QUOTE_REACH]:
        named = subject(near.text)
        if named is None or named == "author" or named.split()[0].lower() in _GROUP_PRONOUNS:
            continue
        found = _resolve(named, near.text, near.offset, near.mentions, near.people, known_actors)
        if found["kind"] in _GROUPS:
            return found
    return None


def span_of(words: str, text: str, offset: int) -> tuple[int, int] | None:
    """Where an actor's `words` stand in the article (`text` starts at `offset`), found as
    written or, for words given a capital ("The EU" of "the EU"), in any case; None when the
    text does not hold them."""
    at = text.find(words)
    if at < 0:
        at = text.lower().find(words.lower())
    return (offset + at, offset + at + len(words)) if at >= 0 else None


def _resolve(
    words: str,
    text: str,
    offset: int,
    mentions: Sequence[Mention],
    people: Sequence[dict],
    known_actors: Sequence[dict],
    antecedents: Antecedents | None = None,
) -> dict:
    """The actor that `words` (found in `text`) names: kind, linked actor and country."""
    if antecedents is not None and words.lower() in _PRONOUNS:
        pronoun = re.search(rf"\b{words}\b", text)
        found = antecedents.before(offset + (pronoun.start() if pronoun else 0))
        if found is not None:
            return _person(found)
    start, end = span_of(words, text, offset) or (offset, offset + len(words))
    inside = [m for m in mentions if start <= m.start < end]
    iso3 = next((m.iso3 for m in inside if m.iso3), None)
    person = next(
        (p for p in people if any(start <= m["start"] < end for m in p.get("mentions", []))),
        None,
    )
    low = {w.strip(".,’'s").lower() for w in words.replace("’s", " ").replace("'s", " ").split()}
    if person is not None:
        kind = "person"
    elif low & _MOVEMENT:
        kind = "movement"
    elif any(not m.iso3 for m in inside) or low & _ORGANISATION:
        kind = "organisation"
    elif iso3 or low & _GOVERNMENT:
        kind = "government"
    elif low & _TITLES:
        kind = "person"
    elif _looks_like_name(words):
        # "Freedom House", "Reporters Without Borders": a body's name, not a person's
        body = any(w.strip(".,;:’'") in NOT_A_PERSONS_NAME for w in words.split())
        kind = "organisation" if body else "person"
    elif low & _FIRST_PERSON:
        kind = "author"
    elif any(_ACRONYM.fullmatch(w.strip(".,;:()’'")) for w in words.split()):
        kind = "organisation"  # "The BNP", "the ICG": a body known by its initials
    else:
        kind = "unknown"
    actor_id = person.get("actor_id") if person else None
    if actor_id is None and known_actors:
        from democdash.extract.names import find_actor

        actor_id = find_actor(words, known_actors)
    # a person named in the words holds by their name ("the opposition adviser Ales Marchuk"
    # is "Ales Marchuk"); other words name the actor with a capital, so that "the Council" in
    # one sentence and "The Council" opening another are one choice in the review
    named = person["name"] if person is not None else words[:1].upper() + words[1:]
    return {"text": named, "kind": kind, "actor_id": actor_id, "iso3": iso3}


#: Initials a body is known by ("BNP", "ICG", "ZANU-PF"); a country's are a mention already.
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,4})?")
_DETERMINERS = frozenset(phrases("the a an this that these those its their his her some many"))


def _looks_like_name(words: str) -> bool:
    """Two to four capitalised words that do not open with a determiner ("Jane Holloway")."""
    parts = words.split()
    return (
        2 <= len(parts) <= 4
        and parts[0].lower() not in _DETERMINERS
        and all(p[:1].isupper() for p in parts)
    )


_AUTHOR_VOICE = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:s|ve)\s+to|it\s+is\s+(?:time|critical|essential|vital|"
    r"imperative|crucial|important|necessary|incumbent))\b",
    re.IGNORECASE,
)


#: A step said to be needed ("is urgently needed", "will require", "is crucial"): with a subject
#: that names no one, that is the author's recommendation.
_NEEDED = re.compile(
    r"\b(?:is|are|will\s+be|would\s+be)\s+(?:\w+ly\s+|also\s+|still\s+){0,2}(?:needed|required"
    r"|necessary|crucial|essential|vital|imperative|critical)\b"
    r"|\b(?:will|would)\s+(?:also\s+)?(?:require|need|necessitate)\b",
    re.IGNORECASE,
)
_THE_AUTHOR = re.compile(r"(?:the|this)\s+(?:author|writer|columnist)", re.IGNORECASE)
_AUTHOR_MODAL = re.compile(r"should|must|ought|needs?\s+to|has\s+to|have\s+to", re.IGNORECASE)


def _author_modal(text: str) -> bool:
    """Whether the sentence's first modal or stance verb (after a condition that opens it) is
    a recommendation's modal ("should", "must", "ought to", "needs to"): with no one reported
    as saying it, that is the author's voice, and the subject is who would act, not who holds
    the position."""
    opening = opening_condition(text)
    cue = _CUE_AT.search(text, opening.end() if opening else 0)
    # "Governments that have influence ... must use it": a relative clause's verb is not it
    while cue and _RELATIVE_BEFORE.search(text, max(0, cue.start() - 8), cue.start()):
        cue = _CUE_AT.search(text, cue.end())
    if cue and cue.group(0).lower() == "would" and _ADVICE.match(text, cue.end()):
        return True  # "The administration would do well to coordinate ...": advice
    return bool(cue and _AUTHOR_MODAL.fullmatch(cue.group(0)))


#: What makes "would" advice: "would do well to", "would be wise to", "would be well advised to".
_ADVICE = re.compile(r"\s+(?:do\s+well|be\s+(?:wise|well\s+advised|better\s+advised))\s+to\b")


_RELATIVE_BEFORE = re.compile(r"\b(?:that|who|which)\s+$", re.IGNORECASE)


def _author_voice(text: str) -> bool:
    """A recommendation with no named subject ("It is time to...") is the author's."""
    return bool(_AUTHOR_VOICE.search(text))
