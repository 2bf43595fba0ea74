"""Cached access to the store for pages: one store per configuration, frames keyed on revision
and view date.

Domain code stays cache-free; this is the one place the app caches data. Every frame is keyed on
the store's revision, so a write anywhere (app or CLI) shows on the next rerun, and on the view
date in force (`democdash.ui.viewdates`): as of a past date, every frame holds only what was
known by then (`democdash.asof`), and switching back to a date seen before reads nothing again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from democdash import aggregates, auth, boundary_files, naming, viewdate
from democdash.readfile import read_data_file
from democdash.settings import Settings, default_home
from democdash.store import SeedReport, Store, open_store
from democdash.ui import auth as auth_ui
from democdash.ui import heap, per_run, viewdates
from democdash.ui import naming as names_ui
from democdash.ui.snapshot import Snapshot
from democdash.viewdate import ViewDates

T = TypeVar("T")
_log = logging.getLogger(__name__)


#: How often the curated `data/` folder is checked for changes (and reseeded if it changed).
SEED_CHECK_S = 10.0

#: A rerun asks for the store's revision many times; one read per this many seconds is enough
#: (this process's own writes are seen at once, another process's within this time).
REVISION_MAX_AGE = 1.0

#: Snapshots kept per store: the current one and the one before (a session still drawing it).
SNAPSHOTS_KEPT = 2

#: What the store's driver raises when the database cannot be reached (down, restarting, the
#: network gone): the frame says so and reruns until it is back (`democdash.ui.frame`).
STORE_UNAVAILABLE_ERRORS = (sa.exc.OperationalError, sa.exc.InterfaceError)
#: Seconds between two tries while the store is unavailable.
STORE_RETRY_S = 3.0


class _Registry:
    """What this process keeps for the app: one opened store per configuration, when its
    `data/` was last checked, and the snapshots of its latest revisions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stores: dict[tuple, Store] = {}
        self.viewers: dict[tuple, Store] = {}
        self.checked_at: dict[tuple, float] = {}
        self.snapshots: dict[str, OrderedDict[int, Snapshot]] = {}
        #: the last good value of each boundary file, by (data folder, file name)
        self.last_good: dict[tuple[str, str], object] = {}
        #: each boundary file as read, and the compact level made from the world file, by
        #: (data folder, name, the file's signature): the newest `BOUNDARIES_KEPT` (a plain
        #: dict: a page asks for its boundaries several times a run, and a Streamlit cache
        #: hashes its arguments on every call)
        self.boundaries: OrderedDict[tuple[str, str, tuple], Any] = OrderedDict()

    def kept_boundaries(self, key: tuple[str, str, tuple], make: Callable[[], T]) -> T:
        """The boundaries kept under `key`, made by `make` the first time (not under the lock:
        reading a file can take a second; two sessions may both make it, one is kept)."""
        found = self.boundaries.get(key)
        if found is None:
            found = make()
            heap.grew()
            with self.lock:
                self.boundaries[key] = found
                while len(self.boundaries) > BOUNDARIES_KEPT:
                    self.boundaries.popitem(last=False)
        return found

    def opened(self, settings: Settings) -> Store:
        key = (settings.database_url, str(settings.data_dir), settings.readonly)
        opened = self.stores.get(key)
        if opened is None:
            with self.lock:
                opened = self.stores.get(key) or open_store(settings, seed=False)
                self.stores[key] = opened
        now = time.monotonic()
        if now - self.checked_at.get(key, -SEED_CHECK_S) >= SEED_CHECK_S:
            self.checked_at[key] = now
            opened.seed()
        return opened

    def viewer(self, settings: Settings, base: Store) -> Store:
        """A read-only view of `base`, sharing its engine (for visitors)."""
        key = (settings.database_url, str(settings.data_dir), settings.readonly)
        if key not in self.viewers:
            view = Store(dataclasses.replace(base.settings, readonly=True), base.engine)
            view.readonly_message = f"{auth.READ_ONLY_MESSAGE} Nothing was changed."
            self.viewers[key] = view
        return self.viewers[key]

    def snapshot(self, store: Store, revision: int) -> Snapshot:
        with self.lock:
            kept = self.snapshots.setdefault(store.url, OrderedDict())
            if revision not in kept:
                kept[revision] = Snapshot(store, revision)
                heap.grew()
                while len(kept) > SNAPSHOTS_KEPT:
                    kept.popitem(last=False)
            return kept[revision]


