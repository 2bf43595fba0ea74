"""The article pipeline: text in, the extraction JSON contract out (see `extract_article`).

What the pipeline needs besides the text, the gazetteer and the one automaton over all its word
tables, is an `Extractor`: `load_extractor()` builds it (tens of milliseconds, no cache) and the
caller keeps it for as long as it extracts: the command line once per command, the bench once
before timing, the app once per version of the gazetteer CSV (`democdash.ui.resources`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from democdash.extract import events, options
from democdash.extract.countries import find_mentions, group_countries
from democdash.extract.dates import ANCHOR_TABLE, find_dates
from democdash.extract.events import find_events
from democdash.extract.gazetteer import Gazetteer, fold, load_gazetteer
from democdash.extract.options import find_options
from democdash.extract.people import find_people
from democdash.extract.scan import Scanner
from democdash.extract.sentences import split_sentences

#: Top-level keys of the result, in order.
RESULT_KEYS = ("article", "countries", "dates", "people", "events", "policy_options")
#: Keys of the `article` block, in order.
ARTICLE_KEYS = ("title", "outlet", "author", "published", "url", "source_type", "text_sha256")


@dataclass(frozen=True, eq=False)
class Extractor:
    """The built resources of the pipeline: the gazetteer and `scanner`, one automaton over the
    gazetteer, the date anchors and both lexicons (so an article is scanned in one pass)."""

    gazetteer: Gazetteer
    scanner: Scanner


def load_extractor(gazetteer_csv: Path | None = None) -> Extractor:
    """Build an `Extractor` for the gazetteer CSV at `gazetteer_csv` (default: the one in the
    settings' data folder). Built afresh on every call: keep it while extracting."""
    gazetteer = load_gazetteer(gazetteer_csv)
    tables = (gazetteer.table, ANCHOR_TABLE, events.LEXICON.table, options.LEXICON.table)
    return Extractor(gazetteer=gazetteer, scanner=Scanner(tables))


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
    """Extract countries, dates, people, candidate events and candidate policy options.

    Offline and rule-based (one automaton pass plus precompiled regexes), so it is fast enough
    to run on every upload and gives the same answer every time. `published` (ISO date) resolves
    relative dates ("last week") and years missing from dates ("Jan. 6"); `known_actors`
    (dicts with `id`, `name`, `aliases`) sets `actor_id` on matching people. Offsets in the
    result are character offsets into `text`. Returns exactly the keys in `RESULT_KEYS`.

    `extractor` (from `load_extractor()`) is built for this call when not given, which costs
    more than extracting an article: pass one when extracting more than one.
    """
    extractor = extractor or load_extractor()
    gazetteer = extractor.gazetteer
    folded = fold(text)
    # one automaton pass for the gazetteer, the date anchors and both lexicons
    raw_places, raw_anchors, raw_events, raw_options = extractor.scanner.scan(folded)
    mentions = find_mentions(text, gazetteer, folded, raw_places)
    countries = group_countries(mentions, gazetteer)
    main_country = _main_country(mentions, title, gazetteer)
    dates = find_dates(text, published, folded, raw_anchors)
    sentences = split_sentences(text)
    return {
        "article": {
            "title": title,
            "outlet": outlet,
            "author": author,
            "published": published,
            "url": url,
            "source_type": source_type,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "countries": countries,
        "dates": dates,
        "people": find_people(text, mentions, known_actors),
        "events": find_events(sentences, dates, mentions, main_country, folded, raw_events),
        "policy_options": find_options(sentences, mentions, main_country, folded, raw_options),
    }


def _main_country(mentions, title, gazetteer) -> str | None:
    """The article's focus: a country named in the title, else the most mentioned one."""
    if title:
        in_title = [m.iso3 for m in find_mentions(title, gazetteer) if m.iso3]
        if in_title:
            return in_title[0]
    counts = Counter(m.iso3 for m in mentions if m.iso3)
    return counts.most_common(1)[0][0] if counts else None
