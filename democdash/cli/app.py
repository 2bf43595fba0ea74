"""The `democdash` command-line application object; command modules register on it."""

import typer

from democdash.cli.errors import DemocdashGroup

app = typer.Typer(
    cls=DemocdashGroup,  # a store that cannot be used, a broken map file: one line, not a trace
    name="democdash",
    help="democdash: sourced data on democracy under pressure (validate, ingest, export, brief).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help texts are plain text: square brackets like "[auth]" must not be read as markup.
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """democdash: sourced data on democracy under pressure. Run `democdash COMMAND --help`."""
