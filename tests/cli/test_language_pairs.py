"""Checks that do not support the language pair: named, an error; in a profile, a warning line
naming those left out (they used to be dropped without a word, e.g. every English-only check
for --tgt-lang de, leaving a score that looked like a full check)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
DE = "Die Gespräche werden nächste Woche fortgesetzt.\n"


@pytest.fixture
def de_text(tmp_path: Path) -> Path:
    path = tmp_path / "de.txt"
    path.write_text(DE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "batch"])
def test_profile_checks_left_out_are_named(tmp_path: Path, de_text: Path, command: str) -> None:
    args = [command, str(de_text), "--tgt-lang", "de", "--checks", "offline"]
    if command == "batch":
        args += ["--out", str(tmp_path / "r.jsonl"), "--no-progress", "--no-summary"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    warnings = [x for x in result.stderr.splitlines() if x.startswith("mtqa: warning:")]
    assert len(warnings) == 1, result.stderr
    assert "fluency" in warnings[0] and "do not support ru->de" in warnings[0]
    assert "running: " in warnings[0] and "rules" in warnings[0].split("running: ")[1]


@pytest.mark.parametrize("command", ["check", "batch", "serve"])
def test_a_named_check_that_does_not_support_the_pair_is_refused(
    tmp_path: Path, de_text: Path, command: str
) -> None:
    args = [command, "--tgt-lang", "de", "--checks", "fluency"]
    if command != "serve":
        args.insert(1, str(de_text))
    if command == "batch":
        args += ["--out", str(tmp_path / "r.jsonl")]
    with socket.socket() as busy:  # a serve that got past the options must not start serving
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        if command == "serve":
            args += ["--port", str(busy.getsockname()[1])]
        result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == "mtqa: error: check 'fluency' does not support ru->de"


def test_english_target_warns_nothing(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("The talks will continue next week.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--checks", "offline"])
    assert result.exit_code == 0 and "warning" not in result.stderr
