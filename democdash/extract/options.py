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

from democdash.extract.countries import Mention
from democdash.extract.sentences import Sentence

STANCES = ("refuse", "threaten", "pledge", "demand", "propose", "recommend", "weigh")

_STRONG = {
    "refuse": r"refus(?:e|es|ed|ing)\b|reject(?:s|ed|ing)?\b|oppos(?:e|es|ed|ing)\b|"
    r"could\s+not\s+agree|cannot\s+accept|ruled\s+out|rules\s+out|"
    r"declin(?:e|es|ed)\s+to\b|vetoe?d?\b|will\s+not\s+(?:happen|concede|yield|"
    r"accept|allow|tolerate|negotiate|step)|would\s+not\s+(?:concede|yield|accept|"
    r"allow|tolerate|negotiate|step)|won[’']t\s+(?:concede|accept|allow)",
    "threaten": r"threat(?:en|ens|ened|ening)\b|threatened\b|ultimatum\b|"
    r"warn(?:s|ed|ing)?\s+(?:that|of)\b",
    "pledge": r"pledg(?:e|es|ed|ing)\b|promis(?:e|es|ed|ing)\b|vow(?:s|ed|ing)?\b|"
    r"commit(?:s|ted)?\s+to\b|will\s+continue\s+to\b|guarantee[sd]?\b",
    "demand": r"demand(?:s|ed|ing)?\b|call(?:s|ed|ing)?\s+(?:for|on)\b|calls?\s+for\b|"
    r"urg(?:e|es|ed|ing)\b|ask(?:s|ed|ing)?\s+(?:for|the|that|them|him|her|it)\b|"
    r"asking\b|insist(?:s|ed|ing)?\s+(?:on|that)\b|appeal(?:s|ed)?\s+(?:to|for)\b|"
    r"press(?:es|ed|ing)?\s+for\b|want(?:s|ed)?\s+\w+(?:['’]s)?\s+(?:\w+\s+){0,3}"
    r"(?:disbanded|removed|released|ousted|dissolved|prosecuted|punished|tried)\b",
    "propose": r"propos(?:e|es|ed|al|als|ing)\b|suggest(?:s|ed)?\s+that\b|"
    r"plan(?:s|ned)?\s+to\b|lanned\b|offer(?:s|ed)?\s+to\b|invit(?:e|es|ed)\b",
    "recommend": r"should\b|must\b|ought\s+to\b|needs?\s+to\b|(?:is|are)\s+(?:urgently\s+)?"
    r"needed\b|recommend(?:s|ed|ation|ations)?\b|it\s+is\s+time\b|"
    r"would\s+be\s+an?\s+(?:\w+\s+)?(?:mistake|error)\b|"
    r"encourag(?:e|es|ed|ing)\b|advis(?:e|es|ed)\b|priority\b",
    "weigh": r"consider(?:s|ing)\b|must\s+be\s+considered|weigh(?:s|ing)?\b|mull(?:s|ing)?\b|"
    r"in\s+(?:discussions|talks|negotiations)\s+with\b|explor(?:e|es|ing)\s+"
    r"(?:ways|options)\b",
}
_WEAK = (
    r"\b(?:will|would|could|can|may|might|plans?\s+to|intends?\s+to|announced\s+that|"
    r"said\s+(?:it|he|she|they)\s+would|keen\s+on|seeks?\s+to|aims?\s+to)\b"
)

CUE_RE = re.compile("|".join(rf"(?P<{k}>\b(?:{v}))" for k, v in _STRONG.items()), re.IGNORECASE)
WEAK_RE = re.compile(_WEAK, re.IGNORECASE)
_EPISTEMIC = re.compile(
    r"\b(?:must|could|would|may|might)\s+(?:have\s+been|have|be\s+seen|be\s+argued|be\s+said)\b"
    r"|\bshould\s+(?:be\s+noted|come\s+as)\b",
    re.IGNORECASE,
)

