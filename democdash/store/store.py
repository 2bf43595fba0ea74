"""The store: the one interface pages and the CLI read and write through.

Reads return DataFrames (see `democdash.frames`) or models, optionally as known on a view date
(`democdash.asof`). Writes run in one transaction each, record who made them in the audit log in
that same transaction (`democdash.store.audit`), bump `revision()` so caches can key on it, and
refuse in read-only mode.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError, OperationalError

from democdash import asof, frames
from democdash.datafiles import Dataset, data_version
from democdash.models import KINDS, SOURCED_KINDS, Article, SourceRef, record_key
from democdash.problems import Problem
from democdash.scoring import Scenario
from democdash.settings import Settings, get_settings
from democdash.store import migrate, seeding
from democdash.store.audit import Tx, track_writes
from democdash.store.brief_notes import BriefNotesStore
from democdash.store.drafts import EditorDrafts
from democdash.store.engine import make_engine
from democdash.store.grades import (
    SourceGrades,
    apply_article_grades,
    apply_claim_grades,
    claim_grades_of,
)
from democdash.store.indicators import IndicatorDatasets
from democdash.store.links import RecordLinks, links_of, merge_linked
from democdash.store.notes import EditorNotes
from democdash.store.revert import ChangeReverts
from democdash.store.schema import (
    added_sources,
    article_texts,
    articles,
    audit_log,
    record_aliases,
    record_links,
    records,
    store_state,
)
from democdash.store.schema import scenarios as scenarios_table
from democdash.store.signin import EditorSignIn
from democdash.validate import validate_dir
from democdash.vocab import Origin

T = TypeVar("T")
#: Resolves (kind, id) pairs to the ids the records go by now (`Store._current_ids`).
CurrentIds = Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]
RECORD_KINDS = [k for k in KINDS if k != "articles"]
#: Kinds that several articles may introduce at once (a new country, a new actor): a save that
#: finds one already stored keeps the stored record and cites its own sources on it.
SHARED_KINDS = frozenset({"countries", "actors"})
_RETRIES = 8


def _decode_all(rows: Iterable[Sequence[str]]) -> list[dict[str, Any]]:
    """Each row's JSON payload, decoded in one call: the decoder then makes each key once for
    all payloads (10,000 events held their keys 10,000 times over: 39 MB, now 25 MB)."""
    return json.loads("[" + ",".join(row[0] for row in rows) + "]")


class StoreError(Exception):
    """A store operation that cannot be done; the message says why."""


class ReadOnlyError(StoreError, PermissionError):
    """A write was attempted on a read-only store."""


class ScenarioAccessError(StoreError, PermissionError):
    """A scenario private to another author was asked for."""


class DuplicateArticleError(StoreError):
    """The article (same text or URL) is already stored."""

    def __init__(self, message: str, existing_id: str):
        super().__init__(message)
        self.existing_id = existing_id


@dataclass
class SeedReport:
    """What the last seeding did: `applied` False when `problems` kept the stored data;
    `plan` what it did to analyst records (replaced by curated ones, references updated)."""

    data_version: str
    applied: bool
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    plan: seeding.SeedPlan = field(default_factory=seeding.SeedPlan)


def _now() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _dump(record: BaseModel) -> str:
    return record.model_dump_json(exclude_none=False)


def _stamped(record: T, editor: str) -> T:
    """An analyst record or article with its author set (kept when it already names one)."""
    analyst = getattr(record, "origin", None) == Origin.ANALYST.value
    if analyst and hasattr(record, "added_by") and not record.added_by:  # type: ignore[attr-defined]
        return record.model_copy(update={"added_by": editor})  # type: ignore[attr-defined]
    return record


#: The inserts of an article's save, built once and given their values when run (values
#: put into a statement are coerced anew on every save).
_INSERT_ARTICLE = sa.insert(articles)
_INSERT_TEXT = sa.insert(article_texts)
_INSERT_RECORDS = sa.insert(records)
_INSERT_ADDED_SOURCES = sa.insert(added_sources)
#: An added source's payload as `json.dumps(source, ensure_ascii=False)` writes it, with the
#: encoder made once.
_SOURCE_JSON = json.JSONEncoder(ensure_ascii=False)


def _source_key(source: dict[str, Any]) -> tuple[str, int, str]:
    return source["article"], source["paragraph"], source["quote"]


#: SQLSTATEs the database raises when the transaction should simply be run again:
#: serialization_failure, deadlock_detected, lock_not_available (PostgreSQL).
_RETRY_SQLSTATES = {"40001", "40P01", "55P03"}


def _is_retryable(exc: Exception) -> bool:
    """Whether the database asks for the transaction to be tried again (locked, busy,
    serialization failure, deadlock), on SQLite or PostgreSQL."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    text = str(orig).lower()
    return any(
        word in text for word in ("database is locked", "could not serialize", "deadlock", "busy")
    )


def _record_row(kind: str, record: BaseModel) -> dict[str, Any]:
    country = getattr(record, "country", None) or getattr(record, "target_country", None)
    if kind == "countries":
        country = record.iso3  # type: ignore[attr-defined]
    elif kind == "options":
        country = record.target  # type: ignore[attr-defined]
    return {
        "kind": kind,
        "id": record_key(kind, record),
        "origin": str(record.origin),  # type: ignore[attr-defined]
        "country": country,
        "payload": _dump(record),
        "updated_at": _now(),
    }


