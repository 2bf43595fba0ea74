"""Personal names by rule: runs of capitalised words that are neither places nor organisations.

A run of two to four capitalised tokens (up to two name particles such as "al-", "bin",
"von der" allowed inside), after up to three titles, is a candidate. Leading titles
("President", "Prof.", "Gen.", an abbreviated one with its full stop: "Mr. Lukashenko") and
sentence words ("The", "But") are stripped. Not a person:

- a run holding an organisation word ("Party", "Council"), a month or weekday, a number
  word, a named thing ("Victory Day", "Transport Corridor") or a country name;
- a run with a possessive inside ("Putin's Novichok");
- a run of titles alone ("Assistant Secretary"), or one ending in an honorific cut from its
  name ("Chief Adviser Dr" of "Chief Adviser Dr.Muhammad Yunus");
- a run that is exactly a capital named as the city ("in New Delhi": `places`, from
  `countries.find_mentions`);
- a run followed by a number, which names a document ("Executive Order 14038");
- a run after a word for a news medium ("the investigative outlet Temirov Live"), anywhere.

A single surname after a title ("Mr Jeyenbekov", "President Keita") is kept as well. Later
single-word mentions of a surname already found as a full name are added to that person's
mentions, and so are the mentions of a name that ends a longer one ("Suu Kyi").

`known_actors` (dicts with `id`, `name`, `aliases`) link people to actors: a person whose full
name, or any mention, equals an actor's name or alias (case-insensitive) gets its `actor_id`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from democdash.extract.bylines import byline
from democdash.extract.countries import Mention
from democdash.extract.date_grammar import NUMBERS, TENS
from democdash.extract.datelines import datelines, places_a_dated_line
from democdash.extract.headline import headline
from democdash.extract.names import NAME_PARTICLES


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


#: The full stop of an abbreviated title is part of its word ("Mr. Lukashenko", "Gen. Min").
_ABBREVIATED_TITLES = _words(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sen Rep Gov Rev Sgt Adm Brig Cpl Hon"
)
_TITLE_STOP = "(?=\\.)(?:" + "|".join(f"(?<={t})" for t in _ABBREVIATED_TITLES) + ")\\."
_TOKEN_TAIL = rf"(?:[a-zà-ÿ]+(?:[-’'][A-Za-zà-ÿ]+)*(?:{_TITLE_STOP})?|\.)"
_TOKEN = rf"(?:[A-Z]{_TOKEN_TAIL})"
_PARTICLE = rf"(?:(?:{NAME_PARTICLES})[-\s])"
#: A name's words stand on one line. The run opens with a capital not glued to a word
#: ("(?<![\w’'-].)" looks behind it): a pattern that starts with a character class is
#: scanned for much faster than one that starts with a look-behind.
_RUN = re.compile(
    rf"[A-Z](?<![\w’'-].){_TOKEN_TAIL}"
    rf"(?:[ \t\xa0]+(?:{_PARTICLE}){{0,2}}(?:{_TOKEN})|-(?:{_TOKEN})){{0,6}}"
    rf"(?:['’]s)?(?![\w-])"
)
TITLES = frozenset(
    _words(
        "President Vice Prime Minister Foreign Defence Defense Finance Interior Secretary General "
        "Gen Gen. Lt Lt. Col Col. Colonel Major Maj. Captain Capt. Sergeant Admiral Marshal Field "
        "Commander Chief Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sen Sen. Senator "
        "Rep Rep. Representative Gov Gov. Governor King Queen Prince Princess Sheikh Emir Sultan "
        "Pope Cardinal Bishop Rev Rev. Reverend Chancellor Premier Ambassador Envoy Judge Justice "
        "Speaker Mayor Leader Opposition Former Acting Deputy State Counsellor Counselor Sir Dame "
        "Lord Lady Comrade Chairman Chairwoman Chair Director Spokesman Spokeswoman Spokesperson "
        "Junta Army Generalissimo Then-President Then-Prime Ex-President Late Assistant "
        "Associate Under Undersecretary Under-Secretary Advisor Adviser Attorney Senior Special "
        "Laureate Maj Capt Adm Brig Sgt Cpl Executive Honorable Honourable Hon Hon. Dear "
        "Rapporteur Commissioner Daw U"
    )
)
#: Honorifics that stand right before a name: a run ending in one was cut from its name.
_HONORIFICS = frozenset(_words("Mr Mrs Ms Dr Prof Sir Dame"))
_STARTERS = frozenset(
    _words(
        "The A An And But Or Nor So Yet If When While Although Though As Since After Before During "
        "In On At By For From With Without Of To Into Under Over About Against Among Between "
        "Through Throughout This That These Those Its It His Her Their Our My Your We They He She "
        "I You There Here Why How What Who Whom Whose Where Which Meanwhile However Moreover "
        "Still Even Only Also Then Now Today Yesterday Last Next Many Most Some Several Both All "
        "Each Every Such Despite Because Unlike Like Once Perhaps Indeed Instead Thus Yes No "
        "According Following Given Earlier Later Under Neither Either Not Nearly Almost "
        "Overall Finally Ultimately Notably Importantly Additionally Furthermore Similarly "
        "Likewise Nevertheless Nonetheless Otherwise Therefore Hence Accordingly Currently "
        "Recently Initially Eventually Conclusion Looking First Second"
    )
)
_NON_PERSON = frozenset(
    _words(
        "Party Council Union Committee Commission Ministry Department Army Forces Force Court "
        "Parliament Assembly Congress Senate House Act Bill Bank Fund Organisation Organization "
        "Agency Movement Front League Republic Kingdom State States University Institute "
        "Foundation Post Times News Street Square Avenue Road Group Alliance Coalition Council "
        "Association Federation Corporation Company Inc Ltd Command Guard Police Office Service "
        "Network Initiative Center Centre Program Programme Project Summit Conference Treaty "
        "Agreement Accord Accords Convention Revolution War Spring Declaration Report Index "
        "Security Democracy Democratic Liberation National International Foreign Affairs "
        "Election Elections Commission Tribunal Authority Transitional Government Administration "
        "Nations Community Strait Sea Ocean Gulf River Valley Island Islands Province Region "
        "Airport Airlines Airways Television Radio Facebook Twitter Google Telegram Internet "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
        "June July August September October November December Christmas Easter Ramadan Islamic "
        "Muslim Christian Catholic Orthodox Communist Socialist Labour Labor Conservative Green "
        "Cold Global Magnitsky Umbrella Arab Asian African European Western Eastern Northern "
        "Southern Central Middle East West North South Crisis Group Watch Amnesty Human Rights "
        "Freedom Free Press Daily Journal Review Opinion Editorial Boston Consulting Reuters "
        "Candlelight Awami Justice Development Workers Trade Economic Social Supreme "
        "Constitutional "
        "High Representative Affairs Sciences Studies Policy Research Analysis Quarterly "
        "Muslims Christians Sunni Sunnis Shia Shiite Shiites Jews Buddhists Hindus "
        "Nation United Jazeera Arabiya Welle Xinhua Tass Interfax Kommersant Meduza Politico "
        "Axios Euronews Bloomberg Guardian Telegraph Economist Associated Press Agence "
        "France-Presse Sputnik Pravda Izvestia Kyodo Yonhap Ryanair Lufthansa Airbus Boeing "
        "Gazprom Rosneft Huawei TikTok YouTube Instagram WhatsApp Signal Viber "
        "Day Olympics Games Consensus Statute Principles Zone Corridor Railway Railways "
        "Pipeline Stream Economy Prize School College Chapter Staff Executive Enterprise "
        "Mission Operation Doctrine Presence Crowds Coexistence System Brotherhood Hundred "
        "Thousand Matter Borders Frontières Frontieres Endowment Journalists Reporters Doctors "
        "Partnership Cooperation Procedures Mechanism Basic "
        # a document's sections ("Executive Summary") and a company's trade
        "Summary Overview Introduction Conclusion Conclusions Recommendations Findings "
        "Background Contents Appendix Annex Abstract Foreword Preface Methodology Glossary "
        "Oil Gas Energy Petroleum Holdings Industries Enterprises Mining Steel Images"
    )
) | {word.capitalize() for word in (*NUMBERS, *TENS) if len(word) > 2}  # "Five-Point Consensus"
#: Capitalised words that make a name a body's, a place's or a thing's, not a person's.
NOT_A_PERSONS_NAME = _NON_PERSON
#: Titles in the plural ("the G7 Foreign Ministers", "Generals"): a group, never a name.
_PLURAL_TITLES = frozenset(t + "s" for t in TITLES if t[-1].islower() and t[-1] != "s")
#: A capitalised word on its own that is no name: a title, a sentence word, a place or body.
_NOT_A_SINGLE_NAME = TITLES | _STARTERS | _NON_PERSON | _PLURAL_TITLES
#: A capitalised word and "of" right before a run: with a body's word the run goes on naming
#: the body ("Office of Foreign Assets Control", "Ministry of Foreign Affairs"); with a title
#: and a country it names where the person is from (`_after_country`).
_BODY_OF = re.compile(r"\b([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?$")
#: A number right after a run: the run names a document ("Executive Order 14038").
_NUMBERED = re.compile(r"[ \t]+(?:No\.?[ \t]*)?\d")
#: No word inside a name is a possessive: "Putin's Novichok" is a thing of his.
_POSSESSIVE_ENDS = ("'s", "’s")
_SPLIT = re.compile(r"\s+|(?<=[a-z])-(?=[A-Z])")


def _clean(tokens: list[str]) -> list[str]:
    while tokens and (
        tokens[0] in TITLES or tokens[0] in _STARTERS or tokens[0].rstrip(".") in TITLES
    ):
        tokens = tokens[1:]
    return tokens


def find_people(
    text: str,
    country_mentions: list[Mention] | None = None,
    known_actors: list[dict] | None = None,
    places: Iterable[Mention] = (),
) -> list[dict]:
    """People named in `text` as contract dicts: name, actor_id, mentions (text, start, end).
    `places` are the capitals named as the city (`countries.find_mentions`): a run that is
    exactly one is no person."""
    place_spans = {(place.start, place.end) for place in places}
    not_a_name = bytearray(len(text) + 1)
    signed = byline(text)
    # countries, who filed the report (a dateline) and who wrote it (a byline) are no people
    for span in [*(country_mentions or []), *datelines(text), *([signed] if signed else [])]:
        not_a_name[span.start : span.end] = b"\x01" * (span.end - span.start)
    people: dict[str, dict] = {}
    singles: list[tuple[str, int, int]] = []
    outlets: set[str] = set()
    for m in _RUN.finditer(text):
        raw = m.group()
        base = raw[:-2] if raw.endswith(("'s", "’s")) else raw
        tokens = base.split()
        if len(tokens) == 1:  # the common case, in short: a capitalised word on its own
            word = tokens[0]
            # a run's word starts with a capital and ends with a letter unless it is an
            # initial ("A."), so stripping quotes or periods would not change a longer one
            # two letters are enough to name someone already found ("Xi" of "Xi Jinping")
            if len(word) < 2 or word in _NOT_A_SINGLE_NAME or word.rstrip(".") in TITLES:
                continue
            start, end = m.start(), m.start() + len(base)
            if not (not_a_name[start] or not_a_name[end - 1]):
                singles.append((word, start, -end))  # negative end: no title, link only
            continue
        words = _after_country(tokens, base, m.start(), not_a_name, text)
        titled = [
            i + (t in _PLURAL_TITLES)
            for i, t in enumerate(words)
            if (i and t[-1] == "." and t[:-1] in TITLES)
            or (len(words) - i > 2 and (t in _PLURAL_TITLES or (i and t in TITLES)))
        ]
        if titled:  # "Nobel Laureate Prof. Ann Lee", "Enlargement Commissioner Olivér
            words = words[titled[-1] :]  # Várhelyi", "Senators Jeanne Shaheen": after the title
        words = _after_a_bodys_title(words)
        had_title = any(t in TITLES or t.rstrip(".") in TITLES for t in words[:2])
        kept = _clean(words)
        if not kept or len(kept) > 4:
            continue
        offset = base.rfind(" ".join(kept)) if kept != tokens else 0
        start = m.start() + max(offset, 0)
        end = m.start() + len(base)
        if any(t.strip("’'") in _NON_PERSON or t in _STARTERS or t in _PLURAL_TITLES for t in kept):
            continue
        if text.endswith(("of ", "of the ", "for ", "for the "), 0, m.start()) and _of_a_body(
            text, m.start()
        ):
            continue  # "the Assistance Association for Political Prisoners"
        if kept[-1].endswith("s") and text[end : end + 1] in ("'", "’"):
            continue  # "The Foreign Correspondents' Club": a plural's possessive, a body's name
        if _AND_A_BODY.match(text, end) or _A_BODY_AFTER.match(text, end):
            continue  # "Myanma Investment and Commercial Bank", "the Move Forward party"
        if places_a_dated_line(text, m.start(), end):
            continue  # "New York, 1 February 2021": where a statement was made
        if _NUMBERED.match(text, end):
            continue  # "Executive Order 14038", "Resolution 2231": a document's name
        if kept[-1].rstrip(".") in _HONORIFICS or (start, end) in place_spans:
            continue
        if any(t.endswith(_POSSESSIVE_ENDS) for t in kept[:-1]):
            continue
        if not_a_name[start] or not_a_name[end - 1]:
            continue
        name = " ".join(kept)
        if _AN_OUTLET_BEFORE.search(text, max(0, start - 40), start):
            outlets.add(name)  # "the investigative outlet Temirov Live": a medium, no one
        if len(kept) == 1:
            if had_title and len(name) > 2:
                singles.append((name, start, end))
            elif len(name) > 1:  # "President Xi": two letters only link to a name found
                singles.append((name, start, -end))  # negative end: no title, link only
            continue
        person = people.setdefault(name, {"name": name, "actor_id": None, "mentions": []})
        person["mentions"].append({"text": text[start:end], "start": start, "end": end})
    for name in outlets:
        people.pop(name, None)
    _merge_endings(people)
    _attach_singles(people, singles, text)
    for name in [name for name, person in people.items() if _only_a_place(person, text)]:
        del people[name]
    for name in _only_in_headings(people, text):
        del people[name]
    _link_actors(people, known_actors or [])
    return sorted(people.values(), key=lambda p: p["mentions"][0]["start"])


#: What makes a run the first half of a body's name: "and" and words that end in a body's
#: word ("Myanma Investment and Commercial Bank", "Research and Development Centre").
_AND_A_BODY = re.compile(
    r" (?:and|&) (?:[A-Z][\w’'-]* ){0,3}(?:Bank|Company|Corporation|Enterprise|Group|Holdings|"
    r"Commission|Council|Committee|Party|Union|Association|Foundation|Institute|Centre|Center|"
    r"Ministry|Agency|Organi[sz]ation|Fund|Trust|Society|Network|Forum|Alliance|Movement)\b"
)
#: A body's word in lower case right after a run: the run names the body ("the Move Forward
#: party"); not "government" or "regime", which follow a leader's name ("the Hun Sen
#: government").
_A_BODY_AFTER = re.compile(r" (?:party|movement|faction|coalition|alliance|bloc)\b")
#: A word for a news medium right before a name: the name is the medium's ("the outlet Temirov
#: Live", "the news agency Kabar", "the TV channel Dozhd").
_AN_OUTLET_BEFORE = re.compile(
    r"\b(?:outlet|newspaper|paper|news\s+site|website|site|portal|channel|broadcaster|"
    r"magazine|weekly|daily|agency|publication|newsroom|podcast)\s+$"
)


def _of_a_body(text: str, start: int) -> bool:
    """Whether a body's word and "of" stand right before `start` (see `_BODY_OF`)."""
    body = _BODY_OF.search(text, max(0, start - 40), start)
    return body is not None and body.group(1) in _NON_PERSON


