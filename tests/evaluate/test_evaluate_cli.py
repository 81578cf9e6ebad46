"""`mtqa evaluate` end to end on tiny JSONL files (and small slices of the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_fixtures import labelled_rows, shared_slice, write_jsonl
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()


def evaluate(args: list[str]):
    return runner.invoke(app, ["evaluate", *args])


@pytest.fixture
def small(tmp_path: Path) -> Path:
    rows = labelled_rows("dev", 30) + labelled_rows("test20", 12, start=50)
    rows[0]["mt_tok"] = "word word word garbled"
    rows[0]["mt"] = "word word word garbled"
    rows[0]["mt_tags"] = "OK OK OK BAD"
    rows[0]["spans"] = [{"start": 15, "end": 22, "severity": "major", "category": None}]
    return write_jsonl(tmp_path / "small.part1.jsonl", rows)


def run_json(args: list[str]) -> dict:
    result = evaluate([*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_report_per_split_with_each_score(spy, small: Path) -> None:
    report = run_json([str(small), "--checks", "spy", "--bootstrap", "50"])
    groups = {g["split"]: g for g in report["groups"]}
    assert set(groups) == {"dev", "test20"}
    dev = groups["dev"]
    assert dev["dataset"] == "small" and dev["lang_pair"] == "ru-en" and dev["rows"] == 30
    assert dev["inputs"] == "mt+src"
    assert set(dev["sentence"]) == {"quality", "spy_len", "spy_src"}
    pearson = dev["sentence"]["spy_len"]["pearson"]
    assert pearson["low"] <= pearson["value"] <= pearson["high"]
    assert pearson["value"] > 0.5  # DA rises with length in the synthetic rows
    assert set(dev["sentence"]["quality"]) == {"pearson", "spearman", "kendall"}
    # The one tagged row: the spy flags exactly the BAD token.
    assert dev["word"]["tokens"] == 4 and dev["word"]["mcc"] == 1.0
    assert dev["span"]["recall"] > 0
    assert report["settings"]["checks"] == ["spy"]
    assert "spy@1" in report["signatures"]["ru-en"]


def test_no_src_hides_the_source(spy, small: Path) -> None:
    report = run_json([str(small), "--checks", "spy", "--bootstrap", "0", "--no-src"])
    for g in report["groups"]:
        assert g["inputs"] == "mt"
        assert "spy_src" not in g["sentence"]
        assert g["sentence"]["spy_len"]["pearson"]["low"] is None  # no bootstrap asked


def test_split_limit_and_sample_select_rows(spy, small: Path) -> None:
    report = run_json([str(small), "--checks", "spy", "--bootstrap", "0", "--split", "test20"])
    assert [(g["split"], g["rows"]) for g in report["groups"]] == [("test20", 12)]
    report = run_json([str(small), "--checks", "spy", "--bootstrap", "0", "--limit", "5"])
    assert [(g["split"], g["rows"]) for g in report["groups"]] == [("dev", 5)]
    a = run_json([str(small), "--checks", "spy", "--bootstrap", "0", "--sample", "7"])
    b = run_json([str(small), "--checks", "spy", "--bootstrap", "0", "--sample", "7"])
    assert a == b and [g["rows"] for g in a["groups"]] == [7, 7]


def test_contrastive_pairs_by_severity(spy, tmp_path: Path) -> None:
    rows = []
    for i in range(6):
        good = "The minister spoke on Monday about the plan."
        rows.append(
            {
                "id": f"d.{i}",
                "lang_pair": "ru-en",
                "src": "Министр говорил",
                "mt_good": good,
                # Three perturbations shorten the text, three add garbage: spy_len prefers longer.
                "mt": good[:20] if i < 3 else good + " garbled",
                "ref": good,
                "score": None,
                "spans": None,
                "severity": "critical" if i < 3 else "minor",
                "perturbation": "removal" if i < 3 else "addition",
            }
        )
    path = write_jsonl(tmp_path / "demetr.jsonl", rows)
    report = run_json([str(path), "--checks", "spy", "--bootstrap", "0"])
    pairs = report["groups"][0]["pairs"]
    assert pairs["spy_len"]["severity:critical"] == 1.0
    assert pairs["spy_len"]["severity:minor"] == 0.0
    assert pairs["spy_len"]["all"] == 0.5 and pairs["spy_len"]["n"] == 6
    assert pairs["spy_len"]["type:removal"] == 1.0
    assert report["groups"][0]["sentence"] == {}  # no human scores in contrastive files


@pytest.mark.parametrize("fmt, marker", [("table", "Pearson [95% CI]"), ("markdown", "|---|")])
def test_table_and_markdown(spy, small: Path, fmt: str, marker: str) -> None:
    result = evaluate([str(small), "--checks", "spy", "--bootstrap", "20", "-f", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.output
    assert "small · ru-en · dev · inputs mt+src · 30 rows" in result.output
    assert "spy_len" in result.output and "MCC" in result.output


def test_output_file(spy, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = evaluate(
        [str(small), "--checks", "spy", "--bootstrap", "0", "-f", "markdown", "-o", str(out)]
    )
    assert result.exit_code == 0 and result.output == ""
    assert "spy_len" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("{not json\n", [], "not valid JSON"),
        ('{"id": "a"}\n', [], "field 'mt'"),
        ('{"mt": "abc", "spans": [{"start": 2, "end": 9}]}\n', [], "outside mt"),
        ('{"mt": "a b", "mt_tok": "a b", "mt_tags": "OK"}\n', [], "mt_tags"),
        ('{"mt": "abc", "score": "high"}\n', [], "must be a number"),
        ('{"mt": "abc", "split": "dev"}\n', ["--split", "test20"], "no rows"),
        ('{"mt": "abc"}\n', ["--format", "yaml"], "unknown format"),
        ('{"mt": "abc"}\n', ["--checks", "nosuchcheck"], "unknown check"),
        ('{"mt": "abc"}\n', ["--checks", ","], "at least one"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, content: str, args: list[str], message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    result = evaluate([str(path), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = evaluate([str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "cannot read" in result.output


def test_real_slices_with_the_fluency_check(tmp_path: Path) -> None:
    mlqe = shared_slice("eval/mlqe_pe_ru-en.jsonl", 40, tmp_path)
    demetr = shared_slice("eval/demetr_ru-en.jsonl", 12, tmp_path)
    report = run_json([str(mlqe), str(demetr), "--checks", "fluency,reference", "--bootstrap", "0"])
    groups = {g["dataset"]: g for g in report["groups"]}
    assert groups["mlqe_pe_ru-en"]["word"]["tokens"] > 40 * 3
    assert "fluency" in groups["mlqe_pe_ru-en"]["sentence"]
    assert groups["demetr_ru-en"]["pairs"]["chrf"]["n"] == 12
    # chrF against the reference should prefer the unperturbed translation most of the time.
    assert groups["demetr_ru-en"]["pairs"]["chrf"]["all"] > 0.5
