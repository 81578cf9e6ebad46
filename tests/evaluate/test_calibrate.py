"""Calibration: never sees a test split, is deterministic, and learns what the data says."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from eval_fixtures import labelled_rows, write_jsonl
from typer.testing import CliRunner

from mtqa.calibration import load_calibration
from mtqa.cli import app
from mtqa.errors import InputError
from mtqa.evaluate import calibrate as fitting
from mtqa.evaluate.dataset import EvalRow, read_rows
from mtqa.pipeline import Checker
from mtqa.types import Segment

runner = CliRunner()
POISON = "POISON test sentence"


@pytest.fixture
def data(tmp_path: Path) -> dict[str, Path]:
    train = write_jsonl(tmp_path / "train.jsonl", labelled_rows("train", 60))
    dev_rows = labelled_rows("dev", 25, start=100)
    poisoned = [
        {**r, "mt": f"{POISON} {i}", "da_mean": 1.0, "score": -3.0}
        for i, r in enumerate(labelled_rows("test20", 10) + labelled_rows("test21", 10))
    ]
    dev = write_jsonl(tmp_path / "dev.jsonl", dev_rows + poisoned)
    clean_dev = write_jsonl(tmp_path / "dev_clean.jsonl", dev_rows)
    train_with_test = write_jsonl(
        tmp_path / "train_plus.jsonl", labelled_rows("train", 60) + poisoned
    )
    return {"train": train, "dev": dev, "clean_dev": clean_dev, "train_with_test": train_with_test}


def run_calibrate(args: list[str]) -> None:
    result = runner.invoke(app, ["calibrate", *args, "--checks", "spy", "--quiet"])
    assert result.exit_code == 0, result.output


def test_calibration_never_reads_test_rows(spy, data: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "cal.json"
    run_calibrate([str(data["train_with_test"]), "--dev", str(data["dev"]), "--out", str(out)])
    assert spy.SEEN, "the spy check should have scored training rows"
    assert not any(POISON in mt for mt in spy.SEEN)
    # Same file as when the test rows are not there at all.
    clean = tmp_path / "clean.json"
    run_calibrate([str(data["train"]), "--dev", str(data["clean_dev"]), "--out", str(clean)])
    a = json.loads(out.read_text(encoding="utf-8"))
    b = json.loads(clean.read_text(encoding="utf-8"))
    for mode in a["made"]:  # the files differ (names, hashes); the fitted models must not
        for key in ("train", "dev"):
            a["made"][mode].pop(key)
            b["made"][mode].pop(key)
        for made in (a["made"][mode], b["made"][mode]):  # per-dataset keys are file names
            for record in (made, *made.get("tried", [])):
                for key in [k for k in record if k.endswith("_by_dataset")]:
                    record[key] = sorted(record[key].values())
    assert a == b


def test_reading_for_fitting_drops_test_splits_before_parsing(tmp_path: Path) -> None:
    # A test row that would not even parse: dropping must happen before parsing.
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "split": "test20", "mt": 42})
        + "\n"
        + json.dumps({"id": "b", "split": "dev", "mt": "fine"})
        + "\n",
        encoding="utf-8",
    )
    assert [r.id for r in fitting.read_dev([path])] == ["b"]
    with pytest.raises(InputError):
        read_rows(path)  # evaluation reads everything and rejects the bad row


def test_guard_rejects_test_rows_built_elsewhere() -> None:
    row = EvalRow(id="x", dataset="d", lang_pair="ru-en", split="test21", mt="m")
    with pytest.raises(InputError, match="test-split"):
        fitting._guard([row])


def test_dev_rows_of_unsplit_files_are_half_of_the_documents(tmp_path: Path) -> None:
    rows = [
        {"id": f"r{i}", "mt": "x", "doc_id": f"doc{i // 3}", "score": 0.0, "ref": "y"}
        for i in range(300)
    ]
    dev = fitting.read_dev([write_jsonl(tmp_path / "wmt.jsonl", rows)])
    docs = {r.doc_id for r in dev}
    assert 0 < len(docs) < 100
    for r in dev:  # whole documents only
        assert sum(1 for d in dev if d.doc_id == r.doc_id) == 3


def test_same_data_gives_the_same_file(spy, data: dict[str, Path], tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    args = [str(data["train"]), "--dev", str(data["dev"])]
    run_calibrate([*args, "--out", str(a)])
    run_calibrate([*args, "--out", str(b)])
    assert a.read_bytes() == b.read_bytes()


def test_learned_model_follows_the_labels_and_is_usable(
    spy, data: dict[str, Path], tmp_path: Path
) -> None:
    out, base = tmp_path / "cal.json", tmp_path / "base.json"
    base.write_text('{"checks": {}, "combine": {"default": {"bias": 0}}}', encoding="utf-8")
    run_calibrate(
        [str(data["train"]), "--dev", str(data["dev"]), "--base", str(base), "--out", str(out)]
    )
    cal = load_calibration(out)
    model = cal.model_for("mt")
    assert model["weights"]["spy_len"] > 0  # longer mt ⇒ higher DA in the synthetic data
    assert model["direction"]["spy_len"] == 1
    assert set(cal.data["combine"]["by_inputs"]) == {"mt", "mt+src"}  # no reference in the data
    assert "spy_src" in cal.model_for("mt+src")["weights"]
    assert "spy_src" not in model["weights"]
    made = cal.data["made"]["mt"]
    assert made["dev_rows"] == 25 and made["train_rows"] == 60
    assert made["penalty"] in fitting.PENALTIES
    checker = Checker(checks=["spy"], calibration=cal)
    short, long_ = checker.check_segments(
        [Segment(0, "1", "word word word"), Segment(1, "2", " ".join(["word"] * 13))]
    )
    assert 0 <= short.quality < long_.quality <= 100


def test_base_file_keeps_check_thresholds_and_other_modes(
    spy, data: dict[str, Path], tmp_path: Path
) -> None:
    base = tmp_path / "base.json"
    base.write_text(
        json.dumps(
            {
                "checks": {"spy": {"threshold": 3}},
                "combine": {"default": {"bias": 0.0}, "by_inputs": {"mt+ref": {"bias": 1.5}}},
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "cal.json"
    run_calibrate([str(data["train"]), "--modes", "mt", "--base", str(base), "--out", str(out)])
    data_out = json.loads(out.read_text(encoding="utf-8"))
    assert data_out["checks"] == {"spy": {"threshold": 3}}
    assert data_out["combine"]["by_inputs"]["mt+ref"] == {"bias": 1.5}
    assert set(data_out["combine"]["by_inputs"]) == {"mt", "mt+ref"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.jsonl"], "cannot read"),
        (["--modes", "mt+xyz"], "unknown mode"),
    ],
)
def test_calibrate_errors_are_one_line(
    spy, data: dict[str, Path], tmp_path: Path, args: list[str], message: str
) -> None:
    files = [a for a in args if a.endswith(".jsonl")]
    rest = [a for a in args if not a.endswith(".jsonl")]
    paths = [str(tmp_path / f) for f in files] or [str(data["train"])]
    result = runner.invoke(
        app,
        ["calibrate", *paths, *rest, "--checks", "spy", "-q", "--out", str(tmp_path / "o.json")],
    )
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_calibrate_without_training_rows_fails_cleanly(spy, tmp_path: Path) -> None:
    only_test = write_jsonl(tmp_path / "t.jsonl", labelled_rows("test20", 20))
    result = runner.invoke(
        app,
        ["calibrate", str(only_test), "--checks", "spy", "-q", "--out", str(tmp_path / "o.json")],
    )
    assert result.exit_code == 2 and "no training rows" in result.output


def test_shipped_default_was_fitted_on_training_files_only() -> None:
    cal = load_calibration()
    made = cal.data.get("made", {})
    if not made:
        pytest.skip("the shipped calibration is hand-set")
    for mode, record in made.items():
        for f in record["train"]:
            assert "test" not in f["file"], (mode, f)
        assert set(record) >= {"method", "train", "dev", "dev_pearson", "penalty"}
        assert mode in cal.data["combine"]["by_inputs"]


def test_flags_never_get_a_positive_weight() -> None:
    rows, feats = [], []
    for i in range(200):
        da = 20.0 + (i % 60)
        rows.append(
            EvalRow(
                id=f"r{i}",
                dataset="d",
                lang_pair="ru-en",
                split="train",
                mt="m",
                score=(da - 50) / 20,
                da_mean=da,
            )
        )
        # Both features rise with DA; a flag doing so must not be rewarded.
        feats.append({"fluency": da + (i * 7) % 11, "flags.minor": da / 100.0})
    fit = fitting.fit_mode("mt", rows, feats, rows, feats)
    weights = fit.model["weights"]
    assert weights.get("flags.minor", 0.0) <= 0.0
    assert weights["fluency"] > 0


def test_flag_floor_lowers_quality_per_flag() -> None:
    from mtqa.calibration import Calibration
    from mtqa.evaluate.calibrate import FLAG_FLOOR, apply_flag_floor

    model = {
        "bias": 0.5,
        "weights": {"fluency": 0.3, "flags.major": -0.01},
        "centre": {"fluency": 60.0, "flags.major": 0.1},
        "scale": {"fluency": 10.0, "flags.major": 0.5},
        "impute": {"fluency": 60.0, "flags.major": 0.1},
    }
    apply_flag_floor(model)
    assert set(FLAG_FLOOR) <= set(model["weights"])
    cal = Calibration(data={"combine": {"default": model}}, digest="", label="")
    clean = cal.quality({"fluency": 60.0}, "mt")
    for name in FLAG_FLOOR:
        flagged = cal.quality({"fluency": 60.0, name: 1.0}, "mt")
        assert flagged < clean
    # Worse severities cost more.
    q = [
        cal.quality({"fluency": 60.0, n: 1.0}, "mt")
        for n in ("flags.minor", "flags.major", "flags.critical")
    ]
    assert q[0] > q[1] > q[2]


def test_a_combination_against_people_on_one_training_dataset_is_not_chosen() -> None:
    """Feature a follows people on dataset x but runs against them on the small dataset y (too
    small for the sign check); feature b follows them weakly on both. Out of fold, the higher
    mean of a must lose to b, which never ranks against people."""
    rng = random.Random(9)

    def row(i: int, dataset: str) -> tuple[EvalRow, dict[str, float]]:
        score = rng.gauss(0, 1)
        a = score + rng.gauss(0, 0.3) if dataset != "y" else -0.4 * score + rng.gauss(0, 1)
        b = 0.4 * score + rng.gauss(0, 1)
        r = EvalRow(
            id=f"{dataset}{i}",
            dataset=dataset,
            lang_pair="ru-en",
            split="train",
            mt="m",
            src=f"{dataset} source {i}",
            score=score,
            da_mean=68 + 27 * score,
        )
        return r, {"a": a, "b": b}

    train = [row(i, "x") for i in range(300)] + [
        row(i, "y") for i in range(fitting.MIN_DATASET_ROWS - 2)
    ]
    fit = fitting.fit_mode("mt", [r for r, _ in train], [f for _, f in train], [], [])
    assert fit.report["dropped_inconsistent_across_datasets"] == []
    assert fit.report["features"] == ["b"]
    best_mean = max(t["cv_pearson"] for t in fit.report["tried"])
    assert best_mean > fit.report["cv_pearson_before_flag_floor_choice"]  # a higher mean was there
    chosen = next(t for t in fit.report["tried"] if t["features"] == "b")
    assert all(v >= 0 for v in chosen["cv_pearson_by_dataset"].values())
