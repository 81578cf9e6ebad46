"""The stacked word tagger (mtqa/qe/stack.py): features from hand-made inputs, the stacked
probability from hand-set weights, the stack file, and the qe check with and without it."""

from __future__ import annotations

import json
import math
from typing import ClassVar

import numpy as np
import pytest

from mtqa.errors import ModelError
from mtqa.qe.predict import words_of
from mtqa.qe.stack import (
    FEATURES,
    SourceEvidence,
    lm_evidence,
    parse_stack,
    word_features,
)

from .qe_fixtures import stack_file

MT = "The minister of Foreign Cases said 12 words, да."
SPANS = words_of(MT)
TEXTS = [MT[s:e] for s, e in SPANS]
P = [0.1, 0.2, 0.3, 0.9, 0.8, 0.1, 0.4, 0.2, 0.05, 0.6, 0.1]


def col(rows: np.ndarray, name: str) -> list[float]:
    return [round(float(v), 4) for v in rows[:, FEATURES.index(name)]]


def test_words_of_the_example() -> None:
    assert TEXTS == [
        "The",
        "minister",
        "of",
        "Foreign",
        "Cases",
        "said",
        "12",
        "words",
        ",",
        "да",
        ".",
    ]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("p", P),
        ("p_left", [0.0, 0.1, 0.2, 0.3, 0.9, 0.8, 0.1, 0.4, 0.2, 0.05, 0.6]),
        ("p_right", [0.2, 0.3, 0.9, 0.8, 0.1, 0.4, 0.2, 0.05, 0.6, 0.1, 0.0]),
        # the highest P(BAD) of the two words each side, the word itself left out
        ("p_window_max", [0.3, 0.9, 0.9, 0.8, 0.9, 0.9, 0.8, 0.6, 0.6, 0.2, 0.6]),
        ("is_punct", [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]),
        ("is_function", [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("has_digit", [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
        # capitalised and not first in its sentence
        ("is_capitalised", [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]),
        ("non_latin", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        ("sent_score", [-0.5] * 11),
        ("sent_max_p", [0.9] * 11),
        # without a source, another model or an LM those features stay 0
        ("src_linked", [0.0] * 11),
        ("p_other", [0.0] * 11),
        ("lm_pmi", [0.0] * 11),
    ],
)
def test_word_features(name: str, expected: list[float]) -> None:
    rows = word_features(MT, SPANS, P, -0.5)
    assert rows.shape == (11, len(FEATURES))
    assert col(rows, name) == pytest.approx(expected, abs=1e-4)


def test_rank_and_sentence_mean() -> None:
    rows = word_features(MT, SPANS, P, 0.0)
    rank = col(rows, "p_rank")
    assert rank[3] == 1.0 and rank[8] == 0.0  # highest and lowest P(BAD)
    assert rank[4] > rank[9] > rank[6] > rank[1]
    mean = sum(P) / len(P)
    assert col(rows, "sent_mean_p")[0] == pytest.approx(mean, abs=1e-4)
    assert col(rows, "p_minus_mean")[3] == pytest.approx(0.9 - mean, abs=1e-4)
    assert col(rows, "logit_p")[3] == pytest.approx(math.log(9), abs=1e-3)


def test_other_model_and_source_evidence_fill_their_columns() -> None:
    other = [0.5] * 11
    other[0] = 0.9
    src = SourceEvidence(
        linked=tuple(i in (1, 6) for i in range(11)),
        unlinked_content=tuple(i in (3, 4) for i in range(11)),
        near_uncovered=tuple(i == 4 for i in range(11)),
        uncovered_share=0.25,
        log_len_ratio=-0.1,
    )
    rows = word_features(MT, SPANS, P, 0.0, src, other)
    assert col(rows, "p_other")[:2] == [0.9, 0.5]
    assert col(rows, "p_other_window_max")[1] == 0.9
    assert col(rows, "src_linked") == [float(i in (1, 6)) for i in range(11)]
    assert col(rows, "src_unlinked_content") == [float(i in (3, 4)) for i in range(11)]
    assert col(rows, "src_near_uncovered") == [float(i == 4) for i in range(11)]
    assert col(rows, "src_uncovered_share") == [0.25] * 11


def test_no_words_no_rows() -> None:
    assert word_features("", [], [], 0.0).shape == (0, len(FEATURES))


class FakeLM:
    """log10 unigram and trigram probabilities from small tables."""

    UNI: ClassVar[dict[str, float]] = {
        "peaceful": -4.0,
        "warfare": -5.0,
        "settlement": -4.5,
        "the": -1.0,
    }
    # (word, history newest first) -> log10 p
    CTX: ClassVar[dict[tuple[str, ...], float]] = {
        ("warfare", "peaceful"): -6.0,
        ("settlement", "peaceful"): -2.5,
    }

    def unigram(self, word: str) -> float | None:
        return self.UNI.get(word)

    def logp(self, word: str, *history: str) -> float:
        for n in range(len(history), 0, -1):
            if (word, *history[:n]) in self.CTX:
                return self.CTX[(word, *history[:n])]
        return self.UNI[word]


@pytest.mark.parametrize(
    "mt, word, expected",
    [
        # PMI of "warfare" after "peaceful": -6 - (-5) = -1; of "settlement": -2.5 - (-4.5) = 2
        ("peaceful warfare", "warfare", [-6.0, -1.0, 0.0, 0.0]),
        ("peaceful settlement", "settlement", [-2.5, 2.0, 0.0, 0.0]),
        # the next word's PMI is read back onto the word before it
        ("peaceful settlement", "peaceful", [-4.0, 0.0, 2.0, 0.0]),
        # words the LM does not know: flagged unknown, zeros otherwise
        ("peaceful Lavrov", "Lavrov", [0.0, 0.0, 0.0, 1.0]),
    ],
)
def test_lm_evidence(mt: str, word: str, expected: list[float]) -> None:
    spans = words_of(mt)
    j = [mt[s:e] for s, e in spans].index(word)
    assert lm_evidence(mt, spans, FakeLM())[j].tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    "weights, bias, word, expected",
    [
        ({"p": 0.0}, 0.0, 3, 0.5),
        ({"p": 10.0}, -5.0, 3, 1 / (1 + math.exp(-4.0))),  # p 0.9 -> z = 4
        ({"p": 10.0}, -5.0, 0, 1 / (1 + math.exp(4.0))),  # p 0.1 -> z = -4
        # punctuation pushed down, capitalised words up
        ({"is_punct": -3.0, "is_capitalised": 2.0}, 0.0, 8, 1 / (1 + math.exp(3.0))),
        ({"is_punct": -3.0, "is_capitalised": 2.0}, 0.0, 4, 1 / (1 + math.exp(-2.0))),
    ],
)
def test_stacked_probability(weights, bias, word, expected) -> None:
    stack = parse_stack(stack_file(weights, bias))
    rows = word_features(MT, SPANS, P, 0.0)
    assert stack.variant("full").probs(rows)[word] == pytest.approx(expected, abs=1e-6)


def test_standardisation_is_applied() -> None:
    raw = json.loads(stack_file({"p": 1.0}, 0.0))
    raw["variants"]["full"].update(mean=[0.5], scale=[0.1])
    stack = parse_stack(json.dumps(raw).encode())
    rows = word_features(MT, SPANS, P, 0.0)
    # (0.9 - 0.5) / 0.1 = 4
    assert stack.variant("full").probs(rows)[3] == pytest.approx(1 / (1 + math.exp(-4.0)))


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d["variants"]["full"].update(features=["p", "nonsense"]), "unknown features"),
        (lambda d: d["variants"]["full"].update(weights=[1.0, 2.0]), "must have"),
        (lambda d: d["variants"]["full"].pop("threshold"), "threshold"),
        (lambda d: d["variants"]["full"].update(knots_model=[0.0]), "equal lists"),
        (lambda d: d["variants"]["full"].update(knots_stack=[0.5, 0.2]), "non-decreasing"),
    ],
)
def test_a_broken_stack_file_is_a_model_error(mutate, message) -> None:
    data = json.loads(stack_file({"p": 1.0}, 0.0))
    mutate(data)
    with pytest.raises(ModelError, match=message):
        parse_stack(json.dumps(data).encode())
    with pytest.raises(ModelError, match="not a word-stack file"):
        parse_stack(b"not json")


