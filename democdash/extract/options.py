"""Candidate policy options: every sentence scored by the trained option model, described by rule.

A sentence's `confidence` is the option model's probability that it states an actor's position
on a policy step still ahead (`democdash.extract.option_model`, trained on the development set
by `democdash.extract.training`). Sentences at or above the model's `likely` threshold are the
policy options; those between its `possible` and `likely` thresholds are "also possible".
Fragments of fewer than `MIN_WORDS` words (headings) are never options.

Each option is described by rules that carry over to any article:
- `stance` (a `democdash.vocab.Stance` value): the model's stance classifier, overridden by an
  unambiguous stance verb in the sentence ("refused", "vowed", "threatened", "called for");
- `holder`: who takes the position (`democdash.extract.holders`);
- `instrument` (a `democdash.vocab.Instrument` value): the first instrument, in the order of
  `INSTRUMENTS`, whose words the sentence holds, else `other`;
- `countries`: the countries the sentence names; `target`: the first of them that is not the
  holder's, else the article's main country; `date`: the first date in the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from democdash.extract.countries import Mention
from democdash.extract.events import named_as_acting
from democdash.extract.features import sentence_features_and_context
from democdash.extract.holders import (
    Antecedents,
    actor_named,
    addressee,
    holder_and_acting,
    names_who_acts,
    span_of,
    the_author,
)
from democdash.extract.lexicon import Hit, Lexicon, phrases
from democdash.extract.lists import Heading
from democdash.extract.option_model import Context, OptionModel, in_context, with_given_context
from democdash.extract.scan import RawHit
from democdash.extract.sentences import Sentence, asks
from democdash.extract.speakers import REPORTING_WORDS, Nearby
from democdash.extract.subjects import opening_condition

#: Sentences shorter than this (in words) are headings or fragments, never options.
MIN_WORDS = 3

INSTRUMENTS = {
    "sanctions": phrases(
        "sanction* embargo* asset_freeze* visa_ban* magnitsky blacklist* travel_ban*"
    ),
    "military": phrases(
        "troops military armed_forces arms weapon* deterr* defence* defense* army armies "
        "barracks garrison* peacekeep* warship* missile* airstrike* air_strike* invasion "
        "invade*"
    ),
    "funding": phrases(
        "aid fund* loan* financ* assistance grant grants imf budget* investment* money "
        "humanitarian donor*"
    ),
    "mediation": phrases(
        "mediat* dialogue negotiat* talks broker* ceasefire* cease-fire* peace_process "
        "peace_deal peace_agreement peace_talks transfer_of_power roadmap*"
    ),
    "multilateral": phrases(
        "united_nations security_council un asean eu multilateral* international_community "
        "coalition* allies partners international_system g7 g20 nato osce"
    ),
    "trade": phrases("trade tariff* export* import* market* economic* investor*"),
    "diplomacy": phrases(
        "diplomat* embass* ambassador* envoy* engag* relations recogni* summit* visit* "
        "cooperation pressure accountable"
    ),
    "rhetoric": phrases(
        "condemn* denounc* statement* criticis* criticiz* rhetoric* rebuk* deplor* "
        "speak_out speaks_out spoke_out"
    ),
}
LEXICON = Lexicon({f"instr:{k}": v for k, v in INSTRUMENTS.items()})
_INSTRUMENT_NAMES = tuple(INSTRUMENTS)
_INSTRUMENT_RANK = {f"instr:{name}": rank for rank, name in enumerate(_INSTRUMENT_NAMES)}

#: Stance verbs that settle the stance whatever the model says (general English), as the
#: word (`w:`) and word-pair (`b:`) features of `democdash.extract.features`, strongest first.
_STANCE_VERBS = (
    # a step not ruled out is weighed; one that will not be accepted is refused
    ("weighs", "b:not_rule b:not_ruled b:n't_rule b:n't_ruled b:not_excluded b:not_exclude"),
    (
        "refuses",
        "b:not_accept b:n't_accept b:never_accept b:not_recognise b:n't_recognise "
        "b:not_recognize b:n't_recognize b:never_recognise b:never_recognize "
        "refuse refuses refused refusing reject rejects rejected rejecting veto vetoed "
        "vetoes b:rule_out b:rules_out b:ruled_out b:declined_to b:declines_to",
    ),
    ("threatens", "threaten threatens threatened threatening ultimatum"),
    (
        "pledges",
        "pledge pledges pledged pledging promise promises promised vow vows vowed "
        "b:committed_to b:commits_to",
    ),
    (
        "demands",
        "demand demanded demanding demands urge urges urged urging insist insists "
        "insisted b:call_for b:calls_for b:called_for b:call_on b:calls_on b:called_on",
    ),
    (
        "weighs",
        "considering considers weighing weighs mulling mulls contemplating discuss discusses "
        "discussing examining examines",
    ),
    (
        "proposes",
        "propose proposes proposed proposing b:plan_to b:plans_to b:planned_to "
        "b:intends_to b:intend_to b:preparing_to b:prepares_to b:preparing_a b:prepares_a "
        "b:preparing_new b:prepares_new",
    ),
    ("recommends", "should recommend recommends recommended b:ought_to"),
)
_STANCE_FEATURES = tuple(
    (stance, frozenset(w if w.startswith("b:") else f"w:{w}" for w in words.split()))
    for stance, words in _STANCE_VERBS
)
_FALLBACK_STANCE = "proposes"
#: The features that settle a refusal (`_STANCE_FEATURES`).
_REFUSALS = next(cues for stance, cues in _STANCE_FEATURES if stance == "refuses")
#: A demand that someone refuse ("urged parliament to reject the bill", "called on the EU to
#: veto the deal"): the refusal is what is demanded, the stance a demand.
_ASKED_TO_REFUSE = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on)\s+"
    r"(?:[\w’'.-]+\s+){1,6}?to\s+(?:reject|refuse|veto)\b",
    re.IGNORECASE,
)
#: Features of a sentence that may appeal to someone to act (`holders.addressee`).
_APPEALS = frozenset(
    (
        *("cue:demand", "cue:recommend", "w:press", "w:presses", "w:pressed", "w:pressing"),
        *("w:implore", "w:implores", "w:implored", "w:imploring"),
    )
)


def option_features(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[set[str]]:
    """The option model's features of every sentence, context included (the same features
    in training and at run time); `mentions` are the article's country mentions."""
    return list(with_given_context(_own_features(sentences, mentions)))


