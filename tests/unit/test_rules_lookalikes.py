"""Cyrillic or Greek letters drawn like Latin ones in an English translation are a copied
character, minor, with the Latin spelling as the suggestion; a Cyrillic word is still untranslated
(rules.untranslated). Sentences written for these tests."""

from __future__ import annotations

import pytest

from mtqa.checks.rules import RulesCheck, latin_lookalike
from mtqa.types import Segment


@pytest.fixture(scope="module")
def check() -> RulesCheck:
    return RulesCheck()


def untranslated(check: RulesCheck, mt: str) -> list[tuple[str, str, str | None]]:
    flags = check.run([Segment(0, "s", mt)])[0].flags
    return [
        (mt[f.start : f.end], f.severity, f.suggestion)
        for f in flags
        if f.category == "untranslated"
    ]


@pytest.mark.parametrize(
    "mt, expected",
    [
        # two degree signs with a Cyrillic С and nothing Latin between them: was one major run
        (
            "Frost down to - 12 ° С ... - 15 ° С is expected.",
            [("С", "minor", "C"), ("С", "minor", "C")],
        ),
        ("Boarding is at gate В7.", [("В", "minor", "B")]),  # a Cyrillic В before digits
        ("The Нotel Ritz reopened.", [("Нotel", "minor", "Hotel")]),  # a mixed word
        ("The match featured the СКА club.", [("СКА", "major", None)]),  # an acronym: untranslated
        ("Fans chanted Россия for an hour.", [("Россия", "major", None)]),
    ],
)
def test_lookalike_letters_are_a_copied_character(
    check: RulesCheck, mt: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert untranslated(check, mt) == expected


@pytest.mark.parametrize(
    "word, latin",
    [("С", "C"), ("Нotel", "Hotel"), ("ΚΟ", "KO"), ("Ж", None), ("СКАЖ", None), ("Hotel", None)],
)
def test_latin_lookalike(word: str, latin: str | None) -> None:
    assert latin_lookalike(word) == latin
