"""Many articles in one go, for `democdash ingest FOLDER` and `democdash bench`.

`BatchIngest` saves article after article into one store as `ingest_text` does (every
candidate accepted, each article saved and audited all or nothing, a duplicate refused with a
pointer, a near-duplicate flagged as the same story; with `group`, several articles share a
write transaction, each in a savepoint), but reads what matching needs from the store once
and keeps it up to date in memory with what each article saved, and indexes the stored texts'
sentences once (`StoryIndex`): the thousandth article costs about what the first did. When
another writer changes the store meanwhile (its revision moves by more than our own write), it
reads the store again.

`article_files(paths)` turns the paths given (files and folders) into the article files to
read, and `BatchReport` collects what happened to each for the summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from democdash.ingest.candidates import ArticleMeta, Existing, build_article, with_records
from democdash.ingest.duplicates import StoryIndex, sentence_keys
from democdash.ingest.review import apply_review, default_decisions
from democdash.ingest.save import IngestOutcome, check_review, extract, save_review

if TYPE_CHECKING:
    from democdash.extract import Extractor
    from democdash.store import Store
    from democdash.store.store import BatchWriter

#: The file endings read from a folder (the same as an upload's).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each path given, and for a folder its article files (by ending,
    not in subfolders), sorted by name; in the order given, each file once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


class BatchIngest:
    """Saves articles one after another into `store`, with every candidate accepted.

    With `group` above 1, used as a context manager (or closed with `close()`), up to `group`
    articles share one write transaction (`Store.batch_writer`), each in a savepoint of its
    own and audited as alone: a failing article is undone alone, the others stand. A group
    is committed when full, after `group_seconds` (other writers wait for it meanwhile), and
    at `close()`; what `ingest` reports saved in an open group is committed then.
    """

    def __init__(
        self,
        store: Store,
        *,
        extractor: Extractor | None = None,
        by: str | None = None,
        group: int = 1,
        group_seconds: float = 1.0,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.by = by
        self.group = max(1, group)
        self.group_seconds = group_seconds
        self._existing: Existing | None = None
        self._stories: StoryIndex | None = None
        self._revision: int | None = None
        self._open: AbstractContextManager[BatchWriter] | None = None
        self._writer: BatchWriter | None = None
        # the group writer whose store revision `_refresh` has read
        self._checked: BatchWriter | None = None
        self._in_group = 0
        self._group_started = 0.0

    @property
    def uncommitted(self) -> int:
        """Articles `ingest` reported saved in the open group and not yet committed (0 when
        every one is): a caller says "saved" only once they are."""
        return self._in_group if self._writer is not None else 0

    def __enter__(self) -> BatchIngest:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Commit the open group of articles, if any."""
        opened, self._open, self._writer = self._open, None, None
        self._in_group = 0
        if opened is not None:
            opened.__exit__(None, None, None)

    def _group_writer(self) -> BatchWriter | None:
        """The open group's writer (a new group begun when none is open); None when every
        article has a transaction of its own (`group` 1)."""
        if self.group == 1:
            return None
        if self._writer is None:
            self._open = self.store.batch_writer(by=self.by)
            self._writer = self._open.__enter__()
            self._group_started = time.monotonic()
        return self._writer

    def _end_of_article(self) -> None:
        if self._writer is None:
            return
        self._in_group += 1
        full = self._in_group >= self.group
        if full or time.monotonic() - self._group_started >= self.group_seconds:
            self.close()

    def _refresh(self, writer: BatchWriter | None) -> None:
        """Read what matching needs from the store when another writer changed it."""
        if writer is not None and writer is self._checked:
            # the group's writer holds the store's write lock since it was checked: no other
            # writer can have changed the store meanwhile
            return
        self._checked = writer
        revision = (writer or self.store).revision()
        if self._existing is None or revision != self._revision:
            # inside a group this is its start (our own saves keep `_revision` in step), when
            # the group holds the write lock and has written nothing: the store's committed
            # state, which these reads see, is the group's
            self._existing = Existing.from_store(self.store)
            self._stories = StoryIndex.from_texts(self.store.article_texts())
            self._revision = revision

    def ingest(self, text: str, meta: ArticleMeta) -> IngestOutcome:
        """Extract, accept every candidate and save one article (see `ingest_text`)."""
        try:
            return self._ingest(text, meta, self._group_writer())
        finally:
            self._end_of_article()

    def _ingest(self, text: str, meta: ArticleMeta, writer: BatchWriter | None) -> IngestOutcome:
        from democdash.store import DuplicateArticleError

        article = build_article(text, meta)
        existing_id = (writer or self.store).find_duplicate(article.text_sha256, article.url)
        if existing_id:
            return IngestOutcome(article.id, None, duplicate_of=existing_id)
        self._refresh(writer)
        assert self._existing is not None and self._stories is not None
        existing = self._existing
        candidates = extract(text, meta, existing, extractor=self.extractor, article=article)
        keys = sentence_keys(text)
        copied = self._stories.find(keys)
        if copied is not None:
            candidates.article = candidates.article.model_copy(
                update={"same_story_as": copied.article_id}
            )
        decisions = default_decisions(candidates)
        skipped = [c.key for c in candidates.events if not c.country and not c.match]
        for key in skipped:
            del decisions[key]
        result = apply_review(candidates, decisions, existing.known_ids("countries"))
        try:
            if writer is None:
                saved = save_review(self.store, candidates, result, by=self.by)
            else:
                check_review(result)
                saved = writer.add_article(
                    candidates.article,
                    candidates.text,
                    new_records=result.new_records(),
                    added_sources=result.added_sources,
                )
        except DuplicateArticleError as exc:
            return IngestOutcome(
                article.id, None, duplicate_of=exc.existing_id, extraction=candidates.extraction
            )
        # our own write moved the revision by one; anything more is another writer's
        if self._revision is not None:
            self._revision += 1
        self._existing = with_records(existing, result.new_records(), result.added_sources)
        self._stories.add(saved.id, keys)
        return IngestOutcome(
            saved.id,
            result,
            skipped=len(skipped),
            extraction=candidates.extraction,
            same_story=copied,
        )


