"""A woman's surname in an oblique case of the source («Белкиной») is rendered in English by her
nominative ("Belkina"), which is no case ending kept and no misspelling; the ending itself kept
("Belkinoy") is still flagged.

pymorphy3 gives a woman's surname the man's form as its normal form (Белкиной -> белкин), so the
names check read "Belkina" as "Belkin" with the source's ending kept.
"""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.names import dictionary_case_form
from mtqa.types import Segment


def _names(src: str, mt: str) -> list[str]:
    check = SourceCheck({}, Languages("ru", "en"))
    flags = check.run([Segment(0, "s", mt, src=src)])[0].flags
    return [f.text for f in flags if f.category == "name"]


# (source, clean translation, garbled twin, the name flagged in the twin)
TWINS = [
    (
        "Интервью с дирижёром Анной Белкиной вышло в субботу.",
        "The interview with the conductor Anna Belkina came out on Saturday.",
        "The interview with the conductor Anna Belkinoy came out on Saturday.",
        "Belkinoy",
    ),
    (
        "Премию вручили поэтессе Вере Ладыгиной.",
        "The prize was given to the poet Vera Ladygina.",
        "The prize was given to the poet Vera Ladyginoi.",
        "Ladyginoi",
    ),
    (
        "Мэр вручил грамоту учительнице Сухановой.",
        "The mayor handed a certificate to the teacher Sukhanova.",
        "The mayor handed a certificate to the teacher Sukhanovoy.",
        "Sukhanovoy",
    ),
    (
        "Сделка была одобрена директором фонда Ириной Черёмухиной.",
        "The deal was approved by the fund's director Irina Cheryomukhina.",
        "The deal was approved by the fund's director Irina Cheryomukhinoj.",
        "Cheryomukhinoj",
    ),
]


@pytest.mark.parametrize(("src", "clean", "garbled", "name"), TWINS)
def test_a_womans_nominative_is_her_name(src, clean, garbled, name):
    assert _names(src, clean) == []
    assert name in _names(src, garbled)


@pytest.mark.parametrize(
    ("word", "nominatives"),
    [("Белкиной", ("белкина",)), ("Бахмутом", ("бахмут",)), ("Путина", ())],
)
def test_dictionary_case_form_gives_her_nominative(word, nominatives):
    assert dictionary_case_form(word) == nominatives
