"""Paths and settings in one place, each overridable by an environment variable.

Everything that needs a path (data files, the store, the source texts) asks here, so an
installed copy works outside the source tree and tests can point the app at fixture data.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent

ENV_DATA_DIR = "DEMOCDASH_DATA_DIR"
ENV_DATABASE_URL = "DEMOCDASH_DATABASE_URL"
ENV_READONLY = "DEMOCDASH_READONLY"
ENV_SEEDS_DIR = "DEMOCDASH_SEEDS_DIR"
ENV_HOME = "DEMOCDASH_HOME"
#: `1` on a hosted instance: only signed-in editors may write (see docs/hosting.md).
ENV_HOSTED = "DEMOCDASH_HOSTED"

#: Largest article file the app and the CLI accept, in bytes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def bundled_data_dir() -> Path:
    """The curated data of this copy: the wheel's bundled copy, else the repo's `data/`."""
    packaged = PACKAGE_DIR / "_bundled_data"
    return packaged if packaged.is_dir() else REPO_DIR / "data"


def default_home() -> Path:
    """Where the embedded default store lives (`DEMOCDASH_HOME`, else the XDG data folder)."""
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "democdash"


def default_seeds_dir() -> Path | None:
    """The source article texts, if this machine has them (they are never part of the project)."""
    if os.environ.get(ENV_SEEDS_DIR):
        return Path(os.environ[ENV_SEEDS_DIR]).expanduser()
    candidate = REPO_DIR.parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None


@dataclass(frozen=True)
class Settings:
    """The settings in force: `get_settings()` makes them once per set of environment values,
    so a test that changes the environment gets new ones."""

    data_dir: Path
    database_url: str
    readonly: bool
    seeds_dir: Path | None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    hosted: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


#: The environment variables settings are made from (a change to any of them is seen at once).
_SETTINGS_ENV = (
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    ENV_READONLY,
    ENV_SEEDS_DIR,
    ENV_HOME,
    ENV_HOSTED,
    "XDG_DATA_HOME",
    "HOME",
)


def get_settings() -> Settings:
    """Settings from the environment, with the embedded defaults.

    Made once per set of environment values: a page asks for them dozens of times a rerun,
    and building them checks the file system.
    """
    return _settings_for(tuple(os.environ.get(name) for name in _SETTINGS_ENV))


@functools.lru_cache(maxsize=32)
def _settings_for(_env: tuple[str | None, ...]) -> Settings:
    # `_env` is the cache key only: the values it holds are the ones read below.
    data_dir = Path(os.environ.get(ENV_DATA_DIR) or bundled_data_dir()).expanduser()
    url = os.environ.get(ENV_DATABASE_URL)
    if not url:
        url = f"sqlite:///{default_home() / 'democdash.sqlite'}"
    return Settings(
        data_dir=data_dir,
        database_url=url,
        readonly=_truthy(os.environ.get(ENV_READONLY)),
        seeds_dir=default_seeds_dir(),
        hosted=_truthy(os.environ.get(ENV_HOSTED)),
    )