def test_digest_follows_the_content_and_needs_follow_the_features() -> None:
    a, b = parse_stack(stack_file({"p": 1.0}, 0.0)), parse_stack(stack_file({"p": 2.0}, 0.0))
    assert a.digest != b.digest and len(a.digest) == 8
    v = parse_stack(stack_file({"p": 1.0, "src_linked": 1.0, "lm_pmi": 1.0}, 0.0)).variant("full")
    assert (v.needs_source, v.needs_lm, v.needs_other) == (True, True, False)
    v = parse_stack(stack_file({"p_other": 1.0}, 0.0)).variant("full")
    assert (v.needs_source, v.needs_lm, v.needs_other) == (False, False, True)


def test_a_variant_missing_from_the_file_is_none() -> None:
    stack = parse_stack(stack_file({"p": 1.0}, 0.0, variants=("full",)))
    assert stack.variant("target") is None


def test_source_evidence_from_the_aligner() -> None:
    """A wrong sense: «урегулировании» (settlement) rendered "warfare" leaves a source content word
    uncovered next to an unlinked English content word; the words rendered right are linked."""
    from mtqa.qe.stack import source_evidence

    src = "Стороны договорились о мирном урегулировании конфликта."
    mt = "The parties agreed on a peaceful warfare of the conflict."
    spans = words_of(mt)
    ev = source_evidence(src, mt, spans)
    by_word = {mt[s:e]: j for j, (s, e) in enumerate(spans)}
    warfare, conflict = by_word["warfare"], by_word["conflict"]
    assert ev.unlinked_content[warfare] and ev.near_uncovered[warfare]
    assert not ev.linked[warfare]
    assert ev.linked[conflict] and not ev.unlinked_content[conflict]
    assert not ev.linked[by_word["of"]] and not ev.unlinked_content[by_word["of"]]  # function word
    assert 0.0 < ev.uncovered_share < 1.0
    assert len(ev.linked) == len(spans)


