"""Learn how check features combine into ``quality`` from human-labelled data.

For each input mode ('mt', 'mt+src', 'mt+ref', 'mt+src+ref') the model is an L2-regularised
logistic regression on winsorised, standardised features, fitted to soft labels on one scale for
every dataset: the row's DA z-score placed on the 0–100 DA scale, ``DA = 68 + 27·z`` (the
relation of raw scores and z-scores on MLQE-PE ru-en train, r = 0.98), divided by 100; rows
without a z-score use their raw 0–100 mean. ``quality = 100·sigmoid(bias + Σ w·(clip(x) −
centre)/scale)`` is then an estimate of the human DA score (docs/evaluation-scale.md), and the
file keeps the shape that :class:`mtqa.calibration.Calibration` reads.

Every training dataset weighs the same in the fit however many rows it brings (news is not
outvoted by Reddit text). Flags count at most :data:`FLAG_CAP` units of confidence per severity
and scores are winsorised at the :data:`CLIP_QUANTILE` tails, so a rare extreme row cannot set a
weight. The penalty (and whether one feature alone beats the combination) is chosen by
:data:`FOLDS`-fold cross-validation on the training rows, folds drawn by source sentence: the
mean over datasets of the out-of-fold Pearson with the human ``score``, a candidate that ranks
one dataset against people losing to any that does not. Dev rows are only measured (their
Pearson and the quality bands are recorded), never chosen on. In files without splits (WMT DA)
a fixed quarter of the source sentences (:func:`held_out`) is dev and never trained on.

Modes that read the source are also fitted without the evidence of the checks that need it
(their calibration is tied to the source language): ``combine.other_sources``, used for source
languages the training data does not have (``combine.src_langs``).

How much a flag lowers quality is chosen on *pairs* when they are given: rows with a garbled
translation and its clean twin (as ``scripts/make_garbles.py`` writes them, e.g. its train set).
Two things are chosen together: the flag floor (:data:`FLAG_FLOOR` times a step per severity, a
cost on the logit per unit of confidence) and the flag caps (the most quality a sentence may keep
while it carries a flag of a kind that marks garbles: a check and severity at least
:data:`CAP_RATIO` times as frequent on the garbled translations as on their clean twins, with at
least :data:`CAP_MIN_FLAGS` such flags, name flags judged without the source excepted
(:func:`name_without_source`); the cap per severity one of :data:`CAP_STEPS`, the quality bands
of docs/evaluation-scale.md, searched for a severity with at least
:data:`CAP_MIN_SEVERITY_FLAGS` such flags and otherwise that of the next milder one). The pair
of choices that best ranks garbled below clean translations (AUC over all of them, not just
within a pair, to :data:`AUC_DIGITS` decimals) is taken among those that keep the out-of-fold
Pearson of every training dataset within :data:`PAIR_TOLERANCE` of the base floor's without
caps.
Pairs whose source sentence is dev or held out are not used.

Rows of official test splits are dropped while the files are read (see
:func:`mtqa.evaluate.dataset.read_rows`); nothing here can see them. A row given as dev is never
used for training.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtqa.calibration import FLAGGED, OWN_KIND_CATEGORIES, Calibration, combination_features
from mtqa.errors import InputError
from mtqa.evaluate.dataset import EvalRow, is_test_split, read_rows, subsample
from mtqa.evaluate.metrics import garbled_below_clean, pearson
from mtqa.evaluate.runner import Settings, score_rows

MODES = ("mt", "mt+src", "mt+ref", "mt+src+ref")
PENALTIES = (0.001, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
# Editorial floor: the least a flag lowers the logit of quality, per unit of summed confidence.
# Human scores of whole sentences say little about rare flags (MLQE-PE has few), yet a phrase an
# editor must fix has to cost quality; the learned weight is kept where it is stronger.
FLAG_FLOOR = {"flags.minor": -0.1, "flags.major": -0.5, "flags.critical": -1.5}
# Multiples of FLAG_FLOOR tried per severity when pairs of garbled and clean translations are
# given, and how much out-of-fold Pearson a stronger floor may cost (see the module docstring).
FLOOR_STEPS = {
    "flags.minor": (0.5, 1.0, 2.0, 4.0),
    "flags.major": (1.0, 2.0, 3.0, 4.0, 6.0, 8.0),
    "flags.critical": (1.0, 2.0, 3.0, 4.0),
}
PAIR_TOLERANCE = 0.005
# Choices whose garbled-below-clean AUC on the pairs agree to this many decimals are tied (then
# the floor nearest the base one wins, then the mildest caps): a gain under 0.0001 on 1,500 pairs
# is noise, yet it moved the offline profile's minor floor -0.2 -> -0.4 at a dev cost of 0.012.
AUC_DIGITS = 4
# Flag caps: the quality a sentence may keep at most while it carries a flag of a kind that marks
# garbles on the pairs (None: no cap). The steps are the quality bands of the docs; a worse
# severity is never capped higher than a milder one.
CAP_STEPS = (None, 80.0, 65.0, 50.0, 30.0)
# A kind of flag (check and severity) marks garbles when the pairs' garbled translations carry
# it at least CAP_RATIO times as often as their clean twins, and at least CAP_MIN_FLAGS times.
CAP_RATIO = 2.0
CAP_MIN_FLAGS = 10
# A severity's cap is searched only when the garbled translations carry at least this many flags
# of its cap kinds; a rarer severity (critical flags, typically) is capped like the next milder
# one (:func:`cap_candidates`): with a few dozen flags the best cap flipped between refits
# (30 -> 65 for the offline profile's critical flags with a source, on a refit that changed
# little else).
CAP_MIN_SEVERITY_FLAGS = 50
DIGITS = 6
# Cross-validation folds (drawn by source sentence) that choose the penalty and the flag floor.
FOLDS = 5
# Summed flag confidence of one severity counts at most this much; scores are winsorised at
# these tails of the training rows (one extreme value cannot dominate the fit).
FLAG_CAP = 2.0
CLIP_QUANTILE = 0.005
# Files without splits (WMT DA): one source-hash bucket in this many is dev, never trained on.
HOLDOUT_BUCKETS = 4
SIGN_CONSTRAINED = True
# The one target scale: a DA z-score z is placed at 68 + 27·z on the 0-100 DA scale.
DA_CENTRE = 68.0
DA_PER_Z = 27.0


def mode_needs(mode: str) -> tuple[bool, bool]:
    return "+src" in mode, "+ref" in mode


def doc_half(row: EvalRow) -> int:
    """0 or 1 by a hash of the document id (else the row id): the fixed split by document the
    calibration used before it held out a quarter of the sources (:func:`held_out`); kept for
    scripts/train_qe_head.py, whose recorded figures use it."""
    key = row.doc_id or row.id
    return hashlib.sha256(key.encode("utf-8")).digest()[0] & 1


def source_key(row: EvalRow) -> str:
    """What keeps related rows together in a split: the source sentence (every system's
    translation of it), else the document id, else the row id."""
    return row.src or row.doc_id or row.id


def bucket(key: str, buckets: int) -> int:
    """A fixed bucket in ``range(buckets)`` from a hash of ``key``."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % buckets


