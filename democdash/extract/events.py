"""Candidate events: sentences that report something that happened, typed by a verb lexicon.

A sentence is an event candidate when it holds a word of one of the event types below (the
first type in this order wins, so a coup that involved arrests is a coup) and either carries a
date or reads as a report of the past (`democdash.extract.tense`: a step still ahead is an
option, not an event). Statements count only when dated, since almost every sentence in an
article reports somebody saying something; a "protest" in a sentence that reports what
somebody said, with no crowd or street in it, is not a protest. An event word inside a body's
or a law's name, after "the risk of" or "fear", or referring back to an event of its type
found before ("the raid") is none. The event takes the date nearest its word
(`democdash.extract.event_dates`) and, for sanctions, the country named after the sanction
word (where they are aimed: "the US sanctioned Myanmar's oil company"), else one named that
is not the subject imposing it, else the country named as its place ("in Belarus", "visited
Kazakhstan"), else the sentence's main country (its most mentioned, else the article's main
country); for an event inside one country (`DOMESTIC`), a country named as the subject of a
reaction ("The US condemned the crackdown") is not where it happened, but one named as the
place is ("arrested in Tanzania, she says").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import islice, takewhile

from democdash.extract import tense
from democdash.extract.countries import AS_AN_AGENT, Mention
from democdash.extract.event_dates import nearest_date
from democdash.extract.holders import span_of
from democdash.extract.lexicon import Hit, Lexicon, phrases
from democdash.extract.scan import RawHit
from democdash.extract.sentences import Sentence, asks, folded_text
from democdash.extract.subjects import subject
from democdash.extract.tense import AHEAD

EVENT_TYPES = (
    "coup",
    "election",
    "strike",
    "protest",
    "crackdown",
    "sanction",
    "violence",
    "legislation_reform",
    "diplomacy",
    "statement",
    "other",
)

LEXICON = Lexicon(
    {
        "coup": phrases(
            "coup* putsch* seized_power seize_power seizing_power overthr* ousted ouster mutin*"
        ),
        "election": phrases(
            "election* elected ballot* poll polls polling referendum* voted voting voters "
            "re-run rerun runoff run-off won_the_presidency won_a_second_term "
            "won_a_third_term won_a_fourth_term won_a_fifth_term won_a_sixth_term"
        ),
        "strike": phrases("strike strikes general_strike walkout* stayaway stay-away"),
        "protest": phrases(
            "protest* demonstrat* rally rallies rallied marched marches uprising* "
            "took_to_the_streets sit-in* revolt* revolution* hunger_strike*"
        ),
        "crackdown": phrases(
            "crackdown* cracked_down crack_down cracking_down arrest* detain* detention* jail* "
            "taken_into_custody took_into_custody taking_into_custody held_in_custody remanded "
            "imprison* tear_gas beaten beating* raid* censor* banned dissolved shut_down "
            "persecut* surveil* forced_landing forced_to_land forced_down force_down "
            "forced_the_plane forced_a_plane plane_to_land jet_to_land airliner_to_land "
            "flight_to_land diverted hijack* grounding prosecute prosecuted prosecutes prosecuting "
            "prosecution prosecutions convicted sentenced sentencing indicted found_guilty "
            "in_custody "
            "criminal_investigation* "
            "criminal_case* criminal_proceedings criminal_charges "
            "abduct* kidnap* expelled deported exiled disqualif* internet_shutdown* "
            "state_of_emergency states_of_emergency martial_law emergency_rule "
            "internet_blackout* internet_was_cut internet_was_shut internet_was_blocked "
            "cut_off_the_internet cut_the_internet blocked_the_internet shut_off_the_internet"
        ),
        "sanction": phrases(
            "sanction* embargo* asset_freeze* visa_ban* travel_ban* entry_ban* visa_restriction* "
            "blacklist* froze_assets "
            "froze_the_assets froze_their_assets freezing_assets freezing_the_assets "
            "freezing_their_assets assets_frozen frozen_assets banned_from_travel "
            "banning_them_from_travel"
        ),
        "violence": phrases(
            "killed killing* dead died shot clash* attack* bomb* massacre* fighting war "
            "violence violent* murder* assassinat* poison* invad* invasion* offensive "
            "airstrike* air_strike* shelling shelled besieg* siege opened_fire open_fire "
            "fired_on fired_at shot_dead set_fire* set_on_fire torched arson* razed burned_down "
            "burnt_down"
        ),
        "legislation_reform": phrases(
            "law laws bill amendment* constitution* legislation* decree* reform* annul*"
        ),
        "diplomacy": phrases(
            "summit* talks met met_with meeting_with visit visited visits ambassador* envoy* "
            "agreement* treaty treaties diplomat* prisoner_exchange prisoner_swap ceasefire* "
            "suspended_its_strategic_partnership suspends_its_strategic_partnership "
            "suspending_its_strategic_partnership suspended_the_strategic_partnership "
            "cease-fire* truce froze_its_participation froze_its_membership "
            "freezing_its_participation freezing_its_membership suspended_its_participation "
            "suspended_its_membership suspending_its_participation suspending_its_membership"
        ),
        "statement": phrases("said announced declared condemned statement* warned told"),
        "other": phrases(
            "resign* stepped_down step_down annex* deploy* troops pardon* sworn_in inaugurat*"
        ),
    }
)
#: Evidence of a protest carried out, people in the streets or a hunger strike: without it,
#: "protest" in a sentence that reports what somebody said is a statement ("Lithuania
#: protested against the landing").
_CROWD = re.compile(
    r"\b(?:thousands|hundreds|tens\s+of\s+thousands|crowds?|protesters|protestors|demonstrators|"
    r"rall(?:y|ies|ied)|march(?:ed|es|ing)?|streets?|squares?|sit-ins?|demonstrations|"
    r"hunger\s+strikes?)\b"
)
#: A verb of saying or of reacting, whose subject reacts to an event rather than hosting it;
#: not in the passive ("Ortega was declared the winner": Nicaragua hosts the election).
_SAID = re.compile(
    r"\b(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )"
    r"(?:said|says|condemn\w*|criticis\w*|criticiz\w*|denounc\w*|called|urged|warned|"
    r"demanded|announced|declared|told|stated|protested\s+(?:against|to)|summoned)\b"
)
#: Words just before a country's name that make it the place ("in Belarus", "visited
#: Kazakhstan", "a visit to both Kazakhstan and ..."): the country is where it happened.
_IN_BEFORE = re.compile(
    r"\b(?:in|inside|visited|visiting|visit to|visits to|trip to|arrived in)(?: the| both)? $"
)


#: "met" that is no meeting: what was met is a demand, a target or a reaction ("the demands
#: were met", "met its target", "was met with tear gas" is the crackdown's), or no one is
#: named after it; a meeting names whom ("met Pakistani Prime Minister Shehbaz Sharif",
#: "met the detained former leader"), or where ("met in Geneva").
_NOT_A_MEETING = re.compile(
    r"met\b(?!\s+(?:[A-Z]|(?:in|at)\s+[A-Z]|(?:the|his|her|their|its)\s+(?:\w+\s+){0,3}?"
    r"(?:leader|president|minister|counterpart|envoy|ambassador|officials?|delegation|king|"
    r"premier|chancellor|secretary|chief|general|opposition|prime)\b))"
)
#: A form of "to be" before "met": what was met ("the targets had been met").
_BE_BEFORE = re.compile(r"\b(?:been|be|being|was|were|is|are)\s+$")


def _no_meeting(text: str, at: int) -> bool:
    """Whether the "met" at `at` in a sentence is no meeting (`_NOT_A_MEETING`, or passive:
    "the targets had been met")."""
    return bool(_NOT_A_MEETING.match(text, at) or _BE_BEFORE.search(text, max(0, at - 8), at))


#: Where someone went, fled or was sent ("leaves for Lithuania after being detained", "fled
#: to Poland", "the junta chief's trip to Jakarta"): not where what happened inside a country
#: happened.
_GONE_TO = re.compile(
    r"\b(?:fled|flee|flees|fleeing|left|leave|leaves|leaving|moved|flew|went|escaped|exiled|"
    r"deported|expelled|sent|trip|journey|travelled|traveled)\s+(?:to|for|into)\s+(?:the\s+)?$"
)
#: What joins the next item of a list of countries to the one before it.
_LISTED_ON = re.compile(r",?\s+(?:(?:and|or)\s+)?")
#: "with" before a country's name: a partner in what is done ("a deal with Uzbekistan"); or
#: "from": where something came from ("weapons imported ... from Russia" since the coup).
_PARTNER_OR_SOURCE_BEFORE = re.compile(r"\b(?:with|from)\s+(?:the\s+)?$")


def _named_as_place(folded: str, sentence_start: int, at: int) -> bool:
    """Whether the name at `at` follows words that make it the place ("in", "visited")."""
    return _IN_BEFORE.search(folded, max(sentence_start, at - 20), at) is not None


#: What may stand between an event word and the place it happened ("the crackdown in
#: Belarus", "protests across Myanmar", "elections held in Kyrgyzstan").
_RIGHT_AFTER = re.compile(
    r"(?:s|es)?(?: (?:held|staged|carried out|took place))? (?:in|inside|across)(?: the)? $"
)


def _place_of_event_word(
    hits: Sequence[Hit], candidates: Sequence[tuple[str, int]], folded: str
) -> tuple[str, int] | None:
    """The place (iso3, offset) named right after one of the event's words (`hits`), if any:
    it is where the event happened, whatever place an earlier clause names ("The council
    met in Vilnius after the crackdown in Belarus")."""
    for _, _, end in hits:
        for iso3, at in candidates:
            if at > end and at - end <= 30 and _RIGHT_AFTER.fullmatch(folded, end, at):
                return iso3, at
    return None


def _sanction_target(
    hits: Sequence[Hit],
    mentions: Sequence[Mention],
    first: int,
    sentence: Sentence,
    folded: str,
    main_country: str | None,
) -> str | None:
    """The country a sanction is aimed at, from the sentence's country mentions (`mentions`
    from `first` on, inside `sentence`, whose offsets `folded` shares), leaving out those
    named as who imposed it ("sanctions imposed by the EU, Britain and Canada"): the first
    named after the sanction word ("sanctions on Georgia", "sanctioned the Myanmar Oil and
    Gas Enterprise"); else, when the imposers are named so, another country of the sentence
    ("China condemned sanctions imposed by Britain"); else one that is not in the subject
    opening it (`subjects.subject`: "Washington froze Myanmar government funds": Myanmar);
    else the article's `main_country` when every country named imposes it ("Our sanctions
    were coordinated with the United States") or is the subject ("Britain and
    Canada followed with asset freezes of their own") and no passive verb makes the subject
    what is sanctioned. None when none is."""
    at = next((start for label, start, _ in hits if label == "sanction"), None)
    if at is None:
        return None
    text, start, end = sentence
    inside = list(takewhile(lambda m: m.start < end, islice(mentions, first, None)))
    by = named_as_acting(inside, folded)
    named = [m for m in inside if m.iso3]
    after = next((m.iso3 for m in named if m.start > at and m.iso3 not in by), None)
    if after is not None or by:
        other = after or next((m.iso3 for m in named if m.iso3 not in by), None)
        # every country named imposes it ("coordinated with the United States and Canada")
        return other or (main_country if main_country not in by else None)
    said = subject(text)  # who imposes it: the sentence's subject
    span = span_of(said, text, start) if said and said != "author" else None
    cut = span[1] if span else start
    # where the step was decided ("ministers meeting in Luxembourg") is not its target
    outside = next(
        (m.iso3 for m in named if m.start >= cut and not _named_as_place(folded, start, m.start)),
        None,
    )
    if outside is not None or not named or main_country in {m.iso3 for m in named}:
        return outside
    if _PASSIVE_VERB.search(folded, start, end):
        return None  # "Moscow, excluded under Western sanctions": the subject is their target
    return main_country


#: "by" before a country, and what joins the next one to it in a list.
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
#: Who acts beside the one acting: "coordinate sanctions with Britain", "together with the US".
_ALONGSIDE = re.compile(
    r"\b(?:alongside|(?:together|jointly|in\s+concert|in\s+coordination|in\s+step)\s+with|"
    r"(?:coordinat|cooperat|collaborat)\w*(?:\s+[\w’'-]+){0,4}?\s+with)\s+"
    # "... with our allies and partners, including Japan": the partners named
    r"(?:(?:our|its|their|the)\s+)?(?:(?:allies|partners|friends)(?:\s+and\s+(?:allies|partners))?"
    r",?\s+(?:including|such\s+as|notably|like)\s+)?(?:the\s+)?$"
)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


def named_as_acting(inside: Sequence[Mention], folded: str, offset: int = 0) -> set[str]:
    """The countries named as acting, not acted on: after "by" ("imposed by the European Union,
    Britain, Canada and the United States") or beside who acts ("should coordinate sanctions
    with Britain and the United States"), with the ones listed with them, blocs included in
    the list; among a sentence's mentions `inside`, `folded` the lower-cased text they are
    in, starting at `offset` of the article."""
    imposers: set[str] = set()
    listed = False
    previous: Mention | None = None
    for mention in inside:
        at = mention.start - offset
        listed = bool(
            _BY.search(folded, max(0, at - 12), at)
            or _ALONGSIDE.search(folded, max(0, at - 90), at)
            or (
                listed
                and previous is not None
                and _LIST_JOIN.fullmatch(folded, previous.end - offset, at)
            )
        )
        if listed and mention.iso3:
            imposers.add(mention.iso3)
        previous = mention
    return imposers


#: A passive verb ("has been excluded", "were sanctioned").
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being|is|are)\s+[a-z]+ed\b")


