"""scripts/corroboration_eval.py: replay renders the qe flags as the check does (the stacked word
tagger, the calibration's levels), and ``twins:`` pairs each corrupted row with its clean twin."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from mtqa.calibration import shipped_calibration
from mtqa.qe.predict import QEOutput, WordProb, words_of
from mtqa.types import Flag, Segment

from .qe_fixtures import stack_file

ROOT = Path(__file__).resolve().parents[2]


def _script():
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(
        "corroboration_eval", ROOT / "scripts" / "corroboration_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeModel:
    """The QE model's interface with fixed word P(BAD) (no weights)."""

    threshold = 0.4

    def __init__(self, p_bad: float) -> None:
        self.p_bad = p_bad

    def predict(self, mts, srcs=None, batch_size=None):
        return [
            QEOutput(0.0, tuple(WordProb(s, e, self.p_bad) for s, e in words_of(mt))) for mt in mts
        ]


MTS = ["Peaceful warfare was agreed.", "The talks went well today."]


@pytest.mark.parametrize(
    ("raw", "bias", "flagged"),
    [
        # raw P(BAD) low, the stack lifts every word to sigmoid(2.5) = 0.92: flags on replay too
        (0.1, 2.5, True),
        # raw P(BAD) high, the stack brings every word down to sigmoid(-3) = 0.05: no flag
        (0.95, -3.0, False),
    ],
)
def test_replay_gives_the_checks_own_flags_with_a_stack(
    tmp_path, monkeypatch, raw, bias, flagged
) -> None:
    from mtqa.checks.qe import QECheck

    path = tmp_path / "stack.json"
    path.write_bytes(stack_file({"p": 0.0}, bias, threshold=0.5, variants=("target",)))
    monkeypatch.setenv("MTQA_QE_STACK", str(path))
    model = FakeModel(raw)
    segs = [Segment(index=i, id=str(i), mt=mt) for i, mt in enumerate(MTS)]
    check = QECheck({**shipped_calibration(["qe"]).check_params("qe"), "explain": False})
    monkeypatch.setattr(check, "predictor", lambda variant: model)
    expected = check.check_batch(segs)
    data = {
        "units": [(s.id, [s], {"id": s.id, "mt": s.mt, "spans": []}) for s in segs],
        "results": {"qe": [(o, model.threshold, False) for o in model.predict(MTS)]},
        "floors": {("qe", False): 0.0, ("qe", True): 0.0},
    }
    replayed = _script().replay(data, {}, legacy=False)
    assert [u[0] for u in replayed] == [list(r.flags) for r in expected]
    assert all(bool(u[0]) is flagged for u in replayed)


def test_twins_pair_each_corrupted_row_with_its_clean_sentence(tmp_path) -> None:
    rows = [
        {"id": "a", "mt": "calm and calm", "clean": "calm and quiet", "spans": [{"start": 9}]},
        {"id": "b", "mt": "fine words", "clean": "fine words", "spans": []},  # uncorrupted
        {"id": "c", "mt": "Foreign Cases", "clean": "Foreign Affairs", "spans": [{"start": 8}]},
    ]
    path = tmp_path / "g.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    units = _script()._units(f"twins:{path}", None, target_only=True)
    got = [(uid, segs[0].mt, row.get("twin_of"), segs[0].src) for uid, segs, row in units]
    assert got == [
        ("a", "calm and calm", None, None),
        ("a.twin", "calm and quiet", "a", None),
        ("c", "Foreign Cases", None, None),
        ("c.twin", "Foreign Affairs", "c", None),
    ]
    assert all(not row["spans"] and row["family"] is None for _, _, row in units[1::2])


def _flag(start: int, end: int, check: str) -> Flag:
    return Flag(start, end, "x", "fluency", "minor", 0.9, "", check)


def test_twin_metrics_compare_flags_on_spans_with_flags_on_twins() -> None:
    test = [
        {"id": "a", "spans": [{"start": 9, "end": 13}]},
        {"id": "a.twin", "spans": [], "twin_of": "a"},
        {"id": "b", "spans": [{"start": 0, "end": 4}]},
        {"id": "b.twin", "spans": [], "twin_of": "b"},
    ]
    flags = [
        [[_flag(9, 13, "rules"), _flag(0, 4, "qe")]],  # rules on the span, qe elsewhere
        [[_flag(0, 4, "qe")]],  # the twin gets the same qe flag: no evidence of the garble
        [[_flag(0, 4, "qe")]],  # qe on the span
        [[]],
    ]
    out = _script()._twin_metrics(test, flags)
    assert out["pairs"] == 2
    assert out["garbled_flagged_on_span"] == {"all": 1.0, "qe": 0.5, "rules": 0.5}
    assert out["twin_flagged"] == {"all": 0.5, "qe": 0.5, "rules": 0.0}


def test_mt_pair_metrics_compare_lower_and_higher_scored_outputs() -> None:
    rows = [
        {"id": "1.low", "pair": 0, "tag": "low"},
        {"id": "1.high", "pair": 0, "tag": "high"},
        {"id": "2.low", "pair": 1, "tag": "low"},
        {"id": "2.high", "pair": 1, "tag": "high"},
    ]
    flags = [[[_flag(0, 4, "qe"), _flag(5, 9, "rules")]], [[]], [[_flag(0, 2, "qe")]], [[]]]
    out = _script()._mt_pair_metrics(rows, flags)
    assert out == {
        "pairs": 2,
        "low_flagged": {"all": 1.0, "qe": 1.0, "rules": 0.5},
        "high_flagged": {"all": 0.0, "qe": 0.0, "rules": 0.0},
    }


def test_probe_shares_count_evidence_on_spans_and_on_clean_twins() -> None:
    spec = importlib.util.spec_from_file_location(
        "target_only_probe", ROOT / "scripts" / "target_only_probe.py"
    )
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    seg = Segment(index=0, id="x", mt="calm and calm")
    data = {
        "units": [
            ("a", [seg], {"spans": [{"start": 9, "end": 13}]}),
            ("a.twin", [seg], {"spans": []}),
            ("b", [seg], {"spans": [{"start": 0, "end": 4}]}),
            ("b.twin", [seg], {"spans": []}),
        ]
    }
    # a: evidence off the span; its twin: evidence; b: on the span; b's twin: none
    found = [[(0, 4)], [(0, 4)], [(2, 6)], []]
    assert probe._shares(data, found) == (0.5, 0.5)
