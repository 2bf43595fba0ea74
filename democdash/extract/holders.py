"""Who holds a position stated in a sentence: the speaker of a quote, the subject of the
sentence, or the article's author, with what kind of actor it is.

Rules from English grammar, not from any article:
- reported speech names the holder: '"...," X said', 'X said (that)', 'according to X'
  (`democdash.extract.speakers`);
- else the subject: the words of the first clause before the first modal or stance verb,
  leaving out an opening adverbial clause ("In response, ...", "After the vote, ...";
  `democdash.extract.subjects`);
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

from democdash.extract.countries import Mention
from democdash.extract.lexicon import phrases
from democdash.extract.lists import line_body
from democdash.extract.people import NOT_A_PERSONS_NAME
from democdash.extract.speakers import (
    LEAD_VERBS,
    QUOTE_REACH,
    REPORTING,
    UNNAMED_ROLE,
    Nearby,
    quote_speaker,
    reporting_lead,
    speaker,
)
from democdash.extract.subjects import (
    CUE_AT,
    FIRST_PERSON,
    PRONOUNS,
    clause_of_a_resolution,
    looks_like_name,
    opening_condition,
    subject,
)

HOLDER_KINDS = ("author", "person", "government", "organisation", "movement", "unknown")
#: Words of the speaker patterns that need no reporting verb ("In X's view", "as X puts it").
_VIEW_WORDS = ("view", "opinion", "words", "judgment", " put")
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


#: The subject of what is said that stands for who says it ("they", "he", "we" ...).
_SAYER_PRONOUNS = frozenset(("they", "he", "she", "we", "i", "it"))


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
    says = _PRONOUN_SAYS.match(text) if found is None and nearby is not None else None
    continued = _continued_speaker(nearby, known_actors) if says is not None else None
    if continued is not None:
        # "She added that the United States was prepared to ...": the speaker before, and
        # the one the clause names would act
        said = subject(text[says.end() :])
        where = (text, offset, mentions, people, known_actors, antecedents)
        return continued, None if said in (None, "author") else _resolve(said, *where)
    subject_words = subject(text)
    if subject_words is None and found is None and nearby is not None and _IT_SAYS.match(text):
        # "It called on the international community to ...": the body the sentence before
        # opens with
        referred = _group_antecedent(nearby()[0][:1], known_actors)
        if referred is not None:
            return referred, referred
    acts = (
        None
        if subject_words is None or subject_words == "author"
        else _resolve(subject_words, text, offset, mentions, people, known_actors, antecedents)
    )
    if (
        found is not None
        and acts is not None
        and acts["kind"] != "unknown"
        and UNNAMED_ROLE.fullmatch(found)
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
        plural = subject_words.split()[0].lower() in ("they", "their")
        acts = _group_antecedent(nearby()[0], known_actors, plural) or acts
    if found is None and nearby is not None and _PRONOUN_TAG.search(text):
        # "The Council must not stay silent, he said.": the speaker of the sentence before
        continued = _continued_speaker(nearby, known_actors)
        if continued is not None:
            return continued, acts
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


#: The verbs of saying, and "stressed": what "he" or "she" says, or a subject says.
_SAYING = rf"{REPORTING}|stressed|stresses"
#: "It" opening a sentence with a verb of saying or asking: a body named before, not the
#: impersonal "it" ("It called on the international community to ...", not "It is time").
_IT_SAYS = re.compile(
    rf"It\s+(?:also\s+)?(?:{_SAYING}|called|calls|urged|urges|demanded|demands|asked"
    r"|appealed|pledged|vowed|promised"
    r"|(?:will|would|shall)\s+(?:also\s+)?(?:continue\s+to\s+)?(?:call|urge|demand|ask|press)"
    r"|continues\s+to\s+(?:call|urge|demand|ask|press))\b"
)
#: "He said" or "she added" closing a sentence of reported speech without quotation marks
#: ("The Council must not stay silent, he said.").
_PRONOUN_TAG = re.compile(rf",\s+(?:he|she)\s+(?:{_SAYING})\.?\s*$")
#: "He" or "she" opening a sentence with a verb of saying and what was said ("She added
#: that ...", "He also warned", "She told reporters that ...").
_PRONOUN_SAYS = re.compile(
    rf"(?:He|She)\s+(?:also\s+|later\s+|then\s+)?(?:told\s+\w+|{_SAYING})\b(?:\s+that\b)?\s*"
)


def _continued_speaker(
    nearby: Callable[[], tuple[Sequence[Nearby], Sequence[Nearby]]],
    known_actors: Sequence[dict] = (),
) -> dict | None:
    """Whom "he" or "she" saying something stands for when the sentence before reports what
    someone said: that speaker, named or not ("The representative of the United States said
    ... She added that ...": the representative, not the last woman named). None when the
    sentence before reports no one's words."""
    before = nearby()[0]
    if not before:
        return None
    previous = before[0]
    lead = reporting_lead(previous.text)
    who = lead.who if lead is not None else _subject_saying(previous.text)
    if who is None or who.lower() in _SAYER_PRONOUNS:
        return None
    where = (previous.text, previous.offset, previous.mentions, previous.people)
    return _resolve(who, *where, known_actors)


#: A verb of saying right after a sentence's subject ("The representative of the United
#: Kingdom said his delegation had tabled ...").
_SAYS = re.compile(rf"\s+(?:also\s+)?(?:{_SAYING})\b")


def _subject_saying(text: str) -> str | None:
    """The subject of a sentence whose verb says something, else None."""
    who = subject(text)
    if who in (None, "author"):
        return None
    at = text.find(who)
    return who if at >= 0 and _SAYS.match(text, at + len(who)) else None


#: A demand or an appeal with whom it asks to act and the step ("urged Asean to refuse ...",
#: "called on the authorities to restore ...", "ask that the Department designate ..."):
#: who would act is whom it addresses.
_ADDRESSED = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?"
    r"|encourag(?:e|es|ed|ing)|appeal(?:s|ed|ing)?\s+to|implor(?:e|es|ed|ing)"
    r"|request(?:s|ed|ing)?)\s+(?P<who>(?!to\b)(?:the\s+)?[A-Za-z][\w.’'-]*(?:\s+(?!to\b|not\b)"
    r"[\w.’'-]+){0,8}?)\s+(?:not\s+)?to(?:\s+(?!the\b|a\b|an\b|this\b|its\b|their\b)[a-z]+"
    # a lead-in whose items say what to do ("We call on the Council to:")
    r"|\s*:)"
    # a lead-in whose items are each "to" and a step ("urges the Government of Belarus:")
    r"|\b(?:urg(?:e|es|ed)|call(?:s|ed)?\s+(?:on|upon)|request(?:s|ed)?)\s+"
    r"(?P<listed>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[\w.’'-]+){0,6}?)\s*:\s*$"
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
    restore access ...": "the authorities"; "We call on the Council to:" over a list of what
    to do), None when it names none (or "you"). One asked to act with no one named ("had
    been asked to intervene") is no addressee: a later appeal in the sentence may name one."""
    found = _ADDRESSED.search(text)
    if found is None:
        return None
    modal = _MODAL_BEFORE.search(text, max(0, found.start() - 40), found.start())
    if modal is not None and not _POLITE.search(text, max(0, modal.start() - 4), modal.end()):
        return None  # "Washington should press Tokayev to ...": pressing is the step
    who = found.group("who") or found.group("named") or found.group("listed")
    if who.split()[0].lower() in _NOT_ADDRESSED:
        return None
    return who


#: A sentence that opens with one word and "that": a verb and its clause ("Ensure that ...").
_VERB_THAT = re.compile(r"[A-Z][a-z]+\s+that\b")


def names_who_acts(text: str) -> bool:
    """Whether a sentence names who would act before its modal or stance verb ("1. The EU
    should open ...", not "1. Suspend the junta's participation ...")."""
    body = line_body(text)
    cue = CUE_AT.search(body)
    if cue is None or cue.start() == 0:
        return False
    who = subject(body)
    # "4. Ensure that visas are issued ...": a verb opening its clause, no one named
    return who not in (None, "author") and not _VERB_THAT.match(body)


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


def _group_antecedent(
    before: Sequence[Nearby], known_actors: Sequence[dict], plural: bool = False
) -> dict | None:
    """What a subject that opens with "they", "it", "its" or "their" stands for: the
    government, organisation or movement that is the subject of one of the `before` sentences
    (nearest first, within `QUOTE_REACH`); None when none is, or when a `plural` "they" meets
    things named in the plural first ("The amendments ... They will take effect")."""
    for near in before[:QUOTE_REACH]:
        named = subject(near.text)
        if named is None or named == "author" or named.split()[0].lower() in _GROUP_PRONOUNS:
            continue
        found = _resolve(named, near.text, near.offset, near.mentions, near.people, known_actors)
        if found["kind"] in _GROUPS:
            return found
        if plural and found["kind"] == "unknown" and _PLURAL_THINGS.fullmatch(named):
            return None  # "The amendments ... They will take effect": no body further back
    return None


#: Things named in the plural with a determiner ("The amendments", "these new rules"): what
#: "they" in the next sentence most likely stands for.
_PLURAL_THINGS = re.compile(r"(?i:the|these|those)\s+(?:[a-z-]+\s+){0,2}[a-z-]+s")


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
    if antecedents is not None and words.lower() in PRONOUNS:
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
    relative = person is not None and bool(
        _A_RELATIVE_OF.match(text, _mention_end(person, start, end) - offset)
    )
    if relative:
        person = None  # "Kara-Murza's wife, Evgenia, urged ...": a person, not Kara-Murza
    # the words around the countries named: "the Russian Federation" is no "federation"
    plain = words
    for m in reversed([m for m in inside if m.iso3 and m.end <= end]):
        at = m.start - start
        plain = plain[:at] + " " + plain[at + m.end - m.start :]
    low = {w.strip(".,’'s").lower() for w in plain.replace("’s", " ").replace("'s", " ").split()}
    if person is not None or relative:
        kind = "person"
    elif low & _MOVEMENT:
        kind = "movement"
    elif any(not m.iso3 for m in inside) or low & _ORGANISATION:
        kind = "organisation"
    elif iso3 or low & _GOVERNMENT:
        kind = "government"
    elif low & _TITLES:
        kind = "person"
    elif looks_like_name(words):
        # "Freedom House", "Reporters Without Borders": a body's name, not a person's
        body = any(w.strip(".,;:’'") in NOT_A_PERSONS_NAME for w in words.split())
        kind = "organisation" if body else "person"
    elif low & FIRST_PERSON:
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


#: A person's relative, lawyer or aide, named after the person's possessive: someone else.
_A_RELATIVE_OF = re.compile(
    r"[’']s?\s+(?:wife|husband|widow|widower|son|daughter|mother|father|brother|sister|"
    r"lawyers?|attorneys?|aides?|advis[eo]rs?|spokes(?:man|woman|person)|assistant|"
    r"children|family|relatives)\b"
)


def _mention_end(person: dict, start: int, end: int) -> int:
    """Where the person's first mention inside `start:end` ends."""
    return next(m["end"] for m in person["mentions"] if start <= m["start"] < end)


#: Initials a body is known by ("BNP", "ICG", "ZANU-PF"); a country's are a mention already.
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,4})?")
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
    cue = CUE_AT.search(text, opening.end() if opening else 0)
    # "Governments that have influence ... must use it": a relative clause's verb is not it
    while cue and _RELATIVE_BEFORE.search(text, max(0, cue.start() - 8), cue.start()):
        cue = CUE_AT.search(text, cue.end())
    if cue and cue.group(0).lower() == "would" and _ADVICE.match(text, cue.end()):
        return True  # "The administration would do well to coordinate ...": advice
    return bool(cue and _AUTHOR_MODAL.fullmatch(cue.group(0)))


#: What makes "would" advice: "would do well to", "would be wise to", "would be well advised to".
_ADVICE = re.compile(r"\s+(?:do\s+well|be\s+(?:wise|well\s+advised|better\s+advised))\s+to\b")
_RELATIVE_BEFORE = re.compile(r"\b(?:that|who|which)\s+$", re.IGNORECASE)


def _author_voice(text: str) -> bool:
    """A recommendation with no named subject ("It is time to...") is the author's, and so is
    a resolution's numbered clause that opens with its verb ("2. Calls on the Council to ..."):
    the body that adopts it speaks."""
    return bool(_AUTHOR_VOICE.search(text)) or clause_of_a_resolution(text)