def _merge_added(payloads: list[dict[str, Any]], added: dict[str, list[dict[str, Any]]]) -> None:
    """Cite on each payload the sources analysts added to it (each source once)."""
    if not added:
        return
    for payload in payloads:
        extra = added.get(payload["id"])
        if not extra:
            continue
        seen = {_source_key(s) for s in payload.get("sources", [])}
        merged = list(payload.get("sources", []))
        for source in extra:
            if _source_key(source) not in seen:
                seen.add(_source_key(source))
                merged.append(source)
        payload["sources"] = merged


def _duplicate(conn: sa.Connection, text_sha256: str | None, url: str | None) -> str | None:
    """The id of a stored article with the same text hash or URL, if any."""
    if not text_sha256 and not url:
        return None
    query = _DUPLICATE_SELECTS[bool(text_sha256), bool(url)]
    params = {"text_sha256": text_sha256, "url": url}
    return conn.execute(query, params).scalars().first()


def _duplicate_select(by_hash: bool, by_url: bool) -> sa.Select:
    """The id of an article with the text hash and/or URL bound when run."""
    conditions = []
    if by_hash:
        conditions.append(articles.c.text_sha256 == sa.bindparam("text_sha256"))
    if by_url:
        conditions.append(articles.c.url == sa.bindparam("url"))
    return sa.select(articles.c.id).where(sa.or_(*conditions))


#: `_duplicate_select` by what is looked for (hash, URL, or both), built once.
_DUPLICATE_SELECTS = {
    (by_hash, by_url): _duplicate_select(by_hash, by_url)
    for by_hash, by_url in ((True, False), (False, True), (True, True))
}


def _stored_keys(
    conn: sa.Connection, new_records: dict[str, list[BaseModel]]
) -> dict[str, set[str]]:
    """Which of the given records' keys are already stored, by kind: one query for every
    kind, 500 keys at a time."""
    pairs = [(kind, record_key(kind, r)) for kind, items in new_records.items() for r in items]
    found: dict[str, set[str]] = {kind: set() for kind in new_records}
    for chunk in _chunks(pairs):
        query, params = _kinds_and_ids("stored_keys", chunk)
        for kind, key in conn.execute(query, params):
            found[kind].add(key)
    return found


#: The selects `_kinds_and_ids` makes, by name: the columns read, the key column of the
#: (kind, key) pairs looked for, and the article column its rows are limited by, if any.
_KEYED_SELECTS: dict[str, tuple[tuple[sa.Column, ...], sa.Column, sa.Column | None]] = {
    "stored_keys": ((records.c.kind, records.c.id), records.c.id, None),
    "cited": ((records.c.kind, records.c.id, records.c.payload), records.c.id, None),
    # of the articles given as `articles`
    "cited_added": (
        (added_sources.c.kind, added_sources.c.record_id, added_sources.c.payload),
        added_sources.c.record_id,
        added_sources.c.article_id,
    ),
}


def _keyed_select(name: str, kinds: int) -> sa.Select:
    """The select `name` of `_KEYED_SELECTS` for `kinds` kinds, its values bound when run
    (`kind0`, `ids0`, ...), so that no value is coerced into it (`_BUILT_SELECTS`)."""
    columns, key, article = _KEYED_SELECTS[name]
    table = key.table
    where = []
    if article is not None:  # only the rows of the articles given (`articles`)
        where.append(article.in_(sa.bindparam("articles", expanding=True)))
    where.append(
        sa.or_(
            *(
                sa.and_(
                    table.c.kind == sa.bindparam(f"kind{i}"),
                    key.in_(sa.bindparam(f"ids{i}", expanding=True)),
                )
                for i in range(kinds)
            )
        )
    )
    return sa.select(*columns).where(*where)


#: `_keyed_select` for every name and up to one term per record kind: built once, not for
#: every save.
_BUILT_SELECTS = {
    (name, kinds): _keyed_select(name, kinds)
    for name in _KEYED_SELECTS
    for kinds in range(1, len(RECORD_KINDS) + 1)
}


def _kinds_and_ids(name: str, pairs: Iterable[tuple[str, str]]) -> tuple[sa.Select, dict[str, Any]]:
    """The select `name` of `_KEYED_SELECTS` where `kind = ? AND key IN (...)` for each
    kind among the (kind, key) pairs, OR-ed (one statement for all kinds, each term searched
    through the (kind, key) index), and its values."""
    by_kind = sorted(_ids_by_kind(pairs).items())
    params: dict[str, Any] = {}
    for i, (kind, ids) in enumerate(by_kind):
        params[f"kind{i}"] = kind
        params[f"ids{i}"] = sorted(ids)
    query = _BUILT_SELECTS.get((name, len(by_kind)))
    return (_keyed_select(name, len(by_kind)) if query is None else query), params


