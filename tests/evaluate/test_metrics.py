"""The metric code against scipy / scikit-learn and hand-worked cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import f1_score, matthews_corrcoef

from mtqa.evaluate.metrics import (
    average_ranks,
    bootstrap,
    kendall,
    pairwise_accuracy,
    pearson,
    span_scores,
    spearman,
    tag_scores,
    tags_from_spans,
    token_offsets,
)

CASES = {
    "plain": ([1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 1.0, 4.0, 3.0, 5.0]),
    "ties in x": ([1, 1, 2, 2, 3, 3, 3], [1, 2, 3, 4, 5, 6, 7]),
    "ties in both": ([1, 1, 2, 2, 3, 3, 3], [2, 2, 1, 3, 3, 3, 1]),
    "joint ties": ([0, 0, 0, 1, 1, 2], [5, 5, 5, 1, 1, 0]),
    "negative": ([3, 2, 1, 0], [0, 1, 2, 3]),
    "two rows": ([1, 2], [3, 1]),
    "floats": ([0.1, -2.5, 3.25, 1e-3, 7.0, 7.0], [1.5, 1.5, -0.2, 9.0, 4.0, 4.1]),
}
SCIPY = {
    "pearson": lambda x, y: stats.pearsonr(x, y).statistic,
    "spearman": lambda x, y: stats.spearmanr(x, y).statistic,
    "kendall": lambda x, y: stats.kendalltau(x, y).statistic,  # tau-b
}
OURS = {"pearson": pearson, "spearman": spearman, "kendall": kendall}


@pytest.mark.parametrize("metric", sorted(OURS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_correlations_match_scipy(metric: str, case: str) -> None:
    x, y = CASES[case]
    assert OURS[metric](x, y) == pytest.approx(SCIPY[metric](x, y), abs=1e-12)


@pytest.mark.parametrize("metric", sorted(OURS))
def test_correlations_match_scipy_on_random_data_with_many_ties(metric: str) -> None:
    rng = np.random.default_rng(7)
    for n in (3, 17, 250, 1001):
        x = rng.integers(0, 6, n).astype(float)
        y = x * 0.5 + rng.integers(0, 4, n)
        assert OURS[metric](x, y) == pytest.approx(SCIPY[metric](x, y), abs=1e-10)


@pytest.mark.parametrize("metric", sorted(OURS))
@pytest.mark.parametrize(
    "x, y",
    [
        ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]),
        ([1.0, 2.0, 3.0], [4.0, 4.0, 4.0]),
        ([1.0], [2.0]),
        ([], []),
    ],
    ids=["constant x", "constant y", "one row", "empty"],
)
def test_undefined_correlations_are_nan(metric: str, x: list[float], y: list[float]) -> None:
    assert math.isnan(OURS[metric](x, y))


def test_average_ranks_match_scipy() -> None:
    x = [3.0, 1.0, 3.0, 2.0, 3.0, 1.0]
    assert average_ranks(x).tolist() == stats.rankdata(x).tolist()


def test_correlation_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        pearson([1, 2, 3], [1, 2])


def test_bootstrap_interval_brackets_the_value_and_is_reproducible() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=200)
    y = x + rng.normal(size=200)
    a = bootstrap(spearman, x, y, resamples=200, seed=1)
    b = bootstrap(spearman, x, y, resamples=200, seed=1)
    c = bootstrap(spearman, x, y, resamples=200, seed=2)
    assert a == b
    assert a.low < a.value < a.high
    assert (a.low, a.high) != (c.low, c.high)
    wider = bootstrap(spearman, x[:40], y[:40], resamples=200, seed=1)
    assert wider.high - wider.low > a.high - a.low


def test_bootstrap_without_resamples_or_on_constant_input_has_no_interval() -> None:
    assert math.isnan(bootstrap(pearson, [1, 2, 3], [1, 3, 2], resamples=0).low)
    e = bootstrap(pearson, [1, 1, 1], [1, 2, 3], resamples=50)
    assert math.isnan(e.value) and math.isnan(e.low)


@pytest.mark.parametrize(
    "gold, pred",
    [
        ([True, False, True, False, False], [True, False, False, False, True]),
        ([False, False, False], [False, False, False]),  # one class only: MCC undefined → 0
        ([True, True, False], [False, False, False]),  # nothing predicted BAD
        ([True, False, True, True], [True, False, True, True]),  # perfect
        ([True, False], [False, True]),  # perfectly wrong
    ],
)
def test_tag_scores_match_scikit_learn(gold: list[bool], pred: list[bool]) -> None:
    s = tag_scores(gold, pred)
    assert s.mcc == pytest.approx(matthews_corrcoef(gold, pred), abs=1e-12)
    assert s.f1_bad == pytest.approx(f1_score(gold, pred, pos_label=True, zero_division=0.0))
    assert s.f1_ok == pytest.approx(f1_score(gold, pred, pos_label=False, zero_division=0.0))
    assert s.tokens == len(gold)


def test_token_offsets_follow_the_text_and_skip_rewritten_tokens() -> None:
    mt = "Он «сказал»: it's 3 km — ok.😀"
    tokens = [
        "Он",
        "«",
        "сказал",
        "»",
        ":",
        "it",
        "'s",
        "&quot;",
        "3",
        "km",
        "—",
        "ok",
        ".",
        "😀",
        "<EOS>",
    ]
    offsets = token_offsets(mt, tokens)
    for tok, off in zip(tokens, offsets):
        if tok in ("&quot;", "<EOS>"):
            assert off is None
        else:
            assert off is not None and mt[off[0] : off[1]] == tok
    assert offsets[-2] == (len(mt) - 1, len(mt))  # the emoji is one code point at the very end


def test_tags_from_spans_mark_tokens_touching_a_span() -> None:
    offsets = [(0, 3), (4, 9), (10, 12), None]
    assert tags_from_spans(offsets, [(5, 6)]) == [False, True, False, False]
    assert tags_from_spans(offsets, [(3, 4)]) == [False, False, False, False]  # only the space
    assert tags_from_spans(offsets, [(2, 11)]) == [True, True, True, False]
    assert tags_from_spans(offsets, [(4, 4)]) == [False, False, False, False]  # zero width


def _brute_span_f1(rows):
    """The WMT23 task-2 scorer's logic, character by character (reference implementation)."""
    tp = gold_n = pred_n = 0.0
    for length, gold, pred in rows:
        for c in range(length):
            g = {("minor" if s == "minor" else "major") for a, b, s in gold if a <= c < b and b > a}
            gn = any(a <= c < b for a, b, _ in gold if b > a)
            if any(s is None for a, b, s in gold if a <= c < b):
                g = {"minor", "major"}
            p = {("minor" if s == "minor" else "major") for a, b, s in pred if a <= c < b and b > a}
            gold_n += gn
            pred_n += bool(p)
            if gn and p:
                tp += 1.0 if g & p else 0.5
    return tp, gold_n, pred_n


