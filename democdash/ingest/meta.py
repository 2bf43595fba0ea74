"""What is known about an article besides its text, checked: light enough for the CLI to
check its options before anything heavy is imported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from democdash import dates as date_values
from democdash.vocab import SourceType

if TYPE_CHECKING:
    from democdash.extract import Extractor

#: Source types given in other words (CLI help, forms) mapped onto the vocabulary.
SOURCE_TYPE_ALIASES = {
    "news": SourceType.REPORTING,
    "report": SourceType.ANALYSIS,
    "think-tank": SourceType.ANALYSIS,
    "editorial": SourceType.OPINION,
    "government": SourceType.OFFICIAL,
}
DEFAULT_SOURCE_TYPE = SourceType.REPORTING
_PUBLISHED = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class ArticleMeta:
    """What is known about an article besides its text (None where unknown)."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    source_type: str | None = None
    source_file: str | None = None


def extract_with_meta(
    text: str,
    meta: ArticleMeta,
    known_actors: list[dict] | None = None,
    *,
    extractor: Extractor | None = None,
) -> dict:
    """The extraction contract for `text` with what `meta` says about the article (title,
    published date...), so the CLI's dry run, its --json and `ingest.save.extract` pass the
    same fields. The extractor is imported here, on first use, to keep this module light;
    `extractor` (`democdash.extract.load_extractor()`) is built for this call when not given."""
    from democdash.extract import extract_article

    return extract_article(
        text,
        title=meta.title,
        outlet=meta.outlet,
        author=meta.author,
        published=meta.published,
        url=meta.url,
        source_type=meta.source_type,
        known_actors=known_actors,
        extractor=extractor,
    )


def source_type(value: str | None) -> SourceType:
    """A source type from the vocabulary or a common alias ("news"); reporting if not given."""
    if not value or not value.strip():
        return DEFAULT_SOURCE_TYPE
    key = value.strip().lower()
    if key in SOURCE_TYPE_ALIASES:
        return SOURCE_TYPE_ALIASES[key]
    try:
        return SourceType(key)
    except ValueError:
        allowed = ", ".join([*(s.value for s in SourceType), *SOURCE_TYPE_ALIASES])
        raise ValueError(f"unknown source type {value!r} (one of: {allowed})") from None