# In `st.cache_resource`, so that clearing Streamlit's caches clears this too; a call without
# arguments costs microseconds, where one with arguments hashes them (see `snapshot`).
@st.cache_resource(show_spinner=False)
def _registry() -> _Registry:
    return _Registry()


#: The registry and opened store of the script run in progress (see `one_store_per_run`).
_this_run: ContextVar[tuple[_Registry, Store] | None] = ContextVar(
    "democdash_this_run", default=None
)


@contextmanager
def one_store_per_run() -> Iterator[None]:
    """Within this block (a script run), look the settings, the registry and the opened store
    up once: a page asks for data dozens of times a run, and each lookup reads the settings
    from the environment and goes through a Streamlit cache (together a tenth of a warm
    rerun). The store's revision is still asked each time, so a write shows at once."""
    registry = _registry()
    token = _this_run.set((registry, registry.opened(per_run.settings())))
    try:
        yield
    finally:
        _this_run.reset(token)


def _run_registry() -> _Registry:
    found = _this_run.get()
    return found[0] if found is not None else _registry()


def _opened() -> Store:
    found = _this_run.get()
    return found[1] if found is not None else _registry().opened(per_run.settings())


def store() -> Store:
    """The configured store (migrated; curated data seeded when `data/` changed).

    A session that may not write (a hosted instance's visitor who has not signed in as an
    editor, see `democdash.ui.auth`) gets a read-only view: every write refuses in the store.
    """
    settings = per_run.settings()
    opened = _registry().opened(settings)
    if settings.hosted and not opened.readonly and not auth_ui.can_write():
        return _registry().viewer(settings, opened)
    return opened


def can_write() -> bool:
    """Whether this session may add articles, records or scenarios (see `democdash.ui.auth`)."""
    return auth_ui.can_write()


def can_see_full_texts() -> bool:
    """Whether full article texts may be shown: only to editors of a writable store.

    A hosted read-only view shows quotes, not full texts (the texts are not ours to publish).
    """
    return auth_ui.can_write()


def seed_report() -> SeedReport | None:
    """What the last check of `data/` found (problems keep the stored data in use)."""
    return _opened().last_seed


def snapshot() -> Snapshot:
    """The data at the store's current revision, with what has been derived from it."""
    opened = _opened()
    return _run_registry().snapshot(opened, opened.revision(REVISION_MAX_AGE))


def data_version() -> str:
    """The version of `data/` seeded into the store ("not seeded" before the first seeding)."""
    snap = snapshot()
    return snap.get(("data version",), snap.store.data_version) or "not seeded"


def view() -> ViewDates:
    """The view dates in force (as of, since) for this session."""
    return viewdates.current()


def derived(key: Hashable, build: Callable[[], T]) -> T:
    """A value derived from the current revision's data (a figure, a view model), made once
    per revision, `key`, naming setting and view dates, and shared by every session: it must
    not be mutated.

    `key` names what `build` makes and everything it depends on besides the data, the naming
    setting and the view dates (the selection, the tab...). The naming setting (Burma /
    Myanmar, `democdash.ui.naming`) and the view dates (`as_of`, which sets the data, and
    `since`, which sets what is marked new) are added to the key here, since almost every
    derived value depends on them: callers need not (and should not) put them in `key`
    themselves. The few values that depend on neither are then kept once per setting, a small
    price for one rule.
    """
    return snapshot().get((key, names_ui.preference(), view()), build)


def _known_frame(snap: Snapshot, kind: str, as_of: date | None) -> pd.DataFrame:
    """A kind's frame as of a date, country names unchanged (shared: shallow copies only).

    Countries cite no sources: as of a date that leaves a source out, those a known record
    concerns, without the context paragraph (`democdash.viewdate.known_countries`)."""
    if kind != "countries" or as_of is None:
        return snap.frame(kind, as_of)
    return snap.get(
        ("countries as of", as_of),
        lambda: viewdate.known_countries(
            snap.frame("countries"),
            {k: snap.frame(k, as_of) for k in (*viewdate.KNOWN_KINDS, "articles")},
            snap.frame("articles")["id"],
        ),
    ).copy(deep=False)


def frame(kind: str) -> pd.DataFrame:
    """A kind's frame at the store's current revision as of the view date (a shallow copy of a
    shared frame).

    Country names follow the naming setting (Burma / Myanmar, `democdash.ui.naming`).
    """
    snap = snapshot()
    as_of = view().as_of_end
    if kind != "countries":
        return snap.frame(kind, as_of)
    preference = names_ui.preference()
    return snap.get(
        ("countries named", preference, as_of),
        lambda: naming.rename(_known_frame(snap, "countries", as_of), preference),
    ).copy(deep=False)


