"""`mtqa check --model` and `mtqa models` from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()


def _files(tmp_path: Path, sentences: tuple[list[str], list[str]]) -> tuple[Path, Path]:
    ru, en = sentences
    src, mt = tmp_path / "a.ru.txt", tmp_path / "a.en.txt"
    src.write_text("\n".join(ru) + "\n", encoding="utf-8")
    mt.write_text("\n".join(en) + "\n", encoding="utf-8")
    return src, mt


def test_check_with_models_adds_neural_scores(
    tmp_path: Path, sentences: tuple[list[str], list[str]], marian_template: str, gpt2_dir: str
) -> None:
    src, mt = _files(tmp_path, sentences)
    args = ["check", str(mt), "--src", str(src), "--lines", "-f", "jsonl", "--device", "cpu"]
    result = runner.invoke(app, [*args, "--model", marian_template, "--model", gpt2_dir])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(sentences[1])
    for row in rows:
        for score in ("forced_logprob", "pseudo_chrf", "bt_chrf", "surprisal_bits"):
            assert score in row["scores"]
    assert "forced@1[model:" in rows[0]["signature"]


def test_missing_model_exits_2_in_under_5_seconds(
    tmp_path: Path, sentences: tuple[list[str], list[str]], empty_hub: Path
) -> None:
    src, mt = _files(tmp_path, sentences)
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"}
    cmd = [
        sys.executable,
        "-m",
        "mtqa.cli",
        "check",
        str(mt),
        "--src",
        str(src),
        "--model",
        "opus-mt",
    ]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env, timeout=60)
    elapsed = time.perf_counter() - start
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "mtqa models pull opus-mt" in lines[0], out.stderr
    assert "torch" not in out.stderr
    assert elapsed < 5.0


def test_bad_device_exits_2(
    tmp_path: Path, sentences: tuple[list[str], list[str]], marian_template: str
) -> None:
    src, mt = _files(tmp_path, sentences)
    args = ["check", str(mt), "--src", str(src), "--model", marian_template, "--device", "tpu"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--device" in result.output


def test_models_info_and_list(model_dir: Path, empty_hub: Path) -> None:
    info = runner.invoke(app, ["models", "info", str(model_dir / "tiny-gpt2")])
    assert info.exit_code == 0 and "kind:      causal" in info.stdout
    missing = runner.invoke(app, ["models", "info", "nllb"])
    assert missing.exit_code == 2 and "mtqa models pull nllb" in missing.output
    listing = runner.invoke(app, ["models", "list"])
    assert listing.exit_code == 0
    for alias in ("opus-mt", "nllb", "gpt2"):
        assert alias in listing.stdout


def test_models_list_shows_pulled_pairs(model_dir: Path, empty_hub: Path) -> None:
    import shutil

    repo = empty_hub / "models--Helsinki-NLP--opus-mt-ru-en"
    shutil.copytree(model_dir / "tiny-ru-en", repo / "snapshots" / "c0ffee")
    listing = runner.invoke(app, ["models", "list"])
    line = next(x for x in listing.stdout.splitlines() if x.startswith("opus-mt"))
    assert "present: ru-en" in line


def test_evaluate_with_models_adds_neural_scores(
    tmp_path: Path, sentences: tuple[list[str], list[str]], marian_template: str, gpt2_dir: str
) -> None:
    """Issue 14.3/14.10: `evaluate --model` is repeatable and the models' checks really run."""
    ru, en = sentences
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(
            json.dumps({"id": str(i), "mt": m, "src": s, "score": float(i)}, ensure_ascii=False)
            + "\n"
            for i, (m, s) in enumerate(zip(en, ru))
        ),
        encoding="utf-8",
    )
    args = ["evaluate", str(rows), "--bootstrap", "0", "-f", "json", "--device", "cpu"]
    result = runner.invoke(app, [*args, "--model", marian_template, "--model", gpt2_dir])
    assert result.exit_code == 0, result.output
    text = result.stdout
    for score in ("forced_logprob", "pseudo_chrf", "surprisal_bits"):
        assert score in text