#: Event types that happen inside one country: a reaction from abroad does not move them there.
DOMESTIC = frozenset({"coup", "election", "strike", "protest", "crackdown"})
_SANCTION_RANK = EVENT_TYPES.index("sanction")
#: The rank of each event type (the first type in `EVENT_TYPES` wins).
_RANK = {kind: rank for rank, kind in enumerate(EVENT_TYPES)}


#: The protest words that name the people, not the act ("protesters", "demonstrators").
_PROTESTERS = re.compile(r"(?:protest[eo]rs?|demonstrators?)\b")


#: "For" before a protest word as the reason someone was punished ("detained since August
#: 2020 for peacefully protesting", "jailed for taking part in the protests").
_PUNISHED_FOR = re.compile(
    r"\bfor\s+(?:[a-z]+ly\s+)?(?:taking\s+part\s+in\s+|joining\s+|organi[sz]ing\s+)?"
    r"(?:the\s+|a\s+)?(?:peaceful\s+|anti-government\s+)?$"
)


def _done_to_protesters(hits: Sequence[Hit], folded: str) -> bool:
    """Whether a sentence's protest words all name the people ("protesters", not "protested"
    or "a rally") and a crackdown or violence word is done to them: it comes before them
    ("Police detained dozens of protesters", "Troops opened fire on protesters") or is
    passive ("Protesters were arrested"), where "Protesters demanded the release of those
    arrested" is theirs; or they all tell what someone the crackdown word comes before was
    punished for ("detained ... for peacefully protesting", `_PUNISHED_FOR`)."""
    protest = [start for label, start, _ in hits if label == "protest"]
    done = [start for label, start, _ in hits if label in ("crackdown", "violence")]
    if not done:
        return False
    if done[0] < protest[0] and all(_punished_for(folded, at) for at in protest):
        return True  # "detained since August 2020 for peacefully protesting"
    if any(_PROTESTERS.match(folded, at) is None for at in protest):
        return False
    return done[0] < protest[0] or any(_PASSIVE.search(folded, max(0, at - 12), at) for at in done)