def _after_a_bodys_title(words: list[str]) -> list[str]:
    """The words after a title that follows a body's name ("Foreign Ministry Spokesperson Hua
    Chunying", "State Department Spokesman Ned Price"): the name is the person's, the body's
    words before it are not; other runs as they are."""
    for i in range(len(words) - 2, 0, -1):
        if words[i] in TITLES and words[i + 1] not in TITLES:
            if any(w.strip("’'") in _NON_PERSON for w in words[:i]):
                return words[i + 1 :]
            break
    return words


def _only_in_headings(people: dict[str, dict], text: str) -> list[str]:
    """The names found only in headings, where a run of capitals names no one: a headline in
    title case ("Security Council Fails to Adopt Resolution on Myanmar Violence, as Members
    Differ over Sanctions"; in sentence case a name is one: "Statement of the Office of
    Sviatlana Tsikhanouskaya on ..."), or a short line of its own without an end mark
    in title case or holding nothing but the name ("Key Developments in 2022", "B. Political
    Pluralism and Participation", "Regional Impact" over a section). Someone a heading names
    is named in a sentence too."""
    top = headline(text)
    title_end = top[1] if top is not None and _title_case(top[0]) else -1

    def in_a_heading(m: dict) -> bool:
        return m["end"] <= title_end or _a_heading_line(text, m["start"], m["end"])

    return [
        name for name, person in people.items() if all(in_a_heading(m) for m in person["mentions"])
    ]


