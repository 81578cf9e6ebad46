"""Source fidelity (mtqa.checks.source.punctuation, casing, gender): final punctuation, letter
case and pronoun gender against the source, as findings and as flags of the source check."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.casing import case_findings, first_word
from mtqa.checks.source.gender import gender_findings, source_genders
from mtqa.checks.source.punctuation import final_punctuation_finding, source_final_mark
from mtqa.types import Segment

LONG_SRC = (
    "Президент России Владимир Путин провел в среду телефонный разговор с канцлером Германии."
)
LONG_MT = (
    "Russian President Vladimir Putin held a telephone conversation with the German Chancellor"
    " on Wednesday"
)

# (src, mt, expected (flagged text, suggestion) or None)
PUNCTUATION = [
    (LONG_SRC, LONG_MT, ("Wednesday", "Wednesday.")),
    (LONG_SRC, LONG_MT + ".", None),
    # the mark survives as another mark: no finding
    (LONG_SRC, LONG_MT + "!", None),
    (LONG_SRC, LONG_MT + "…", None),
    # a closing quote after the translation's last word stays after the suggested mark
    (
        "Министр добавил, что «ситуация в регионе остается под полным контролем властей».",
        (
            'The minister added that "the situation in the region remains under the full control'
            ' of the authorities"'
        ),
        ('authorities"', 'authorities".'),
    ),
    (
        "Министр добавил: «Ситуация в регионе остается под полным контролем властей!»",
        (
            'The minister added: "The situation in the region remains under the full control'
            ' of the authorities"'
        ),
        ('authorities"', 'authorities!"'),
    ),
    # CJK full stop, English form suggested
    (
        "中国外交部发言人赵立坚在例行记者会上回答了有关问题。",
        (
            "Chinese Foreign Ministry spokesman Zhao Lijian answered related questions"
            " at a regular press conference"
        ),
        ("conference", "conference."),
    ),
    # headlines without a mark on both sides
    (
        "Путин провел телефонный разговор с канцлером Германии",
        "Putin held a telephone conversation with the German chancellor on Wednesday",
        None,
    ),
    # a short translation reads as a headline even when the source has a full stop
    ("Российский рекорд.", "A Russian record", None),
    # a source ending with an abbreviation's dot is no sentence-final evidence
    (
        "Новый закон о защите персональных данных вступил в силу в 2020 г.",
        "The new law on the protection of personal data came into force in 2020",
        None,
    ),
    (
        "Речь идет о продуктах, одежде, лекарствах и т.д.",
        "We are talking about food, clothing, medicine and other goods of the same kind",
        None,
    ),
    # a mark inside a closing bracket ends the parenthesis, not the sentence
    (
        "В Индианаполисе открылась первая в мире церковь любителей конопли (англ.)",
        "The world's first church of cannabis lovers opened in Indianapolis (in English)",
        None,
    ),
    # a translation ending with a URL or a digit-free symbol
    (
        "Подробности читайте на официальном сайте министерства здравоохранения.",
        "Read more details on the official website of the ministry: https://minzdrav.gov.ru",
        None,
    ),
]


@pytest.mark.parametrize("src, mt, expected", PUNCTUATION)
def test_final_punctuation(src: str, mt: str, expected: tuple[str, str] | None) -> None:
    found = final_punctuation_finding(src, mt)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (mt[found.start : found.end], found.suggestion) == expected


@pytest.mark.parametrize(
    "src, mark",
    [
        ("Он ушел в лес.", "."),  # a short last word is no abbreviation
        ("«Мы победим!»", "!"),
        ("Что будет дальше?..", "?"),
        ("И тогда…", "…"),
        ("Ждем продолжения...", "..."),
        ("В 2020 г.", None),
        ("Без точки", None),
        ("(см. выше)", None),
    ],
)
def test_source_final_mark(src: str, mark: str | None) -> None:
    assert source_final_mark(src) == mark


# (src, mt, expected [(kind, flagged text, suggestion)])
CASING = [
    (
        "Президент подписал указ о новых мерах поддержки.",
        "the president signed a decree on new support measures.",
        [("first_lower", "the", "The")],
    ),
    (
        "Президент подписал указ о новых мерах поддержки.",
        "The president signed a decree on new support measures.",
        [],
    ),
    # after an opening quote, a dash or a list number
    (
        "«Мы будем добиваться справедливости», — заявил адвокат.",
        '"we will seek justice," the lawyer said.',
        [("first_lower", "we", "We")],
    ),
    ("— Мы готовы к переговорам, — сказал он.", "— We are ready for talks, he said.", []),
    ("1. Соблюдайте дистанцию.", "1. keep your distance.", [("first_lower", "keep", "Keep")]),
    ("1. Соблюдайте дистанцию.", "1. Keep your distance.", []),
    # digits first, brand names written in lowercase, a lowercase source: no evidence
    ("5 человек погибли при пожаре.", "5 people died in the fire.", []),
    ("Новый iPhone поступит в продажу в сентябре.", "iPhone sales start in September.", []),
    ("Компания eBay отчиталась о росте выручки.", "eBay reported revenue growth.", []),
    ("и это только начало", "and this is just the beginning", []),
    ("Сайт lenta.ru сообщил об этом первым.", "lenta.ru was the first to report it.", []),
    # no capital at all while the source capitalises names: one finding on the whole sentence
    (
        "Президент России Владимир Путин встретился с премьер-министром Японии в Москве.",
        "russian president vladimir putin met with the japanese prime minister in moscow.",
        [
            (
                "all_lower",
                "russian president vladimir putin met with the japanese prime minister in moscow.",
                None,
            )
        ],
    ),
    # a source without names past its first word: the first word is the evidence
    (
        "Он сказал, что встреча прошла успешно.",
        "he said that the meeting went well.",
        [("first_lower", "he", "He")],
    ),
    # a forum post written in lowercase on both sides
    (
        "владимир путин встретился с премьером японии в москве",
        "vladimir putin met the japanese prime minister in moscow",
        [],
    ),
    # a fragment that starts in lowercase with a name inside: its style, not a broken pipeline
    ("и тогда Путин ответил журналистам", "and then putin answered the journalists", []),
    # capitals after a full stop are sentence starts, not names; XXI is spelled out in English
    (
        "83% женщин защищались от мужей. Противоположная картина была у мужчин.",
        "83% of women defended themselves against their husbands.",
        [],
    ),
]


@pytest.mark.parametrize("src, mt, expected", CASING)
def test_case_findings(src: str, mt: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = [(f.kind, mt[f.start : f.end], f.suggestion) for f in case_findings(src, mt)]
    assert found == expected


@pytest.mark.parametrize(
    "text, word",
    [
        ('"Hello," she said.', "Hello"),
        ("— Да, — ответил он.", "Да"),
        ("2. Второй пункт", "Второй"),
        ("iPhone 13 is out", "iPhone"),
        ("5G networks", None),
        ("twitter.com reported", None),
    ],
)
def test_first_word(text: str, word: str | None) -> None:
    found = first_word(text)
    assert (found[1] if found else None) == word


# (src, mt, expected [(flagged text, suggestion)])
GENDER = [
    (
        "Он заявил, что не будет участвовать в выборах.",
        "She said she would not take part in the election.",
        [("She", "He"), ("she", "he")],
    ),
    ("Он заявил, что не будет участвовать в выборах.", "He said he would not run.", []),
    # a surname and a verb agreeing with a thing («компания выполнила») only
    (
        "Иванов сообщил, что компания выполнила план.",
        "She said the company had fulfilled the plan.",
        [("She", "He")],
    ),
    (
        "Иванов сообщил, что компания выполнила план.",
        "He said the company had fulfilled the plan.",
        [],
    ),
    # a first name settles an ambiguous surname (Захарова: hers, or Захаров's genitive)
    (
        "Мария Захарова заявила, что Москва ответит на санкции.",
        "Maria Zakharova said Moscow would respond to the sanctions, he added.",
        [("he", "she")],
    ),
    (
        "Мария Захарова заявила, что Москва ответит на санкции.",
        "Maria Zakharova said Moscow would respond to the sanctions, she added.",
        [],
    ),
    # "her" as an object: "him"
    (
        "Песков сообщил, что президент поблагодарил его за работу.",
        "Peskov said the president thanked her for the work.",
        [("her", "him")],
    ),
    # "her" as a possessive: the role (his or him) is unclear, no suggestion
    (
        "Глава МИД Сергей Лавров провел переговоры со своим коллегой.",
        "Foreign Minister Sergei Lavrov held talks with her counterpart.",
        [("her", None)],
    ),
    (
        "Глава МИД Сергей Лавров провел переговоры со своим коллегой.",
        "Foreign Minister Sergei Lavrov held talks with his counterpart.",
        [],
    ),
    (
        "Губернатор поблагодарил врачей за работу и вручил им награды.",
        "The governor thanked the doctors for their work and gave her awards.",
        [("her", None)],  # «им» is "them"; the source has a man and no woman
    ),
    (
        "Губернатор поблагодарил врачей за работу и вручил им награды.",
        "The governor thanked the doctors for their work and gave them awards.",
        [],
    ),
    # "it" for a feminine thing (она = страна, компания) is never judged
    (
        "Компания заявила, что она выполнит все обязательства.",
        "The company said it would meet all its obligations.",
        [],
    ),
    # a verb agreeing with a thing is no person: the translation's "he" is left alone
    (
        "Как сообщила компания, сделка была закрыта в пятницу, он подтвердил это.",
        "The deal was closed on Friday, as the company reported, he confirmed.",
        [],
    ),
    # two people of different genders
    (
        "Иванов встретился с Петровой, и она рассказала ему о проекте.",
        "Ivanov met Petrova, and she told him about the project.",
        [],
    ),
    ("Он поблагодарил её за помощь.", "She thanked him for his help.", []),
    # a masculine title may be a woman; no evidence of a man otherwise
    (
        "По словам министра, переговоры прошли успешно.",
        "According to the minister, the talks went well, she said.",
        [],
    ),
    # no gender evidence at all: nothing to contradict
    ("Переговоры прошли успешно.", "The talks went well, he said.", []),
    # a feminine verb whose subject is a thing stands for no woman
    (
        "По словам Пескова, ситуация стала лучше.",
        "According to Peskov, the situation has improved, he said.",
        [],
    ),
    # a woman's name in the source, "he" in the translation
    (
        "Анна Петрова рассказала, что переехала в Москву в 2010 году.",
        "Anna Petrova said he moved to Moscow in 2010.",
        [("he", "she")],
    ),
]


@pytest.mark.parametrize("src, mt, expected", GENDER)
def test_gender_findings(src: str, mt: str, expected: list[tuple[str, str | None]]) -> None:
    found = [(mt[f.start : f.end], f.suggestion) for f in gender_findings(src, mt)]
    assert found == expected


@pytest.mark.parametrize(
    "src, masc, femn",
    [
        ("Он пришел.", True, False),
        ("Она пришла.", False, True),
        ("Компания заявила о росте.", False, False),  # a thing
        ("Рост составил пять процентов.", False, False),
        ("Путин встретился с Меркель.", True, True),
        ("Его госпитализировали.", True, False),
        ("Государство и его граждане.", False, False),  # его = its
    ],
)
def test_source_genders(src: str, masc: bool, femn: bool) -> None:
    evidence = source_genders(src).evidence
    assert (bool(evidence["masc"]), bool(evidence["femn"])) == (masc, femn)


def _flags(src: str, mt: str, langs: Languages = Languages("ru", "en"), **params: object):
    check = SourceCheck(params, langs)
    return check.run([Segment(0, "s", mt, src=src)])[0].flags


def test_the_source_check_carries_the_findings_as_flags() -> None:
    flags = _flags("Он заявил, что не будет участвовать в выборах.", "she said she would not run")
    got = sorted((f.category, f.text, f.severity, f.suggestion) for f in flags)
    assert got == [
        ("capitalization", "she", "minor", "She"),
        ("gender", "she", "major", "he"),
        ("gender", "she", "major", "he"),
    ]
    assert all(f.check == "source" for f in flags)


def test_the_flags_can_be_switched_off() -> None:
    src, mt = LONG_SRC, LONG_MT
    assert [f.category for f in _flags(src, mt)] == ["punctuation"]
    assert _flags(src, mt, punctuation=False) == ()
    assert _flags("Он пришел.", "she came in", capitalization=False, gender=False) == ()


def test_gender_is_judged_only_from_russian_into_english() -> None:
    src = "Он заявил, что не будет участвовать в выборах."
    assert _flags(src, "She said she would not run.", Languages("uk", "en")) == ()


def test_a_copied_source_gets_the_copy_flag_only() -> None:
    src = "он заявил, что не будет участвовать в выборах."
    flags = _flags(src.capitalize(), src)
    assert [f.category for f in flags] == ["untranslated"]


@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # an ambiguous surname settled by the verb next to it (Трамп: his, or a woman's)
        (
            "Трамп пообещал, что его администрация примет меры.",
            "Trump promised that her administration would take action.",
            [("her", None)],
        ),
        (
            "Трамп пообещал, что его администрация примет меры.",
            "Trump promised that his administration would take action.",
            [],
        ),
        # a name's other readings (Ангела: «ангела») do not block the other gender
        (
            "Ангела Меркель заявила, что ее страна поддерживает санкции.",
            "Angela Merkel said his country supports the sanctions.",
            [("his", "her")],
        ),
    ],
)
def test_names_settled_by_their_neighbours(
    src: str, mt: str, expected: list[tuple[str, str | None]]
) -> None:
    found = [(mt[f.start : f.end], f.suggestion) for f in gender_findings(src, mt)]
    assert found == expected