INSTRUMENTS = {
    "sanctions": r"sanction|embargo|asset\s+freez|visa\s+ban|magnitsky|blacklist|travel\s+ban",
    "military": r"troops|military|armed\s+forces|arms\b|weapon|deterr|defen[cs]e|army|"
    r"barracks|garrison|force\b|peacekeep|curfew|border",
    "funding": r"\baid\b|fund|loan|financ|assistance|grant|\bimf\b|budget|investment|money|"
    r"humanitarian",
    "mediation": r"mediat|dialogue|negotiat|talks\b|broker|ceasefire|cease-fire|peace\s+process|"
    r"transition|transfer\s+of\s+power|roadmap",
    "multilateral": r"united\s+nations|security\s+council|\bun\b|\basean\b|\beu\b|multilateral|"
    r"international\s+community|coalition|allies|partners|international\s+system",
    "trade": r"trade|tariff|export|import|market|economic|investment",
    "diplomacy": r"diplomat|embassy|ambassador|envoy|engage|relations|recogni|summit|visit|"
    r"cooperation|pressure|accountable",
    "rhetoric": r"condemn|denounce|statement|criticis|criticiz|rhetoric|tolerat|violence|"
    r"order|demands",
}
_INSTRUMENT_RE = re.compile(
    "|".join(rf"(?P<{k}>{v})" for k, v in INSTRUMENTS.items()), re.IGNORECASE
)
_POLICY_RE = re.compile(
    r"\b(?:sanction|embargo|aid|fund|loan|financ|assistance|talks|dialogue|negotiat|mediat|"
    r"election|vote|referendum|transition|power|troops|militar|army|arms|border|curfew|release|"
    r"reform|democra|pressure|diplomat|ambassador|cooperat|support|help|impose|restor|"
    r"independence|resign|inquiry|investigat|trial|justice|accountab|humanitarian|relations|"
    r"peace|ceasefire|government|constitution|law|rights|protest|crack|intervene|"
    r"consequences)",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"[\"”],?\s+(?:(?P<a>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})\s+(?:said|says|added|told|"
    r"wrote|stated|warned)|(?:said|says|added)\s+(?P<b>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)"
    r"{0,5}))"
)
_LEAD_ADVERBIAL = re.compile(r"^(?:[^,]{0,40},\s+)")
_FIRST_PERSON = re.compile(r"^(?:we|i|our)\b", re.IGNORECASE)
_HEADING_CUE = re.compile(
    r"demand|call|recommend|urge|propos|step|measure|should|must", re.IGNORECASE
)


def _stance(sentence: str) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    for m in CUE_RE.finditer(sentence):
        kind = m.lastgroup or ""
        if kind == "recommend" and _EPISTEMIC.match(sentence, m.start()):
            continue
        rank = STANCES.index(kind)
        if best is None or rank < best[0]:
            best = (rank, kind, m.start())
    if best:
        return best[1], best[2]
    weak = WEAK_RE.search(sentence)
    if weak and not _EPISTEMIC.match(sentence, weak.start()) and _POLICY_RE.search(sentence):
        word = weak.group().lower()
        stance = "weigh" if word in ("could", "may", "might", "can") else "pledge"
        return stance, weak.start()
    return None


def _instrument(sentence: str) -> str:
    m = _INSTRUMENT_RE.search(sentence)
    return m.lastgroup if m and m.lastgroup else "other"


def _actor(sentence: str, cue_at: int) -> str:
    speaker = _SPEAKER.search(sentence)
    if speaker:
        return (speaker.group("a") or speaker.group("b") or "").strip()
    head = sentence[:cue_at].strip(' ,"“”')
    head = _LEAD_ADVERBIAL.sub("", head) if len(head.split()) > 6 else head
    if not head or _FIRST_PERSON.match(head):
        return "author"
    words = head.split()
    return " ".join(words[-8:]).strip(" ,")


def _target(
    sentence: Sentence, mentions: list[Mention], actor: str, main: str | None
) -> str | None:
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end and m.iso3]
    for m in inside:
        if m.text not in actor:
            return m.iso3
    return inside[0].iso3 if inside else main


def find_options(
    sentences: list[Sentence], mentions: list[Mention], main_country: str | None = None
) -> list[dict]:
    """Policy-option candidates as contract dicts (sentence, instrument, actor, target, stance,
    start, end); `mentions` are the article's country mentions, `main_country` its focus."""
    out: list[dict] = []
    heading_stance: str | None = None
    for sent in sentences:
        text = sent.text
        if heading_stance and _is_list_item(text):
            stance, cue_at = heading_stance, 0
        else:
            heading_stance = None
            if text.endswith("?") or len(text.split()) < 4:
                continue
            found = _stance(text)
            if text.endswith(":"):
                heading_stance = found[0] if found and _HEADING_CUE.search(text) else None
            if not found:
                continue
            stance, cue_at = found
        actor = _actor(text, cue_at)
        out.append(
            {
                "sentence": text,
                "instrument": _instrument(text),
                "actor": actor,
                "target": _target(sent, mentions, actor, main_country),
                "stance": stance,
                "start": sent.start,
                "end": sent.end,
            }
        )
    return out


def _is_list_item(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 25 and not text.endswith((".", "!", "?", ":"))
