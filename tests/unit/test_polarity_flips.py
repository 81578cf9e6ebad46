"""Polarity flips by word formation, both directions (checks/source/polarity.py): sentences
written for these tests, not taken from any tuning set."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.polarity import en_forms, en_negative, ru_negative
from tests.unit.adequacy_fixture import kind_flags

MUELLER = Path("/usr/share/dictd/mueller7.index")
needs_mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    return AdequacyCheck()


def polarity(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str | None, ...]]:
    return kind_flags(check, src, mt, "polarity")


@pytest.mark.parametrize(
    "word, forms",
    [
        ("successfully", {"successful"}),  # an -ly adverb through its adjective
        ("stably", {"stable"}),
        ("favourable", {"favorable"}),  # UK and US spellings meet
        ("stabilise", {"stabilize"}),
        ("verified", {"verify"}),  # a participle through its verb
    ],
)
def test_english_words_are_compared_through_lemmas_spellings_and_adjectives(
    word: str, forms: set[str]
) -> None:
    assert forms <= en_forms(word)


@pytest.mark.parametrize(
    "word, prefix",
    [
        ("illegally", "il"),  # in-/il-/im-/ir- on adverbs of adjectives too
        ("unsuccessfully", "un"),
        ("distrust", "dis"),
        ("information", None),  # in- on a noun that is no negation
        ("important", None),
    ],
)
def test_english_negative_prefixes_need_a_word_of_the_same_kind(
    word: str, prefix: str | None
) -> None:
    assert en_negative(word) == prefix


@pytest.mark.parametrize(
    "word, prefix",
    [("неподтверждённых", "не"), ("безуспешно", "без"), ("недели", None), ("небо", None)],
)
def test_russian_negative_prefixes_need_a_word_of_the_same_family(
    word: str, prefix: str | None
) -> None:
    assert ru_negative(word) == prefix


FLIPS = [
    # the source negates by prefix, the translation does not: suggestion is the negated word
    ("Сведения остались неподтверждёнными.", "The reports remained confirmed.", "confirmed",
     "unconfirmed"),
    ("Спасатели работали безуспешно.", "The rescuers worked successfully.", "successfully",
     "unsuccessfully"),
    # the translation negates by prefix, the source does not: suggestion is the plain word
    ("Забастовка была законной.", "The strike was illegal.", "illegal", "legal"),
    ("Отношения остаются стабильными.", "Relations remain unstable.", "unstable", "stable"),
    # a separate «не» before the word the English word renders, no negation anywhere in English
    ("Он не смог приехать на встречу.", "He was able to come to the meeting.", "able", "unable"),
]  # fmt: skip

CLEAN = [
    ("Сведения остались неподтверждёнными.", "The reports remained unconfirmed."),
    ("Спасатели работали безуспешно.", "The rescuers worked in vain."),
    ("Забастовка была законной.", "The strike was legal."),
    ("Отношения остаются стабильными.", "Relations remain stable."),
    ("Он не смог приехать на встречу.", "He was unable to come to the meeting."),
    ("Он не смог приехать на встречу.", "He could not come to the meeting."),
    # the plain word (давно) stands in the source too: "long" renders it, not недавно
    (
        "Об этом говорили давно, а решили только недавно.",
        "People talked about it a long time ago, but decided only recently.",
    ),
    # «не ... ли»: a question, its не no negation
    ("Она спросила, не нужна ли им помощь.", "She asked if they needed help."),
    # an antonym for a не- word is a free rendering, not a flip
    ("Небольшая деревня пострадала.", "A small village was damaged."),
    ("Это было нелегко.", "It was not easy."),
    # «не» before a preposition negates a phrase: no word of it takes an English prefix
    ("Не в нашу честь, не нам и есть.", "Give credit where credit is due."),
]


@needs_mueller
@pytest.mark.parametrize("src, mt, word, suggestion", FLIPS)
def test_a_negative_prefix_on_one_side_only_is_flagged_with_the_other_form(
    check: AdequacyCheck, src: str, mt: str, word: str, suggestion: str
) -> None:
    assert polarity(check, src, mt) == [(word, suggestion)]


@needs_mueller
@pytest.mark.parametrize("src, mt", CLEAN)
def test_matching_polarity_and_free_renderings_are_left_alone(
    check: AdequacyCheck, src: str, mt: str
) -> None:
    assert polarity(check, src, mt) == []
