"""Romanisation schemes: one table per scheme (mtqa.translit), used by the names check and garbles."""

from __future__ import annotations

import pytest

from mtqa import text
from mtqa.checks.source import names
from mtqa.translit import CYRILLIC_BGN, RUSSIAN_BGN, SCHEMES, WRONG_SCHEMES, romanise


@pytest.mark.parametrize(
    "word,scheme,latin",
    [
        ("Шмыгаль", "bgn", "Shmygal"),
        ("Шмыгаль", "german", "Schmygal"),
        ("Шмыгаль", "french", "Chmygal"),
        ("Шмыгаль", "scholarly", "Smygal'"),
        ("Ельцин", "bgn", "Yeltsin"),  # "е" at the start: ye / je / ie / e
        ("Ельцин", "german", "Jelzin"),
        ("Ельцин", "french", "Ieltsin"),
        ("Ельцин", "scholarly", "El'cin"),
        ("Андреев", "bgn", "Andreyev"),  # "е" after a vowel
        ("Хрущёв", "german", "Chruschtschjow"),
        ("Жуков", "french", "Joukov"),
        ("ШОС", "bgn", "ShOS"),  # each capital letter capitalised
        ("Шевченко-2", "bgn", "Shevchenko-2"),  # other characters kept
        ("Їжак", "bgn", "Yizhak"),  # Ukrainian letters
    ],
)
def test_romanise_in_each_scheme(word, scheme, latin) -> None:
    assert romanise(word, scheme) == latin


def test_wrong_schemes_are_bgn_with_their_own_letters() -> None:
    for scheme in WRONG_SCHEMES.values():
        assert set(scheme.letters) == set(CYRILLIC_BGN)
        assert any(scheme.letters[c] != CYRILLIC_BGN[c] for c in RUSSIAN_BGN)
    assert set(SCHEMES) == {"bgn", *WRONG_SCHEMES}


def test_one_bgn_table_for_the_names_check_and_mtqa_text() -> None:
    assert text.RUSSIAN_BGN is RUSSIAN_BGN
    assert names.transliterate("Зеленский") == romanise("Зеленский") == "Zelenskiy"