def latest_frame(kind: str) -> pd.DataFrame:
    """A kind's frame with everything the store holds, whatever the view date (for saying
    how much a past date leaves out); country names unchanged."""
    return snapshot().frame(kind)


def later_sources(kind: str) -> dict[str, int]:
    """{record id: how many of its sources the as-of date hides} for a kind's records known as
    of the view date (`{}` with no as-of date; see `democdash.viewdate.later_sources`)."""
    if view().as_of is None:
        return {}
    return derived(
        ("later sources", kind),
        lambda: viewdate.later_sources(frame(kind), latest_frame(kind)),
    )


def sources() -> pd.DataFrame:
    """Every source reference at the current revision, as of the view date."""
    return snapshot().sources(view().as_of_end)


def country_figures() -> pd.DataFrame:
    """Per-country counts and latest event for maps and tables (names as set to be shown), as
    of the view date."""
    snap = snapshot()
    preference = names_ui.preference()
    as_of = view().as_of_end

    def build() -> pd.DataFrame:
        figures = snap.get(
            ("country figures", as_of),
            lambda: aggregates.country_figures(
                *(
                    _known_frame(snap, kind, as_of)
                    for kind in ("countries", "events", "options", "sanctions")
                )
            ),
        )
        return naming.rename(figures.copy(deep=False), preference)

    return snap.get(("country figures named", preference, as_of), build).copy(deep=False)


# -- boundary files: the last good copy of each is served while the file in data/ is broken --

#: Folder (under the store's home, `settings.default_home()`) keeping the last good copy of
#: each boundary file, so a file broken while the app was stopped still gives a map at start.
LAST_GOOD_DIRNAME = "last-good-boundaries"


def _parse(name: str, raw: bytes, path: Path) -> object:
    """What a boundary file's bytes become (GeoDataFrame, neighbours, provenance); raises
    `BoundariesError` naming `path`. GeoPandas is imported here, when a map needs it."""
    from democdash import geo

    if name == boundary_files.NEIGHBOURS_FILE:
        return geo.neighbours_from_bytes(raw, path)
    if name == boundary_files.SOURCE_FILE:
        return geo.source_from_bytes(raw, path)
    return geo.boundaries_from_bytes(raw, path)


@dataclasses.dataclass(frozen=True)
class BoundaryFile:
    """What the app uses for one boundary file: `value` (None when no good copy was ever read)
    and, when the file in `data/` could not be used, `problem`, which names it."""

    value: object
    problem: str | None = None


def _signature(path: Path) -> tuple:
    try:
        st_ = os.stat(path)
    except OSError as exc:
        return ("unreadable", exc.errno)
    return (st_.st_mtime_ns, st_.st_size, st_.st_ino)


def _last_good_path(data_dir: str, name: str) -> Path:
    folder = hashlib.sha256(os.path.abspath(data_dir).encode()).hexdigest()[:12]
    return default_home() / LAST_GOOD_DIRNAME / folder / name


def _keep_copy(path: Path, raw: bytes) -> None:
    """Save `raw` as the last good copy at `path` (atomically); a store home that cannot be
    written to only loses the copy, never the page."""
    try:
        if path.is_file() and path.read_bytes() == raw:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_bytes(raw)
        os.replace(partial, path)
    except OSError as exc:
        _log.warning("could not keep a last good copy of %s at %s: %s", path.name, path, exc)


def _from_last_good(data_dir: str, name: str) -> object:
    """The last good value of a boundary file: this process's, else the saved copy's."""
    kept = _registry().last_good.get((data_dir, name))
    if kept is not None:
        return kept
    copy = _last_good_path(data_dir, name)
    found: list = []
    raw = read_data_file(copy, name, found)
    if raw is None:
        return None
    try:
        return _parse(name, raw, copy)
    except boundary_files.BoundariesError:
        return None


#: How many versions of boundaries the registry keeps (files and compact, all data folders).
BOUNDARIES_KEPT = 12


def _boundary_file(data_dir: str, name: str, signature: tuple) -> BoundaryFile:
    """A boundary file read once per signature (modification time, size, inode): a changed
    file is read again."""
    return _run_registry().kept_boundaries(
        (data_dir, name, signature), lambda: _read_boundary_file(data_dir, name)
    )


