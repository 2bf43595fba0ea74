"""Errors every command may meet, as one line each instead of a traceback.

A store that cannot be opened or used (a server that does not answer, a wrong password, a URL
that is not one, a file that is not a database), a broken boundary file or a refused write ends
the command with `error: ...` and exit status 1. The database URL is shown with its password
hidden, and the password is taken out of any message a driver gives.

`DemocdashGroup` applies this to every command, `democdash ingest` included; the heavy modules
are only looked up (in `sys.modules`) once something has failed, so `--help` stays fast.
"""

from __future__ import annotations

import re
import sys

import typer
from typer.core import TyperGroup

from democdash.settings import ENV_DATABASE_URL, get_settings

#: Passwords shorter than this are not taken out of messages (it would garble them); the URL
#: itself is always shown with its password hidden.
_MIN_SCRUBBED = 3
_BACKGROUND = re.compile(r"\s*\(Background on this error at: [^)]*\)")
_URL_PASSWORD = re.compile(r"(//[^/@:\s]*:)[^@/\s]*@")


def shown_url(url: str) -> str:
    """`url` with its password hidden (`***`), or a placeholder if it is not a URL at all."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL: SQLAlchemy cannot say where a password would be
        return f"{ENV_DATABASE_URL} (not a valid database URL; not shown, it may hold a password)"


def _password(url: str) -> str | None:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).password
    except Exception:
        found = _URL_PASSWORD.search(url)
        return found.group(0)[len(found.group(1)) : -1] if found else None


def scrub(text: str, url: str) -> str:
    """`text` on one line, without SQLAlchemy's help link, and with `url`'s password (and any
    `user:password@` part of a URL in it) replaced by `***`."""
    text = " ".join(_BACKGROUND.sub("", text).split())
    password = _password(url)
    if password and len(password) >= _MIN_SCRUBBED:
        text = text.replace(password, "***")
    return _URL_PASSWORD.sub(r"\1***@", text)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    if isinstance(exc, ImportError) and exc.name:
        return f"its database driver is not installed (no module named {exc.name!r})"
    orig = getattr(exc, "orig", None)  # a DBAPIError's driver error says what happened
    return str(orig) if orig is not None and str(orig).strip() else str(exc) or type(exc).__name__


def store_failure(exc: BaseException, url: str | None = None, *, opening: bool = False) -> str:
    """One line saying that the store at `url` (default: the configured one) failed and why."""
    url = url if url is not None else get_settings().database_url
    what = f"cannot open the store {shown_url(url)}" if opening else f"the store {shown_url(url)}"
    return f"{what}{'' if opening else ' failed'}: {scrub(_reason(exc), url)}"


def _raised_in_store(exc: BaseException) -> bool:
    """Whether the innermost democdash code `exc` went through is the store's (making the
    SQLite file's folder, loading the database driver), not a command's own work."""
    innermost = ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_globals.get("__name__", "")
        if name.startswith("democdash."):
            innermost = name
        tb = tb.tb_next
    return innermost.startswith("democdash.store")


def known_failure(exc: BaseException) -> str | None:
    """The `error:` line for an exception that is about the environment, not a bug; else None."""
    sa_exc = getattr(sys.modules.get("sqlalchemy"), "exc", None)
    if sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError):
        return store_failure(exc)
    if isinstance(exc, OSError | ImportError) and _raised_in_store(exc):
        return store_failure(exc)
    boundaries = sys.modules.get("democdash.boundary_files")
    if boundaries is not None and isinstance(exc, boundaries.BoundariesError):
        return str(exc)
    store = sys.modules.get("democdash.store.store")
    if store is not None and isinstance(exc, store.StoreError):
        return str(exc)
    return None


class DemocdashGroup(TyperGroup):
    """The command group: a known failure of any command ends it with one `error:` line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            message = known_failure(exc)
            if message is None:
                raise
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(1) from None
