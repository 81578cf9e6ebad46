"""Three name gaps: Chinese names spelt from their Russian letters where the spelling is an English
word, a woman's surname told from a kept case ending by agreement, and long kept case endings."""

from __future__ import annotations

import pytest

from mtqa.checks.source.names import (
    agreement,
    chinese_name_words,
    misread_chinese,
    name_candidates,
    wade_giles,
)
from mtqa.checks.source.words import WORD
from tests.unit.names_fixture import name_flags


def _name_flags(src: str, mt: str) -> list[tuple[str | None, ...]]:
    return name_flags(src, mt, severity=True)


# Each flagged translation has a clean twin: the same source, the name spelt as news spells it.
@pytest.mark.parametrize(
    ("src", "mt", "expected"),
    [
        # 1. a Chinese syllable spelt from the Russian letters is judged though English knows the
        # word ("si", "van"): Pinyin is suggested
        (
            "Председатель КНР Си Цзиньпин прибыл в Москву.",
            "Chinese President Si Jinping arrived in Moscow.",
            [("Si", "Xi", "major")],
        ),
        (
            "Председатель КНР Си Цзиньпин прибыл в Москву.",
            "Chinese President Xi Jinping arrived in Moscow.",
            [],
        ),
        (
            "Ответ Си Цзиньпина прозвучал вчера.",
            "Si Jinping's answer came yesterday.",
            [("Si", "Xi", "major")],
        ),
        ("Ответ Си Цзиньпина прозвучал вчера.", "Xi Jinping's answer came yesterday.", []),
        (
            "Министр Ван И встретился с коллегой.",
            "Minister Van Yi met his counterpart.",
            [("Van", "Wang", "major")],
        ),
        ("Министр Ван И встретился с коллегой.", "Minister Wang Yi met his counterpart.", []),
        ("Премьер Ли Цян выступил.", "Premier Li Qiang spoke.", []),
        # a sentence-initial one-letter word is no Chinese family name (У: Wu), so "Kobe" stays
        ("У Коби был инстинкт убийцы.", "Kobe had a killer instinct.", []),
        # 2. agreement: a woman's surname in the nominative keeps its -a
        (
            "Певица Полина Гагарина заявила об этом.",
            "Singer Polina Gagarina said this.",
            [],
        ),
        ("Об этом сообщила Мария Лаврова.", "This was reported by Maria Lavrova.", []),
        ("Об этом сообщила Лаврова.", "This was reported by Lavrova.", []),
        ("Лаврова заявила об этом.", "Lavrova said this.", []),
        # ... a man's first name in the genitive makes the surname his: the kept -a is flagged
        (
            "Книга Ивана Гагарина вышла вчера.",
            "Ivan Gagarina's book came out yesterday.",
            [("Gagarina's", "Gagarin", "major")],
        ),
        ("Книга Ивана Гагарина вышла вчера.", "Ivan Gagarin's book came out yesterday.", []),
        # ... and a verb agreeing with a noun before the name says nothing of it
        (
            "Жена Лаврова заявила об этом.",
            "Lavrova's wife said this.",
            [("Lavrova's", "Lavrov", "major")],
        ),
        ("Жена Лаврова заявила об этом.", "Lavrov's wife said this.", []),
        # 3. a long kept case ending is judged, not dropped as a derived word
        (
            "Суд отказал Навальному в иске.",
            "The court refused Navalnomou.",
            [("Navalnomou", "Navalny", "minor")],
        ),
        (
            "Суд отказал Навальному в иске.",
            "The court refused Navalnomu's claim.",
            [("Navalnomu's", "Navalny", "minor")],
        ),
        ("Суд отказал Навальному в иске.", "The court refused Navalny's claim.", []),
        # a derived word is still no misspelling ("Lithuanian" for «Литвы»)
        ("Президент Литвы выступил.", "The Lithuanian president spoke.", []),
    ],
)
def test_name_gaps(src, mt, expected):
    assert _name_flags(src, mt) == expected


@pytest.mark.parametrize(
    ("syllable", "wg"),
    [
        ("cai", "tsai"),
        ("xiong", "hsiung"),
        ("zhang", "chang"),
        ("si", "ssu"),
        ("he", "ho"),
        ("li", "li"),
        ("jian", "chien"),
    ],
)
def test_wade_giles(syllable, wg):
    assert wade_giles(syllable) == wg


@pytest.mark.parametrize(
    ("word", "mt_word", "misread"),
    [
        ("Си", "Si", True),  # Pinyin Xi
        ("Ван", "Van", True),  # Pinyin Wang
        ("Си", "Xi", False),
        ("Ли", "Li", False),  # Russian letters and Pinyin agree
        ("Цай", "Tsai", False),  # Wade-Giles, as Taiwan writes it
        ("Цай", "Cai", False),
        ("Цзиньпин", "Jinping", False),
    ],
)
def test_misread_chinese(word, mt_word, misread):
    assert misread_chinese(name_candidates(word, chinese=True), mt_word) is misread


@pytest.mark.parametrize(
    ("src", "word", "expected"),
    [
        ("Певица Полина Гагарина заявила.", "Гагарина", ("femn", "nomn")),
        ("Книга Ивана Гагарина вышла.", "Гагарина", ("masc", "gent", "accs")),
        ("Об этом сообщила Лаврова.", "Лаврова", ("femn", "nomn")),
        ("Лаврова заявила об этом.", "Лаврова", ("femn", "nomn")),
        ("Жена Лаврова заявила об этом.", "Лаврова", ()),
        ("Об этом сообщил Лавров.", "Лавров", ()),  # a masculine verb tells nothing new
        ("Встреча Путина и Лаврова прошла.", "Лаврова", ()),
    ],
)
def test_agreement(src, word, expected):
    words = list(WORD.finditer(src))
    i = next(k for k, m in enumerate(words) if m.group() == word)
    assert agreement(src, words, i) == expected


def test_sentence_initial_letter_is_no_chinese_name():
    assert chinese_name_words("У Коби был инстинкт.") == set()
    src = "Министр Ван И прибыл."
    assert sorted(chinese_name_words(src)) == [src.index("Ван"), src.index(" И ") + 1]