def held_out(row: EvalRow) -> bool:
    """Whether a row of a file without splits is dev (one source-hash bucket in
    HOLDOUT_BUCKETS): such rows are never trained on, given as --dev or not."""
    return bucket(source_key(row), HOLDOUT_BUCKETS) == 0


def read_training(paths: Sequence[str | Path]) -> list[EvalRow]:
    """Training rows: split 'train', or no split at all and not :func:`held_out`; dev and test
    splits are not used."""
    rows: list[EvalRow] = []
    for p in paths:
        rows.extend(
            r
            for r in read_rows(p, drop_test=True)
            if r.split == "train" or (r.split == "all" and not held_out(r))
        )
    return rows


def read_dev(paths: Sequence[str | Path]) -> list[EvalRow]:
    """Dev rows: split 'dev'; rows of files without splits: those :func:`held_out` (a quarter of
    the source sentences, with every translation of them)."""
    rows: list[EvalRow] = []
    for p in paths:
        for r in read_rows(p, drop_test=True):
            if r.split == "dev" or (r.split == "all" and held_out(r)):
                rows.append(r)
    return rows


def _guard(rows: Sequence[EvalRow]) -> None:
    bad = [r.id for r in rows if is_test_split(r.split)]
    if bad:  # read_rows already drops them; this catches rows built some other way
        raise InputError(f"test-split rows must not be used for calibration (e.g. {bad[0]})")


def features_of(results: Sequence[Any]) -> list[dict[str, float]]:
    return [combination_features(r.scores, r.flags) for r in results]


def da_scale(row: EvalRow) -> float | None:
    """The row's human judgement on the one 0-100 DA scale (z-score placed, else raw mean)."""
    if row.score is not None and row.da_mean is not None:
        return DA_CENTRE + DA_PER_Z * row.score
    return row.da_mean


def _target(row: EvalRow) -> float | None:
    value = da_scale(row)
    if value is None:
        return None
    return min(0.995, max(0.005, value / 100.0))


def dev_agreements(quality: Sequence[float], rows: Sequence[EvalRow]) -> dict[str, float]:
    """Pearson(quality, human score) within each dataset (datasets with at least two scored
    rows and a defined correlation)."""
    groups: dict[str, tuple[list[float], list[float]]] = {}
    for q, r in zip(quality, rows):
        if r.score is not None:
            g = groups.setdefault(r.dataset, ([], []))
            g[0].append(q)
            g[1].append(r.score)
    out = {d: pearson(x, y) for d, (x, y) in sorted(groups.items()) if len(x) >= 2}
    return {d: v for d, v in out.items() if not math.isnan(v)}


def dev_agreement(quality: Sequence[float], rows: Sequence[EvalRow]) -> float:
    """Mean over datasets of Pearson(quality, human score) within each dataset (NaN if none)."""
    return mean_agreement(dev_agreements(quality, rows))


def mean_agreement(per_dataset: dict[str, float]) -> float:
    """The mean of per-dataset agreements (NaN if there are none)."""
    return float(np.mean(list(per_dataset.values()))) if per_dataset else math.nan


def balanced_weights(datasets: Sequence[str]) -> np.ndarray:
    """Row weights (mean 1) under which every dataset weighs the same in the fit, however many
    rows it brings: news is not outvoted by a larger set of another kind of text."""
    counts: dict[str, int] = {}
    for d in datasets:
        counts[d] = counts.get(d, 0) + 1
    n, k = len(datasets), len(counts)
    return np.array([n / (k * counts[d]) for d in datasets], dtype=np.float64)


def fit_logistic(
    x: np.ndarray, t: np.ndarray, penalty: float, weight: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """Bias and weights minimising the (row-weighted) mean cross-entropy to soft targets
    + penalty/2·|w|² (Newton)."""
    n, k = x.shape
    w = np.ones(n) if weight is None else np.asarray(weight, dtype=np.float64) / weight.mean()
    design = np.hstack([np.ones((n, 1)), x])
    ridge = np.full(k + 1, penalty)
    ridge[0] = 0.0
    beta = np.zeros(k + 1)
    p0 = float(np.clip((w * t).sum() / w.sum(), 1e-6, 1 - 1e-6))
    beta[0] = math.log(p0 / (1 - p0))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -40, 40)))
        grad = design.T @ (w * (p - t)) / n + ridge * beta
        hess = (
            (design * (w * p * (1 - p))[:, None]).T @ design / n
            + np.diag(ridge)
            + 1e-9 * np.eye(k + 1)
        )
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return float(beta[0]), beta[1:]


