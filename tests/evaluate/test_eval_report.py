"""scripts/eval_report.py: end to end on a tiny copy of the evaluation data, and each section of
the default profile (runs, garbles, clean articles, acceptance) on small fixtures with the spy
check."""

from __future__ import annotations

import importlib.util
import json
import shlex
import sys
from pathlib import Path

import pytest
from eval_fixtures import labelled_rows, shared_slice, write_jsonl
from typer.testing import CliRunner

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_report.py"


def load_script():
    spec = importlib.util.spec_from_file_location("eval_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_report"] = module  # its dataclasses look their module up
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
    # The acceptance table comes first and says nothing was measured rather than leaving lines out
    assert text.index("## Acceptance at a glance") < text.index("## The default profile")
    table = [line for line in text.splitlines() if line.startswith("| 1")]
    assert len(table) >= 20 and all("| not measured |" in line for line in table)


# --- acceptance verdicts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "at_most", "value", "verdict"),
    [
        (0.65, False, 0.70, "**met**"),
        (0.65, False, 0.60, "not met"),
        (0.65, False, 0.6496, "**met**"),  # shown as 0.650: judged as shown
        (0.65, False, 0.6494, "not met"),  # shown as 0.649
        (0.08, True, 0.05, "**met**"),
        (0.08, True, 0.081, "not met"),
        (0.08, True, 0.0804, "**met**"),  # shown as 8.0%
        (None, False, 0.3, "reported"),
        (0.85, False, None, "not measured"),
        (0.85, False, float("nan"), "not measured"),
    ],
)
def test_verdict_compares_the_value_as_shown_with_the_target(
    target: float | None, at_most: bool, value: float | None, verdict: str
) -> None:
    c = load_script().Criterion(10, "x", target, at_most, value, "C1", percent=at_most)
    assert c.verdict() == verdict
    assert c.row().split(" | ")[4] == verdict


def _group(dataset: str, split: str, rows: int, **kw):
    from mtqa.evaluate.runner import GroupReport

    return GroupReport(dataset, "ru-en", split, "mt+src", rows, **kw)


def _pearson(value: float) -> dict:
    from mtqa.evaluate.metrics import Estimate

    return {m: Estimate(value) for m in ("pearson", "spearman", "kendall")}


