"""Issue 14.13: small things a new user noticed (batch pieces get minimal, local edits)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.batch.progress import Progress
from mtqa.batch.summary import BatchReport
from mtqa.cli import app
from mtqa.io.sources.archives import Meter

runner = CliRunner()


def test_quartiles_keep_one_decimal():
    report = BatchReport()
    for n, q in enumerate([61.24, 62.46, 63.71, 70.05, 80.0]):
        report.add({"row": "document", "doc_id": str(n), "summary": {"quality": q, "sentences": 1}})
    quality = report.to_dict()["quality"]
    assert (quality["p25"], quality["median"], quality["p75"]) == (62.5, 63.7, 70.0)


@pytest.mark.parametrize("stopped", [False, True])
def test_last_progress_line_after_ctrl_c(stopped: bool):
    out = io.StringIO()  # not a terminal: plain lines
    with (
        pytest.raises(KeyboardInterrupt) if stopped else _nothing(),
        Progress(Meter(), stream=out),
    ):
        if stopped:
            raise KeyboardInterrupt
    last = out.getvalue().strip().splitlines()[-1]
    assert ("done in" in last) is not stopped
    if stopped:
        assert "rerun the same command to resume" in last


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_dump_row_without_text_lists_its_fields(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "a1", "body": "The talks will continue."}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(dump), "--out", str(out)])
    assert result.exit_code == 0, result.output
    errors = [json.loads(line) for line in out.read_text().splitlines() if '"error"' in line]
    error = next(r["error"] for r in errors if r.get("row") == "error")
    assert "no text in field 'text'" in error and "found: id, body" in error


@pytest.mark.parametrize(
    "mt,src",
    [
        ("The talks will take place on 14 March.", "Переговоры состоятся 15 марта."),
        ("The summit on 14 March drew 40 delegations.", "Саммит 15 марта собрал 40 делегаций."),
    ],
)
def test_wrong_day_names_the_source_day(tmp_path: Path, mt: str, src: str):
    (tmp_path / "a.en.txt").write_text(mt, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(src, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(tmp_path / "a.en.txt"), "--src-pattern", "{stem}.ru.txt", "-f", "jsonl"]
    )
    flags = json.loads(result.stdout)["flags"]
    number = next(f for f in flags if f["category"] == "number")
    assert number["text"] == "14" and number["suggestion"] == "15"
    assert "(source has '15')" in number["message"]
