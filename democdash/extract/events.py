"""Candidate events: sentences that report something that happened, typed by a verb lexicon.

A sentence is an event candidate when it holds a word of one of the event types below (the
first type in this order wins, so a coup that involved arrests is a coup) and either carries a
date or reads as a report of the past (a past-tense verb). Statements count only when dated,
since almost every sentence in an article reports somebody saying something. The event takes
the first date in its sentence and the sentence's main country (its most mentioned, else the
article's main country).
"""

from __future__ import annotations

import re
from collections import Counter

from democdash.extract.countries import Mention
from democdash.extract.sentences import Sentence

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

_LEXICON = {
    "coup": r"coup|putsch|seized\s+power|overthr(?:ew|own)|ousted|mutin(?:y|ous|eers)|junta",
    "election": r"election|elected|ballot|polls?\b|referendum|voted|voters|re-run|runoff",
    "strike": r"(?<!air)(?<!air-)strikes?\b|walkout|stayaway|stay-away|work\s+stoppage",
    "protest": r"protest|demonstrat|rall(?:y|ies|ied)|march(?:ed|es)\b|uprising|took\s+to\s+the"
    r"\s+streets|sit-in",
    "crackdown": r"crack(?:ed)?\s*down|crackdown|arrest|detain|jail|imprison|tear\s+gas|beat(?:en|"
    r"ings)|raid|censor|banned|dissolved|shut\s+down|persecut|surveil",
    "sanction": r"sanction|embargo|asset\s+freeze|visa\s+ban",
    "violence": r"killed|kill(?:ing|ings)\b|dead\b|died|shot|clash|attack|bomb|massacre|"
    r"fighting|war\b|violence|murder",
    "legislation_reform": r"\blaw\b|\bbill\b|amendment|constitution|legislation|decree|reform",
    "diplomacy": r"summit|talks\b|met\s+with|meeting\s+with|visit(?:ed)?\b|ambassador|envoy|"
    r"agreement|treaty|diplomat",
    "statement": r"\bsaid\b|announced|declared|condemned|statement|warned|told",
}
_TYPE_RE = re.compile("|".join(rf"(?P<{k}>{v})" for k, v in _LEXICON.items()), re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:\w+ed|was|were|had|took|began|broke|fled|led|won|lost|fell|rose|"
    r"came|went|made|held|gave|left|saw|met|sent|shot|stood|set|ran|hit)\b",
    re.IGNORECASE,
)


def _event_type(sentence: str) -> str | None:
    kinds = {m.lastgroup for m in _TYPE_RE.finditer(sentence)}
    for kind in EVENT_TYPES:
        if kind in kinds:
            return kind
    return None


def find_events(
    sentences: list[Sentence],
    dates: list[dict],
    mentions: list[Mention],
    main_country: str | None = None,
) -> list[dict]:
    """Event candidates as contract dicts: date, precision, country, type, sentence, start, end."""
    out: list[dict] = []
    di = 0
    mi = 0
    for sent in sentences:
        while di < len(dates) and dates[di]["start"] < sent.start:
            di += 1
        while mi < len(mentions) and mentions[mi].start < sent.start:
            mi += 1
        dated = dates[di] if di < len(dates) and dates[di]["start"] < sent.end else None
        kind = _event_type(sent.text)
        if kind is None or (kind == "statement" and dated is None):
            continue
        if dated is None and not _PAST.search(sent.text):
            continue
        codes = Counter()
        j = mi
        while j < len(mentions) and mentions[j].start < sent.end:
            if mentions[j].iso3:
                codes[mentions[j].iso3] += 1
            j += 1
        country = codes.most_common(1)[0][0] if codes else main_country
        out.append(
            {
                "date": dated["iso"] if dated else None,
                "precision": dated["precision"] if dated else None,
                "country": country,
                "type": kind,
                "sentence": sent.text,
                "start": sent.start,
                "end": sent.end,
            }
        )
    return out
