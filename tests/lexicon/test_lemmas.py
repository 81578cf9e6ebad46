"""Russian and English lemmas with parts of speech."""

from __future__ import annotations

from typing import Any

import pytest

from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas, ru_lemma_set, ru_lemmas


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("урегулирования", "урегулирование"),
        ("лица", "лицо"),
        ("мирного", "мирный"),
        ("Ёлки", "елка"),
    ],
)
def test_russian_lemma(word: str, lemma: str) -> None:
    assert lemma in ru_lemma_set(word)


def test_every_russian_parse_counts() -> None:
    found = {(lem.lemma, lem.pos) for lem in ru_lemmas("стали")}
    assert {("стать", "VERB"), ("сталь", "NOUN")} <= found


def test_russian_function_words_and_pronouns() -> None:
    assert {lem.pos for lem in ru_lemmas("не")} == {"FUNC"}
    assert ru_lemmas("своих")[0].pos == "FUNC"


@pytest.mark.parametrize(
    "word, lemma",
    [("faces", "face"), ("entities", "entity"), ("was", "be"), ("Shmyhal", "shmyhal")],
)
def test_english_lemma(word: str, lemma: str) -> None:
    assert lemma in en_lemma_set(word)


def test_english_parts_of_speech() -> None:
    assert {lem.pos for lem in en_lemmas("faces")} == {"NOUN", "VERB"}
    assert en_lemmas("peaceful")[0].pos == "ADJ"


@pytest.mark.parametrize(
    ("fn", "word", "folded"),
    [
        (en_lemmas, "Talks", "talks"),
        (en_lemmas, "SHMYHAL", "shmyhal"),  # unknown to lemminflect: its slow guesser, once
        (en_lemmas, "Kremlin’s", "kremlin's"),
        (en_lemma_set, "Ministries", "ministries"),
        (ru_lemmas, "Москве", "москве"),
        (ru_lemmas, "Ёлки", "елки"),
    ],
)
def test_one_analysis_per_folded_form(fn: Any, word: str, folded: str) -> None:
    """Every spelling of a word that folds alike gets the folded form's analysis (the same
    object: computed once, cached once)."""
    assert fn(word) is fn(folded)
