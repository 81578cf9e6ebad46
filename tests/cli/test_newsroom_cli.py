"""Issue 14, "Day one in a newsroom": what a new user tried first, as tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from mtqa.checks import REGISTRY
from mtqa.cli import app
from mtqa.io.src_pattern import name_parts, source_path

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]

MT = "The talks lasted 5 hours.\n"
SRC = "Переговоры длились 7 часов.\n"


def invoke(args: list[str], stdin: str | None = None):
    return runner.invoke(app, args, input=stdin)


def one_line_error(result, status: int = 2) -> str:
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqa: error: "), result.output
    return lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "article.en.txt").write_text(MT, encoding="utf-8")
    (tmp_path / "article.ru.txt").write_text(SRC, encoding="utf-8")
    return tmp_path / "article.en.txt"


# --- 3: checks that cannot run are not silent ---------------------------------------------------


@pytest.mark.parametrize(
    "checks,needs", [("source", "--src"), ("reference", "--ref"), ("rules,source", "--src")]
)
def test_named_check_without_its_input_is_an_error(article: Path, checks: str, needs: str):
    line = one_line_error(invoke(["check", str(article), "--checks", checks]))
    assert needs in line and repr(checks.split(",")[-1]) in line


def test_named_check_with_its_input_runs(article: Path, tmp_path: Path):
    result = invoke(
        [
            "check",
            "-f",
            "jsonl",
            str(article),
            "--checks",
            "source",
            "--src",
            str(tmp_path / "article.ru.txt"),
        ]
    )
    assert result.exit_code == 0, result.output
    assert any(f["category"] == "number" for f in json.loads(result.stdout)["flags"])


def test_source_column_counts_as_the_source(tmp_path: Path):
    rows = tmp_path / "rows.tsv"
    rows.write_text(
        "mt\tsrc\nThe talks lasted 5 hours.\tПереговоры длились 7 часов.\n", encoding="utf-8"
    )
    assert invoke(["check", str(rows), "--checks", "source", "-f", "jsonl"]).exit_code == 0


def test_default_checks_still_run_without_src_or_ref(article: Path):
    assert invoke(["check", str(article), "-f", "jsonl"]).exit_code == 0


# --- 5: conflicting input options -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name,extra,message",
    [
        ("rows.tsv", [], "a TSV file"),
        ("rows.jsonl", [], "a JSONL file"),
        ("rows.txt", ["--input-format", "csv"], "--input-format csv"),
    ],
)
def test_lines_contradicting_the_input_format_is_refused(tmp_path: Path, name, extra, message):
    p = tmp_path / name
    p.write_text("mt\tsrc\nHello.\tПривет.\n", encoding="utf-8")
    line = one_line_error(invoke(["check", str(p), "--lines", *extra]))
    assert "--lines" in line and message in line


def test_lines_with_explicit_lines_format_reads_lines(tmp_path: Path):
    p = tmp_path / "rows.tsv"
    p.write_text("first line\nsecond line\n", encoding="utf-8")
    result = invoke(["check", str(p), "--input-format", "lines", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


# --- 6: the source found by a naming pattern ----------------------------------------------------


@pytest.mark.parametrize(
    "name,stem",
    [
        ("article.en.txt", "article"),
        ("article.txt", "article"),
        ("2024-03-14.eng.txt", "2024-03-14"),
        ("report.v2.txt", "report.v2"),
        ("a.b.en.md", "a.b"),
        ("README", "README"),
    ],
)
def test_stem(name: str, stem: str):
    assert name_parts(name).stem == stem


@pytest.mark.parametrize(
    "mt,pattern,src",
    [
        ("news/article.en.txt", "{stem}.ru.txt", "news/article.ru.txt"),
        ("article.en.txt", "ru/{stem}.txt", "ru/article.txt"),
    ],
)
def test_source_path(mt: str, pattern: str, src: str):
    assert source_path(mt, pattern) == src


@pytest.mark.parametrize(
    "pattern", ["source.txt", "{stem}.{country}.txt", "{name}", "../src/{name}"]
)
def test_bad_src_pattern(article: Path, pattern: str):
    one_line_error(invoke(["check", str(article), "--src-pattern", pattern]))


def test_check_with_src_pattern_uses_the_source(article: Path):
    result = invoke(["check", "-f", "jsonl", str(article), "--src-pattern", "{stem}.ru.txt"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert row["src"] == SRC.strip()
    assert any(f["category"] == "number" and f["suggestion"] == "7" for f in row["flags"])


def test_check_with_src_pattern_and_no_such_source(article: Path):
    line = one_line_error(invoke(["check", str(article), "--src-pattern", "{stem}.de.txt"]))
    assert "article.de.txt" in line


# --- 9: python -m mtqa and --version -------------------------------------------------------------


def test_python_m_mtqa_and_version():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "mtqa", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("mtqa ") and run.stdout.split()[1][0].isdigit()
    helped = subprocess.run(
        [sys.executable, "-m", "mtqa", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert helped.returncode == 0 and "Usage: mtqa " in helped.stdout


# --- 10: help text --------------------------------------------------------------------------------


def _commands() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    out: list[tuple[str, object]] = [("", root)]
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        out.append((name, cmd))
        for sub, c in getattr(cmd, "commands", {}).items():
            out.append((f"{name} {sub}", c))
    return out


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_help_shows_no_python_types(name: str):
    result = invoke([*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    for python_type in ("<bool>", "<str>", "<int", "<float", "list[", "<path>", "<file>"):
        assert python_type not in result.stdout, f"{python_type} in `mtqa {name} --help`"
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage, usage


@pytest.mark.parametrize("name,cmd", [(n, c) for n, c in _commands() if n], ids=str)
def test_command_summaries_are_whole_sentences(name: str, cmd):
    summary = cmd.short_help or ""
    assert summary and "\n" not in summary and summary.endswith("."), (name, summary)


def test_checks_option_lists_the_available_checks():
    result = invoke(["check", "--help"], None)
    text = " ".join(result.stdout.split())
    for check in REGISTRY:
        assert check in text


@pytest.mark.parametrize("command", ["check", "serve", "evaluate"])
def test_model_and_device_on_every_command_that_checks(command: str):
    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    opts = {p.opts[0]: p for p in cmd.params if p.opts and p.opts[0].startswith("--")}
    assert "--device" in opts
    assert opts["--model"].multiple, f"{command} --model is not repeatable"


# --- 13: small things -----------------------------------------------------------------------------


def test_table_into_a_file_is_not_wrapped(tmp_path: Path):
    long = " ".join(["The delegation discussed the agreement"] * 8) + ".\n"
    p = tmp_path / "a.txt"
    p.write_text(long, encoding="utf-8")
    out = tmp_path / "report.txt"
    result = invoke(["check", str(p), "--no-color", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("signature: mtqa:") for line in lines) == 1
    signature = next(line for line in lines if line.startswith("signature: "))
    assert signature.endswith("cal:" + signature.rsplit("cal:", 1)[-1])  # one line, whole
    assert any(long.strip() in line for line in lines)
    assert "1 sentence, " in lines[1]


def test_output_file_kept_when_the_report_fails(tmp_path: Path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(MT, encoding="utf-8")
    out = tmp_path / "report.jsonl"
    out.write_text("yesterday's report\n", encoding="utf-8")

    def broken(doc, fmt, stream, color=None):  # type: ignore[no-untyped-def]
        stream.write("half a row")
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("mtqa.commands.check.render", broken)
    result = invoke(["check", str(p), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "yesterday's report\n"
    assert [f.name for f in tmp_path.iterdir()] != [] and not list(tmp_path.glob(".report.jsonl.*"))


def test_output_file_replaced_whole(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text(MT, encoding="utf-8")
    out = tmp_path / "report.jsonl"
    out.write_text("x" * 100_000, encoding="utf-8")
    os.chmod(out, 0o640)
    result = invoke(["check", str(p), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["mt"] == MT.strip()
    assert out.stat().st_mode & 0o777 == 0o640


# --- 3 (evaluate): a model that is not there, rows that have no human judgement -----------------


def _labelled(tmp_path: Path, with_scores: bool) -> Path:
    rows = [
        {
            "id": str(i),
            "mt": mt,
            "src": "Переговоры продолжатся.",
            **({"score": s} if with_scores else {}),
        }
        for i, (mt, s) in enumerate(
            [
                ("The talks will continue.", 90.0),
                ("The talks will the the continue.", 30.0),
                ("Talks continue will.", 40.0),
            ]
        )
    ]
    p = tmp_path / "rows.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return p


def test_evaluate_rows_without_human_judgements_is_an_error(tmp_path: Path):
    line = one_line_error(invoke(["evaluate", str(_labelled(tmp_path, False)), "--bootstrap", "0"]))
    assert "no human judgements" in line and "score" in line


def test_evaluate_with_scores_runs(tmp_path: Path):
    result = invoke(
        ["evaluate", str(_labelled(tmp_path, True)), "--bootstrap", "0", "--checks", "rules"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("models", [["/nonexistent/dir"], ["/nonexistent/a", "/nonexistent/b"]])
def test_evaluate_with_a_missing_model_is_an_error(tmp_path: Path, models: list[str]):
    args = [a for m in models for a in ("--model", m)]
    line = one_line_error(
        invoke(["evaluate", str(_labelled(tmp_path, True)), "--bootstrap", "0", *args])
    )
    assert "/nonexistent/a" in line or "/nonexistent/dir" in line
