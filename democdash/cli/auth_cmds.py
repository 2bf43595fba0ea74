"""Editor sign-in from the command line: `democdash hash-password NAME` prints an editor's line
for a hosted instance's secrets; `democdash editor-sessions` lists and ends editors' sessions."""

from __future__ import annotations

from typing import Annotated

import typer

from democdash import auth
from democdash.cli.app import app


def _editor(name: str) -> str:
    try:
        return auth.editor_name(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="NAME") from None


@app.command("hash-password")
def hash_password(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="The editor's sign-in name: a short name (letters, digits, '.', '_', '-') "
            "or an e-mail address; case does not matter.",
            callback=_editor,
        ),
    ],
    password: Annotated[
        str,
        typer.Option(
            prompt="Editor password",
            hide_input=True,
            confirmation_prompt=True,
            help="The password (prompted, hidden, when not given; avoid passing it here: "
            "it would stay in the shell history).",
        ),
    ],
    iterations: Annotated[
        int,
        typer.Option(min=auth.MIN_ITERATIONS, help="PBKDF2-HMAC-SHA256 iterations."),
    ] = auth.DEFAULT_ITERATIONS,
) -> None:
    """Print an editor's line for the secrets' `[auth.passwords]` table
    (`.streamlit/secrets.toml` or the Streamlit Community Cloud app's Secrets): a salted
    PBKDF2 hash of their own password, never the password. One line per editor."""
    if len(password) < auth.MIN_PASSWORD_CHARS:
        typer.echo(
            f"The password must have at least {auth.MIN_PASSWORD_CHARS} characters.", err=True
        )
        raise typer.Exit(2)
    encoded = auth.hash_password(password, iterations=iterations)
    typer.echo("[auth.passwords]")
    typer.echo(f'{auth.toml_key(name)} = "{encoded}"')


@app.command("editor-sessions")
def editor_sessions(
    end: Annotated[
        str | None,
        typer.Option(
            "--end",
            metavar="NAME",
            help="End every session of this editor (a lost laptop): they must sign in again.",
        ),
    ] = None,
) -> None:
    """List the editors signed in by password (who, since, until; never a token), or end one
    editor's sessions. A new password hash in the secrets, or removing the editor from them,
    also ends their sessions."""
    from democdash.store import open_store

    store = open_store(seed=False)
    if end is not None:
        editor = _editor(end)
        count = store.end_editor_sessions(editor)
        typer.echo(f"Ended {count} session{'s' if count != 1 else ''} of {editor}.")
        return
    sessions = store.editor_sessions()
    if not sessions:
        typer.echo("No editor is signed in by password.")
        return
    for session in sessions:
        typer.echo(
            f"{session.editor}\tsince {session.created_at:%Y-%m-%d %H:%M} UTC"
            f"\tuntil {session.expires_at:%Y-%m-%d %H:%M} UTC"
        )
