"""Derivation, round 12 (checks/source/derivation.py): an -ing word before a noun for a source
passive participle before its noun ("the occupying cities" for «оккупированные города»), and an
irregular past form for a present active participle ("struck" for «бастующие»). Sentences
written for these tests."""

from __future__ import annotations

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.derivation import _full_participle, _irregular_past
from mtqa.lexicon import dictd
from tests.unit.adequacy_fixture import kind_flags


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    if dictd.resolve(None) is None:
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    return AdequacyCheck()


def derivation(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str | None, ...]]:
    return kind_flags(check, src, mt, "derivation")


@pytest.mark.parametrize(
    "word, expected",
    [("struck", ("VBD", "strike")), ("led", ("VBD", "lead")), ("cut", None), ("voted", None)],
)
def test_irregular_past_forms(word: str, expected: tuple[str, str] | None):
    assert _irregular_past(word) == expected


@pytest.mark.parametrize(
    "word, full", [("оккупированные", True), ("оккупирован", False), ("развитие", False)]
)
def test_full_participles(word: str, full: bool):
    assert _full_participle(word) is full


@pytest.mark.parametrize(
    "src, mt, flagged, suggestion",
    [
        # the LM alone hardly prefers the -ed form here; the noun after it is the witness
        (
            "Армия вернула оккупированные посёлки.",
            "The army regained the occupying settlements.",
            "occupying",
            "occupied",
        ),
        (
            "Таможня изъяла запрещённые товары.",
            "Customs seized the banning goods.",
            "banning",
            "banned",
        ),
        (
            "Построенный завод запустят весной.",
            "The building plant will be launched in spring.",
            "building",
            "built",
        ),
        (
            "Найденные документы передали суду.",
            "The finding documents were given to the court.",
            "finding",
            "found",
        ),
        # an -ing word with a noun reading, but taking an object right after its subject
        (
            "Защитник клуба опубликовал новое видео.",
            "The club's defender publishing a new video.",
            "publishing",
            "published",
        ),
        # an irregular past form for a present active participle
        (
            "Бастующие рабочие перекрыли улицу.",
            "The struck workers blocked the street.",
            "struck",
            "striking",
        ),
    ],
)
def test_wrong_participles_before_a_noun_are_flagged(
    check: AdequacyCheck, src: str, mt: str, flagged: str, suggestion: str
):
    assert (flagged, suggestion) in derivation(check, src, mt)


@pytest.mark.parametrize(
    "src, mt",
    [
        ("Армия вернула оккупированные посёлки.", "The army regained the occupied settlements."),
        ("Построенный завод запустят весной.", "The newly built plant will be launched in spring."),
        ("Строительство завода завершено.", "The building of the plant is complete."),
        (
            "Встреча глав государств прошла в Минске.",
            "The meeting of heads of state took place in Minsk.",
        ),
        ("Бастующие рабочие перекрыли улицу.", "Striking workers blocked the street."),
        ("Ведущие эксперты обсудили доклад.", "Leading experts discussed the report."),
        # a participle clause after a comma
        (
            "Суд приговорил его к году заключения, признав виновным в краже.",
            "The court sentenced him to a year in prison, finding him guilty of theft.",
        ),
        # a passive participle rendered as a relative clause
        (
            "Задержанные активисты вышли на свободу.",
            "Activists who had been detained were released.",
        ),
    ],
)
def test_correct_participles_are_not_flagged(check: AdequacyCheck, src: str, mt: str):
    assert derivation(check, src, mt) == []
