"""Spelling suggestions rank the likeliest slip: a transposition, a dropped or a doubled letter
goes one way only, a wrong letter is one of some 25 (vocabulary.SLIP_COST). Typos written for
these tests."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck, slip_kind
from mtqa.types import Segment


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


@pytest.mark.parametrize(
    "typo, word, kind",
    [
        ("wanred", "warned", "swap"),
        ("wanred", "wanted", "letter"),
        ("freze", "freeze", "drop"),
        ("warrned", "warned", "double"),
        ("warnedd", "warned", "double"),
        ("wardned", "warned", "letter"),  # an extra letter no neighbour doubles
        ("ab", "ba", "swap"),
        ("wnared", "warned", None),  # two slips
        ("warned", "warned", None),
    ],
)
def test_one_letter_slips_are_told_apart(typo: str, word: str, kind: str | None) -> None:
    assert slip_kind(typo, word) == kind


@pytest.mark.parametrize(
    "text, typo, suggestion",
    [
        # a swap of adjacent letters beats a more frequent word one wrong letter away
        ("The mayor's office wanred drivers about the ice.", "wanred", "warned"),
        ("The rouble has been stabe for a month.", "stabe", "stable"),  # a dropped l, not "state"
        ("The deputies discsused the budget.", "discsused", "discussed"),
        ("The governor annuonced a curfew.", "annuonced", "announced"),
        ("The weather is cusing delays at the airport.", "cusing", "causing"),  # not "using"
    ],
)
def test_the_likeliest_slip_is_suggested(
    check: VocabularyCheck, text: str, typo: str, suggestion: str
) -> None:
    flags = check.run([Segment(0, "s", text)])[0].flags
    assert [(text[f.start : f.end], f.suggestion) for f in flags] == [(typo, suggestion)]


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("The festival was held in the Estonian town of Võru.", []),  # not a slip of "Viru"
        ("The prosecutor of the Lõuna district spoke.", []),  # not a slip of "Luna"
        ("Kremlin spokesman Dmitry Pesckov declined to comment.", ["Pesckov"]),  # plain letters
    ],
)
def test_a_name_in_its_own_letters_is_no_slip_of_an_english_name(
    check: VocabularyCheck, text: str, flagged: list[str]
) -> None:
    flags = check.run([Segment(0, "s", text)])[0].flags
    assert [text[f.start : f.end] for f in flags] == flagged


def test_a_typo_is_major_when_a_common_word_is_one_edit_away_whatever_is_suggested(
    check: VocabularyCheck,
) -> None:
    # the likeliest slip is the rarer "bombard" (a dropped d); "bomber" (one wrong letter) is
    # the common word one edit away that makes it a typo rather than a coinage
    text = "The army began to bombar the city."
    (flag,) = check.run([Segment(0, "s", text)])[0].flags
    assert (flag.suggestion, flag.severity) == ("bombard", "major")
