"""`mtqa check` end to end: formats × (file argument, stdin), the JSON contract, errors, gates."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()

CLEAN = "The foreign ministers met in Geneva on Monday and agreed to continue the talks."
GARBLED = "The foreign ministers met in Geneva on Monday and agreed to continue the the talks."
ARTICLE = f"{CLEAN} The meeting lasted three hours.\n\n{GARBLED}\n"

FLAG_KEYS = {
    "start",
    "end",
    "text",
    "category",
    "severity",
    "confidence",
    "message",
    "suggestion",
    "check",
}
ROW_KEYS = {"id", "index", "mt", "src", "ref", "quality", "scores", "flags", "signature"}


def invoke(args: list[str], stdin: str | None = None):
    return runner.invoke(app, args, input=stdin)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def assert_contract(row: dict) -> None:
    assert set(row) == ROW_KEYS
    assert isinstance(row["id"], str) and isinstance(row["index"], int)
    assert 0.0 <= row["quality"] <= 100.0
    assert all(isinstance(v, float | int) for v in row["scores"].values())
    assert isinstance(row["signature"], str) and "checks:" in row["signature"]
    for f in row["flags"]:
        assert set(f) == FLAG_KEYS
        assert 0 <= f["start"] < f["end"] <= len(row["mt"])
        assert row["mt"][f["start"] : f["end"]] == f["text"]
        assert f["severity"] in ("minor", "major", "critical")
        assert 0.0 <= f["confidence"] <= 1.0


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_jsonl_contract(article: Path, via: str):
    args = ["check", "-f", "jsonl"]
    result = invoke(args + [str(article)]) if via == "file" else invoke(args + ["-"], ARTICLE)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["index"] for r in rows] == [0, 1, 2]
    assert [r["mt"] for r in rows] == [CLEAN, "The meeting lasted three hours.", GARBLED]
    for r in rows:
        assert_contract(r)
        assert r["src"] is None and r["ref"] is None
    doubled = [f for f in rows[2]["flags"] if f["category"] == "repetition"]
    assert doubled and doubled[0]["text"].lower().startswith("the")
    assert rows[2]["quality"] < rows[0]["quality"]


def test_json_has_summary_and_sentences(article: Path):
    result = invoke(["check", "-f", "json", str(article)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["sentences"] == 3
    assert doc["summary"]["flagged_sentences"] >= 1
    qualities = [s["quality"] for s in doc["sentences"]]
    lengths = [len(s["mt"]) for s in doc["sentences"]]
    # The documented aggregate (docs/evaluation-scale.md): half the length-weighted mean, half
    # the mean of the worst quarter of the sentences (here ⌈3/4⌉ = 1 sentence).
    weighted = sum(q * n for q, n in zip(qualities, lengths)) / sum(lengths)
    expected = 0.5 * weighted + 0.5 * min(qualities)
    assert doc["summary"]["quality"] == pytest.approx(expected, abs=0.02)


@pytest.mark.parametrize("fmt,delim", [("csv", ","), ("tsv", "\t")])
def test_csv_tsv_one_row_per_sentence(article: Path, fmt: str, delim: str):
    result = invoke(["check", "-f", fmt, str(article)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delim))
    assert len(rows) == 3
    assert rows[2]["mt"] == GARBLED and int(rows[2]["n_flags"]) >= 1


def test_table_report_marks_flagged_phrases(article: Path):
    result = invoke(["check", "--no-color", str(article)])
    assert result.exit_code == 0, result.output
    assert "Document quality" in result.stdout
    assert "repetition" in result.stdout
    assert "[" in result.stdout  # flagged phrase bracketed without colour


def test_output_file(article: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = invoke(["check", "-f", "jsonl", "-o", str(out), str(article)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(out.read_text().splitlines()) == 3


def test_lines_with_src_and_ref(tmp_path: Path):
    (tmp_path / "mt.txt").write_text("The talks lasted 5 hours.\nPeace is near.\n")
    (tmp_path / "src.txt").write_text("Переговоры длились 7 часов.\nМир близок.\n")
    (tmp_path / "ref.txt").write_text("The talks lasted 7 hours.\nPeace is close.\n")
    result = invoke(
        [
            "check",
            "--lines",
            "-f",
            "jsonl",
            str(tmp_path / "mt.txt"),
            "--src",
            str(tmp_path / "src.txt"),
            "--ref",
            str(tmp_path / "ref.txt"),
        ]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows[0]["src"] == "Переговоры длились 7 часов." and rows[1]["ref"] == "Peace is close."
    assert {"chrf", "bleu", "ter"} <= set(rows[0]["scores"])
    assert any(f["category"] == "number" for f in rows[0]["flags"])


@pytest.mark.parametrize(
    "content,extra,message",
    [
        (b"\x00\x01binary", [], "binary data"),
        (b"caf\xe9\n", [], "not valid UTF-8 at line 1"),
        (b"", [], "input is empty"),
        (b"x" * 1_048_576, [], "characters long"),
        (b"src\tref\na\tb\n", ["--input-format", "tsv"], "no 'mt' column"),
    ],
)
def test_bad_input_exit_2(tmp_path: Path, content: bytes, extra: list[str], message: str):
    p = tmp_path / "in.txt"
    p.write_bytes(content)
    result = invoke(["check", str(p), *extra])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_and_directory(tmp_path: Path):
    for target, msg in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        result = invoke(["check", str(target)])
        assert result.exit_code == 2 and msg in result.output


def test_misaligned_src(tmp_path: Path):
    (tmp_path / "mt.txt").write_text("a\nb\nc\n")
    (tmp_path / "src.txt").write_text("a\nb\n")
    result = invoke(
        ["check", "--lines", str(tmp_path / "mt.txt"), "--src", str(tmp_path / "src.txt")]
    )
    assert result.exit_code == 2 and "misaligned input" in result.output


@pytest.mark.parametrize(
    "args,status",
    [
        (["--fail-under", "0"], 0),
        (["--fail-under", "100"], 1),
        (["--fail-on", "critical"], 0),
        (["--fail-on", "minor"], 1),
        (["--fail-on", "bogus"], 2),
        (["-f", "yaml"], 2),
    ],
)
def test_gate_exit_codes(article: Path, args: list[str], status: int):
    result = invoke(["check", "-f", "jsonl", str(article), *args])
    assert result.exit_code == status, result.output
    if status == 1:
        assert "gate failed" in result.output


def test_help_documents_gate_options():
    result = invoke(["check", "--help"])
    assert result.exit_code == 0
    for opt in ("--fail-under", "--fail-on", "--format", "--src", "--ref", "--lines"):
        assert opt in result.stdout


def test_default_path_never_imports_torch(article: Path):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mtqa.cli import app\n"
        f"r = CliRunner().invoke(app, ['check', '-f', 'jsonl', {str(article)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('torch', 'transformers') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none"