#: The most words a heading's line has.
MAX_HEADING_WORDS = 12


def _title_case(line: str) -> bool:
    """Whether a line is in title case: at least three in four of its words of four letters
    or more are capitalised ("... as Members Differ over Sanctions"; numbers do not count)."""
    long = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    return bool(long) and 4 * sum(w[0].isupper() for w in long) >= 3 * len(long)


def _a_heading_line(text: str, start: int, end: int) -> bool:
    """Whether the line around `start`-`end` is a heading: the name is all of it, or it is a
    short line in title case with no end mark and nothing that labels or introduces a name
    (a comma, colon, bar or bracket, or "by": "Paul Whelan, 54", "Spokesperson: Ravina
    Shamdasani", "Asked by Lord Alton of Liverpool" name someone)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    if line == text[start:end]:
        return True
    return (
        len(line.split()) <= MAX_HEADING_WORDS
        and line[-1:] not in '.!?;"”’)'
        and _LABELS_A_NAME.search(line) is None
        and _title_case(line)
    )


#: What in a short line labels or introduces the name on it.
_LABELS_A_NAME = re.compile(r"[,:|(]|\b[Bb]y\b")


#: Words before a place ("queued in Mong Kok", "a rally near Causeway Bay").
_PLACE_PREPOSITIONS = frozenset(
    _words("in at near outside inside across around throughout towards toward into")
)


def _only_a_place(person: dict, text: str) -> bool:
    """Whether every mention of a name without a title comes right after a preposition of
    place: "in Mong Kok" names where, not who ("confidence in Carrie Lam" is kept when she is
    named elsewhere too, as a person usually is)."""
    return all(_a_place_mention(text, m["start"], m["end"]) for m in person["mentions"])


def _a_place_mention(text: str, start: int, end: int) -> bool:
    """Right after a preposition of place, and not a possessive ("in Navalny's foundation")."""
    if text[end : end + 2] in _POSSESSIVE_ENDS:
        return False
    before = text[max(0, start - 12) : start]
    words = before.split()
    return bool(words) and before[-1:].isspace() and words[-1].lower() in _PLACE_PREPOSITIONS


def _after_country(
    tokens: list[str], run: str, at: int, not_a_name: bytearray, text: str = ""
) -> list[str]:
    """The run's words after a country or demonym that opens it before a title ("Chinese
    President Xi Jinping", "United States Senator ..."), or after a title and "of" ("President
    of Belarus Alexander Lukashenko": `text` is the article's, read before the run at `at`):
    where the person is from, not part of their name. Other runs are left as they are."""
    lead, pos = 0, 0
    while lead < len(tokens) - 1:
        found = run.find(tokens[lead], pos)
        if not not_a_name[at + found]:
            break
        pos = found + len(tokens[lead])
        lead += 1
    if lead and (tokens[lead] in TITLES or tokens[lead].rstrip(".") in TITLES):
        return tokens[lead:]
    # a title and "of" before the country ("President of Belarus Alexander Lukashenko")
    titled = _BODY_OF.search(text, max(0, at - 40), at) if lead else None
    if titled is not None and titled.group(1) in TITLES and len(tokens) - lead >= 2:
        return tokens[lead:]
    return tokens


def _merge_endings(people: dict[str, dict]) -> None:
    """A name of several words that ends a longer one found too ("Suu Kyi" of "Aung San Suu
    Kyi") is that person, named as the longer unless the shorter is named more often ("Paul
    Whelan" over a "Marine Paul Whelan" once). Not a name that begins one ("Aung San" is the
    father of "Aung San Suu Kyi")."""
    names = sorted(people, key=lambda name: -len(name))
    for short in names:
        longer = next((n for n in names if len(n) > len(short) and n.endswith(" " + short)), None)
        if " " not in short or longer not in people or short not in people:
            continue
        kept, gone = (
            (short, longer)
            if len(people[short]["mentions"]) > len(people[longer]["mentions"])
            else (longer, short)
        )
        people[kept]["mentions"] += people.pop(gone)["mentions"]


def _attach_singles(people: dict[str, dict], singles: list, text: str) -> None:
    by_part: dict[str, str] = {}
    for name in people:
        parts = name.split()
        by_part.setdefault(parts[-1], name)
        by_part.setdefault(parts[0], name)
    for token, start, end in singles:
        titled = end > 0
        end = abs(end)
        name = by_part.get(token)
        if name is None and titled:
            name = token
            people.setdefault(name, {"name": name, "actor_id": None, "mentions": []})
        if name is None:
            continue
        people[name]["mentions"].append({"text": text[start:end], "start": start, "end": end})
    for person in people.values():
        person["mentions"].sort(key=lambda x: x["start"])


def _link_actors(people: dict[str, dict], actors: list[dict]) -> None:
    index: dict[str, str] = {}
    for actor in actors:
        for label in [actor.get("name"), *(actor.get("aliases") or [])]:
            if label and actor.get("id") is not None:
                index.setdefault(label.strip().lower(), actor["id"])
    if not index:
        return
    for person in people.values():
        labels = [person["name"], *(m["text"] for m in person["mentions"])]
        for label in labels:
            key = re.sub(r"['’]s$", "", label).strip().lower()
            if key in index:
                person["actor_id"] = index[key]
                break
