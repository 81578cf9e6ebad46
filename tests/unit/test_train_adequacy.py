"""scripts/train_adequacy.py: folds, recall and clean-rate bookkeeping, threshold choice."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT


def _script():  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / "train_adequacy.py"
    spec = importlib.util.spec_from_file_location("train_adequacy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_adequacy"] = module
    spec.loader.exec_module(module)
    return module


def _cand(start: int, end: int, rule: bool = False, rule_major: bool = False) -> dict:
    return {"start": start, "end": end, "label": 0, "x": [], "rule": rule, "rule_major": rule_major}


# Two garbled rows (one wrong_sense span each) and three clean rows with candidates.
RECORDS = [
    {"spans": [[0, 5, "wrong_sense"]], "other_flag": False, "cands": [_cand(0, 5), _cand(6, 9)]},
    {"spans": [[10, 15, "wrong_sense"]], "other_flag": False, "cands": [_cand(20, 25)]},
    {"spans": [], "other_flag": False, "cands": [_cand(0, 4)]},
    {"spans": [], "other_flag": False, "cands": [_cand(0, 4, rule=True, rule_major=True)]},
    {"spans": [], "other_flag": True, "cands": []},
]
PROBS = [[0.9, 0.2], [0.8], [0.6], [0.1], []]


def test_a_source_keeps_its_fold() -> None:
    script = _script()
    folds = {script.fold_of(f"sentence {k}", 4) for k in range(200)}
    assert folds == {0, 1, 2, 3}
    assert script.fold_of("Стороны договорились.", 4) == script.fold_of("Стороны договорились.", 4)


@pytest.mark.parametrize(
    "minor, union, recall, clean_any",
    [
        # a span is found when a flagged candidate overlaps it; row 2's flag is elsewhere
        (0.5, False, 0.5, 2 / 3),  # clean: row 3 (p 0.6) and row 5 (calque/polarity flag)
        (0.7, False, 0.5, 1 / 3),
        (0.95, False, 0.0, 1 / 3),
        (0.95, True, 0.0, 2 / 3),  # the rule's major flag on row 4 stands
    ],
)
def test_evaluate_counts_spans_and_clean_sentences(
    minor: float, union: bool, recall: float, clean_any: float
) -> None:
    res = _script().evaluate(RECORDS, PROBS, minor, 2.0, union)
    assert res["recall"] == {"wrong_sense": recall}
    assert res["clean"] == 3
    assert res["clean_any"] == pytest.approx(round(clean_any, 4))


def test_thresholds_are_the_lowest_within_the_budgets() -> None:
    script = _script()
    minor, major = script.pick_thresholds(RECORDS, PROBS, 0.34, 0.0)
    assert minor == 0.8  # 0.6 would flag a second clean sentence; 0.8 is the lowest above it
    assert major >= minor
    assert script.evaluate(RECORDS, PROBS, minor, major)["clean_major_sense"] == 0.0