def published_value(value: str | None) -> str | None:
    """A publication date as given, checked: YYYY, YYYY-MM or YYYY-MM-DD (a timestamp keeps
    its day), None when not given; ValueError naming the problem otherwise."""
    if not value or not value.strip():
        return None
    text = value.strip()[:10] if "T" in value else value.strip()
    if not _PUBLISHED.match(text):
        raise ValueError(f"publication date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date_values.parse_value(text)
    except date_values.DateValueError as exc:
        raise ValueError(f"publication date {value!r}: {exc}") from None
    return text


#: A full date after the last comma, colon, dash or bar of a title line that names a kind
#: of document: a briefing's, a statement's or a newsletter's own date ("Press Briefing,
#: January 6, 2022", "Statement | 3 March 2021", "Eurasia Weekly: 14 January 2022"), where
#: another title's date may be what it remembers.
_A_DOCUMENTS_TITLE = re.compile(
    r"\b(?:[Bb]riefing|[Ss]tatement|[Rr]emarks|[Rr]elease|[Rr]eadout|[Tt]ranscript|"
    r"[Cc]ommuniqu[eé]|[Dd]eclaration|[Cc]onference|[Ii]nterview|[Ss]peech|[Tt]estimony|"
    r"[Rr]esolution|[Mm]emo|[Bb]rief|[Bb]ulletin|[Uu]pdate|[Ww]eekly|[Dd]aily|[Nn]ewsletter|"
    r"[Dd]igest|[Rr]ound-?up|[Dd]ispatch|[Ee]dition|[Rr]eport|[Tt]hread)\b"
)
#: A full date as a title line ends with one ("January 6, 2022", "17 April 2023").
_FULL_DATE = r"((?:[A-Z][a-z]+\.?\s+\d{1,2},?|\d{1,2}\s+[A-Z][a-z]+\.?)\s+\d{4})"
_TITLE_ENDS_WITH_A_DATE = re.compile(rf"(?:,|:|\||–|—|\s-|\s[Oo]n)\s*{_FULL_DATE}\s*$")
#: A full date in brackets that ends the first line: the document's date, as a foreign
#: ministry's statement gives it ("Russia - Sentencing of Vladimir Kara-Murza (17 April 2023)").
_TITLE_ENDS_WITH_A_BRACKETED_DATE = re.compile(rf"\({_FULL_DATE}\)\s*$")
_URL_DAY = re.compile(r"/(20\d\d|19\d\d)/([01]\d)/([0-3]\d)(?:/|$)")


def propose_meta(text: str) -> ArticleMeta:
    """What an article's own text says about it, proposed for review (None where it says
    nothing): the title (its first line when that reads as a headline), the author (a byline:
    "By Andrew Osborn"), the link (the first URL), the outlet ("Source: ...", the byline's
    "By ..., Al Jazeera", a wire dateline's "(Reuters)" or the link's site), and
    the publication date (a "Published ..." line or a dated line among the opening lines, else
    a wire dateline's full date, else a full date that ends a document's title line, or in
    brackets the first line of a document, else a date in the link's path). Never overrides
    what the analyst gives: the caller merges (`merged`)."""
    from democdash.extract.bylines import byline
    from democdash.extract.datelines import dateline_end, datelines
    from democdash.extract.dates import find_dates
    from democdash.extract.headline import HEADER_LABEL, URL, header_end, headline

    lines = [line.strip() for line in text[: header_end(text)].split("\n") if line.strip()]
    found = ArticleMeta()
    link = URL.search(text)
    if link:
        found.url = link.group().rstrip(".,;:")
    for line in lines:
        label = HEADER_LABEL.match(line)
        if label:
            key = label.group("label").lower().split()[0]
            value = label.group("value").strip()
            if key in ("source", "outlet") and not URL.match(value):
                found.outlet = found.outlet or value
            elif key in ("published", "updated", "date") and found.published is None:
                found.published = _day_in(value, find_dates)
    if found.published is None:
        for line in lines[1:]:
            words = line.split()
            if len(words) <= 12 and not URL.search(line):
                found.published = _day_in(line, find_dates)
                if found.published:
                    break
    if found.published is None:  # "BEIJING, March 23, 2021 (State Wire) — ...": filed that day
        filed_on = (_day_in(line[: dateline_end(line)], find_dates) for line in lines)
        found.published = next((day for day in filed_on if day), None)
    if found.published is None and lines and _A_DOCUMENTS_TITLE.search(lines[0]):
        # "Department Press Briefing, January 6, 2022": the document's own date
        dated = _TITLE_ENDS_WITH_A_DATE.search(lines[0])
        found.published = _day_in(dated.group(1), find_dates) if dated else None
    if found.published is None and any(_A_DOCUMENTS_TITLE.search(line) for line in lines[:3]):
        # "Russia - Sentencing of Vladimir Kara-Murza (17 April 2023)" over "Statement by the
        # Spokesperson ...": the statement's own date
        bracketed = _TITLE_ENDS_WITH_A_BRACKETED_DATE.search(lines[0])
        found.published = _day_in(bracketed.group(1), find_dates) if bracketed else None
    if found.published is None and found.url:
        day = _URL_DAY.search(found.url)
        if day:
            found.published = _checked("-".join(day.groups()))
    top = headline(text)
    if top is not None:
        found.title = top[0]
    signed = byline(text)
    if signed is not None:
        found.author = signed.authors
        found.outlet = found.outlet or signed.outlet
    if found.outlet is None:
        header = "\n".join(lines)  # a dateline opens a paragraph among the opening lines
        filed = datelines(header)
        found.outlet = filed[0].outlet if filed else None
    if found.outlet is None and found.url:
        host = re.sub(r"^https?://(?:www\.)?", "", found.url, flags=re.IGNORECASE).split("/")[0]
        named = next((line for line in lines if _names_site(line, host)), None)
        found.outlet = named or host or None
    return found


def _names_site(line: str, host: str) -> bool:
    """A short line that is the site's name written out ("Al Jazeera" for aljazeera.com)."""
    squashed = re.sub(r"[^a-z0-9]", "", line.lower())
    return 1 <= len(line.split()) <= 4 and len(squashed) >= 3 and squashed in host.lower()


def _checked(value: str) -> str | None:
    try:
        return published_value(value)
    except ValueError:
        return None


def _day_in(line: str, find_dates) -> str | None:
    """The first full date (day, month and year written out) in a header line."""
    for found in find_dates(line):
        if found["precision"] == "day" and found["kind"] == "absolute":
            return _checked(found["iso"])
    return None


def merged(given: ArticleMeta, proposed: ArticleMeta) -> ArticleMeta:
    """`given` with its blank fields filled from `proposed` (what the text says)."""
    out = ArticleMeta(**vars(given))
    for key, value in vars(proposed).items():
        if value and not getattr(out, key):
            setattr(out, key, value)
    return out
