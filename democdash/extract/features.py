"""Sentence features for the policy-option classifier: what a sentence says about a position
on a step still ahead, in words that mean the same in any article.

Two kinds of feature, both binary and named (the model file maps names to weights):

- **cues** (`cue:*`), hand-written from English grammar, not from any article: modal verbs of
  obligation, intention and possibility, stance verbs by stance and tense, conditionals,
  negation, reported speech and quotation marks, first person (the author), a past-tense or
  perfect report, future time, instrument words (sanctions, aid, talks, troops...), who the
  subject is (a country, a government body, an organisation, a titled person, the author), and
  the sentence's shape (a question, a heading, a list item under a heading ending in ":");
- **words** (`w:*` and `b:*`): lower-cased words and word pairs, with capitalised words inside
  the sentence masked as `<cap>`, country names as `<country>` and numbers as `<num>`, so that
  names of people and places never become features. Which words carry weight is learned; the
  training keeps only words seen in several articles (`democdash.extract.training`).

`sentence_features(text, countries, previous)` returns the set of feature names of one
sentence; it costs a few tens of microseconds, so every sentence of an article is scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from democdash.extract.frames import frame_features
from democdash.extract.lexicon import phrases
from democdash.extract.lists import line_body

#: Cue words and phrases by cue (lower-case; a phrase is matched on word boundaries).
CUES: dict[str, list[str]] = {
    # obligation: the author's or an actor's "should"
    "oblige": phrases(
        "should must ought_to need_to needs_to needed_to have_to has_to had_to shall "
        "it_is_time is_time it_is_critical it_is_essential it_is_vital it_is_imperative "
        "it_is_crucial it_is_important it_is_necessary would_do_well would_be_wise "
        "is_needed are_needed is_required are_required requires require will_require "
        "would_require necessitate necessitates will_necessitate cannot_afford can't_afford "
        "better_to best_to onus"
    ),
    "intend": phrases(
        "will would shall going_to plan_to plans_to planned_to planning_to intend_to "
        "intends_to intended_to aim_to aims_to aimed_to aiming_to seek_to seeks_to sought_to "
        "seeking_to set_to is_set_to are_set_to ready_to prepared_to willing_to determined_to "
        "expected_to is_to are_to wants_to want_to wanted_to hopes_to hope_to"
    ),
    "possible": phrases(
        "could may might can likely unlikely possibly possible perhaps probably potential "
        "potentially option options prospect prospects"
    ),
    "recommend": phrases(
        "recommend recommends recommended recommending urge urges urged urging advise "
        "advises advised advocate advocates advocated argue argues argued encourage "
        "encourages encouraged suggest suggests suggested priority"
    ),
    "propose": phrases(
        "propose proposes proposed proposing proposal proposals plan plans planned "
        "announce announces announced announcing offer offers offered offering initiative "
        "put_forward puts_forward unveil unveils unveiled intends intention draft seeks"
    ),
    "pledge": phrases(
        "pledge pledges pledged pledging promise promises promised promising vow vows vowed "
        "vowing commit commits committed commitment guarantee guarantees guaranteed assure "
        "assures assured resolve resolved undertake undertook swear swore"
    ),
    "demand": phrases(
        "demand demands demanded demanding call_for calls_for called_for calling_for "
        "call_on calls_on called_on calling_on ask asks asked asking request requests "
        "requested requesting insist insists insisted insisting appeal appeals appealed "
        "press_for pressed_for pressing_for push_for pushed_for pushing_for want wants "
        "wanted"
    ),
    "threaten": phrases(
        "threaten threatens threatened threatening threat threats warn warns warned warning "
        "ultimatum consequences retaliate retaliation punish punished dealt_with"
    ),
    "weigh": phrases(
        "consider considers considered considering weigh weighs weighing mull mulls mulling "
        "discuss discusses discussing debate debating explore explores exploring "
        "contemplate contemplating mooted floated interested_in keen_on eyeing assess "
        "assessing review reviewing"
    ),
    "refuse": phrases(
        "refuse refuses refused refusing reject rejects rejected rejecting rule_out "
        "rules_out ruled_out oppose opposes opposed opposing decline declines declined "
        "deny denies denied veto vetoes vetoed resist resists resisted dismiss dismissed "
        "won't will_not would_not cannot can't no_longer pushback block blocks blocked "
        "blocking thwart thwarts thwarted thwarting obstruct obstructs obstructed obstructing "
        "stonewall stonewalled stonewalling"
    ),
    "attempt": phrases(
        "try_to tries_to tried_to trying_to attempt attempts attempted attempting bid_to "
        "effort efforts seek seeking eager_to keen_to desperate_to wish wishes wished hope "
        "hopes hoping looking_for looking_to lobby lobbying campaign_for campaigning "
        "pitching_for ambition ambitions goal goals agenda strategy move_to moves_to"
    ),
    "necessity": phrases(
        "crucial critical essential vital key important necessary imperative urgent "
        "urgently indispensable needed required up_to_us up_to_the it's_up up_to_all "
        "time_for the_answer the_way_forward the_solution solution"
    ),
    "condition": phrases("if unless provided_that as_long_as so_long_as otherwise until"),
    "negation": phrases("not no never n't nor neither none without"),
    "report": phrases(
        "said says say told tells stated states added according_to noted explained "
        "declared announced wrote claimed claims insisted"
    ),
    "first_person": phrases("we our us i my ourselves"),
    "past": phrases(
        "was were had did ago last_year last_month last_week yesterday previously earlier "
        "already formerly once"
    ),
    "perfect": phrases("has_been have_been had_been has_already have_already"),
    "future_time": phrases(
        "next_year next_month next_week future upcoming forthcoming soon later_this "
        "by_the_end in_the_coming ahead coming_years coming_months"
    ),
    "sanctions": phrases(
        "sanction sanctions sanctioned embargo embargoes asset_freeze asset_freezes visa_ban "
        "visa_bans blacklist travel_ban magnitsky"
    ),
    "funding": phrases(
        "aid fund funds funding loan loans finance financing financial assistance grant "
        "grants budget investment investments money humanitarian donor donors"
    ),
    "mediation": phrases(
        "mediate mediation mediator dialogue negotiate negotiation negotiations talks "
        "ceasefire cease-fire peace_process transition roadmap broker brokered"
    ),
    "multilateral": phrases(
        "united_nations security_council multilateral international_community coalition "
        "allies partners alliance summit"
    ),
    "trade": phrases("trade tariff tariffs export exports import imports market markets economic"),
    "diplomacy": phrases(
        "diplomatic diplomacy diplomats ambassador ambassadors embassy envoy engage "
        "engagement relations recognise recognize recognition cooperation pressure"
    ),
    "military": phrases(
        "troops military army armed_forces arms weapons deterrence defence defense "
        "deployment deploy forces strike invade invasion intervention peacekeepers"
    ),
    "rhetoric": phrases(
        "condemn condemns condemned denounce denounced criticise criticize criticised "
        "criticized statement rhetoric"
    ),
    "domestic": phrases(
        "election elections vote referendum constitution constitutional law laws bill reform "
        "reforms parliament amendment impeachment resign resignation release prisoners "
        "inquiry investigation trial boycott"
    ),
    "gov_subject": phrases(
        "government governments administration ministry minister ministers president "
        "prime_minister authorities regime cabinet officials official parliament junta "
        "army military police"
    ),
    "org_subject": phrases(
        "party parties council commission union organisation organization committee group "
        "groups movement opposition protesters activists students donors alliance"
    ),
}

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|\x01")
#: Stands in the text for a country mention while the words are found.
_COUNTRY_MARK = " \x01 "
_PAST_ED = re.compile(r"\b[a-z]{3,}ed\b")
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|am|'re|’re)\s+(?:\w+ly\s+|now\s+|still\s+|also\s+)?\w{3,}ing\b", re.I
)
_PAST_PROGRESSIVE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?\w{3,}ing\b", re.I)
_QUOTES = frozenset('"“”')
#: A quotation in single marks, as British papers print them ("condemned the 'shocking' use"):
#: a mark after a space or bracket before a letter, closed after a letter or a stop before a
#: space or a stop; an apostrophe ("Russia's", "protesters' demands") opens none.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[]))['‘][A-Za-z][^'‘’\n]*?[A-Za-z.,!?]['’](?=[\s.,;:!?)\]]|$)"
)
#: Verbs of policy steps (impose, lift, send, fund, negotiate...): after a modal they make a
#: step ahead ("could impose", "will not negotiate").
_POLICY_VERBS = (
    r"impose[ds]?|lift(?:ed)?|suspend(?:ed)?|freeze|cut|provide[ds]?|send|deploy|support"
    r"|fund|finance|sanction|hold|organi[sz]e|pursue|work|use|apply|transfer|hand|close"
    r"|reopen|open|release|restore|negotiate|mediate|engage|cooperate|recogni[sz]e|expel"
    r"|withdraw|join|boycott|intervene|veto|block|ban|punish|press|push|pressure|urge"
    r"|encourage|act|respond|retaliate|offer|invest|lend|trade|export|import|seek|crack"
    r"|step|resign|call|demand|stand|fight|defend|deter|protect|monitor|review|reconsider"
    r"|consider|allow|accept|help|back|arm|train|strengthen|increase|expand|reduce|end"
    r"|stop|prevent|ensure|establish|create|build|introduce|pass|adopt|approve|sign|ratify"
    r"|launch|continue|maintain|keep|tighten|ease|target|seize|attack|invade|strike"
)
_MODAL_STEP = re.compile(
    r"\b(?:will|would|could|can|may|might|should|must|shall|wo)(?:n't|n’t)?\s+"
    r"(?:(?:not|still|also|likely|now|soon|then|further|jointly|never|continue\s+to|be\s+able\s+to"
    r"|have\s+to|need\s+to|seek\s+to|try\s+to)\s+){0,2}(?:be\s+)?"
    rf"(?:{_POLICY_VERBS})\b",
    re.IGNORECASE,
)
_EPISTEMIC = re.compile(
    r"\b(?:must|could|would|may|might|should)\s+(?:have\s+\w+|be\s+(?:seen|noted|viewed|read"
    r"|understood|argued|said))\b",
    re.IGNORECASE,
)


def _cue_index() -> tuple[dict[str, list[str]], dict[tuple[str, ...], list[str]]]:
    """Single words -> cues, and multi-word phrases (as word tuples) -> cues."""
    single: dict[str, list[str]] = {}
    multi: dict[tuple[str, ...], list[str]] = {}
    for cue, items in CUES.items():
        for item in items:
            words = tuple(item.replace("n't", " n't").split())
            if len(words) == 1:
                single.setdefault(words[0], []).append(cue)
            else:
                multi.setdefault(words, []).append(cue)
    return single, multi


_SINGLE, _MULTI = _cue_index()
_SINGLE_WORDS = frozenset(_SINGLE)
#: A phrase's first two words -> the phrases they open, with their cues.
_MULTI_BY_PAIR: dict[tuple[str, str], list[tuple[tuple[str, ...], list[str]]]] = {}
for _phrase, _names in _MULTI.items():
    _MULTI_BY_PAIR.setdefault(_phrase[:2], []).append((_phrase, _names))
_MULTI_PAIRS = frozenset(_MULTI_BY_PAIR)


def tokens(text: str, countries: Iterable[tuple[int, int]] = ()) -> list[str]:
    """The sentence's words, lower-cased, with masks: `<country>` for a word inside one of the
    `countries` spans (offsets into `text`), `<cap>` for another capitalised word that does not
    open the sentence, `<num>` for a number. "n't" is split off ("won't" -> "wo", "n't")."""
    spans = sorted(countries)
    if spans:
        parts: list[str] = []
        pos = 0
        for a, b in spans:
            if a >= pos:
                parts += [text[pos:a], _COUNTRY_MARK]
                pos = b
        parts.append(text[pos:])
        text = "".join(parts)
    out: list[str] = []
    append = out.append
    single = _SINGLE
    for word in _TOKEN.findall(text):
        first = word[0]
        if first == "\x01":
            if not out or out[-1] != "<country>":
                append("<country>")
            continue
        if first.isdigit():
            append("<num>")
            continue
        low = word.lower()
        if "’" in low:
            low = low.replace("’", "'")
        if first.isupper() and out and low not in single and low != "i":
            append("<cap>")
            continue
        if "'" not in low:
            append(low)
        elif low.endswith("n't"):
            append(low[:-3])
            append("n't")
        elif low.endswith("'s"):
            append(low[:-2])
        else:
            append(low)
    return out


def cues(words: list[str]) -> set[str]:
    """The cue names of a list of lower-cased words (see `CUES`)."""
    found: set[str] = set()
    for word in _SINGLE_WORDS.intersection(words):
        found.update(_SINGLE[word])
    pairs = _MULTI_PAIRS.intersection(pairwise(words))
    for pair in pairs:
        for phrase, names in _MULTI_BY_PAIR[pair]:
            if len(phrase) == 2 or _has_phrase(words, phrase):
                found.update(names)
    return found


def _has_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(
        tuple(words[i : i + size]) == phrase for i, word in enumerate(words) if word == phrase[0]
    )


def _subject(words: list[str]) -> str:
    """Who the sentence's subject seems to be, from its first words."""
    head = [w for w in words[:6] if w not in ("the", "a", "an", "but", "and", "yet", "so")]
    if not head:
        return "none"
    first = head[0]
    if first in ("we", "our", "i", "us"):
        return "author"
    if first == "<country>":
        return "country"
    if first == "<cap>":
        return "name"
    if first in ("he", "she", "they", "it"):
        return "pronoun"
    firsts = set(head[:3])
    if firsts & _GOV:
        return "government"
    if firsts & _ORG:
        return "organisation"
    return "other"


