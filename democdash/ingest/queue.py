"""An editor's review queue: several files extracted in one go, each kept as a draft in the
store (kind `article`, so a reload or a restart loses nothing) until it is saved or discarded.

`queue_files` reads each file in turn, refuses one already stored (same text or URL) or already
waiting in the queue with a pointer to it, flags a near-duplicate of a stored or queued article
(`democdash.ingest.duplicates`), extracts the rest and keeps each as a draft with what the
queue shows: its file, the candidates' counts and the same-story flag. `waiting` lists the
queue in the order the files came.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from democdash.ingest.candidates import ArticleMeta, Existing, build_article
from democdash.ingest.duplicates import SameStory, StoryIndex, sentence_keys
from democdash.ingest.meta import merged, propose_meta
from democdash.ingest.save import extract
from democdash.text import sha256

if TYPE_CHECKING:
    from democdash.extract import Extractor
    from democdash.store import Store
    from democdash.store.drafts import Draft

DRAFT_KIND = "article"
META_FIELDS = ("title", "outlet", "author", "published", "url", "source_type", "source_file")
#: What is given once for several files applies to each, except what names one article.
PER_ARTICLE = ("title", "url")


@dataclass(frozen=True)
class Queued:
    """What became of one file: `queued` (its draft key), `duplicate` (the stored or queued
    article it repeats) or `failed` (the reason, naming the file)."""

    name: str
    status: Literal["queued", "duplicate", "failed"]
    key: str | None = None
    title: str | None = None
    duplicate_of: str | None = None
    duplicate_title: str | None = None
    duplicate_stored: bool = True
    same_story: SameStory | None = None
    same_story_title: str | None = None
    reason: str | None = None


def waiting(drafts: Sequence[Draft]) -> list[Draft]:
    """An editor's article drafts in queue order: the files in the order they came, then
    articles pasted one at a time, oldest first."""

    def order(draft: Draft) -> tuple[float, float]:
        queued = draft.payload.get("queue") or {}
        return (queued.get("order", float("inf")), draft.updated_at.timestamp())

    return sorted((d for d in drafts if d.kind == DRAFT_KIND), key=order)


def draft_payload(
    text: str, meta: dict[str, Any], title: str, queue: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A new draft: the text, what is known of it, no choice made yet, and its queue entry."""
    payload: dict[str, Any] = {
        "text": text,
        "meta": {k: meta.get(k) for k in META_FIELDS if meta.get(k) is not None},
        "promoted": [],
        "widgets": {},
        "title": title,
    }
    if queue is not None:
        payload["queue"] = queue
    return payload


def queue_files(
    store: Store,
    editor: str,
    files: Sequence[tuple[str, bytes]],
    given: ArticleMeta,
    existing: Existing,
    *,
    extractor: Extractor | None = None,
    max_bytes: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Queued]:
    """Extract each (file name, bytes) in turn into the editor's queue; one bad file does not
    stop the others. `given` is what the form says of the articles (for several files, the
    title and URL are left to each file). `progress(done, total, name)` is called before each
    file and once at the end."""
    from democdash.extract import DocumentError, read_bytes
    from democdash.settings import MAX_UPLOAD_BYTES

    if len(files) > 1:
        given = replace(given, **dict.fromkeys(PER_ARTICLE))
    stored = StoryIndex.from_texts(store.article_texts())
    queued = StoryIndex()
    titles: dict[str, str] = {}
    hashes: dict[str, tuple[str, str]] = {}
    for draft in waiting(store.drafts(editor, kind=DRAFT_KIND)):
        text = draft.payload.get("text") or ""
        queued.add(draft.key, text)
        titles[draft.key] = draft.payload.get("title") or draft.key
        hashes[sha256(text)] = (draft.key, titles[draft.key])
    start = time.time()
    found: list[Queued] = []
    for number, (name, data) in enumerate(files):
        if progress is not None:
            progress(number, len(files), name)
        try:
            text, meta = read_bytes(data, name, max_bytes or MAX_UPLOAD_BYTES)
            file_meta = ArticleMeta(**{k: v for k, v in meta.items() if k in META_FIELDS})
            info = merged(merged(given, replace(file_meta, source_file=name)), propose_meta(text))
            article = build_article(text, info)
        except (DocumentError, ValueError) as exc:
            found.append(Queued(name, "failed", reason=str(exc)))
            continue
        duplicate = store.find_duplicate(article.text_sha256, article.url)
        if duplicate:
            stored_article = store.get("articles", duplicate)
            title = getattr(stored_article, "title", None)
            found.append(Queued(name, "duplicate", duplicate_of=duplicate, duplicate_title=title))
            continue
        if article.text_sha256 in hashes:
            key, title = hashes[article.text_sha256]
            found.append(
                Queued(
                    name,
                    "duplicate",
                    duplicate_of=key,
                    duplicate_title=title,
                    duplicate_stored=False,
                )
            )
            continue
        try:
            candidates = extract(text, info, existing, extractor=extractor)
        except ValueError as exc:
            found.append(Queued(name, "failed", reason=f"{name}: {exc}"))
            continue
        keys = sentence_keys(text)
        copied = stored.find(keys)
        copied_title = None
        in_queue = False
        if copied is not None:
            copied_title = getattr(store.get("articles", copied.article_id), "title", None)
        else:
            copied = queued.find(keys)
            in_queue = copied is not None
            copied_title = titles.get(copied.article_id) if copied else None
        title = article.title or article.outlet or name
        entry: dict[str, Any] = {
            "order": start + number / 1000,
            "file": name,
            "events": len(candidates.events),
            "options": len(candidates.options),
            "text_sha256": article.text_sha256,
        }
        if copied is not None:
            entry["same_story"] = {
                "article_id": copied.article_id,
                "title": copied_title,
                "shared": copied.shared,
                "compared": copied.compared,
                "queued": in_queue,
            }
        meta_out = {**{k: getattr(info, k) for k in META_FIELDS}, "source_file": name}
        try:
            store.save_draft(
                editor, article.id, DRAFT_KIND, draft_payload(text, meta_out, title, entry)
            )
        except ValueError as exc:  # a draft over its size limit, named
            found.append(Queued(name, "failed", reason=f"{name}: {exc}"))
            continue
        queued.add(article.id, keys)
        titles[article.id] = title
        hashes[article.text_sha256] = (article.id, title)
        found.append(
            Queued(
                name,
                "queued",
                key=article.id,
                title=title,
                same_story=copied,
                same_story_title=copied_title,
            )
        )
    if progress is not None:
        progress(len(files), len(files), "")
    return found


def same_story_note(entry: dict[str, Any]) -> str | None:
    """The queue entry's same-story flag in words, or None."""
    copied = (entry or {}).get("same_story")
    if not copied:
        return None
    name = f"“{copied['title']}”" if copied.get("title") else copied["article_id"]
    where = " (waiting in your queue)" if copied.get("queued") else ""
    return (
        f"same story as {name}{where}: {copied['shared']} of {copied['compared']} sentences shared"
    )
