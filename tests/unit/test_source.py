from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck, name_similarity, numbers, transliterate
from mtqa.types import Segment

RU_EN = Languages("ru", "en")

# (src, mt, expected (category, flagged text) pairs)
GARBLED = [
    ("В 2020 году экономика выросла.", "In 2021, the economy grew.", [("number", "2021")]),
    ("Рост составил 1,5 млрд рублей.", "Growth was 1.5 million rubles.", [("number", "1.5")]),
    ("Встреча состоится 5 мая.", "The meeting will take place on June 5.", [("number", "June")]),
    ("Погибли 12 человек.", "13 people died.", [("number", "13")]),
    (
        "Об этом заявил губернатор Михаил Дегтярев.",
        "This was stated by Governor Mikhail Degtyarov.",
        [],
    ),
    (
        "Встреча состоится 5 мая в 15:30, сообщил Дмитрий Песков.",
        "Встреча состоится 5 мая в 15:30, сообщил Дмитрий Песков.",
        [("untranslated", "Встреча состоится 5 мая в 15:30, сообщил Дмитрий Песков.")],
    ),
    (
        "Об этом сообщил представитель ведомства Алексей Фургал.",
        "This was reported by the spokesman Alexei Furgan.",
        [("name", "Furgan")],
    ),
]

CLEAN = [
    (
        "В 2020 году Зеленский встретился с Путиным в Москве.",
        "In 2020, Zelenskyy met Putin in Moscow.",
    ),
    ("Рост ВВП составил 1,5% за 5 месяцев.", "GDP grew by 1.5% over five months."),
    ("Было продано 1 500 000 билетов.", "1.5 million tickets were sold."),
    ("Было продано 1 500 000 билетов.", "1,500,000 tickets were sold."),
    ("В 17 часов 47 минут поступило сообщение.", "At 5:47 PM, a report came in."),
    (
        "Встреча состоится 5 мая в 15:30, сообщил Дмитрий Песков.",
        "The meeting will be on May 5 at 3:30 p.m., Dmitry Peskov said.",
    ),
    ("Около четырех тысяч военнослужащих приняли участие.", "About 4000 servicemen took part."),
    (
        "Пресс-секретарь Зеленского Сергей Никифоров это подтвердил.",
        "Zelenskiy's spokesman Serhiy Nykyforov confirmed it.",
    ),
    (
        "Об этом сообщает губернатор Хабаровского края.",
        "This was reported by the governor of the Khabarovsk Territory.",
    ),
    ("Я очень и очень болен.", "I am very, very ill."),
    # words that stand for numbers, months in headlines and as adjectives, "тысячи" as a scale
    ("За сутки умерли 13 пациентов.", "In the past 24 hours, 13 patients died."),
    (
        "Июль уйдет с жарой, август начнется с прохлады",
        "July ends with heat, August starts off cool",
    ),
    ("Нужно вспомнить мартовские наработки.", "We need to remember what we worked on in March."),
    # every case of «май»: the dative «к маю» too
    ("Письмо относится к маю 1923 года.", "The letter dates from May 1923."),
    ("Все выборы перенесли с марта на май.", "All the elections were moved from March to May."),
    ("Эвакуируют 1,5 тысячи человек.", "1500 people are being evacuated."),
    # a name English text knows, against the transliteration of an inflected source form
    ("Клуб Хосепа Гвардиолы остался вторым.", "Josep Guardiola's club remained second."),
]


def _run(src: str, mt: str, langs: Languages = RU_EN):
    (result,) = SourceCheck(langs=langs).run([Segment(0, "s", mt, src=src)])
    return result


@pytest.mark.parametrize("src,mt,expected", GARBLED)
def test_garbled_translations_are_flagged(
    src: str, mt: str, expected: list[tuple[str, str]]
) -> None:
    result = _run(src, mt)
    found = {(f.category, f.text) for f in result.flags}
    for item in expected:
        assert item in found, (item, found)
    for f in result.flags:
        assert 0 <= f.start < f.end <= len(mt)
        assert mt[f.start : f.end] == f.text
        assert f.check == "source"
    assert result.scores["source_match"] < 100 or not expected


@pytest.mark.parametrize("src,mt", CLEAN)
def test_clean_translations_are_not_flagged(src: str, mt: str) -> None:
    result = _run(src, mt)
    assert result.flags == ()
    assert result.scores["source_match"] == pytest.approx(100.0)


