"""The document score: half the length-weighted mean, half the mean of the worst quarter."""

from __future__ import annotations

import pytest

from mtqa.pipeline import document_quality, summarise
from mtqa.types import Flag, Segment, SentenceResult


def doc(*pairs: tuple[float, int]) -> list[SentenceResult]:
    return [
        SentenceResult(
            segment=Segment(index=i, id=str(i + 1), mt="x" * length),
            quality=q,
            scores={},
            flags=(),
            signature="t",
        )
        for i, (q, length) in enumerate(pairs)
    ]


@pytest.mark.parametrize(
    "pairs,expected",
    [
        ([(70.0, 50)], 70.0),  # one sentence: its quality
        ([(80.0, 10), (80.0, 90)], 80.0),  # equal qualities: that quality
        ([(90.0, 10), (30.0, 10)], 0.5 * 60.0 + 0.5 * 30.0),  # ⌈2/4⌉ = 1 worst sentence
        ([(90.0, 30), (60.0, 10)], 0.5 * 82.5 + 0.5 * 60.0),  # length weights the mean
        # 8 sentences: the worst ⌈8/4⌉ = 2 count in the second half
        ([(90.0, 10)] * 6 + [(20.0, 10), (40.0, 10)], 0.5 * 75.0 + 0.5 * 30.0),
        ([], None),
    ],
)
def test_document_quality_is_the_documented_aggregate(pairs, expected) -> None:
    got = document_quality(doc(*pairs))
    assert got == (None if expected is None else pytest.approx(expected))


def test_a_few_garbled_sentences_pull_a_clean_article_into_a_lower_band() -> None:
    clean = doc(*[(85.0, 100)] * 12)
    garbled = doc(*[(85.0, 100)] * 9 + [(25.0, 100)] * 3)
    mean_only = (9 * 85.0 + 3 * 25.0) / 12
    assert document_quality(clean) == pytest.approx(85.0)
    assert document_quality(garbled) == pytest.approx(0.5 * mean_only + 0.5 * 25.0)
    assert document_quality(garbled) < mean_only - 20


def test_summary_reports_the_aggregate() -> None:
    sentences = doc((90.0, 10), (30.0, 10))
    assert summarise(sentences)["quality"] == pytest.approx(45.0)


def _flag(start: int, end: int, category: str, severity: str, check: str) -> Flag:
    return Flag(
        start=start,
        end=end,
        text="x" * (end - start),
        category=category,
        severity=severity,
        confidence=0.9,
        message="m",
        check=check,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "flags,kept",
    [
        # the dictionary's mistranslation explains the language model's odd pair: one flag
        (
            [
                (10, 26, "mistranslation", "major", "adequacy"),
                (10, 26, "collocation", "minor", "fluency"),
            ],
            ["mistranslation"],
        ),
        (
            [
                (10, 26, "collocation", "minor", "fluency"),
                (18, 26, "mistranslation", "minor", "senses"),
            ],
            ["collocation"],
        ),
        # different findings on the same span both stay
        (
            [
                (10, 26, "mistranslation", "major", "adequacy"),
                (10, 26, "repetition", "major", "rules"),
            ],
            ["mistranslation", "repetition"],
        ),
        # a collocation elsewhere in the sentence stays
        (
            [
                (10, 26, "mistranslation", "major", "adequacy"),
                (30, 40, "collocation", "minor", "fluency"),
            ],
            ["mistranslation", "collocation"],
        ),
    ],
)
def test_a_collocation_inside_a_mistranslation_is_one_finding(flags, kept):
    from mtqa.pipeline import _dedupe

    out = _dedupe([_flag(*f) for f in flags])
    assert sorted(f.category for f in out) == sorted(kept)
