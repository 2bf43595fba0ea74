"""Command-line entry point: `democdash COMMAND --help` documents each command."""

import democdash.cli.auth_cmds  # democdash hash-password
import democdash.cli.bench_cmds  # noqa: F401  (democdash bench)
import democdash.cli.brief_cmds  # noqa: F401  (democdash brief ...)
import democdash.cli.export_cmds  # noqa: F401  (democdash export ...)
from democdash.cli import data_cmds, store_cmds  # noqa: F401  (register commands)
from democdash.cli import ingest  # noqa: F401
from democdash.cli.app import app


def main() -> None:
    """Run the CLI."""
    app()