def apply_flag_floor(model: dict[str, Any], floors: dict[str, float] | None = None) -> None:
    """Make every flag feature lower the logit by at least ``floors`` (default FLAG_FLOOR) per
    unit of confidence (up to the feature's cap).

    A learned flag weight acts on (x − centre)/scale; a flag the fit did not use is added with
    centre 0, so a sentence without flags is not rewarded for it.
    """
    for name, floor in (floors or FLAG_FLOOR).items():
        weights = model["weights"]
        if name in weights:
            scale = model["scale"].get(name, 1.0) or 1.0
            weights[name] = _r(min(weights[name], floor * scale))
        else:
            weights[name] = floor
            model["centre"][name] = 0.0
            model["scale"][name] = 1.0
            model["impute"][name] = 0.0
            model.setdefault("clip", {})[name] = [0.0, FLAG_CAP]


@dataclass
class ModeFit:
    mode: str
    model: dict[str, Any]
    report: dict[str, Any]
    floor: dict[str, float]
    caps: dict[str, Any] | None = None  # the model's ``flag_caps`` (None: no cap)


@dataclass(frozen=True)
class PairFeatures:
    """Features of garbled translations and of their clean twins (same order)."""

    garbled: list[dict[str, float]]
    clean: list[dict[str, float]]


def floor_candidates() -> list[dict[str, float]]:
    """Every flag floor of FLOOR_STEPS in which a worse severity costs at least as much, the base
    floor first."""
    out = [dict(FLAG_FLOOR)]
    for minor in FLOOR_STEPS["flags.minor"]:
        for major in FLOOR_STEPS["flags.major"]:
            for critical in FLOOR_STEPS["flags.critical"]:
                steps = {"flags.minor": minor, "flags.major": major, "flags.critical": critical}
                floor = {n: _r(FLAG_FLOOR[n] * k) for n, k in steps.items()}
                ordered = floor["flags.minor"] >= floor["flags.major"] >= floor["flags.critical"]
                if floor != out[0] and ordered:
                    out.append(floor)
    return out


def cap_kinds(pairs: PairFeatures) -> dict[str, tuple[int, int]]:
    """The kinds of flag (``check:severity``) that mark garbles on ``pairs``: at least
    CAP_MIN_FLAGS of them on the garbled translations and at least CAP_RATIO times as many as on
    their clean twins; each with (flags on garbled, flags on clean)."""
    garbled: dict[str, float] = {}
    clean: dict[str, float] = {}
    for feats, counts in ((pairs.garbled, garbled), (pairs.clean, clean)):
        for f in feats:
            for name, value in f.items():
                if name.startswith(FLAGGED) and value > 0:
                    kind = name[len(FLAGGED) :]
                    counts[kind] = counts.get(kind, 0.0) + value
    return {
        kind: (int(n), int(clean.get(kind, 0)))
        for kind, n in sorted(garbled.items())
        if n >= CAP_MIN_FLAGS
        and n >= CAP_RATIO * clean.get(kind, 0.0)
        and not name_without_source(kind)
    }


def name_without_source(kind: str) -> bool:
    """Whether ``kind`` holds the name flags of a check that does not read the source (the
    ``vocabulary`` check's ``vocabulary.name:minor``, :func:`mtqa.calibration.flag_kind`).

    Such a flag is a guess from the spelling alone (a capitalised word a letter or a
    romanisation away from a name English knows), which a rare but correct name draws as well:
    it never caps quality and costs only its floor. On the pairs it marks the generator's name
    garbles, so as part of ``vocabulary:minor`` it made that a cap kind and pulled the minor cap
    of the mode without a source down (65 -> 50 after the target-only names pass) for every
    minor kind. A name a source-side check flags against the source's own name stays a cap kind
    like the rest."""
    check, dot, category = kind.rpartition(":")[0].partition(".")
    if not dot or category not in OWN_KIND_CATEGORIES:
        return False
    from mtqa.checks import REGISTRY, check_class

    return check in REGISTRY and "src" not in getattr(check_class(check), "needs", ())


CAP_SEVERITIES = ("minor", "major", "critical")


def learned_severities(counts: Mapping[str, int]) -> tuple[str, ...]:
    """The severities whose cap is searched: those whose cap kinds number at least
    CAP_MIN_SEVERITY_FLAGS flags on the garbled translations (``counts``: kind -> flags)."""
    per: dict[str, int] = {}
    for kind, n in counts.items():
        severity = kind.rpartition(":")[2]
        per[severity] = per.get(severity, 0) + n
    return tuple(s for s in CAP_SEVERITIES if per.get(s, 0) >= CAP_MIN_SEVERITY_FLAGS)


def cap_candidates(
    kinds: Sequence[str], counts: Mapping[str, int] | None = None
) -> list[dict[str, Any] | None]:
    """No cap first, then every cap of CAP_STEPS per severity (for the ``kinds`` that mark
    garbles) in which a worse severity is capped at most as high as a milder one.

    With ``counts`` (flags of each kind on the garbled translations) only the severities of
    :func:`learned_severities` are searched; a rarer severity takes the prior: the cap of the
    next milder severity (the most the ordering allows a worse severity to keep; none for a
    rare ``minor``), so a handful of rare flags cannot move its cap from one refit to the next.
    """
    out: list[dict[str, Any] | None] = [None]
    if not kinds:
        return out
    learned = CAP_SEVERITIES if counts is None else learned_severities(counts)
    seen: list[dict[str, float]] = []
    for steps in itertools.product(CAP_STEPS, repeat=len(CAP_SEVERITIES)):
        if any(c is not None for n, c in zip(CAP_SEVERITIES, steps) if n not in learned):
            continue  # a severity without its own search is set from its milder neighbour below
        chosen: list[float | None] = []
        for n, c in zip(CAP_SEVERITIES, steps):
            chosen.append(c if n in learned else (chosen[-1] if chosen else None))
        levels = [100.0 if c is None else c for c in chosen]
        if all(c is None for c in chosen) or levels != sorted(levels, reverse=True):
            continue
        cap = {n: c for n, c in zip(CAP_SEVERITIES, chosen) if c is not None}
        if cap in seen:
            continue
        seen.append(cap)
        out.append({"cap": cap, "flags": sorted(k for k in kinds if k.rpartition(":")[2] in cap)})
    return out


