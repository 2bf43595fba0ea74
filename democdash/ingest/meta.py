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
