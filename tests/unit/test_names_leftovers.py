"""Names spelt the way no English text spells them: English twins of transliterations, what a
scholarly or French scheme leaves, kept case endings of adjective-shaped names, and (target only)
a well-known name with a Russian case ending kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.names import (
    _sentence_initial,
    english_twin,
    oblique_adjective,
    scheme_leftover,
    unknown_name_garble,
)
from mtqa.checks.vocabulary import VocabularyCheck
from mtqa.types import Segment

TUNING = Path(__file__).resolve().parents[1] / "data" / "names_tuning.tsv"


def _tuning_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TUNING.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        family, src, mt, span = (line.split("\t") + [""])[:4]
        rows.append((family, src, mt, span))
    return rows


def _name_flags(src: str | None, mt: str) -> list[tuple[str, str | None]]:
    checks = [VocabularyCheck(langs=Languages("ru", "en"))]
    if src is not None:
        checks.append(SourceCheck(langs=Languages("ru", "en")))
    out = []
    for check in checks:
        result = check.run([Segment(index=0, id="1", mt=mt, src=src)])[0]
        out += [(f.text, f.suggestion) for f in result.flags if f.category == "name"]
    return out


@pytest.mark.parametrize(("family", "src", "mt", "span"), _tuning_rows())
def test_tuning_rows_with_source(family: str, src: str, mt: str, span: str) -> None:
    flagged = {text for text, _ in _name_flags(src, mt)}
    if family == "clean":
        assert not flagged
    else:
        assert span in flagged


@pytest.mark.parametrize(
    ("src", "mt", "suggestion"),
    [
        ("Премьер Армении прибыл.", "The Prime Minister of Armenii arrived.", "Armenia"),
        ("Он прибыл в Вашингтон.", "He arrived in Vashington.", "Washington"),
        ("Пожар в Свердловской области.", "A fire in Sverdlovskoy Oblast.", "Sverdlovskaya"),
        (
            "Сторонники осуждённого Грозовского.",
            "Supporters of the convicted Grozovskogo.",
            "Grozovsky",
        ),
        ("Тиньков показал видео.", "Tin'kov showed a video.", "Tinkov"),
    ],
)
def test_suggestions(src: str, mt: str, suggestion: str) -> None:
    assert suggestion in {s for _, s in _name_flags(src, mt)}


@pytest.mark.parametrize(
    ("latin", "twin"),
    [
        ("Vashington", "Washington"),
        ("Drezden", "Dresden"),
        ("Armeniya", "Armenia"),
        ("Indiya", "India"),
        ("Washington", None),  # English knows it: no twin needed
        ("Vezel", None),  # "Vessel" doubles a letter: another word
        ("Zelenskiy", None),  # no well-known twin (Zelensky is merely known)
    ],
)
def test_english_twin(latin: str, twin: str | None) -> None:
    assert english_twin(latin) == twin


@pytest.mark.parametrize(
    ("src", "mt", "found"),
    [
        ("Тиньков", "Tin'kov", True),
        ("Казань", "Kazan'", True),
        ("Энгельс", "Engel's", False),  # a possessive, not a soft sign
        ("Свердловской", "Sverdlovskoï", True),
        ("Корэйба", "Koreïba", True),  # ï for й
        ("Науседа", "Nausėda", False),  # a Lithuanian name keeps its own letters
        ("Казань", "Kazan", False),
        ("Коломойский", "Kolomojskij", True),  # a Russian word in a foreign scheme's letters
        ("Коломойский", "Kolomoisky", False),
        ("Волгоград", "Wolgograd", False),  # в -> w is no scheme's spelling the table knows
        ("Хорн", "Chorn", False),  # not a Russian word: a foreign name may come back so
        ("Базилианьской", "Basilianska", False),  # Polish -ńsk- (-ньск-): no Russian surname
        ("Баранец", "Baranez", True),
    ],
)
def test_scheme_leftover(src: str, mt: str, found: bool) -> None:
    assert bool(scheme_leftover(src, mt)) is found


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Свердловской", "свердловская"),
        ("Грозовского", "грозовский"),
        ("Тверской", None),  # may be the nominative (Тверской бульвар)
        ("Успасских", None),  # an indeclinable surname
        ("Свердловская", None),
    ],
)
def test_oblique_adjective(word: str, nominative: str | None) -> None:
    assert oblique_adjective(word) == nominative


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        ("Интервью с А. Трефиловой", False),
        ("Дм. Быков", False),
        ("Это было в США. Трефилова", True),
        ("Он ушёл. Трефилова", True),
    ],
)
def test_initials_start_no_sentence(text: str, initial: bool) -> None:
    assert _sentence_initial(text, text.rfind(" ") + 1) is initial


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bidenom", "Biden"),
        ("Erdoganu", "Erdogan"),
        ("Macronom", "Macron"),
        ("Vashington", "Washington"),
        ("Navalnogo", "Navalny"),  # an adjective-shaped surname's oblique ending
        ("Zelenskomu", "Zelensky"),
        ("Kadyrovym", "Kadyrov"),
        ("Tszinpin", "Jinping"),  # a Chinese name spelt from its Russian (Palladius) letters
        ("Chzhao", "Zhao"),
        ("Czhao", "Zhao"),
        ("Tsyganov", None),  # a Russian surname, no Palladius cluster
        ("Gluhovskij", "Gluhovsky"),  # -ий as German or scholarly schemes write it
        ("Smolnyj", "Smolny"),
        ("Movtchan", "Movchan"),  # ч as the French scheme writes it
        ("Tcherneg", "Cherneg"),
        ("Fiji", None),
        ("Andrej", None),  # English knows the name as written
        ("Kinogo", None),  # a short -n- stem: a site's name
        ("Rokke", None),  # "Rookie" doubles another letter: no twin
        ("Trubetskoy", None),  # -skoy is a nominative (Трубецкой)
        ("Donskoy", None),
        ("Biden", None),
        ("Ivanova", None),  # a woman's surname English knows
        ("Lavrova", None),  # the -a of a woman's surname is no kept case ending of a lesser name
        ("Tartu", None),
        ("Kallas", None),
    ],
)
def test_unknown_name_garble(word: str, expected: str | None) -> None:
    garble = unknown_name_garble(word)
    assert (garble[0] if garble else None) == expected


@pytest.mark.parametrize(
    ("mt", "flagged"),
    [
        ("Macron met Bidenom in Paris.", ("Bidenom", "Biden")),
        ("Talks with Erdoganu ended late.", ("Erdoganu", "Erdogan")),
        ("Macron met Biden in Paris.", None),
        ("Olga Lavrova spoke in Tartu.", None),
    ],
)
def test_vocabulary_flags_kept_endings_without_source(
    mt: str, flagged: tuple[str, str] | None
) -> None:
    flags = _name_flags(None, mt)
    assert flags == ([flagged] if flagged else [])


@pytest.mark.parametrize(
    ("src", "mt", "flagged"),
    [
        # another convention's twin of a spelling English knows far better
        ("Владимир Путин выступил.", "Wladimir Putin spoke.", [("Wladimir", "Vladimir")]),
        ("Мы - Иван Голунов.", "We are Iwan Golunov.", [("Iwan", "Ivan")]),
        ("Владимир Путин выступил.", "Vladimir Putin spoke.", []),
        # news schemes' own variants and another form of the name stay good
        ("Наталья Поклонская заявила.", "Natalya Poklonskaya said.", []),
        ("Наталья Поклонская заявила.", "Natalia Poklonskaya said.", []),
        ("Владимир Зеленский выступил.", "Volodymyr Zelensky spoke.", []),
        # a plural name takes English -s, a surname's -ов is no plural
        ("Кто готовил убийство Скрипалей?", "Who plotted to kill the Skripals?", []),
        (
            "Адмирал флота Касатонов вошёл в строй.",
            "The Admiral Flota Kasatons entered service.",
            [("Kasatons", "Kasatonov")],
        ),
    ],
)
def test_conventions_and_plurals(src: str, mt: str, flagged: list[tuple[str, str]]) -> None:
    assert [f for f in _name_flags(src, mt) if f[0] in mt] == flagged


@pytest.mark.parametrize(
    ("src", "mt", "flagged"),
    [
        # the sentence shows a woman's surname in the nominative: the man's form drops her ending
        (
            'Будьте осторожны!" - написала Надежда Григорьева.',
            'Be careful!" wrote Nadezhda Grigoriev.',
            [("Grigoriev", "Grigoryeva")],
        ),
        (
            'Будьте осторожны!" - написала Надежда Григорьева.',
            'Be careful!" wrote Nadezhda Grigorieva.',
            [],
        ),
        (
            "Певица Полина Гагарина заявила об этом.",
            "Singer Polina Gagarin said this.",
            [("Gagarin", "Gagarina")],
        ),
        ("Певица Полина Гагарина заявила об этом.", "Singer Polina Gagarina said this.", []),
        # a man's case form keeps the man's nominative
        ("Встреча Ивана Гагарина с классом.", "Ivan Gagarin's meeting with the class.", []),
    ],
)
def test_dropped_feminine(src: str, mt: str, flagged: list[tuple[str, str]]) -> None:
    assert _name_flags(src, mt) == flagged


@pytest.mark.parametrize(
    ("src", "mt", "flagged"),
    [
        # the first name shows a man's surname in the genitive: the nominative is wanted even
        # where English does not know the name
        (
            "Отставка Дениса Шмыгаля обсуждается.",
            "The resignation of Denis Shmygalya is being discussed.",
            [("Shmygalya", "Shmygal")],
        ),
        (
            "Отставка Дениса Шмыгаля обсуждается.",
            "The resignation of Denys Shmyhal is discussed.",
            [],
        ),
        ("Премьер Денис Шмыгаль заявил.", "Prime Minister Denys Shmyhal said.", []),
        # -ым may be an -ов surname's instrumental (Евменовым: Yevmenov)
        (
            "Путин говорил с адмиралом Николаем Евменовым.",
            "Putin spoke with Admiral Nikolai Yevmenov.",
            [],
        ),
    ],
)
def test_case_form_shown_by_first_name(src: str, mt: str, flagged: list[tuple[str, str]]) -> None:
    assert _name_flags(src, mt) == flagged