def test_copy_is_critical_and_scores_zero() -> None:
    src = "Встреча состоится завтра в Москве."
    result = _run(src, src)
    (flag,) = [f for f in result.flags if f.category == "untranslated"]
    assert flag.severity == "critical"
    assert result.scores["source_match"] == 0.0


def test_number_suggestion_names_the_source_number() -> None:
    (flag,) = _run("В 2020 году экономика выросла.", "In 2021, the economy grew.").flags
    assert flag.suggestion == "2020"


def test_length_ratio_score_and_omission_flag() -> None:
    src = "Об этом говорится в сообщении пресс-службы губернатора Хабаровского края Михаила Дегтярева."
    mt = "This is stated in a message."
    result = _run(src, mt)
    assert result.scores["length_ratio"] == pytest.approx(len(mt) / len(src))
    (flag,) = [f for f in result.flags if f.category == "length"]
    assert flag.text == mt
    assert "omission" in flag.message


@pytest.mark.parametrize(
    "word,expected",
    [
        ("Зеленский", "Zelenskiy"),
        ("Хабаровск", "Khabarovsk"),
        ("Ельцин", "Yeltsin"),
        ("Щукин", "Shchukin"),
    ],
)
def test_bgn_pcgn_transliteration(word: str, expected: str) -> None:
    assert transliterate(word) == expected


@pytest.mark.parametrize(
    "src_word,mt_word,close",
    [
        ("Зеленский", "Zelensky", True),
        ("Зеленского", "Zelenskyy", True),
        ("Зеленский", "Zelenskiy", True),
        ("Путиным", "Putin", True),
        ("Алексей", "Alexei", True),
        ("Киев", "Kiev", True),
        ("Песков", "Lavrov", False),
        ("Шойгу", "Shoigu", True),
    ],
)
def test_name_similarity(src_word: str, mt_word: str, close: bool) -> None:
    assert (name_similarity(src_word, mt_word) >= 0.9) == close


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("1,5 млн", "ru", 1.5e6),
        ("1 000 человек", "ru", 1000.0),
        ("1,000 people", "en", 1000.0),
        ("3.5 billion", "en", 3.5e9),
        ("92万份", "zh", 920000.0),
    ],
)
def test_number_values(text: str, lang: str, value: float) -> None:
    (item,) = [i for i in numbers(text, lang) if not any(isinstance(v, tuple) for v in i.values)]
    assert value in item.values | item.scaled


def test_en_ru_names_and_numbers() -> None:
    langs = Languages("en", "ru")
    ok = _run(
        "Biden met Zelensky in Kyiv on 5 May.",
        "Байден встретился с Зеленским в Киеве 5 мая.",
        langs,
    )
    assert ok.flags == ()
    bad = _run(
        "Biden met Zelensky in Kyiv on 5 May.",
        "Байден встретился с Зеленским в Киеве 6 мая.",
        langs,
    )
    assert ("number", "6") in {(f.category, f.text) for f in bad.flags}


def test_order_invariance() -> None:
    pairs = [(s, m) for s, m, _ in GARBLED] + CLEAN
    check = SourceCheck(langs=RU_EN)
    forward = check.run([Segment(i, str(i), m, src=s) for i, (s, m) in enumerate(pairs)])
    rev = check.run([Segment(i, str(i), m, src=s) for i, (s, m) in enumerate(pairs[::-1])])
    assert forward == rev[::-1]


@pytest.mark.parametrize(
    "src, mt, suggestion",
    [
        # a month is suggested in English, not as the source's inflected word
        ("Дело было закрыто в июле.", "The case was closed in June.", "July"),
        # a decimal comma becomes the decimal point English writes
        ("Ставки упадут на 0,6 пункта.", "Rates will fall by 0.5 points.", "0.6"),
        ("Товарооборот вырос на 15 процентов.", "Trade grew by 12 percent.", "15"),
    ],
)
def test_number_suggestions_are_written_the_english_way(src, mt, suggestion) -> None:
    [flag] = SourceCheck().run([Segment(0, "s", mt, src=src)])[0].flags
    assert flag.category == "number" and flag.suggestion == suggestion
    assert "source has" in flag.message  # the message quotes the source as written
