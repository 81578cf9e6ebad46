"""Number qualifiers against the source (mtqa/checks/source/qualifiers.py): "more than 13" for
«ещё 13», "over 30" for «не более 30»; ranges, spans of time, dates and "to" left alone."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.qualifiers import qualifier_findings
from mtqa.types import Segment


@pytest.mark.parametrize(
    ("src", "mt", "span", "severity"),
    [
        # «ещё» is "another": a comparative or an estimate in its place changes the count
        (
            "За сутки в городе выявили ещё 40 случаев заражения.",
            "More than 40 cases of infection were detected in the city in a day.",
            "More than 40",
            "major",
        ),
        (
            "На склад доставили ещё 200 тонн гуманитарной помощи.",
            "About 200 tons of humanitarian aid were delivered to the warehouse.",
            "About 200",
            "major",
        ),
        # "more" against the source's "less" and the other way round
        (
            "Штраф составит не более 5 тысяч рублей.",
            "The fine will be more than 5,000 rubles.",
            "more than 5,000",
            "major",
        ),
        (
            "В забеге участвовали свыше 300 спортсменов.",
            "Fewer than 300 athletes took part in the race.",
            "Fewer than 300",
            "major",
        ),
        (
            "Ночью температура будет не выше 12 градусов.",
            "At night the temperature will be above 12 degrees.",
            "above 12",
            "major",
        ),
        # a "more than" the translation drops: shown, not blocking
        (
            "В акции приняли участие более 700 человек.",
            "700 people took part in the campaign.",
            "700",
            "minor",
        ),
    ],
)
def test_contradicted_and_dropped_qualifiers(src: str, mt: str, span: str, severity: str) -> None:
    found = qualifier_findings(src, mt, "ru", "en")
    assert [(mt[f.start : f.end], f.severity) for f in found] == [(span, severity)]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        ("За сутки в городе выявили ещё 40 случаев.", "Another 40 cases were detected in a day."),
        ("За сутки в городе выявили ещё 40 случаев.", "A further 40 cases were detected."),
        ("За сутки в городе выявили ещё 40 случаев.", "40 more cases were detected in a day."),
        ("В акции участвовали более 700 человек.", "Over 700 people took part."),
        ("В акции участвовали более 700 человек.", "At least 700 people took part."),
        ("В акции участвовали более ста человек.", "More than a hundred people took part."),
        ("Штраф составит до 5 тысяч рублей.", "The fine will be up to 5,000 rubles."),
        # «до» after a verb of change is "to", not "up to"
        ("Ставка выросла до 8 процентов.", "The rate rose to 8 percent."),
        # a span of time: "over" renders «за»
        ("За 5 лет цены выросли вдвое.", "Over 5 years, prices doubled."),
        # ranges, dates, years, ordinals and "one" are no quantities to qualify
        ("Морозы составят от 5 до 10 градусов.", "Frosts will be from 5 to 10 degrees."),
        ("Днём до +24 градусов.", "In the afternoon up to +24 degrees."),
        ("Ещё 30 октября ей предложили работу.", "Back on October 30 she was offered a job."),
        ("Ещё в 2015 году он уехал.", "As early as 2015 he left."),
        ("Камера прошла под одним из кораблей.", "The camera passed under one of the ships."),
        # the number twice on a side: no pairing to trust
        ("Было 5 машин и 5 автобусов.", "There were over 5 cars and 5 buses."),
    ],
)
def test_matching_or_unjudged_qualifiers_are_left_alone(src: str, mt: str) -> None:
    assert qualifier_findings(src, mt, "ru", "en") == []


def test_other_language_pairs_are_not_judged() -> None:
    assert qualifier_findings("Ещё 40 случаев.", "More than 40 cases.", "uk", "en") == []


def test_the_source_check_reports_them_as_number_flags() -> None:
    check = SourceCheck(langs=Languages("ru", "en"))
    seg = Segment(
        0,
        "s",
        "More than 13 coronavirus patients have died in Moscow.",
        src="В Москве умерли ещё 13 пациентов с коронавирусом.",
    )
    (result,) = check.run([seg])
    flags = [f for f in result.flags if f.text == "More than 13"]
    assert [(f.category, f.severity, f.suggestion) for f in flags] == [
        ("number", "major", "another 13")
    ]
    off = SourceCheck(langs=Languages("ru", "en"), params={"qualifiers": False})
    (result,) = off.run([seg])
    assert not [f for f in result.flags if f.text == "More than 13"]
