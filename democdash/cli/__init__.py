"""Command-line entry point: `democdash COMMAND --help` documents each command."""

from democdash.cli import data_cmds  # noqa: F401  (registers commands)
from democdash.cli.app import app


def main() -> None:
    """Run the CLI."""
    app()
