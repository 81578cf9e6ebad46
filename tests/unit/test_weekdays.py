from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.weekdays import weekdays
from mtqa.types import Segment

RU_EN = Languages("ru", "en")


def _days(text: str, lang: str) -> list[tuple[str, set[int]]]:
    return [(i.text, {v[1] for v in i.values}) for i in weekdays(text, lang)]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # Russian: every case form, plurals, adjectives, the night before
        ("Встреча прошла в субботу, 12 марта.", "ru", [("субботу", {6})]),
        ("Магазины закрыты по воскресеньям.", "ru", [("воскресеньям", {7})]),
        ("До четверга решения не будет.", "ru", [("четверга", {4})]),
        ("Собрание перенесли на понедельник.", "ru", [("понедельник", {1})]),
        ("Дежурство во вторник и среду.", "ru", [("вторник", {2}), ("среду", {3})]),
        ("Заседание назначено на пятницу.", "ru", [("пятницу", {5})]),
        ("Эфир выходит по средам.", "ru", [("средам", {3})]),
        ("Это случилось в прошлую пятницу.", "ru", [("пятницу", {5})]),
        ("Субботний матч отменили.", "ru", [("Субботний", {6})]),
        ("После обычной воскресной службы все ушли.", "ru", [("воскресной", {7})]),
        ("Взрыв прогремел в ночь на воскресенье.", "ru", [("воскресенье", {6, 7})]),
        ("Приём: пн–пт с 9:00.", "ru", [("пн", {1}), ("пт", {5})]),
        ("Четверг, 5 мая: что случилось", "ru", [("Четверг", {4})]),
        # Russian: not a date
        ("Скидки в черную пятницу выросли.", "ru", []),
        ("Наступила темная пятница.", "ru", []),
        ("Это было в ту пятницу.", "ru", [("пятницу", {5})]),
        ("Это сообщил телеканал «Пятница».", "ru", []),
        ("Растет загрязнение окружающей среды.", "ru", []),
        ("Бактерии живут в среде обитания.", "ru", []),
        ("Это влияет на среду.", "ru", []),
        ("Мощность лампы 100 Вт.", "ru", []),
        ("Ср. также другие случаи.", "ru", []),
        ("Они устроили субботник.", "ru", []),
        ("Праздник Воскресения Христова.", "ru", []),
        # English
        ("The talks ended on Friday.", "en", [("Friday", {5})]),
        ("Shops close on Sundays.", "en", [("Sundays", {7})]),
        ("At Wednesday's meeting they agreed.", "en", [("Wednesday", {3})]),
        ("It was published yesterday, Saturday July 25.", "en", [("Saturday", {6})]),
        ("On Friday Trump said so.", "en", [("Friday", {5})]),
        ("Tickets go on sale Fri., Oct. 5.", "en", [("Fri.", {5})]),
        ("Black Friday sales fell.", "en", []),
        ("Shops were busy before Good Friday.", "en", []),
        ("He won Super Tuesday.", "en", []),
        ("The Sunday Times reported it.", "en", []),
        ("Read it in The Sun.", "en", []),
        ("I sat. 5 more came.", "en", []),
        # Chinese
        ("上周一他们见面了。", "zh", [("周一", {1})]),
        ("星期天下雨。", "zh", [("星期天", {7})]),
        ("每周一次。", "zh", []),
    ],
)
def test_weekdays_found_as_dates_only(text: str, lang: str, expected) -> None:
    assert _days(text, lang) == expected


def _flags(src: str, mt: str):
    (result,) = SourceCheck(langs=RU_EN).run([Segment(0, "s", mt, src=src)])
    return result


@pytest.mark.parametrize(
    "src,mt,flagged,suggestion",
    [
        (
            "Пожар начался в субботу утром.",
            "The fire started on Sunday morning.",
            "Sunday",
            "Saturday",
        ),
        (
            "Переговоры пройдут в среду.",
            "The talks will be held on Thursday.",
            "Thursday",
            "Wednesday",
        ),
        ("Рынок работает по пятницам.", "The market is open on Mondays.", "Mondays", "Friday"),
        (
            "Решение примут в понедельник или вторник.",
            "The decision will be made on Monday or Friday.",
            "Friday",
            "Tuesday",
        ),
        ("В ночь на воскресенье шёл дождь.", "It rained on Thursday night.", "Thursday", "Sunday"),
        ("В четверг, 3 июня, он уехал.", "On Tuesday, June 3, he left.", "Tuesday", "Thursday"),
    ],
)
def test_a_day_the_source_contradicts_is_flagged(src, mt, flagged, suggestion) -> None:
    flags = [f for f in _flags(src, mt).flags if f.category == "number"]
    assert [(f.text, f.suggestion) for f in flags] == [(flagged, suggestion)]
    assert flags[0].severity == "major"
    assert mt[flags[0].start : flags[0].end] == flagged


@pytest.mark.parametrize(
    "src,mt",
    [
        # the clean twins of the rows above
        ("Пожар начался в субботу утром.", "The fire started on Saturday morning."),
        ("Переговоры пройдут в среду.", "The talks will be held on Wednesday."),
        ("Рынок работает по пятницам.", "The market is open on Fridays."),
        ("В ночь на воскресенье шёл дождь.", "It rained on Saturday night."),
        ("В ночь на воскресенье шёл дождь.", "It rained overnight into Sunday."),
        # a free rendering, an added day, a named day
        ("В пятницу он уехал.", "He left yesterday."),
        ("Вчера он уехал.", "He left on Friday."),
        ("В субботу начались скидки черной пятницы.", "Black Friday discounts began on Saturday."),
        ("В среду об этом написала газета.", "On Wednesday, the Sunday Times wrote about it."),
        ("Они высадились на острове Четверг.", "They landed on Thursday Island."),
        (
            "В четверг вопросы окружающей среды обсудили.",
            "On Thursday, environmental issues were discussed.",
        ),
    ],
)
def test_matching_or_free_days_are_not_flagged(src, mt) -> None:
    assert _flags(src, mt).flags == ()
