"""JSON Lines stay one object per line for every reader, including those that split on Unicode
line boundaries (Python's str.splitlines, many editors): U+2028, U+2029 and U+0085 in the text
are written escaped (valid JSON either way; the decoded strings are unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.report.jsonl import json_line

SEPARATORS = ["\u2028", "\u2029", "\u0085"]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_json_line_escapes_unicode_line_breaks(sep: str) -> None:
    row = {"mt": f"Talks{sep}resumed «да»", "n": 1}
    line = json_line(row)
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert json.loads(line) == row
    assert "«да»" in line  # other non-ASCII text stays readable


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_check_output_has_one_object_per_line(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "mt.txt"
    path.write_text(
        "".join(f"The talks{sep}will resume next week.\n" for sep in SEPARATORS), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["check", str(path), "--lines", "--checks", "rules", "-f", fmt]
    )
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        lines = result.stdout.splitlines()
        assert len(lines) == 3
        assert [json.loads(x)["mt"] for x in lines] == [
            f"The talks{sep}will resume next week." for sep in SEPARATORS
        ]
    else:
        assert not any(sep in result.stdout for sep in SEPARATORS)
        assert len(json.loads(result.stdout)["sentences"]) == 3


def test_batch_results_have_one_object_per_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("The talks\u2028resumed on Monday.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["batch", str(doc), "--out", str(out), "--checks", "rules", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines]
    assert [r["row"] for r in rows] == ["sentence", "document", "run"]
