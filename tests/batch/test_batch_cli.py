"""`mtqa batch` end to end: the output contract, faults, workers, resume after kills, the report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from batch_helpers import (
    CHECKS,
    article,
    content_rows,
    dump,
    html_page,
    last_rows,
    long_body,
    rows,
    rss_feed,
)
from typer.testing import CliRunner

from mtqa.batch import BatchConfig, CheckerSpec, run_batch
from mtqa.cli import app

SENTENCE_KEYS = {"id", "index", "mt", "src", "ref", "quality", "scores", "flags", "signature"}


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", "--checks", CHECKS, "--no-progress", *args])
    return result.exit_code, result.output


def test_mixed_inputs_rows_report_and_faults(tmp_path: Path, http_root: tuple[str, Path]) -> None:
    base, www = http_root
    (www / "feed.rss").write_text(rss_feed(2), encoding="utf-8")
    (www / "story.html").write_text(html_page("Served story", long_body(3)), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(
        html_page("Saved story", long_body(1)), encoding="utf-8"
    )
    (tmp_path / "in" / "bad.txt").write_bytes(b"caf\xe9 latin-1 text")
    with zipfile.ZipFile(tmp_path / "in" / "old.zip", "w") as z:
        z.writestr("2019/a.txt", article(7))
    out, report = tmp_path / "r.jsonl", tmp_path / "report.json"
    code, output = batch(
        str(tmp_path / "in"),
        f"{base}/feed.rss",
        f"{base}/story.html",
        "--out",
        str(out),
        "--report",
        str(report),
    )
    assert code == 0, output
    all_rows = rows(out)
    assert all_rows[-1]["row"] == "run"
    assert [r["row"] for r in all_rows].count("run") == 1
    docs = last_rows(out)
    assert len(docs) == 6
    errors = [r for r in docs.values() if r["row"] == "error"]
    assert [e["doc_id"] for e in errors] == [str(tmp_path / "in" / "bad.txt")]
    assert "UTF-8" in errors[0]["error"]
    for r in all_rows:
        if r["row"] == "sentence":
            assert SENTENCE_KEYS | {"row", "doc_id", "source"} == set(r)
            assert r["doc_id"] in docs and docs[r["doc_id"]]["row"] == "document"
    # Each document's sentence rows come right before its summary row, counted by it.
    for doc_id, last in docs.items():
        if last["row"] == "document":
            n = sum(1 for r in all_rows if r["row"] == "sentence" and r["doc_id"] == doc_id)
            assert n == last["summary"]["sentences"] > 0
    feed_doc = docs[f"{base}/feed.rss#urn:news:0"]
    assert feed_doc["meta"]["link"] == "https://news.example/a/0"
    run = all_rows[-1]
    assert (run["done"], run["failed"], run["skipped"], run["documents"]) == (5, 1, 0, 6)

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["documents"] == 6 and data["failed"] == 1
    assert sum(data["quality"]["distribution"].values()) == 5
    qualities = [d["quality"] for d in data["worst_documents"]]
    assert qualities == sorted(qualities) and len(qualities) == 5
    assert (
        f"{base}/feed.rss" in data["groups"]
        and data["groups"][f"{base}/feed.rss"]["documents"] == 2
    )
    assert "Worst documents" in output and "By feed / folder" in output

    code, output = batch(str(tmp_path / "in"), "--out", str(out), "--fail-on-error")
    assert code == 1 and "1 document(s) failed" in output


def test_a_failing_check_fails_only_its_document(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        "".join(
            json.dumps({"text": t}) + "\n"
            for t in (article(1), "This sentence says KABOOM loudly.", article(2))
        ),
        encoding="utf-8",
    )
    spec = CheckerSpec(checks=(CHECKS,), extra=("batch_boom:BoomCheck",))
    for workers in (1, 2):
        out = tmp_path / f"r{workers}.jsonl"
        result = run_batch(BatchConfig((str(path),), out, spec, workers=workers, progress=False))
        kinds = [r["row"] for r in last_rows(out).values()]
        assert kinds == ["document", "error", "document"]
        error = last_rows(out)[f"{path}:2"]
        assert error["stage"] == "check" and "boom check exploded" in error["error"]
        assert (result.run["done"], result.run["failed"]) == (2, 1)


def test_two_workers_write_what_one_writes(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 30)
    batch(str(src), "--out", str(tmp_path / "one.jsonl"))
    code, output = batch(str(src), "--out", str(tmp_path / "two.jsonl"), "--workers", "2")
    assert code == 0, output
    assert content_rows(tmp_path / "one.jsonl") == content_rows(tmp_path / "two.jsonl")


def test_rerun_skips_and_torn_tail_is_repaired(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 12)
    full = tmp_path / "full.jsonl"
    batch(str(src), "--out", str(full))
    code, _ = batch(str(src), "--out", str(full))
    assert code == 0
    assert rows(full)[-1]["skipped"] == 12 and rows(full)[-1]["done"] == 0
    expected = content_rows(full)

    # A run killed in the middle of writing document 7: half its block is on disk.
    data = full.read_bytes()
    lines = data.splitlines(keepends=True)
    ends = [i for i, line in enumerate(lines) if line.startswith(b'{"row": "document"')]
    cut = b"".join(lines[: ends[5] + 1]) + b"".join(lines[ends[5] + 1 : ends[6]])[:-40]
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(cut)
    code, _ = batch(str(src), "--out", str(torn))
    assert code == 0
    assert content_rows(torn) == expected
    assert rows(torn)[-1]["skipped"] == 6 and rows(torn)[-1]["done"] == 6


def _mtqa(*args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mtqa.cli",
        "batch",
        "--checks",
        CHECKS,
        "--no-progress",
        "--no-summary",
        *args,
    ]


def _wait_for_documents(
    path: Path, n: int, proc: subprocess.Popen[bytes], limit_s: float = 60
) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b'{"row": "document"') >= n:
            return
        assert proc.poll() is None, "the batch finished before it could be stopped"
        time.sleep(0.005)
    raise AssertionError("no progress")


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    tmp = tmp_path_factory.mktemp("uninterrupted")
    src = dump(tmp / "d.jsonl", 200)
    expected_out = tmp / "expected.jsonl"
    subprocess.run(_mtqa(str(src), "--out", str(expected_out)), check=True, timeout=300)
    return src, content_rows(expected_out)


@pytest.mark.parametrize(
    ("sig", "workers"), [(signal.SIGKILL, "1"), (signal.SIGKILL, "2"), (signal.SIGTERM, "1")]
)
def test_killed_run_resumes_to_the_uninterrupted_output(
    tmp_path: Path,
    sig: signal.Signals,
    workers: str,
    uninterrupted: tuple[Path, list[dict[str, object]]],
) -> None:
    src, expected = uninterrupted

    out = tmp_path / "killed.jsonl"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        _mtqa(str(src), "--out", str(out), "--workers", workers), env=env, stderr=subprocess.PIPE
    )
    _wait_for_documents(out, 20, proc)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    if sig == signal.SIGTERM:
        assert proc.returncode == 130
    partial = out.read_bytes()
    assert b'{"row": "run"' not in partial
    done_before = partial.count(b'{"row": "document"')
    assert 20 <= done_before < 200

    subprocess.run(
        _mtqa(str(src), "--out", str(out), "--workers", workers), check=True, timeout=300
    )
    assert content_rows(out) == expected
    run = rows(out)[-1]
    assert run["skipped"] + run["done"] == 200 and run["skipped"] >= done_before - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.txt"], "no such file"),
        (["-"], "mtqa batch does not read standard input"),
        (["{d}", "--workers", "0"], "--workers"),
        (["{d}", "--bogus"], "mtqa: error: No such option: --bogus"),
        (["{d}", "--engine", "spark"], "unknown engine"),
        (["{d}", "--checks", "nosuch"], "unknown check"),
        (["{d}", "--src-tree", "nowhere"], "not a directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    d = dump(tmp_path / "d.jsonl", 1)
    code, output = batch(
        *[a.replace("{d}", str(d)) for a in args], "--out", str(tmp_path / "o.jsonl")
    )
    assert code == 2, output
    assert message in output and "Traceback" not in output


def test_a_profile_name_is_accepted_like_in_check(tmp_path: Path) -> None:
    """`--checks offline` names a profile, as `mtqa check` and the docs allow (it used to fail
    with "unknown check 'offline'")."""
    d = dump(tmp_path / "d.jsonl", 1)
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(
        app, ["batch", "--checks", "offline", "--no-progress", str(d), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    sentences = [r for r in rows(out) if r.get("row") == "sentence"]
    assert sentences and all("checks:fluency@" in r["signature"] for r in sentences)
    assert not any("qe@" in r["signature"] for r in sentences)
