"""A document checked without the source the command asked for is said so: in its row, the run
summary and --report (it used to be checked alone without a word, its adequacy checks off)."""

from __future__ import annotations

import json
from pathlib import Path

from batch_helpers import CHECKS, rows
from typer.testing import CliRunner

from mtqa.cli import app

EN = "The talks resumed on Monday in Geneva.\n"
RU = "Переговоры возобновились в понедельник в Женеве.\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", "--checks", CHECKS, "--no-progress", *args])
    return result.exit_code, result.output


def test_src_pattern_that_finds_no_source_is_reported(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.en.txt").write_text(EN, encoding="utf-8")
    (articles / "a.ru.txt").write_text(RU, encoding="utf-8")
    (articles / "b.en.txt").write_text(EN, encoding="utf-8")
    out, report = tmp_path / "r.jsonl", tmp_path / "report.json"
    code, output = run(
        str(articles), "--src-pattern", "{stem}.ru.txt", "--out", str(out), "--report", str(report)
    )
    assert code == 0, output
    docs = {Path(r["doc_id"]).name: r for r in rows(out) if r["row"] == "document"}
    assert "source_missing" not in docs["a.en.txt"]["meta"]
    assert docs["b.en.txt"]["meta"]["source_missing"] == str(articles / "b.ru.txt")
    assert "1 document(s) checked without a source" in " ".join(output.split())
    missing = json.loads(report.read_text(encoding="utf-8"))["without_source"]
    assert missing["documents"] == 1 and missing["examples"] == [str(articles / "b.en.txt")]


def test_src_field_missing_from_a_dump_row_is_reported(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        json.dumps({"text": EN, "orig": RU}) + "\n" + json.dumps({"text": EN}) + "\n",
        encoding="utf-8",
    )
    out, report = tmp_path / "r.jsonl", tmp_path / "report.json"
    code, output = run(str(dump), "--src-field", "orig", "--out", str(out), "--report", str(report))
    assert code == 0, output
    metas = [r["meta"] for r in rows(out) if r["row"] == "document"]
    assert ["source_missing" in m for m in metas] == [False, True]
    assert json.loads(report.read_text(encoding="utf-8"))["without_source"]["documents"] == 1


def test_no_source_asked_for_is_not_reported(tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    out, report = tmp_path / "r.jsonl", tmp_path / "report.json"
    code, output = run(str(tmp_path / "a.en.txt"), "--out", str(out), "--report", str(report))
    assert code == 0, output
    assert "without a source" not in output
    assert json.loads(report.read_text(encoding="utf-8"))["without_source"]["documents"] == 0
