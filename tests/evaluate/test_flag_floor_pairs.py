"""The flag floor chosen on garbled/clean pairs: garbled text must score below clean text, at a
bounded cost in agreement with people on dev."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from mtqa.errors import InputError
from mtqa.evaluate import calibrate as fitting
from mtqa.evaluate.dataset import EvalRow


@pytest.mark.parametrize(
    ("garbled", "clean", "expected"),
    [
        ([1.0, 2.0], [3.0, 4.0], 1.0),  # every garbled below every clean
        ([3.0, 4.0], [1.0, 2.0], 0.0),
        ([3.0], [3.0], 0.5),  # a tie counts half
        ([5.0], [1.0, 6.0], 0.5),
        ([1.0, 5.0], [2.0, 2.0, 6.0], 4 / 6),  # all garbled × clean, not just twins
    ],
)
def test_garbled_below_clean_is_the_auc(garbled, clean, expected) -> None:
    from mtqa.evaluate.metrics import garbled_below_clean

    assert garbled_below_clean(garbled, clean) == pytest.approx(expected)


def test_every_candidate_floor_costs_worse_severities_more() -> None:
    candidates = fitting.floor_candidates()
    assert candidates[0] == fitting.FLAG_FLOOR
    assert len(candidates) > 10
    for floor in candidates:
        assert floor["flags.minor"] >= floor["flags.major"] >= floor["flags.critical"]


def _dev(n: int, seed: int) -> tuple[list[EvalRow], list[dict[str, float]]]:
    """Dev rows whose human score follows a ``qe`` feature; a few carry minor flags."""
    rng = random.Random(seed)
    rows, feats = [], []
    for i in range(n):
        qe = rng.gauss(0, 1)
        score = qe + rng.gauss(0, 0.5)
        rows.append(
            EvalRow(
                id=f"d{i}",
                dataset="d",
                lang_pair="ru-en",
                split="dev",
                mt="m",
                score=score,
                da_mean=68 + 27 * score,
            )
        )
        feats.append({"qe": qe, "flags.major": 0.0, "flags.minor": 0.8 if i % 10 == 0 else 0.0})
    return rows, feats


def _model() -> dict:
    return {
        "bias": 0.8,
        "weights": {"qe": 0.5},
        "centre": {"qe": 0.0},
        "scale": {"qe": 1.0},
        "impute": {"qe": 0.0},
    }


def test_a_stronger_major_floor_is_chosen_when_majors_mark_the_garbles() -> None:
    rng = random.Random(1)
    dev_rows, dev_feats = _dev(300, 2)
    # Garbled twins: the model's score barely moves, but half of them carry a major flag.
    clean = [{"qe": rng.gauss(0, 1), "flags.major": 0.0} for _ in range(200)]
    garbled = [
        {"qe": c["qe"] - 0.05, "flags.major": 0.9 if i % 2 else 0.0} for i, c in enumerate(clean)
    ]
    pairs = fitting.PairFeatures(garbled=garbled, clean=clean)
    floor, _caps, report = fitting.choose_floor(_model(), "mt", dev_rows, dev_feats, pairs)
    assert floor["flags.major"] < fitting.FLAG_FLOOR["flags.major"]
    assert report["chosen"]["garbled_below_clean"] > report["base"]["garbled_below_clean"]
    # Majors never occur on dev, so the stronger floor costs no agreement there.
    assert report["chosen"]["dev_pearson"] == pytest.approx(report["base"]["dev_pearson"])


def test_a_floor_that_costs_dev_agreement_beyond_the_tolerance_is_refused() -> None:
    rng = random.Random(3)
    dev_rows, dev_feats = _dev(300, 4)
    # Minor flags on dev fall on the *best* rows: a heavier minor floor hurts agreement a lot.
    for r, f in zip(dev_rows, dev_feats):
        f["flags.minor"] = 2.0 if (r.score or 0) > 1.0 else 0.0
    clean = [{"qe": rng.gauss(0, 1), "flags.minor": 0.0} for _ in range(200)]
    garbled = [{"qe": c["qe"], "flags.minor": 1.0} for c in clean]
    pairs = fitting.PairFeatures(garbled=garbled, clean=clean)
    floor, _caps, report = fitting.choose_floor(_model(), "mt", dev_rows, dev_feats, pairs)
    for dataset, base in report["base"]["dev_pearson"].items():
        assert report["chosen"]["dev_pearson"][dataset] >= base - fitting.PAIR_TOLERANCE
    assert floor["flags.minor"] > fitting.FLAG_FLOOR["flags.minor"] * 4  # not the heaviest step


def test_no_dataset_may_pay_for_another_s_gain() -> None:
    """Minor flags sit on the worst rows of one dataset (a heavier floor helps it a lot) and on
    the best rows of another (it hurts there): the mean would improve, the floor must not move."""
    rows, feats = [], []
    for name, seed, on_best in (("helped", 6, False), ("hurt", 7, True)):
        r, f = _dev(300, seed)
        for row, feat in zip(r, f):
            # Rows people rate below (helped) or above (hurt) what the model's score says.
            residual = (row.score or 0.0) - feat["qe"]
            flagged = residual > 0.9 if on_best else residual < -0.1
            feat["flags.minor"] = 1.0 if flagged else 0.0
            rows.append(dataclasses.replace(row, dataset=name, id=f"{name}{row.id}"))
            feats.append(feat)
    rng = random.Random(8)
    clean = [{"qe": rng.gauss(0, 1), "flags.minor": 0.0} for _ in range(200)]
    garbled = [{"qe": c["qe"], "flags.minor": 1.0} for c in clean]
    pairs = fitting.PairFeatures(garbled=garbled, clean=clean)
    floor, _caps, report = fitting.choose_floor(_model(), "mt", rows, feats, pairs)
    base, chosen = report["base"]["dev_pearson"], report["chosen"]["dev_pearson"]
    assert chosen["hurt"] >= base["hurt"] - fitting.PAIR_TOLERANCE
    # The mean alone would have allowed the heaviest minor floor.
    heaviest = {**fitting.FLAG_FLOOR, "flags.minor": fitting.FLAG_FLOOR["flags.minor"] * 4}
    m = _model()
    fitting.apply_flag_floor(m, heaviest)
    q = [fitting.Calibration.quality_with(m, f) for f in feats]
    assert fitting.dev_agreement(q, rows) > sum(base.values()) / 2
    assert floor["flags.minor"] > heaviest["flags.minor"]


def test_fit_mode_uses_a_given_floor_and_records_it() -> None:
    rows, feats = _dev(120, 5)
    floor = {"flags.minor": -0.3, "flags.major": -2.0, "flags.critical": -4.5}
    fit = fitting.fit_mode("mt", rows, feats, rows, feats, floor=floor)
    assert fit.floor == floor
    assert fit.report["flag_floor"] == floor
    assert fit.model["weights"]["flags.major"] <= -2.0


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def test_read_pairs_keeps_garbled_rows_with_their_twins(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dev.jsonl",
        [
            {
                "id": "a",
                "split": "synthetic-dev",
                "src": "Мирное урегулирование",
                "mt": "Peaceful warfare",
                "clean": "Peaceful settlement",
            },
            {
                "id": "b",
                "split": "synthetic-dev",
                "src": "Да",
                "mt": "Yes",
                "clean": "Yes",
            },  # clean row
            {"id": "c", "split": "synthetic-dev", "src": "Да", "mt": "Yes"},  # no twin
        ],
    )
    rows = fitting.read_pairs([path])
    assert [(r.id, r.mt, r.mt_good) for r in rows] == [
        ("a", "Peaceful warfare", "Peaceful settlement")
    ]


@pytest.mark.parametrize("split", ["synthetic-test", "test20", "test"])
def test_read_pairs_refuses_test_splits(tmp_path: Path, split: str) -> None:
    path = _write(tmp_path / "p.jsonl", [{"id": "a", "split": split, "mt": "x y", "clean": "x z"}])
    with pytest.raises(InputError, match="test-split"):
        fitting.read_pairs([path])


def test_read_pairs_bad_json_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.jsonl:1"):
        fitting.read_pairs([path])


def test_calibrate_cli_chooses_floors_on_pairs_and_records_them(spy, tmp_path: Path) -> None:
    from eval_fixtures import labelled_rows, write_jsonl
    from typer.testing import CliRunner

    from mtqa.cli import app

    train = write_jsonl(tmp_path / "train.jsonl", labelled_rows("train", 60))
    dev = write_jsonl(tmp_path / "dev.jsonl", labelled_rows("dev", 40, start=100))
    # The spy flags "garbled" as major: garbled twins carry that flag, their clean twins do not,
    # while the spy's score (the length of mt) cannot tell them apart.
    pairs = _write(
        tmp_path / "pairs.jsonl",
        [
            {
                "id": f"p{i}",
                "split": "synthetic-dev",
                "src": "слово",
                "mt": "word " * (3 + i % 9) + "garbled",
                "clean": "word " * (3 + i % 9) + "fine",
            }
            for i in range(40)
        ],
    )
    out = tmp_path / "cal.json"
    result = CliRunner().invoke(
        app,
        [
            "calibrate",
            str(train),
            "--dev",
            str(dev),
            "--pairs",
            str(pairs),
            "--out",
            str(out),
            "--checks",
            "spy",
            "--modes",
            "mt,mt+src",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    made = json.loads(out.read_text(encoding="utf-8"))["made"]
    for mode in ("mt", "mt+src"):
        assert made[mode]["pairs"][0]["file"] == "pairs.jsonl"
        choice = made[mode]["flag_floor_choice"]
        assert choice["pairs"] == 40
        assert choice["chosen"]["garbled_below_clean"] >= choice["base"]["garbled_below_clean"]
        assert made[mode]["flag_floor"]["flags.major"] <= fitting.FLAG_FLOOR["flags.major"]
