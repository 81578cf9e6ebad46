"""Linking source and translation words."""

from __future__ import annotations

import pytest

from mtqa.lexicon import lookup
from mtqa.lexicon.align import align, cognate, transliterate


@pytest.mark.parametrize(
    "src, mt, linked",
    [
        ("Шмыгаль", "Shmyhal", True),
        ("регулирование", "regulation", True),
        ("Мицотакис", "Mitsotakis", True),
        ("урегулирование", "warfare", False),
        ("мир", "mirror", False),
    ],
)
def test_cognates(src: str, mt: str, linked: bool) -> None:
    assert cognate(src, mt) is linked


def test_transliterate() -> None:
    assert transliterate("Щука") == "shchuka"


def test_align_dictionary_numbers_and_uncovered(tiny_lexicon: lookup.Lexicon) -> None:
    al = align(
        tiny_lexicon,
        "Стороны договорились о мирном урегулировании конфликта 12 мая.",
        "The parties agreed on a peaceful warfare of the conflict on 12 May.",
    )
    src = [t.text for t in al.src]
    mt = [t.text for t in al.mt]
    pairs = {(src[i], mt[j]) for i, j in al.links}
    assert {
        ("Стороны", "parties"),
        ("договорились", "agreed"),
        ("мирном", "peaceful"),
        ("конфликта", "conflict"),
        ("12", "12"),
    } <= pairs
    assert not any(m == "warfare" for _, m in pairs)
    assert not any(m in ("the", "of", "on", "a") for _, m in pairs)  # function words never link
    assert not al.src_linked(src.index("урегулировании"))
    assert al.src_content[src.index("урегулировании")]
    assert not al.mt_content[mt.index("the")]


def test_align_set_phrase(tiny_lexicon: lookup.Lexicon) -> None:
    al = align(tiny_lexicon, "Налог платят юридические лица.", "Legal entities pay the tax.")
    src = [t.text for t in al.src]
    mt = [t.text for t in al.mt]
    pairs = {(src[i], mt[j]) for i, j in al.links}
    assert ("лица", "entities") in pairs and ("юридические", "Legal") in pairs