Status = Literal["saved", "duplicate", "failed", "extracted"]


@dataclass
class FileResult:
    """What happened to one file: saved (with its outcome), a duplicate (refused), failed
    (with the reason) or, on a dry run, extracted."""

    path: str
    status: Status
    outcome: IngestOutcome | None = None
    reason: str | None = None
    extraction: dict | None = None


@dataclass
class BatchReport:
    """Every file's result, for the summary at the end of a batch."""

    files: list[FileResult] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.files.append(result)

    def of(self, status: Status) -> list[FileResult]:
        return [f for f in self.files if f.status == status]

    @property
    def near_duplicates(self) -> list[FileResult]:
        return [f for f in self.of("saved") if f.outcome and f.outcome.same_story]

    def summary(self, titles: dict[str, str | None] | None = None) -> list[str]:
        """The summary's lines: counts, then each refused duplicate with the stored article
        it points to, each near-duplicate with the story it copies, each failure with its
        file and reason. `titles` names stored articles by id."""
        titles = titles or {}

        def named(article_id: str) -> str:
            title = titles.get(article_id)
            return f"{article_id} (“{title}”)" if title else article_id

        lines = [
            f"{len(self.files)} files: {len(self.of('saved'))} saved, "
            f"{len(self.of('duplicate'))} refused as already stored, "
            f"{len(self.near_duplicates)} flagged as the same story as a stored article, "
            f"{len(self.of('failed'))} failed"
            + (f", {len(self.of('extracted'))} extracted (dry run)" if self.of("extracted") else "")
        ]
        for f in self.of("duplicate"):
            assert f.outcome and f.outcome.duplicate_of
            lines.append(f"  already stored: {f.path} is {named(f.outcome.duplicate_of)}")
        for f in self.near_duplicates:
            assert f.outcome and f.outcome.same_story
            story = f.outcome.same_story
            lines.append(
                f"  same story: {f.path} ({f.outcome.article_id}) copies "
                f"{named(story.article_id)}: {story.shared} of {story.compared} sentences "
                "shared; counted as one source"
            )
        lines += [f"  failed: {f.path}: {f.reason}" for f in self.of("failed")]
        return lines

    @property
    def failed(self) -> bool:
        return bool(self.of("failed"))
