"""Issue 14.4: a missing optional package is one line naming what to install, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title>'
    "<description>The talks will continue.</description></item></channel></rss>"
)
PAGE = "<html><body><article><p>The talks will continue in Geneva, officials said.</p></article></body></html>"


def run_without(blocked: list[str], args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run mtqa with ``blocked`` modules unimportable (as if not installed)."""
    code = (
        "import sys\n"
        f"for m in {blocked!r}: sys.modules[m] = None\n"
        "from mtqa.cli import main\n"
        f"sys.argv = ['mtqa', *{args!r}]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_install_hint(text: str, package: str, extra: str) -> None:
    assert "Traceback" not in text and "ModuleNotFoundError" not in text
    assert f"'{package}'" in text and f"pip install '.[{extra}]'" in text


def test_models_list_without_huggingface_hub(tmp_path: Path):
    run = run_without(
        ["huggingface_hub", "huggingface_hub.constants"], ["models", "list"], tmp_path
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("mtqa: error: ") and len(run.stderr.strip().splitlines()) == 1
    assert_install_hint(run.stderr, "huggingface_hub", "neural")


def test_batch_feed_without_feedparser(tmp_path: Path):
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    run = run_without(["feedparser"], ["batch", "feed.xml", "--out", "out.jsonl"], tmp_path)
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("mtqa: error: ")
    assert_install_hint(run.stderr, "feedparser", "batch")


def test_batch_page_without_trafilatura_is_an_error_row(tmp_path: Path):
    pytest.importorskip("feedparser")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    run = run_without(["trafilatura"], ["batch", "page.html", "--out", "out.jsonl"], tmp_path)
    assert "Traceback" not in run.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    errors = [r for r in rows if r.get("error")]
    assert len(errors) == 1
    assert_install_hint(errors[0]["error"], "trafilatura", "batch")


def test_no_message_advises_installing_mtqa_from_an_index():
    """mtqa is installed from a clone: every install hint comes from mtqa.deps.install_hint."""
    root = Path(__file__).resolve().parents[2] / "mtqa"
    offenders = [
        f"{p.relative_to(root.parent)}:{n}"
        for p in root.rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "pip install 'mtqa[" in line or 'pip install "mtqa[' in line
    ]
    assert not offenders, offenders


def test_check_page_without_trafilatura(tmp_path: Path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    run = run_without(["trafilatura"], ["check", "page.html", "--checks", "rules"], tmp_path)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("mtqa: error: ") and len(run.stderr.strip().splitlines()) == 1
    assert_install_hint(run.stderr, "trafilatura", "batch")
