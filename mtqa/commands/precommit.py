"""The pre-commit hook: `mtqa check` on each staged translation, with its source when found.

pre-commit runs ``python -m mtqa.commands.precommit [--option=value ...] FILE ...``. Each file is
checked on its own (every file is reported even after one fails); the hook fails when any file
fails the gate or cannot be read. With --src-pattern a translation whose source file exists is
checked with it, and one without is checked alone with a note saying so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import typer


def split_args(argv: list[str]) -> tuple[list[str], list[str], str | None]:
    """(options for mtqa check, file names, the --src-pattern if given)."""
    options: list[str] = []
    files: list[str] = []
    pattern: str | None = None
    only_files = False
    args = iter(argv)
    for arg in args:
        if only_files or not arg.startswith("--"):
            files.append(arg)
        elif arg == "--":
            only_files = True
        elif arg.startswith("--src-pattern="):
            pattern = arg.split("=", 1)[1]
        elif arg == "--src-pattern":
            pattern = next(args, None)
        else:
            options.append(arg)
    return options, files, pattern


def main(argv: list[str] | None = None) -> int:
    from mtqa.cli import app
    from mtqa.errors import MtqaError
    from mtqa.io.src_pattern import check_pattern, source_path

    options, files, pattern = split_args(sys.argv[1:] if argv is None else argv)
    status = 0
    for name in files:
        args = ["check", "--no-color", *options]
        if pattern is not None:
            try:
                src = Path(source_path(name, check_pattern(pattern)))
            except MtqaError as e:
                typer.echo(f"mtqa: error: {e}", err=True)
                return 2
            if src.is_file():
                args.append(f"--src={src}")
            else:
                typer.echo(f"mtqa: note: {name}: no source {src}; checked without it", err=True)
        typer.echo(f"== {name}")
        try:
            # Without standalone mode click returns a command's exit status instead of exiting.
            code = app([*args, "--", name], prog_name="mtqa", standalone_mode=False)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except click.ClickException as e:  # a bad option in the hook's args
            typer.echo(f"mtqa: error: {e.format_message()}", err=True)
            return 2
        if code:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