def _punished_for(folded: str, at: int) -> bool:
    """Whether the protest word at `at` is what someone was punished for (`_PUNISHED_FOR`)."""
    return _PUNISHED_FOR.search(folded, max(0, at - 40), at) is not None


#: A preposition that makes the protesters what a sentence speaks of, not who protests
#: ("rejected calls for talks with the protesters", "sympathy for demonstrators").
_SPOKEN_OF = re.compile(r"\b(?:with|for|to|about|towards?)\s+(?:the\s+)?(?:peaceful\s+)?$")


def _protesters_spoken_of(folded: str, at: int, floor: int) -> bool:
    """Whether the protest word at `at` names the people (`_PROTESTERS`) after a preposition
    that makes them what is spoken of (`_SPOKEN_OF`): no protest is told."""
    return (
        _PROTESTERS.match(folded, at) is not None
        and _SPOKEN_OF.search(folded, max(floor, at - 30), at) is not None
    )


#: "Ousted" and its like as a word of whom it names ("the ousted president", "sentenced ousted
#: State Counsellor Aung San Suu Kyi"): after a determiner, a possessive or a past verb.
_OUSTED = frozenset(("ousted", "deposed", "overthrown", "toppled"))
_BEFORE_AN_ADJECTIVE = re.compile(r"(?:\b(?:the|an?|its|his|her|their)|['’]s|\b[a-z]{3,}ed)\s+$")


