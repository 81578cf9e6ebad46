"""Bad options and arguments get one line `mtqa: error: ...` on stderr and exit 2, like bad input.

click's own usage errors (an unknown option, a value out of range, a missing argument) are
printed by typer as a framed box of several lines; scripts and CI logs that look for the
`mtqa: error:` line the README promises would miss them.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args, says",
    [
        (["check"], "Missing argument 'PATH'"),
        (["check", "a.txt", "--bogus"], "No such option: --bogus"),
        (["check", "a.txt", "--fail-under", "101"], "--fail-under"),
        (["check", "a.txt", "--fail-under", "abc"], "--fail-under"),
        (["check", "a.txt", "b.txt"], "unexpected extra argument"),
        (["bogus"], "No such command 'bogus'"),
        (["batch", "x", "--workers", "0x"], "Missing option '--out'"),
        (["serve", "--port", "http"], "--port"),
        (["models", "info"], "Missing argument"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], says: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mtqa: error: ") and says in lines[0], lines[0]
    assert "--help" in lines[0]  # where to read the options
    assert result.stdout == ""


def test_no_arguments_still_shows_the_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage: mtqa" in result.output and "check" in result.output
    assert "mtqa: error" not in result.output


def test_help_and_version_exit_0() -> None:
    assert runner.invoke(app, ["check", "--help"]).exit_code == 0
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("mtqa ")