def option_features_in_context(
    sentences: Iterable[Sentence], mentions: Sequence[Mention]
) -> Iterator[tuple[set[str], Context]]:
    """Each sentence's own features and its `Context`, one sentence at a time (the
    pipeline's way: the model weighs the context without its features being named, and a
    long text's feature sets are not all held at once); `option_features` names them."""
    return in_context(_own_features(sentences, mentions))


def _own_features(
    sentences: Iterable[Sentence], mentions: Sequence[Mention]
) -> Iterator[tuple[set[str], set[str]]]:
    starts = [m.start for m in mentions]
    previous: str | None = None
    for sent in sentences:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        spans = [(m.start - sent.start, m.end - sent.start) for m in mentions[lo:hi] if m.iso3]
        yield sentence_features_and_context(sent.text, spans, previous)
        previous = sent.text


#: "should" before its subject, after a word of the sentence: a condition ("ready to act
#: should the military not change course"), no one's recommendation, unless a negative or a
#: question word brings it forward ("Nor should the opposition be left ...").
_SHOULD_BEFORE_SUBJECT = re.compile(
    r"\b(?P<before>[\w’'-]+),?\s+should\s+(?:the|a|an|this|that|these|those|its|their|his|her"
    r"|any|there|it|they|he|she|we|you|[A-Z][\w.’'-]*)\s"
)
_INVERTING = frozenset(
    phrases("nor neither never not only so nowhere rarely seldom why how what where when who")
)
_SHOULD = re.compile(r"\bshould\b", re.IGNORECASE)
#: What the author says "we" will do is a pledge (`stance_of`).
_WILL = frozenset(("w:will", "w:shall"))
_WE = frozenset(("w:we", "w:our"))
#: "will not hesitate to ...": resolve, not a refusal (`stance_of`).
_UNHESITATING = frozenset(("b:not_hesitate", "b:n't_hesitate"))


