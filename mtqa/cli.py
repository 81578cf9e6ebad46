"""The `mtqa` command line: a thin typer app; each command lives in mtqa/commands/."""

from __future__ import annotations

import typer

from mtqa.commands.batch import batch
from mtqa.commands.check import check
from mtqa.commands.calibrate import calibrate
from mtqa.commands.evaluate import evaluate
from mtqa.commands.models import models_app
from mtqa.commands.serve import serve

app = typer.Typer(
    name="mtqa",
    help="Machine-translation quality checker: per-sentence scores and flagged garbled phrases.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("check")(check)
app.command("evaluate")(evaluate)
app.add_typer(models_app, name="models")
app.command("calibrate")(calibrate)
app.command("serve")(serve)
app.command("batch")(batch)


@app.command("version")
def version() -> None:
    """Print mtqa's version."""
    from mtqa.pipeline import _version

    typer.echo(_version())


if __name__ == "__main__":
    app()
