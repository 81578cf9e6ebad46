"""Agreement metrics between mtqa's output and human labels: numpy only, no scipy at run time.

Sentence level: Pearson r, Spearman ρ (average ranks for ties), Kendall τ-b (scipy's default
variant), each with a percentile bootstrap confidence interval. Word level: Matthews correlation
of OK/BAD tags. Span level: the WMT23 QE task-2 character F1. Contrastive pairs: accuracy.
A correlation that is undefined (fewer than two rows, constant input) is ``nan``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Floats = NDArray[np.float64]


def _pair(x: ArrayLike, y: ArrayLike) -> tuple[Floats, Floats]:
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"need two 1-d sequences of equal length, got {a.shape} and {b.shape}")
    return a, b


def pearson(x: ArrayLike, y: ArrayLike) -> float:
    a, b = _pair(x, y)
    if a.size < 2:
        return math.nan
    da, db = a - a.mean(), b - b.mean()
    denom = math.sqrt(float(da @ da) * float(db @ db))
    if denom == 0.0:
        return math.nan
    return max(-1.0, min(1.0, float(da @ db) / denom))


def average_ranks(x: ArrayLike) -> Floats:
    """1-based ranks; tied values share the mean of the ranks they span (scipy's 'average')."""
    a = np.asarray(x, dtype=np.float64)
    order = np.argsort(a, kind="mergesort")
    sorted_a = a[order]
    # Start of each run of equal values in sorted order.
    new_run = np.concatenate(([True], sorted_a[1:] != sorted_a[:-1]))
    run_id = np.cumsum(new_run) - 1
    starts = np.flatnonzero(new_run)
    ends = np.concatenate((starts[1:], [a.size]))
    mean_rank = (starts + ends + 1) / 2.0  # mean of 1-based ranks start+1 .. end
    ranks = np.empty(a.size, dtype=np.float64)
    ranks[order] = mean_rank[run_id]
    return ranks


def spearman(x: ArrayLike, y: ArrayLike) -> float:
    a, b = _pair(x, y)
    return pearson(average_ranks(a), average_ranks(b))


def _dense(a: Floats) -> NDArray[np.int64]:
    return np.unique(a, return_inverse=True)[1].astype(np.int64).reshape(-1)


def _tied_pairs(codes: NDArray[np.int64]) -> int:
    counts = np.unique(codes, return_counts=True)[1].astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _inversions(values: NDArray[np.int64]) -> int:
    """Pairs i < j with values[i] > values[j]: bottom-up merge sort, one numpy pass per level."""
    n = values.size
    v = values.astype(np.int64)
    span = int(v.max()) + 1 if n else 1
    total = 0
    width = 1
    while width < n:
        block = np.arange(n) // width  # which run of length `width` each position is in
        pair = block // 2
        is_right = (block % 2) == 1
        keyed = pair * span + v  # runs of different pairs never compare
        left_keys = np.sort(keyed[~is_right])
        right = keyed[is_right]
        # Left elements of the same pair that are greater than each right element.
        upper = np.searchsorted(left_keys, (pair[is_right] + 1) * span, side="left")
        not_greater = np.searchsorted(left_keys, right, side="right")
        total += int((upper - not_greater).sum())
        # Merge each pair of runs: sorting by (pair, value) sorts within runs of length 2·width.
        v = np.sort(keyed) - pair * span
        width *= 2
    return total


def kendall(x: ArrayLike, y: ArrayLike) -> float:
    """Kendall τ-b, O(n log n): (concordant − discordant) / sqrt((n0 − n1)(n0 − n2))."""
    a, b = _pair(x, y)
    n = a.size
    if n < 2:
        return math.nan
    xa, yb = _dense(a), _dense(b)
    n0 = n * (n - 1) // 2
    tx, ty = _tied_pairs(xa), _tied_pairs(yb)
    txy = _tied_pairs(xa * (int(yb.max()) + 1) + yb)
    denom = math.sqrt(float(n0 - tx) * float(n0 - ty))
    if denom == 0.0:
        return math.nan
    # Sort by x then y: a discordant pair is an inversion of y between different x values.
    order = np.lexsort((yb, xa))
    discordant = _inversions(yb[order])
    concordant = n0 - tx - ty + txy - discordant
    return max(-1.0, min(1.0, (concordant - discordant) / denom))


CORRELATIONS: dict[str, Callable[[ArrayLike, ArrayLike], float]] = {
    "pearson": pearson,
    "spearman": spearman,
    "kendall": kendall,
}


@dataclass(frozen=True)
class Estimate:
    """A statistic with its percentile bootstrap interval (``nan`` bounds when not computed)."""

    value: float
    low: float = math.nan
    high: float = math.nan

    def to_dict(self) -> dict[str, float | None]:
        def clean(v: float) -> float | None:
            return None if math.isnan(v) else round(v, 4)

        return {"value": clean(self.value), "low": clean(self.low), "high": clean(self.high)}


def bootstrap(
    stat: Callable[[ArrayLike, ArrayLike], float],
    x: ArrayLike,
    y: ArrayLike,
    *,
    resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> Estimate:
    """``stat(x, y)`` with a percentile bootstrap interval over rows resampled with replacement."""
    a, b = _pair(x, y)
    value = stat(a, b)
    if resamples <= 0 or a.size < 2 or math.isnan(value):
        return Estimate(value)
    rng = np.random.default_rng(seed)
    draws = np.empty(resamples)
    for i in range(resamples):
        idx = rng.integers(0, a.size, a.size)
        draws[i] = stat(a[idx], b[idx])
    draws = draws[~np.isnan(draws)]
    if draws.size == 0:
        return Estimate(value)
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(draws, [tail, 100.0 - tail])
    return Estimate(value, float(low), float(high))


# --- word level ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagScores:
    mcc: float
    f1_bad: float
    f1_ok: float
    tokens: int

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "mcc": _round(self.mcc),
            "f1_bad": _round(self.f1_bad),
            "f1_ok": _round(self.f1_ok),
            "tokens": self.tokens,
        }


def _round(v: float) -> float | None:
    return None if math.isnan(v) else round(v, 4)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def tag_scores(gold_bad: Sequence[bool], pred_bad: Sequence[bool]) -> TagScores:
    """MCC (0 when undefined, as scikit-learn), F1 of the BAD class and of the OK class."""
    if len(gold_bad) != len(pred_bad):
        raise ValueError("gold and predicted tags differ in length")
    g = np.asarray(gold_bad, dtype=bool)
    p = np.asarray(pred_bad, dtype=bool)
    tp = int((g & p).sum())
    tn = int((~g & ~p).sum())
    fp = int((~g & p).sum())
    fn = int((g & ~p).sum())
    denom = math.sqrt(float(tp + fp) * float(tp + fn) * float(tn + fp) * float(tn + fn))
    mcc = 0.0 if denom == 0.0 else (tp * tn - fp * fn) / denom
    return TagScores(mcc=mcc, f1_bad=_f1(tp, fp, fn), f1_ok=_f1(tn, fn, fp), tokens=int(g.size))


def token_offsets(mt: str, tokens: Sequence[str]) -> list[tuple[int, int] | None]:
    """Where each official token sits in ``mt`` (code points), or None where it cannot be found.

    Tokens are searched left to right; a token the tokenizer rewrote (``&quot;``, ``<EOS>``) is
    not found and does not move the cursor, so the tokens after it still map.
    """
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        at = mt.find(tok, pos) if tok else -1
        # Only accept a match that skips nothing but whitespace (or a short stretch of characters
        # the tokenizer dropped); a far match would pair the token with the wrong word.
        if at < 0 or len(mt[pos:at].strip()) > 2:
            out.append(None)
            continue
        out.append((at, at + len(tok)))
        pos = at + len(tok)
    return out


def tags_from_spans(
    offsets: Sequence[tuple[int, int] | None], spans: Iterable[tuple[int, int]]
) -> list[bool]:
    """BAD for each token that shares at least one character with a span (unmapped tokens: OK)."""
    covered = [(s, e) for s, e in spans if e > s]
    return [
        off is not None and any(s < off[1] and off[0] < e for s, e in covered) for off in offsets
    ]


# --- span level ---------------------------------------------------------------------------------

Labelled = tuple[int, int, str | None]  # start, end, severity (None: the dataset has no severity)


def _severity_class(severity: str | None) -> str | None:
    # WMT23 task 2 has two classes; MQM critical errors count as major there.
    if severity is None:
        return None
    return "minor" if severity == "minor" else "major"


@dataclass(frozen=True)
class SpanScores:
    precision: float
    recall: float
    f1: float
    gold_chars: int
    predicted_chars: int

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "gold_chars": self.gold_chars,
            "predicted_chars": self.predicted_chars,
        }


