"""The store: the one interface pages and the CLI read and write through.

Reads return DataFrames (see `democdash.frames`) or models; writes run in one transaction each,
bump `revision()` so caches can key on it, and refuse in read-only mode.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError, OperationalError

from democdash import frames
from democdash.datafiles import Dataset, data_version
from democdash.models import KINDS, SOURCED_KINDS, Article, SourceRef, record_key
from democdash.problems import Problem
from democdash.scoring import Scenario
from democdash.settings import Settings, get_settings
from democdash.store import migrate
from democdash.store.engine import make_engine
from democdash.store.schema import article_texts, articles, records, store_state
from democdash.store.schema import scenarios as scenarios_table
from democdash.store.signin import EditorSignIn
from democdash.validate import validate_dir
from democdash.vocab import Origin

T = TypeVar("T")
RECORD_KINDS = [k for k in KINDS if k != "articles"]
_RETRIES = 8


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
    """What the last seeding did: `applied` False when `problems` kept the stored data."""

    data_version: str
    applied: bool
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _now() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _dump(record: BaseModel) -> str:
    return record.model_dump_json(exclude_none=False)


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


class Store(EditorSignIn):
    """Access to one database. Create with `open_store()`; cheap to keep for the app's life."""

    def __init__(self, settings: Settings, engine: sa.Engine):
        self._revision_seen: tuple[int, float] | None = None
        self.settings = settings
        self.engine = engine
        self.last_seed: SeedReport | None = None

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
        records (origin `analyst`) are never touched. Seeding is maintenance of the bundled
        data, so it also runs on a read-only store.
        """
        data_dir = data_dir or self.settings.data_dir
        version = data_version(data_dir) if data_dir.is_dir() else "missing"
        if not force and version == self.data_version():
            self.last_seed = SeedReport(version, applied=False)
            return self.last_seed
        result = validate_dir(data_dir)
        if result.problems:
            self.last_seed = SeedReport(version, applied=False, problems=result.problems)
            return self.last_seed
        dataset = result.dataset

        def replace(conn: sa.Connection) -> None:
            current = conn.execute(sa.select(store_state.c.data_version)).scalar_one_or_none()
            if not force and current == version:
                return
            conn.execute(sa.delete(records).where(records.c.origin == Origin.CURATED.value))
            conn.execute(sa.delete(articles).where(articles.c.origin == Origin.CURATED.value))
            self._insert_dataset(conn, dataset)
            conn.execute(sa.update(store_state).values(data_version=version, seeded_at=_now()))
            self._bump(conn)

        self._write(replace, maintenance=True)
        self.last_seed = SeedReport(version, applied=True, counts=dataset.counts())
        return self.last_seed

    def _insert_dataset(self, conn: sa.Connection, dataset: Dataset) -> None:
        now = _now()
        article_rows = [
            {
                "id": a.id,
                "origin": str(a.origin),
                "text_sha256": a.text_sha256,
                "url": a.url,
                "payload": _dump(a),
                "created_at": now,
            }
            for a in dataset.articles
        ]
        if article_rows:
            conn.execute(sa.insert(articles), article_rows)
        rows = [_record_row(kind, r) for kind in RECORD_KINDS for r in dataset.records[kind]]
        if rows:
            conn.execute(sa.insert(records), rows)

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

    def _write(self, fn: Callable[[sa.Connection], T], *, maintenance: bool = False) -> T:
        if self.readonly and not maintenance:
            raise ReadOnlyError(self.readonly_message)

        def attempt() -> T:
            with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
                return fn(conn)

        try:
            return self._with_retries(attempt)
        finally:
            self._revision_seen = None

    @staticmethod
    def _bump(conn: sa.Connection) -> None:
        conn.execute(sa.update(store_state).values(revision=store_state.c.revision + 1))

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
        with self._read() as conn:
            value = int(conn.execute(sa.select(store_state.c.revision)).scalar_one())
        self._revision_seen = (value, now)
        return value

    def data_version(self) -> str | None:
        """The version of `data/` last seeded into this store."""
        with self._read() as conn:
            return conn.execute(sa.select(store_state.c.data_version)).scalar_one_or_none()

    def payloads(self, kind: str) -> list[dict[str, Any]]:
        """Every record of a kind as a JSON-ready dict."""
        with self._read() as conn:
            if kind == "articles":
                rows = conn.execute(sa.select(articles.c.payload).order_by(articles.c.id))
            else:
                rows = conn.execute(
                    sa.select(records.c.payload)
                    .where(records.c.kind == kind)
                    .order_by(records.c.id)
                )
            return [json.loads(r[0]) for r in rows]

    def frame(self, kind: str) -> pd.DataFrame:
        """One kind's records as a DataFrame (columns documented in `democdash.frames`)."""
        return frames.frame(kind, self.payloads(kind))

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

    def sources(self) -> pd.DataFrame:
        """Every source reference of every record: kind, record_id, article, paragraph, quote."""
        items = [(kind, p) for kind in SOURCED_KINDS for p in self.payloads(kind)]
        return frames.sources_frame(items)

    def boundaries(self, level: str = "world"):
        """Country boundaries (GeoDataFrame, EPSG:4326) at `world` or `regional` detail."""
        from democdash import geo  # geopandas is heavy: imported only when a map is drawn

        return geo.load_boundaries(level, self.settings.data_dir)  # type: ignore[arg-type]

    def records(self, kind: str) -> list[BaseModel]:
        """Every record of a kind as its model."""
        model = KINDS[kind]
        return [model.model_validate(p) for p in self.payloads(kind)]

    def get(self, kind: str, key: str) -> BaseModel | None:
        """One record by id (iso3 for countries), or None."""
        with self._read() as conn:
            if kind == "articles":
                query = sa.select(articles.c.payload).where(articles.c.id == key)
            else:
                query = sa.select(records.c.payload).where(
                    records.c.kind == kind, records.c.id == key
                )
            row = conn.execute(query).first()
        return KINDS[kind].model_validate_json(row[0]) if row else None

    def article_text(self, article_id: str) -> str | None:
        """The full text of an ingested article (curated articles' texts are not stored)."""
        with self._read() as conn:
            return conn.execute(
                sa.select(article_texts.c.text).where(article_texts.c.article_id == article_id)
            ).scalar_one_or_none()

    def find_duplicate(self, text_sha256: str | None, url: str | None) -> str | None:
        """The id of a stored article with the same text or URL, if any."""
        conditions = []
        if text_sha256:
            conditions.append(articles.c.text_sha256 == text_sha256)
        if url:
            conditions.append(articles.c.url == url)
        if not conditions:
            return None
        with self._read() as conn:
            return conn.execute(
                sa.select(articles.c.id).where(sa.or_(*conditions))
            ).scalar_one_or_none()

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

    # -- writes -----------------------------------------------------------------------------

    def add_article(
        self,
        article: Article,
        text: str | None = None,
        new_records: dict[str, Iterable[BaseModel]] | None = None,
        added_sources: Iterable[tuple[str, str, SourceRef]] = (),
    ) -> Article:
        """Save an article with everything drawn from it, all or nothing, in one transaction.

        `added_sources` are (kind, record id, source) for existing records this article also
        supports. A duplicate (same text hash or URL) raises `DuplicateArticleError`.
        """
        new_records = {k: list(v) for k, v in (new_records or {}).items()}
        added_sources = list(added_sources)
        if text is not None:
            # NUL is never part of an article, and PostgreSQL text cannot hold it: drop it on
            # every backend alike (the hash still identifies the file as it was uploaded).
            text = text.replace("\x00", "")

        def save(conn: sa.Connection) -> Article:
            conditions = []
            if article.text_sha256:
                conditions.append(articles.c.text_sha256 == article.text_sha256)
            if article.url:
                conditions.append(articles.c.url == article.url)
            if conditions:
                existing = conn.execute(
                    sa.select(articles.c.id).where(sa.or_(*conditions))
                ).scalar_one_or_none()
                if existing:
                    raise DuplicateArticleError(
                        f"This article is already stored as {existing!r} (same text or URL); "
                        "nothing was saved.",
                        existing,
                    )
            conn.execute(
                sa.insert(articles).values(
                    id=article.id,
                    origin=str(article.origin),
                    text_sha256=article.text_sha256,
                    url=article.url,
                    payload=_dump(article),
                    created_at=_now(),
                )
            )
            if text is not None:
                conn.execute(sa.insert(article_texts).values(article_id=article.id, text=text))
            rows = [_record_row(kind, r) for kind, items in new_records.items() for r in items]
            if rows:
                conn.execute(sa.insert(records), rows)
            for kind, record_id, source in added_sources:
                self._append_source(conn, kind, record_id, source)
            self._bump(conn)
            return article

        try:
            return self._write(save)
        except IntegrityError as exc:
            existing = self.find_duplicate(article.text_sha256, article.url)
            if existing:
                raise DuplicateArticleError(
                    f"This article is already stored as {existing!r} (same text or URL); "
                    "nothing was saved.",
                    existing,
                ) from None
            raise StoreError(
                f"Could not save the article: an id is already taken ({exc.orig})"
            ) from exc

    @staticmethod
    def _append_source(conn: sa.Connection, kind: str, record_id: str, source: SourceRef):
        row = conn.execute(
            sa.select(records.c.payload).where(records.c.kind == kind, records.c.id == record_id)
        ).first()
        if row is None:
            raise StoreError(f"No {kind} record {record_id!r} to add a source to.")
        payload = json.loads(row[0])
        if source.model_dump() not in payload["sources"]:
            payload["sources"].append(source.model_dump())
        record = KINDS[kind].model_validate(payload)
        conn.execute(
            sa.update(records)
            .where(records.c.kind == kind, records.c.id == record_id)
            .values(payload=_dump(record), updated_at=_now())
        )

    def save_record(self, kind: str, record: BaseModel) -> None:
        """Insert or replace one analyst record."""
        if kind not in RECORD_KINDS:
            raise StoreError(f"unknown kind {kind!r}")
        row = _record_row(kind, record)

        def save(conn: sa.Connection) -> None:
            conn.execute(
                sa.delete(records).where(records.c.kind == kind, records.c.id == row["id"])
            )
            conn.execute(sa.insert(records).values(**row))
            self._bump(conn)

        self._write(save)

    def add_source(self, kind: str, record_id: str, source: SourceRef) -> None:
        """Cite one more source for an existing record."""

        def save(conn: sa.Connection) -> None:
            self._append_source(conn, kind, record_id, source)
            self._bump(conn)

        self._write(save)

    def delete_record(self, kind: str, record_id: str) -> None:
        """Delete an analyst record (curated records change only through `data/`)."""

        def delete(conn: sa.Connection) -> None:
            origin = conn.execute(
                sa.select(records.c.origin).where(records.c.kind == kind, records.c.id == record_id)
            ).scalar_one_or_none()
            if origin is None:
                raise StoreError(f"No {kind} record {record_id!r}.")
            if origin != Origin.ANALYST.value:
                raise StoreError("Curated records change only through data/ and validation.")
            conn.execute(
                sa.delete(records).where(records.c.kind == kind, records.c.id == record_id)
            )
            self._bump(conn)

        self._write(delete)

    # == scoring scenarios (issue 6) ===========================================================
    # Named sets of criteria, weights and scores (`democdash.scoring.Scenario`), keyed by
    # (author, name). Private to their author unless `shared`. The "viewer" is who is reading:
    # the signed-in editor (or the local editor on a local run), never a name typed on a page
    # (`democdash.ui.auth.current_editor()`); None, a visitor, sees shared scenarios only.
    # Every write goes through `_write` (refused when read-only) and bumps `revision()`.

    def save_scenario(self, scenario: Scenario) -> Scenario:
        """Insert or replace a scenario (same author and name); keeps its creation time."""

        def save(conn: sa.Connection) -> Scenario:
            table = scenarios_table
            where = (table.c.author == scenario.author) & (table.c.name == scenario.name)
            existing = conn.execute(sa.select(table.c.payload).where(where)).first()
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
                conn.execute(sa.update(table).where(where).values(**values))
            else:
                conn.execute(sa.insert(table).values(created_at=created, **values))
            self._bump(conn)
            return saved

        return self._write(save)

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

        def delete(conn: sa.Connection) -> None:
            table = scenarios_table
            done = conn.execute(
                sa.delete(table).where((table.c.author == author) & (table.c.name == name))
            )
            if not done.rowcount:
                raise StoreError(f"No scenario {name!r} by {author!r}.")
            self._bump(conn)

        self._write(delete)

    # == end of scoring scenarios ==============================================================


def open_store(settings: Settings | None = None, *, seed: bool = True) -> Store:
    """Open the configured store: migrate its schema and (by default) seed curated data."""
    settings = settings or get_settings()
    store = Store(settings, make_engine(settings.database_url))
    store.migrate()
    if seed:
        store.seed()
    return store