def _ousted_as_a_title(folded: str, start: int, end: int, floor: int) -> bool:
    """Whether a coup word at `start`-`end` qualifies whom it names (`_OUSTED`,
    `_BEFORE_AN_ADJECTIVE`): no coup is told ("U Win Myint, the ousted president, was also
    sentenced"), where "the military ousted the government" and "was ousted" tell one."""
    return (
        folded[start:end] in _OUSTED
        and _BEFORE_AN_ADJECTIVE.search(folded, max(floor, start - 20), start) is not None
    )


#: A passive auxiliary right before a word ("were arrested", "have been detained").
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|got)\s+$")


def _steps_date(
    hits: Sequence[Hit], folded: str, dated: dict, spoken: re.Match | None = None
) -> bool:
    """Whether a statement's date is the date of the step it speaks of, not its own: after
    the statement word (else the verb of saying `spoken`) and a modal or a call ("the
    minister said the bloc must act before the summer", "allies called for protests on
    January 23")."""
    said = next((start for label, start, _ in hits if label == "statement"), None)
    if said is None and spoken is not None:
        said = spoken.start()
    return (
        said is not None
        and dated["start"] > said
        and AHEAD.search(folded, said, dated["start"]) is not None
    )


def event_type(hits: Iterable[Hit]) -> str | None:
    """The event type a sentence's lexicon hits suggest (the first in `EVENT_TYPES` order),
    None when it holds no event word."""
    ranks = [_RANK[label] for label, _, _ in outermost(list(hits))]
    return EVENT_TYPES[min(ranks)] if ranks else None