def apply_flag_cost(
    model: dict[str, Any], floor: dict[str, float] | None, caps: dict[str, Any] | None
) -> None:
    """:func:`apply_flag_floor`, and the flag caps (``model["flag_caps"]``; None: no cap)."""
    apply_flag_floor(model, floor)
    if caps and caps.get("flags"):
        model["flag_caps"] = copy.deepcopy(caps)
    else:
        model.pop("flag_caps", None)


def choose_floor(
    model: dict[str, Any],
    mode: str,
    dev_rows: Sequence[EvalRow],
    dev_feats: Sequence[dict[str, float]],
    pairs: PairFeatures,
) -> tuple[dict[str, float], dict[str, Any] | None, dict[str, Any]]:
    """The flag floor and caps for ``model`` (learned weights, before any floor), judged on given
    rows (:func:`pick_floor` with their Pearson per dataset)."""
    cols = _columns(dev_feats)

    def agreement(floor: dict[str, float], caps: dict[str, Any] | None) -> dict[str, float]:
        m = copy.deepcopy(model)
        apply_flag_cost(m, floor, caps)
        return dev_agreements(list(_quality_cols(m, cols)), dev_rows)

    return pick_floor(agreement, model, pairs)


def pick_floor(
    agreement: Callable[[dict[str, float], dict[str, Any] | None], dict[str, float]],
    model: dict[str, Any],
    pairs: PairFeatures,
) -> tuple[dict[str, float], dict[str, Any] | None, dict[str, Any]]:
    """The flag floor, the flag caps (None: no cap) and what they measured: the pair of choices
    that ranks garbled below clean translations best (``model`` with them applied), among those
    whose ``agreement`` with people stays within PAIR_TOLERANCE of the base floor's without caps
    on every dataset (no kind of text may pay for another's gain); on ties, the floor nearest
    the base one, then the mildest caps."""
    garbled, clean = _columns(pairs.garbled), _columns(pairs.clean)
    kinds = cap_kinds(pairs)
    tried = []
    garbled_counts = {k: g for k, (g, _) in kinds.items()}
    for caps in cap_candidates(list(kinds), garbled_counts):
        for floor in floor_candidates():
            m = copy.deepcopy(model)
            apply_flag_cost(m, floor, caps)
            auc = garbled_below_clean(_quality_cols(m, garbled), _quality_cols(m, clean))
            tried.append((floor, caps, agreement(floor, caps), auc))
    base_dev = tried[0][2]

    def within(dev: dict[str, float]) -> bool:
        return all(d in dev and dev[d] >= r - PAIR_TOLERANCE for d, r in base_dev.items())

    def key(t: tuple[dict[str, float], Any, dict[str, float], float]) -> tuple[float, ...]:
        # The best ranking; on a tie, the floor nearest the base one (fewest, smallest steps),
        # then the mildest caps.
        auc = -math.inf if math.isnan(t[3]) else round(t[3], AUC_DIGITS)
        near = -sum(abs(math.log(t[0][n] / FLAG_FLOOR[n])) for n in FLAG_FLOOR)
        mild = -sum(100.0 - c for c in (t[1] or {}).get("cap", {}).values())
        return auc, near, mild

    best = max((t for t in tried if within(t[2])), key=key)  # the base is always within

    def measured(t: tuple[dict[str, float], Any, dict[str, float], float]) -> dict[str, Any]:
        return {
            "dev_pearson": {d: _r(v) for d, v in t[2].items()},
            "garbled_below_clean": _nan_none(t[3]),
        }

    report = {
        "pairs": len(pairs.garbled),
        "tolerance": PAIR_TOLERANCE,
        "cap_kinds": {k: {"garbled": g, "clean": c} for k, (g, c) in kinds.items()},
        "cap_severities_searched": list(learned_severities(garbled_counts)),
        "cap_min_severity_flags": CAP_MIN_SEVERITY_FLAGS,
        "base": measured(tried[0]),
        "chosen": measured(best),
    }
    return best[0], best[1], report


def _nan_none(v: float) -> float | None:
    return None if math.isnan(v) else _r(v)


def _matrix(
    feats: Sequence[dict[str, float]], names: Sequence[str], impute: dict[str, float]
) -> np.ndarray:
    return np.array(
        [[f.get(n, impute[n]) for n in names] for f in feats], dtype=np.float64
    ).reshape(len(feats), len(names))


def _columns(feats: Sequence[dict[str, float]]) -> tuple[int, dict[str, np.ndarray]]:
    """Features as one array per name (NaN where a row lacks it), for fast scoring."""
    names = sorted({k for f in feats for k in f})
    return len(feats), {
        n: np.array([f.get(n, math.nan) for f in feats], dtype=np.float64) for n in names
    }