@pytest.mark.parametrize(
    "stacked, expected",
    [
        (0.0, 0.0),
        (0.1, 0.4),  # the model's P(BAD) of the same rank on dev
        (0.15, 0.6),  # halfway between knots
        (0.2, 0.8),
        (0.6, 0.9),
        (1.0, 1.0),
    ],
)
def test_stacked_probabilities_are_put_on_the_model_scale(stacked, expected) -> None:
    data = json.loads(stack_file({"p": 1.0}, 0.0))
    data["variants"]["full"].update(knots_stack=[0.0, 0.1, 0.2, 0.6, 1.0])
    data["variants"]["full"].update(knots_model=[0.0, 0.4, 0.8, 0.9, 1.0])
    v = parse_stack(json.dumps(data).encode()).variant("full")
    assert v.on_model_scale(np.array([stacked]))[0] == pytest.approx(expected)


def test_levels_are_monotone_in_the_stacked_probability() -> None:
    data = json.loads(stack_file({"p": 10.0}, -5.0))
    data["variants"]["full"].update(knots_stack=[0.0, 0.1, 0.2, 0.6, 1.0])
    data["variants"]["full"].update(knots_model=[0.0, 0.4, 0.8, 0.9, 1.0])
    v = parse_stack(json.dumps(data).encode()).variant("full")
    rows = word_features(MT, SPANS, P, 0.0)
    stacked, levels = v.probs(rows), v.levels(rows)
    order = np.argsort(stacked)
    assert np.all(np.diff(levels[order]) >= -1e-12)


def test_the_shipped_stack_file_parses() -> None:
    from mtqa.qe.stack import load_stack

    stack = load_stack()
    if stack is None:
        pytest.skip("no word-stack.json shipped")
    for v in stack.variants.values():
        assert 0.0 < v.threshold < 1.0
        assert v.knots_stack[0] == 0.0 and v.knots_stack[-1] == 1.0
        assert not v.needs_other  # the check would need a second model pass
