"""Files a command writes (`-o`): checked before any work, written without a traceback.

An output that is a folder, or lies under a file, is refused at once as a bad `-o` (exit 2);
missing folders on the way are created; a write that fails all the same (permission, a full
disk) ends the command with `error: cannot write PATH: why` (exit 1).
"""

from __future__ import annotations

from pathlib import Path

import typer


def check_output(path: Path, option: str = "--output", example: str = "out.csv") -> Path:
    """`path` if a file can be written there; else `typer.BadParameter` naming the problem."""
    if path.is_dir():
        raise typer.BadParameter(
            f"{path} is a folder; give a file name, e.g. {path / example}", param_hint=option
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise typer.BadParameter(
                    f"{parent} is a file, so {path} cannot be written", param_hint=option
                )
            break
    return path


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path`, making missing folders; one `error:` line if that fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        typer.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
