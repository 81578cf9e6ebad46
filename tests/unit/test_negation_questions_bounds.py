"""Dropped negation: a «не» that negates nothing English would keep.

- «не … ли» asks (whether, if): «спросил, не собирается ли он» → "asked whether he is going to";
- «не» before a comparative is a bound the translation may say without a negation: «не меньше
  пяти» → "at least five", «не дольше часа» → "an hour at most".
A plain «не» dropped next to them is still found, and so is a comparative rendered without its
bound ("better" for «не лучше»)."""

from __future__ import annotations

import pytest

from mtqa.checks.source.negation import negation_findings

CLEAN = [
    (
        "Корреспондент спросил, не собирается ли мэр баллотироваться снова.",
        "The reporter asked whether the mayor is going to run again.",
    ),
    (
        "Эксперты проверят, не завышена ли стоимость контракта.",
        "Experts will check if the cost of the contract was inflated.",
    ),
    ("Очередь на приём займёт не меньше пяти часов.", "The queue will take at least five hours."),
    ("Остановка продлится не дольше часа.", "The stop will last an hour at most."),
    (
        "Заявки принимаются не позже пятницы.",
        "Applications are accepted until Friday at the latest.",
    ),
]

DROPPED = [
    ("Губернатор не собирается баллотироваться снова.", "The governor is going to run again."),
    (
        "Ситуация с дорогами не лучше, чем год назад.",
        "The road situation is better than a year ago.",
    ),
    ("Очередь на приём займёт не меньше пяти часов.", "The queue will take five hours."),
]


@pytest.mark.parametrize(("src", "mt"), CLEAN)
def test_questions_and_bounds_are_no_dropped_negation(src, mt):
    assert negation_findings(src, mt) == []


@pytest.mark.parametrize(("src", "mt"), DROPPED)
def test_a_plain_negation_dropped_is_still_found(src, mt):
    assert [f.kind for f in negation_findings(src, mt)] == ["dropped"]
