"""scripts/eval_report.py end to end on a tiny copy of the evaluation data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eval_fixtures import shared_slice

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_report.py"


def load_script():
    spec = importlib.util.spec_from_file_location("eval_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_has_a_table_per_dataset_and_the_acceptance_rows(tmp_path: Path) -> None:
    data = tmp_path / "eval"
    data.mkdir()
    shared_slice("eval/mlqe_pe_ru-en.jsonl", 12, data)
    shared_slice("eval/demetr_ru-en.jsonl", 8, data)
    out = tmp_path / "results.md"
    args = ["--data", str(data), "--out", str(out), "--sample", "5", "--jobs", "1", "--no-qe"]
    assert load_script().main([*args, "--bootstrap", "0"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## demetr_ru-en" in text and "## mlqe_pe_ru-en" in text
    assert "Rows evaluated: 12." in text  # MLQE-PE is never subsampled
    assert "Rows evaluated: 5." in text  # other datasets are
    assert "| **quality (combined)** |" in text
    assert "Published figures for comparison" in text
    assert str(tmp_path) not in text  # no machine paths in the generated doc


def test_qe_section_says_it_was_skipped_without_torch(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "eval"
    data.mkdir()
    shared_slice("eval/mlqe_pe_ru-en.jsonl", 6, data)
    out = tmp_path / "results.md"
    script = load_script()
    monkeypatch.setattr(script, "qe_missing", lambda: "torch")
    args = ["--data", str(data), "--out", str(out), "--jobs", "1", "--bootstrap", "0"]
    assert script.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Neural quality estimation (`qe` check) on MLQE-PE ru-en" in text
    assert "Skipped: the `qe` check needs torch" in text
    assert "--no-qe" not in text.split("```")[1]  # the rerun line asks for the qe section