def stance_of(
    features: set[str],
    model: OptionModel,
    by_the_author: bool = False,
    text: str = "",
    context: Context | None = None,
) -> str:
    """A sentence's stance: what the author (`by_the_author`: the article's author holds it)
    says someone should or must do is the author's recommendation, whatever the step
    ("Member states should refuse to extradite ..."); else an unambiguous stance verb among
    its `features`, else the model's stance guess. A "should" that opens a condition in the
    sentence's `text` ("should the military not change course", "Should the generals agree
    ..., Washington could ...") recommends nothing: with an intention ("is ready to act",
    "will respond") it makes a threat. "Will not hesitate to" is no refusal: with a condition
    or a threat's words it threatens, else it pledges. `context` is the sentence's
    (`OptionModel.stance`), when `features` are its own only."""
    if "w:should" in features and text and _conditional_should(text):
        if "cue:intend" in features:
            return "threatens"  # "ready to act should the military not change course"
        features = features - {"w:should", "cue:oblige"}
    if by_the_author and "cue:oblige" in features:
        return "recommends"
    if not _UNHESITATING.isdisjoint(features):
        # "Russia will not hesitate to retaliate if ...": a threat; without a condition or
        # a threat's words ("will not hesitate to support Ukraine"), a pledge
        threat = "cue:condition" in features or "cue:threaten" in features
        return "threatens" if threat else "pledges"
    if text and not _REFUSALS.isdisjoint(features) and _ASKED_TO_REFUSE.search(text):
        return "demands"  # "urged parliament to reject the bill": the asking is the stance
    for stance, cues in _STANCE_FEATURES:
        if not cues.isdisjoint(features):
            return stance
    if "cue:threaten" in features and "cue:condition+intend" in features:
        return "threatens"  # "Russia warned it would respond if NATO expanded": a threat
    if by_the_author and not _WILL.isdisjoint(features) and not _WE.isdisjoint(features):
        return "pledges"  # "We will continue to document violations": the author commits
    return model.stance(features, context) or _FALLBACK_STANCE


def _conditional_should(text: str) -> bool:
    """Whether every "should" of the sentence opens a condition (see
    `_SHOULD_BEFORE_SUBJECT`, and `subjects.opening_condition` for an opening "Should")."""
    conditions = [
        m
        for m in _SHOULD_BEFORE_SUBJECT.finditer(text)
        if m.group("before").lower() not in _INVERTING
    ]
    # "Should the generals agree to talks, Washington could ...": an inverted condition
    opening = opening_condition(text)
    inverted = 1 if opening and opening.group().startswith("Should") and not asks(text) else 0
    return len(conditions) + inverted == len(_SHOULD.findall(text))


def instrument_of(hits: Iterable[Hit]) -> str:
    """The first instrument, in the order of `INSTRUMENTS`, whose words the sentence holds."""
    ranks = [_INSTRUMENT_RANK[label] for label, _, _ in hits if label in _INSTRUMENT_RANK]
    return _INSTRUMENT_NAMES[min(ranks)] if ranks else "other"


def describe(
    sent: Sentence,
    features: set[str],
    model: OptionModel,
    hits: Sequence[Hit],
    mentions: Sequence[Mention],
    people: Sequence[dict],
    main_country: str | None,
    known_actors: Sequence[dict] = (),
    antecedents: Antecedents | None = None,
    nearby: Callable[[], tuple[Sequence[Nearby], Sequence[Nearby]]] | None = None,
    section: str | None = None,
    context: Context | None = None,
) -> dict:
    """Stance, holder, instrument, countries and target of one sentence read as an option
    (`antecedents`: whom "he" or "she" stands for; `nearby`: the sentences around it, for a
    quotation's speaker; `section`: the country the sentence's section is headed by;
    `context`: the sentence's `Context`, when `features` are its own only)."""
    held, acts = holder_and_acting(
        sent.text,
        sent.start,
        mentions,
        people,
        known_actors,
        "cue:report" in features or not REPORTING_WORDS.isdisjoint(features),
        antecedents,
        nearby,
        features,
    )
    countries = list(dict.fromkeys(m.iso3 for m in mentions if m.iso3))
    actor_iso3 = (acts or {}).get("iso3") or held["iso3"]
    # "We urge the authorities to ...": they would act
    asked = None if _APPEALS.isdisjoint(features) else addressee(sent.text)
    return {
        "stance": stance_of(features, model, held["kind"] == "author", sent.text, context),
        "holder": held,
        "acting": (
            actor_named(asked, sent.text, sent.start, mentions, people, known_actors)
            if asked
            else acts
        ),
        "instrument": instrument_of(hits),
        "countries": countries,
        "target": target_of(
            countries,
            actor_iso3,
            main_country,
            _named_in(acts or held, sent, mentions)
            | named_as_acting(mentions, sent.text.lower(), sent.start),
            section,
        ),
    }


