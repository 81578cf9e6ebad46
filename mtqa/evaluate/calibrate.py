"""Learn how check features combine into ``quality`` from human-labelled data.

For each input mode ('mt', 'mt+src', 'mt+ref', 'mt+src+ref') the model is an L2-regularised
logistic regression on standardised features, fitted to soft labels: the raw 0–100 direct
assessment divided by 100. ``quality = 100·sigmoid(bias + Σ w·(x − centre)/scale)`` is then an
estimate of the human DA score on its own 0–100 scale, and the file keeps the shape that
:class:`mtqa.calibration.Calibration` reads. The regularisation strength is chosen on dev rows by
Pearson correlation with the human ``score``.

Rows of official test splits are dropped while the files are read (see
:func:`mtqa.evaluate.dataset.read_rows`); nothing here can see them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtqa.calibration import Calibration, combination_features
from mtqa.errors import InputError
from mtqa.evaluate.dataset import EvalRow, is_test_split, read_rows, subsample
from mtqa.evaluate.metrics import pearson
from mtqa.evaluate.runner import Settings, score_rows

MODES = ("mt", "mt+src", "mt+ref", "mt+src+ref")
PENALTIES = (0.001, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
# Editorial floor: the least a flag lowers the logit of quality, per unit of summed confidence.
# Human scores of whole sentences say little about rare flags (MLQE-PE has few), yet a phrase an
# editor must fix has to cost quality; the learned weight is kept where it is stronger.
FLAG_FLOOR = {"flags.minor": -0.1, "flags.major": -0.5, "flags.critical": -1.5}
DIGITS = 6


def mode_needs(mode: str) -> tuple[bool, bool]:
    return "+src" in mode, "+ref" in mode


def doc_half(row: EvalRow) -> int:
    """0 or 1 by a hash of the document id (else the row id): a fixed split by document."""
    key = row.doc_id or row.id
    return hashlib.sha256(key.encode("utf-8")).digest()[0] & 1


def read_training(paths: Sequence[str | Path]) -> list[EvalRow]:
    """Training rows: split 'train' or no split at all; dev and test splits are not used."""
    rows: list[EvalRow] = []
    for p in paths:
        rows.extend(r for r in read_rows(p, drop_test=True) if r.split in ("train", "all"))
    return rows


def read_dev(paths: Sequence[str | Path]) -> list[EvalRow]:
    """Dev rows: split 'dev'; rows of files without splits: the half of documents with
    :func:`doc_half` = 0 (the other half stays untouched for testing)."""
    rows: list[EvalRow] = []
    for p in paths:
        for r in read_rows(p, drop_test=True):
            if r.split == "dev" or (r.split == "all" and doc_half(r) == 0):
                rows.append(r)
    return rows


def _guard(rows: Sequence[EvalRow]) -> None:
    bad = [r.id for r in rows if is_test_split(r.split)]
    if bad:  # read_rows already drops them; this catches rows built some other way
        raise InputError(f"test-split rows must not be used for calibration (e.g. {bad[0]})")


def features_of(results: Sequence[Any]) -> list[dict[str, float]]:
    return [combination_features(r.scores, r.flags) for r in results]


def _target(row: EvalRow) -> float | None:
    if row.da_mean is None:
        return None
    return min(0.995, max(0.005, row.da_mean / 100.0))


def fit_logistic(x: np.ndarray, t: np.ndarray, penalty: float) -> tuple[float, np.ndarray]:
    """Bias and weights minimising mean cross-entropy to soft targets + penalty/2·|w|² (Newton)."""
    n, k = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    ridge = np.full(k + 1, penalty)
    ridge[0] = 0.0
    beta = np.zeros(k + 1)
    p0 = float(np.clip(t.mean(), 1e-6, 1 - 1e-6))
    beta[0] = math.log(p0 / (1 - p0))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -40, 40)))
        grad = design.T @ (p - t) / n + ridge * beta
        hess = (
            (design * (p * (1 - p))[:, None]).T @ design / n + np.diag(ridge) + 1e-9 * np.eye(k + 1)
        )
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return float(beta[0]), beta[1:]


def apply_flag_floor(model: dict[str, Any]) -> None:
    """Make every flag feature lower the logit by at least FLAG_FLOOR per unit of confidence.

    A learned flag weight acts on (x − centre)/scale; a flag the fit did not use is added with
    centre 0, so a sentence without flags is not rewarded for it.
    """
    for name, floor in FLAG_FLOOR.items():
        weights = model["weights"]
        if name in weights:
            scale = model["scale"].get(name, 1.0) or 1.0
            weights[name] = _r(min(weights[name], floor * scale))
        else:
            weights[name] = floor
            model["centre"][name] = 0.0
            model["scale"][name] = 1.0
            model["impute"][name] = 0.0


@dataclass
class ModeFit:
    mode: str
    model: dict[str, Any]
    report: dict[str, Any]


def _matrix(
    feats: Sequence[dict[str, float]], names: Sequence[str], impute: dict[str, float]
) -> np.ndarray:
    return np.array(
        [[f.get(n, impute[n]) for n in names] for f in feats], dtype=np.float64
    ).reshape(len(feats), len(names))


def _quality(model: dict[str, Any], feats: Sequence[dict[str, float]], mode: str) -> list[float]:
    cal = Calibration(data={"combine": {"default": model, "by_inputs": {}}}, digest="", label="")
    return [cal.quality(f, mode) for f in feats]


def _r(v: float) -> float:
    return round(float(v), DIGITS)


def fit_mode(
    mode: str,
    train: Sequence[EvalRow],
    train_feats: Sequence[dict[str, float]],
    dev: Sequence[EvalRow],
    dev_feats: Sequence[dict[str, float]],
) -> ModeFit:
    pairs = [(f, _target(r)) for r, f in zip(train, train_feats) if _target(r) is not None]
    if len(pairs) < 10:
        raise InputError(f"mode {mode}: only {len(pairs)} training rows with a raw DA label")
    feats = [f for f, _ in pairs]
    t = np.array([y for _, y in pairs], dtype=np.float64)
    names = sorted({k for f in feats for k in f})
    means = {n: float(np.mean([f[n] for f in feats if n in f])) for n in names}
    raw = _matrix(feats, names, means)
    stds = raw.std(axis=0)
    names = [n for n, s in zip(names, stds) if s > 1e-12]  # constant features carry nothing
    raw = _matrix(feats, names, means)
    centre = raw.mean(axis=0)
    scale = raw.std(axis=0)
    x = (raw - centre) / scale
    direction = {n: (1 if pearson(raw[:, j], t) >= 0 else -1) for j, n in enumerate(names)}

    dev_rows = [(r, f) for r, f in zip(dev, dev_feats) if r.score is not None]
    dev_y = [r.score for r, _ in dev_rows]
    dev_f = [f for _, f in dev_rows]

    def model_for(penalty: float, used: Sequence[str]) -> dict[str, Any]:
        # A flag must never raise quality: flag features that get a positive weight are dropped
        # and the rest refitted (the data can make a flag look like a mark of long, good text).
        used = list(used)
        while True:
            cols = [names.index(n) for n in used]
            bias, w = fit_logistic(x[:, cols], t, penalty)
            wrong = [n for n, wj in zip(used, w) if n.startswith("flags.") and wj > 0]
            if len(wrong) == len(used):
                w = np.zeros_like(w)  # nothing left: a constant model, never chosen on dev
            if not wrong or len(wrong) == len(used):
                break
            used = [n for n in used if n not in wrong]
        return {
            "bias": _r(bias),
            "weights": {n: _r(wj) for n, wj in zip(used, w)},
            "centre": {n: _r(centre[j]) for n, j in zip(used, cols)},
            "scale": {n: _r(scale[j]) for n, j in zip(used, cols)},
            "impute": {n: _r(centre[j]) for n, j in zip(used, cols)},
            "direction": direction,
        }

    # Candidates: all features at each penalty, and each feature alone (a combination has to
    # beat the single checks on dev to be chosen).
    candidates: list[tuple[float, list[str]]] = [(p, list(names)) for p in PENALTIES]
    candidates += [(PENALTIES[0], [n]) for n in names]
    tried: list[dict[str, Any]] = []
    best: tuple[float, float, list[str], dict[str, Any]] | None = None
    for penalty, used in candidates:
        model = model_for(penalty, used)
        score = pearson(_quality(model, dev_f, mode), dev_y) if len(dev_f) >= 2 else math.nan
        tried.append(
            {
                "penalty": penalty,
                "features": "all" if len(used) == len(names) else used[0],
                "dev_pearson": None if math.isnan(score) else _r(score),
            }
        )
        key = -math.inf if math.isnan(score) else score
        if best is None or key > best[0]:
            best = (key, penalty, used, model)
    assert best is not None
    _, penalty, used, model = best
    apply_flag_floor(model)
    model["direction"] = {n: d for n, d in direction.items()}

    single: dict[str, float] = {}
    for n in names:
        values = [f.get(n, means[n]) for f in dev_f]
        r = pearson(values, dev_y) * direction[n] if len(dev_f) >= 2 else math.nan
        if not math.isnan(r):
            single[n] = _r(r)
    floored = pearson(_quality(model, dev_f, mode), dev_y) if len(dev_f) >= 2 else math.nan
    report: dict[str, Any] = {
        "train_rows": len(feats),
        "dev_rows": len(dev_f),
        "penalty": penalty,
        "features": "all" if len(used) == len(names) else used,
        "tried": tried,
        "dev_pearson_before_flag_floor": _r(best[0]) if math.isfinite(best[0]) else None,
        "flag_floor": FLAG_FLOOR,
        "dev_pearson": None if math.isnan(floored) else _r(floored),
        "dev_pearson_single_oriented": dict(sorted(single.items(), key=lambda kv: -kv[1])),
    }
    if dev_f:
        report["dev_by_quality"] = quality_bands(dev_rows, _quality(model, dev_f, mode))
    return ModeFit(mode=mode, model=model, report=report)


def quality_bands(
    rows: Sequence[tuple[EvalRow, dict[str, float]]], quality: Sequence[float]
) -> list[dict[str, Any]]:
    """Mean human labels of dev rows whose quality falls within ±5 of 30, 50, 65, 80 and 90."""
    out = []
    for centre in (30, 50, 65, 80, 90):
        idx = [i for i, q in enumerate(quality) if abs(q - centre) < 5]
        band: dict[str, Any] = {"quality": centre, "rows": len(idx)}
        for label in ("score", "hter", "da_mean"):
            vals = [
                getattr(rows[i][0], label) for i in idx if getattr(rows[i][0], label) is not None
            ]
            band[f"mean_{label}"] = _r(float(np.mean(vals))) if vals else None
        out.append(band)
    return out


def calibrate(
    train_paths: Sequence[str | Path],
    dev_paths: Sequence[str | Path],
    *,
    modes: Sequence[str] = MODES,
    checks: tuple[str, ...] | None = None,
    sample: int | None = None,
    dev_sample: int | None = None,
    base: Calibration | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """A calibration file (as a dict) with models fitted for every mode the data supports."""
    train = read_training(train_paths)
    dev = read_dev(dev_paths)
    _guard(train)
    _guard(dev)
    if not train:
        raise InputError("no training rows (split 'train' or unsplit) in the given files")
    train = subsample(train, sample)
    dev = subsample(dev, dev_sample)
    fits: dict[str, ModeFit] = {}
    for mode in modes:
        if mode not in MODES:
            raise InputError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
        need_src, need_ref = mode_needs(mode)
        usable = [r for r in train if (r.src or not need_src) and (r.ref or not need_ref)]
        usable_dev = [r for r in dev if (r.src or not need_src) and (r.ref or not need_ref)]
        if not usable:
            continue
        if progress:
            progress(f"{mode}: scoring {len(usable)} training and {len(usable_dev)} dev rows")
        settings = Settings(checks=checks, use_src=need_src, use_ref=need_ref, resamples=0)
        train_feats = _features_in_order(usable, settings)
        dev_feats = _features_in_order(usable_dev, settings) if usable_dev else []
        fits[mode] = fit_mode(mode, usable, train_feats, usable_dev, dev_feats)
        if progress:
            progress(f"{mode}: dev Pearson {fits[mode].report['dev_pearson']}")
    if not fits:
        raise InputError("no mode could be fitted: the rows lack the inputs the modes need")
    return assemble(fits, base, train_paths, dev_paths, checks, sample, dev_sample)


def _features_in_order(rows: Sequence[EvalRow], settings: Settings) -> list[dict[str, float]]:
    scored = score_rows(rows, settings)
    by_id: dict[int, dict[str, float]] = {}
    position = {id(r): i for i, r in enumerate(rows)}
    for s in scored.values():
        for row, feats in zip(s.rows, features_of(s.results)):
            by_id[position[id(row)]] = feats
    return [by_id[i] for i in range(len(rows))]


def _file_record(path: str | Path) -> dict[str, str]:
    p = Path(path)
    return {"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()[:16]}


def assemble(
    fits: dict[str, ModeFit],
    base: Calibration | None,
    train_paths: Sequence[str | Path],
    dev_paths: Sequence[str | Path],
    checks: tuple[str, ...] | None,
    sample: int | None,
    dev_sample: int | None = None,
) -> dict[str, Any]:
    """Merge fitted modes into ``base`` (its checks section and any modes not refitted)."""
    data: dict[str, Any] = dict(base.data) if base else {"name": "calibrated", "checks": {}}
    combine = dict(data.get("combine", {}))
    by_inputs = dict(combine.get("by_inputs", {}))
    made = dict(data.get("made", {})) if isinstance(data.get("made"), dict) else {}
    for mode, fit in fits.items():
        by_inputs[mode] = fit.model
        made[mode] = {
            "method": "L2 logistic regression on standardised features, soft target = raw DA/100",
            "train": [_file_record(p) for p in train_paths],
            "dev": [_file_record(p) for p in dev_paths],
            "checks": list(checks) if checks else "default",
            "train_sample": sample,
            "dev_sample": dev_sample,
            **fit.report,
        }
    combine["by_inputs"] = dict(sorted(by_inputs.items()))
    # Anything without a mode of its own uses the richest fitted model without a reference.
    for fallback in ("mt+src", "mt", *sorted(by_inputs)):
        if fallback in by_inputs:
            combine["default"] = by_inputs[fallback]
            break
    data["combine"] = combine
    data["made"] = dict(sorted(made.items()))
    return data
