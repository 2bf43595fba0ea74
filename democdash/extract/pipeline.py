"""The article pipeline: text in, the extraction JSON contract out (see `extract_article`).

What the pipeline needs besides the text is an `Extractor`: the gazetteer, the one automaton
over all its word tables and the option model(s). `load_extractor()` builds it (tens of
milliseconds, no cache) and the caller keeps it for as long as it extracts: the command line
once per command, the bench once before timing, the app once per version of the gazetteer CSV
(`democdash.ui.resources`).

The result (`RESULT_KEYS`):

- `article`: title, outlet, author, published, url, source_type, text_sha256 (as given);
- `countries`: [{iso3, name, mentions: [{text, start, end}]}];
- `dates`: [{text, iso, precision, start, end, kind, relative, anchor}] (`democdash.extract.dates`);
- `people`: [{name, actor_id, mentions: [{text, start, end}]}];
- `events`: [{date, precision, country, type, trigger, place, sentence, start, end,
  paragraph}] (`place`: a capital named as the city where it happened, else None);
- `policy_options`: the likely option candidates, and `policy_options_also_possible` the less
  likely ones, each {sentence, start, end, paragraph, stance, holder: {text, kind, actor_id,
  iso3}, instrument, countries, target, date, confidence} (`democdash.extract.options`);
- `sentences`: every sentence, so that any of them can be made an event or an option:
  {text, start, end, paragraph, countries, dates, people: [{name, actor_id}], stance, holder,
  acting, instrument, event_type, option_confidence}; `stance`, `holder`, `acting` (who would
  act) and `instrument` are filled for the sentences read as options and None for the others,
  which `describe_sentence(text, offset, extractor=...)` describes on demand;
  `sentence_at(result, offset)` finds the record at an offset.

Offsets are character offsets into the text; paragraphs are numbered as `democdash.text` does.
Work per article is bounded: a text over `MAX_TEXT_CHARS` is refused (`TextTooLarge`), and a
"sentence" longer than `MAX_SENTENCE_CHARS` (a pasted blob without punctuation) is neither
scored nor described.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from calendar import monthrange
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from democdash.extract import events, lists, options, transcripts
from democdash.extract.countries import AS_AN_AGENT, Mention, find_mentions, group_countries
from democdash.extract.date_grammar import ANCHOR_TABLE
from democdash.extract.datelines import places_a_dated_line
from democdash.extract.dates import find_dates
from democdash.extract.event_dates import first_day, happened_by
from democdash.extract.events import find_events
from democdash.extract.furniture import Furniture
from democdash.extract.gazetteer import Gazetteer, fold, load_gazetteer
from democdash.extract.headline import headline
from democdash.extract.holders import Antecedents, actor_named, person_as_holder
from democdash.extract.option_model import ModelChooser, OptionModel, load_chooser, read_model
from democdash.extract.options import MIN_WORDS, describe, option_features_in_context
from democdash.extract.people import find_people
from democdash.extract.scan import Scanner
from democdash.extract.sections import section_countries
from democdash.extract.sentences import Sentence, split_sentences
from democdash.extract.speakers import QUOTE_REACH, Nearby
from democdash.text import ParagraphIndex

#: Top-level keys of the result, in order.
RESULT_KEYS = (
    "article",
    "countries",
    "dates",
    "people",
    "events",
    "policy_options",
    "policy_options_also_possible",
    "sentences",
)
#: Keys of the `article` block, in order.
ARTICLE_KEYS = ("title", "outlet", "author", "published", "url", "source_type", "text_sha256")
#: Keys of a policy option item, in order.
OPTION_KEYS = (
    "sentence",
    "start",
    "end",
    "paragraph",
    "stance",
    "holder",
    "acting",
    "instrument",
    "countries",
    "target",
    "date",
    "confidence",
)
#: Keys of a sentence item, in order.
SENTENCE_KEYS = (
    "text",
    "start",
    "end",
    "paragraph",
    "countries",
    "dates",
    "people",
    "stance",
    "holder",
    "acting",
    "instrument",
    "event_type",
    "option_confidence",
)
#: The longest text extracted (characters; about 2 MB of English): more is refused.
MAX_TEXT_CHARS = 2_000_000
#: A longer "sentence" is no sentence (a blob without punctuation): not scored or described.
MAX_SENTENCE_CHARS = 3_000


class TextTooLarge(ValueError):
    """A text over `MAX_TEXT_CHARS`; the message gives its size and the cap."""


@dataclass(frozen=True, eq=False)
class Extractor:
    """The built resources of the pipeline: the gazetteer, `scanner` (one automaton over the
    gazetteer, the date anchors and both lexicons, so an article is scanned in one pass) and
    `options`, which picks the option model for a text (`democdash.extract.option_model`)."""

    gazetteer: Gazetteer
    scanner: Scanner
    options: ModelChooser


def load_extractor(
    gazetteer_csv: Path | None = None, option_model: Path | None = None
) -> Extractor:
    """Build an `Extractor` for the gazetteer CSV at `gazetteer_csv` (default: the one in the
    settings' data folder) and the option model file `option_model` (default: as the
    environment says, see `democdash.extract.option_model`). Built afresh on every call: keep
    it while extracting. Raises ValueError naming the file for a bad gazetteer row or model."""
    gazetteer = load_gazetteer(gazetteer_csv)
    tables = (gazetteer.table, ANCHOR_TABLE, events.LEXICON.table, options.LEXICON.table)
    chooser = ModelChooser(read_model(option_model)) if option_model else load_chooser()
    return Extractor(gazetteer=gazetteer, scanner=Scanner(tables), options=chooser)


def extract_article(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
    source_type: str | None = None,
    known_actors: list[dict] | None = None,
    extractor: Extractor | None = None,
) -> dict:
    """Extract countries, dates, people, candidate events and policy options, and describe
    every sentence (the keys are in the module docstring).

    Offline (one automaton pass, precompiled regexes and a linear model read from JSON), so
    it runs on every upload and gives the same answer every time. `published` (ISO date)
    resolves relative dates ("last week", "Sunday") and years missing from dates ("Jan. 6");
    `url` is used to keep a year inside the URL from counting as a date; `known_actors` (dicts
    with `id`, `name`, `aliases`) links people and option holders to actors. Raises
    `TextTooLarge` for a text over `MAX_TEXT_CHARS`.

    `extractor` (from `load_extractor()`) is built for this call when not given, which costs
    more than extracting an article: pass one when extracting more than one.
    """
    extractor = extractor or load_extractor()
    read, scanned = _read(text, title, published, known_actors, extractor)
    found_events = find_events(
        read.sentences_,
        scanned.dates,
        scanned.mentions,
        scanned.main_country,
        scanned.folded,
        scanned.raw_events,
        scanned.places,
    )
    published_day = _day(published)
    if published_day is not None:  # a report tells what happened by its date, not after
        found_events = [e for e in found_events if happened_by(e, published_day)]
    # a photo caption or a page's prompt is no report of what happened, nor is an item of a
    # list of what someone asks to be done
    found_events = [
        e
        for e in found_events
        if e["start"] not in scanned.furniture and e["start"] not in read.item_starts
    ]
    for event in found_events:
        event["paragraph"] = scanned.index.number(event["start"])
    top = headline(text)
    if top is not None:  # the headline sums up what follows: no candidate of its own
        found_events = [e for e in found_events if e["start"] >= top[1]]
        read.likely = [o for o in read.likely if o["start"] >= top[1]]
        read.possible = [o for o in read.possible if o["start"] >= top[1]]
    return {
        "article": {
            "title": title,
            "outlet": outlet,
            "author": author,
            "published": published,
            "url": url,
            "source_type": source_type,
            "text_sha256": scanned.digest,
        },
        "countries": group_countries(scanned.mentions, extractor.gazetteer),
        "dates": scanned.dates,
        "people": scanned.people,
        "events": found_events,
        "policy_options": read.likely,
        "policy_options_also_possible": read.possible,
        "sentences": read.sentences,
    }


@dataclass
class _Scanned:
    """What one pass over an article finds, before its sentences are read."""

    digest: str
    folded: str
    mentions: list[Mention]
    places: list[Mention]  # capitals named as the city
    main_country: str | None
    dates: list[dict]
    people: list[dict]
    index: ParagraphIndex
    raw_events: list
    raw_options: list
    furniture: Furniture


@dataclass
class _Layout:
    """What a document's layout says of its sentences: the items of lists of positions (item
    index -> lead-in index, `lists.list_items`), the headings over such lists
    (`lists.headings`), who speaks each sentence of a transcript (`transcripts.speakers`) and
    who "we" are in a statement that names them (`transcripts.declared_voice`), as a holder."""

    items: dict[int, int] = field(default_factory=dict)
    heads: dict[int, lists.Heading] = field(default_factory=dict)
    speakers: transcripts.Speakers = field(
        default_factory=lambda: transcripts.Speakers({}, frozenset())
    )
    voice: dict | None = None  # who "we" are in a statement that says so
    furniture: frozenset[int] = frozenset()  # sentences of the page's furniture (`furniture`)
    #: subheadings (`lists.a_heading`): at most "also possible", unless a list's
    subheadings: frozenset[int] = frozenset()
    #: sentence index -> the country its section is headed by (`sections.section_countries`)
    sections: dict[int, str] = field(default_factory=dict)

    def structure(self, index: int) -> bool:
        """Whether the sentence is the layout's, not the text's: a heading over a list of
        positions, a speaker line or the page's furniture (a caption, "Share this
        article"), never a candidate."""
        return index in self.heads or index in self.speakers.lines or index in self.furniture


