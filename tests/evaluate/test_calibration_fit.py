"""How the combination is fitted: equal weight per dataset, winsorised features, folds and dev
by source sentence, and the same arithmetic in the fit and in use."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest
from eval_fixtures import write_jsonl

from mtqa.calibration import Calibration
from mtqa.evaluate import calibrate as fitting
from mtqa.evaluate.dataset import EvalRow


def _row(i: int, dataset: str, score: float, src: str | None = None) -> EvalRow:
    return EvalRow(
        id=f"{dataset}{i}",
        dataset=dataset,
        lang_pair="ru-en",
        split="train",
        mt="m",
        src=src if src is not None else f"{dataset} source {i}",
        score=score,
        da_mean=68 + 27 * score,
    )


@pytest.mark.parametrize(
    "datasets, expected",
    [
        (["a", "a", "b"], [0.75, 0.75, 1.5]),  # each dataset weighs half
        (["a", "b"], [1.0, 1.0]),
        (["a"] * 4, [1.0] * 4),
    ],
)
def test_every_dataset_weighs_the_same(datasets, expected) -> None:
    w = fitting.balanced_weights(datasets)
    assert w.tolist() == pytest.approx(expected)
    assert w.mean() == pytest.approx(1.0)


def test_a_small_dataset_is_not_outvoted_by_a_large_one() -> None:
    """Feature a carries the signal in a big dataset, b in a ten times smaller one: with equal
    weight per dataset b still gets a weight comparable to a's."""
    rng = random.Random(4)
    rows, feats = [], []
    for dataset, n, carrier in (("big", 2000, "a"), ("small", 200, "b")):
        for i in range(n):
            z = rng.gauss(0, 1)
            f = {"a": 0.2 * z + rng.gauss(0, 1), "b": 0.2 * z + rng.gauss(0, 1)}
            f[carrier] = z + rng.gauss(0, 0.5)
            rows.append(_row(i, dataset, z))
            feats.append(f)
    fit = fitting.fit_mode("mt", rows, feats, [], [])
    w = fit.model["weights"]
    assert w["a"] > 0 and w["b"] > 0
    assert w["b"] / w["a"] > 0.6  # unweighted, the big dataset would leave b about a tenth


def test_flag_confidence_counts_at_most_the_cap() -> None:
    model = {
        "bias": 1.0,
        "weights": {"flags.major": -1.0},
        "centre": {"flags.major": 0.0},
        "scale": {"flags.major": 1.0},
        "clip": {"flags.major": [0.0, fitting.FLAG_CAP]},
    }
    cal = Calibration(data={"combine": {"default": model}}, digest="", label="")
    q = [cal.quality({"flags.major": x}, "mt") for x in (0.0, 1.0, fitting.FLAG_CAP, 7.0)]
    assert q[0] > q[1] > q[2] == q[3]


def test_one_extreme_score_does_not_set_the_weight() -> None:
    rng = random.Random(5)
    rows, feats = [], []
    for i in range(600):
        z = rng.gauss(0, 1)
        rows.append(_row(i, "d", z))
        feats.append({"s": z + rng.gauss(0, 1)})
    feats[0]["s"] = 1e6  # one broken row
    fit = fitting.fit_mode("mt", rows, feats, [], [])
    _, hi = fit.model["clip"]["s"]
    assert hi < 10  # the broken value is outside the kept range
    cal = Calibration(data={"combine": {"default": fit.model}}, digest="", label="")
    assert cal.quality({"s": 1e6}, "mt") == cal.quality({"s": hi}, "mt")
    assert fit.model["weights"]["s"] > 0.2


def test_fast_scoring_is_the_calibration_s_arithmetic() -> None:
    model = {
        "bias": 0.3,
        "weights": {"x": 0.7, "y": -0.2, "flags.minor": -0.4},
        "centre": {"x": 1.0, "y": 5.0, "flags.minor": 0.0},
        "scale": {"x": 2.0, "y": 3.0, "flags.minor": 1.0},
        "impute": {"x": 1.5, "y": 4.0},
        "clip": {"x": [-1.0, 3.0], "flags.minor": [0.0, 2.0]},
    }
    feats = [{"x": 0.0, "y": 1.0}, {"x": 9.0}, {"y": 2.0, "flags.minor": 5.0}, {}]
    cal = Calibration(data={"combine": {"default": model}}, digest="", label="")
    assert fitting._quality(model, feats, "mt") == pytest.approx(
        [cal.quality(f, "mt") for f in feats]
    )


def test_folds_and_dev_keep_every_translation_of_a_source_together(tmp_path: Path) -> None:
    rows = [
        {
            "id": f"r{s}.{k}",
            "src": f"source {s}",
            "mt": f"mt {k}",
            "ref": "r",
            "score": 0.0,
            "da_raw": 50.0,
            "doc_id": f"doc{s % 7}",
        }
        for s in range(200)
        for k in range(4)  # four systems translate each source
    ]
    path = write_jsonl(tmp_path / "wmt.jsonl", rows)
    dev = fitting.read_dev([path])
    train = fitting.read_training([path])
    assert {r.id for r in dev}.isdisjoint(r.id for r in train)
    assert len(dev) + len(train) == len(rows)
    assert 0.15 < len(dev) / len(rows) < 0.35  # a quarter of the sources
    dev_src = {r.src for r in dev}
    assert dev_src.isdisjoint(r.src for r in train)
    assert all(sum(1 for r in dev if r.src == s) == 4 for s in dev_src)


def test_refits_with_other_folds_agree() -> None:
    """The penalty and flag floor are chosen on cross-validation folds; another seed draws other
    folds, and on ample data the fitted model barely moves."""
    rng = np.random.default_rng(2)
    rows, feats = [], []
    for dataset in ("a", "b"):
        for i in range(1500):
            z = float(rng.normal())
            rows.append(_row(i, dataset, z))
            feats.append(
                {
                    "qe": z + float(rng.normal()),
                    "other": 0.3 * z + float(rng.normal()),
                    "flags.minor": float(rng.random() < 0.1 - 0.05 * math.tanh(z)),
                }
            )
    q = []
    for seed in (0, 1):
        fit = fitting.fit_mode("mt", rows, feats, rows, feats, seed=seed)
        assert fit.report["fold_seed"] == seed
        q.append(fitting._quality(fit.model, feats, "mt"))
    assert float(np.max(np.abs(np.array(q[0]) - np.array(q[1])))) < 1.0  # quality points


@pytest.mark.parametrize("constrained", [True, False])
def test_no_score_weighs_against_its_own_evidence(monkeypatch, constrained: bool) -> None:
    """b follows people alone (through a), but given a it runs against them: a weight that
    only pays off through another feature's errors is not kept (it need not transfer)."""
    monkeypatch.setattr(fitting, "SIGN_CONSTRAINED", constrained)
    rng = np.random.default_rng(3)
    rows, feats = [], []
    for i in range(1500):
        z = float(rng.normal())
        a = z + float(rng.normal())
        rows.append(_row(i, "d", z))
        feats.append({"a": a, "b": a - 0.5 * z + 0.3 * float(rng.normal())})
    fit = fitting.fit_mode("mt", rows, feats, [], [])
    assert fit.model["direction"]["b"] == 1
    if constrained:
        assert fit.model["weights"].get("b", 0.0) >= 0
    else:
        assert fit.model["weights"]["b"] < 0  # what an unconstrained fit does
