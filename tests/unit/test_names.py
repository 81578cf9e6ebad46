"""Names the way news spells them: Palladius -> Pinyin, several transliteration schemes, lemmas."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source import names as names_mod
from mtqa.checks.source.names import (
    chinese_name_words,
    name_candidates,
    palladius_syllables,
    palladius_table,
)
from mtqa.types import Segment


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Лицзянь", ("li", "jian")),
        ("Цзиньпин", ("jin", "ping")),
        ("Цян", ("qiang",)),
        ("Чжао", ("zhao",)),
        ("Хуэй", ("hui",)),
        ("Сюй", ("xu",)),
        ("Петров", None),  # no Palladius syllable "пе"
        ("Москва", None),
    ],
)
def test_palladius_syllables(word, syllables):
    assert palladius_syllables(word) == syllables


def test_palladius_table_is_one_to_one():
    table = palladius_table()
    assert len(table) > 400
    assert table["цзянь"] == "jian" and table["цзян"] == "jiang" and table["чжэн"] == "zheng"


@pytest.mark.parametrize(
    ("src", "chinese"),
    [
        ("Премьер Госсовета Ли Цян провел переговоры.", ["Ли", "Цян"]),
        ("Министр Ван И прибыл в Москву.", ["Ван", "И"]),
        ("Официальный представитель Чжао Лицзянь заявил.", ["Чжао", "Лицзянь"]),
        ("Председатель Си Цзиньпин встретился с ним.", ["Си", "Цзиньпин"]),
        # Russian names are not read as Chinese, even where their syllables would fit
        ("Иван Петров и Анна Ли пришли.", []),
        ("Анна Ван пришла.", []),
    ],
)
def test_chinese_names_are_found_in_the_source(src, chinese):
    starts = chinese_name_words(src)
    assert sorted(
        src[s : s + len(w)] for s in starts for w in chinese if src.startswith(w, s)
    ) == sorted(chinese)
    assert len(starts) == len(chinese)


@pytest.mark.parametrize(
    ("src_word", "mt_word", "good"),
    [
        ("Мицотакис", "Mitsotakis", True),
        ("Мицотакиса", "Mitsotakis", True),  # genitive in the source
        ("Эрдогану", "Erdogan", True),  # dative
        ("Шмыгаль", "Shmyhal", True),  # Ukrainian г -> h
        ("Шмыгаля", "Shmyhal", True),
        ("Шмыгаль", "Shmygal", True),
        ("Зеленского", "Zelensky", True),
        ("Зеленского", "Zelenskiy", True),
        ("Алексея", "Alexei", True),  # кс -> x, й -> i
        ("Хабаровска", "Khabarovsk", True),
        ("Цхинвали", "Tskhinvali", True),
        ("Олю", "Olya", True),  # accusative of Оля
        ("Хосепа", "Josep", True),  # х -> j
        ("Лаврова", "Lavroff", False),
        ("Новака", "Nowak", False),
        ("Пескова", "Pesckov", False),
        ("Калязина", "Kalyzazin", False),
    ],
)
def test_candidate_spellings(src_word, mt_word, good):
    assert name_candidates(src_word).rendered_by(mt_word) is good


@pytest.mark.parametrize(
    ("word", "mt_word", "good", "best"),
    [
        ("Цян", "Qiang", True, "Qiang"),
        ("Цян", "Tsyan", False, "Qiang"),
        ("Лицзянь", "Lijian", True, "Lijian"),
        ("И", "Yi", True, "Yi"),
        ("Ван", "Wang", True, "Wang"),
    ],
)
def test_palladius_names_take_pinyin(word, mt_word, good, best):
    cands = name_candidates(word, chinese=True)
    assert cands.chinese
    assert cands.rendered_by(mt_word) is good
    assert cands.best() == best


def _name_flags(src: str, mt: str) -> list[tuple[str, str | None, str]]:
    check = SourceCheck(langs=Languages("ru", "en"))
    result = check.run([Segment(index=0, id="1", mt=mt, src=src)])[0]
    return [(f.text, f.suggestion, f.severity) for f in result.flags if f.category == "name"]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        ("Премьер Госсовета КНР Ли Цян провел переговоры.", "Chinese Premier Li Qiang held talks."),
        (
            "Министр иностранных дел Китая Ван И прибыл в Москву.",
            "Foreign Minister Wang Yi arrived in Moscow.",
        ),
        (
            "Официальный представитель МИД КНР Чжао Лицзянь заявил об этом.",
            "Foreign Ministry spokesman Zhao Lijian said this.",
        ),
        (
            "Премьер-министр Украины Денис Шмыгаль заявил об этом.",
            "Prime Minister Denys Shmyhal said this.",
        ),
        (
            "Премьер Греции Кириакос Мицотакис прибыл в Анкару к Эрдогану.",
            "Greek Prime Minister Kyriakos Mitsotakis arrived in Ankara to see Erdogan.",
        ),
        # a name English text knows is never garbled because the genitive transliterates otherwise
        (
            "Клуб Хосепа Гвардиолы остался на втором месте.",
            "Josep Guardiola's club remained second.",
        ),
        ("В реке Янцзы поднялась вода.", "The water rose in the Yangtze River."),
    ],
)
def test_good_name_spellings_are_not_flagged(src, mt):
    assert _name_flags(src, mt) == []


@pytest.mark.parametrize(
    ("src", "mt", "word", "suggestion", "severity"),
    [
        (
            "Премьер Госсовета КНР Ли Цян провел переговоры.",
            "Chinese Premier Li Tsyan held talks.",
            "Tsyan",
            "Qiang",
            "major",
        ),
        (
            "Официальный представитель МИД КНР Чжао Лицзянь заявил об этом.",
            "Foreign Ministry spokesman Zhao Litszyan said this.",
            "Litszyan",
            "Lijian",
            "major",
        ),
        (
            "Министр иностранных дел Сергей Лавров прибыл в Анкару.",
            "Foreign Minister Sergei Lavroff arrived in Ankara.",
            "Lavroff",
            "Lavrov",
            "minor",
        ),
        (
            "В переговорах участвовал вице-премьер Александр Новак.",
            "The talks were attended by Deputy Prime Minister Alexander Nowak.",
            "Nowak",
            "Novak",
            "minor",
        ),
    ],
)
def test_garbled_names_are_flagged_with_the_usual_spelling(src, mt, word, suggestion, severity):
    assert (word, suggestion, severity) in _name_flags(src, mt)


def test_without_pymorphy3_case_endings_are_guessed(monkeypatch):
    def missing():
        raise ImportError("pymorphy3")

    monkeypatch.setattr(names_mod, "_morph", missing)
    names_mod._lemmas.cache_clear()
    names_mod.name_candidates.cache_clear()
    try:
        cands = name_candidates("Лаврова")
        assert cands.rendered_by("Lavrov")
        assert cands.best() == "Lavrov"
    finally:
        names_mod._lemmas.cache_clear()
        names_mod.name_candidates.cache_clear()


@pytest.mark.parametrize(
    ("word", "garbled", "best"),
    [
        ("Токаев", "Tokayevv", "Tokayev"),  # not "Tokai"/"Tokay", lemmas of a common noun
        ("Лаврова", "Lavroff", "Lavrov"),  # genitive in the source, nominative suggested
        ("Шмыгаля", "Shmygall", "Shmygal"),
    ],
)
def test_suggestion_is_the_form_the_garble_was_meant_to_be(word, garbled, best):
    assert name_candidates(word).best(near=garbled) == best


@pytest.mark.parametrize(
    ("word", "latin", "match"),
    [
        ("мицотакис", "mitsotakis", True),
        ("мицотакис", "mitzotakis", True),
        ("шмыгаль", "shmyhal", True),
        ("алексей", "alexei", True),
        ("дмитрий", "dmitry", True),
        ("дмитрий", "dmitriy", True),
        ("цхинвали", "tskhinvali", True),
        ("лавров", "lavroff", False),
        ("песков", "pesckov", False),
        ("песков", "peskov" * 6, False),  # length bound
    ],
)
def test_scheme_match(word, latin, match):
    from mtqa.checks.source.names import scheme_match

    assert scheme_match(word, latin) is match
