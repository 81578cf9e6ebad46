"""Readable qe flags from word probabilities: merging, category, severity, message (no model)."""

from __future__ import annotations

import pytest

from mtqa.checks.qe import (
    Phrase,
    QECheck,
    merge_phrases,
    phrase_category,
    phrase_severity,
    severity_levels,
    source_counterpart,
)
from mtqa.qe.predict import QEOutput, WordProb, words_of
from mtqa.types import Segment


def probs(mt: str, values: list[float]) -> list[WordProb]:
    spans = words_of(mt)
    assert len(spans) == len(values), [mt[s:e] for s, e in spans]
    return [WordProb(s, e, p) for (s, e), p in zip(spans, values)]


def texts(mt: str, phrases: list[Phrase]) -> list[str]:
    return [mt[p.start : p.end] for p in phrases]


@pytest.mark.parametrize(
    "mt, values, expected",
    [
        # consecutive BAD words and BAD words across punctuation are one phrase
        ("the peaceful warfare of it", [0.1, 0.6, 0.9, 0.1, 0.1], ["peaceful warfare"]),
        ("one two, three four", [0.6, 0.9, 0.7, 0.1, 0.55], ["one two", "four"]),
        # a one-word gap of elevated P(BAD) (>= half the threshold) joins two BAD words
        ("calm and calm today", [0.7, 0.3, 0.8, 0.1], ["calm and calm"]),
        # ... a gap below half the threshold does not
        ("calm and calm today", [0.7, 0.2, 0.8, 0.1], ["calm", "calm"]),
        # ... nor a gap of two words
        ("calm and so calm", [0.7, 0.3, 0.3, 0.8], ["calm", "calm"]),
        # elevated words after the last BAD word are not part of the phrase
        ("a bad phrase here now", [0.1, 0.9, 0.3, 0.3, 0.1], ["bad"]),
        # punctuation at the edges is left out; punctuation alone is no phrase
        ("Yes , no .", [0.1, 0.9, 0.1, 0.9], []),
        ("He said: «odd words».", [0.1, 0.1, 0.6, 0.6, 0.9, 0.9, 0.6, 0.1], ["odd words"]),
        ("nothing here", [0.1, 0.2], []),
    ],
)
def test_merge_phrases(mt: str, values: list[float], expected: list[str]) -> None:
    got = merge_phrases(mt, probs(mt, values), threshold=0.5, bridge=0.25, max_gap=1)
    assert texts(mt, got) == expected


@pytest.mark.parametrize(
    "mt, values, expected",
    [
        ("calm and calm today", [0.7, 0.3, 0.8, 0.1], (0.8, 2)),
        # a BAD comma inside does not set the phrase's probability
        ("calm, calm today", [0.7, 0.99, 0.6, 0.1], (0.7, 2)),
    ],
)
def test_merged_phrase_keeps_its_highest_word_probability_and_bad_word_count(
    mt: str, values: list[float], expected: tuple[float, int]
) -> None:
    [ph] = merge_phrases(mt, probs(mt, values), 0.5, bridge=0.25)
    assert (ph.p_bad, ph.bad_words) == expected


@pytest.mark.parametrize(
    "mt, src, span, expected",
    [
        ("He met Иванов yesterday.", "Он встретил Иванова вчера.", "Иванов", "untranslated"),
        ("He met Иванов yesterday.", None, "Иванов", "untranslated"),
        ("He met Ryapkov yesterday.", "Он встретил Рябкова вчера.", "Ryapkov", "name"),
        # a capitalised common word is no name ("Foreign Cases")
        (
            "The Ministry of Foreign Cases said.",
            "В МИД заявили.",
            "Foreign Cases",
            "mistranslation",
        ),
        # a rare capitalised word, but the source has no capitalised word after its first
        ("He met Ryapkov yesterday.", "встретил рябкова вчера.", "Ryapkov", "mistranslation"),
        (
            "Trade grew by 12 percent.",
            "Товарооборот вырос на 15 процентов.",
            "12 percent",
            "number",
        ),
        (
            "the peaceful warfare of it",
            "мирного урегулирования",
            "peaceful warfare",
            "mistranslation",
        ),
        # target only: the model read no source, it can only say the English is odd
        ("the peaceful warfare of it", None, "peaceful warfare", "fluency"),
        ("Trade grew by 12 percent.", None, "12 percent", "fluency"),
        ("He met Ryapkov yesterday.", None, "Ryapkov", "fluency"),
    ],
)
def test_phrase_category(mt: str, src: str | None, span: str, expected: str) -> None:
    start = mt.index(span)
    assert phrase_category(mt, src, start, start + len(span)) == expected


LEVELS = severity_levels(0.4, 0.8, 0.95)


@pytest.mark.parametrize(
    "mt, span, p, category, expected",
    [
        ("peaceful warfare of it", "peaceful warfare", 0.5, "mistranslation", "minor"),
        ("peaceful warfare of it", "peaceful warfare", 0.85, "mistranslation", "major"),
        ("peaceful warfare of it", "peaceful warfare", 0.97, "mistranslation", "critical"),
        ("peaceful warfare of it", "peaceful warfare", 0.3, "mistranslation", None),
        # function words only: one step lower, minor at least
        ("peaceful warfare of it", "of", 0.85, "mistranslation", "minor"),
        ("peaceful warfare of it", "of", 0.5, "fluency", "minor"),
        ("he said that the man", "that the", 0.97, "fluency", "major"),
        # what the span is keeps its severity: a number or a name is never a grammar edit
        ("he was 12 of them", "12", 0.85, "number", "major"),
        ("Иванов said it", "Иванов", 0.97, "untranslated", "critical"),
    ],
)
def test_phrase_severity(mt: str, span: str, p: float, category: str, expected: str | None) -> None:
    start = mt.index(span)
    phrase = Phrase(start, start + len(span), p, 1)
    assert phrase_severity(mt, phrase, LEVELS, category) == expected


