"""The results file is never lost: --out refuses other files and inputs, resume parses JSON and cuts
only a torn tail, one run at a time holds the file, and error rows can be retried."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import CHECKS, article, content_rows, last_rows, rows
from typer.testing import CliRunner

from mtqa.cli import app


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", "--checks", CHECKS, "--no-progress", *args])
    return result.exit_code, result.output


def dump(path: Path, n: int) -> Path:
    path.write_text(
        "".join(json.dumps({"text": article(i)}) + "\n" for i in range(n)), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "content",
    [b"notes\n", b"my notes without a newline", b'{"a": 1}\n{"b": 2}\n', b'["row", "document"]\n'],
)
def test_out_refuses_a_file_that_is_not_mtqa_results(tmp_path: Path, content: bytes) -> None:
    src = dump(tmp_path / "d.jsonl", 2)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(content)
    code, output = batch(str(src), "--out", str(notes))
    assert code == 2, output
    assert "not an mtqa results file" in output and "Traceback" not in output
    assert notes.read_bytes() == content


def test_out_refuses_its_own_input(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 2)
    before = src.read_bytes()
    code, output = batch(str(src), "--out", str(src))
    assert code == 2 and "is one of the inputs" in output
    assert src.read_bytes() == before


def test_out_inside_an_input_directory_is_not_read_as_input(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    out = d / "results.jsonl"
    for _ in range(2):
        code, output = batch(str(d), "--out", str(out))
        assert code == 0, output
    assert list(last_rows(out)) == [str(d / "a.txt")]


def test_empty_out_file_is_fine(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 2)
    out = tmp_path / "r.jsonl"
    out.write_bytes(b"")
    code, output = batch(str(src), "--out", str(out))
    assert code == 0, output
    assert len(last_rows(out)) == 2


def test_resume_after_reformatting_with_jq_style_json(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 4)
    out = tmp_path / "r.jsonl"
    assert batch(str(src), "--out", str(out))[0] == 0
    expected = content_rows(out)
    # `jq -c .`: compact separators, same keys and order.
    compact = "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows(out)
    )
    out.write_text(compact, encoding="utf-8")
    code, output = batch(str(src), "--out", str(out))
    assert code == 0, output
    assert content_rows(out) == expected
    assert rows(out)[-1]["skipped"] == 4 and rows(out)[-1]["done"] == 0
    assert out.read_text(encoding="utf-8").startswith(compact)


def test_resume_keeps_malformed_lines_and_cuts_only_a_torn_tail(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 3)
    out = tmp_path / "r.jsonl"
    assert batch(str(src), "--out", str(out))[0] == 0
    data = out.read_bytes()
    lines = data.splitlines(keepends=True)
    # A hand edit in the middle, and a torn last line.
    edited = lines[0] + b"this is not json\n" + b"".join(lines[1:]) + b'{"row": "sentence", "doc_'
    out.write_bytes(edited)
    code, output = batch(str(src), "--out", str(out))
    assert code == 0, output
    after = out.read_bytes()
    assert after.startswith(edited[: -len(b'{"row": "sentence", "doc_')])
    assert b"this is not json\n" in after
    run = json.loads(after.splitlines()[-1])
    assert (run["skipped"], run["done"], run["malformed_lines"]) == (3, 0, 1)
    assert "not mtqa rows" in output


def test_second_batch_on_the_same_out_refuses(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 2)
    out = tmp_path / "r.jsonl"
    out.write_bytes(b"")
    with open(out, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running batch holds it
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "mtqa.cli",
                "batch",
                "--checks",
                CHECKS,
                "--no-progress",
                str(src),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another mtqa batch" in lines[0]
    assert out.read_bytes() == b""


def test_error_rows_are_retried_with_retry_failed(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    (d / "b.txt").write_bytes(b"caf\xe9 latin-1 text")  # fails until it is fixed
    out = tmp_path / "r.jsonl"
    assert batch(str(d), "--out", str(out))[0] == 0
    assert last_rows(out)[str(d / "b.txt")]["row"] == "error"

    code, output = batch(str(d), "--out", str(out))
    assert code == 0
    run = rows(out)[-1]
    assert (run["skipped"], run["failed_untried"], run["failed_total"]) == (2, 1, 1)
    assert "1 document(s) failed in an earlier run and were not tried again" in output

    (d / "b.txt").write_text(article(2), encoding="utf-8")
    code, output = batch(str(d), "--out", str(out), "--retry-failed")
    assert code == 0, output
    run = rows(out)[-1]
    assert (run["done"], run["retried"], run["skipped"], run["failed_total"]) == (1, 1, 1, 0)
    assert run["documents"] == 2
    assert last_rows(out)[str(d / "b.txt")]["row"] == "document"
    # A later rerun counts the document once, as done.
    assert batch(str(d), "--out", str(out))[0] == 0
    run = rows(out)[-1]
    assert (run["documents"], run["failed_total"], run["skipped"]) == (2, 0, 2)
