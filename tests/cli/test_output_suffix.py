"""`-o FILE` without `--format` writes the format the file's suffix names (report.html was a
plain-text table named .html); an explicit --format always wins."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
TEXT = "The talks will continue the the next week.\n"


def is_table(text: str) -> bool:
    return text.startswith("Document quality")


@pytest.mark.parametrize(
    "name, fmt, expect",
    [
        ("report.html", None, lambda t: t.lstrip().lower().startswith("<!doctype html")),
        ("report.HTM", None, lambda t: t.lstrip().lower().startswith("<!doctype html")),
        ("report.json", None, lambda t: json.loads(t)["summary"]["sentences"] == 1),
        ("rows.jsonl", None, lambda t: json.loads(t.splitlines()[0])["index"] == 0),
        ("rows.csv", None, lambda t: next(csv.reader([t.splitlines()[0]]))[0] == "id"),
        ("rows.tsv", None, lambda t: t.split("\n")[0].split("\t")[0] == "id"),
        ("report.txt", None, is_table),
        ("report", None, is_table),
        ("report.json", "table", is_table),
        ("report.html", "jsonl", lambda t: json.loads(t)["index"] == 0),
    ],
)
def test_output_format_from_suffix(tmp_path: Path, name: str, fmt: str | None, expect) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / name
    args = ["check", str(src), "--checks", "rules", "-o", str(out), "--no-color"]
    result = runner.invoke(app, args + (["-f", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    assert expect(out.read_text(encoding="utf-8"))
