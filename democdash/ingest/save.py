"""Saving a reviewed article, and the whole pipeline for the command line.

`save_review` writes the article, its full text and every accepted record in one transaction
(`Store.add_article`): a duplicate (same text hash or URL) raises `DuplicateArticleError`, a
read-only store `ReadOnlyError`, and in both cases nothing is stored or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from democdash.ingest.candidates import ArticleMeta, Candidates, Existing, build_candidates
from democdash.ingest.duplicates import SameStory, same_story
from democdash.ingest.meta import extract_with_meta
from democdash.ingest.review import ReviewResult, apply_review, default_decisions

if TYPE_CHECKING:
    from democdash.extract import Extractor
    from democdash.models import Article
    from democdash.store import Store


def extract(
    text: str,
    meta: ArticleMeta,
    existing: Existing,
    *,
    extractor: Extractor | None = None,
    article: Article | None = None,
) -> Candidates:
    """Run the extraction on `text` (people linked to stored actors) and build candidates;
    `extractor` (`democdash.extract.load_extractor()`) is built for this call when not given,
    `article` (`build_article(text, meta)`) when the caller has not made it."""
    result = extract_with_meta(text, meta, existing.known_actors(), extractor=extractor)
    return build_candidates(result, text, meta, existing, article)


def flag_same_story(store: Store, candidates: Candidates) -> SameStory | None:
    """Mark the article as the same story as a stored one it mostly copies (a wire report in
    another outlet), so the two count as one source; the stored article found, or None."""
    found = same_story(candidates.text, store.article_texts())
    if found is not None:
        candidates.article = candidates.article.model_copy(
            update={"same_story_as": found.article_id}
        )
    return found


def check_review(result: ReviewResult) -> None:
    """Refuse to save a review that has problems (ValueError listing them)."""
    if not result.ok:
        raise ValueError("the review has problems: " + "; ".join(result.problems))


def save_review(
    store: Store, candidates: Candidates, result: ReviewResult, *, by: str | None = None
) -> Article:
    """Write the article, its text and the review's records in one transaction, authored by
    `by` (the signed-in editor; the store's local editor when None)."""
    check_review(result)
    return store.add_article(
        candidates.article,
        candidates.text,
        new_records=result.new_records(),
        added_sources=result.added_sources,
        by=by,
    )


@dataclass
class IngestOutcome:
    """What `ingest_text` did with one article: the saved id and records, or the stored
    article it duplicates (then nothing was saved)."""

    article_id: str
    result: ReviewResult | None
    duplicate_of: str | None = None
    skipped: int = 0
    extraction: dict | None = None
    same_story: SameStory | None = None

    def line(self) -> str:
        """A summary line for the command line."""
        if self.duplicate_of:
            return f"already stored as {self.duplicate_of} (same text or URL); nothing saved"
        assert self.result is not None
        r = self.result
        line = (
            f"saved as {self.article_id}: {len(r.events)} new events, {len(r.options)} new "
            f"policy options, {len(r.added_sources)} sources added to stored records, "
            f"{len(r.countries)} new countries"
        )
        if self.skipped:
            line += f"; {self.skipped} candidate events left out (no country found)"
        if self.same_story:
            line += (
                f"; the same story as {self.same_story.article_id} "
                f"({self.same_story.share:.0%} of its sentences shared): counted as one source"
            )
        return line


def ingest_text(
    store: Store, text: str, meta: ArticleMeta, *, extractor: Extractor | None = None
) -> IngestOutcome:
    """Extract, accept every candidate and save, as `democdash ingest` does (with `extractor`,
    built for this call when not given).

    Matched candidates become added sources of the stored records; candidate events without a
    country are left out (counted in `skipped`). A duplicate is reported, not stored twice.
    """
    from democdash.ingest.candidates import build_article
    from democdash.store import DuplicateArticleError

    article = build_article(text, meta)
    existing_id = store.find_duplicate(article.text_sha256, article.url)
    if existing_id:
        return IngestOutcome(article.id, None, duplicate_of=existing_id)
    existing = Existing.from_store(store)
    candidates = extract(text, meta, existing, extractor=extractor)
    copied = flag_same_story(store, candidates)
    decisions = default_decisions(candidates)
    skipped = [c.key for c in candidates.events if not c.country and not c.match]
    for key in skipped:
        del decisions[key]
    result = apply_review(candidates, decisions, existing.countries["iso3"])
    try:
        saved = save_review(store, candidates, result)
    except DuplicateArticleError as exc:
        return IngestOutcome(
            article.id, None, duplicate_of=exc.existing_id, extraction=candidates.extraction
        )
    return IngestOutcome(
        saved.id,
        result,
        skipped=len(skipped),
        extraction=candidates.extraction,
        same_story=copied,
    )
