"""VocabularyCheck: a name read with the Russian prepositional "-e" is major only after a
preposition; English names spelt with a silent e ("Bruce Colvine") are minor at most."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck, _after_preposition
from mtqa.types import Segment


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


# sentences written for this test
@pytest.mark.parametrize(
    ("mt", "token", "severity"),
    [
        ("The winger scored after a pass from Bruce Colvine early on.", "Colvine", "minor"),
        ("Colvine then kicked the conversion.", "Colvine", "minor"),
        ("Protests went on in Yerevane for a week.", "Yerevane", "major"),
        ("In Yerevane, protesters gathered again.", "Yerevane", "major"),
        ("He said little about Joe Bidene in the interview.", "Bidene", "major"),
        ("Clashes were reported in Syria and Irake on Monday.", "Irake", "major"),
        # other endings do not need a preposition
        ("The meeting with Erdoganom ended late.", "Erdoganom", "major"),
    ],
)
def test_case_e_severity(check, mt, token, severity):
    flags = [(f.text, f.severity) for f in check.run([Segment(index=0, id="0", mt=mt)])[0].flags]
    assert (token, severity) in flags


def test_without_the_preposition_rule_every_e_is_major() -> None:
    check = VocabularyCheck({"case_e_prepositions": None})
    seg = Segment(index=0, id="0", mt="The winger scored after a pass from Bruce Colvine early on.")
    assert [(f.text, f.severity) for f in check.run([seg])[0].flags] == [("Colvine", "major")]


@pytest.mark.parametrize(
    ("mt", "expected"),
    [("talks in Yerevane", True), ("pass from Bruce Colvine", False), ("Colvine", False)],
)
def test_after_preposition(mt: str, expected: bool) -> None:
    assert _after_preposition(mt, len(mt) - len(mt.split()[-1]), ("in", "about")) is expected