def _ids_by_kind(keys: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    by_kind: dict[str, set[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, set()).add(key)
    return by_kind


def _chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lookup(
    conn: sa.Connection, value: sa.Column, key: sa.Column, kind: str, ids: set[str]
) -> dict[str, str]:
    """{key: value} of a table keyed by (kind, key), for the given keys (500 at a time)."""
    table = key.table
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(ids)):
        rows = conn.execute(sa.select(key, value).where(table.c.kind == kind, key.in_(chunk)))
        found.update((row[0], row[1]) for row in rows)
    return found


def _already_stored(existing_id: str) -> DuplicateArticleError:
    return DuplicateArticleError(
        f"This article is already stored as {existing_id!r} (same text or URL); nothing was saved.",
        existing_id,
    )


def _refused(conn: sa.Connection, article: Article, exc: IntegrityError) -> StoreError:
    """Why saving `article` broke a constraint: it is a duplicate, or an id is taken."""
    existing = _duplicate(conn, article.text_sha256, article.url)
    if existing:
        return _already_stored(existing)
    return StoreError(f"Could not save the article: an id is already taken ({exc.orig})")


class BatchWriter:
    """Many articles saved in one transaction (`Store.batch_writer`): each in a savepoint
    of its own, audited as `Store.add_article` audits it, so a failing article is undone alone.
    Reads through it (`find_duplicate`, `revision`) see the batch's own saves.

    The revision moves by one for each article saved, as if each were saved alone, in one
    statement when the batch commits (`finish`): no one reads it before then."""

    def __init__(self, store: Store, conn: sa.Connection, editor: str) -> None:
        self.store, self.conn, self.editor = store, conn, editor
        # articles saved in this batch, each a step of the revision written by `finish`
        self.saved = 0
        # former ids and links, {(kind, id): id}, read once: while the batch holds the write
        # lock no one else changes them, and saving articles never does
        self._renamed: dict[tuple[str, str], str] | None = None
        self._linked: dict[tuple[str, str], str] = {}

    def _current_ids(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """`Store._current_ids` from the aliases and links read once for the batch."""
        if self._renamed is None:
            self._renamed = {
                (kind, old): new
                for kind, old, new in self.conn.execute(
                    sa.select(
                        record_aliases.c.kind, record_aliases.c.old_id, record_aliases.c.new_id
                    )
                )
            }
            self._linked = {
                (kind, record_id): same_as
                for kind, record_id, same_as in self.conn.execute(
                    sa.select(record_links.c.kind, record_links.c.record_id, record_links.c.same_as)
                )
            }
        found = {}
        for kind, key in keys:
            now = self._renamed.get((kind, key)) or key
            found[kind, key] = self._linked.get((kind, now)) or now
        return found

    def add_article(
        self,
        article: Article,
        text: str | None = None,
        new_records: dict[str, Iterable[BaseModel]] | None = None,
        added_sources: Iterable[tuple[str, str, SourceRef]] = (),
    ) -> Article:
        """`Store.add_article` inside the batch; on any error nothing of this article stays
        (the batch goes on)."""
        save = self.store._article_save(
            article, text, new_records, added_sources, self.editor, self._current_ids, bump=False
        )
        try:
            with self.conn.begin_nested():
                tx = Tx(self.conn, self.editor)
                saved = save(tx)
                tx.check()
        except IntegrityError as exc:
            raise _refused(self.conn, article, exc) from None
        self.saved += 1
        return saved

    def find_duplicate(self, text_sha256: str | None, url: str | None) -> str | None:
        """The id of an article with the same text or URL, stored or saved in this batch."""
        return _duplicate(self.conn, text_sha256, url)

    def revision(self) -> int:
        """The store's revision, counting this batch's saves."""
        stored = int(self.conn.execute(sa.select(store_state.c.revision)).scalar_one())
        return stored + self.saved

    def finish(self) -> None:
        """Move the revision by the articles saved, before the batch commits."""
        if self.saved:
            self.conn.execute(
                sa.update(store_state).values(revision=store_state.c.revision + self.saved)
            )


class Store(
    EditorSignIn,
    EditorDrafts,
    RecordLinks,
    SourceGrades,
    IndicatorDatasets,
    EditorNotes,
    ChangeReverts,
    BriefNotesStore,
):
    """Access to one database. Create with `open_store()`; cheap to keep for the app's life."""

    def __init__(self, settings: Settings, engine: sa.Engine):
        self._revision_seen: tuple[int, float] | None = None
        # Counts this object's finished writes: a revision read that overlapped one is not
        # remembered (it may have read the value from before the write).
        self._writes_done = 0
        self.settings = settings
        self.engine = engine
        self.last_seed: SeedReport | None = None
        track_writes(engine)

    # -- life cycle -------------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        return self.settings.readonly

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Bring the schema up to date (safe to call on every start)."""
        if not migrate.is_current(self.engine):
            self._with_retries(lambda: migrate.upgrade(self.engine))

    def seed(self, data_dir: Path | None = None, *, force: bool = False) -> SeedReport:
        """Load curated data when `data/` changed: validate first, then swap curated rows.

        On any problem nothing stored is changed and the report lists the problems. Analyst
        work is kept (`democdash.store.seeding`): their records, the sources they added to
        curated records, and their links when curated data arrives for a record of theirs.
        A read-only store is filled once when empty, and never rewritten afterwards.
        """
        data_dir = data_dir or self.settings.data_dir
        version = data_version(data_dir) if data_dir.is_dir() else "missing"
        current = self.data_version()
        if not force and version == current:
            self.last_seed = SeedReport(version, applied=False)
            return self.last_seed
        if self.readonly and current is not None:
            if force:
                raise ReadOnlyError(
                    f"{self.readonly_message} (A forced reseed rewrites curated data; seed "
                    "without DEMOCDASH_READONLY.)"
                )
            self.last_seed = SeedReport(
                version,
                applied=False,
                problems=[
                    Problem(
                        str(data_dir),
                        f"this store is read-only: it keeps data version {current}; data/ is "
                        f"at {version} and is not reloaded (seed it without DEMOCDASH_READONLY)",
                    )
                ],
            )
            return self.last_seed
        result = validate_dir(data_dir)
        if result.problems:
            self.last_seed = SeedReport(version, applied=False, problems=result.problems)
            return self.last_seed
        dataset = result.dataset

        def replace(tx: Tx) -> seeding.SeedPlan | None:
            before = tx.execute(sa.select(store_state.c.data_version)).scalar_one_or_none()
            if not force and before == version:
                return None
            if self.readonly and before is not None:
                return None
            done = seeding.apply(tx, dataset, _record_row, _dump)
            tx.execute(sa.update(store_state).values(data_version=version, seeded_at=_now()))
            tx.audit(
                "seed",
                "dataset",
                version,
                before={"data_version": before},
                after={"data_version": version, "counts": dataset.counts()},
            )
            self._bump(tx)
            return done

        done = self._write(replace, by=seeding.SEED_EDITOR, maintenance=True)
        self.last_seed = SeedReport(
            version,
            applied=done is not None,
            counts=dataset.counts(),
            plan=done or seeding.SeedPlan(),
        )
        return self.last_seed

    def seed_plan(self, dataset: Dataset) -> seeding.SeedPlan:
        """What seeding `dataset` would do to the analyst records stored now (nothing written)."""
        with self._read() as conn:
            return seeding.plan(conn, dataset)

    # -- transactions -----------------------------------------------------------------------

    def _with_retries(self, fn: Callable[[], T]) -> T:
        for attempt in range(_RETRIES):
            try:
                return fn()
            except OperationalError as exc:
                if not _is_retryable(exc) or attempt == _RETRIES - 1:
                    raise
            except sa.exc.DBAPIError as exc:
                if not _is_retryable(exc) or attempt == _RETRIES - 1:
                    raise
            time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    #: What a refused write says; the app's read-only view for visitors says "sign in" instead.
    readonly_message = (
        "This democdash store is read-only (DEMOCDASH_READONLY=1 or the hosted "
        "read-only setting): nothing was changed."
    )

    def editor(self, by: str | None = None) -> str:
        """Who a write is recorded as: `by` (the signed-in editor), else the local editor."""
        return (by or "").strip() or self.settings.local_editor

    def _write(
        self, fn: Callable[[Tx], T], *, by: str | None = None, maintenance: bool = False
    ) -> T:
        """Run `fn` in one write transaction (a store-wide write lock, retried when the
        database asks); refused on a read-only store unless it is `maintenance`. `fn` must
        audit what it changes (`Tx.audit`), or nothing commits."""
        if self.readonly and not maintenance:
            raise ReadOnlyError(self.readonly_message)
        editor = self.editor(by)

        def attempt() -> T:
            with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
                tx = Tx(conn, editor)
                result = fn(tx)
                tx.check()
                return result

        try:
            return self._with_retries(attempt)
        finally:
            self._writes_done += 1
            self._revision_seen = None

    @staticmethod
    def _row_from_payload(kind: str, payload: str) -> dict[str, Any]:
        """A records row for a stored payload (as the audit trail kept it)."""
        return _record_row(kind, KINDS[kind].model_validate_json(payload))

    @staticmethod
    def _bump(tx: Tx) -> None:
        tx.execute(sa.update(store_state).values(revision=store_state.c.revision + 1))

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- reads ------------------------------------------------------------------------------

    def revision(self, max_age: float = 0.0) -> int:
        """A number that changes with every committed write (for cache keys).

        With `max_age`, a value read at most that many seconds ago may be returned: a page asks
        for the revision many times in one rerun. Writes through this object forget the value
        at once; writes from other processes show within `max_age`.
        """
        now = time.monotonic()
        if max_age > 0 and self._revision_seen is not None:
            value, at = self._revision_seen
            if now - at <= max_age:
                return value
        writes_before = self._writes_done
        with self._read() as conn:
            value = int(conn.execute(sa.select(store_state.c.revision)).scalar_one())
        if self._writes_done == writes_before:
            self._revision_seen = (value, now)
        return value

    def data_version(self) -> str | None:
        """The version of `data/` last seeded into this store."""
        with self._read() as conn:
            return conn.execute(sa.select(store_state.c.data_version)).scalar_one_or_none()

    def published_by(self) -> dict[str, date | None]:
        """Each article's publication date at its latest bound (None: undated)."""
        return asof.published_by(self._raw_payloads("articles"))

    def _raw_payloads(self, kind: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            if kind == "articles":
                rows = conn.execute(sa.select(articles.c.payload).order_by(articles.c.id))
                return apply_article_grades(_decode_all(rows), conn)
            rows = conn.execute(
                sa.select(records.c.payload).where(records.c.kind == kind).order_by(records.c.id)
            )
            payloads = _decode_all(rows)
            if kind in SOURCED_KINDS:
                _merge_added(payloads, self._added_sources(conn, kind))
                apply_claim_grades(payloads, claim_grades_of(conn, kind))
                payloads = merge_linked(payloads, links_of(conn, kind))
        return payloads

    @staticmethod
    def _added_sources(conn: sa.Connection, kind: str) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        rows = conn.execute(
            sa.select(added_sources.c.record_id, added_sources.c.payload)
            .where(added_sources.c.kind == kind)
            .order_by(added_sources.c.id)
        )
        for record_id, raw in rows:
            found.setdefault(record_id, []).append(json.loads(raw))
        return found

    def payloads(self, kind: str, as_of: str | date | None = None) -> list[dict[str, Any]]:
        """Every record of a kind as a JSON-ready dict, with the sources analysts added.

        With `as_of` (a date, or "YYYY", "YYYY-MM", "YYYY-MM-DD"), only what was known by the
        end of that period: records with a source published by then, and of each only those
        sources, positions and status entries (`democdash.asof`).
        """
        payloads = self._raw_payloads(kind)
        if as_of is None:
            return payloads
        view_end = asof.period_end(as_of)
        published = self.published_by()
        if kind == "articles":
            return [p for p in payloads if asof.article_known(p["id"], published, view_end)]
        if kind not in SOURCED_KINDS:
            return payloads
        known = (asof.as_known(p, published, view_end) for p in payloads)
        return [p for p in known if p is not None]

    def frame(self, kind: str, as_of: str | date | None = None) -> pd.DataFrame:
        """One kind's records as a DataFrame (columns documented in `democdash.frames`)."""
        grades = self.source_grades() if kind == "articles" else ()
        articles = None
        if kind in SOURCED_KINDS:
            articles = {a["id"]: a for a in self._raw_payloads("articles")}
        return frames.frame(kind, self.payloads(kind, as_of), grades, articles)

    def articles(self) -> pd.DataFrame:
        return self.frame("articles")

    def countries(self) -> pd.DataFrame:
        return self.frame("countries")

    def actors(self) -> pd.DataFrame:
        return self.frame("actors")

    def events(self) -> pd.DataFrame:
        return self.frame("events")

    def options(self) -> pd.DataFrame:
        return self.frame("options")

    def sanctions(self) -> pd.DataFrame:
        return self.frame("sanctions")

    def risks(self) -> pd.DataFrame:
        return self.frame("risks")

    def sources(self, as_of: str | date | None = None) -> pd.DataFrame:
        """Every source reference of every record: kind, record_id, article, paragraph, quote.
        One kind's payloads at a time: holding every kind's at once was most of a server's
        peak memory at scale."""
        items = ((kind, p) for kind in SOURCED_KINDS for p in self.payloads(kind, as_of))
        return frames.sources_frame(items)

    def boundaries(self, level: str = "world"):
        """Country boundaries (GeoDataFrame, EPSG:4326) at `world` or `regional` detail."""
        from democdash import geo  # geopandas is heavy: imported only when a map is drawn

        return geo.load_boundaries(level, self.settings.data_dir)  # type: ignore[arg-type]

    def records(self, kind: str) -> list[BaseModel]:
        """Every record of a kind as its model."""
        model = KINDS[kind]
        return [model.model_validate(p) for p in self.payloads(kind)]

    def resolve_id(self, kind: str, key: str) -> str:
        """The current id of a record that may have been renamed (its former id works)."""
        with self._read() as conn:
            return self._current_id(conn, kind, key)

    @staticmethod
    def _current_id(conn: sa.Connection, kind: str, key: str) -> str:
        """The id a record goes by now: a former id leads to the renamed record, a record
        linked as the same as another to that one."""
        found = conn.execute(
            sa.select(record_aliases.c.new_id).where(
                record_aliases.c.kind == kind, record_aliases.c.old_id == key
            )
        ).scalar_one_or_none()
        key = found or key
        kept = conn.execute(
            sa.select(record_links.c.same_as).where(
                record_links.c.kind == kind, record_links.c.record_id == key
            )
        ).scalar_one_or_none()
        return kept or key

    def get(self, kind: str, key: str) -> BaseModel | None:
        """One record by id (iso3 for countries; a former id works too), or None."""
        with self._read() as conn:
            if kind == "articles":
                query = sa.select(articles.c.payload).where(articles.c.id == key)
            else:
                key = self._current_id(conn, kind, key)
                query = sa.select(records.c.payload).where(
                    records.c.kind == kind, records.c.id == key
                )
            row = conn.execute(query).first()
            if row is None:
                return None
            payload = json.loads(row[0])
            if kind in SOURCED_KINDS:
                links = {r: s for r, s in links_of(conn, kind).items() if s == key}
                linked = [
                    json.loads(r[0])
                    for r in conn.execute(
                        sa.select(records.c.payload).where(
                            records.c.kind == kind, records.c.id.in_(list(links))
                        )
                    )
                ]
                together = [payload, *linked]
                _merge_added(together, self._added_sources(conn, kind))
                apply_claim_grades(together, claim_grades_of(conn, kind))
                payload = merge_linked(together, links)[0]
        return KINDS[kind].model_validate(payload)

    def article_text(self, article_id: str) -> str | None:
        """The full text of an ingested article (curated articles' texts are not stored)."""
        with self._read() as conn:
            return conn.execute(
                sa.select(article_texts.c.text).where(article_texts.c.article_id == article_id)
            ).scalar_one_or_none()

    def article_texts(self) -> Iterator[tuple[str, str]]:
        """(article id, text) of every stored text (the analysts' articles), one at a time."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(article_texts.c.article_id, article_texts.c.text).order_by(
                    article_texts.c.article_id
                )
            )
            yield from ((r[0], r[1]) for r in rows)

    def find_duplicate(self, text_sha256: str | None, url: str | None) -> str | None:
        """The id of a stored article with the same text or URL, if any."""
        with self._read() as conn:
            return _duplicate(conn, text_sha256, url)

    def counts(self) -> dict[str, int]:
        """How many records of each kind are stored."""
        with self._read() as conn:
            by_kind = dict(
                conn.execute(
                    sa.select(records.c.kind, sa.func.count()).group_by(records.c.kind)
                ).all()
            )
            n_articles = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar()
        return {"articles": int(n_articles or 0)} | {
            k: int(by_kind.get(k, 0)) for k in RECORD_KINDS
        }

    def audit_mark(self) -> int:
        """The newest audit entry's number (0 when none): it changes with every entry, sign-ins
        and drafts included, which `revision()` does not count, so a view of the trail can be
        cached on it."""
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.max(audit_log.c.id))).scalar() or 0)

    def audit_trail(self, kind: str | None = None, record_id: str | None = None) -> pd.DataFrame:
        """The audit log, newest first: at, editor, action, kind, record_id, before, after
        (optionally one kind, or one record)."""
        query = sa.select(
            audit_log.c.id,
            audit_log.c.at,
            audit_log.c.editor,
            audit_log.c.action,
            audit_log.c.kind,
            audit_log.c.record_id,
            audit_log.c.before,
            audit_log.c.after,
        ).order_by(audit_log.c.id.desc())
        if kind is not None:
            query = query.where(audit_log.c.kind == kind)
        if record_id is not None:
            query = query.where(audit_log.c.record_id == record_id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        frame = pd.DataFrame(
            [r._asdict() for r in rows], columns=list(query.selected_columns.keys())
        )
        frame["at"] = frame["at"].map(_as_utc)
        return frame

    # -- writes -----------------------------------------------------------------------------

    def add_article(
        self,
        article: Article,
        text: str | None = None,
        new_records: dict[str, Iterable[BaseModel]] | None = None,
        added_sources: Iterable[tuple[str, str, SourceRef]] = (),
        *,
        by: str | None = None,
    ) -> Article:
        """Save an article with everything drawn from it, all or nothing, in one transaction.

        `added_sources` are (kind, record id, source) for existing records this article also
        supports. A new country or actor that is already stored (another article brought it
        first, maybe a moment ago) is not replaced: this article's sources are cited on the
        stored one instead. Any other id already taken refuses the save. A duplicate (same text
        hash or URL) raises `DuplicateArticleError`. Analyst records and the article carry
        their author (`by`, else the local editor).
        """
        editor = self.editor(by)
        save = self._article_save(article, text, new_records, added_sources, editor)
        try:
            return self._write(save, by=editor)
        except IntegrityError as exc:
            with self._read() as conn:
                raise _refused(conn, article, exc) from None

    @contextmanager
    def batch_writer(self, *, by: str | None = None) -> Iterator[BatchWriter]:
        """One write transaction for many `add_article` saves (`BatchWriter`), committed when
        the block ends without an exception (rolled back, with every save in it, otherwise).

        It holds the store-wide write lock until then, so keep a batch short (a few dozen
        articles, a second or so): other writers wait for it. Each save runs in a savepoint
        and is audited as `add_article` audits it: one that fails is undone alone and the
        others stand."""
        if self.readonly:
            raise ReadOnlyError(self.readonly_message)
        editor = self.editor(by)

        def begin() -> sa.Connection:
            conn = self.engine.connect().execution_options(immediate=True)
            try:
                conn.begin()
            except BaseException:
                conn.close()
                raise
            return conn

        conn = self._with_retries(begin)
        try:
            writer = BatchWriter(self, conn, editor)
            yield writer
            writer.finish()
            conn.commit()
        finally:
            conn.close()  # rolls the batch back when it did not commit
            self._writes_done += 1
            self._revision_seen = None

    def _article_save(
        self,
        article: Article,
        text: str | None,
        new_records: dict[str, Iterable[BaseModel]] | None,
        added_sources: Iterable[tuple[str, str, SourceRef]],
        editor: str,
        current_ids: CurrentIds | None = None,
        *,
        bump: bool = True,
    ) -> Callable[[Tx], Article]:
        """The write of `add_article`, to run in a transaction or a savepoint; `current_ids`
        resolves the cited records' current ids (read from the store when None); without
        `bump` the caller moves the revision (`BatchWriter.finish`)."""
        article = _stamped(article, editor)
        new_records = {k: [_stamped(r, editor) for r in v] for k, v in (new_records or {}).items()}
        added = list(added_sources)
        if text is not None:
            # NUL is never part of an article, and PostgreSQL text cannot hold it: drop it on
            # every backend alike (the hash still identifies the file as it was uploaded).
            text = text.replace("\x00", "")

        def save(tx: Tx) -> Article:
            # a duplicate (same text hash or URL) breaks the unique constraints of `articles`
            # at this first insert, and the IntegrityError becomes `DuplicateArticleError`
            # (`_refused`): the database refuses it under every writer's lock, no read first
            payload = _dump(article)
            tx.execute(
                _INSERT_ARTICLE,
                {
                    "id": article.id,
                    "origin": str(article.origin),
                    "text_sha256": article.text_sha256,
                    "url": article.url,
                    "payload": payload,
                    "created_at": _now(),
                },
            )
            if text is not None:
                tx.execute(_INSERT_TEXT, {"article_id": article.id, "text": text})
            stored = _stored_keys(tx.conn, new_records)
            # every audit row of the save (the article, its records, the sources it adds to
            # stored records), in that order, written in one statement at the end
            rows: list[dict[str, Any]] = []
            changes: list[tuple[str, str, str, Any, Any]] = [
                ("insert", "articles", article.id, None, payload)
            ]
            cite_instead = list(added)
            for kind, items in new_records.items():
                for record in items:
                    key = record_key(kind, record)
                    if key not in stored.get(kind, set()):
                        rows.append(_record_row(kind, record))
                        changes.append(("insert", kind, key, None, rows[-1]["payload"]))
                    elif kind in SHARED_KINDS:
                        cite_instead += [(kind, key, s) for s in getattr(record, "sources", [])]
                    else:
                        raise StoreError(
                            f"Could not save the article: the {kind} id {key!r} is already "
                            "taken by a stored record; nothing was saved."
                        )
            for start in range(0, len(rows), 500):  # one statement per 500 rows, not per row
                tx.execute(_INSERT_RECORDS, rows[start : start + 500])
            self._add_sources(tx, cite_instead, current_ids, changes)
            tx.audit_many(changes)
            if bump:
                self._bump(tx)
            return article

        return save

    def _add_sources(
        self,
        tx: Tx,
        items: Iterable[tuple[str, str, SourceRef]],
        current_ids: CurrentIds | None = None,
        changes: list[tuple[str, str, str, Any, Any]] | None = None,
    ) -> int:
        """Cite each (kind, record id, source) on its stored record, kept apart from the
        record's row; a source already cited is skipped. Reads the records' current ids and
        citations in a few queries, whatever the number of kinds, records and sources, and
        writes them all in one statement. Returns how many were added. Their audit rows are
        written here, or appended to `changes` for the caller to write."""
        named: dict[tuple[str, str], list[SourceRef]] = {}
        for kind, record_id, source in items:
            named.setdefault((kind, record_id), []).append(source)
        current = (current_ids or partial(self._current_ids, tx.conn))(list(named))
        by_record: dict[tuple[str, str], list[SourceRef]] = {}
        for (kind, record_id), sources in named.items():
            by_record.setdefault((kind, current[kind, record_id]), []).extend(sources)
        articles = {s.article for sources in by_record.values() for s in sources}
        cited_by_record = self._cited_many(tx, list(by_record), articles)
        rows, audited, now = [], [], _now()
        for (kind, record_id), sources in by_record.items():
            cited = cited_by_record[kind, record_id]
            for source in sources:
                plain = source.model_dump(mode="json")
                if _source_key(plain) in cited:
                    continue
                cited.add(_source_key(plain))
                rows.append(
                    {
                        "kind": kind,
                        "record_id": record_id,
                        "article_id": source.article,
                        "payload": _SOURCE_JSON.encode(plain),
                        "added_by": tx.editor,
                        "added_at": now,
                    }
                )
                audited.append(("add_source", kind, record_id, None, plain))
        if rows:
            tx.execute(_INSERT_ADDED_SOURCES, rows)
            if changes is None:
                tx.audit_many(audited)
            else:
                changes += audited
        return len(rows)

    @staticmethod
    def _current_ids(
        conn: sa.Connection, keys: list[tuple[str, str]]
    ) -> dict[tuple[str, str], str]:
        """`_current_id` of many (kind, key) pairs, two queries per kind and 500 keys."""
        found: dict[tuple[str, str], str] = {}
        for kind, ids in _ids_by_kind(keys).items():
            renamed = _lookup(conn, record_aliases.c.new_id, record_aliases.c.old_id, kind, ids)
            now = {key: renamed.get(key) or key for key in ids}
            kept = _lookup(
                conn, record_links.c.same_as, record_links.c.record_id, kind, set(now.values())
            )
            found.update(((kind, key), kept.get(new) or new) for key, new in now.items())
        return found

    @staticmethod
    def _cited_many(
        tx: Tx, keys: list[tuple[str, str]], articles: set[str]
    ) -> dict[tuple[str, str], set[tuple[str, int, str]]]:
        """The sources each stored (kind, record id) cites (its own, and the added ones of
        the given `articles`: only those can equal the sources about to be added, and a
        much-cited record's other added sources need not be read), two queries for every kind
        and 500 ids; `StoreError` for the first record that is not stored."""
        cited: dict[tuple[str, str], set[tuple[str, int, str]]] = {}
        pairs = sorted(set(keys))
        # a payload that does not hold an article's id (as JSON writes it) cites none of
        # its sources: most do not, and need not be parsed
        needles = [json.dumps(a, ensure_ascii=False)[1:-1] for a in articles]
        for chunk in _chunks(pairs):
            for kind, record_id, payload in tx.execute(*_kinds_and_ids("cited", chunk)):
                if not any(needle in payload for needle in needles):
                    cited[kind, record_id] = set()
                    continue
                sources = json.loads(payload).get("sources", [])
                cited[kind, record_id] = {
                    _source_key(s) for s in sources if s.get("article") in articles
                }
        missing = next((key for key in keys if key not in cited), None)
        if missing is not None:
            raise StoreError(f"No {missing[0]} record {missing[1]!r} to add a source to.")
        for chunk in _chunks(pairs):
            # found through the article's index (migration 0011): a record cited by every
            # article would otherwise have all its added sources read each time
            query, params = _kinds_and_ids("cited_added", chunk)
            for kind, record_id, raw in tx.execute(query, {**params, "articles": sorted(articles)}):
                cited[kind, record_id].add(_source_key(json.loads(raw)))
        return cited

    def save_record(self, kind: str, record: BaseModel, *, by: str | None = None) -> None:
        """Insert or replace one analyst record (its author is recorded)."""
        if kind not in RECORD_KINDS:
            raise StoreError(f"unknown kind {kind!r}")
        editor = self.editor(by)
        record = _stamped(record, editor)
        row = _record_row(kind, record)

        def save(tx: Tx) -> None:
            where = (records.c.kind == kind) & (records.c.id == row["id"])
            before = tx.execute(sa.select(records.c.payload, records.c.origin).where(where)).first()
            if before is not None and before[1] != Origin.ANALYST.value:
                raise StoreError("Curated records change only through data/ and validation.")
            tx.execute(sa.delete(records).where(where))
            tx.execute(sa.insert(records).values(**row))
            tx.audit(
                "update" if before else "insert",
                kind,
                row["id"],
                before=before[0] if before else None,
                after=row["payload"],
            )
            self._bump(tx)

        self._write(save, by=editor)

    def add_source(
        self, kind: str, record_id: str, source: SourceRef, *, by: str | None = None
    ) -> None:
        """Cite one more source for a stored record (curated or not); kept across reseeds."""

        def save(tx: Tx) -> None:
            if self._add_sources(tx, [(kind, record_id, source)]):
                self._bump(tx)

        self._write(save, by=by)

    def delete_record(self, kind: str, record_id: str, *, by: str | None = None) -> None:
        """Delete an analyst record (curated records change only through `data/`)."""

        def delete(tx: Tx) -> None:
            where = (records.c.kind == kind) & (records.c.id == record_id)
            row = tx.execute(sa.select(records.c.origin, records.c.payload).where(where)).first()
            if row is None:
                raise StoreError(f"No {kind} record {record_id!r}.")
            if row[0] != Origin.ANALYST.value:
                raise StoreError("Curated records change only through data/ and validation.")
            tx.execute(sa.delete(records).where(where))
            tx.audit("delete", kind, record_id, before=row[1])
            self._bump(tx)

        self._write(delete, by=by)

    # == scoring scenarios (issue 6) ===========================================================
    # Named sets of criteria, weights and scores (`democdash.scoring.Scenario`), keyed by
    # (author, name). Private to their author unless `shared`. The "viewer" is who is reading:
    # the signed-in editor (or the local editor on a local run), never a name typed on a page
    # (`democdash.ui.auth.current_editor()`); None, a visitor, sees shared scenarios only.
    # Every write goes through `_write` (refused when read-only) and bumps `revision()`.

    def save_scenario(self, scenario: Scenario, *, by: str | None = None) -> Scenario:
        """Insert or replace a scenario (same author and name); keeps its creation time."""

        def save(tx: Tx) -> Scenario:
            table = scenarios_table
            where = (table.c.author == scenario.author) & (table.c.name == scenario.name)
            existing = tx.execute(sa.select(table.c.payload).where(where)).first()
            now = _now()
            created = (
                Scenario.model_validate_json(existing[0]).created if existing else scenario.created
            )
            saved = scenario.model_copy(update={"created": created, "updated": now})
            values = {
                "name": saved.name,
                "author": saved.author,
                "shared": saved.shared,
                "payload": saved.model_dump_json(),
                "updated_at": now,
            }
            if existing:
                tx.execute(sa.update(table).where(where).values(**values))
            else:
                tx.execute(sa.insert(table).values(created_at=created, **values))
            tx.audit(
                "update" if existing else "insert",
                "scenarios",
                f"{saved.author}/{saved.name}",
                before=existing[0] if existing else None,
                after=values["payload"],
            )
            self._bump(tx)
            return saved

        return self._write(save, by=by)

    def scenarios(self, viewer: str | None) -> list[Scenario]:
        """The scenarios `viewer` may open: their own and every shared one (author, name);
        for no viewer (a visitor), the shared ones only."""
        table = scenarios_table
        visible = table.c.shared.is_(True)
        if viewer:
            visible = visible | (table.c.author == viewer)
        with self._read() as conn:
            rows = conn.execute(
                sa.select(table.c.payload).where(visible).order_by(table.c.author, table.c.name)
            )
            return [Scenario.model_validate_json(r[0]) for r in rows]

    def get_scenario(self, name: str, author: str, viewer: str | None) -> Scenario | None:
        """One scenario, or None if there is none; `ScenarioAccessError` when it is private
        to an author other than `viewer`."""
        table = scenarios_table
        with self._read() as conn:
            row = conn.execute(
                sa.select(table.c.payload, table.c.shared).where(
                    (table.c.author == author) & (table.c.name == name)
                )
            ).first()
        if row is None:
            return None
        if not row[1] and viewer != author:
            raise ScenarioAccessError(
                f"The scenario {name!r} is private to {author!r}: only its author can open it."
            )
        return Scenario.model_validate_json(row[0])

    def delete_scenario(self, name: str, author: str, viewer: str | None) -> None:
        """Delete a scenario; only its author may (`ScenarioAccessError` otherwise)."""
        if not viewer or viewer != author:
            raise ScenarioAccessError("Only a scenario's author can delete it.")

        def delete(tx: Tx) -> None:
            table = scenarios_table
            where = (table.c.author == author) & (table.c.name == name)
            before = tx.execute(sa.select(table.c.payload).where(where)).scalar()
            if before is None:
                raise StoreError(f"No scenario {name!r} by {author!r}.")
            tx.execute(sa.delete(table).where(where))
            tx.audit("delete", "scenarios", f"{author}/{name}", before=before)
            self._bump(tx)

        self._write(delete, by=viewer)

    # == end of scoring scenarios ==============================================================


def open_store(settings: Settings | None = None, *, seed: bool = True) -> Store:
    """Open the configured store: migrate its schema and (by default) seed curated data."""
    settings = settings or get_settings()
    store = Store(settings, make_engine(settings.database_url))
    store.migrate()
    if seed:
        store.seed()
    return store