def _quality_cols(model: dict[str, Any], cols: tuple[int, dict[str, np.ndarray]]) -> np.ndarray:
    """:meth:`Calibration.quality_with` over many rows at once (same arithmetic)."""
    n, by_name = cols
    z = np.full(n, float(model.get("bias", 0.0)))
    centres, scales = model.get("centre", {}), model.get("scale", {})
    impute, clip = model.get("impute", {}), model.get("clip", {})
    for name, weight in model.get("weights", {}).items():
        fill = impute.get(name, centres.get(name, 0.0))
        x = by_name.get(name)
        x = np.full(n, fill) if x is None else np.where(np.isnan(x), fill, x)
        if name in clip:
            x = np.clip(x, clip[name][0], clip[name][1])
        z += weight * (x - centres.get(name, 0.0)) / (scales.get(name, 1.0) or 1.0)
    quality = 100.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
    caps = model.get("flag_caps")
    if caps:
        limits = caps.get("cap", {})
        for kind in caps.get("flags", ()):
            severity = kind.rpartition(":")[2]
            count = by_name.get(FLAGGED + kind)
            if severity in limits and count is not None:
                flagged = np.nan_to_num(count) > 0
                quality = np.where(flagged, np.minimum(quality, limits[severity]), quality)
    return quality


def _quality(model: dict[str, Any], feats: Sequence[dict[str, float]], mode: str) -> list[float]:
    return [float(q) for q in _quality_cols(model, _columns(feats))]


def _r(v: float) -> float:
    return round(float(v), DIGITS)


MIN_DATASET_ROWS = 30


def _inconsistent_across_datasets(
    datasets: Sequence[str], raw: np.ndarray, t: np.ndarray, names: Sequence[str]
) -> list[str]:
    """Scores (not flags) whose correlation with the target changes sign between the training
    datasets (each with at least MIN_DATASET_ROWS rows): evidence that does not transfer from one
    kind of text to another is left out, so it cannot turn against people on a third."""
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(datasets):
        groups.setdefault(d, []).append(i)
    idx = [g for g in groups.values() if len(g) >= MIN_DATASET_ROWS]
    if len(idx) < 2:
        return []
    out = []
    for j, n in enumerate(names):
        if n.startswith("flags."):
            continue
        signs = {np.sign(pearson(raw[g, j], t[g])) for g in idx}
        signs.discard(0.0)
        if len(signs) > 1:
            out.append(n)
    return out


def clip_range(name: str, values: np.ndarray) -> tuple[float, float]:
    """The range a feature is held in (fit and use alike): flags (summed confidence) at most
    FLAG_CAP, so one sentence with many flags cannot dominate the fit; scores winsorised at the
    CLIP_QUANTILE tails of the training rows."""
    if name.startswith("flags."):
        return 0.0, FLAG_CAP
    lo, hi = np.quantile(values, [CLIP_QUANTILE, 1.0 - CLIP_QUANTILE])
    return float(lo), float(hi)