def outermost(hits: list[Hit]) -> list[Hit]:
    """The hits that are no part of a phrase found around them: "strikes" in "air strikes"
    (violence) is not a strike of its own. A phrase that starts earlier, or at the same place
    and is longer, holds a hit that starts inside it (a stem's hit ends where its stem does:
    "air strike" in "air strikes")."""
    if len(hits) < 2:
        return hits
    return [
        hit
        for hit in hits
        if not any(
            other[1] < hit[1] < other[2] or (other[1] == hit[1] and other[2] > hit[2])
            for other in hits
        )
    ]


#: The rest of a body's name after a capitalised event word: "Treaty" in "the Collective
#: Security Treaty Organization", "Election" in "the Central Election Commission".
_BODY_WORDS = (
    r"[ \t]+(?:Organi[sz]ation|Commission|Committee|Council|Party"
    r"|Movement|Front|Agency|Office|Ministry|Bureau|Cent(?:re|er)|Institute|Foundation|Group"
    r"|Forum|Association|Network|Coalition|Alliance|Union|Service|Department|Authority"
    r"|Act|Bill|Law|Code|Charter)\b"
)
_NAME_OF_A_BODY = re.compile(rf"[\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*?{_BODY_WORDS}")
#: The same with "and", "of" or "&" inside ("the Sanctions and Anti-Money Laundering Act"),
#: for an event word that does not open its sentence (where any word has a capital).
_NAME_WITH_AND = re.compile(rf"[\w’'-]*(?:[ \t]+(?:[A-Z][\w’'-]*|and|of|&))*?{_BODY_WORDS}")