def test_acceptance_lines_read_each_issue_target_from_the_runs() -> None:
    from mtqa.evaluate.metrics import SpanScores, TagScores

    script = load_script()
    Run = script.Run
    test20, wmt22, wmt23 = script.TEST20, script.WMT22, script.WMT23
    runs = {
        r.key: (r, g)
        for r, g in [
            (
                Run(*test20),
                _group(
                    *test20,
                    1000,
                    sentence={"quality": _pearson(0.66), "qe": _pearson(0.71)},
                    word=TagScores(0.30, 0.4, 0.9, 100),
                ),
            ),
            (Run(*test20, "qe"), _group(*test20, 1000, word=TagScores(0.36, 0.4, 0.9, 100))),
            (
                Run(*wmt22, cap=600),
                _group(*wmt22, 600, sentence={"quality": _pearson(0.24), "qe": _pearson(0.31)}),
            ),
            (
                Run(script.DEMETR, "all"),
                _group(
                    script.DEMETR,
                    "all",
                    20,
                    pairs={
                        "quality": {"all": 0.8, "type:id7_antonym": 0.5, "type:x": 0.9, "n": 10}
                    },
                ),
            ),
            (
                Run(*wmt23, "qe", cap=400),
                _group(*wmt23, 400, span=SpanScores(0.2, 0.4, 0.2667, 10, 20)),
            ),
        ]
    }
    garbles = {
        ("default", "mt+src"): {
            "minor": {"family_mean_recall": 0.72, "clean_flagged_share": 0.2},
            "major": {"family_mean_recall": 0.5, "clean_flagged_share": 0.04},
        }
    }
    clean_all = script.CleanRates(
        187,
        2037,
        {"articles_major": 0.04, "sentences_any": 0.09, "sentences_major": 0.01},
        0.0,
        [70.0],
        1.0,
    )
    clean = {("all", False): clean_all}
    commands = script.Commands("../shared/data/eval", {"wmt22_da_ru-en_news": ["a.part1", "b"]})
    items = script.criteria(runs, garbles, clean, script.GARBLE_TEST, commands)
    verdicts = {(c.issue, c.what): c.verdict() for c in items}

    def verdict(issue: int, words: str) -> str:
        hits = [v for (i, what), v in verdicts.items() if i == issue and words in what]
        assert len(hits) == 1, (words, hits)
        return hits[0]

    assert verdict(11, "test20 (1000 rows), source: Pearson of the default's") == "**met**"
    assert verdict(12, "test20, source: Pearson of the default's") == "not met"  # 0.66 < 0.70
    assert verdict(11, "WMT22 DA ru-en news (600 rows)") == "not met"  # 0.24 < 0.25
    assert verdict(12, "test20, source: Pearson of the `qe` score") == "**met**"
    assert (
        verdict(12, "WMT22 DA ru-en news, source, no reference: Pearson of the `qe`") == "**met**"
    )
    assert verdict(10, "word MCC of the default (word tags: auto)") == "not met"  # 0.30 < 0.35
    assert verdict(12, "source: word MCC of the `qe` check alone") == "**met**"
    assert verdict(12, "source: span F1 of the `qe` check alone") == "**met**"
    assert verdict(12, "span F1 of the default's flags") == "not measured"
    assert verdict(10, "articles with a major or critical flag") == "**met**"  # 4% ≤ 5%
    assert verdict(10, "target only: sentences with any flag") == "not met"  # 9% > 8%
    assert verdict(10, "with the WMT sources") == "not measured"
    assert verdict(10, "(10 pairs), source, no reference: pair accuracy") == "not met"
    lowest = next(c for c in items if "per perturbation type" in c.what)
    assert lowest.verdict() == "reported" and lowest.value == 0.5
    assert "0.500 (id7_antonym, of 2 types)" in lowest.row()
    assert verdict(12, "default, source: mean recall over families (any flag)") == "**met**"
    assert verdict(12, "default, source: uncorrupted sentences with any flag") == "not met"
    assert verdict(12, "default, source: uncorrupted sentences with a major") == "**met**"
    assert verdict(12, "target only: WMT23 MQM zh-en news, span F1") == "not measured"
    # Each line names the command that reproduces it, listed once under the table.
    row = next(c for c in items if "WMT22 DA ru-en news (600 rows)" in c.what)
    listed = dict(line[2:].split(": ", 1) for line in commands.lines() if line)
    assert listed[row.command] == (
        "`mtqa evaluate ../shared/data/eval/wmt22_da_ru-en_news.part*.jsonl --no-ref --sample 600`"
    )
    assert len(set(listed.values())) == len(listed)


@pytest.mark.parametrize(
    ("run", "command"),
    [
        (("mlqe_pe_ru-en", "test20"), "mtqa evaluate F --split test20 --no-ref"),
        (
            ("mlqe_pe_ru-en", "test20", "qe", "mt"),
            "mtqa evaluate F --split test20 --checks qe --no-src --no-ref",
        ),
        (("wmt23", "all", "default", "mt+src", 400), "mtqa evaluate F --no-ref --sample 400"),
    ],
)
def test_run_commands(run: tuple, command: str) -> None:
    assert load_script().Run(*run).command("F") == command