def fit_mode(
    mode: str,
    train: Sequence[EvalRow],
    train_feats: Sequence[dict[str, float]],
    dev: Sequence[EvalRow],
    dev_feats: Sequence[dict[str, float]],
    pair_feats: PairFeatures | None = None,
    floor: dict[str, float] | None = None,
    seed: int = 0,
    caps: dict[str, Any] | None = None,
) -> ModeFit:
    """Fit one mode on ``train``; ``dev`` is only measured (Pearson, bands), never chosen on.

    Features are winsorised (:func:`clip_range`) and standardised; every training dataset
    weighs the same (:func:`balanced_weights`). The ridge penalty, and whether a single feature
    beats the combination, are chosen by FOLDS-fold cross-validation on the training rows, the
    folds drawn by source sentence (``seed`` draws them): the mean over datasets of the
    out-of-fold Pearson, a candidate that ranks one dataset against people losing to any that
    does not. The flag floor and caps are ``floor`` and ``caps`` when a floor is given, else
    chosen on ``pair_feats`` when given (:func:`pick_floor`, judged on the same out-of-fold
    Pearson), else FLAG_FLOOR without caps.
    """
    labelled = [(r, f, _target(r)) for r, f in zip(train, train_feats) if _target(r) is not None]
    if len(labelled) < 10:
        raise InputError(f"mode {mode}: only {len(labelled)} training rows with a raw DA label")
    rows = [r for r, _, _ in labelled]
    feats = [f for _, f, _ in labelled]
    t = np.array([y for _, _, y in labelled], dtype=np.float64)
    weight = balanced_weights([r.dataset for r in rows])
    # The per-kind flag counts only decide the caps; the logit weighs the severity sums.
    names = sorted({k for f in feats for k in f if not k.startswith(FLAGGED)})
    means = {n: float(np.mean([f[n] for f in feats if n in f])) for n in names}
    raw = _matrix(feats, names, means)
    stds = raw.std(axis=0)
    names = [n for n, s in zip(names, stds) if s > 1e-12]  # constant features carry nothing
    raw = _matrix(feats, names, means)
    inconsistent = _inconsistent_across_datasets([r.dataset for r in rows], raw, t, names)
    names = [n for n in names if n not in inconsistent]
    raw = _matrix(feats, names, means)
    clip = {n: clip_range(n, raw[:, j]) for j, n in enumerate(names)}
    for j, n in enumerate(names):
        raw[:, j] = np.clip(raw[:, j], *clip[n])
    centre = (raw * weight[:, None]).sum(axis=0) / weight.sum()
    scale = np.sqrt(((raw - centre) ** 2 * weight[:, None]).sum(axis=0) / weight.sum())
    keep = [j for j in range(len(names)) if scale[j] > 1e-12]  # constant once clipped
    names = [names[j] for j in keep]
    raw, centre, scale = raw[:, keep], centre[keep], scale[keep]
    x = (raw - centre) / scale
    direction = {n: (1 if pearson(raw[:, j], t) >= 0 else -1) for j, n in enumerate(names)}
    fold = np.array([bucket(f"{seed}:{source_key(r)}", FOLDS) for r in rows])
    train_cols = _columns(feats)
    base_floor = dict(floor or FLAG_FLOOR)

    def against(name: str, w: float) -> bool:
        # A flag never raises quality; with SIGN_CONSTRAINED no score's weight runs against the
        # way the score alone correlates with people.
        if name.startswith("flags."):
            return w > 0
        return SIGN_CONSTRAINED and w * direction[name] < 0

    def model_for(penalty: float, used: Sequence[str], idx: np.ndarray) -> dict[str, Any]:
        # A flag must never raise quality: flag features that get a positive weight are dropped
        # and the rest refitted (the data can make a flag look like a mark of long, good text).
        used = list(used)
        while True:
            cols = [names.index(n) for n in used]
            bias, w = fit_logistic(
                x[np.ix_(idx, np.array(cols, dtype=int))], t[idx], penalty, weight[idx]
            )
            wrong = [n for n, wj in zip(used, w) if against(n, wj)]
            if len(wrong) == len(used):
                w = np.zeros_like(w)  # nothing left: a constant model, never chosen
            if not wrong or len(wrong) == len(used):
                break
            used = [n for n in used if n not in wrong]
        return {
            "bias": _r(bias),
            "weights": {n: _r(wj) for n, wj in zip(used, w)},
            "centre": {n: _r(centre[j]) for n, j in zip(used, cols)},
            "scale": {n: _r(scale[j]) for n, j in zip(used, cols)},
            "impute": {n: _r(means[n]) for n in used},
            "clip": {n: [_r(clip[n][0]), _r(clip[n][1])] for n in used},
            "direction": direction,
        }

    everything = np.arange(len(rows))
    folds = [f for f in range(FOLDS) if (fold == f).any() and (fold != f).any()]

    def fold_models(penalty: float, used: Sequence[str]) -> list[tuple[np.ndarray, dict]]:
        return [(fold == f, model_for(penalty, used, everything[fold != f])) for f in folds]

    def out_of_fold(
        models: list[tuple[np.ndarray, dict]],
        flr: dict[str, float],
        cap: dict[str, Any] | None = None,
    ) -> dict[str, float]:
        q = np.zeros(len(rows))
        for held, learned in models:
            m = copy.deepcopy(learned)
            apply_flag_cost(m, flr, cap)
            q[held] = _quality_cols(m, held_cols(held))
        return dev_agreements(list(q), rows)

    fold_cols: dict[bytes, tuple[int, dict[str, np.ndarray]]] = {}

    def held_cols(held: np.ndarray) -> tuple[int, dict[str, np.ndarray]]:
        # The held-out rows' columns, cut once per fold (the floor and cap search scores them
        # thousands of times).
        key = held.tobytes()
        if key not in fold_cols:
            fold_cols[key] = (int(held.sum()), {n: c[held] for n, c in train_cols[1].items()})
        return fold_cols[key]

    # Candidates: all features at each penalty, and each feature alone (a combination has to
    # beat the single checks out of fold to be chosen).
    candidates: list[tuple[float, list[str]]] = [(p, list(names)) for p in PENALTIES]
    candidates += [(PENALTIES[0], [n]) for n in names]
    tried: list[dict[str, Any]] = []
    best: tuple[tuple[bool, float], float, list[str], list, float] | None = None
    for penalty, used in candidates:
        models = fold_models(penalty, used)
        # Judged with the flag floor applied: it is part of the model that ships, and it can
        # swamp the small weights of a strongly regularised candidate.
        per_dataset = out_of_fold(models, base_floor)
        score = mean_agreement(per_dataset)
        tried.append(
            {
                "penalty": penalty,
                "features": "all" if len(used) == len(names) else used[0],
                "cv_pearson": None if math.isnan(score) else _r(score),
                "cv_pearson_by_dataset": {d: _r(v) for d, v in per_dataset.items()},
            }
        )
        # A candidate that ranks one dataset against people loses to any that does not: a
        # quality anti-correlated with people on one kind of text is worse than a weaker one.
        key = (
            all(v >= 0 for v in per_dataset.values()),
            -math.inf if math.isnan(score) else score,
        )
        if best is None or key > best[0]:
            best = (key, penalty, used, models, score)
    assert best is not None
    _, penalty, used, models, cv_score = best
    learned = model_for(penalty, used, everything)
    floor_report = None
    if floor is None:
        caps = None
        if pair_feats is not None and pair_feats.garbled:
            floor, caps, floor_report = pick_floor(
                lambda f, c: out_of_fold(models, f, c), learned, pair_feats
            )
            floor_report["dev_pearson_is"] = "out of fold, on the training rows"
    floor = dict(floor or FLAG_FLOOR)
    model = copy.deepcopy(learned)
    apply_flag_cost(model, floor, caps)
    caps = model.get("flag_caps")
    model["direction"] = dict(direction)
    cv_floored = out_of_fold(models, floor, caps)

    dev_rows = [(r, f) for r, f in zip(dev, dev_feats) if r.score is not None]
    dev_r = [r for r, _ in dev_rows]
    dev_f = [f for _, f in dev_rows]
    single: dict[str, float] = {}
    for n in names:
        values = [f.get(n, means[n]) * direction[n] for f in dev_f]
        r = dev_agreement(values, dev_r)
        if not math.isnan(r):
            single[n] = _r(r)
    dev_quality = _quality(model, dev_f, mode)
    dev_by = dev_agreements(dev_quality, dev_r)
    dev_mean = mean_agreement(dev_by)
    report: dict[str, Any] = {
        "train_rows": len(feats),
        "train_rows_by_dataset": _counts([r.dataset for r in rows]),
        "dev_rows": len(dev_f),
        "folds": FOLDS,
        "fold_seed": seed,
        "penalty": penalty,
        "features": "all" if len(used) == len(names) else used,
        "dropped_inconsistent_across_datasets": inconsistent,
        "tried": tried,
        "cv_pearson_before_flag_floor_choice": None if math.isnan(cv_score) else _r(cv_score),
        "flag_floor": floor,
        "flag_caps": caps,
        **({"flag_floor_choice": floor_report} if floor_report else {}),
        "cv_pearson_by_dataset": {d: _r(v) for d, v in cv_floored.items()},
        "dev_pearson": None if math.isnan(dev_mean) else _r(dev_mean),
        "dev_pearson_by_dataset": {d: _r(v) for d, v in dev_by.items()},
        "dev_pearson_single_oriented": dict(sorted(single.items(), key=lambda kv: -kv[1])),
    }
    if dev_f:
        report["dev_by_quality"] = quality_bands(dev_rows, dev_quality)
    return ModeFit(mode=mode, model=model, report=report, floor=floor, caps=caps)


