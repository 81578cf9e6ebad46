"""Derivation swaps (checks/source/derivation.py): agent vs action nouns, "have" + -ing, "will
be" + -ing for a perfective future, -ed for an infinitive, and -ing for a finite past verb;
sentences written for these tests, not taken from any tuning set."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.derivation import _after_have, _ru_noun_kind
from tests.unit.adequacy_fixture import kind_flags

MUELLER = Path("/usr/share/dictd/mueller7.index")
needs_mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    return AdequacyCheck()


def derivation(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str | None, ...]]:
    return kind_flags(check, src, mt, "derivation")


@pytest.mark.parametrize(
    "word, kind",
    [
        ("расследование", "action"),
        ("организация", "action"),
        ("наблюдатели", "agent"),
        ("следователя", "agent"),
        ("стол", None),
        ("руководство", None),  # -ство: a body as often as an action, left alone
    ],
)
def test_source_nouns_are_read_as_action_or_agent_nouns(word: str, kind: str | None) -> None:
    assert _ru_noun_kind(word) == kind


@pytest.mark.parametrize(
    "words, j, expected",
    [
        (["the", "government", "has", "already", "approving"], 4, True),
        (["they", "have", "approving"], 2, True),
        (["it", "has", "been", "approving"], 3, False),  # a perfect progressive
        (["the", "approving", "nod"], 1, False),
    ],
)
def test_have_before_an_ing_form_with_adverbs_between(
    words: list[str], j: int, expected: bool
) -> None:
    assert _after_have(words, j) is expected


SWAPS = [
    # an action noun rendered by its agent noun, and the other way round
    ("Расследование завершено.", "The investigator is complete.", "investigator", "investigation"),
    ("Наблюдатели отметили нарушения.", "Observations noted violations.", "Observations",
     "Observers"),
    # "has" + -ing is no English perfect
    ("Правительство уже утвердило бюджет.", "The government has already approving the budget.",
     "approving", "approved"),
    # "will be" + -ing, a future progressive, for a perfective future
    ("Их лишат наград.", "They will be depriving of their awards.", "depriving", "deprived"),
    # -ed for an infinitive
    ("Он начал изучать историю.", "He started studied history.", "studied", "studying"),
    # -ing standing for a finite past verb
    ("Лидеры подписали соглашение.", "The leaders signing the agreement.", "signing", "signed"),
]  # fmt: skip

CLEAN = [
    ("Расследование завершено.", "The investigation is complete."),
    ("Наблюдатели отметили нарушения.", "Observers noted violations."),
    ("Правительство уже утвердило бюджет.", "The government has already approved the budget."),
    ("Правительство утверждало бюджет.", "The government has been approving the budget."),
    ("Лидеры подписали соглашение.", "The leaders signed the agreement."),
    ("Их лишат наград.", "They will be deprived of their awards."),
    ("Он начал изучать историю.", "He started studying history."),
    ("Документ нужно подписать.", "The document needs to be signed."),  # a passive infinitive
    ("Компания будет выплачивать долг.", "The company will be paying the debt."),  # imperfective
]


@needs_mueller
@pytest.mark.parametrize("src, mt, word, suggestion", SWAPS)
def test_derivation_swaps_are_flagged_with_the_form_the_source_asks_for(
    check: AdequacyCheck, src: str, mt: str, word: str, suggestion: str
) -> None:
    assert derivation(check, src, mt) == [(word, suggestion)]


@needs_mueller
@pytest.mark.parametrize("src, mt", CLEAN)
def test_the_right_forms_are_left_alone(check: AdequacyCheck, src: str, mt: str) -> None:
    assert derivation(check, src, mt) == []
