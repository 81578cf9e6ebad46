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
    args = ["--data", str(data), "--out", str(out), "--sample", "5", "--jobs", "1", "--no-default"]
    assert load_script().main([*args, "--bootstrap", "0"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "### demetr_ru-en" in text and "### mlqe_pe_ru-en" in text
    assert "## The offline profile (`--checks offline`), every dataset" in text
    assert "Rows evaluated: 12." in text  # MLQE-PE is never subsampled
    assert "Rows evaluated: 5." in text  # other datasets are
    assert "| **quality (combined)** |" in text
    assert "Published figures for comparison" in text
    assert str(tmp_path) not in text  # no machine paths in the generated doc


def test_default_section_says_it_was_skipped_without_torch(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "eval"
    data.mkdir()
    shared_slice("eval/mlqe_pe_ru-en.jsonl", 6, data)
    out = tmp_path / "results.md"
    script = load_script()
    monkeypatch.setattr(script, "neural_missing", lambda: "torch")
    args = ["--data", str(data), "--out", str(out), "--jobs", "1", "--bootstrap", "0"]
    assert script.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "## The default profile: offline checks + the neural `qe` model" in text
    assert "Skipped: the default's neural check needs torch" in text
    assert "--no-default" not in text.split("```")[1]  # the rerun line asks for the section


def test_clean_articles_are_the_references_grouped_by_document(tmp_path: Path) -> None:
    from mtqa.evaluate.dataset import EvalRow

    def row(i: int, doc: str, ref: str) -> EvalRow:
        return EvalRow(
            id=f"r{i}",
            dataset="wmt21_da_ru-en_news",
            lang_pair="ru-en",
            split="all",
            mt=f"mt {i}",
            src=f"src {ref}",
            ref=ref,
            doc_id=doc,
        )

    # Two systems translate the same two documents: each reference is one sentence, once.
    rows = [
        row(1, "b", "B1"),
        row(2, "a", "A1"),
        row(3, "a", "A2"),
        row(4, "a", "A1"),
        row(5, "b", "B1"),
        row(6, "b", "B2"),
    ]
    docs = load_script().clean_documents({"wmt21_da_ru-en_news": rows}, None)
    assert [[s.mt for s in d] for d in docs] == [["A1", "A2"], ["B1", "B2"]]
    assert [s.src for s in docs[0]] == ["src A1", "src A2"]
    assert [s.index for s in docs[1]] == [0, 1]
    assert len(load_script().clean_documents({"wmt21_da_ru-en_news": rows}, 1)) == 1