@dataclass
class _Read:
    likely: list[dict]
    possible: list[dict]
    sentences: list[dict]
    sentences_: list[Sentence] = field(default_factory=list)
    #: Where the items of lists of positions start ("1. Release all journalists detained
    #: for their work;" under "We call on the Council to:"): what to do, no events.
    item_starts: frozenset[int] = frozenset()


def _day(published: str | None) -> date | None:
    """The last day an ISO `published` date covers (the day, or a month's or a year's last:
    "2021-06" published may report 30 June), None when it is not a date."""
    if not published:
        return None
    try:
        first = first_day(published)
    except ValueError:
        return None
    if len(published) >= 10:
        return first
    if len(published) >= 7:
        return first.replace(day=monthrange(first.year, first.month)[1])
    return first.replace(month=12, day=31)


def _read(
    text: str,
    title: str | None,
    published: str | None,
    known_actors: list[dict] | None,
    extractor: Extractor,
    describe_at: int | None = None,
) -> tuple[_Read, _Scanned]:
    """Scan an article once and read its sentences; `describe_at` (a character offset) also
    describes the sentence there, whatever its score."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLarge(
            f"the text has {len(text):,} characters, over the extraction limit of "
            f"{MAX_TEXT_CHARS:,}"
        )
    gazetteer = extractor.gazetteer
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    folded = fold(text)
    # one automaton pass for the gazetteer, the date anchors and both lexicons
    raw_places, raw_anchors, raw_events, raw_options = extractor.scanner.scan(folded)
    places: list[Mention] = []
    mentions = find_mentions(text, gazetteer, folded, raw_places, places)
    furniture = Furniture(text)
    event_hits = events.LEXICON.scan(folded, raw_events)
    scanned = _Scanned(
        digest=digest,
        folded=folded,
        mentions=mentions,
        places=places,
        main_country=_main_country(mentions, title, gazetteer, text),
        dates=find_dates(text, published, folded, raw_anchors, furniture.spans, event_hits),
        people=_outside(find_people(text, mentions, known_actors, places), furniture),
        index=ParagraphIndex(text),
        raw_events=raw_events,
        raw_options=raw_options,
        furniture=furniture,
    )
    sentences = split_sentences(text)
    lines = lists.lines_of(text, sentences)
    heads = lists.headings(sentences, lines)
    voice = _declared_voice(text, scanned, known_actors or [])
    layout = _Layout(
        lists.list_items(text, sentences, heads, lines),
        heads,
        transcripts.speakers(sentences, lines, scanned.people),
        voice,
        frozenset(
            i
            for i, sent in enumerate(sentences)
            if sent.start in scanned.furniture
            or (voice is not None and transcripts.adopted_by(sent.text))
        ),
        frozenset(i for i, sent in enumerate(sentences) if lists.a_heading(text, sent)),
        section_countries(text, sentences, lines, mentions),
    )
    read = _read_sentences(
        sentences,
        mentions,
        scanned.dates,
        scanned.people,
        extractor.options.for_text(digest),
        scanned.index,
        scanned.main_country,
        options.lexicon_hits(folded, raw_options),
        event_hits,
        known_actors or [],
        describe_at,
        layout,
    )
    read.sentences_ = sentences
    read.item_starts = frozenset(sentences[i].start for i in layout.items)
    return read, scanned


def _declared_voice(text: str, scanned: _Scanned, known_actors: list[dict]) -> dict | None:
    """Who "we" are, as a holder, when the text's opening names them (see
    `transcripts.declared_voice`)."""
    found = transcripts.declared_voice(text)
    if found is None:
        return None
    words, at = found
    return actor_named(words, words, at, scanned.mentions, scanned.people, known_actors)


def describe_sentence(
    text: str,
    offset: int,
    *,
    extractor: Extractor,
    title: str | None = None,
    published: str | None = None,
    known_actors: list[dict] | None = None,
) -> dict | None:
    """The sentence record at `offset` with what the pipeline sees in it as an option
    (stance, holder, acting, instrument), described even when the model does not read it as
    one: what a sentence the analyst promotes is prefilled with. None past the text's end.

    Only sentences read as options are described during extraction (describing every
    sentence of every article cost the pipeline about 3% of its speed for what an analyst
    asks of one sentence at a time); this reads the article again, a few milliseconds."""
    read, _ = _read(text, title, published, known_actors, extractor, describe_at=offset)
    return sentence_at({"sentences": read.sentences}, offset)


def _within(items: list, starts: list[int], start: int, end: int) -> list:
    lo = bisect_left(starts, start)
    return items[lo : bisect_left(starts, end, lo)]


#: What a sentence not read as an option says of itself as one.
_UNDESCRIBED = {
    "stance": None,
    "holder": None,
    "acting": None,
    "instrument": None,
    "countries": (),
    "target": None,
}


def _read_sentences(
    sentences: list[Sentence],
    mentions: list[Mention],
    dates: list[dict],
    people: list[dict],
    model: OptionModel,
    index: ParagraphIndex,
    main_country: str | None,
    instrument_hits: list,
    event_hits: list,
    known_actors: list[dict],
    describe_at: int | None = None,
    layout: _Layout | None = None,
) -> _Read:
    """Every sentence scored and described; the options split by the model's thresholds.
    The `layout`'s items of lists of positions are each read as their lead-in reads (a likely
    option, with the lead-in's stance, holder and who would act); the lead-in is a likely
    option too, unless it is one of its headings (a "Recommendations" heading, a "To ASEAN
    member states:" line), which are the list's structure, not positions. In a transcript,
    what the author would hold is held by the speaker of its paragraph."""
    mention_starts = [m.start for m in mentions]
    date_starts = [d["start"] for d in dates]
    person_mentions = sorted(
        (m["start"], p["name"], p.get("actor_id"), m["end"]) for p in people for m in p["mentions"]
    )
    person_starts = [m[0] for m in person_mentions]
    antecedents = Antecedents(person_mentions, person_starts)
    instrument_starts = [h[1] for h in instrument_hits]
    event_starts = [h[1] for h in event_hits]
    features = option_features_in_context(sentences, mentions)

    def local(sent: Sentence) -> Nearby:
        """The sentence with its own mentions and people (with their mentions there): looking
        in every person's mentions would make the holder's work grow with the square of the
        length."""
        named = _within(person_mentions, person_starts, sent.start, sent.end)
        people: dict[str, dict] = {}
        for at, name, actor, end in named:
            person = people.setdefault(name, {"name": name, "actor_id": actor, "mentions": []})
            person["mentions"].append({"start": at, "end": end})
        own = _within(mentions, mention_starts, sent.start, sent.end)
        return Nearby(sent.text, sent.start, own, list(people.values()))

    def nearby(i: int) -> Callable[[], tuple[list[Nearby], list[Nearby]]]:
        reach = QUOTE_REACH
        return lambda: (
            [local(s) for s in reversed(sentences[max(0, i - reach) : i])],
            [local(s) for s in sentences[i + 1 : i + 1 + reach]],
        )

    layout = layout or _Layout()
    spoken = layout.speakers.spoken
    items, heads = layout.items, layout.heads
    # each lead-in's description, once read: it comes before its items, and is likely (so
    # described) unless it is too long to score, when its items are read on their own
    leads: dict[int, dict] = {lead: {} for lead in items.values()}
    out = _Read([], [], [])
    for i, (sent, (feats, context)) in enumerate(zip(sentences, features, strict=True)):
        own_dates = _within(dates, date_starts, sent.start, sent.end)
        here = local(sent)
        own_mentions = here.mentions
        people_here = [{"name": p["name"], "actor_id": p["actor_id"]} for p in here.people]
        paragraph = index.number(sent.start)
        scored = len(sent.text) <= MAX_SENTENCE_CHARS
        confidence = round(model.score(feats, context), 3) if scored else 0.0
        asked = describe_at is not None and sent.start <= describe_at < sent.end
        lead = items.get(i)
        heading = heads.get(i)
        if heading is not None:
            leads[i] = options.under_heading(heading, here, known_actors)
        elif scored and (i in leads or (lead is not None and leads[lead])):
            # a list of positions and its lead-in ("five major demands:") state a position
            confidence = max(confidence, model.likely)
        if heading is not None:
            about = _UNDESCRIBED
        elif scored and (confidence >= model.possible or asked):
            about = describe(
                sent,
                feats,
                model,
                _within(instrument_hits, instrument_starts, sent.start, sent.end),
                own_mentions,
                here.people,
                main_country,
                known_actors,
                antecedents,
                nearby(i),
                layout.sections.get(i),
                context,
            )
            if i in leads:
                leads[i] = about
            if lead is not None and leads[lead]:
                about = options.as_item_of(about, leads[lead], main_country, sent.text)
            if about["holder"]["kind"] == "author":
                if i in spoken:
                    about = {**about, "holder": person_as_holder(spoken[i])}
                elif layout.voice is not None:
                    about = {**about, "holder": layout.voice}
        else:
            about = _UNDESCRIBED
        own_events = _within(event_hits, event_starts, sent.start, sent.end)
        out.sentences.append(
            {
                "text": sent.text,
                "start": sent.start,
                "end": sent.end,
                "paragraph": paragraph,
                "countries": list(dict.fromkeys(m.iso3 for m in own_mentions if m.iso3)),
                "dates": [d["iso"] for d in own_dates],
                "people": people_here,
                "stance": about["stance"],
                "holder": about["holder"],
                "acting": about["acting"],
                "instrument": about["instrument"],
                "event_type": events.event_type(own_events),
                "option_confidence": confidence,
            }
        )
        if not scored or confidence < model.possible or layout.structure(i):
            continue
        if len(sent.text.split(None, MIN_WORDS)) < MIN_WORDS:
            continue
        item = {
            "sentence": sent.text,
            "start": sent.start,
            "end": sent.end,
            "paragraph": paragraph,
            "stance": about["stance"],
            "holder": about["holder"],
            "acting": about["acting"],
            "instrument": about["instrument"],
            "countries": about["countries"],
            "target": about["target"],
            "date": own_dates[0]["iso"] if own_dates else None,
            "confidence": confidence,
        }
        likely = (
            confidence >= model.likely
            and not options.takes_no_position(sent.text)
            and (lead is not None or i in leads or i not in layout.subheadings)
        )
        (out.likely if likely else out.possible).append(item)
    return out


def sentence_at(result: dict, offset: int) -> dict | None:
    """The sentence record of an extraction `result` that holds the character `offset`
    (else the first one after it), for making any sentence an event or an option."""
    records = result.get("sentences", [])
    starts = [r["start"] for r in records]
    i = bisect_left(starts, offset + 1) - 1
    if i >= 0 and offset < records[i]["end"]:
        return records[i]
    return records[i + 1] if i + 1 < len(records) else None


#: Words before a country in a title that name it as what a step is aimed at or where it
#: happens ("sanctions on Belarus", "a crackdown in Kazakhstan", "pressure against Minsk"), not
#: what something copies ("a law modelled on Russia's").
_AIMED_AT = re.compile(
    r"(?<!modelled\s)(?<!modeled\s)(?<!based\s)(?<!patterned\s)"
    r"\b(?:on|against|in|inside|across|over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: A verb right after a country in a title: the country is who acts ("UK sanctions Belarusian
#: officials", "Canada imposes additional sanctions on Belarus").
_ACTS_IN_TITLE = re.compile(
    r"\s+(?:sanction|sanctions|imposes?|urges?|condemns?|warns?|bans?|expels?|calls|says|"
    r"pushes|presses|targets|accuses|criticises|criticizes|slaps|blacklists|demands|threatens|"
    r"pledges|vows|freezes|restricts|suspends|recalls|summons)\b",
    re.IGNORECASE,
)


def _outside(people: list[dict], furniture: Furniture) -> list[dict]:
    """The people named outside the page's furniture ("Reporting by ...; Editing by Andrew
    Osborn" names no one of the article), with their mentions there."""
    kept = []
    for person in people:
        mentions = [m for m in person["mentions"] if m["start"] not in furniture]
        if len(mentions) == len(person["mentions"]):
            kept.append(person)
        elif mentions:
            kept.append({**person, "mentions": mentions})
    return kept


def _main_country(mentions, title, gazetteer, text: str = "") -> str | None:
    """The article's focus: a country named in the title (not as who leads or backs
    something: "Russian-led troops arrive in Kazakhstan" is about Kazakhstan; nor as who acts,
    when another is named: "UK sanctions Belarusian officials" is about Belarus), the one named
    as what a step is aimed at or where it happens first ("EU, Britain and Canada impose new
    sanctions on Belarus" is about Belarus, not Britain); else the first one the text names,
    when it names it at least half as often as the most mentioned one; else that one (on the
    development articles whose title names no country, 11 of them, this picks one of the
    annotated focus countries in all 11, the most mentioned alone in 10). `text` is the
    article's, for who is named as leading or backing something ("Russian-led troops")."""
    if title:
        in_title = [
            m
            for m in find_mentions(title, gazetteer)
            if m.iso3 and not AS_AN_AGENT.match(title, m.end)
        ]
        aimed = [m for m in in_title if _AIMED_AT.search(title, max(0, m.start - 12), m.start)]
        # "UK sanctions Belarusian officials": the country that acts is not the focus
        acted_on = [m for m in in_title if not _ACTS_IN_TITLE.match(title, m.end)]
        if aimed or acted_on or in_title:
            return (aimed or acted_on or in_title)[0].iso3
    counts = Counter(m.iso3 for m in mentions if m.iso3)
    if not counts:
        return None
    most, times = counts.most_common(1)[0]
    # a report's lead names its subject first ("An airstrike by Myanmar's military ... the
    # U.S. State Department said"): the first country named, unless named far less often;
    # where a statement was made ("Vilnius, 11 September 2025") is not what it is about
    first = next(
        (
            m.iso3
            for m in mentions
            if m.iso3
            and not AS_AN_AGENT.match(text, m.end)
            and not places_a_dated_line(text, m.start, m.end)
        ),
        most,
    )
    return first if counts[first] * 2 >= times else most
