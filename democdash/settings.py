"""Paths and settings in one place, each overridable by an environment variable.

Everything that needs a path (data files, the store, the source texts) asks here, so an
installed copy works outside the source tree and tests can point the app at fixture data.
"""

from __future__ import annotations

import getpass
import os
import re
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
#: Who writes on a local run (the author of scenarios and records); default `local:<OS user>`.
ENV_EDITOR = "DEMOCDASH_EDITOR"
#: The header a reverse proxy in front sets to the client's address (`X-Forwarded-For` or
#: `X-Real-IP`); unset when no proxy is in front (the header could then be forged).
ENV_PROXY_CLIENT_HEADER = "DEMOCDASH_PROXY_CLIENT_HEADER"

#: Largest article file the app and the CLI accept, in bytes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


# Fixed paths of this copy, made once: the checks below are then one `stat` each.
_PACKAGED_DATA = PACKAGE_DIR / "_bundled_data"
_REPO_DATA = REPO_DIR / "data"
_SHARED_SEEDS = REPO_DIR.parent / "shared" / "seeds"


def bundled_data_dir() -> Path:
    """The curated data of this copy: the wheel's bundled copy, else the repo's `data/`."""
    return _PACKAGED_DATA if os.path.isdir(_PACKAGED_DATA) else _REPO_DATA


def default_home() -> Path:
    """Where the embedded default store lives (`DEMOCDASH_HOME`, else the XDG data folder)."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = (
        os.path.expanduser(xdg) if xdg else os.path.join(os.path.expanduser("~"), ".local", "share")
    )
    return Path(base, "democdash")


def default_seeds_dir() -> Path | None:
    """The source article texts, if this machine has them (they are never part of the project)."""
    seeds = os.environ.get(ENV_SEEDS_DIR)
    if seeds:
        return Path(seeds).expanduser()
    return _SHARED_SEEDS if os.path.isdir(_SHARED_SEEDS) else None


def default_local_editor() -> str:
    """`local:<OS user name>` (as a slug), the editor of a local run without `DEMOCDASH_EDITOR`."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = ""
    slug = re.sub(r"[^a-z0-9._-]+", "-", user.strip().lower()).strip("-._")
    return f"local:{slug or 'editor'}"


def local_editor() -> str:
    """The local run's editor: `DEMOCDASH_EDITOR` as an editor name (a slug or an e-mail,
    lower case; other characters become "-": "Alice Smith" is `alice-smith`), else
    `local:<OS user>`. Never raises: a local run must start whatever the variable holds."""
    configured = (os.environ.get(ENV_EDITOR) or "").strip()
    if not configured:
        return default_local_editor()
    from democdash.auth import MAX_EDITOR_NAME, editor_name  # plain rules, no cycle

    try:
        return editor_name(configured)
    except ValueError:
        slug = re.sub(r"[^a-z0-9._@+-]+", "-", configured.lower()).strip("-._@+")
        return slug[:MAX_EDITOR_NAME] or default_local_editor()


@dataclass(frozen=True)
class Settings:
    """The settings in force, made by `get_settings()` from the environment on every call (so
    a test that changes the environment gets new ones); settings made from the same
    environment compare equal."""

    data_dir: Path
    database_url: str
    readonly: bool
    seeds_dir: Path | None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    hosted: bool = False
    #: Who writes on a local run (not hosted): the author of what this run saves.
    local_editor: str = "local:editor"
    #: The header a proxy in front sets to the client's address (None: no proxy, or not
    #: trusted: the connection's own address is used).
    proxy_client_header: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def get_settings() -> Settings:
    """Settings from the environment, with the embedded defaults.

    Made afresh on every call, without a cache, so a change to the environment is seen at once:
    a call costs a few environment reads and at most two `stat`s (20-25 µs measured), and a page
    asks a dozen or so times a rerun.
    """
    env = os.environ.get
    data_dir = env(ENV_DATA_DIR)
    url = env(ENV_DATABASE_URL)
    if not url:
        url = f"sqlite:///{default_home() / 'democdash.sqlite'}"
    return Settings(
        data_dir=Path(data_dir).expanduser() if data_dir else bundled_data_dir(),
        database_url=url,
        readonly=_truthy(env(ENV_READONLY)),
        seeds_dir=default_seeds_dir(),
        hosted=_truthy(env(ENV_HOSTED)),
        local_editor=local_editor(),
        proxy_client_header=(env(ENV_PROXY_CLIENT_HEADER) or "").strip() or None,
    )
