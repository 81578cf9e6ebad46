"""The `senses` round trip on original English news: readings of the sentence it cannot cross.

Sentences written for this test (with the system's Mueller and the CMU trigram model; skipped
without Mueller, see tests/unit/conftest.py). Each clean row was flagged before the
``sentence_readings`` rule: an adjective swapped for a noun-only word, a gerund after "X of", a
linking verb before its adjective.
"""

from __future__ import annotations

import pytest

from mtqa.checks.senses import SenseCheck, _adjective_for_noun, _gerund, _verb_complement
from mtqa.types import Segment


def _seg(mt: str) -> Segment:
    return Segment(index=0, id="0", mt=mt)


CLEAN = [
    # "Evil President" -> "Vice President" through «порок» (a noun: "evil" here is an adjective)
    "Protesters chanted that the Evil President must go.",
    # "process of informing" -> "process of notifying" through «уведомлять»
    "The agency is in the process of informing the families.",
    # "statement appeared" -> "statement issued" through «выходить»: "appeared" links to an adjective
    "Her statement appeared significant to the analysts.",
    # "appeared credible" -> "sounded like": a linking verb and its complement, no collocation
    "The witness appeared credible to the jury.",
]


@pytest.mark.parametrize("mt", CLEAN)
def test_clean_readings_not_flagged(mueller_check: SenseCheck, mt: str) -> None:
    assert mueller_check.check_one(_seg(mt)).flags == ()


@pytest.mark.parametrize("mt", CLEAN)
def test_without_the_rule_they_were_flagged(mt: str) -> None:
    check = SenseCheck({"sentence_readings": False})
    if check.trip is None:
        pytest.skip("no dictionary installed")
    assert [f.category for f in check.check_one(_seg(mt)).flags] == ["mistranslation"]


@pytest.mark.parametrize(
    ("mt", "flagged", "suggestion"),
    [
        # still found: a noun swapped on the right, an adjective for an adjective on the left
        (
            "Ten people died in the armed powers' attack on the town.",
            "armed powers",
            "armed forces",
        ),
        ("The talks will resume in the close future.", "close future", "near future"),
        (
            "Both chambers voted on the parliamentary choices law.",
            "parliamentary choices",
            "parliamentary elections",
        ),
    ],
)
def test_wrong_senses_still_found(
    mueller_check: SenseCheck, mt: str, flagged: str, suggestion: str
) -> None:
    flags = mueller_check.check_one(_seg(mt)).flags
    assert [(f.text, f.suggestion) for f in flags] == [(flagged, suggestion)]


@pytest.mark.parametrize(
    ("word", "alt", "side", "mid", "expected"),
    [
        ("evil", "vice", "left", None, True),  # adjective -> noun-only
        ("close", "near", "left", None, False),  # adjective -> adjective
        ("cases", "affairs", "right", None, False),  # the noun side
        ("evil", "vice", "left", "of", False),  # "X of Y" is not a modifier
    ],
)
def test_adjective_for_noun(
    word: str, alt: str, side: str, mid: str | None, expected: bool
) -> None:
    assert _adjective_for_noun(word, alt, side, mid) is expected


@pytest.mark.parametrize(
    ("word", "expected"), [("informing", True), ("building", False), ("cases", False)]
)
def test_gerund(word: str, expected: bool) -> None:
    assert _gerund(word) is expected


@pytest.mark.parametrize(
    ("verb", "adjective", "expected"),
    [("appeared", "credible", True), ("close", "future", False), ("accepted", "active", False)],
)
def test_verb_complement(verb: str, adjective: str, expected: bool) -> None:
    assert _verb_complement(verb, adjective) is expected
