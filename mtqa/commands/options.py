"""Options shared by every command that prints results, and the one error-to-exit-status path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from mtqa.errors import MtqaError
from mtqa.report import FORMATS

FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(FORMATS)}.",
        case_sensitive=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file instead of stdout.", dir_okay=False),
]
SrcLangOpt = Annotated[str, typer.Option("--src-lang", help="Source language code.")]
TgtLangOpt = Annotated[str, typer.Option("--tgt-lang", help="Target language code.")]
ChecksOpt = Annotated[
    str | None,
    typer.Option(
        "--checks",
        help="Comma-separated checks or profiles: default (the offline checks and the neural qe "
        "model when torch is installed), offline (no torch).",
    ),
]
CalibrationOpt = Annotated[
    Path | None,
    typer.Option("--calibration", help="Weights and thresholds file (default: the shipped one)."),
]
ColorOpt = Annotated[
    bool | None,
    typer.Option("--color/--no-color", help="Colour the table report (default: when stdout is a terminal)."),
]


def fail(message: str, status: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    typer.echo(f"mtqa: error: {message}", err=True)
    return typer.Exit(status)


def check_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn MtqaError into 'mtqa: error: …' and exit status 2, never a traceback."""
    try:
        yield
    except MtqaError as e:
        raise fail(str(e)) from None
    except KeyboardInterrupt:
        typer.echo("mtqa: interrupted", err=True)
        raise typer.Exit(130) from None


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            yield f
    except OSError as e:
        raise MtqaError(f"cannot write {path}: {e.strerror}") from None

