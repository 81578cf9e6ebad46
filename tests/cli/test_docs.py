"""Docs that cannot drift: every command and every option appears in the README."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from mtqa.cli import app
from tests.conftest import ROOT

# The README and the user guides it links (docs/*.md) together document every option.
README = "\n".join(
    p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
)


def _commands() -> list[tuple[str, Any]]:
    # Duck-typed: typer may ship its own copy of click's classes.
    root = typer.main.get_command(app)
    out: list[tuple[str, Any]] = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        if hasattr(cmd, "commands"):
            out += [(f"{name} {sub}", c) for sub, c in cmd.commands.items()]
        else:
            out.append((name, cmd))
    return out


@pytest.mark.parametrize("name,cmd", _commands(), ids=[n for n, _ in _commands()])
def test_command_and_options_documented(name: str, cmd: Any):
    if name == "version":
        return
    assert f"mtqa {name}" in README, f"README never shows `mtqa {name}`"
    missing = [
        opt
        for p in cmd.params
        if getattr(p, "param_type_name", "") == "option"
        for opt in p.opts[:1]
        if opt.startswith("--") and opt != "--help" and opt not in README
    ]
    assert not missing, f"`mtqa {name}` options missing from README: {missing}"