def test_a_runs_command_reproduces_its_figures(spy, tmp_path: Path) -> None:
    """The `mtqa evaluate` line printed beside a figure scores the same rows the report did."""
    from mtqa.cli import app

    rows = labelled_rows("dev", 20) + labelled_rows("test20", 30, start=40)
    data = tmp_path / "eval"
    data.mkdir()
    write_jsonl(data / "toy.part1.jsonl", rows[:25])
    write_jsonl(data / "toy.part2.jsonl", rows[25:])
    script = load_script()
    datasets = {"toy": [r for p in sorted(data.iterdir()) for r in script.read_rows(p)]}
    run = script.Run("toy", "test20", "spy", "mt", cap=17)
    reports, _ = script.default_runs(datasets, 0, runs=[run])
    _, group = reports[run.key]
    commands = script.Commands(str(data), {"toy": ["toy.part1.jsonl", "toy.part2.jsonl"]})
    argv = shlex.split(run.command(commands.files_of("toy")))
    files = sorted(str(p) for p in data.iterdir())  # the shell's expansion of part*.jsonl
    argv = [*files, *argv[3:], "--format", "json", "--bootstrap", "0"]
    out = CliRunner().invoke(app, ["evaluate", *argv])
    assert out.exit_code == 0, out.output
    [cli] = json.loads(out.output)["groups"]
    assert cli["rows"] == group.rows == 17
    assert cli["inputs"] == group.inputs == "mt"
    assert cli["sentence"]["spy_len"]["pearson"]["value"] == round(
        group.sentence["spy_len"]["pearson"].value, 4
    )


# --- synthetic garbles --------------------------------------------------------------------------


GARBLES = [
    {
        "id": "g1",
        "src": "с",
        "mt": "a garbled word",
        "spans": [{"start": 2, "end": 9, "category": "name"}],
    },
    {
        "id": "g2",
        "src": "с",
        "mt": "the wrong sense",
        "spans": [{"start": 4, "end": 9, "category": "wrong_sense"}],
    },
    {"id": "g3", "src": "с", "mt": "a clean garbled one", "spans": []},
    {"id": "g4", "src": "с", "mt": "a clean one", "spans": []},
]


def test_garble_recall_per_family_with_and_without_the_source(spy, tmp_path: Path) -> None:
    script = load_script()
    reports, _signatures = script.garble_runs(GARBLES, checks=("spy",))
    assert set(reports) == {("spy", "mt+src"), ("spy", "mt")}
    for floor in ("minor", "major"):  # the spy flags at major
        got = reports[("spy", "mt+src")][floor]
        assert got["recall"] == {"name": 1.0, "wrong_sense": 0.0}
        assert got["family_mean_recall"] == 0.5 and got["clean_flagged_share"] == 0.5
    seen = spy.SEEN
    assert seen.count("a garbled word") == 2  # once per inputs
    path = tmp_path / "test.jsonl"
    table = script.garble_table(reports, path, script.Commands("D", {}))
    text = "\n".join(table)
    assert "| name | 1 | 1.000 | 1.000 | 1.000 | 1.000 |" in text
    assert "| **mean over families** | | **0.500** |" in text
    assert "| uncorrupted sentences flagged | 2 | 50.0% |" in text
    assert str(tmp_path) not in text  # only the file name of a path outside the repository