def as_item_of(item: dict, lead: dict, main_country: str | None, text: str = "") -> dict:
    """An item of a list of positions (`democdash.extract.lists`) described as its lead-in
    reads: the lead-in's stance, holder and who would act ("The EU should:" over "- impose
    targeted sanctions on ..."), with the item's own instrument and countries and a target
    from those. An item whose `text` names who would act keeps them ("Recommendations" over
    "1. The EU should open a delegation ...": the EU)."""
    own = item["acting"] if text and item["acting"] and names_who_acts(text) else None
    acts = own or lead["acting"]
    actor_iso3 = (acts or {}).get("iso3") or lead["holder"]["iso3"]
    return {
        **item,
        "stance": lead["stance"],
        "holder": lead["holder"],
        "acting": acts,
        "target": target_of(item["countries"], actor_iso3, main_country),
    }


def under_heading(heading: Heading, line: Nearby, known_actors: Sequence[dict] = ()) -> dict:
    """What the items under a heading of positions hold ("Recommendations", "To ASEAN member
    states:"; `lists.headings`), as a lead-in's description for `as_item_of`: the heading's
    stance, held by the author, with whom the items are addressed to (named on the heading's
    `line`) as who would act."""
    acts = (
        actor_named(heading.to, line.text, line.offset, line.mentions, line.people, known_actors)
        if heading.to
        else None
    )
    return {
        "stance": heading.stance,
        "holder": the_author(),
        "acting": acts,
        "instrument": "other",
        "countries": list(dict.fromkeys(m.iso3 for m in line.mentions if m.iso3)),
        "target": None,
    }


def _named_in(actor: dict, sent: Sentence, mentions: Sequence[Mention]) -> set[str]:
    """The countries named inside the words of `actor` in the sentence ("Germany and France
    offered to mediate": both act, neither is the target)."""
    span = span_of(actor["text"], sent.text, sent.start) if actor.get("text") else None
    if span is None:
        return set()
    return {m.iso3 for m in mentions if m.iso3 and span[0] <= m.start < span[1]}


def target_of(
    countries: Sequence[str],
    actor: str | None,
    main: str | None,
    acting: Collection[str] = (),
    section: str | None = None,
) -> str | None:
    """The country a step is aimed at, from the sentence's `countries` (in order), the
    `actor`'s country and the article's `main` country: the main country when the sentence
    names it, names no country or only the actor's own ("Washington will coordinate its
    response" in an article on Belarus), unless the actor is the main country itself; else
    the first country named that is not the actor's nor one of the `acting` ones (the
    countries named in the words of who acts, as who imposed something, "by Britain", or
    beside who acts, "coordinate sanctions with Britain"). Under a heading that names a
    country (a digest's "BELARUS", `section`), a sentence that names no other country is
    about that one.

    Leave-one-article-out on the development set, the annotated target of the options found
    agreed 198 times in 257 this way when the rule was chosen (202 in the latest run), 177 times
    when the first other country named was taken."""
    others = [c for c in countries if c != actor and c not in acting]
    if section is not None and section != actor and not others:
        return section
    if main is not None and main != actor and (main in others or not others):
        return main
    return others[0] if others else (countries[0] if countries else main)


