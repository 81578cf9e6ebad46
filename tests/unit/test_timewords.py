"""Time words against the source (mtqa/checks/source/timewords.py): a day, a week/month/year,
a part of the day or an order word the source contradicts is major, with the source's word in
English as the suggestion; free renderings and words the source lacks are left alone."""

from __future__ import annotations

import pytest

from mtqa.checks.source.timewords import time_findings


@pytest.mark.parametrize(
    ("src", "mt", "span", "suggestion"),
    [
        (
            "Вчера в Кремле обсудили бюджет.",
            "Tomorrow the Kremlin discussed the budget.",
            "Tomorrow",
            "Yesterday",
        ),
        ("Суд вынесет решение завтра.", "The court will rule today.", "today", "tomorrow"),
        (
            "Послезавтра откроется выставка.",
            "The exhibition opened yesterday.",
            "yesterday",
            "the day after tomorrow",
        ),
        (
            "Выборы прошли в прошлом месяце.",
            "The elections were held next month.",
            "next month",
            "last month",
        ),
        (
            "Закон вступит в силу в следующем году.",
            "The law will take effect this year.",
            "this year",
            "next year",
        ),
        (
            "Цены выросли в конце прошлого года.",
            "Prices rose at the end of the current year.",
            "current year",
            "last year",
        ),
        (
            "На этой неделе премьер посетит Китай.",
            "Next week the premier will visit China.",
            "Next week",
            "This week",
        ),
        (
            "В минувшие выходные прошли обыски.",
            "Searches were carried out next weekend.",
            "next weekend",
            "last weekend",
        ),
        (
            "Утром поезд сошёл с рельсов.",
            "The train derailed in the evening.",
            "evening",
            "morning",
        ),
        (
            "Митинг прошёл вечером у мэрии.",
            "The rally took place in the morning at city hall.",
            "morning",
            "evening",
        ),
        (
            "Поезд прибудет в 7 утра.",
            "The train will arrive at 7 in the evening.",
            "evening",
            "morning",
        ),
        (
            "Ранее министр отрицал эти планы.",
            "Later the minister denied these plans.",
            "Later",
            "Earlier",
        ),
        (
            "Позднее полиция задержала водителя.",
            "Previously the police detained the driver.",
            "Previously",
            "Later",
        ),
        # the phase of a period, in the translation's own construction
        (
            "Стройку закончат в конце следующего года.",
            "Construction will finish at the beginning of next year.",
            "beginning",
            "end",
        ),
        (
            "Референдум прошёл в начале апреля.",
            "The referendum was held in late April.",
            "late",
            "early",
        ),
        # a counted span: back from now against forward
        (
            "Три года назад здесь открыли школу.",
            "In three years a school will open here.",
            "In three years",
            "Three years ago",
        ),
        (
            "Через неделю его выпустили.",
            "He was released a week earlier.",
            "a week earlier",
            "a week later",
        ),
        # recent past against near future
        (
            "Недавно в порту построили новый терминал.",
            "A new terminal will soon be built in the port.",
            "soon",
            "recently",
        ),
    ],
)
def test_contradicted_time_words(src: str, mt: str, span: str, suggestion: str) -> None:
    found = time_findings(src, mt)
    assert [(mt[f.start : f.end], f.severity, f.suggestion) for f in found] == [
        (span, "major", suggestion)
    ]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        # free but correct renderings
        (
            "Ранее на этой неделе власти ввели ограничения.",
            "Earlier this week the authorities imposed restrictions.",
        ),
        ("На сегодняшний день выздоровели 300 человек.", "As of today, 300 people have recovered."),
        ("Вчера вечером в центре был пожар.", "There was a fire in the centre last night."),
        ("Сегодня утром мэр открыл мост.", "The mayor opened the bridge this morning."),
        ("Ночью в городе шёл снег.", "It snowed in the city overnight."),
        ("Ночью в городе шёл снег.", "It snowed in the city in the early morning."),
        ("За последний год цены выросли.", "Prices have risen over the past year."),
        ("Вечером в пятницу начнётся концерт.", "The concert will start on Friday night."),
        # the translation adds a time word the source lacks
        ("Министр провёл встречу.", "The minister held a meeting yesterday."),
        # bounds and set phrases
        ("Отчёт сдадут не позднее пятницы.", "The report will be submitted no later than Friday."),
        (
            "Прежде всего нужно решить вопрос с долгами.",
            "First of all, the debt issue must be resolved later.",
        ),
        (
            "Ранее сообщалось, что решение примут позже.",
            "It was earlier reported that a decision would be made later.",
        ),
        (
            "В конце концов договор подписали в начале года.",
            "In the end the treaty was signed early in the year.",
        ),
        ("Работы завершат к концу месяца.", "The works will be finished by the end of the month."),
        ("Вскоре после выборов он ушёл в отставку.", "Soon after the election he resigned."),
        (
            "Недавно мэр пообещал, что мост скоро откроют.",
            "The mayor recently promised the bridge would open soon.",
        ),
        # «накануне», a date, a weekday or a year may be rendered as a relative day or period
        (
            "Сегодня министр ответил на сделанные накануне заявления.",
            "Today the minister responded to yesterday's statements.",
        ),
        (
            "Сегодня суд продолжит рассмотрение, начатое в среду.",
            "Today the court will continue the hearing it began yesterday.",
        ),
        (
            "В этом году продажи выросли по сравнению с 2019 годом.",
            "This year sales grew compared with last year.",
        ),
        (
            "Ранее он заявил, что в дальнейшем компания сократит штат.",
            "He said earlier that the company would later cut staff.",
        ),
        # the source's word is rendered: another time word renders something else
        (
            "Ранее сообщалось, что вакцину зарегистрируют в сентябре.",
            "It was reported earlier that the vaccine would be registered later, in September.",
        ),
        ("Через два дня его отпустили.", "Two days later he was released."),
        ("Два года назад дом построили за год.", "Two years ago the house was built in a year."),
        (
            "Днём ранее число заболевших за сутки побило рекорд.",
            "A day earlier the number of cases within a day broke a record.",
        ),
        # a source adjective allows its value
        (
            "Вечером обсудят итоги утреннего заседания.",
            "The results of the morning session will be discussed in the evening.",
        ),
    ],
)
def test_matching_or_unjudged_time_words_are_left_alone(src: str, mt: str) -> None:
    assert time_findings(src, mt) == []
