"""Candidate policy options: sentences where an actor recommends, proposes, pledges, demands,
threatens, weighs or refuses a policy action.

Cue words decide, by rule:
- strong cues make a sentence an option on their own: modal obligation ("should", "must",
  "needs to", "ought to"), "call(s) for/on", "urge", "demand", "ask for", "pledge", "promise",
  "vow", "threaten", "refuse", "reject", "oppose", "propose", "recommend", "is considering";
- weak cues ("will", "would", "could", "can", "plans to", "announced that") count only with a
  word from the policy lexicon in the same sentence (sanctions, aid, talks, elections, troops...);
- a line ending in ":" that announces demands or recommendations makes the short list items
  under it options too (each a demand, or the stance of its heading);
- epistemic uses are not options ("must have been", "could be seen as"), nor questions.

Each option gets its instrument from the policy lexicon, the stance of its strongest cue, the
actor (the speaker of a quote, else the words before the cue) and a target country (the first
country in the sentence other than the actor's, else the article's main country).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from democdash.extract.countries import Mention
from democdash.extract.lexicon import Hit, Lexicon, phrases
from democdash.extract.scan import RawHit
from democdash.extract.sentences import Sentence, folded_text

STANCES = ("refuse", "threaten", "pledge", "demand", "propose", "recommend", "weigh")

_WILL_NOT = ["concede", "yield", "accept", "allow", "tolerate", "negotiate", "step"]
_CUES = {
    "refuse": phrases(
        "refus* reject* oppose opposes opposed could_not_agree cannot_accept "
        "can't_accept ruled_out rules_out rule_out decline_to declines_to declined_to veto "
        "vetoed vetoes will_not_happen"
    )
    + [f"{m} {v}" for m in ("will not", "would not", "won't", "won’t") for v in _WILL_NOT],
    "threaten": phrases("threaten* ultimatum*"),
    "pledge": phrases(
        "pledg* promis* vow vows vowed vowing commit_to commits_to committed_to "
        "will_continue_to guarantee guarantees guaranteed"
    ),
    "demand": phrases(
        "demand_that demand_the demand_a demand_an demand_for demand_to demanded demanding "
        "demands call_for calls_for called_for calling_for call_on calls_on called_on "
        "calling_on urge urges urged urging ask_for asks_for asked_for asking asks_the "
        "asked_the ask_the asked_that asks_that insist_on insists_on insisted_on insisting_on "
        "insist_that insisted_that insists_that appeal_to appeals_to appealed_to appeal_for "
        "appealed_for press_for presses_for pressed_for pressing_for"
    ),
    "propose": phrases(
        "propose proposes proposed proposing proposal* plan_to plans_to planned_to lanned "
        "offer_to offers_to offered_to invite invites invited"
    ),
    "recommend": phrases(
        "should must ought_to need_to needs_to is_needed are_needed is_urgently_needed needed_to "
        "are_urgently_needed recommend* it_is_time encourag* advise advises advised priority"
    ),
    "weigh": phrases(
        "consider considers considering must_be_considered weigh weighs weighing mull mulls "
        "mulling in_discussions_with in_talks_with in_negotiations_with explore_ways "
        "explores_ways exploring_ways explore_options exploring_options"
    ),
}
_OTHER = {
    "weak_pledge": phrases(
        "will would intend_to intends_to announced_that keen_on seek_to seeks_to aim_to aims_to"
    ),
    "weak_weigh": phrases("could can may might"),
    "epistemic": phrases(
        "must_have could_have would_have may_have might_have must_be_seen could_be_seen "
        "would_be_seen may_be_seen might_be_seen could_be_argued should_be_noted should_come_as "
        "should_be_viewed should_be_seen should_be_understood should_be_read need_to_know "
        "needs_to_know"
    ),
    "want": phrases("want wants wanted"),
    "mistake": phrases("would_be_a would_be_an"),
    "policy": phrases(
        "sanction* embargo* aid fund* loan* financ* assistance talks dialogue negotiat* mediat* "
        "election* vote* referendum* transition* power troops militar* army arms border* "
        "curfew release* reform* democra* pressure diplomat* ambassador* cooperat* support* "
        "help* impose* restor* independence resign* inquiry investigat* trial* justice "
        "accountab* humanitarian relations peace ceasefire government* constitution* law laws "
        "rights protest* crack* interven* consequences"
    ),
}
INSTRUMENTS = {
    "sanctions": phrases(
        "sanction* embargo* asset_freeze* visa_ban* magnitsky blacklist* travel_ban*"
    ),
    "military": phrases(
        "troops military armed_forces arms weapon* deterr* defence* defense* army armies "
        "barracks garrison* force peacekeep* curfew* border*"
    ),
    "funding": phrases(
        "aid fund* loan* financ* assistance grant grants imf budget* investment* money humanitarian"
    ),
    "mediation": phrases(
        "mediat* dialogue negotiat* talks broker* ceasefire* cease-fire* peace_process "
        "transition* transfer_of_power roadmap*"
    ),
    "multilateral": phrases(
        "united_nations security_council un asean eu multilateral* international_community "
        "coalition* allies partners international_system"
    ),
    "trade": phrases("trade tariff* export* import* market* economic*"),
    "diplomacy": phrases(
        "diplomat* embass* ambassador* envoy* engag* relations recogni* summit* visit* "
        "cooperation pressure accountable"
    ),
    "rhetoric": phrases(
        "condemn* denounc* statement* criticis* criticiz* rhetoric* tolerat* violence order demands"
    ),
}
LEXICON = Lexicon(
    {**{f"stance:{k}": v for k, v in _CUES.items()}, **_OTHER}
    | {f"instr:{k}": v for k, v in INSTRUMENTS.items()}
)
_WANT_OBJECT = re.compile(
    r"\bwant(?:s|ed)?\s+\w+(?:['’]s)?\s+(?:\w+\s+){0,3}"
    r"(?:disbanded|removed|released|ousted|dissolved|prosecuted|punished|tried)\b",
    re.IGNORECASE,
)
_POLICY_VERBS = (
    r"impose[ds]?|lift(?:ed)?|suspend(?:ed)?|freeze|frozen|cut|provide[ds]?|send|sent|deploy(?:ed)?"
    r"|support(?:ed)?|fund(?:ed)?|finance[ds]?|sanction(?:ed)?|hold|held|organi[sz]ed?"
    r"|pursue[ds]?|work|use[ds]?|apply|applied|transfer(?:red)?|hand(?:ed)?|close[ds]?"
    r"|reopen(?:ed)?|open(?:ed)?|release[ds]?|restore[ds]?|negotiate[ds]?|mediate[ds]?"
    r"|engage[ds]?|cooperate[ds]?|recogni[sz]e[ds]?|expel(?:led)?|withdraw[ns]?|join(?:ed)?"
    r"|boycott(?:ed)?|intervene[ds]?|veto(?:ed)?|block(?:ed)?|ban(?:ned)?|punish(?:ed)?"
    r"|press|push|pressure[ds]?|urge[ds]?|encourage[ds]?|act|respond|retaliate|offer(?:ed)?"
    r"|invest(?:ed)?|lend|lent|trade|export(?:ed)?|import(?:ed)?|seek|sought|crack|step"
    r"|resign|call|demand|stand|fight|defend|deter|protect|monitor|review|reconsider|consider"
)
_WEAK_ACTION = re.compile(
    r"(?:will|would|could|can|may|might)\s+(?:(?:still|also|likely|not|now|soon|then|further|"
    r"jointly|continue\s+to|be\s+able\s+to|have\s+to)\s+){0,2}(?:be\s+)?"
    rf"(?:{_POLICY_VERBS})\b"
    r"|(?:intends?\s+to|announced\s+that|keen\s+on|seeks?\s+to|aims?\s+to)\b",
    re.IGNORECASE,
)
_MISTAKE = re.compile(r"\bwould\s+be\s+an?\s+(?:\w+\s+)?(?:mistake|error)\b", re.IGNORECASE)
#: Cues a phrase list cannot express: (lexicon label that triggers the check, stance, regex).
_SPECIAL_CUES = (("want", "demand", _WANT_OBJECT), ("mistake", "recommend", _MISTAKE))
_SPEAKER = re.compile(
    r"[\"”],?\s+(?:(?P<a>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s+(?:said|says|added|told|"
    r"wrote|stated|warned)|(?:said|says|added)\s+(?P<b>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)"
    r"{0,5}))"
)
_CHUNKS = re.compile(r",\s*|\s+[-–—]{1,2}\s+|;\s*")
#: First words of a clause that opens a sentence without being its subject.
_ADVERBIAL_STARTS = frozenset(
    phrases(
        "in on at after since when while during last earlier later for according if as although "
        "though despite with without amid following looking working perhaps but and however "
        "moreover furthermore yet still then now today yesterday this that these those by from "
        "before unless given once instead meanwhile nearly almost over under to more"
    )
)
#: Words at which a subject phrase stops (auxiliaries, adverbs, place and time prepositions).
_SUBJECT_STOPS = frozenset(
    phrases(
        "has have had is are was were will would can could should must may might also then now "
        "on in at said says separately already still further firmly not never need needs "
        "asked urged called"
    )
)
_FIRST_PERSON = re.compile(r"^(?:we|i|our|us|it|there)\b", re.IGNORECASE)
_HEADING_CUE = re.compile(
    r"demand|call|recommend|urge|propos|step|measure|should|must", re.IGNORECASE
)


#: The rank of each stance label (a lower rank is a stronger cue).
_STANCE_RANK = {f"stance:{kind}": rank for rank, kind in enumerate(STANCES)}


def _stance(sentence: Sentence, hits: list[Hit]) -> tuple[str, int] | None:
    """The strongest cue of a sentence and its offset in the sentence, or None."""
    labels = {label for label, _, _ in hits}
    epistemic = (
        {start for label, start, _ in hits if label == "epistemic"} if "epistemic" in labels else ()
    )
    best: tuple[int, int] | None = None
    for label, start, _ in hits:
        rank = _STANCE_RANK.get(label)
        if rank is not None and (best is None or rank < best[0]) and start not in epistemic:
            best = (rank, start)
    for label, kind, pattern in _SPECIAL_CUES:
        if label in labels:
            m = pattern.search(sentence.text)
            rank = STANCES.index(kind)
            if m and (best is None or rank < best[0]):
                best = (rank, sentence.start + m.start())
    if best:
        return STANCES[best[0]], best[1] - sentence.start
    if "policy" not in labels:
        return None
    for label, start, _ in hits:
        if label in _WEAK_STANCE and start not in epistemic:
            offset = start - sentence.start
            if _WEAK_ACTION.match(sentence.text, offset):
                return _WEAK_STANCE[label], offset
    return None


#: The stance a weak cue gives when a policy action follows it.
_WEAK_STANCE = {"weak_pledge": "pledge", "weak_weigh": "weigh"}
#: The rank of each instrument label, in the order of `INSTRUMENTS`.
_INSTRUMENT_NAMES = tuple(INSTRUMENTS)
_INSTRUMENT_RANK = {f"instr:{name}": rank for rank, name in enumerate(_INSTRUMENT_NAMES)}


def _instrument(hits: list[Hit]) -> str:
    """The first instrument, in the order of `INSTRUMENTS`, whose words the sentence holds."""
    ranks = [_INSTRUMENT_RANK[label] for label, _, _ in hits if label in _INSTRUMENT_RANK]
    return _INSTRUMENT_NAMES[min(ranks)] if ranks else "other"


def _actor(sentence: str, cue_at: int) -> str:
    speaker = _SPEAKER.search(sentence)
    if speaker:
        return (speaker.group("a") or speaker.group("b") or "").strip().rstrip(".,;:")
    head = sentence[:cue_at].strip(' ,"“”')
    for chunk in _CHUNKS.split(head):
        words = chunk.strip(' "“”(').split()
        if not words or words[0].lower() in _ADVERBIAL_STARTS:
            continue
        if _FIRST_PERSON.match(words[0]):
            return "author"
        subject: list[str] = []
        for word in words[:8]:
            low = word.lower()
            if subject and (low in _SUBJECT_STOPS or (word.islower() and low.endswith("ed"))):
                break
            subject.append(word)
        return " ".join(subject).rstrip(".:;")
    return "author"


def _target(
    sentence: Sentence, mentions: list[Mention], starts: list[int], actor: str, main: str | None
) -> str | None:
    lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    inside = [m for m in mentions[lo:hi] if m.iso3]
    for m in inside:
        if m.text not in actor:
            return m.iso3
    return inside[0].iso3 if inside else main


def find_options(
    sentences: list[Sentence],
    mentions: list[Mention],
    main_country: str | None = None,
    folded: str | None = None,
    raw: Iterable[RawHit] | None = None,
) -> list[dict]:
    """Policy-option candidates as contract dicts (sentence, instrument, actor, target, stance,
    start, end); `mentions` are the article's country mentions, `main_country` its focus,
    `folded` the article text lower-cased (rebuilt from the sentences when not given), `raw`
    the raw automaton matches of `LEXICON` in `folded` when the caller has scanned already."""
    if folded is None:
        folded = folded_text(sentences)
    hits = LEXICON.scan(folded, raw)
    starts = [start for _, start, _ in hits]
    mention_starts = [m.start for m in mentions]
    out: list[dict] = []
    heading_stance: str | None = None
    for sent in sentences:
        text, s_start, s_end = sent
        lo = bisect_left(starts, s_start)
        sent_hits = hits[lo : bisect_left(starts, s_end, lo)]
        if heading_stance and _is_list_item(text):
            stance, cue_at = heading_stance, 0
        else:
            heading_stance = None
            if not sent_hits:
                continue  # no cue and no policy word: nothing to find
            if text.endswith("?") or len(text.split(None, 4)) < 4:
                continue
            found = _stance(sent, sent_hits)
            if text.endswith(":"):
                heading_stance = found[0] if found and _HEADING_CUE.search(text) else None
            if not found:
                continue
            stance, cue_at = found
        actor = _actor(text, cue_at)
        out.append(
            {
                "sentence": text,
                "instrument": _instrument(sent_hits),
                "actor": actor,
                "target": _target(sent, mentions, mention_starts, actor, main_country),
                "stance": stance,
                "start": s_start,
                "end": s_end,
            }
        )
    return out


def _is_list_item(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 25 and not text.endswith((".", "!", "?", ":"))