#: Words that make an event word no happening: a danger ("the risk of arbitrary detention",
#: "journalists who fear arrest", "the threat of sanctions"), a charge ("on charges of
#: 'conspiracy to seize power'", "accused of plotting a coup"), a call for it ("rejected
#: calls from abroad for talks") or a question whether it happens ("declined to say whether
#: sanctions were under consideration").
_NO_HAPPENING = re.compile(
    r"\b(?:(?:risks?|threats?|fears?|dangers?|possibility|prospect|spectre|specter)\s+of|"
    r"fear|fears|feared|face|faces|facing|risk|risks|risking|threatened\s+with)\s+"
    r"(?:[a-z’'-]+\s+)?$"
    r"|\b(?:charges?\s+of|charged\s+with|accus(?:ed|es|ing)\s+(?:[a-z’'-]+\s+){0,3}?of"
    r"|convicted\s+of|guilty\s+of|suspicion\s+of)\s+[\"“‘']?(?:[a-z’'-]+\s+){0,2}$"
    r"|\bcall(?:s|ed|ing)?\s+(?:[a-z’'-]+\s+){0,3}?for\s+(?:[a-z’'-]+\s+){0,3}$"
    r"|\bwhether\s+(?:[a-z’'-]+\s+){0,3}$"
)
#: Words that end what a crackdown word names ("lifted the state of emergency", "ended
#: martial law"): the end of a crackdown is none.
_LIFTED = re.compile(
    r"\b(?:lift|lifts|lifted|lifting|end|ends|ended|ending|revoke|revoked|revoking|repeal|"
    r"repealed|rescind|rescinded)\s+(?:the\s+|its\s+|a\s+)?(?:[a-z’'-]+\s+)?$"
)


#: A determiner that refers back to something named before ("the raid", "this crackdown").
_REFERRED = re.compile(r"\b(?:the|this|that|these|those)\s+$")


#: A body named after an event word in lower case: "the election commission", "a protest
#: committee".
_A_BODY_AFTER = re.compile(r"[ \t]+(?:commission|committee|commissioner|law|code)s?\b")


def _in_a_body_name(text: str, start: int, end: int) -> bool:
    """Whether the event word at `start`-`end` of a sentence's `text` is part of a body's
    name ("the Collective Security Treaty Organization", "the election commission"): no event
    of its own."""
    if _A_BODY_AFTER.match(text, end) is not None:
        return True  # "the election commission", "Election commissions should be formed"
    if not text[start : start + 1].isupper():
        return False
    opens = not text[:start].strip(" \"“‘'(")
    return bool((_NAME_OF_A_BODY if opens else _NAME_WITH_AND).match(text, end))


#: A preposition a few words before an event word: that event is when or why something else
#: happened ("arrested over a primary election", "rallied after the vote", "imposes sanctions
#: over the vote and the crackdown").
_CONTEXT_BEFORE = re.compile(
    r"\b(?:over|after|before|ahead\s+of|since|following|during|against|about|around)\s+"
    r"(?P<between>(?:[\w’'-]+\s+){0,4})$"
)


