"""Degree against the source (mtqa/checks/source/degree.py): a comparative or superlative turned
into its opposite is major, a superlative weakened to a comparative or plain "large" is minor;
free renderings, negated bounds and set phrases are left alone."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.degree import degree_findings, russian_degrees
from mtqa.types import Segment


def _links(src_word: str, mt_word: str) -> bool:
    """A one-entry dictionary for the generic degrees: «важный» is "important"."""
    return (src_word[:4], mt_word.lower()) == ("важн", "important")


@pytest.mark.parametrize(
    ("src", "mt", "span", "severity", "suggestion"),
    [
        # the opposite direction on the same scale
        (
            "Зарплаты учителей в этом регионе ниже среднего.",
            "Teachers' salaries in this region are higher than average.",
            "higher",
            "major",
            "lower",
        ),
        (
            "Осенью в городе стало больше туристов.",
            "In autumn the city had fewer tourists.",
            "fewer",
            "major",
            "more",
        ),
        (
            "Билеты на поезд стали дешевле.",
            "Train tickets became more expensive.",
            "more expensive",
            "major",
            "less expensive",
        ),
        (
            "Это худший урожай за последние годы.",
            "This is the best harvest in recent years.",
            "best",
            "major",
            "worst",
        ),
        (
            "Нынешняя зима оказалась холоднее прошлой.",
            "This winter turned out warmer than the last one.",
            "warmer",
            "major",
            "colder",
        ),
        (
            "Новая трасса опаснее старой.",
            "The new road is safer than the old one.",
            "safer",
            "major",
            "more dangerous",
        ),
        (
            "Это самый опасный район города.",
            "This is a more dangerous district of the city.",
            "more dangerous",
            "minor",
            "most dangerous",
        ),
        # a generic degree is judged when the dictionary links the two graded words
        (
            "Это наиболее важный участок трассы.",
            "This is the least important section of the road.",
            "least important",
            "major",
            "most important",
        ),
        # a superlative weakened: minor, the superlative suggested
        (
            "Это самый дорогой отель на побережье.",
            "It is a more expensive hotel on the coast.",
            "more expensive",
            "minor",
            "most expensive",
        ),
        (
            "Банк остаётся крупнейшим кредитором региона.",
            "The bank remains a big lender of the region.",
            "big",
            "minor",
            "biggest",
        ),
    ],
)
def test_contradicted_and_weakened_degrees(
    src: str, mt: str, span: str, severity: str, suggestion: str
) -> None:
    found = degree_findings(src, mt, _links)
    assert [(mt[f.start : f.end], f.severity, f.suggestion) for f in found] == [
        (span, severity, suggestion)
    ]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        # free but correct renderings
        (
            "Крупнейший порт страны закрыли на карантин.",
            "The country's largest port was quarantined.",
        ),
        ("Это одна из самых старых церквей города.", "It is one of the city's oldest churches."),
        ("Наименее защищёнными оказались дети.", "Children turned out to be the most vulnerable."),
        ("Новейшие самолёты поступят в армию.", "The latest aircraft will join the army."),
        (
            "Самый дорогой билет стоит больше, чем у конкурентов.",
            "The most expensive ticket costs more than rivals'.",
        ),
        # bounds and set phrases compare nothing
        ("Цена не выше рыночной.", "The price is no higher than the market one."),
        ("Больше никто не пострадал.", "Nobody else was hurt."),
        ("Более того, он отказался отвечать.", "Moreover, he refused to answer."),
        ("Это более или менее понятно.", "This is more or less clear."),
        ("Ниже приводится текст заявления.", "The text of the statement follows."),
        # the source goes both ways: nothing to pair
        ("Чем больше тестов, тем меньше риск.", "The more tests, the lower the risk."),
        # numbers are the qualifier rule's
        ("Погибли более 20 человек.", "Fewer than 20 people died."),
    ],
)
def test_matching_or_unjudged_degrees_are_left_alone(src: str, mt: str) -> None:
    assert degree_findings(src, mt, _links) == []


def test_a_generic_degree_without_a_dictionary_is_never_judged() -> None:
    """The row the dictionary flags above ("least important" for «наиболее важный»), unjudged
    when no dictionary links the two graded words."""
    src, mt = "Это наиболее важный участок.", "This is the least important section."
    assert [mt[f.start : f.end] for f in degree_findings(src, mt, _links)] == ["least important"]
    assert degree_findings(src, mt, None) == []
    assert degree_findings(src, mt) == []


def test_the_source_check_judges_a_generic_degree_through_the_dictionary() -> None:
    """«наиболее важный» against "least important": the source check asks the system dictionary
    whether «важный» links to "important" (on every segment, from one loaded lexicon)."""
    from mtqa.lexicon import dictd

    if dictd.resolve(None) is None:
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    check = SourceCheck(langs=Languages("ru", "en"))
    src = "Это наиболее важный участок трассы."
    for mt, expected in [
        ("This is the least important section of the road.", [("least important", "major")]),
        ("This is the most important section of the road.", []),
        ("This is the least important section of the road.", [("least important", "major")]),
    ]:
        (result,) = check.run([Segment(0, "s", mt, src=src)])
        got = [(f.text, f.severity) for f in result.flags if f.category == "mistranslation"]
        assert got == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("величайший", [("size", 1, "superlative")]),
        ("самые долгие", [("length", 1, "superlative")]),
        ("малейший", [("size", -1, "superlative")]),
        ("подороже", [("price", 1, "comparative")]),
        ("больше всего", [("size", 1, "superlative")]),
        # words that begin like a scale's adjective: no scale, a generic degree
        ("самый долговой", [("generic", 1, "superlative")]),
        ("самые частные", [("generic", 1, "superlative")]),
        # «ближайший» is "next", «в самом деле» "indeed", «больше не» "no longer"
        ("ближайший", []),
        ("в самом деле", []),
        ("больше не", []),
    ],
)
def test_russian_degrees_read_scale_direction_and_grade(
    src: str, expected: list[tuple[str, int, str]]
) -> None:
    assert [(d.scale, d.direction, d.grade) for d in russian_degrees(src)] == expected
