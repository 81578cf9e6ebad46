"""`mtqa check` on hostile inputs: one line, exit 2, never a traceback or a hang (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app


def _dev_zero_link(tmp_path: Path) -> str:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    return str(link)


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return str(path)


def _surrogate(tmp_path: Path) -> str:
    path = tmp_path / "s.jsonl"
    path.write_text('{"mt":"Bad \\ud800 x."}\n', encoding="utf-8")
    return str(path)


def _open_quote(tmp_path: Path) -> str:
    path = tmp_path / "q.csv"
    path.write_text('id,mt\n1,"Hello there.\n2,Second row.\n', encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: "/dev/zero", "is a device, not a regular file"),
        (_dev_zero_link, "is a device, not a regular file"),
        (_fifo, "is a FIFO (named pipe), not a regular file"),
        (_surrogate, "lone surrogate U+D800"),
        (_open_quote, "quote left open"),
    ],
)
def test_check_refuses_in_one_line(tmp_path: Path, make, message: str) -> None:
    result = CliRunner().invoke(app, ["check", make(tmp_path), "--checks", "fluency"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqa: error: ") and message in lines[0]
