"""How commands present themselves in --help: click-style metavars and unbroken paragraphs.

typer shows Python types as metavars (`<bool>`, `<list[str]>`) and wraps required arguments in
braces (`{path}`); a newsroom user reads neither. Every mtqa command is built with
:class:`MtqaCommand`, which gives options plain metavars (PATH, FILE, TEXT, N, NUMBER; nothing
for flags) and joins the lines of each help paragraph so the help never breaks mid-sentence.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# Metavars by the kind typer reports for a parameter (its display type without the brackets).
_METAVARS = {"int": "N", "float": "NUMBER", "str": "TEXT", "path": "PATH", "file": "FILE"}


def _metavar(param: Any, ctx: Any) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    if not hasattr(param, "display_type"):  # older typer: click's own metavar is already plain
        try:
            return str(param.make_metavar(ctx))
        except TypeError:  # click < 8.2 takes no context
            return str(param.make_metavar())
    label = param.display_type(ctx).strip("<>")
    label = label.removeprefix("list[").removesuffix("]").replace(" range", "")
    return _METAVARS.get(label, label.upper())


def unwrap_paragraphs(text: str | None) -> str | None:
    """Join the lines of each paragraph (blank-line separated); paragraphs starting with \\b stay."""
    if not text:
        return text
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = [
        p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines())
        for p in paragraphs
    ]
    return "\n\n".join(out)


def _plain_metavars(params: list[Any], ctx: Any) -> None:
    for param in params:
        if param.metavar is not None:
            continue
        if getattr(param, "param_type_name", "") == "argument":
            param.metavar = (param.name or "arg").upper()
            # The name says what it is; typer would add its Python type (<str>) beside it.
            param.display_type_rich = lambda ctx: None
        else:
            param.metavar = _metavar(param, ctx)


def _plain_usage(pieces: list[str]) -> list[str]:
    # typer marks required arguments as {NAME}; click's convention is a bare NAME.
    return [re.sub(r"\{([^{}]*)\}", r"\1", piece) for piece in pieces]


class _PlainHelp:
    """Plain metavars and unwrapped help paragraphs, for a typer command or group (a mixin)."""

    help: str | None
    short_help: str | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = unwrap_paragraphs(self.help)
        if self.short_help is None and self.help:
            self.short_help = self.help.split("\n\n")[0]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_metavars(self.get_params(ctx), ctx)  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _plain_metavars(self.get_params(ctx), ctx)  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        _plain_metavars(self.get_params(ctx), ctx)  # type: ignore[attr-defined]
        return _plain_usage(super().collect_usage_pieces(ctx))  # type: ignore[misc]


class MtqaCommand(_PlainHelp, TyperCommand):
    """A typer command with plain metavars and unwrapped help paragraphs."""


def _click_error(name: str) -> type[Exception]:
    """click's exception class ``name`` as typer uses it (typer >= 0.2x vendors its own click, whose
    classes are not the installed click's): found through typer's re-exported BadParameter."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


ClickException = _click_error("ClickException")
UsageError = _click_error("UsageError")


def one_line_error(error: Exception) -> str:
    """``mtqa: error: ...`` for a click error, on one line, with where to read the options."""
    message = " ".join(str(getattr(error, "format_message", error.__str__)()).split())
    ctx = getattr(error, "ctx", None)
    if isinstance(error, UsageError) and ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return f"mtqa: error: {message}"


class MtqaGroup(_PlainHelp, TyperGroup):
    """A group of commands, presented like its commands.

    A usage error (unknown option, bad value, missing argument) is one line, ``mtqa: error:
    ...``, exit 2, like every other user error, instead of click's framed box of several lines.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
            )
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as e:
            # A bare `mtqa` has had its help printed already (exit 2, as before).
            if type(e).__name__ != "NoArgsIsHelpError":
                typer.echo(one_line_error(e), err=True)
            sys.exit(getattr(e, "exit_code", 2))
        except typer.Abort:
            typer.echo("mtqa: aborted", err=True)
            sys.exit(1)
        # Without standalone mode click returns the exit status of typer.Exit, else the result.
        sys.exit(code if isinstance(code, int) else 0)