def _counts(items: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return dict(sorted(out.items()))


def quality_bands(
    rows: Sequence[tuple[EvalRow, dict[str, float]]], quality: Sequence[float]
) -> list[dict[str, Any]]:
    """Mean human labels of dev rows whose quality falls within ±5 of 30, 50, 65, 80 and 90
    (``mean_da_scale``: on the one 0-100 scale quality estimates)."""
    out = []
    for centre in (30, 50, 65, 80, 90):
        idx = [i for i, q in enumerate(quality) if abs(q - centre) < 5]
        band: dict[str, Any] = {"quality": centre, "rows": len(idx)}
        scaled = [da_scale(rows[i][0]) for i in idx]
        scaled_values = [v for v in scaled if v is not None]
        band["mean_da_scale"] = _r(float(np.mean(scaled_values))) if scaled_values else None
        for label in ("score", "hter", "da_mean"):
            vals = [
                getattr(rows[i][0], label) for i in idx if getattr(rows[i][0], label) is not None
            ]
            band[f"mean_{label}"] = _r(float(np.mean(vals))) if vals else None
        out.append(band)
    return out


def per_dataset_sample(rows: Sequence[EvalRow], limit: int | None, seed: int = 0) -> list[EvalRow]:
    """At most ``limit`` rows of each dataset (deterministic, see :func:`subsample`), order kept."""
    if limit is None:
        return list(rows)
    groups: dict[str, list[EvalRow]] = {}
    for r in rows:
        groups.setdefault(r.dataset, []).append(r)
    keep = {id(r) for g in groups.values() for r in subsample(g, limit, seed=seed)}
    return [r for r in rows if id(r) in keep]


def source_language_checks(checks: Sequence[str]) -> list[str]:
    """The checks among ``checks`` that need the source: their evidence is calibrated per source
    language and left out for source languages without their own calibration."""
    from mtqa.checks import check_class

    return [n for n in checks if "src" in getattr(check_class(n), "needs", ())]


def calibrate(
    train_paths: Sequence[str | Path],
    dev_paths: Sequence[str | Path],
    *,
    modes: Sequence[str] = MODES,
    checks: Sequence[str] | None = None,
    sample: int | None = None,
    dev_sample: int | None = None,
    base: Calibration | None = None,
    progress: Callable[[str], None] | None = None,
    pair_paths: Sequence[str | Path] = (),
    pair_sample: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """A calibration file (as a dict) with models fitted for every mode the data supports.

    ``sample`` / ``dev_sample`` / ``pair_sample`` cap the rows of each dataset (drawn by
    ``seed``, which also draws the cross-validation folds). Modes with a source are also fitted
    without the source-language checks' evidence (``combine.other_sources``). ``pair_paths``:
    garbled/clean pairs that choose the flag floor of the modes without a reference (a mode with
    one takes the floor of its twin without it; see the module docstring).
    """
    from mtqa.checks import select_checks

    selection = select_checks(checks)
    if selection.fallback:  # a default-profile file fitted without its model would be wrong
        raise InputError(f"cannot calibrate the default profile here ({selection.fallback})")
    names = selection.names
    dev = read_dev(dev_paths)
    dev_ids = {r.id for r in dev}
    train = [r for r in read_training(train_paths) if r.id not in dev_ids]
    _guard(train)
    _guard(dev)
    if not train:
        raise InputError("no training rows (split 'train' or unsplit) in the given files")
    train = per_dataset_sample(train, sample, seed)
    dev = per_dataset_sample(dev, dev_sample, seed)
    exclude = source_language_checks(names)
    # Pairs whose source sentence is dev (or held out) anywhere are not used either.
    dev_sources = {source_key(r) for r in dev} | {r.src for r in read_dev(dev_paths) if r.src}
    pairs = [r for r in read_pairs(pair_paths) if not held_out(r) and r.src not in dev_sources]
    pairs = per_dataset_sample(pairs, pair_sample, seed)
    if progress and pair_paths:
        progress(f"{len(pairs)} garbled/clean pairs choose the flag floors")
    fits: dict[str, ModeFit] = {}
    transfer: dict[str, ModeFit] = {}
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
        settings = Settings(checks=names, use_src=need_src, use_ref=need_ref, resamples=0)
        train_feats = _features_in_order(usable, settings, exclude, progress, f"{mode} train")
        dev_feats = (
            _features_in_order(usable_dev, settings, exclude, progress, f"{mode} dev")
            if usable_dev
            else ([], [])
        )
        pair_feats: tuple[PairFeatures, PairFeatures] | None = None
        twin = fits.get(mode.replace("+ref", "")) if need_ref else None
        usable_pairs = [r for r in pairs if r.src or not need_src]
        if not need_ref and usable_pairs:
            pair_feats = _pair_features(usable_pairs, settings, exclude, progress, f"{mode} pairs")
        fits[mode] = fit_mode(
            mode,
            usable,
            train_feats[0],
            usable_dev,
            dev_feats[0],
            pair_feats=pair_feats[0] if pair_feats else None,
            floor=twin.floor if twin else None,
            seed=seed,
            caps=twin.caps if twin else None,
        )
        if need_src and exclude:
            transfer[mode] = fit_mode(
                mode,
                usable,
                train_feats[1],
                usable_dev,
                dev_feats[1],
                floor=fits[mode].floor,
                seed=seed,
                caps=fits[mode].caps,
            )
        if progress:
            other = (
                f"; without {'+'.join(exclude)}: {transfer[mode].report['dev_pearson']}"
                if mode in transfer
                else ""
            )
            progress(f"{mode}: dev Pearson {fits[mode].report['dev_pearson']}{other}")
    if not fits:
        raise InputError("no mode could be fitted: the rows lack the inputs the modes need")
    data = assemble(
        fits, base, train_paths, dev_paths, names, sample, dev_sample, pair_paths, pair_sample, seed
    )
    src_langs = sorted({r.lang_pair.partition("-")[0] for r in train if r.src})
    combine = data["combine"]
    if transfer and src_langs:
        combine["src_langs"] = src_langs
        combine["other_sources"] = {
            "about": "for source languages not in src_langs: fitted on the same rows without "
            "the evidence of the checks that need the source",
            "exclude_checks": exclude,
            "by_inputs": {m: f.model for m, f in sorted(transfer.items())},
            "dev_pearson": {m: f.report["dev_pearson"] for m, f in sorted(transfer.items())},
        }
    else:
        combine.pop("src_langs", None)
        combine.pop("other_sources", None)
    return data


def _features_in_order(
    rows: Sequence[EvalRow],
    settings: Settings,
    exclude: Sequence[str] = (),
    progress: Callable[[str], None] | None = None,
    what: str = "",
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Features of ``rows`` in order: all checks' evidence, and without those in ``exclude``."""
    done = (lambda n: progress(f"{what}: {n}/{len(rows)} rows scored")) if progress else None
    scored = score_rows(rows, settings, progress=done)
    full: dict[int, dict[str, float]] = {}
    partial: dict[int, dict[str, float]] = {}
    position = {id(r): i for i, r in enumerate(rows)}
    for s in scored.values():
        for row, result in zip(s.rows, s.results):
            i = position[id(row)]
            full[i] = combination_features(result.scores, result.flags)
            partial[i] = combination_features(result.scores, result.flags, exclude, s.score_owners)
    return [full[i] for i in range(len(rows))], [partial[i] for i in range(len(rows))]


def read_pairs(paths: Sequence[str | Path]) -> list[EvalRow]:
    """Garbled translations with their clean twins: JSONL rows with ``mt`` and ``clean`` (as
    ``scripts/make_garbles.py`` writes them); rows whose ``clean`` is missing or equal to ``mt``
    are unpaired and not used. A test-split row is an error."""
    out: list[EvalRow] = []
    for path in paths:
        for row in read_rows(path, twin="clean"):
            if is_test_split(row.split):
                raise InputError(f"{row.id}: test-split rows must not choose the flag floor")
            if row.mt_good is not None and row.mt_good != row.mt:
                out.append(dataclasses.replace(row, dataset=f"pairs:{row.dataset}", spans=None))
    return out


def _pair_features(
    rows: Sequence[EvalRow],
    settings: Settings,
    exclude: Sequence[str],
    progress: Callable[[str], None] | None,
    what: str,
) -> tuple[PairFeatures, PairFeatures]:
    """Pair features with all checks' evidence, and without those in ``exclude``."""
    done = (lambda n: progress(f"{what}: {n} translations scored")) if progress else None
    scored = score_rows(rows, settings, progress=done)
    full = PairFeatures([], [])
    partial = PairFeatures([], [])
    for s in scored.values():
        for bad, good in zip(s.results, s.good):
            assert good is not None  # every pair row has its clean twin
            full.garbled.append(combination_features(bad.scores, bad.flags))
            full.clean.append(combination_features(good.scores, good.flags))
            partial.garbled.append(
                combination_features(bad.scores, bad.flags, exclude, s.score_owners)
            )
            partial.clean.append(
                combination_features(good.scores, good.flags, exclude, s.score_owners)
            )
    return full, partial


def _file_record(path: str | Path) -> dict[str, str]:
    p = Path(path)
    return {"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()[:16]}


def assemble(
    fits: dict[str, ModeFit],
    base: Calibration | None,
    train_paths: Sequence[str | Path],
    dev_paths: Sequence[str | Path],
    checks: Sequence[str] | None,
    sample: int | None,
    dev_sample: int | None = None,
    pair_paths: Sequence[str | Path] = (),
    pair_sample: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Merge fitted modes into ``base`` (its checks section and any modes not refitted)."""
    data: dict[str, Any] = dict(base.data) if base else {"name": "calibrated", "checks": {}}
    combine = dict(data.get("combine", {}))
    by_inputs = dict(combine.get("by_inputs", {}))
    made = dict(data.get("made", {})) if isinstance(data.get("made"), dict) else {}
    for mode, fit in fits.items():
        by_inputs[mode] = fit.model
        made[mode] = {
            "method": "L2 logistic regression on winsorised, standardised features, every "
            "training dataset weighted equally, soft target = "
            f"({DA_CENTRE:g} + {DA_PER_Z:g}·DA z)/100 (raw DA/100 without z); penalty and flag "
            f"floor chosen by {FOLDS}-fold cross-validation on the training rows (folds by "
            "source sentence); dev rows only measured",
            "train": [_file_record(p) for p in train_paths],
            "dev": [_file_record(p) for p in dev_paths],
            **({"pairs": [_file_record(p) for p in pair_paths]} if pair_paths else {}),
            "checks": list(checks) if checks else "default",
            "train_sample": sample,
            "dev_sample": dev_sample,
            **({"pair_sample": pair_sample} if pair_paths else {}),
            "seed": seed,
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
