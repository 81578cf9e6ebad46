"""The adequacy check's learned wrong-sense decision: loading, determinism and behaviour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.decision import (
    DEFAULT_MODEL,
    FEATURES,
    SenseCandidate,
    SenseDecision,
    load_decision,
    sense_candidates,
    vector,
)
from mtqa.errors import MtqaError
from mtqa.lexicon import lookup
from mtqa.lexicon.align import align
from mtqa.lexicon.dictd import resolve
from mtqa.types import Segment
from tests.lexicon.dictd_fixture import write_dictd

MUELLER = Path("/usr/share/dictd/mueller7.index")
mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict not installed")


@pytest.fixture
def tiny_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AdequacyCheck:
    """The check with the shipped decision on the tiny test dictionary alone."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = resolve(str(write_dictd(tmp_path)))
    assert files is not None
    check = AdequacyCheck()
    check._lexicon = lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
    return check


def _candidate(**values: float) -> SenseCandidate:
    x = tuple(values.get(name, 0.0) for name in FEATURES)
    return SenseCandidate(
        j=0, n=1, i=0, form="x", gain=0.0, rule_margin=-1.0, rule_strong=False, features=x
    )


def test_shipped_decision_loads_with_known_features_and_ordered_thresholds() -> None:
    decision = load_decision()
    assert DEFAULT_MODEL.exists()
    assert decision.kind in ("logistic", "trees")
    assert set(decision.features) <= set(FEATURES)
    assert 0.0 < decision.minor <= decision.major <= 1.0
    assert len(decision.version) == 8


def test_probability_is_deterministic_and_bounded() -> None:
    decision = load_decision()
    cand = _candidate(gain=2.0, linked=1.0, zipf_mt=3.0, lm_unigram=-5.0)
    first = decision.probability(vector(decision, cand))
    assert 0.0 <= first <= 1.0
    assert all(decision.probability(vector(decision, cand)) == first for _ in range(5))


def test_logistic_decision_reads_standardised_weights() -> None:
    features = ("gain", "linked")
    params = {"mean": [1.0, 0.0], "scale": [2.0, 1.0], "coef": [1.0, -1.0], "intercept": 0.0}
    decision = SenseDecision("logistic", features, params, 0.5, 0.8, False, "test")
    assert decision.probability([1.0, 0.0]) == pytest.approx(0.5)
    assert decision.probability([5.0, 0.0]) == pytest.approx(1 / (1 + 2.718281828**-2.0))
    assert decision.probability([1.0, 1.0]) < 0.5
    assert decision.severity(0.9) == "major"
    assert decision.severity(0.6) == "minor"
    assert decision.severity(0.4) is None


def test_tree_decision_walks_to_a_leaf() -> None:
    # one stump: gain <= 1.0 -> -2, else +2
    tree = {
        "feature": [0, -1, -1],
        "threshold": [1.0, 0, 0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -2.0, 2.0],
    }
    params = {"init": 0.0, "learning_rate": 1.0, "trees": [tree]}
    decision = SenseDecision("trees", ("gain",), params, 0.5, 0.9, False, "test")
    assert decision.probability([0.5]) < 0.5 < decision.probability([1.5])


def test_union_keeps_the_rules_two_sided_flags_major() -> None:
    decision = SenseDecision(
        "logistic",
        ("gain",),
        {"mean": [0.0], "scale": [1.0], "coef": [0.0], "intercept": -9.0},
        0.5,
        0.9,
        True,
        "test",
    )
    strong = SenseCandidate(0, 1, 0, "x", 3.0, 1.0, True, (0.0,) * len(FEATURES))
    weak = SenseCandidate(0, 1, 0, "x", 3.0, 1.0, False, (0.0,) * len(FEATURES))
    assert decision.severity(0.0, strong) == "major"
    assert decision.severity(0.0, weak) is None


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "adequacy decision file"),
        (
            json.dumps(
                {
                    "kind": "forest",
                    "features": [],
                    "params": {},
                    "thresholds": {"minor": 0.5, "major": 0.9},
                }
            ),
            "unknown kind",
        ),
        (
            json.dumps(
                {
                    "kind": "logistic",
                    "features": ["colour"],
                    "params": {},
                    "thresholds": {"minor": 0.5, "major": 0.9},
                }
            ),
            "unknown features",
        ),
        (json.dumps({"kind": "logistic", "features": []}), "adequacy decision file"),
    ],
)
def test_bad_decision_file_is_a_user_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "decision.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MtqaError, match=message):
        load_decision(path)
    with pytest.raises(MtqaError):
        load_decision(tmp_path / "missing.json")


def test_rules_path_when_the_decision_is_off() -> None:
    assert AdequacyCheck({"learned_decision": 0}).decision is None
    assert AdequacyCheck().decision is not None


def test_signature_names_the_decision(tiny_check: AdequacyCheck) -> None:
    sig = tiny_check.signature()
    assert f";decision:{load_decision().version}]" in sig