def _marks(
    spans: Iterable[Labelled], length: int
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    """Per character: marked at all, marked minor, marked major (severity-less counts as both)."""
    any_ = np.zeros(length, dtype=bool)
    minor = np.zeros(length, dtype=bool)
    major = np.zeros(length, dtype=bool)
    for start, end, severity in spans:
        s, e = max(0, start), min(length, end)
        if e <= s:
            continue  # zero-width omission points have no characters to overlap
        any_[s:e] = True
        cls = _severity_class(severity)
        if cls in (None, "minor"):
            minor[s:e] = True
        if cls in (None, "major"):
            major[s:e] = True
    return any_, minor, major


def span_scores(rows: Iterable[tuple[int, Sequence[Labelled], Sequence[Labelled]]]) -> SpanScores:
    """WMT23 QE task-2 character P/R/F1 over all rows (micro-averaged).

    Each row is (len(mt), gold spans, predicted spans). A character marked by both counts 1 when
    a gold severity class is among the predicted ones (minor vs major; critical counts as major;
    a gold span without severity matches any), else 0.5. P = TP / predicted characters,
    R = TP / gold characters.
    """
    tp = 0.0
    gold_total = pred_total = 0
    for length, gold, pred in rows:
        g_any, g_minor, g_major = _marks(gold, length)
        p_any, p_minor, p_major = _marks(pred, length)
        both = g_any & p_any
        agree = both & ((g_minor & p_minor) | (g_major & p_major))
        tp += float(agree.sum()) + 0.5 * float((both & ~agree).sum())
        gold_total += int(g_any.sum())
        pred_total += int(p_any.sum())
    precision = tp / pred_total if pred_total else math.nan
    recall = tp / gold_total if gold_total else math.nan
    if math.isnan(precision) or math.isnan(recall) or precision + recall == 0:
        f1 = 0.0 if (gold_total or pred_total) else math.nan
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return SpanScores(precision, recall, f1, gold_total, pred_total)


# --- contrastive pairs --------------------------------------------------------------------------


def pairwise_accuracy(good: ArrayLike, bad: ArrayLike) -> float:
    """Share of pairs where the good translation scores strictly above its perturbed twin."""
    g, b = _pair(good, bad)
    if g.size == 0:
        return math.nan
    return float((g > b).mean())


def garbled_below_clean(garbled: ArrayLike, clean: ArrayLike) -> float:
    """AUC: the chance that a garbled translation scores below a clean one (ties count half),
    over all garbled × clean translations, not only twins (Mann-Whitney U / (n·m))."""
    bad = np.asarray(garbled, dtype=np.float64)
    good = np.asarray(clean, dtype=np.float64)
    if bad.size == 0 or good.size == 0:
        return math.nan
    ranks = average_ranks(np.concatenate([bad, good]))
    u = ranks[bad.size :].sum() - good.size * (good.size + 1) / 2
    return float(u / (good.size * bad.size))
