"""Where a sentence's subject starts and ends, by rules of English grammar: the words of the
first clause before its first modal or stance verb (`CUE_AT`), leaving out an opening
adverbial clause ("In response, ...", "After the vote, ...", "Should the generals agree, ..."),
an opening time ("The next day he ...") and what a step is made by ("Beijing's decision to
...": Beijing). `democdash.extract.holders` reads who holds a position from it.
"""

from __future__ import annotations

import re

from democdash.extract.date_grammar import MONTHS, WEEKDAYS
from democdash.extract.datelines import after_dateline
from democdash.extract.frames import IMPERATIVE_VERBS
from democdash.extract.lexicon import phrases
from democdash.extract.lists import line_body

NAME = r"[A-Z][\w.’'-]*(?:\s+(?:of\s+|the\s+|al-|bin\s+)?[A-Z][\w.’'-]*){0,5}"
#: The first modal or stance verb: the holder is the subject before it.
CUE_AT = re.compile(
    r"\b(?:should|must|ought|needs?\s+to|has\s+to|have\s+to|will|would|shall|could|cannot|can|may|"
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
        "moreover furthermore yet still then now today tonight yesterday tomorrow this that "
        "these those by from "
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
_LY_ADVERB = re.compile(r"[a-z]{2,}(?:al|ous|ed|ent|ant|ive|ing|te|ful|ar|ib|ab|ic|ss|ct|st)ly")
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
        "contend contends predict predicts today yesterday tonight tomorrow currently"
    )
)
#: Verbs whose past is their present ("Soldiers set fire to ...", `_past_verb`).
_SAME_FORM_VERBS = frozenset(phrases("set put cut hit shut spread quit cast"))
FIRST_PERSON = frozenset(phrases("we i our us my"))
_LET_US = re.compile(r"[Ll]et(?:\s+(?:us|me)\b|[’']s\b)")
_IMPERSONAL = frozenset(phrases("it there this that what one here"))
#: Bare verbs of a step that open a recommendation's item: `frames.IMPERATIVE_VERBS` and a
#: few more.
_IMPERATIVE_OPENS = IMPERATIVE_VERBS | frozenset(
    phrases("support press suspend sanction expel join send keep")
)
#: A subject of one word that names no one: an impersonal pronoun, or an article whose noun
#: is the cue word itself ("A promise of aid ... deserves").
_NO_ONE = _IMPERSONAL | frozenset(("a", "an", "the"))
PRONOUNS = frozenset(("he", "she"))
#: Pronouns that are a subject on their own, whatever word follows them.
_SUBJECT_PRONOUNS = PRONOUNS | {"they"}


def _clean(words: list[str]) -> str:
    text = " ".join(words).strip(" ,.;:\"“”‘’'()")
    if text.count("(") > text.count(")"):
        text += ")"  # "The Economic Community of West African States (ECOWAS)" keeps its ")"
    # an initialism keeps its last full stop ("The U.S." is not "The U.S")
    return f"{text}." if _INITIALISM_CUT.search(text) else text


_INITIALISM_CUT = re.compile(r"\b(?:[A-Z]\.)+[A-Z]$")
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
    rf"(?:,\s+(?:the\s+)?{NAME})+,?\s+and\s+(?:the\s+)?{NAME})\s+(?=[a-z])"
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


#: "What I (we) can tell you is that", "All we are saying is": what is said follows.
_WHAT_I_SAY = re.compile(
    r"(?:What|All)\s+(?:I|we)\s+[^,.;:]{0,60}?\s+(?:is|was)\s+(?:that\s+)?(?=\S)"
)


def clause_of_a_resolution(text: str) -> bool:
    """Whether a sentence is a resolution's numbered clause that opens with its verb ("2. Calls
    on the Council to ..."), whose subject is the body that adopts it."""
    opened = after_dateline(text)
    return _opens_with_a_clause_verb(opened, line_body(opened))


def _opens_with_a_clause_verb(opened: str, body: str) -> bool:
    """Whether a line's `body`, its enumerator cut from `opened`, opens with a clause verb."""
    return body is not opened and _CLAUSE_VERB.match(body) is not None


def opening_condition(text: str) -> re.Match | None:
    """The condition that opens a sentence, up to its comma and the space after it ("If the
    junta refuses to free them, ", "Should the generals agree to talks, "), None without one."""
    return _OPENING_CLAUSE.match(text) if text.startswith(_CONDITION_OPENS) else None


_IMPERATIVE_STARTS = tuple(
    f"{form} " for verb in _IMPERATIVE_OPENS for form in (verb, verb.capitalize())
)
#: Words after an opening bare verb that make it an imperative ("Release everyone held",
#: "Support the work of ...", "Make any further cooperation conditional").
_OBJECT_OPENS = frozenset(phrases("the a an all any every everyone those these its their his her"))


def _imperative(text: str) -> bool:
    """Whether a sentence opens with a bare verb of a step and its object (`_OBJECT_OPENS`)."""
    if not text.startswith(_IMPERATIVE_STARTS):
        return False  # most sentences: a cheap test first
    words = text.split(None, 2)
    return len(words) > 1 and words[1].lower() in _OBJECT_OPENS


def subject(text: str) -> str | None:
    """The subject phrase before the sentence's first modal or stance verb, "author" for
    first person, None when there is none (nor in a numbered clause that opens with its verb:
    "2. Calls on the Council to impose sanctions ...", a resolution's clause, whose subject is
    the body that adopts it)."""
    opened = after_dateline(text)
    text = line_body(opened)
    if _opens_with_a_clause_verb(opened, text):
        return None
    if _imperative(text):
        return None  # "Support the work of independent lawyers": the reader is told, no one acts
    cleft = _WHAT_I_SAY.match(text)
    if cleft is not None:  # "What I can tell you is that we will ...": the clause's subject
        return subject(text[cleft.end() :])
    when = _OPENING_TIME.match(text)
    if when and not (_YEAR_OF_A_NAME.search(when.group()) and text[when.end()].isupper()):
        # "Between October 2022 and January 2023 the authorities detained ...": when, then who
        return subject(text[when.end() :])
    listed = _NAMES_LISTED.match(text)
    if listed and listed.group("first").lower() not in _OPENING_PREPOSITIONS:
        return listed.group("names")  # "The US, Britain, Canada and Australia announced"
    cue = CUE_AT.search(text)
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
        if words[0] != "US" and words[0].lower().strip("’'") in FIRST_PERSON:
            return "author"
        if _LET_US.match(" ".join(words[:2])):
            return "author"  # "Let us be clear: ...", "Let me start with ..."
        if len(words) == 1 and words[0].lower() in _NO_ONE:
            return None  # "A promise of aid ... deserves": the cue word heads the subject
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
            if looks_like_name(named) and any(w.islower() for w in kept):
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


_DETERMINERS = frozenset(phrases("the a an this that these those its their his her some many"))


def looks_like_name(words: str) -> bool:
    """Two to four capitalised words that do not open with a determiner ("Jane Holloway")."""
    parts = words.split()
    return (
        2 <= len(parts) <= 4
        and parts[0].lower() not in _DETERMINERS
        and all(p[:1].isupper() for p in parts)
    )