# A wrong sense the tiny dictionary can see (урегулирование: settlement; "warfare" renders
# no source word), and the correct rendering.
TINY_SRC = "Стороны договорились о мирном урегулировании конфликта."
TINY_GARBLED = "The parties agreed on a peaceful warfare of the conflict."
TINY_CLEAN = "The parties agreed on a peaceful settlement of the conflict."


def test_tiny_wrong_sense_is_flagged_with_the_dictionary_suggestion(
    tiny_check: AdequacyCheck,
) -> None:
    result = tiny_check.run([Segment(0, "s", TINY_GARBLED, src=TINY_SRC)])[0]
    flags = [(f.text, f.suggestion) for f in result.flags]
    assert flags == [("peaceful warfare", "peaceful settlement")]
    assert "«урегулировании»" in result.flags[0].message


def test_tiny_correct_rendering_is_not_flagged(tiny_check: AdequacyCheck) -> None:
    assert tiny_check.run([Segment(0, "s", TINY_CLEAN, src=TINY_SRC)])[0].flags == ()


def test_candidates_are_a_superset_of_what_the_rules_judge(tiny_check: AdequacyCheck) -> None:
    """The word the rules flag is a candidate, marked as fired by the rule, with its features."""
    seg = Segment(0, "s", TINY_GARBLED, src=TINY_SRC)
    al = align(tiny_check.lexicon, TINY_SRC, TINY_GARBLED)
    cands = sense_candidates(tiny_check, seg, al)
    warfare = [c for c in cands if al.mt[c.j].text == "warfare"]
    assert len(warfare) == 1 and warfare[0].rule_margin >= 0 and warfare[0].form == "settlement"
    assert len(warfare[0].features) == len(FEATURES)
    clean_al = align(tiny_check.lexicon, TINY_SRC, TINY_CLEAN)
    clean = sense_candidates(tiny_check, Segment(0, "s", TINY_CLEAN, src=TINY_SRC), clean_al)
    assert all(c.rule_margin < 0 for c in clean)


def test_same_flags_whatever_the_batch(tiny_check: AdequacyCheck) -> None:
    segs = [
        Segment(k, str(k), mt, src=TINY_SRC) for k, mt in enumerate([TINY_GARBLED, TINY_CLEAN] * 3)
    ]
    together = tiny_check.run(segs)
    alone = [tiny_check.run([s])[0] for s in segs]
    assert [r.flags for r in together] == [r.flags for r in alone]


# Mueller: the decision flags wrong senses the synthetic data taught it and the rules' two-sided
# ones, and leaves the clean renderings alone.
@mueller
@pytest.mark.parametrize(
    "src, mt, text, suggestion",
    [
        (
            "Нужно устранить коренные причины конфликта.",
            "It is necessary to eliminate the indigenous causes of the conflict.",
            "indigenous causes",
            "root causes",
        ),
        (
            "В результате аварии погибли три человека.",
            "Three people died as a sequel of the crash.",
            "sequel of",
            "result of",
        ),
        (
            "Это решение было принято на прошлой неделе.",
            "This solution was made last week.",
            "solution was",
            "decision was",
        ),
    ],
)
def test_mueller_decision_flags_wrong_senses(src: str, mt: str, text: str, suggestion: str) -> None:
    result = AdequacyCheck().run([Segment(0, "s", mt, src=src)])[0]
    assert [(f.text, f.suggestion) for f in result.flags] == [(text, suggestion)]


@mueller
@pytest.mark.parametrize(
    "src, mt",
    [
        (
            "В результате аварии погибли три человека.",
            "Three people died as a result of the crash.",
        ),
        ("Это решение было принято на прошлой неделе.", "This decision was made last week."),
        ("Компания сообщила о росте прибыли.", "The company reported a growth in gain."),
        ("Сотни людей вышли на улицы.", "Hundreds of people took to the streets."),
    ],
)
def test_mueller_decision_leaves_clean_renderings_alone(src: str, mt: str) -> None:
    assert AdequacyCheck().run([Segment(0, "s", mt, src=src)])[0].flags == ()


def test_cli_bad_decision_file_is_one_line_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtqa.calibration import load_calibration
    from mtqa.cli import app

    calibration = json.loads(json.dumps(load_calibration().data))  # a copy to change
    calibration["checks"]["adequacy"] = {"decision_path": str(tmp_path / "missing.json")}
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps(calibration), encoding="utf-8")
    mt, src = tmp_path / "mt.txt", tmp_path / "src.txt"
    mt.write_text(TINY_GARBLED + "\n", encoding="utf-8")
    src.write_text(TINY_SRC + "\n", encoding="utf-8")
    args = ["check", str(mt), "--src", str(src), "--checks", "adequacy", "--calibration", str(cal)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mtqa: error: adequacy decision file")
