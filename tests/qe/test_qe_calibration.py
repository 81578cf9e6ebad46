"""With the qe check, the Checker combines scores with the shipped qe calibration by default."""

from __future__ import annotations

from mtqa.calibration import load_calibration, shipped_calibration
from mtqa.checks import DEFAULT_CHECKS, Languages
from mtqa.pipeline import Checker

RU_EN = Languages(src="ru", tgt="en")


def test_checker_picks_the_qe_calibration_only_when_qe_runs() -> None:
    # Building the checks loads no model, so this needs neither torch nor the base model.
    with_qe = Checker(checks=[*DEFAULT_CHECKS, "qe"], langs=RU_EN)
    without = Checker(checks=list(DEFAULT_CHECKS), langs=RU_EN)
    assert with_qe.calibration.label == "qe" and "|cal:qe-" in with_qe.signature
    assert without.calibration.label == "default" and "|cal:default-" in without.signature
    assert Checker(checks=["offline"], langs=RU_EN).calibration.label == "default"


def test_an_explicit_calibration_wins_over_the_qe_default() -> None:
    default = load_calibration()
    checker = Checker(checks=[*DEFAULT_CHECKS, "qe"], langs=RU_EN, calibration=default)
    assert checker.calibration is default


def test_qe_calibration_weighs_qe_without_reference_and_keeps_the_check_settings() -> None:
    qe, default = shipped_calibration(["qe"]), load_calibration()
    assert qe.data["checks"] == default.data["checks"]
    for mode in ("mt", "mt+src"):
        model = qe.model_for(mode)
        assert model["weights"].get("qe", 0.0) > 0.0  # higher predicted DA → higher quality
    for mode in ("mt", "mt+src", "mt+ref", "mt+src+ref"):  # all refitted with qe among the checks
        assert qe.model_for(mode)["direction"]["qe"] > 0
        assert "qe" not in default.model_for(mode).get("direction", {})
    good = {"qe": 1.0, "qe_bad": 0.0}
    bad = {"qe": -2.0, "qe_bad": 0.6}
    assert qe.quality(good, "mt+src") > qe.quality(bad, "mt+src")
