"""One polarity flag per source word, and a suggestion only when it is a negated word English
reads as such (checks/source/polarity.py). Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from tests.unit.adequacy_fixture import kind_flags

MUELLER = Path("/usr/share/dictd/mueller7.index")
pytestmark = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    return AdequacyCheck()


def polarity(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str | None, ...]]:
    return kind_flags(check, src, mt, "polarity")


@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # «Неустановленные» loses its не- once: the word aligned to it is flagged, not also
        # "set", which renders another sense of установить (and has no negation "inset").
        (
            "Неустановленные люди подожгли сарай на окраине.",
            "Established people set fire to a shed on the outskirts.",
            [("Established", None)],
        ),
        # The suggestion is a word English reads as the negation of the flagged one.
        (
            "Непроверенные слухи быстро распространились.",
            "Verified rumours spread quickly.",
            [("Verified", "Unverified")],
        ),
        (
            "Он не смог приехать на встречу.",
            "He was able to come to the meeting.",
            [("able", "unable")],
        ),
    ],
)
def test_one_flag_per_source_word_on_its_best_aligned_word(
    check: AdequacyCheck, src: str, mt: str, expected: list[tuple[str, str | None]]
) -> None:
    assert polarity(check, src, mt) == expected


@pytest.mark.parametrize(
    "negated, prefix, expected",
    [
        ("unverified", "un", True),
        ("illegal", "il", True),  # in-/il- on an adjective
        ("inset", "in", False),  # in- on a verb: no negation of "set"
        ("impress", "im", False),
        ("dislike", "dis", True),
        ("destabilization", "de", True),  # lemminflect does not know it; the LM does
    ],
)
def test_a_negated_suggestion_must_read_as_a_negation(
    check: AdequacyCheck, negated: str, prefix: str, expected: bool
) -> None:
    from mtqa.checks.source.polarity import _suggestable

    assert _suggestable(check, "проверка", negated, prefix) is expected
