"""Names of the ninth pass: Ukrainian and Belarusian forms of a Russian name, English words made
from a place, a name's own single letter for a Russian double one, Vietnamese names that start
with Palladius-like syllables, adjective-shaped names with their case ending kept, Arabic names
Russian writes without their final h, and quoted names the dictionary does not know.

Each garbled translation has a clean twin (the same source, the name as English news writes it).
The sentences are not those of tests/data/names_tuning3.tsv (the tuning set of this pass)."""

from __future__ import annotations

import pytest

from mtqa.checks.source.names import (
    chinese_name_words,
    convention_spellings,
    dictionary_case_form,
    east_slavic_forms,
    oblique_adjective,
    palladius_syllables,
    source_names,
)
from tests.unit.names_fixture import name_flags


def _name_flags(src: str, mt: str) -> list[tuple[str | None, ...]]:
    return name_flags(src, mt)


@pytest.mark.parametrize(
    ("src", "mt", "expected"),
    [
        # Ukrainian forms English news writes (Алексей -> Олексій, Кирилл -> Кирило, Кривой Рог
        # -> Кривий Ріг) and the Belarusian one (Александр -> Аляксандр): good
        (
            "Глава Минобороны Украины Алексей Резников прибыл.",
            "Ukrainian Defence Minister Oleksii Reznikov arrived.",
            [],
        ),
        (
            "Глава ГУР Кирилл Буданов заявил об ударе.",
            "Intelligence chief Kyrylo Budanov reported a strike.",
            [],
        ),
        ("Удар пришелся по Кривому Рогу.", "The strike hit Kryvyi Rih.", []),
        ("Удар пришелся по Кривому Рогу.", "The strike hit Krivoy Rog.", []),
        (
            "Президент Белоруссии Александр Лукашенко прибыл в Москву.",
            "Belarusian President Aliaksandr Lukashenka arrived in Moscow.",
            [],
        ),
        # English's people's word of a place it knows well: no garbled place name
        ("Посол Омана прибыл в МИД.", "The Omani ambassador arrived at the ministry.", []),
        ("Делегация Узбекистана прибыла.", "The Uzbekistani delegation arrived.", []),
        # a case ending kept is still one ("Armenii": Armenia + i, no word English knows)
        (
            "Премьер Армении прибыл в Москву.",
            "The Prime Minister of Armenii arrived in Moscow.",
            [("Armenii", "Armenia")],
        ),
        # a single letter for the Russian double one, as the place's own language writes it
        ("Порт Одессы закрыт.", "The port of Odesa is closed.", []),
        # a Vietnamese name whose first syllables Palladius also has: not a Chinese name
        (
            "Бывший премьер Во Ван Киет умер в Сингапуре.",
            "Former Prime Minister Vo Van Kiet died in Singapore.",
            [],
        ),
        # an adjective-shaped place with its oblique ending kept, though English does not know
        # the nominative: flagged, the nominative suggested
        (
            "Жители Рудного вышли на субботник.",
            "Residents of Rudnogo came out for a clean-up day.",
            [("Rudnogo", "Rudny")],
        ),
        (
            "Жители Рудного вышли на субботник.",
            "Residents of Rudny came out for a clean-up day.",
            [],
        ),
        # Arabic -ah, which Russian drops: the spelling English knows is suggested
        (
            "Делегация прибыла в Рамаллу.",
            "The delegation arrived in Ramalla.",
            [("Ramalla", "Ramallah")],
        ),
        ("Делегация прибыла в Рамаллу.", "The delegation arrived in Ramallah.", []),
        # a quoted name the dictionary does not know is judged ...
        (
            "Санкции против «Хезболлы» продлены.",
            "Sanctions against Khezbolly were extended.",
            [("Khezbolly", "Hezbollah")],
        ),
        ("Санкции против «Хезболлы» продлены.", "Sanctions against Hezbollah were extended.", []),
        # ... only against a spelling English knows (a brand written back from Russian letters
        # is no garble), and a quoted common word not at all ("Tsirkon" for «Циркон»)
        ("Офис «Вайлдберриз» переехал.", "The Wildberries office moved.", []),
        (
            "Минобороны испытало ракету «Циркон».",
            "The Defense Ministry tested the Tsirkon missile.",
            [],
        ),
        # a spelling that differs from one English knows (zipf >= 2) in its consonants only,
        # unknown itself: х as kh where English writes h
        (
            "Хасан Роухани прибыл в Москву.",
            "Hassan Roukhani arrived in Moscow.",
            [("Roukhani", "Rouhani")],
        ),
        ("Хасан Роухани прибыл в Москву.", "Hassan Rouhani arrived in Moscow.", []),
        # an h the Russian spelling drops (Гар, Ваан): the name's own spelling, no garble
        (
            "Премьер Норвегии Йонас Гар Стёре прибыл.",
            "Norwegian Prime Minister Jonas Gahr Store arrived.",
            [],
        ),
        ("Министр Ваан Оганнисян прибыл.", "Minister Vahan Ogannisyan arrived.", []),
        # a word English knows that spells a foreign name by its own language's convention,
        # however better known another spelling is (French о -> ot) ...
        ("Министр Жан-Ноэль Барро прибыл.", "Minister Jean-Noel Barrot arrived.", []),
        # ... but not a name the Russian dictionary reads as one (Новак: Polish "Nowak")
        (
            "Вице-премьер Александр Новак провел совещание.",
            "Deputy Prime Minister Alexander Nowak held a meeting.",
            [("Nowak", "Novak")],
        ),
        # a town in -ск in an oblique case the adjective shares (Покровском), and Ukrainian в
        # before an initial у (Угледар -> Вугледар)
        ("Бои идут под Покровском.", "Fighting is going on near Pokrovsk.", []),
        ("Бои идут под Угледаром.", "Fighting is going on near Vuhledar.", []),
        # a name the dictionary knows only in an oblique case, spelt out whole with its ending,
        # though English does not know the nominative's spelling: flagged, the nominative
        # suggested
        (
            "Переговоры прошли в Иерусалиме.",
            "The talks took place in Ierusalime.",
            [("Ierusalime", "Iyerusalim")],
        ),
        ("Переговоры прошли в Иерусалиме.", "The talks took place in Jerusalem.", []),
        # y for the ы of a Turkic name of the former USSR, where Turkey's convention has i
        # (Kasim): English writes the Kazakh name so
        (
            "Касым-Жомарт Токаев провел совещание.",
            "Kasym-Zhomart Tokayev held a meeting.",
            [],
        ),
        # a Chinese name in a Russian case (Лицзяню, Цзиньпином, Цяна): Pinyin of the name
        # without the ending is good, the Russian letters with it are flagged
        ("Вопрос задали Чжао Лицзяню.", "The question was put to Zhao Lijian.", []),
        (
            "Путин встретился с Си Цзиньпином в Кремле.",
            "Putin met with Si Tszinpinom in the Kremlin.",
            [("Si", "Xi"), ("Tszinpinom", "Jinping")],
        ),
        (
            "Визит Ли Цяна в Берлин завершился.",
            "Li Tsyana's visit to Berlin ended.",
            [("Tsyana's", "Qiang")],
        ),
        # a guessed stem's English silent e is no spelling of the name in its own convention:
        # "Ryutte" spells «Рютте» letter by letter where English knows Rutte
        (
            "Генсек НАТО Марк Рютте выступил в Гааге.",
            "NATO chief Mark Ryutte spoke in The Hague.",
            [("Ryutte", "Rutte")],
        ),
        (
            "Генсек НАТО Марк Рютте выступил в Гааге.",
            "NATO chief Mark Rutte spoke in The Hague.",
            [],
        ),
    ],
)
def test_name_flags(src: str, mt: str, expected: list[tuple[str, str | None]]) -> None:
    assert _name_flags(src, mt) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("алексей", {"олексій", "аляксей"}),
        ("александр", {"олександр", "аляксандр"}),
        ("кирилл", {"кирило"}),
        ("харьков", {"харьків"}),
        ("рог", {"ріг"}),
        ("кривой", {"кривий"}),
        ("михаил", {"михайло"}),
        ("угледар", {"вугледар"}),
    ],
)
def test_east_slavic_forms(form: str, expected: set[str]) -> None:
    assert expected <= set(east_slavic_forms(form))


