"""`mtqa --help` and every command's --help stay light: no heavy library is imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "torch",
    "transformers",
    "ray",
    "fastapi",
    "uvicorn",
    "trafilatura",
    "feedparser",
    "sklearn",
)
COMMANDS = ["check", "evaluate", "calibrate", "batch", "serve", "models"]


@pytest.mark.parametrize("args", [[], *[[c] for c in COMMANDS]])
def test_help_imports_nothing_heavy(args: list[str]):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mtqa.cli import app\n"
        f"r = CliRunner().invoke(app, {args + ['--help']!r})\n"
        "assert r.exit_code == 0, r.output\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules) or 'none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none"