def test_garble_recall_script_runs_the_checks_itself(spy, tmp_path: Path, capsys) -> None:
    script = load_script()
    test = write_jsonl(tmp_path / "test.jsonl", GARBLES)
    garble = script._script("garble_recall")
    assert garble.main([str(test), "--checks", "spy", "--no-src"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["recall"] == {"name": 1.0, "wrong_sense": 0.0}
    assert out["clean_flagged_share"] == 0.5
    # the same as scoring an earlier results file
    results = write_jsonl(tmp_path / "r.jsonl", garble.check_rows(GARBLES, ["spy"], False))
    assert garble.main([str(test), str(results)]) == 0
    assert json.loads(capsys.readouterr().out) == out


# --- clean human translations -------------------------------------------------------------------


def _wmt_rows(year: str) -> list[dict]:
    """Two articles of two segments, each translated by two systems (one reference each)."""
    rows = []
    refs = {
        ("d1", 1): "The talks went well.",
        ("d1", 2): "The garbled minister spoke.",
        ("d2", 3): "Prices rose.",
        ("d2", 4): "Markets fell.",
    }
    for system in ("A", "B"):
        for (doc, seg), ref in refs.items():
            rows.append(
                {
                    "id": f"{year}.{system}.{seg}",
                    "lang_pair": "ru-en",
                    "src": f"ист {seg}.",
                    "mt": f"{system} {ref}",
                    "ref": ref,
                    "score": 0.0,
                    "seg_id": seg,
                    "doc_id": f"{year}-{doc}",
                }
            )
    return rows


def test_clean_rates_are_those_of_clean_rates_py(spy, tmp_path: Path, monkeypatch) -> None:
    script = load_script()
    monkeypatch.setattr(script, "CLEAN_CHECKS", ("spy",))
    for year in ("wmt21", "wmt22"):
        write_jsonl(tmp_path / f"{year}_da_ru-en_news.part1.jsonl", _wmt_rows(year))
    reports, available, signatures = script.clean_runs(tmp_path, None)
    assert available == {"wmt21": 2, "wmt22": 2}
    assert set(reports) == {(p, s) for p in ("wmt21", "wmt22", "all") for s in (False, True)}
    every = reports[("all", False)]
    assert (every.articles, every.sentences) == (4, 8)  # references once, not once per system
    assert every.rates["articles_major"] == 0.5  # the spy's major flag on "garbled"
    assert every.rates["sentences_any"] == 2 / 8
    assert every.qe_flagged == 0.0
    assert "spy" in signatures["clean articles · default"]
    limited, _, _ = script.clean_runs(tmp_path, 1)
    assert limited[("all", True)].articles == 2  # one article per year
    lines = script.clean_section(reports, available, None, script.Commands("D", {}))
    assert any(line.startswith("| **WMT21 + WMT22** | mt | 4 | 8 | 25.0% |") for line in lines)


def test_hand_written_garbles_are_read_from_their_tsv(spy, tmp_path: Path) -> None:
    tsv = tmp_path / "own.tsv"
    tsv.write_text(
        "# family\tsrc\tmt\tgarbled span\n"
        "sense\tМир.\tA garbled peace.\tgarbled\n"
        "name\tШмыгаль.\tSchmygal spoke.\tSchmygal\n"
        "clean\tОн пришёл.\tHe came.\t\n",
        encoding="utf-8",
    )
    script = load_script()
    garble = script._script("garble_recall")
    rows = garble.read_tests(tsv)
    assert [r["spans"] for r in rows] == [
        [{"start": 2, "end": 9, "category": "sense"}],
        [{"start": 0, "end": 8, "category": "name"}],
        [],
    ]
    assert rows[0]["src"] == "Мир."
    reports, _ = script.garble_runs(rows, ("spy",))
    assert reports[("spy", "mt+src")]["minor"]["recall"] == {"name": 0.0, "sense": 1.0}
    # the acceptance line of issue 10 reports the mean with each family beside it
    heldout = {("default", "mt+src"): reports[("spy", "mt+src")]}
    items = script.criteria(
        {}, {}, {}, tmp_path / "g.jsonl", script.Commands("D", {}), None, heldout
    )
    own = next(c for c in items if "own held-out garbles" in c.what and "recall" in c.what)
    assert own.verdict() == "reported" and own.value == 0.5
    assert "(name 0.00, sense 1.00)" in own.row()
    bad = tmp_path / "bad.tsv"
    bad.write_text("sense\tМир.\tA peace.\tgarbled\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad.tsv:1"):
        garble.read_tests(bad)


def test_no_offline_leaves_out_the_offline_tables(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "eval"
    data.mkdir()
    write_jsonl(data / "toy.jsonl", labelled_rows("dev", 6))
    out = tmp_path / "results.md"
    script = load_script()
    monkeypatch.setattr(script, "neural_missing", lambda: "torch")
    assert script.main(["--data", str(data), "--out", str(out), "--no-offline"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## The offline profile" not in text and "### toy" not in text
    assert "## Acceptance at a glance" in text
    assert "--no-offline" in text.split("```")[1]  # the rerun line says so
    assert "`mtqa evaluate DATA/mlqe_pe_ru-en.jsonl --split test20 --no-ref`" in text