SPAN_CASES = {
    "exact match": [(10, [(0, 4, "major")], [(0, 4, "major")])],
    "severity differs": [(10, [(0, 4, "major")], [(0, 4, "minor")])],
    "critical counts as major": [(10, [(2, 6, "major")], [(2, 6, "critical")])],
    "partial overlap": [(12, [(2, 8, "minor")], [(5, 12, "minor")])],
    "overlapping gold spans": [(12, [(0, 6, "minor"), (3, 9, "major")], [(4, 7, "minor")])],
    "overlapping predicted spans": [(12, [(0, 9, "major")], [(0, 5, "major"), (3, 8, "minor")])],
    "string ends": [(5, [(0, 1, "minor"), (4, 5, "major")], [(4, 5, "major"), (0, 2, "minor")])],
    "no severity in gold": [(8, [(1, 5, None)], [(2, 6, "minor")])],
    "zero-width ignored": [
        (8, [(3, 3, "major"), (5, 7, "major")], [(3, 3, "major"), (5, 7, "major")])
    ],
    "several rows": [
        (6, [], [(0, 2, "minor")]),
        (9, [(2, 5, "major")], []),
        (7, [(0, 7, "minor")], [(1, 3, "major")]),
    ],
}


@pytest.mark.parametrize("case", sorted(SPAN_CASES))
def test_span_scores_follow_the_wmt23_character_rule(case: str) -> None:
    rows = SPAN_CASES[case]
    tp, gold_n, pred_n = _brute_span_f1(rows)
    s = span_scores(rows)
    assert s.gold_chars == gold_n and s.predicted_chars == pred_n
    assert s.precision == pytest.approx(tp / pred_n)
    assert s.recall == pytest.approx(tp / gold_n)
    if tp:
        assert s.f1 == pytest.approx(2 * tp / (gold_n + pred_n))


def test_span_scores_hand_worked() -> None:
    s = span_scores([(10, [(0, 4, "major")], [(2, 6, "minor")])])
    # chars 2,3 overlap with a severity mismatch: TP = 1.0 of 4 gold and 4 predicted characters.
    assert (s.precision, s.recall, s.f1) == (0.25, 0.25, 0.25)


def test_span_scores_on_unicode_count_code_points() -> None:
    mt = "Дождь 🌧 идёт"
    start = mt.index("🌧")
    s = span_scores([(len(mt), [(start, start + 1, "minor")], [(start, start + 6, "minor")])])
    assert s.gold_chars == 1 and s.predicted_chars == 6 and s.recall == 1.0


def test_span_scores_without_any_span() -> None:
    s = span_scores([(5, [], []), (3, [(1, 1, "major")], [])])
    assert math.isnan(s.precision) and math.isnan(s.recall) and math.isnan(s.f1)
    s = span_scores([(5, [(0, 2, "minor")], [])])
    assert s.recall == 0.0 and s.f1 == 0.0 and math.isnan(s.precision)


def test_pairwise_accuracy_counts_ties_as_failures() -> None:
    assert pairwise_accuracy([3, 2, 5, 1], [1, 2, 6, 0]) == 0.5
    assert math.isnan(pairwise_accuracy([], []))
