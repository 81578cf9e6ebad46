"""The pre-commit hook: `mtqa check` on each staged translation, with its source when found.

pre-commit runs ``python -m mtqa.commands.precommit [OPTION ...] FILE ...``. Options are `mtqa
check`'s, as ``--name=value`` or ``--name value`` (YAML's ``args: [--fail-under, "60"]``). Each
file is checked on its own (every file is reported even after one fails); the hook exits 1 when
a file fails the gate and 2 when a file cannot be read or an option is wrong (one line
``mtqa: error: ...``). With --src-pattern a translation whose source file exists is checked
with it, and one without is checked alone with a note saying so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def check_options() -> tuple[frozenset[str], frozenset[str]]:
    """(every option name of `mtqa check`, the names that take a value)."""
    from typer.main import get_command

    from mtqa.cli import app

    command = get_command(app).commands["check"]  # type: ignore[attr-defined]
    names: set[str] = set()
    valued: set[str] = set()
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        opts = [*param.opts, *param.secondary_opts]
        names.update(opts)
        if not (param.is_flag or param.count):
            valued.update(param.opts)
    return frozenset(names), frozenset(valued)


def split_args(argv: list[str]) -> tuple[list[str], list[str], str | None]:
    """(options for mtqa check, file names, the --src-pattern if given)."""
    names, valued = check_options()
    options: list[str] = []
    files: list[str] = []
    pattern: str | None = None
    only_files = False
    args = iter(argv)
    for arg in args:
        name = arg.split("=", 1)[0]
        if only_files or not arg.startswith("-") or arg == "-":
            files.append(arg)
        elif arg == "--":
            only_files = True
        elif name == "--src-pattern":
            pattern = arg.split("=", 1)[1] if "=" in arg else next(args, None)
        elif name in valued and "=" not in arg:
            value = next(args, None)
            options += [arg] if value is None else [arg, value]
        elif name in names or arg.startswith("--"):
            options.append(arg)  # an unknown --option: mtqa check says so, in one line
        else:
            files.append(arg)
    return options, files, pattern


def main(argv: list[str] | None = None) -> int:
    from mtqa.cli import app
    from mtqa.commands.help import ClickException, one_line_error
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
        except ClickException as e:  # a bad option in the hook's args: the same for every file
            typer.echo(one_line_error(e), err=True)
            return 2
        status = max(status, code or 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
