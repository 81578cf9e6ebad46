"""How commands present themselves in --help: click-style metavars and unbroken paragraphs.

typer shows Python types as metavars (`<bool>`, `<list[str]>`) and wraps required arguments in
braces (`{path}`); a newsroom user reads neither. Every mtqa command is built with
:class:`MtqaCommand`, which gives options plain metavars (PATH, FILE, TEXT, N, NUMBER; nothing
for flags) and joins the lines of each help paragraph so the help never breaks mid-sentence.
"""

from __future__ import annotations

import re
from typing import Any

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

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        _plain_metavars(self.get_params(ctx), ctx)  # type: ignore[attr-defined]
        return _plain_usage(super().collect_usage_pieces(ctx))  # type: ignore[misc]


class MtqaCommand(_PlainHelp, TyperCommand):
    """A typer command with plain metavars and unwrapped help paragraphs."""


class MtqaGroup(_PlainHelp, TyperGroup):
    """A group of commands, presented like its commands."""