@pytest.mark.parametrize(
    "threshold, expected",
    [
        (0.375, {"minor": 0.375, "major": 0.8, "critical": 0.95}),
        # a retrained model with a higher threshold: no level below it
        (0.9, {"minor": 0.9, "major": 0.9, "critical": 0.95}),
        (0.97, {"minor": 0.97, "major": 0.97, "critical": 0.97}),
    ],
)
def test_severity_levels_follow_the_model_threshold(threshold: float, expected: dict) -> None:
    assert severity_levels(threshold, 0.8, 0.95) == expected


SRC = "Министры высказались в поддержку мирного урегулирования конфликта."
MT = "The ministers expressed support for the peaceful warfare of the conflict."


@pytest.mark.parametrize(
    "src, mt, span, expected",
    [
        # the word the span should have rendered: uncovered between linked neighbours
        (SRC, MT, "warfare", ("урегулирования", False)),
        (SRC, MT, "peaceful warfare", ("мирного урегулирования", False)),
        # linked words only: the span renders its source words, badly
        (
            "Министры обсудили ситуацию в регионе.",
            "The ministers discussed the situation in the region.",
            "situation",
            ("ситуацию", True),
        ),
        ("Он встретил Рябкова вчера.", "He met Ryapkov yesterday.", "Ryapkov", ("Рябкова", False)),
    ],
)
def test_source_counterpart(src: str, mt: str, span: str, expected: tuple[str, bool]) -> None:
    start = mt.index(span)
    assert source_counterpart(src, mt, start, start + len(span)) == expected


def _result(mt: str, values: list[float], src: str | None, threshold: float = 0.4, **params):
    seg = Segment(index=0, id="0", mt=mt, src=src)
    out = QEOutput(score=0.0, words=tuple(probs(mt, values)))
    return QECheck(params)._result(seg, out, threshold, src is not None)


@pytest.mark.parametrize(
    "src, cap, expected",
    [
        (SRC, "minor", "critical"),  # with the source the model's own level stands
        (None, "minor", "minor"),  # target only: "reads as garbled" is minor on its own
        (None, "critical", "critical"),  # the cap is a parameter
    ],
)
def test_target_only_flags_are_capped(src, cap, expected) -> None:
    values = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.97, 0.99, 0.1, 0.1, 0.1, 0.1]
    [flag] = _result(MT, values, src, max_severity_without_src=cap).flags
    assert flag.severity == expected


@pytest.mark.parametrize(
    "mt, values, expected",
    [
        # a lone Cyrillic letter ("°С" typed on a Russian keyboard) is a slip: capped
        ("It will be +25 ° С on Friday .", [0.1] * 6 + [0.9] + [0.1] * 3, "minor"),
        # a Cyrillic word left in the text is untranslated whatever the source: not capped
        (
            "He said that переговоры were long .",
            [0.1, 0.1, 0.1, 0.97, 0.1, 0.1, 0.1],
            "critical",
        ),
    ],
)
def test_target_only_untranslated_keeps_its_severity_unless_one_letter(
    mt: str, values: list[float], expected: str
) -> None:
    flags = [f for f in _result(mt, values, None).flags if f.category == "untranslated"]
    assert [f.severity for f in flags] == [expected]


def test_flags_read_as_what_the_model_saw() -> None:
    values = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.6, 0.91, 0.1, 0.1, 0.1, 0.1]
    res = _result(MT, values, SRC)
    [flag] = res.flags
    assert (flag.text, flag.category, flag.severity) == (
        "peaceful warfare",
        "mistranslation",
        "major",
    )
    assert flag.message == (
        "QE model (with source): «peaceful warfare» does not render the source here "
        "(«мирного урегулирования»); P(BAD) 0.91"
    )
    target = _result(MT, values, None).flags[0]
    assert target.category == "fluency"
    assert target.message == (
        "QE model (target only): «peaceful warfare» reads as garbled or disfluent English; "
        "P(BAD) 0.91"
    )


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_threshold_comes_from_the_model_not_the_code(threshold: float) -> None:
    """Words at 0.6: BAD under a model whose threshold is 0.3 or 0.5, not under one of 0.7; the
    support level (the threshold by default) moves with it."""
    mt = "one two three"
    res = _result(mt, [0.6, 0.2, 0.1], None, threshold)
    assert bool(res.flags) == (threshold <= 0.6)
    assert [s.text for s in res.support] == [
        w for w, p in zip(["one", "two", "three"], [0.6, 0.2, 0.1]) if p >= threshold
    ]
    half = _result(mt, [0.6, 0.2, 0.1], None, threshold, support=0.5)
    assert [s.text for s in half.support] == [
        w for w, p in zip(["one", "two", "three"], [0.6, 0.2, 0.1]) if p >= threshold / 2
    ]


def test_the_signature_names_the_trained_weights() -> None:
    from mtqa.checks.qe import delta_digest

    res = QECheck({"stack": "off"}).resources()
    full, target = delta_digest("full"), delta_digest("target")
    assert f"qe-delta:{full}/{target}@onnx-int8" in res
    assert len(full) == 8 and full != target  # two different trained models
    torch_res = QECheck({"backend": "torch", "stack": "off"}).resources()
    assert torch_res.endswith(f"{full}/{target}")
    # the shipped word stack (mtqa/qe/stack.py) is named by its digest when it is used
    stacked = QECheck({"stack": "auto"})
    if stacked.stack is not None:
        assert stacked.resources().endswith(f"+stack:{stacked.stack.digest}@onnx-int8")
