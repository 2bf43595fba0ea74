"""`democdash hash-password`: the editor password line for a hosted instance's secrets."""

from __future__ import annotations

from typing import Annotated

import typer

from democdash import auth
from democdash.cli.app import app


@app.command("hash-password")
def hash_password(
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
    """Print the `[auth]` line to paste into the secrets (`.streamlit/secrets.toml` or the
    Streamlit Community Cloud app's Secrets): a salted PBKDF2 hash, never the password."""
    if len(password) < 12:
        typer.echo("The password must have at least 12 characters.", err=True)
        raise typer.Exit(2)
    encoded = auth.hash_password(password, iterations=iterations)
    typer.echo("[auth]")
    typer.echo(f'password_hash = "{encoded}"')
