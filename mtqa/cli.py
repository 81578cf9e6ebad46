"""The `mtqa` command line: a thin typer app; each command lives in mtqa/commands/."""

from __future__ import annotations

from typing import Annotated

import typer

from mtqa.commands.batch import batch
from mtqa.commands.calibrate import calibrate
from mtqa.commands.check import check
from mtqa.commands.evaluate import evaluate
from mtqa.commands.help import MtqaCommand, MtqaGroup
from mtqa.commands.models import models_app
from mtqa.commands.serve import serve

app = typer.Typer(
    name="mtqa",
    help="Machine-translation quality checker: per-sentence scores and flagged garbled phrases.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=MtqaGroup,
)
app.command("check", cls=MtqaCommand)(check)
app.command("batch", cls=MtqaCommand)(batch)
app.command("serve", cls=MtqaCommand)(serve)
app.command("evaluate", cls=MtqaCommand)(evaluate)
app.command("calibrate", cls=MtqaCommand)(calibrate)
app.add_typer(models_app, name="models")


def _version() -> str:
    from mtqa.pipeline import _version

    return _version()  # the one definition of mtqa's version (also in every signature)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print mtqa's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Machine-translation quality checker: per-sentence scores and flagged garbled phrases."""


@app.command("version", cls=MtqaCommand)
def version() -> None:
    """Print mtqa's version."""
    typer.echo(_version())


def main() -> None:
    """Entry point of `python -m mtqa`."""
    app(prog_name="mtqa")


if __name__ == "__main__":
    main()
