"""scripts/garble_recall.py: a span is found when a flag overlaps it; clean rows count apart."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _recall():
    spec = importlib.util.spec_from_file_location(
        "garble_recall", ROOT / "scripts" / "garble_recall.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.recall


def _flag(start: int, end: int, severity: str = "minor") -> dict:
    return {"start": start, "end": end, "severity": severity}


TEST = [
    {
        "id": "a",
        "mt": "calm and calm",
        "spans": [{"start": 9, "end": 13, "category": "repetition"}],
    },
    {"id": "b", "mt": "the affair", "spans": [{"start": 4, "end": 10, "category": "wrong_sense"}]},
    {"id": "c", "mt": "fine words", "spans": []},
    {"id": "d", "mt": "good words", "spans": []},
]


def test_recall_per_family_and_clean_flag_share() -> None:
    results = [
        {"id": "a", "mt": "calm and calm", "flags": [_flag(0, 13, "major")]},  # overlaps
        {"id": "b", "mt": "the affair", "flags": [_flag(0, 3)]},  # touches "the" only
        {"id": "c", "mt": "fine words", "flags": [_flag(0, 4)]},
        {"id": "d", "mt": "good words", "flags": []},
    ]
    out = _recall()(TEST, results)
    assert out["recall"] == {"repetition": 1.0, "wrong_sense": 0.0}
    assert out["family_mean_recall"] == 0.5
    assert out["clean_flagged_share"] == 0.5
    major = _recall()(TEST, results, "major")
    assert major["recall"]["repetition"] == 1.0 and major["clean_flagged_share"] == 0.0


def test_missing_or_mismatched_results_are_refused() -> None:
    with pytest.raises(SystemExit, match="no result"):
        _recall()(TEST, [])
    other = [{"id": t["id"], "mt": "x", "flags": []} for t in TEST]
    with pytest.raises(SystemExit, match="another text"):
        _recall()(TEST, other)


@pytest.mark.parametrize(
    ("qualities", "expected"),
    [
        ({"a": 40.0, "b": 50.0, "c": 70.0, "d": 60.0}, 1.0),  # both garbled below both clean
        ({"a": 65.0, "b": 50.0, "c": 70.0, "d": 60.0}, 0.75),  # one garbled above one clean
        ({"a": 60.0, "b": 60.0, "c": 60.0, "d": 60.0}, 0.5),  # all tied: chance
        ({"a": 40.0, "b": 50.0, "c": 70.0, "d": None}, None),  # a row without quality: not reported
    ],
)
def test_quality_ranking_of_garbled_below_clean(qualities: dict, expected: float | None) -> None:
    results = [
        {"id": t["id"], "mt": t["mt"], "flags": [], "quality": qualities[t["id"]]} for t in TEST
    ]
    assert _recall()(TEST, results)["garbled_below_clean"] == expected