#: Denying a claim ("rejected suggestions that ...", "has denied the allegations") takes no
#: position on a step: such a sentence is at most "also possible", never a likely option.
_DENIAL = re.compile(
    r"\b(?:rejected|rejects|reject|denied|denies|deny|dismissed|dismisses|dismiss|rebuffed|"
    r"refuted)\s+(?:the\s+|these\s+|such\s+|any\s+|all\s+)?(?:[\w’'-]+\s+)?"
    r"(?:suggestions?|claims?|accusations?|allegations?|reports?|criticism|charges?|"
    r"assertions?|rumou?rs?|findings?|conclusions?|evidence|accounts?)\b",
    re.IGNORECASE,
)


#: A sentence that presents what follows ("Here are key events since the vote:", "Here is
#: what we know"): it takes no position.
_PRESENTS = re.compile(r"[\s\"“‘']*Here(?:['’]s|\s+(?:is|are)\b)")


def presents(text: str) -> bool:
    """Whether a sentence presents what follows (`_PRESENTS`): at most "also possible"."""
    return _PRESENTS.match(text) is not None


#: A question left open ("it is not clear if Beijing has a red line", "Blinken did not say
#: whether Washington would target ..."): no one's position on the step.
_LEFT_OPEN = re.compile(
    r"\b(?:(?:did|does|do|would|will|could)\s+not\s+say|(?:did|does|would)n[’']t\s+say"
    r"|(?:declined|refused)\s+to\s+say|(?:is|was|remains|remained)\s+(?:not\s+|un)clear"
    r"|it[’']s\s+(?:not\s+|un)clear)\s+(?:whether|if)\b",
    re.IGNORECASE,
)


def leaves_open(text: str) -> bool:
    """Whether a sentence leaves a question open (`_LEFT_OPEN`): at most "also possible"."""
    if "whether" not in text and " if " not in text:
        return False  # the regex's last word, looked for first: most sentences have neither
    return _LEFT_OPEN.search(text) is not None


def denies_a_claim(text: str) -> bool:
    """Whether a sentence denies a claim (`_DENIAL`) rather than taking a position."""
    return _DENIAL.search(text) is not None


#: What a step already taken does, told as its consequence ("As a result of today's action,
#: all property of the designated persons must be blocked"): the measure's effect, which no
#: one proposes.
_EFFECT_OF_A_STEP = re.compile(
    r"[\s\"“]*As\s+a\s+(?:result|consequence)\s+of\s+(?:today['’]s|this|these|the|such)\s+"
    r"(?:\w+\s+)?(?:actions?|designations?|sanctions|measures?|decisions?|orders?)\b",
    re.IGNORECASE,
)


#: What a law in force or a court's ruling does to people, told in the present ("The law
#: requires media that receive funding from abroad to register ...", "The conviction bars
#: Khan from running"): a description of the law, no position.
_WHAT_A_LAW_DOES = re.compile(
    r"[\s\"“]*(?:The|This|That|Its|Their|Such\s+a)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:law|legislation|decree|amendment|act|code|regulation|rules|ordinance|ruling|verdict|"
    r"conviction|sentence)\s+(?:also\s+)?"
    r"(?:requires|allows|bans|bars|forces|obliges|obligates|prohibits|criminali[sz]es|empowers|"
    r"permits|punishes|lets|disqualifies|strips)\b"
)


def states_an_effect(text: str) -> bool:
    """Whether a sentence tells what a step taken does (`_EFFECT_OF_A_STEP`) or what a law in
    force or a ruling does to people (`_WHAT_A_LAW_DOES`)."""
    return _EFFECT_OF_A_STEP.match(text) is not None or _WHAT_A_LAW_DOES.match(text) is not None


def takes_no_position(text: str) -> bool:
    """Whether a sentence the model scores as an option is at most "also possible": it
    denies a claim, presents what follows, leaves a question open, asks, or tells what a
    step taken does."""
    return (
        denies_a_claim(text)
        or presents(text)
        or leaves_open(text)
        or asks(text)
        or states_an_effect(text)
    )


def lexicon_hits(folded: str, raw: Iterable[RawHit] | None = None) -> list[Hit]:
    """The instrument words of an article (lower-cased text), in order of start."""
    return LEXICON.scan(folded, raw)