_GOV = frozenset(w for w in CUES["gov_subject"] if " " not in w)
_ORG = frozenset(w for w in CUES["org_subject"] if " " not in w)
#: Cue pairs whose co-occurrence means more than each alone (modal + instrument, etc.).
_PAIRS = (
    ("oblige", "first_person"),
    ("oblige", "report"),
    ("oblige", "negation"),
    ("intend", "report"),
    ("intend", "past"),
    ("intend", "negation"),
    ("possible", "report"),
    ("condition", "intend"),
    ("condition", "oblige"),
    ("demand", "past"),
    ("refuse", "report"),
    ("propose", "past"),
    ("pledge", "report"),
)
_INSTRUMENT_CUES = (
    "sanctions",
    "funding",
    "mediation",
    "multilateral",
    "trade",
    "diplomacy",
    "military",
    "rhetoric",
    "domestic",
)
_STANCE_CUES = (
    "oblige",
    "intend",
    "recommend",
    "propose",
    "pledge",
    "demand",
    "threaten",
    "weigh",
    "refuse",
    "attempt",
    "necessity",
)


_PAIR_INDEX: dict[str, tuple[str, ...]] = {
    a: tuple(b for first, b in _PAIRS if first == a) for a, _ in _PAIRS
}
_PAIR_FIRSTS = frozenset(_PAIR_INDEX)
_INSTRUMENT_SET = frozenset(_INSTRUMENT_CUES)
_STANCE_SET = frozenset(_STANCE_CUES)


