"""Units and currencies against the source (mtqa/checks/source/units.py)."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.units import unit_findings
from mtqa.types import Segment


@pytest.mark.parametrize(
    ("src", "mt", "span", "suggestion"),
    [
        (
            "Спортсмен сбросил восемь килограммов за месяц.",
            "The athlete shed eight pounds in a month.",
            "eight pounds",
            "kilograms",
        ),
        ("Ущерб оценили в 40 млн рублей.", "The damage was put at $40 million.", "$40", "rubles"),
        (
            "Колонна растянулась на 12 км.",
            "The convoy stretched for 12 miles.",
            "12 miles",
            "kilometers",
        ),
        (
            "Суд приговорил его к 7 годам колонии.",
            "The court sentenced him to 7 months in a penal colony.",
            "7 months",
            "years",
        ),
        (
            "Компания заплатит 300 тысяч евро.",
            "The company will pay 300 thousand dollars.",
            "300 thousand dollars",
            "euros",
        ),
    ],
)
def test_a_swapped_unit_of_the_same_kind_is_found(
    src: str, mt: str, span: str, suggestion: str
) -> None:
    found = unit_findings(src, mt, "ru", "en")
    assert [(mt[f.start : f.end], f.suggestion) for f in found] == [(span, suggestion)]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        ("Спортсмен сбросил восемь килограммов.", "The athlete shed eight kilograms."),
        ("Спортсмен сбросил 8 кг.", "The athlete lost 8 kg."),
        ("Ущерб оценили в 40 млн рублей.", "The damage was put at 40 million rubles."),
        ("Ущерб оценили в 40 млн руб.", "The damage was estimated at RUB 40 million."),
        ("Цены выросли на 5%.", "Prices rose by 5 percent."),
        ("Ему исполнилось 30 лет.", "He turned 30 years old."),
        ("Штраф составит 500 фунтов стерлингов.", "The fine will be 500 pounds."),
        ("Курс составил 90 рублей за доллар.", "The rate was 90 rubles per dollar."),
        # another kind of word after the number: a rephrasing, not a swapped unit
        ("Он пробежал 10 км за час.", "He ran 10 kilometers in an hour."),
        ("Выставка продлится 3 дня.", "The exhibition will run for three days."),
        ("Площадь участка 5 га.", "The plot covers 5 hectares."),
        # a word that begins like an abbreviation is no unit
        ("На 3 смены вышли рабочие.", "Workers came out for 3 shifts."),
    ],
)
def test_the_same_unit_or_no_unit_is_left_alone(src: str, mt: str) -> None:
    assert unit_findings(src, mt, "ru", "en") == []


def test_the_source_check_reports_a_major_number_flag() -> None:
    seg = Segment(
        0, "s", "He made an effort and lost eight pounds.", src="Он похудел на восемь килограммов."
    )
    (result,) = SourceCheck(langs=Languages("ru", "en")).run([seg])
    assert [(f.text, f.category, f.severity) for f in result.flags] == [
        ("eight pounds", "number", "major")
    ]
    (result,) = SourceCheck(langs=Languages("ru", "en"), params={"units": False}).run([seg])
    assert result.flags == ()
