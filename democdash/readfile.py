"""Reading one data file safely: a regular file or a `Problem` that says what is wrong with it.

A data file replaced by a folder, a symlink loop, a FIFO or a device must not raise (or hang)
in `validate`, `seed`, `info` or the app: each is reported against the file's name, like a
broken record, and the caller keeps what it had.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from democdash.problems import Problem


def _open_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file is missing"
    if exc.errno == errno.ELOOP:
        return "is a symlink loop (too many levels of symbolic links); point it at a real file"
    if isinstance(exc, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    return "is not a regular file (a device or socket)"


def read_data_file(path: Path, label: str, problems: list[Problem]) -> bytes | None:
    """The bytes of the regular file at `path`, or None with a problem filed under `label`.

    The file is opened without blocking and checked on the open descriptor, so a FIFO is
    refused instead of waiting for a writer, and nothing can swap the file between the check
    and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        problems.append(Problem(label, _open_problem(exc)))
        return None
    try:
        kind = _kind_problem(os.fstat(fd).st_mode)
        if kind is not None:
            problems.append(Problem(label, kind))
            return None
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    except OSError as exc:
        problems.append(Problem(label, _open_problem(exc)))
        return None
    finally:
        os.close(fd)


def decode_utf8(raw: bytes, label: str, problems: list[Problem]) -> str | None:
    """`raw` as text, or None with a problem naming the first bad byte and its line."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                label,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
                "save the file as UTF-8",
            )
        )
        return None


def read_text_file(path: Path, label: str, problems: list[Problem]) -> str | None:
    """The UTF-8 text of the regular file at `path`, or None with a problem under `label`."""
    raw = read_data_file(path, label, problems)
    return None if raw is None else decode_utf8(raw, label, problems)


def file_digest_part(path: Path) -> bytes:
    """What a file contributes to a data version: its bytes, or a marker for why there are none
    (missing, a folder, unreadable), so that a version never raises and changes with them."""
    found: list[Problem] = []
    raw = read_data_file(path, path.name, found)
    return raw if raw is not None else f"<{found[0].message}>".encode()