def test_east_slavic_forms_none() -> None:
    assert east_slavic_forms("москва") == ()
    assert east_slavic_forms("путин") == ()


def test_palladius_stretch_before_another_name_is_not_chinese() -> None:
    assert chinese_name_words("Президент Вьетнама Во Ван Тхыонг подал в отставку.") == set()
    src = "Глава МИД КНР Ван И прибыл в Москву."
    assert sorted(chinese_name_words(src)) == [src.index("Ван"), src.index(" И ") + 1]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Рудного", "рудный"),
        ("Толстому", "толстый"),
        ("Свердловской", "свердловская"),
        ("Того", None),
    ],
)
def test_oblique_adjective(word: str, expected: str | None) -> None:
    assert oblique_adjective(word) == expected


def test_arabic_final_h() -> None:
    assert "Ramallah" in convention_spellings("рамалла")
    assert "Nasrallah" in convention_spellings("насралла")


def test_quoted_names() -> None:
    # judged when the dictionary does not know the word, not required (it may be translated)
    names = {
        n.text: n for n in source_names("Удар по позициям «Хезболлы» нанесен ночью.", "ru", 4.5)
    }
    assert names["Хезболлы"].quoted and names["Хезболлы"].rare and not names["Хезболлы"].required
    # direct speech after a colon opens no quoted name
    names = {n.text: n for n in source_names("Он сказал: «Пепелац готов».", "ru", 4.5)}
    assert "Пепелац" not in names or not names["Пепелац"].quoted


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Бахмутом", ("бахмут",)),
        ("Женеве", ("женева",)),
        ("Лаврова", ()),  # also a woman's nominative
        ("Сочи", ()),  # indeclinable
        ("Орбаном", ()),  # a word the dictionary does not know
    ],
)
def test_dictionary_case_form(word: str, expected: tuple[str, ...]) -> None:
    assert dictionary_case_form(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Цзиньпина", ("jin", "ping")),
        ("Цзиньпином", ("jin", "ping")),
        ("Лицзяню", ("li", "jian")),
        ("Цзиньпин", ("jin", "ping")),
        ("Ли", ("li",)),
    ],
)
def test_palladius_case_endings(word: str, expected: tuple[str, ...]) -> None:
    assert palladius_syllables(word) == expected
