"""The `mtqa` command line: a thin typer app; each command lives in mtqa/commands/."""

from __future__ import annotations

import typer

from mtqa.commands.check import check

app = typer.Typer(
    name="mtqa",
    help="Machine-translation quality checker: per-sentence scores and flagged garbled phrases.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("check")(check)


@app.command("version")
def version() -> None:
    """Print mtqa's version."""
    from mtqa.pipeline import _version

    typer.echo(_version())


if __name__ == "__main__":
    app()
