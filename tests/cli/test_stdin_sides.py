"""Standard input can be read once: the translation, or the source, or the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
MT = "The talks resumed.\nThe ministers met.\n"
SRC = "Переговоры возобновились.\nМинистры встретились.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["-", "--src", "-"],
        ["-", "--ref", "-"],
        ["mt.txt", "--src", "-", "--ref", "-"],
    ],
)
def test_stdin_twice_is_one_clear_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "mt.txt").write_text(MT, encoding="utf-8")
    args = [str(tmp_path / a) if a == "mt.txt" else a for a in args]
    result = runner.invoke(app, ["check", *args, "--lines", "--checks", "rules"], input=MT)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mtqa: error: standard input can be read only once: give - for at most one of the "
        "input, --src and --ref"
    )


def test_source_from_stdin(tmp_path: Path) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_text(MT, encoding="utf-8")
    args = ["check", str(mt), "--lines", "--src", "-", "--checks", "rules", "-f", "jsonl"]
    result = runner.invoke(app, args, input=SRC)
    assert result.exit_code == 0, result.output
    assert '"src": "Министры встретились."' in result.stdout


def test_misaligned_source_from_stdin_is_named_stdin(tmp_path: Path) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_text(MT, encoding="utf-8")
    args = ["check", str(mt), "--lines", "--src", "-", "--checks", "rules"]
    result = runner.invoke(app, args, input="Один.\n")
    assert result.exit_code == 2
    assert "but the src file <stdin> has 1" in result.stderr


@pytest.mark.parametrize("side", ["--src", "--ref"])
def test_lines_a_blank_translation_line_against_a_filled_side_is_an_error(
    tmp_path: Path, side: str
) -> None:
    # It used to be skipped without a word: the source line it should render vanished.
    mt = tmp_path / "mt.txt"
    mt.write_text("A first line.\n\nThe third line.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    text = "Первая.\nВторая строка.\nТретья.\n" if side == "--src" else "One.\nTwo.\nThree.\n"
    other.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(mt), "--lines", side, str(other), "--checks", "rules"]
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"mtqa: error: {mt}: line 2 is empty but line 2 of {other} is not "
        "(one sentence per line in both)"
    )


def test_lines_blank_on_both_sides_are_left_out(tmp_path: Path) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_text("A first line.\n\nThe third line.\n", encoding="utf-8")
    src = tmp_path / "src.txt"
    src.write_text("Первая.\n\nТретья.\n", encoding="utf-8")
    args = ["check", str(mt), "--lines", "--src", str(src), "--checks", "rules", "-f", "jsonl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [line.split('"id": "')[1].split('"')[0] for line in result.stdout.splitlines()] == [
        "1",
        "3",
    ]