def _as_context(hits: Sequence[Hit], folded: str, kind: str, reach: int = 4) -> bool:
    """Whether every word of a sentence's event `kind` comes after such a preposition, with
    at most `reach` words between them."""
    for label, start, _ in hits:
        if label != kind:
            continue
        found = _CONTEXT_BEFORE.search(folded[max(0, start - 60) : start])
        if found is None or len(found.group("between").split()) > reach:
            return False
    return True


def find_events(
    sentences: list[Sentence],
    dates: list[dict],
    mentions: list[Mention],
    main_country: str | None = None,
    folded: str | None = None,
    raw: Iterable[RawHit] | None = None,
    places: Sequence[Mention] = (),
) -> list[dict]:
    """Event candidates as contract dicts: date, precision, country, type, trigger (the event
    word found, lower-cased), place (a capital named as the city in the sentence, in the
    event's country: "a court in Minsk"; else None), sentence, start, end.

    `folded` is the article text lower-cased (same length); it is rebuilt from the sentences'
    article when not given, which only works if the sentences cover the text's offsets. `raw`
    are the raw automaton matches of `LEXICON` in `folded`, when the caller has scanned already.
    `places` are the capitals named as the city (`countries.find_mentions`), in text order.
    """
    if folded is None:
        folded = folded_text(sentences)
    hits = LEXICON.scan(folded, raw)
    starts = [start for _, start, _ in hits]
    place_starts = [place.start for place in places]
    out: list[dict] = []
    di = 0
    mi = 0
    n_dates = len(dates)
    n_mentions = len(mentions)
    for sent in sentences:
        text, s_start, s_end = sent
        if asks(text):
            continue  # a question asks, it tells nothing that happened ("How many died?")
        while di < n_dates and dates[di]["start"] < s_start:
            di += 1
        while mi < n_mentions and mentions[mi].start < s_start:
            mi += 1
        lo = bisect_left(starts, s_start)
        hi = bisect_left(starts, s_end, lo)
        words = [
            hit
            for hit in outermost(hits[lo:hi])
            if not _in_a_body_name(text, hit[1] - s_start, hit[2] - s_start)
            and not _NO_HAPPENING.search(folded, max(s_start, hit[1] - 40), hit[1])
            and not (
                hit[0] == "crackdown" and _LIFTED.search(folded, max(s_start, hit[1] - 30), hit[1])
            )
            and not (folded[hit[1] : hit[2]] == "met" and _no_meeting(text, hit[1] - s_start))
            and not (hit[0] == "protest" and _protesters_spoken_of(folded, hit[1], s_start))
            and not (hit[0] == "coup" and _ousted_as_a_title(folded, hit[1], hit[2], s_start))
        ]
        if not words:
            continue  # no event word
        kinds = sorted({_RANK[label] for label, _, _ in words})
        kind = EVENT_TYPES[kinds[0]]
        if kind == "election" and len(kinds) > 1 and _as_context(words, folded, kind, 3):
            kind = EVENT_TYPES[kinds[1]]  # "detained politicians over a primary election"
        if kind in DOMESTIC and _SANCTION_RANK in kinds:
            # "imposes sanctions over the vote and the crackdown": the sanctions happened
            before = [EVENT_TYPES[k] for k in kinds if k < _SANCTION_RANK]
            if all(_as_context(words, folded, other) for other in before):
                kind = "sanction"
        said = _SAID.search(folded, s_start, s_end)
        if kind == "protest" and said and not _CROWD.search(folded, s_start, s_end):
            kind = EVENT_TYPES[kinds[1]] if len(kinds) > 1 else "statement"
        elif kind == "protest" and _done_to_protesters(words, folded):
            kind = "crackdown"  # "Police arrested 20 protesters": what was done to them
        first = next((hit for hit in words if hit[0] == kind), words[0])  # of the type found
        trigger = folded[first[1] : first[2]] if first[0] == kind else None
        at = first[1]
        dated = nearest_date(dates, di, sent, at, folded)
        if kind == "statement" and (dated is None or _steps_date(words, folded, dated, said)):
            continue  # a statement needs its own date
        # undated, or a step still ahead (saying so is still a statement): kept when in the past
        ahead = tense.ahead(folded, s_start, first) if kind != "statement" else None
        if (dated is None or ahead) and not tense.past(
            text, folded, s_start, s_end, ahead, first[1:]
        ):
            continue
        if (
            dated is None
            and _REFERRED.search(folded, max(s_start, at - 12), at)
            and not _PROTESTERS.match(folded, at)
            and any(found["type"] == kind for found in out)
        ):
            continue  # "Raab said the raid showed ...": the raid found before, referred to
        codes: dict[str, int] = {}
        reacting: set[str] = set()  # countries named before a reaction verb: its subject
        located: tuple[str, int] | None = None  # the first country named as the place, at
        j = mi
        sited: list[Mention] = []  # the sentence's countries that may be where it happened
        away_to: int | None = None  # the end of a country named as a partner or destination
        while j < n_mentions and mentions[j].start < s_end:
            # who leads or backs something ("Russian-led troops") is not where it happened,
            # nor, for what happens inside a country, a partner ("activists who had opposed
            # a border deal with Uzbekistan" were detained at home), where someone went
            # ("leaves for Lithuania after being detained") or something came from, nor the
            # countries listed after such a one ("from Russia, China and Singapore")
            mention = mentions[j]
            elsewhere = kind in DOMESTIC and (
                _PARTNER_OR_SOURCE_BEFORE.search(
                    folded, max(s_start, mention.start - 10), mention.start
                )
                or _GONE_TO.search(folded, max(s_start, mention.start - 24), mention.start)
                or (away_to is not None and _LISTED_ON.fullmatch(folded, away_to, mention.start))
            )
            away_to = mention.end if elsewhere else None  # "from Russia, China and Singapore"
            if mention.iso3 and not AS_AN_AGENT.match(folded, mention.end) and not elsewhere:
                sited.append(mention)
            j += 1
        for mention in sited:
            iso3 = mention.iso3
            codes[iso3] = codes.get(iso3, 0) + 1
            if _named_as_place(folded, s_start, mention.start):
                # "in Tanzania" is where it happened, not who reacts
                located = located or (iso3, mention.start)
            elif said and kind in DOMESTIC and mention.start < said.start():
                reacting.add(iso3)
        if reacting:  # "The US condemned the crackdown": the crackdown is not in the US
            codes = {c: n for c, n in codes.items() if c not in reacting}
            if not codes and main_country and main_country not in reacting:
                codes = {main_country: 1}
        cities = places[bisect_left(place_starts, s_start) : bisect_left(place_starts, s_end)]
        city = next((c for c in cities if _named_as_place(folded, s_start, c.start)), None)
        if located is not None and located[0] not in codes:
            located = None  # the subject of a reaction, not the place
        if (
            city is not None
            and city.iso3 not in reacting
            and (located is None or city.start < located[1])
        ):
            located = (city.iso3, city.start)
        named = [(m.iso3, m.start) for m in sited if m.iso3 in codes]
        named += [(c.iso3, c.start) for c in cities if c.iso3 not in reacting]
        own = [h for h in words if h[0] == kind]
        located = _place_of_event_word(own, named, folded) or located
        # sanctions are where they are aimed ("the US sanctioned Myanmar's oil company"), else
        # the place named ("in Belarus", "a court in Minsk"), else the most mentioned country,
        # the first mentioned among equals
        aimed = None
        if kind == "sanction":
            aimed = _sanction_target(words, mentions, mi, sent, folded, main_country)
        if aimed is not None:
            country = aimed
        elif located is not None:
            country = located[0]
        else:
            country = max(codes, key=codes.__getitem__) if codes else main_country
        place = next((c.text for c in cities if c.iso3 == country), None)
        out.append(
            {
                "date": dated["iso"] if dated else None,
                "precision": dated["precision"] if dated else None,
                "country": country,
                "type": kind,
                "trigger": trigger,
                "place": place,
                "sentence": text,
                "start": s_start,
                "end": s_end,
            }
        )
    return out
