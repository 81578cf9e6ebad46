"""The learned wrong-sense decision's speed shortcuts give the answers of the plain computation.

The trees compiled into nested comparisons are compared with the node-by-node walk (floats
equal, not approximately), and ``sense_candidates`` with its per-word shortcuts switched off.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from mtqa.checks.source import decision as decision_module
from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.decision import (
    SenseDecision,
    load_decision,
    sense_candidates,
    vector,
)
from mtqa.lexicon import lookup
from mtqa.lexicon.align import align
from mtqa.lexicon.dictd import resolve
from mtqa.types import Segment
from tests.conftest import shared_file
from tests.lexicon.dictd_fixture import write_dictd

MUELLER = Path("/usr/share/dictd/mueller7.index")

# Garbles and their clean twins, as in the issue (wrong sense, calque, polarity, names).
PAIRS = [
    (
        "Стороны договорились о мирном урегулировании конфликта.",
        "The parties agreed on a peaceful warfare of the conflict.",
    ),
    (
        "Стороны договорились о мирном урегулировании конфликта.",
        "The parties agreed on a peaceful settlement of the conflict.",
    ),
    (
        "Нужно устранить коренные причины конфликта.",
        "It is necessary to eliminate the indigenous causes of the conflict.",
    ),
    ("В результате аварии погибли три человека.", "Three people died as a sequel of the crash."),
    ("Это решение было принято на прошлой неделе.", "This solution was made last week."),
    ("Компания сообщила о росте прибыли.", "The company reported a growth in gain."),
    ("Налог платят юридические лица.", "Legal faces pay the tax."),
]


def _real_pairs(n: int) -> list[tuple[str, str]]:
    """PAIRS, then (src, mt) of the first ``n`` WMT21 ru-en DA rows (when the data is there)."""
    out = list(PAIRS)
    try:
        path = shared_file("eval/wmt21_da_ru-en_news.part1.jsonl")
    except pytest.skip.Exception:
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("src") and row.get("mt"):
                out.append((row["src"], row["mt"]))
            if len(out) >= len(PAIRS) + n:
                break
    return out


# -- the trees --------------------------------------------------------------------------------


def _probe_vectors(decision: SenseDecision, n_random: int = 3000) -> list[list[float]]:
    """Vectors on, just below and just above every threshold of the trees, and random ones."""
    rng = random.Random(7)
    n = len(decision.features)
    thresholds: dict[int, set[float]] = {}
    for feature, threshold, _, _, _ in decision._trees:
        for f, t in zip(feature, threshold):
            if f >= 0:
                thresholds.setdefault(f, set()).add(float(t))
    out: list[list[float]] = []
    for f, values in sorted(thresholds.items()):
        for t in sorted(values):
            for v in (t, math.nextafter(t, -math.inf), math.nextafter(t, math.inf)):
                x = [rng.uniform(-5.0, 20.0) for _ in range(n)]
                x[f] = v
                out.append(x)
    for _ in range(n_random):
        out.append([rng.choice([0.0, 1.0, rng.uniform(-6.0, 6.0), rng.uniform(0.0, 20.0)])
                    for _ in range(n)])  # fmt: skip
    return out


def test_shipped_trees_compile_and_equal_the_walk_exactly() -> None:
    decision = load_decision()
    assert decision.kind == "trees" and decision._compiled is not None
    vectors = _probe_vectors(decision)
    assert len(vectors) > 3000
    for x in vectors:
        assert decision._compiled(x) == decision._walk(x)


def _stump(**override: object) -> dict[str, object]:
    tree: dict[str, object] = {
        "feature": [0, -1, -1],
        "threshold": [1.0, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -2.0, 2.5],
    }
    tree.update(override)
    return tree


@pytest.mark.parametrize(
    "tree, compiled",
    [
        (_stump(), True),
        (_stump(value=[0, -2, 2]), False),  # integer leaves: walked
        (_stump(threshold=[math.inf, 0.0, 0.0]), False),  # not finite: walked
        (_stump(left=[0, -1, -1]), False),  # a cycle: walked (never reached past the root)
        (_stump(feature=[5, -1, -1]), False),  # a feature the decision lacks
    ],
)
def test_trees_compile_or_fall_back_to_the_walk(tree: dict[str, object], compiled: bool) -> None:
    params = {"init": -0.3, "learning_rate": 0.1, "trees": [tree, _stump()]}
    decision = SenseDecision("trees", ("gain", "rank"), params, 0.5, 0.9, False, "test")
    assert (decision._compiled is not None) is compiled
    if compiled:
        for x in ([0.5, 0.0], [1.0, 3.0], [math.nextafter(1.0, 2.0), 0.0], [7.0, 1.0]):
            assert decision._compiled(x) == decision._walk(x)
            assert decision.probability(x) == _plain_probability(decision, x)


def _plain_probability(decision: SenseDecision, x: list[float]) -> float:
    z = max(-30.0, min(30.0, decision._walk(x)))
    return 1.0 / (1.0 + math.exp(-z))


# -- the candidates ---------------------------------------------------------------------------


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny: bool) -> AdequacyCheck:
    check = AdequacyCheck()
    if tiny:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        files = resolve(str(write_dictd(tmp_path)))
        assert files is not None
        check._lexicon = lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
    elif not MUELLER.exists():
        pytest.skip("mueller7-dict not installed")
    return check


@pytest.mark.parametrize("tiny", [True, False], ids=["tiny dictionary", "mueller"])
def test_candidates_and_probabilities_equal_the_plain_computation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny: bool
) -> None:
    check = _check(tmp_path, monkeypatch, tiny)
    decision = load_decision()
    pairs = _real_pairs(60)
    fast = []
    for src, mt in pairs:
        al = align(check.lexicon, src, mt)
        fast.append(sense_candidates(check, Segment(0, "s", mt, src=src), al))
    monkeypatch.setattr(decision_module, "_SHORTCUTS", False)
    plain_check = _check(tmp_path, monkeypatch, tiny)  # cold caches too
    plain = []
    for src, mt in pairs:
        al = align(plain_check.lexicon, src, mt)
        plain.append(sense_candidates(plain_check, Segment(0, "s", mt, src=src), al))
    assert fast == plain
    # the path ran on many words (the tiny dictionary knows a few)
    assert sum(len(c) for c in fast) >= (3 if tiny else 100)
    for cands in fast:
        for cand in cands:
            x = vector(decision, cand)
            assert decision.probability(x) == _plain_probability(decision, x)
