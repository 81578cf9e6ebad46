"""Docs that cannot drift: every command is in the README, every option in the README or docs/,
every documented link resolves, and the service's error codes are all listed."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main

from mtqa.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
ALL_DOCS = README + "\n".join(DOCS.values())
# Written on other branches (batch and serve guides); their links are checked once they exist.
ELSEWHERE: set[str] = set()


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


# Commands whose guide is written on another branch: their options are checked once it exists.
GUIDES = {"batch": "batch.md", "serve": "serve.md"}


@pytest.mark.parametrize("name,cmd", _commands(), ids=[n for n, _ in _commands()])
def test_command_and_options_documented(name: str, cmd: Any):
    if name == "version":
        return
    guide = GUIDES.get(name)
    if guide is not None and guide not in DOCS:
        pytest.skip(f"docs/{guide} (the guide to `mtqa {name}`) is not on this branch yet")
    assert f"mtqa {name}" in README, f"README never shows `mtqa {name}`"
    missing = [
        opt
        for p in cmd.params
        if getattr(p, "param_type_name", "") == "option"
        for opt in p.opts[:1]
        if opt.startswith("--") and opt != "--help" and opt not in ALL_DOCS
    ]
    assert not missing, f"`mtqa {name}` options in neither README nor docs/: {missing}"


@pytest.mark.parametrize("doc", ["README.md", *(f"docs/{n}" for n in DOCS)])
def test_relative_links_resolve(doc: str):
    text = (ROOT / doc).read_text(encoding="utf-8")
    base = (ROOT / doc).parent
    for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
        path = (base / target).resolve()
        if path.name in ELSEWHERE and not path.exists():
            continue
        assert path.exists(), f"{doc} links to {target}, which does not exist"


def test_readme_points_at_every_guide():
    for name in {*DOCS, *ELSEWHERE}:
        assert f"docs/{name}" in README, f"README does not link docs/{name}"


def test_every_service_error_code_is_listed():
    source = (ROOT / "mtqa" / "serve" / "app.py").read_text(encoding="utf-8")
    raised = set(re.findall(r'(?:error_response|ApiError)\(\s*\d+,\s*"([a-z_]+)"', source))
    mapped = set(
        re.findall(r'^\s+40[45]: "([a-z_]+)"', source, re.MULTILINE)
    )  # not_found, method_not_allowed
    codes = raised | mapped | {"unsupported_language"}
    missing = sorted(c for c in codes if f"`{c}`" not in README)
    assert not missing, f"README's list of error codes lacks {missing}"
