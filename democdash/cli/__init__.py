"""Command-line entry point: `democdash COMMAND --help` documents each command.

Each command module registers its commands on `democdash.cli.app.app` when imported, and keeps
heavy imports inside its commands so that `democdash --help` starts quickly.
"""

from democdash.cli import (  # noqa: F401  (imported to register their commands)
    auth_cmds,
    bench_cmds,
    brief_cmds,
    data_cmds,
    export_cmds,
    indicator_cmds,
    ingest,
    loadtest_cmds,
    store_cmds,
)
from democdash.cli.app import app


def main() -> None:
    """Run the CLI."""
    app()
