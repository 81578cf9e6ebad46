"""One quality scale: the fit target, the language-independent fallback, dev rows kept out of
training, and the flag floors a calibration sets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from eval_fixtures import labelled_rows, write_jsonl
from typer.testing import CliRunner

from mtqa.calibration import Calibration, combination_features
from mtqa.checks import Languages
from mtqa.cli import app
from mtqa.evaluate.calibrate import DA_CENTRE, DA_PER_Z, da_scale
from mtqa.evaluate.dataset import EvalRow
from mtqa.pipeline import Checker
from mtqa.types import Flag, Segment

runner = CliRunner()

SOURCE_SPY = '''
from mtqa.checks.base import Check
from mtqa.types import CheckResult


class SourceSpy(Check):
    """Needs the source: scores its length and flags 'garbled' in mt as major."""

    name = "srcspy"
    needs = ("src",)

    def check_batch(self, segments):
        out = []
        for seg in segments:
            flags = []
            at = seg.mt.find("garbled")
            if at >= 0:
                flags.append(self.flag(seg, at, at + 7, category="test", severity="major",
                                       confidence=0.9, message="garbled"))
            out.append(CheckResult(scores={"srcspy_len": float(len(seg.src))}, flags=tuple(flags)))
        return out
'''


@pytest.fixture
def srcspy(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path_factory.mktemp("srcspy")
    (folder / "mtqa_test_srcspy.py").write_text(SOURCE_SPY, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    sys.modules.pop("mtqa_test_srcspy", None)
    from mtqa import checks

    monkeypatch.setitem(checks.REGISTRY, "srcspy", "mtqa_test_srcspy:SourceSpy")
    yield
    sys.modules.pop("mtqa_test_srcspy", None)


def _row(score: float | None, da: float | None) -> EvalRow:
    return EvalRow(
        id="x", dataset="d", lang_pair="ru-en", split="train", mt="m", score=score, da_mean=da
    )


@pytest.mark.parametrize(
    "score,da,expected",
    [
        (0.0, 55.0, DA_CENTRE),  # the z-score decides when there is one
        (1.0, 10.0, DA_CENTRE + DA_PER_Z),
        (-2.0, 90.0, DA_CENTRE - 2 * DA_PER_Z),
        (None, 42.0, 42.0),  # raw mean only
        (1.0, None, None),  # a z-score without raw DA: not a DA label
    ],
)
def test_every_dataset_is_fitted_on_one_da_scale(score, da, expected) -> None:
    assert da_scale(_row(score, da)) == expected


def _calibrate(tmp_path: Path, checks: str, *extra: str) -> dict:
    train = write_jsonl(tmp_path / "train.jsonl", labelled_rows("train", 60))
    dev = write_jsonl(tmp_path / "dev.jsonl", labelled_rows("dev", 30, start=100))
    out = tmp_path / "cal.json"
    result = runner.invoke(
        app,
        [
            "calibrate",
            str(train),
            "--dev",
            str(dev),
            "--checks",
            checks,
            "--quiet",
            "--modes",
            "mt,mt+src",
            "--out",
            str(out),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_calibrate_fits_a_model_without_the_source_checks_for_other_languages(
    spy, srcspy, tmp_path: Path
) -> None:
    cal = _calibrate(tmp_path, "spy,srcspy")
    combine = cal["combine"]
    assert combine["src_langs"] == ["ru"]
    other = combine["other_sources"]
    assert other["exclude_checks"] == ["srcspy"]
    assert set(other["by_inputs"]) == {"mt+src"}
    model = other["by_inputs"]["mt+src"]
    assert "srcspy_len" not in model["weights"]
    assert set(model["weights"]) <= {
        "spy_len",
        "spy_src",
        "flags.minor",
        "flags.major",
        "flags.critical",
    }


def test_without_source_checks_there_is_no_fallback_model(spy, tmp_path: Path) -> None:
    combine = _calibrate(tmp_path, "spy")["combine"]
    assert "other_sources" not in combine and "src_langs" not in combine


def test_a_row_given_as_dev_is_never_trained_on(spy, tmp_path: Path) -> None:
    rows = labelled_rows("all", 80)  # no split: the dev half is chosen by document hash
    data = write_jsonl(tmp_path / "all.jsonl", rows)
    out = tmp_path / "cal.json"
    result = runner.invoke(
        app,
        [
            "calibrate",
            str(data),
            "--dev",
            str(data),
            "--checks",
            "spy",
            "--quiet",
            "--modes",
            "mt",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    made = json.loads(out.read_text(encoding="utf-8"))["made"]["mt"]
    assert made["train_rows"] + made["dev_rows"] == 80
    assert 0 < made["dev_rows"] < 80


# A hand-made calibration: for Russian, a long source is bad and source flags cost a lot; the
# language-independent model reads only the target-side score.
def _calibration() -> Calibration:
    ru = {
        "bias": 0.0,
        "weights": {"length_ratio": -2.0, "qe": 1.0, "flags.major": -1.0},
        "centre": {"length_ratio": 1.0, "qe": 0.0},
        "scale": {"length_ratio": 0.5, "qe": 1.0},
    }
    independent = {"bias": 0.0, "weights": {"qe": 1.0, "flags.major": -1.0}}
    data = {
        "combine": {
            "default": ru,
            "by_inputs": {"mt+src": ru},
            "src_langs": ["ru"],
            "other_sources": {"exclude_checks": ["source"], "by_inputs": {"mt+src": independent}},
        }
    }
    return Calibration(data=data, digest="t", label="t")


OWNERS = {"length_ratio": "source", "qe": "qe"}


def _flag(check: str) -> Flag:
    return Flag(
        start=0,
        end=1,
        text="x",
        category="test",
        severity="major",
        confidence=1.0,
        message="m",
        check=check,
    )


@pytest.mark.parametrize("src_lang", ["he", "zh", "de"])
def test_other_source_languages_ignore_the_source_checks(src_lang: str) -> None:
    cal = _calibration()
    q = [
        cal.score({"qe": 0.5, "length_ratio": lr}, [], "mt+src", src_lang, OWNERS)
        for lr in (0.5, 2.5)
    ]
    assert q[0] == pytest.approx(q[1])
    plain = cal.score({"qe": 0.5}, [], "mt+src", src_lang, OWNERS)
    assert cal.score({"qe": 0.5}, [_flag("source")], "mt+src", src_lang, OWNERS) == plain
    assert cal.score({"qe": 0.5}, [_flag("rules")], "mt+src", src_lang, OWNERS) < plain


def test_the_calibrated_language_uses_its_source_evidence() -> None:
    cal = _calibration()
    short, long_ = (
        cal.score({"qe": 0.5, "length_ratio": lr}, [], "mt+src", "ru", OWNERS) for lr in (1.0, 2.5)
    )
    assert long_ < short
    assert cal.score({"qe": 0.5}, [_flag("source")], "mt+src", "ru", OWNERS) < cal.score(
        {"qe": 0.5}, [], "mt+src", "ru", OWNERS
    )


def test_without_a_source_every_language_shares_one_model() -> None:
    cal = _calibration()
    assert cal.score({"qe": 0.5}, [], "mt", "he", OWNERS) == cal.score(
        {"qe": 0.5}, [], "mt", "ru", OWNERS
    )


def test_a_file_without_source_languages_applies_to_all() -> None:
    cal = Calibration(
        data={"combine": {"default": {"weights": {"length_ratio": -1.0}}}}, digest="", label=""
    )
    assert cal.calibrated_for("he")
    a = cal.score({"length_ratio": 1.0}, [], "mt+src", "he", OWNERS)
    b = cal.score({"length_ratio": 3.0}, [], "mt+src", "he", OWNERS)
    assert b < a


def test_combination_features_drop_only_the_excluded_checks() -> None:
    feats = combination_features(
        {"length_ratio": 1.5, "qe": 0.2}, [_flag("source"), _flag("rules")], ["source"], OWNERS
    )
    assert feats == {
        "qe": 0.2,
        "flags.minor": 0.0,
        "flags.major": 1.0,
        "flags.critical": 0.0,
        "flagged:rules:major": 1.0,
    }


def test_flag_floors_hide_unconfident_flags_of_one_check(spy) -> None:
    data = {
        "combine": {"default": {"weights": {}}},
        "flags": {"min_confidence": {"spy": 0.95}},
    }
    strict = Calibration(data=data, digest="a", label="strict")
    lenient = Calibration(
        data={"combine": {"default": {"weights": {}}}}, digest="b", label="lenient"
    )
    seg = [Segment(index=0, id="1", mt="a garbled sentence")]  # the spy flags at confidence 0.9
    by_src = Calibration(
        data={
            "combine": {"default": {"weights": {}}},
            "flags": {"min_confidence": {"spy": {"with_src": 0.5, "without_src": 0.95}}},
        },
        digest="c",
        label="by_src",
    )
    with_src = [Segment(index=0, id="1", mt="a garbled sentence", src="искажённое предложение")]
    checker = Checker(checks=["spy"], langs=Languages("ru", "en"), calibration=by_src)
    assert len(checker.check_segments(seg)[0].flags) == 0  # no source: needs 0.95
    assert len(checker.check_segments(with_src)[0].flags) == 1  # with the source: 0.5 is enough
    for cal, expected in ((strict, 0), (lenient, 1)):
        result = Checker(
            checks=["spy"], langs=Languages("ru", "en"), calibration=cal
        ).check_segments(seg)
        assert len(result[0].flags) == expected


def test_the_chosen_model_is_the_best_out_of_fold_with_the_flag_floor_applied() -> None:
    # Twenty noise features make a strong penalty win before the floor; its tiny weights are then
    # swamped by the floor on random critical flags. The choice must see the floored models.
    import numpy as np

    from mtqa.evaluate.calibrate import fit_mode

    rng = np.random.default_rng(0)

    def rows_and_feats(n: int, split: str):
        rows, feats = [], []
        for i in range(n):
            signal = float(rng.normal())
            z = 0.3 * signal + float(rng.normal())
            rows.append(
                EvalRow(
                    id=f"{split}{i}",
                    dataset="d",
                    lang_pair="ru-en",
                    split=split,
                    mt="m",
                    score=z,
                    da_mean=68 + 27 * z,
                )
            )
            f = {"signal": signal, "flags.critical": float(rng.random() < 0.3)}
            f.update({f"noise{j}": float(rng.normal()) for j in range(20)})
            feats.append(f)
        return rows, feats

    train, train_f = rows_and_feats(150, "train")
    dev, dev_f = rows_and_feats(300, "dev")
    fit = fit_mode("mt", train, train_f, dev, dev_f)
    best_tried = max(t["cv_pearson"] for t in fit.report["tried"] if t["cv_pearson"] is not None)
    assert fit.report["cv_pearson_before_flag_floor_choice"] == pytest.approx(best_tried, abs=1e-6)
    assert fit.model["weights"]["flags.critical"] <= -1.5


def test_shipped_calibrations_fall_back_for_other_source_languages() -> None:
    from mtqa.calibration import load_calibration, shipped_calibration

    owners = {"length_ratio": "source", "qe": "qe"}
    for cal in (load_calibration(), shipped_calibration(["qe"])):
        combine = cal.data["combine"]
        assert combine["src_langs"] == ["ru"] and cal.calibrated_for("ru")
        assert not cal.calibrated_for("he") and not cal.calibrated_for("zh")
        assert "source" in combine["other_sources"]["exclude_checks"]
        he = [
            cal.score(
                {"qe": 0.3, "length_ratio": lr}, [_flag("source")] * k, "mt+src", "he", owners
            )
            for lr, k in ((0.5, 0), (3.0, 2))
        ]
        assert he[0] == pytest.approx(he[1])  # neither the length ratio nor source flags count


def test_scores_whose_sign_flips_between_datasets_are_left_out() -> None:
    import numpy as np

    from mtqa.evaluate.calibrate import fit_mode

    rng = np.random.default_rng(1)
    rows, feats = [], []
    for dataset, flip in (("a", 1.0), ("b", -1.0)):
        for i in range(120):
            z = float(rng.normal())
            rows.append(
                EvalRow(
                    id=f"{dataset}{i}",
                    dataset=dataset,
                    lang_pair="ru-en",
                    split="train",
                    mt="m",
                    score=z,
                    da_mean=68 + 27 * z,
                )
            )
            feats.append({"steady": z + float(rng.normal()), "flipping": flip * z})
    fit = fit_mode("mt", rows, feats, rows, feats)
    assert fit.report["dropped_inconsistent_across_datasets"] == ["flipping"]
    assert "flipping" not in fit.model["weights"] and fit.model["weights"]["steady"] > 0
    one = fit_mode("mt", rows[:120], feats[:120], rows[:120], feats[:120])
    assert (
        one.report["dropped_inconsistent_across_datasets"] == []
    )  # one dataset: nothing to compare