def _read_boundary_file(data_dir: str, name: str) -> BoundaryFile:
    path = _boundary_path(data_dir, name)
    try:
        raw = boundary_files.read_file(path)
        value = _parse(name, raw, path)
    except boundary_files.BoundariesError as exc:
        kept = _from_last_good(data_dir, name)
        use = (
            "The app uses its last good copy until the file is fixed"
            if kept is not None
            else "No good copy of it was read before, so the app does without it until it is fixed"
        )
        problem = (
            f"Boundary file {boundary_files.label(name)}: {exc.problem}. {use} "
            "(or rebuilt: python scripts/build_boundaries.py)."
        )
        _log.error("%s (%s)", problem, path)
        return BoundaryFile(kept, problem)
    _registry().last_good[(data_dir, name)] = value
    _keep_copy(_last_good_path(data_dir, name), raw)
    return BoundaryFile(value)


def boundary_file(name: str) -> BoundaryFile:
    """A boundary file of the configured data folder (`world.geojson`, `regional.geojson`,
    `neighbours.csv`, `SOURCE.yaml`): read once per version of the file, and when the file
    is broken (truncated, a folder, a symlink loop...) its last good copy, with the problem."""
    data_dir = str(per_run.settings().data_dir)
    return _boundary_file(data_dir, name, _signature(_boundary_path(data_dir, name)))


def _boundary_path(data_dir: str, name: str) -> Path:
    return Path(data_dir) / boundary_files.BOUNDARIES_DIRNAME / name


def _empty_boundaries():
    from democdash import geo

    return geo.boundaries_from_rows([])


def _compact(data_dir: str, signature: tuple):
    """The compact level, made again when the world file changes (`signature` is its)."""
    from democdash import geo

    def make():
        world = boundaries("world")
        return geo.compact(world) if len(world) else world

    return _run_registry().kept_boundaries((data_dir, "compact", signature), make)


def boundaries(level: str = "world"):
    """Boundaries at a level of detail (`world`, `regional`, or `compact`: the world level
    simplified for column-wide maps), loaded once per version of the file (shared: do not
    mutate). A broken file gives its last good copy, or no countries at all: see
    `boundary_problem` for what to tell the reader."""
    if level == "compact":
        data_dir = str(per_run.settings().data_dir)
        world = _boundary_path(data_dir, boundary_files.LEVEL_FILES["world"])
        return _compact(data_dir, _signature(world))
    loaded = boundary_file(boundary_files.LEVEL_FILES[level]).value
    return loaded if loaded is not None else _empty_boundaries()  # type: ignore[return-value]


def boundary_problem(level: str = "world") -> str | None:
    """Why the map at `level` is not drawn from its file in `data/` (the file named), if so."""
    name = boundary_files.LEVEL_FILES["world" if level == "compact" else level]
    return boundary_file(name).problem


def neighbours_of(iso3: str) -> list[str]:
    """Sorted land neighbours of `iso3` from the neighbours file (or its last good copy; none
    when neither can be read: `boundary_file` says why)."""
    table = boundary_file(boundary_files.NEIGHBOURS_FILE).value or {}
    return table.get(iso3.upper(), [])  # type: ignore[attr-defined]


def coverage() -> aggregates.Coverage:
    """How many sources the data rests on and their span, at the current revision and view
    date."""
    snap = snapshot()
    as_of = view().as_of_end
    return snap.get(("coverage", as_of), lambda: aggregates.coverage(snap.frame("articles", as_of)))


def drawn_from_articles() -> pd.DataFrame:
    """Per article: its citation and what was drawn from it, one frame per revision and view
    date (shared: copy it before adding columns)."""
    snap = snapshot()
    as_of = view().as_of_end
    return snap.get(
        ("drawn from articles", as_of),
        lambda: aggregates.drawn_from_articles(snap.frame("articles", as_of), snap.sources(as_of)),
    )


def boundaries_credit() -> str:
    """The boundaries' credit and disclaimer line (from SOURCE.yaml or its last good copy; if
    neither can be read, a line naming the file instead)."""
    from democdash import geo

    loaded = boundary_file(boundary_files.SOURCE_FILE)
    if loaded.value is None:
        return loaded.problem or ""
    return geo.credit_line(loaded.value)  # type: ignore[arg-type]


def signin_store() -> Store:
    """The opened store itself, for sign-in bookkeeping (attempts and editor sessions, which
    are written for visitors too): who is signed in cannot be asked through `store()`, which
    depends on who is signed in."""
    return _opened()