def sentence_features(
    text: str,
    countries: Iterable[tuple[int, int]] = (),
    previous: str | None = None,
) -> set[str]:
    """The feature names of one sentence; `countries` are the spans of its country mentions
    (offsets into `text`), `previous` the sentence before it in the article (None at the start)."""
    return sentence_features_and_context(text, countries, previous)[0]


def sentence_features_and_context(
    text: str,
    countries: Iterable[tuple[int, int]] = (),
    previous: str | None = None,
) -> tuple[set[str], set[str]]:
    """`sentence_features`, and apart the ones its neighbours see (`cue:`, `shape:` and `subj:`,
    `option_model.CONTEXT_PREFIXES`), which the first set holds too: made as they are found,
    so that the option model need not look for them among the sentence's sixty-odd features.
    A bullet, enumerator or label that opens the line is no word of the sentence
    (`lists.line_body`): "2. Calls on the Council to ..." reads as "Calls on the Council to"."""
    body = line_body(text)
    if body is not text:
        cut = len(text) - len(body)
        countries = [(a - cut, b - cut) for a, b in countries if a >= cut]
        text = body
    words = tokens(text, countries)
    feats = {f"w:{w}" for w in words}
    feats.update(f"b:{a}_{b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True))
    found = cues(words)
    ctx = {f"cue:{c}" for c in found}
    for a in _PAIR_FIRSTS.intersection(found):
        ctx.update([f"cue:{a}+{b}" for b in _PAIR_INDEX[a] if b in found])
    stance = _STANCE_SET.intersection(found)
    instruments = _INSTRUMENT_SET.intersection(found)
    if stance and instruments:
        ctx.add("cue:stance+instrument")
    if not stance:
        ctx.add("cue:no_stance")
    feats.update(frame_features(words, bool(stance)))
    if _PAST_ED.search(text):
        ctx.add("cue:ed_verb")
    if "intend" in found or "oblige" in found or "possible" in found:
        if _MODAL_STEP.search(text):
            ctx.add("cue:modal_step")
        if _EPISTEMIC.search(text):
            ctx.add("cue:epistemic")
    if "ing" in text:
        if _PROGRESSIVE.search(text):
            ctx.add("cue:progressive")
        elif _PAST_PROGRESSIVE.search(text):
            ctx.add("cue:past_progressive")
    if words:
        feats.add(f"first:{words[0]}")
    for c in stance:
        for i in instruments:
            ctx.add(f"cue:{c}+{i}")
    ctx.add(f"subj:{_subject(words)}")
    if not _QUOTES.isdisjoint(text) or (
        ("'" in text or "‘" in text) and _SINGLE_QUOTED.search(text)
    ):
        ctx.add("cue:quote_mark")
    n = len(words)
    feats.add(f"len:{'1-4' if n < 5 else '5-9' if n < 10 else '10-24' if n < 25 else '25+'}")
    end = text.rstrip()[-1:]
    if end == "?":
        ctx.add("shape:question")
    elif end not in ".!\"”’)'":
        ctx.add("shape:no_end_mark")
    if previous is not None:
        last = previous.rstrip()[-1:]
        if last == ":":
            ctx.add("shape:after_colon")
        elif last not in ".!?\"”’)'" and "shape:no_end_mark" in ctx and n >= 3:
            ctx.add("shape:list_run")
    if text.rstrip().endswith(":"):
        ctx.add("shape:ends_colon")
    feats |= ctx
    return feats, ctx
